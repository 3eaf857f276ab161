<?xml version="1.0" encoding="UTF-8"?>
<!--
  vn-admin-html.xsl - the administrative document model of vn-admin.xsl as a
  web page that looks like the paper: A4 sheets with the same header block,
  fonts and margins, the wide part on a sheet laid across (also when
  printed: CSS named pages), the fields to complete highlighted.

  A template calls "admin-html" with its model; see vn-admin.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:assess:document"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="d str exsl">
  <xsl:import href="vn-admin.xsl"/>

  <xsl:template name="admin-html">
    <xsl:param name="model"/>
    <xsl:choose>
      <!-- a piece of a document in pieces (vn-admin.xsl): the rows only -->
      <xsl:when test="$model/d:piece">
        <xsl:for-each select="$model/d:piece//d:table/d:row"><xsl:call-template name="h-row"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="admin-html-page"><xsl:with-param name="doc" select="$model/d:document"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="admin-html-page">
    <xsl:param name="doc"/>
    <html lang="{$L}">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="assess {/results/@tool-version}"/>
        <title><xsl:value-of select="$doc/@title"/></title>
        <style>
body { margin: 0; background: #d9dde1; color: #000;
       font-family: "Times New Roman", Tinos, "Liberation Serif", Times, serif; font-size: 14pt; }
.sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; box-sizing: border-box;
         padding: 20mm 15mm 20mm 30mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.sheet.wide { width: 297mm; min-height: 210mm; page: wide; }
p { margin: 6pt 0 0; line-height: 1.15; text-align: justify; text-indent: 1cm; }
table.head { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.head td { vertical-align: top; text-align: center; padding: 0; }
table.head td.left { width: 37.9%; }
table.head p { text-align: center; text-indent: 0; margin: 0; line-height: 1.2; }
.parent { font-size: 12pt; text-transform: uppercase; }
.issuer, .national { font-size: 12pt; font-weight: bold; text-transform: uppercase; }
.motto { font-size: 13pt; font-weight: bold; }
.ruled { display: inline-block; }
.ruled::after { content: ""; display: block; margin: 1pt auto 0; border-top: 1px solid #000; }
.issuer .ruled::after { width: 40%; }
.motto .ruled::after { width: 100%; }
.number { font-size: 13pt; margin-top: 6pt !important; }
.subject { font-size: 12pt; margin-top: 6pt !important; }
.place-date { font-size: 13pt; font-style: italic; margin-top: 6pt !important; }
p.title { text-align: center; text-indent: 0; font-weight: bold; text-transform: uppercase; margin-top: 18pt; }
p.summary { text-align: center; text-indent: 0; font-weight: bold; margin-top: 0; }
p.to { text-align: center; text-indent: 0; margin: 18pt 0 6pt; }
div.to { margin: 18pt 0 6pt 25mm; }
div.to p { text-indent: 0; margin: 0 0 0 20mm; }
div.to p.label { margin-left: 0; }
h2 { font-size: 14pt; font-weight: bold; margin: 9pt 0 0; text-indent: 1cm; }
p.note { font-size: 11pt; font-style: italic; text-indent: 0; margin-top: 3pt; }
p.item::before { content: "- "; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6pt 0 3pt; font-size: 12pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1pt 3pt; vertical-align: top; text-align: left;
                               overflow-wrap: break-word; line-height: 1.15; }
table.grid th { font-size: 90%; background: #f2f2f2; text-align: center; vertical-align: middle; font-weight: bold; }
table.grid td.center { text-align: center; }
table.grid td.right { text-align: right; }
table.grid tr { break-inside: avoid; }
table.grid tr.group td, table.grid tr.total td { background: #f2f2f2; font-weight: bold; }
table.closing { width: 100%; border-collapse: collapse; margin-top: 12pt; break-inside: avoid; }
table.closing td { vertical-align: top; padding: 0; }
table.closing td.left { width: 45.5%; }
.recipients-label { font-size: 12pt; font-weight: bold; font-style: italic; margin: 12pt 0 0; text-indent: 0; }
.recipients { font-size: 11pt; margin: 0; text-indent: 0; text-align: left; }
.signer { text-align: center; text-indent: 0; font-weight: bold; text-transform: uppercase; margin: 0; }
.signer.first { margin-top: 12pt; }
.signature-space { height: 30mm; }
.signer-name { text-align: center; text-indent: 0; font-weight: bold; margin: 0; }
.sources { margin-top: 24pt; border-top: 1px solid #808080; padding-top: 3pt; font-size: 9pt; font-style: italic; }
.sources p { text-indent: 0; margin: 0; text-align: left; }
.sources p.label { font-weight: bold; }
.todo { background: #ffeb3b; }
.todo small { font-style: italic; font-size: 80%; }
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page wide { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
@media print {
  body { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .sheet.wide { width: auto; min-height: 0; }
  .sheet + .sheet { break-before: page; }
  thead { display: table-header-group; }
}
        </style>
      </head>
      <body>
        <!-- the sheets: upright, then each wide part and what follows it -->
        <div class="sheet">
          <xsl:apply-templates select="$doc/d:head | $doc/d:title | $doc/d:to" mode="h"/>
          <xsl:apply-templates select="$doc/d:body/*[not(self::d:landscape) and not(preceding-sibling::d:landscape)]" mode="h"/>
          <xsl:if test="not($doc/d:body/d:landscape)">
            <xsl:apply-templates select="$doc/d:closing | $doc/d:sources" mode="h"/>
          </xsl:if>
        </div>
        <xsl:for-each select="$doc/d:body/d:landscape">
          <xsl:variable name="k" select="count(preceding-sibling::d:landscape) + 1"/>
          <div class="sheet wide">
            <xsl:apply-templates select="*" mode="h"/>
          </div>
          <xsl:variable name="after" select="following-sibling::*[not(self::d:landscape)][count(preceding-sibling::d:landscape) = $k]"/>
          <xsl:if test="$after or not(following-sibling::d:landscape)">
            <div class="sheet">
              <xsl:apply-templates select="$after" mode="h"/>
              <xsl:if test="not(following-sibling::d:landscape)">
                <xsl:apply-templates select="$doc/d:closing | $doc/d:sources" mode="h"/>
              </xsl:if>
            </div>
          </xsl:if>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <!-- inline -->
  <xsl:template match="text()" mode="h-inline"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="d:b" mode="h-inline"><b><xsl:apply-templates mode="h-inline"/></b></xsl:template>
  <xsl:template match="d:i" mode="h-inline"><i><xsl:apply-templates mode="h-inline"/></i></xsl:template>
  <xsl:template match="d:br" mode="h-inline"><br/></xsl:template>
  <xsl:template match="d:todo" mode="h-inline">
    <span class="todo">
      <xsl:text>……</xsl:text>
      <xsl:if test="normalize-space(.) != ''">
        <small>
          <xsl:text>[</xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.todo'"/></xsl:call-template>
          <xsl:value-of select="concat(': ', normalize-space(.), ']')"/>
        </small>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- ô 1-5b -->
  <xsl:template match="d:head" mode="h">
    <table class="head">
      <tr>
        <td class="left">
          <xsl:if test="d:parent"><p class="parent"><xsl:apply-templates select="d:parent/node()" mode="h-inline"/></p></xsl:if>
          <xsl:variable name="issuer-lines">
            <d:x><xsl:call-template name="admin-split"><xsl:with-param name="node" select="d:issuer"/></xsl:call-template></d:x>
          </xsl:variable>
          <p class="issuer"><span class="ruled"><xsl:apply-templates select="exsl:node-set($issuer-lines)/d:x/node()" mode="h-inline"/></span></p>
        </td>
        <td>
          <p class="national"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.national-title'"/></xsl:call-template></p>
          <p class="motto"><span class="ruled"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.motto'"/></xsl:call-template></span></p>
        </td>
      </tr>
      <tr>
        <td class="left">
          <p class="number">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.number'"/></xsl:call-template>
            <xsl:apply-templates select="d:number/node()" mode="h-inline"/>
          </p>
          <xsl:if test="d:subject">
            <p class="subject">
              <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.re'"/></xsl:call-template>
              <xsl:apply-templates select="d:subject/node()" mode="h-inline"/>
            </p>
          </xsl:if>
        </td>
        <td><p class="place-date"><xsl:apply-templates select="d:place-date/node()" mode="h-inline"/></p></td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template match="d:title" mode="h">
    <p class="title"><xsl:apply-templates mode="h-inline"/></p>
    <xsl:for-each select="following-sibling::d:summary[1]">
      <p class="summary"><span class="ruled"><xsl:apply-templates mode="h-inline"/></span></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="d:to" mode="h">
    <xsl:variable name="label"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.to'"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="count(d:item) = 1">
        <p class="to"><xsl:value-of select="$label"/><xsl:apply-templates select="d:item/node()" mode="h-inline"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="to">
          <p class="label"><xsl:value-of select="$label"/></p>
          <xsl:for-each select="d:item">
            <p><xsl:text>- </xsl:text><xsl:apply-templates mode="h-inline"/>
              <xsl:choose><xsl:when test="position() = last()">.</xsl:when><xsl:otherwise>;</xsl:otherwise></xsl:choose></p>
          </xsl:for-each>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:h" mode="h"><h2><xsl:apply-templates mode="h-inline"/></h2></xsl:template>
  <xsl:template match="d:p" mode="h">
    <p>
      <xsl:if test="@indent = 'no'"><xsl:attribute name="style">text-indent: 0</xsl:attribute></xsl:if>
      <xsl:apply-templates mode="h-inline"/>
    </p>
  </xsl:template>
  <xsl:template match="d:note" mode="h"><p class="note"><xsl:apply-templates mode="h-inline"/></p></xsl:template>
  <xsl:template match="d:list" mode="h">
    <xsl:for-each select="d:item">
      <p class="item"><xsl:apply-templates mode="h-inline"/>
        <xsl:choose><xsl:when test="position() = last()">.</xsl:when><xsl:otherwise>;</xsl:otherwise></xsl:choose></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="d:table" mode="h">
    <xsl:variable name="sum" select="sum(str:tokenize(@widths, ' '))"/>
    <table class="grid">
      <xsl:if test="@size"><xsl:attribute name="style">font-size: <xsl:value-of select="@size div 2"/>pt</xsl:attribute></xsl:if>
      <colgroup>
        <xsl:for-each select="str:tokenize(@widths, ' ')">
          <col style="width: {format-number(100 * number(.) div $sum, '0.##')}%"/>
        </xsl:for-each>
      </colgroup>
      <thead>
        <xsl:for-each select="d:hrow">
          <tr><xsl:for-each select="d:cell"><th><xsl:apply-templates mode="h-inline"/></th></xsl:for-each></tr>
        </xsl:for-each>
      </thead>
      <tbody>
        <xsl:for-each select="d:row | d:pieces">
          <xsl:choose>
            <xsl:when test="self::d:pieces"><xsl:comment>assess:rows <xsl:value-of select="@name"/></xsl:comment></xsl:when>
            <xsl:otherwise><xsl:call-template name="h-row"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- one d:row; a cell with @span covers that many columns -->
  <xsl:template name="h-row">
    <tr>
      <xsl:if test="@role"><xsl:attribute name="class"><xsl:value-of select="@role"/></xsl:attribute></xsl:if>
      <xsl:for-each select="d:cell">
        <td>
          <xsl:if test="@span"><xsl:attribute name="colspan"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
          <xsl:if test="@align"><xsl:attribute name="class"><xsl:value-of select="@align"/></xsl:attribute></xsl:if>
          <xsl:apply-templates mode="h-inline"/>
        </td>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="d:closing" mode="h">
    <table class="closing">
      <tr>
        <td class="left">
          <p class="recipients-label"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.recipients'"/></xsl:call-template></p>
          <xsl:for-each select="d:recipients/d:item">
            <p class="recipients"><xsl:text>- </xsl:text><xsl:apply-templates mode="h-inline"/>;</p>
          </xsl:for-each>
          <p class="recipients">
            <xsl:text>- </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.archive'"/></xsl:call-template>
            <xsl:apply-templates select="d:recipients/d:archive/node()" mode="h-inline"/>.</p>
        </td>
        <td>
          <xsl:for-each select="d:signer/d:authority | d:signer/d:position">
            <p class="signer">
              <xsl:if test="position() = 1"><xsl:attribute name="class">signer first</xsl:attribute></xsl:if>
              <xsl:apply-templates mode="h-inline"/>
            </p>
          </xsl:for-each>
          <div class="signature-space"></div>
          <p class="signer-name"><xsl:apply-templates select="d:signer/d:name/node()" mode="h-inline"/></p>
        </td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template match="d:sources" mode="h">
    <div class="sources">
      <p class="label"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources'"/></xsl:call-template></p>
      <xsl:for-each select="d:item">
        <p>
          <xsl:if test="@role"><xsl:attribute name="class"><xsl:value-of select="@role"/></xsl:attribute></xsl:if>
          <xsl:apply-templates mode="h-inline"/>
        </p>
      </xsl:for-each>
    </div>
  </xsl:template>
</xsl:stylesheet>
