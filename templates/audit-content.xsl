<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit-content.xsl - what the audit report says, as the document model of
  docx/vn-admin.xsl: a report (Decree 30/2020, "Báo cáo") issued by the
  auditor, over the results of one run (or of one owner, with owner):

    1. scope and basis: the systems and owners, the rule set(s), the dates,
       and that the findings are drawn from the inventory and to be verified;
    2. findings by severity: one row per finding code and severity, with its
       key (N1, C1, T1 ...), the systems that have it and its legal basis
       (finding/@basis-vi | @basis-en: assess/reports/finding_text.c);
    3. the matrix, on pages laid across: a row per system with at least one
       finding (grouped by owner when there are several; the systems without
       one are counted in a note), a column per finding key, "x" where the
       system has it, its own totals per severity, and a last row with the
       systems per finding; a legend of the keys;
    4. conclusions and recommendations: a field for the auditor.

  audit.xsl renders the model as a web page, audit-docx.xsl as a Word
  document; audit-csv.xsl is the findings table for working papers.

  The issuing body, number, date, addressees, recipients and signer are the
  auditor's: the settings file's <document report="audit"> (and the
  defaults of a <document> with neither report nor owner), never the
  owner's own <document owner="..."> (criteria/schema/settings.md). What
  the settings do not give is a field to complete.

  In pieces (docx/vn-admin.xsl): the matrix's rows are the piece 'matrix'.
  Linear: the summary gives the columns and totals; the systems are walked
  once for the matrix; the bases of a finding code come from a key.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:assess:document"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="d exsl str">

  <xsl:key name="audit-code" match="/results/system/finding" use="concat(@code, '/', @severity)"/>
  <xsl:key name="audit-basis" match="/results/system/finding"
           use="concat(@code, '/', @severity, '/', @basis-vi, '/', @basis-en)"/>

  <!-- the columns of the matrix: every finding code and severity of the run,
       critical first (results.c sorts them) -->
  <xsl:variable name="audit-codes" select="/results/summary/finding-code"/>

  <xsl:template name="audit-model">
    <xsl:variable name="r" select="/results"/>
    <xsl:variable name="owners" select="$r/summary/owner"/>
    <xsl:variable name="owner-id">
      <xsl:if test="count($owners) = 1"><xsl:value-of select="$owners/@id"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <!-- a piece of the document in pieces: the matrix's rows -->
      <xsl:when test="$piece = 'matrix'">
        <d:piece><d:landscape><xsl:call-template name="audit-matrix"/></d:landscape></d:piece>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="audit-document">
          <xsl:with-param name="owners" select="$owners"/>
          <xsl:with-param name="owner-id" select="string($owner-id)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="audit-document">
    <xsl:param name="owners"/>
    <xsl:param name="owner-id"/>
    <xsl:variable name="r" select="/results"/>
    <!-- the auditor's details: never the owner's own document -->
    <xsl:variable name="cfg-tree">
      <xsl:call-template name="admin-settings">
        <xsl:with-param name="report" select="'audit'"/>
        <xsl:with-param name="owner" select="$owner-id"/>
        <xsl:with-param name="owner-documents" select="false()"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cfg" select="exsl:node-set($cfg-tree)/d:cfg"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'title.audit'"/></xsl:call-template>
    </xsl:variable>
    <d:document title="{$title}">
      <xsl:attribute name="lang">
        <xsl:choose><xsl:when test="$L = 'vi'">vi-VN</xsl:when><xsl:otherwise>en-GB</xsl:otherwise></xsl:choose>
      </xsl:attribute>
      <d:head>
        <xsl:if test="$cfg/issuer/@parent"><d:parent><xsl:value-of select="$cfg/issuer/@parent"/></d:parent></xsl:if>
        <d:issuer>
          <xsl:choose>
            <xsl:when test="$cfg/issuer/@name"><xsl:value-of select="$cfg/issuer/@name"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'audit.todo.issuer'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </d:issuer>
        <d:number><xsl:call-template name="admin-number"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:number>
        <d:place-date><xsl:call-template name="admin-place-date"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:place-date>
      </d:head>
      <d:title><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.type'"/></xsl:call-template></d:title>
      <d:summary>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.summary'"/></xsl:call-template>
        <xsl:if test="$owner-id != ''">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.summary.of'"/></xsl:call-template>
          <xsl:value-of select="$owners/@name"/>
          <xsl:if test="not($owners/@name)"><xsl:value-of select="$owners/@id"/></xsl:if>
        </xsl:if>
      </d:summary>
      <xsl:if test="$cfg/to">
        <d:to><xsl:for-each select="$cfg/to"><d:item><xsl:value-of select="."/></d:item></xsl:for-each></d:to>
      </xsl:if>
      <d:body>
        <xsl:call-template name="audit-scope"/>
        <xsl:call-template name="audit-findings"/>
        <d:landscape>
          <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s3'"/></xsl:call-template></d:h>
          <xsl:choose>
            <xsl:when test="not($r/system) and $r/@partial = 'yes'">
              <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s3.per-owner'"/></xsl:call-template></d:p>
            </xsl:when>
            <xsl:when test="not($r/system)">
              <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.none'"/></xsl:call-template></d:p>
            </xsl:when>
            <xsl:otherwise>
              <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s3.note'"/></xsl:call-template></d:note>
              <xsl:call-template name="audit-matrix"/>
              <xsl:call-template name="audit-legend"/>
              <d:note>
                <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s3.clean'"/></xsl:call-template>
                <xsl:call-template name="admin-count"><xsl:with-param name="n" select="count($r/system[@findings = 0])"/></xsl:call-template>
                <xsl:text>.</xsl:text>
              </d:note>
            </xsl:otherwise>
          </xsl:choose>
        </d:landscape>
        <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s4'"/></xsl:call-template></d:h>
        <d:p><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'audit.s4.todo'"/></xsl:call-template></d:p>
      </d:body>
      <xsl:call-template name="admin-closing">
        <xsl:with-param name="cfg" select="$cfg"/>
        <xsl:with-param name="has-to" select="boolean($cfg/to)"/>
      </xsl:call-template>
      <xsl:call-template name="admin-sources"/>
    </d:document>
  </xsl:template>

  <!-- 1. scope and basis -->
  <xsl:template name="audit-scope">
    <xsl:variable name="r" select="/results"/>
    <xsl:variable name="s" select="$r/summary"/>
    <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1'"/></xsl:call-template></d:h>
    <d:list>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.scope'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$s/@systems = 0"><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.systems.none'"/></xsl:call-template></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$s/@systems"/></xsl:call-template>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.systems'"/></xsl:call-template>
            <xsl:for-each select="$s/owner">
              <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
              <xsl:value-of select="@name"/>
              <xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if>
              <xsl:if test="count($s/owner) &gt; 1">
                <xsl:text> (</xsl:text>
                <xsl:call-template name="admin-count"><xsl:with-param name="n" select="@systems"/></xsl:call-template>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.rules'"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('basis.', $r/@rules)"/></xsl:call-template>
        <!-- the other rule sets of the run (the transition of Decree 331 Art. 39.1) -->
        <xsl:for-each select="$r/rule-set[@id != $r/@rules]">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="id" select="concat('basis.', @id)"/></xsl:call-template>
        </xsl:for-each>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.data'"/></xsl:call-template>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$r/@as-of"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.data.2'"/></xsl:call-template>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$r/@date"/></xsl:call-template>
      </d:item>
    </d:list>
    <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s1.note'"/></xsl:call-template></d:note>
  </xsl:template>

  <!-- the key of a finding code in the matrix: N1, N2 ... C1 ... T1 ... -->
  <xsl:template name="audit-key">
    <xsl:param name="code" select="."/>
    <xsl:call-template name="t"><xsl:with-param name="id" select="concat('audit.short.', $code/@severity)"/></xsl:call-template>
    <xsl:value-of select="count($code/preceding-sibling::finding-code[@severity = $code/@severity]) + 1"/>
  </xsl:template>

  <!-- 2. findings by severity -->
  <xsl:template name="audit-findings">
    <xsl:variable name="s" select="/results/summary"/>
    <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2'"/></xsl:call-template></d:h>
    <xsl:choose>
      <xsl:when test="not($audit-codes)">
        <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.none'"/></xsl:call-template></d:p>
      </xsl:when>
      <xsl:otherwise>
        <d:p>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.counts'"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$s/@critical"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.counts.critical'"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$s/@warning"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.counts.warning'"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$s/@info"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.counts.info'"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="/results/@partial = 'yes'">
              <xsl:call-template name="admin-todo"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="admin-count"><xsl:with-param name="n" select="count(/results/system[@critical &gt; 0])"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s2.counts.systems'"/></xsl:call-template>
        </d:p>
        <d:table widths="8 38 12 10 32" size="22">
          <d:hrow>
            <xsl:for-each select="str:tokenize('short finding severity systems basis', ' ')">
              <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('audit.col.', .)"/></xsl:call-template></d:cell>
            </xsl:for-each>
          </d:hrow>
          <xsl:for-each select="$audit-codes">
            <xsl:variable name="k" select="concat(@code, '/', @severity)"/>
            <d:row>
              <d:cell align="center"><d:b><xsl:call-template name="audit-key"/></d:b></d:cell>
              <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('code.', @code)"/></xsl:call-template></d:cell>
              <d:cell><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'severity'"/><xsl:with-param name="value" select="@severity"/></xsl:call-template></d:cell>
              <d:cell align="right"><xsl:call-template name="admin-count"><xsl:with-param name="n" select="@systems"/></xsl:call-template></d:cell>
              <d:cell>
                <!-- each different basis once (a code's basis may differ by
                     rule set, or by the owner's inspection policy) -->
                <xsl:for-each select="key('audit-code', $k)[generate-id() = generate-id(key('audit-basis', concat($k, '/', @basis-vi, '/', @basis-en))[1])]">
                  <xsl:if test="position() &gt; 1"><d:br/></xsl:if>
                  <xsl:choose>
                    <xsl:when test="$L = 'en'"><xsl:value-of select="@basis-en"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@basis-vi"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
                <xsl:if test="/results/@partial = 'yes'">
                  <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.basis.per-owner'"/></xsl:call-template>
                </xsl:if>
              </d:cell>
            </d:row>
          </xsl:for-each>
        </d:table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 3. the matrix: in a frame the mark where its rows go, else the rows of
       the systems of this rendering; the header and the totals row always -->
  <xsl:template name="audit-matrix">
    <xsl:variable name="s" select="/results/summary"/>
    <xsl:variable name="several" select="count($s/owner) &gt; 1"/>
    <xsl:variable name="widths">
      <xsl:text>3.4 30 4</xsl:text>
      <xsl:for-each select="$audit-codes"><xsl:text> 2.7</xsl:text></xsl:for-each>
      <xsl:text> 3 3 3</xsl:text>
    </xsl:variable>
    <xsl:variable name="span" select="count($audit-codes) + 6"/>
    <d:table widths="{$widths}" size="14">
      <d:hrow>
        <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.col.seq'"/></xsl:call-template></d:cell>
        <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.col.system'"/></xsl:call-template></d:cell>
        <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.col.level'"/></xsl:call-template></d:cell>
        <xsl:for-each select="$audit-codes"><d:cell><xsl:call-template name="audit-key"/></d:cell></xsl:for-each>
        <xsl:for-each select="str:tokenize('critical warning info', ' ')">
          <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('audit.short.', .)"/></xsl:call-template></d:cell>
        </xsl:for-each>
      </d:hrow>
      <xsl:choose>
        <xsl:when test="$piece = 'frame'"><d:pieces name="matrix"/></xsl:when>
        <xsl:otherwise>
          <!-- only the systems with a finding; their numbers go on across
               the pieces (the flagged systems before this piece, counted once) -->
          <xsl:variable name="before" select="count(/results/system[position() &lt; number($piece-from)][@findings &gt; 0]) * number($in-piece)"/>
          <xsl:for-each select="$piece-systems[@findings &gt; 0]">
            <xsl:variable name="system" select="."/>
            <!-- a row naming the owner where its listed systems begin (systems are sorted by owner) -->
            <xsl:if test="$several and not(preceding-sibling::system[@findings &gt; 0][1]/@owner = @owner)">
              <d:row role="group">
                <d:cell span="{$span}">
                  <xsl:value-of select="@owner-name"/>
                  <xsl:if test="not(@owner-name)"><xsl:value-of select="@owner"/></xsl:if>
                </d:cell>
              </d:row>
            </xsl:if>
            <d:row>
              <d:cell align="center"><xsl:value-of select="$before + position()"/></d:cell>
              <d:cell><xsl:value-of select="@name"/></d:cell>
              <d:cell align="center">
                <xsl:value-of select="@level"/>
                <xsl:if test="not(@level)">–</xsl:if>
              </d:cell>
              <xsl:for-each select="$audit-codes">
                <d:cell align="center">
                  <xsl:if test="$system/finding[@code = current()/@code and @severity = current()/@severity]">
                    <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.mark'"/></xsl:call-template>
                  </xsl:if>
                </d:cell>
              </xsl:for-each>
              <xsl:for-each select="@critical | @warning | @info">
                <d:cell align="center"><xsl:if test=". &gt; 0"><xsl:value-of select="."/></xsl:if></d:cell>
              </xsl:for-each>
            </d:row>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($in-piece)">
        <d:row role="total">
          <d:cell span="3">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.col.total'"/></xsl:call-template>
          </d:cell>
          <xsl:for-each select="$audit-codes">
            <d:cell align="center"><xsl:call-template name="admin-count"><xsl:with-param name="n" select="@systems"/></xsl:call-template></d:cell>
          </xsl:for-each>
          <xsl:for-each select="$s/@critical | $s/@warning | $s/@info">
            <d:cell align="center"><xsl:call-template name="admin-count"><xsl:with-param name="n" select="."/></xsl:call-template></d:cell>
          </xsl:for-each>
        </d:row>
      </xsl:if>
    </d:table>
  </xsl:template>

  <!-- the keys of the matrix, in words -->
  <xsl:template name="audit-legend">
    <d:note>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.legend'"/></xsl:call-template>
      <xsl:for-each select="$audit-codes">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <d:b><xsl:call-template name="audit-key"/></d:b>
        <xsl:text> - </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('code.', @code)"/></xsl:call-template>
      </xsl:for-each>
      <xsl:text>. </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'audit.legend.severity'"/></xsl:call-template>
    </d:note>
    <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'audit.s3.detail'"/></xsl:call-template></d:note>
  </xsl:template>
</xsl:stylesheet>
