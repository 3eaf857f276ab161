<?xml version="1.0" encoding="UTF-8"?>
<!--
  vn-admin.xsl - a Vietnamese administrative document (văn bản hành chính)
  laid out as Decree 30/2020/NĐ-CP, Phụ lục I asks, written as a Word package
  in Flat OPC form (C packs it into a .docx: include/docx.h).

  A document template (annual-docx.xsl, ...) does two things:
    1. it builds the document as a small neutral tree, the "model" below,
       with the helpers of part A (settings, date line, numbers, markers);
    2. it calls "admin-docx" with that tree (this file), or "admin-html"
       (vn-admin-html.xsl) for the same document as a web page.
  So the Word and the HTML version of a report say the same thing, and a
  unit can adapt a report by changing its model only.

  The model (namespace urn:assess:document, prefix d):
    d:document @title @lang                       the whole document
      d:head                                      ô số 1-5b (national title is added)
        d:parent      inline                      direct parent body (caps)
        d:issuer      inline                      issuing body (caps, bold, rule under)
        d:number      inline                      after "Số: "
        d:subject     inline                      after "V/v " (ô 5b, letters)
        d:place-date  inline                      ô số 4, italic
      d:title inline, d:summary inline            ô 5a (document type and title)
      d:to  d:item*                               "Kính gửi:" (ô 9a)
      blocks: d:h inline | d:p[@indent='no'] inline | d:list d:item* |
              d:note inline | d:table | d:landscape blocks
      d:table @widths="4 14 ..." (relative) @size (half-points: 14 to 28, even)
        d:hrow d:cell* (repeated on every page) | d:row d:cell[@align @span]* |
        d:pieces @name (where the rows of the systems go in a frame)
      (@role on d:row and d:item: a class name for the web page, no effect in Word)
      d:closing  d:recipients d:item* d:archive?, d:signer d:authority* d:position d:name
      d:sources  d:item*                          the data behind the document
    inline: text | d:b | d:i | d:br | d:todo (a field to complete; its text
            says what, may be empty: highlighted dots then "[cần bổ sung: ...]")

  Layout (Phụ lục I): A4; margins top and bottom 20 mm, left 30 mm, right
  15 mm; Times New Roman; national title 12 pt bold caps, motto 13 pt bold
  with a rule as long as itself; issuing body 12 pt bold caps with a rule a
  third to a half of its line; number 13 pt; place and date 13 pt italic;
  text 14 pt, justified, first line indented 1 cm, 6 pt between paragraphs;
  "Nơi nhận:" 12 pt bold italic, its list 11 pt; signer 14 pt bold caps, the
  name 14 pt bold; page numbers from page 2, centred in the top margin. A
  d:landscape part is a section of its own, A4 across.

  A document in pieces (include/report.h): a table of every system would
  make the output tree grow with the run (an owner of 2,500 systems: 870 MB),
  so assess renders such a document as a frame (parameter piece = 'frame')
  in which a table of systems holds d:pieces name="N" instead of its rows,
  then each run of systems (piece = N, piece-from, piece-to) as a model
  d:piece holding that table (inside its d:landscape, if any) with only
  those rows: "admin-docx" then writes only the rows. $piece-systems and
  $piece-offset give a content template the systems of the rendering and
  the number of those before them.

  Needs common.xsl (strings, $L) and libexslt (exsl:node-set, str:tokenize,
  date:add), both of which assess provides.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:assess:document"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    xmlns:date="http://exslt.org/dates-and-times"
    xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    exclude-result-prefixes="d exsl str date">
  <xsl:import href="../common.xsl"/>

  <xsl:decimal-format name="vi" decimal-separator="," grouping-separator="."/>

  <!-- '' the whole document; 'frame' the document with d:pieces marks; or
       the name of a table of systems, whose rows from piece-from to
       piece-to (positions among /results/system) are rendered -->
  <xsl:param name="piece" select="''"/>
  <xsl:param name="piece-from" select="'1'"/>
  <xsl:param name="piece-to" select="'0'"/>
  <xsl:variable name="in-piece" select="$piece != '' and $piece != 'frame'"/>
  <xsl:variable name="piece-systems"
      select="/results/system[not($in-piece) or (position() &gt;= number($piece-from) and position() &lt;= number($piece-to))]"/>
  <xsl:variable name="piece-offset" select="(number($piece-from) - 1) * number($in-piece)"/>

  <!-- ===== A. helpers for building a model ===== -->

  <!-- A count as people read it: 184.000 in Vietnamese, 184,000 in English -->
  <xsl:template name="admin-count">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="string(number($n)) = 'NaN'"><xsl:value-of select="$n"/></xsl:when>
      <xsl:when test="$L = 'vi'"><xsl:value-of select="format-number($n, '#.##0', 'vi')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($n, '#,##0')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A field to complete, saying what (a string id, or a text) -->
  <xsl:template name="admin-todo">
    <xsl:param name="id" select="''"/>
    <xsl:param name="text" select="''"/>
    <d:todo>
      <xsl:if test="$id != ''">
        <xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      </xsl:if>
      <xsl:value-of select="$text"/>
    </d:todo>
  </xsl:template>

  <!-- The string with id, or with id.BASIS when the rule set changes the
       wording (basis: nd331 | nd85) -->
  <xsl:template name="tb">
    <xsl:param name="id"/>
    <xsl:param name="basis"/>
    <xsl:call-template name="t"><xsl:with-param name="id" select="concat($id, '.', $basis)"/></xsl:call-template>
  </xsl:template>

  <!--
    The unit's settings for one report (context.h puts the settings file into
    /results/settings): each detail from the most specific <document> that
    gives it (report and owner, report, owner, neither). Returns a d:cfg
    element holding copies of issuer, number, date, signer, archive, and the
    to / recipient lists; use it through exsl:node-set. owner-documents =
    false() leaves out the documents that name the owner and no report (the
    owner's own details: an auditor's report is not the owner's).
  -->
  <xsl:template name="admin-settings">
    <xsl:param name="report"/>
    <xsl:param name="owner" select="''"/>
    <xsl:param name="owner-documents" select="true()"/>
    <xsl:variable name="docs" select="/results/settings/document"/>
    <xsl:variable name="s1" select="$docs[@report = $report and @owner = $owner]"/>
    <xsl:variable name="s2" select="$docs[@report = $report and not(@owner)]"/>
    <xsl:variable name="s3" select="$docs[$owner-documents and not(@report) and @owner = $owner]"/>
    <xsl:variable name="s4" select="$docs[not(@report) and not(@owner)]"/>
    <d:cfg>
      <xsl:for-each select="str:tokenize('issuer number date signer archive', ' ')">
        <xsl:variable name="n" select="string(.)"/>
        <xsl:choose>
          <xsl:when test="$s1/*[local-name() = $n]"><xsl:copy-of select="($s1/*[local-name() = $n])[1]"/></xsl:when>
          <xsl:when test="$s2/*[local-name() = $n]"><xsl:copy-of select="($s2/*[local-name() = $n])[1]"/></xsl:when>
          <xsl:when test="$s3/*[local-name() = $n]"><xsl:copy-of select="($s3/*[local-name() = $n])[1]"/></xsl:when>
          <xsl:otherwise><xsl:copy-of select="($s4/*[local-name() = $n])[1]"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:for-each select="str:tokenize('to recipient', ' ')">
        <xsl:variable name="n" select="string(.)"/>
        <xsl:choose>
          <xsl:when test="$s1/*[local-name() = $n]"><xsl:copy-of select="($s1[*[local-name() = $n]])[1]/*[local-name() = $n]"/></xsl:when>
          <xsl:when test="$s2/*[local-name() = $n]"><xsl:copy-of select="($s2[*[local-name() = $n]])[1]/*[local-name() = $n]"/></xsl:when>
          <xsl:when test="$s3/*[local-name() = $n]"><xsl:copy-of select="($s3[*[local-name() = $n]])[1]/*[local-name() = $n]"/></xsl:when>
          <xsl:otherwise><xsl:copy-of select="($s4[*[local-name() = $n]])[1]/*[local-name() = $n]"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </d:cfg>
  </xsl:template>

  <!-- The settings of an organisation of the inventory (by id), or nothing -->
  <xsl:template name="admin-org-settings">
    <xsl:param name="id"/>
    <xsl:copy-of select="/results/settings/organization[@ref = $id][1]"/>
  </xsl:template>

  <!-- "ngày 05 tháng 3 năm 2026" (Phụ lục I II.4b: a day below 10 and the
       months 1 and 2 take a leading zero), "5 March 2026" in English -->
  <xsl:template name="admin-long-date">
    <xsl:param name="d"/>
    <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
    <xsl:variable name="month" select="number(substring($d, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="$L = 'vi'">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.day'"/></xsl:call-template>
        <xsl:value-of select="substring($d, 9, 2)"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.month'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$month &lt; 3"><xsl:value-of select="substring($d, 6, 2)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$month"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.year'"/></xsl:call-template>
        <xsl:value-of select="substring($d, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($day, ' ')"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('month.', $month)"/></xsl:call-template>
        <xsl:value-of select="concat(' ', substring($d, 1, 4))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ô số 4: "An Hòa, ngày 18 tháng 12 năm 2026", with markers for what
       the settings (cfg) do not give -->
  <xsl:template name="admin-place-date">
    <xsl:param name="cfg"/>
    <xsl:choose>
      <xsl:when test="$cfg/issuer/@place"><xsl:value-of select="$cfg/issuer/@place"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.place'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
    <xsl:text>, </xsl:text>
    <xsl:choose>
      <xsl:when test="$cfg/date"><xsl:call-template name="admin-long-date"><xsl:with-param name="d" select="string($cfg/date)"/></xsl:call-template></xsl:when>
      <xsl:when test="$L = 'vi'">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.day'"/></xsl:call-template>
        <d:todo/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.month'"/></xsl:call-template>
        <d:todo/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.date.year'"/></xsl:call-template>
        <d:todo/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.date'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ô số 3, after "Số: ": "125/UBND-KGVX", or markers -->
  <xsl:template name="admin-number">
    <xsl:param name="cfg"/>
    <xsl:choose>
      <xsl:when test="normalize-space($cfg/number) != ''"><xsl:value-of select="normalize-space($cfg/number)"/></xsl:when>
      <xsl:otherwise><d:todo/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>/</xsl:text>
    <xsl:choose>
      <xsl:when test="$cfg/number/@symbol"><xsl:value-of select="$cfg/number/@symbol"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.symbol'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- d:closing from the settings: recipients (with "Như trên" first when
       there is a "Kính gửi" and the settings give no list), archive, signer -->
  <xsl:template name="admin-closing">
    <xsl:param name="cfg"/>
    <xsl:param name="has-to" select="true()"/>
    <d:closing>
      <d:recipients>
        <xsl:choose>
          <xsl:when test="$cfg/recipient">
            <xsl:for-each select="$cfg/recipient"><d:item><xsl:value-of select="."/></d:item></xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="$has-to">
              <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.as-above'"/></xsl:call-template></d:item>
            </xsl:if>
            <d:item><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.recipient'"/></xsl:call-template></d:item>
          </xsl:otherwise>
        </xsl:choose>
        <d:archive>
          <xsl:choose>
            <xsl:when test="$cfg/archive"><xsl:value-of select="$cfg/archive"/></xsl:when>
            <xsl:otherwise>
              <xsl:text>VT, </xsl:text>
              <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.archive'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </d:archive>
      </d:recipients>
      <d:signer>
        <xsl:choose>
          <xsl:when test="$cfg/signer/authority or $cfg/signer/@position">
            <xsl:for-each select="$cfg/signer/authority"><d:authority><xsl:value-of select="."/></d:authority></xsl:for-each>
            <xsl:if test="$cfg/signer/@position"><d:position><xsl:value-of select="$cfg/signer/@position"/></d:position></xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <d:authority><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.authority'"/></xsl:call-template></d:authority>
          </xsl:otherwise>
        </xsl:choose>
        <d:name>
          <xsl:choose>
            <xsl:when test="$cfg/signer/@name"><xsl:value-of select="$cfg/signer/@name"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.signer'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </d:name>
      </d:signer>
    </d:closing>
  </xsl:template>

  <!-- d:sources: the run, the rule set and its digest, the inventory files
       and their digests (when the command had them), the settings, when -->
  <xsl:template name="admin-sources">
    <xsl:param name="extra"/>
    <xsl:variable name="r" select="/results"/>
    <d:sources>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.run'"/></xsl:call-template>
        <xsl:value-of select="$r/@run"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.snapshot'"/></xsl:call-template>
        <xsl:value-of select="$r/@snapshot"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.as-of'"/></xsl:call-template>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$r/@as-of"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.date'"/></xsl:call-template>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$r/@date"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.rules'"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('basis.', $r/@rules)"/></xsl:call-template>
        <xsl:text>; </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.sha'"/></xsl:call-template>
        <xsl:value-of select="$r/@rules-digest"/>
        <xsl:text>.</xsl:text>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.files'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$r/inventory-file">
            <xsl:for-each select="$r/inventory-file">
              <xsl:if test="position() > 1"><xsl:text>; </xsl:text></xsl:if>
              <xsl:value-of select="@name"/>
              <xsl:text> (</xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.sha'"/></xsl:call-template>
              <xsl:value-of select="@sha256"/>
              <xsl:text>)</xsl:text>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.no-files'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:text>.</xsl:text>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.settings'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$r/settings"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.settings-used'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.no-settings'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:text>.</xsl:text>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.generated'"/></xsl:call-template>
        <xsl:call-template name="admin-local-time"><xsl:with-param name="utc" select="$r/@generated"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.tool'"/></xsl:call-template>
        <xsl:value-of select="$r/@tool-version"/>
        <xsl:text>.</xsl:text>
      </d:item>
      <xsl:if test="$r/@partial = 'yes'">
        <d:item role="partial"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.partial'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:copy-of select="$extra"/>
    </d:sources>
  </xsl:template>

  <!-- "21:52 ngày 30/11/2026 (giờ Việt Nam)": a UTC time stamp in Viet Nam
       time (UTC+7, no daylight saving) -->
  <xsl:template name="admin-local-time">
    <xsl:param name="utc"/>
    <xsl:variable name="local" select="date:add(string($utc), 'PT7H')"/>
    <xsl:choose>
      <xsl:when test="string-length($local) &gt;= 16">
        <xsl:value-of select="substring($local, 12, 5)"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.generated.on'"/></xsl:call-template>
        <xsl:call-template name="date"><xsl:with-param name="d" select="substring($local, 1, 10)"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources.local-time'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$utc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The issuing body's name in at most two lines, broken where a person
    would break it: before the administrative unit ("Ủy ban nhân dân / tỉnh
    An Hòa"), else at the first space after the middle. A name of at most
    `max` characters, or one holding a marker, stays as it is.
  -->
  <xsl:template name="admin-split">
    <xsl:param name="node"/>
    <xsl:param name="max" select="24"/>
    <xsl:variable name="text" select="normalize-space($node)"/>
    <xsl:variable name="unit">
      <xsl:for-each select="str:tokenize(' tỉnh | TỈNH | thành phố | THÀNH PHỐ | huyện | HUYỆN | quận | QUẬN | thị xã | THỊ XÃ | xã | XÃ | phường | PHƯỜNG ', '|')">
        <xsl:if test="contains($text, string(.)) and string-length(substring-before($text, string(.))) &gt;= 6">
          <xsl:value-of select="concat(string-length(substring-before($text, string(.))), ' ')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="middle" select="ceiling(string-length($text) div 2)"/>
    <xsl:variable name="at">
      <xsl:choose>
        <xsl:when test="$unit != ''"><xsl:value-of select="number(substring-before($unit, ' ')) + 1"/></xsl:when>
        <xsl:when test="contains(substring($text, $middle), ' ')">
          <xsl:value-of select="$middle + string-length(substring-before(substring($text, $middle), ' '))"/>
        </xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$node//d:todo or string-length($text) &lt;= $max or $at = 0">
        <xsl:copy-of select="$node/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring($text, 1, $at - 1)"/>
        <d:br/>
        <xsl:value-of select="substring($text, $at + 1)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== B. the model as a Word package (Flat OPC) ===== -->

  <!-- sizes in twentieths of a point (1 mm = 56.7) -->
  <xsl:variable name="w-page-w" select="11906"/>
  <xsl:variable name="w-page-h" select="16838"/>
  <xsl:variable name="w-top" select="1134"/>
  <xsl:variable name="w-bottom" select="1134"/>
  <xsl:variable name="w-left" select="1701"/>
  <xsl:variable name="w-right" select="851"/>
  <xsl:variable name="w-text" select="$w-page-w - $w-left - $w-right"/>
  <xsl:variable name="w-text-wide" select="$w-page-h - $w-left - $w-right"/>
  <!-- the header block: the issuer's column and the national title's -->
  <xsl:variable name="w-head-left" select="3544"/>
  <xsl:variable name="w-head-right" select="$w-text - $w-head-left"/>

  <xsl:template name="admin-docx">
    <xsl:param name="model"/>
    <xsl:variable name="doc" select="$model/d:document"/>
    <xsl:choose>
      <xsl:when test="$model/d:piece"><xsl:apply-templates select="$model/d:piece/*" mode="w-piece"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="admin-package"><xsl:with-param name="doc" select="$doc"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="admin-package">
    <xsl:param name="doc"/>
    <pkg:package>
      <pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">
        <pkg:xmlData>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
          </Relationships>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/_rels/document.xml.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">
        <pkg:xmlData>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
            <Relationship Id="rIdHeaderPage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
            <Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
          </Relationships>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">
        <pkg:xmlData>
          <w:document>
            <w:body>
              <xsl:apply-templates select="$doc/d:head" mode="w"/>
              <xsl:apply-templates select="$doc/d:title | $doc/d:to" mode="w"/>
              <xsl:apply-templates select="$doc/d:body/*" mode="w"/>
              <xsl:apply-templates select="$doc/d:closing" mode="w"/>
              <xsl:apply-templates select="$doc/d:sources" mode="w"/>
              <w:sectPr>
                <xsl:call-template name="w-section">
                  <xsl:with-param name="first" select="not($doc//d:landscape)"/>
                </xsl:call-template>
              </w:sectPr>
            </w:body>
          </w:document>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/styles.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml">
        <pkg:xmlData>
          <w:styles>
            <w:docDefaults>
              <w:rPrDefault>
                <w:rPr>
                  <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>
                  <w:sz w:val="28"/>
                  <w:szCs w:val="28"/>
                  <w:lang w:val="{$doc/@lang}" w:eastAsia="{$doc/@lang}" w:bidi="ar-SA"/>
                </w:rPr>
              </w:rPrDefault>
              <w:pPrDefault>
                <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
              </w:pPrDefault>
            </w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
              <w:name w:val="Normal"/>
              <w:qFormat/>
            </w:style>
            <!-- the paragraphs of table cells: Cell20L is 10 pt, left -->
            <xsl:for-each select="str:tokenize('12 14 16 18 20 22 24 26 28', ' ')">
              <xsl:variable name="size" select="string(.)"/>
              <xsl:for-each select="str:tokenize('L:left C:center R:right', ' ')">
                <w:style w:type="paragraph" w:customStyle="1" w:styleId="Cell{$size}{substring-before(., ':')}">
                  <w:name w:val="Cell {$size div 2} pt {substring-after(., ':')}"/>
                  <w:basedOn w:val="Normal"/>
                  <w:pPr>
                    <w:keepLines/>
                    <w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
                    <w:jc w:val="{substring-after(., ':')}"/>
                  </w:pPr>
                  <w:rPr><w:sz w:val="{$size}"/><w:szCs w:val="{$size}"/></w:rPr>
                </w:style>
              </xsl:for-each>
            </xsl:for-each>
            <w:style w:type="table" w:default="1" w:styleId="TableNormal">
              <w:name w:val="Normal Table"/>
              <w:tblPr>
                <w:tblInd w:w="0" w:type="dxa"/>
                <w:tblCellMar>
                  <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
                  <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
                </w:tblCellMar>
              </w:tblPr>
            </w:style>
          </w:styles>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/settings.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml">
        <pkg:xmlData>
          <w:settings>
            <w:defaultTabStop w:val="720"/>
            <w:characterSpacingControl w:val="doNotCompress"/>
            <w:compat>
              <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
            </w:compat>
          </w:settings>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/header1.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml">
        <pkg:xmlData>
          <w:hdr>
            <w:p>
              <w:pPr><w:jc w:val="center"/></w:pPr>
              <w:r><w:fldChar w:fldCharType="begin"/></w:r>
              <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
              <w:r><w:fldChar w:fldCharType="separate"/></w:r>
              <w:r><w:t>2</w:t></w:r>
              <w:r><w:fldChar w:fldCharType="end"/></w:r>
            </w:p>
          </w:hdr>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/header2.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml">
        <pkg:xmlData>
          <w:hdr><w:p/></w:hdr>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/docProps/core.xml" pkg:contentType="application/vnd.openxmlformats-package.core-properties+xml">
        <pkg:xmlData>
          <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
                             xmlns:dc="http://purl.org/dc/elements/1.1/"
                             xmlns:dcterms="http://purl.org/dc/terms/"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <dc:title><xsl:value-of select="$doc/@title"/></dc:title>
            <dc:creator>assess <xsl:value-of select="/results/@tool-version"/></dc:creator>
            <dc:language><xsl:value-of select="$doc/@lang"/></dc:language>
            <xsl:if test="/results/@generated">
              <dcterms:created xsi:type="dcterms:W3CDTF"><xsl:value-of select="/results/@generated"/></dcterms:created>
            </xsl:if>
          </cp:coreProperties>
        </pkg:xmlData>
      </pkg:part>
    </pkg:package>
  </xsl:template>

  <!-- The inside of a w:sectPr: A4 upright or across, the margins, the page
       number from page 2 (first=true: the first page has an empty header) -->
  <xsl:template name="w-section">
    <xsl:param name="first" select="false()"/>
    <xsl:param name="wide" select="false()"/>
    <w:headerReference w:type="default" r:id="rIdHeaderPage"/>
    <xsl:if test="$first"><w:headerReference w:type="first" r:id="rIdHeaderFirst"/></xsl:if>
    <w:type w:val="nextPage"/>
    <xsl:choose>
      <xsl:when test="$wide"><w:pgSz w:w="{$w-page-h}" w:h="{$w-page-w}" w:orient="landscape"/></xsl:when>
      <xsl:otherwise><w:pgSz w:w="{$w-page-w}" w:h="{$w-page-h}"/></xsl:otherwise>
    </xsl:choose>
    <w:pgMar w:top="{$w-top}" w:right="{$w-right}" w:bottom="{$w-bottom}" w:left="{$w-left}"
             w:header="567" w:footer="567" w:gutter="0"/>
    <xsl:if test="$first"><w:titlePg/></xsl:if>
  </xsl:template>

  <!-- run properties: bold, italic, caps, size (half-points), highlight -->
  <xsl:template name="w-rpr">
    <xsl:param name="b" select="false()"/>
    <xsl:param name="i" select="false()"/>
    <xsl:param name="caps" select="false()"/>
    <xsl:param name="sz" select="28"/>
    <xsl:param name="base" select="28"/>
    <xsl:param name="mark" select="false()"/>
    <xsl:if test="$b or $i or $caps or $sz != $base or $mark">
      <w:rPr>
        <xsl:if test="$b"><w:b/><w:bCs/></xsl:if>
        <xsl:if test="$i"><w:i/><w:iCs/></xsl:if>
        <xsl:if test="$caps"><w:caps/></xsl:if>
        <xsl:if test="$sz != $base"><w:sz w:val="{$sz}"/><w:szCs w:val="{$sz}"/></xsl:if>
        <xsl:if test="$mark"><w:highlight w:val="yellow"/></xsl:if>
      </w:rPr>
    </xsl:if>
  </xsl:template>

  <!-- inline content: text, d:b, d:i, d:br, d:todo -->
  <xsl:template match="text()" mode="w-inline">
    <xsl:param name="b" select="false()"/>
    <xsl:param name="i" select="false()"/>
    <xsl:param name="caps" select="false()"/>
    <xsl:param name="sz" select="28"/>
    <xsl:param name="base" select="28"/>
    <w:r>
      <xsl:call-template name="w-rpr">
        <xsl:with-param name="b" select="$b"/><xsl:with-param name="i" select="$i"/>
        <xsl:with-param name="caps" select="$caps"/><xsl:with-param name="sz" select="$sz"/>
        <xsl:with-param name="base" select="$base"/>
      </xsl:call-template>
      <w:t xml:space="preserve"><xsl:value-of select="."/></w:t>
    </w:r>
  </xsl:template>

  <xsl:template match="d:b | d:i" mode="w-inline">
    <xsl:param name="b" select="false()"/>
    <xsl:param name="i" select="false()"/>
    <xsl:param name="caps" select="false()"/>
    <xsl:param name="sz" select="28"/>
    <xsl:param name="base" select="28"/>
    <xsl:apply-templates mode="w-inline">
      <xsl:with-param name="b" select="$b or self::d:b"/><xsl:with-param name="i" select="$i or self::d:i"/>
      <xsl:with-param name="caps" select="$caps"/><xsl:with-param name="sz" select="$sz"/>
      <xsl:with-param name="base" select="$base"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="d:br" mode="w-inline">
    <w:r><w:br/></w:r>
  </xsl:template>

  <!-- a field to complete: highlighted dots, then "[cần bổ sung: what]" -->
  <xsl:template match="d:todo" mode="w-inline">
    <xsl:param name="b" select="false()"/>
    <xsl:param name="i" select="false()"/>
    <xsl:param name="sz" select="28"/>
    <xsl:param name="base" select="28"/>
    <w:r>
      <xsl:call-template name="w-rpr">
        <xsl:with-param name="b" select="$b"/><xsl:with-param name="i" select="$i"/>
        <xsl:with-param name="sz" select="$sz"/><xsl:with-param name="mark" select="true()"/>
        <xsl:with-param name="base" select="$base"/>
      </xsl:call-template>
      <w:t xml:space="preserve">……</w:t>
    </w:r>
    <xsl:if test="normalize-space(.) != ''">
      <w:r>
        <xsl:call-template name="w-rpr">
          <xsl:with-param name="i" select="true()"/>
          <xsl:with-param name="sz" select="$sz - 4"/><xsl:with-param name="mark" select="true()"/>
          <xsl:with-param name="base" select="$base"/>
        </xsl:call-template>
        <w:t xml:space="preserve">[<xsl:call-template name="t"><xsl:with-param name="id" select="'doc.todo'"/></xsl:call-template>: <xsl:value-of select="normalize-space(.)"/>]</w:t>
      </w:r>
    </xsl:if>
  </xsl:template>

  <!-- one paragraph: alignment, first-line indent, spacing before, size,
       bold/italic/caps, keep with next -->
  <xsl:template name="w-p">
    <xsl:param name="content" select="."/>
    <xsl:param name="jc" select="'both'"/>
    <xsl:param name="first-line" select="567"/>
    <xsl:param name="left" select="0"/>
    <xsl:param name="right" select="0"/>
    <xsl:param name="before" select="120"/>
    <xsl:param name="line" select="276"/>
    <xsl:param name="sz" select="28"/>
    <xsl:param name="b" select="false()"/>
    <xsl:param name="i" select="false()"/>
    <xsl:param name="caps" select="false()"/>
    <xsl:param name="keep" select="false()"/>
    <w:p>
      <w:pPr>
        <xsl:if test="$keep"><w:keepNext/></xsl:if>
        <w:spacing w:before="{$before}" w:after="0" w:line="{$line}" w:lineRule="auto"/>
        <xsl:if test="$first-line != 0 or $left != 0 or $right != 0">
          <w:ind w:left="{$left}" w:right="{$right}" w:firstLine="{$first-line}"/>
        </xsl:if>
        <w:jc w:val="{$jc}"/>
      </w:pPr>
      <xsl:apply-templates select="$content/node()" mode="w-inline">
        <xsl:with-param name="b" select="$b"/><xsl:with-param name="i" select="$i"/>
        <xsl:with-param name="caps" select="$caps"/><xsl:with-param name="sz" select="$sz"/>
      </xsl:apply-templates>
    </w:p>
  </xsl:template>

  <!-- A short rule centred in a column: an empty paragraph with a top
       border, indented so that the border is `len` twips long -->
  <xsl:template name="w-rule">
    <xsl:param name="col"/>
    <xsl:param name="len"/>
    <xsl:variable name="l">
      <xsl:choose>
        <xsl:when test="$len &gt; $col"><xsl:value-of select="$col"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="round($len)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="side" select="floor(($col - $l) div 2)"/>
    <w:p>
      <w:pPr>
        <w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>
        <w:spacing w:before="60" w:after="0" w:line="120" w:lineRule="exact"/>
        <w:ind w:left="{$side}" w:right="{$side}"/>
        <w:jc w:val="center"/>
        <w:rPr><w:sz w:val="8"/></w:rPr>
      </w:pPr>
    </w:p>
  </xsl:template>

  <!-- a borderless table of two columns (the header block, the closing) -->
  <xsl:template name="w-two-columns">
    <xsl:param name="left"/>
    <xsl:param name="right"/>
    <xsl:param name="rows"/>
    <w:tbl>
      <w:tblPr>
        <w:tblW w:w="{$left + $right}" w:type="dxa"/>
        <w:tblLayout w:type="fixed"/>
        <w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>
        <w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
      </w:tblPr>
      <w:tblGrid><w:gridCol w:w="{$left}"/><w:gridCol w:w="{$right}"/></w:tblGrid>
      <xsl:copy-of select="$rows"/>
    </w:tbl>
  </xsl:template>

  <!-- ô số 1-5b: the header block -->
  <xsl:template match="d:head" mode="w">
    <xsl:variable name="issuer-split">
      <xsl:call-template name="admin-split"><xsl:with-param name="node" select="d:issuer"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="issuer-first" select="string-length(normalize-space(exsl:node-set($issuer-split)/node()[1]))"/>
    <xsl:variable name="issuer-last" select="string-length(normalize-space(exsl:node-set($issuer-split)/node()[last()]))"/>
    <xsl:variable name="issuer-len" select="$issuer-first * ($issuer-first &gt;= $issuer-last) + $issuer-last * ($issuer-last &gt; $issuer-first)"/>
    <!-- 12 pt bold capitals are about 165 twips a character -->
    <xsl:variable name="issuer-line">
      <xsl:choose>
        <xsl:when test="$issuer-len * 165 &gt; $w-head-left"><xsl:value-of select="$w-head-left"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$issuer-len * 165"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="motto">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.motto'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="rows">
      <w:tr>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$w-head-left}" w:type="dxa"/></w:tcPr>
          <xsl:if test="d:parent">
            <xsl:call-template name="w-p">
              <xsl:with-param name="content" select="d:parent"/>
              <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
              <xsl:with-param name="before" select="0"/><xsl:with-param name="line" select="240"/>
              <xsl:with-param name="sz" select="24"/><xsl:with-param name="caps" select="true()"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:variable name="issuer-lines">
            <d:x><xsl:call-template name="admin-split"><xsl:with-param name="node" select="d:issuer"/></xsl:call-template></d:x>
          </xsl:variable>
          <xsl:call-template name="w-p">
            <xsl:with-param name="content" select="exsl:node-set($issuer-lines)/d:x"/>
            <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
            <xsl:with-param name="before" select="0"/><xsl:with-param name="line" select="240"/>
            <xsl:with-param name="sz" select="24"/><xsl:with-param name="b" select="true()"/>
            <xsl:with-param name="caps" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="w-rule">
            <xsl:with-param name="col" select="$w-head-left"/>
            <xsl:with-param name="len" select="$issuer-line * 0.4"/>
          </xsl:call-template>
        </w:tc>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$w-head-right}" w:type="dxa"/></w:tcPr>
          <w:p>
            <w:pPr><w:jc w:val="center"/></w:pPr>
            <w:r>
              <w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
              <w:t><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.national-title'"/></xsl:call-template></w:t>
            </w:r>
          </w:p>
          <w:p>
            <w:pPr><w:jc w:val="center"/></w:pPr>
            <w:r>
              <w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>
              <w:t><xsl:value-of select="$motto"/></w:t>
            </w:r>
          </w:p>
          <!-- as long as the motto: 13 pt bold is about 123 twips a character -->
          <xsl:call-template name="w-rule">
            <xsl:with-param name="col" select="$w-head-right"/>
            <xsl:with-param name="len" select="string-length($motto) * 123"/>
          </xsl:call-template>
        </w:tc>
      </w:tr>
      <w:tr>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$w-head-left}" w:type="dxa"/></w:tcPr>
          <w:p>
            <w:pPr><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr>
            <w:r>
              <w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>
              <w:t xml:space="preserve"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.number'"/></xsl:call-template></w:t>
            </w:r>
            <xsl:apply-templates select="d:number/node()" mode="w-inline"><xsl:with-param name="sz" select="26"/></xsl:apply-templates>
          </w:p>
          <xsl:if test="d:subject">
            <w:p>
              <w:pPr><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr>
              <w:r>
                <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
                <w:t xml:space="preserve"><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.re'"/></xsl:call-template></w:t>
              </w:r>
              <xsl:apply-templates select="d:subject/node()" mode="w-inline"><xsl:with-param name="sz" select="24"/></xsl:apply-templates>
            </w:p>
          </xsl:if>
        </w:tc>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$w-head-right}" w:type="dxa"/></w:tcPr>
          <w:p>
            <w:pPr><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr>
            <xsl:apply-templates select="d:place-date/node()" mode="w-inline">
              <xsl:with-param name="i" select="true()"/><xsl:with-param name="sz" select="26"/>
            </xsl:apply-templates>
          </w:p>
        </w:tc>
      </w:tr>
    </xsl:variable>
    <xsl:call-template name="w-two-columns">
      <xsl:with-param name="left" select="$w-head-left"/>
      <xsl:with-param name="right" select="$w-head-right"/>
      <xsl:with-param name="rows" select="$rows"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ô 5a: the document type and its title, centred, bold, a rule under -->
  <xsl:template match="d:title" mode="w">
    <xsl:call-template name="w-p">
      <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
      <xsl:with-param name="before" select="360"/><xsl:with-param name="b" select="true()"/>
      <xsl:with-param name="caps" select="true()"/><xsl:with-param name="keep" select="true()"/>
    </xsl:call-template>
    <xsl:for-each select="following-sibling::d:summary[1]">
      <xsl:call-template name="w-p">
        <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
        <xsl:with-param name="before" select="0"/><xsl:with-param name="b" select="true()"/>
        <xsl:with-param name="keep" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="w-rule">
        <xsl:with-param name="col" select="$w-text"/>
        <xsl:with-param name="len" select="$w-text div 4"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ô 9a: "Kính gửi: X" on one line, or one line for each addressee -->
  <xsl:template match="d:to" mode="w">
    <xsl:variable name="label">
      <d:x><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.to'"/></xsl:call-template></d:x>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="count(d:item) = 1">
        <w:p>
          <w:pPr><w:spacing w:before="360" w:after="120"/><w:jc w:val="center"/></w:pPr>
          <xsl:apply-templates select="exsl:node-set($label)/d:x/node()" mode="w-inline"/>
          <xsl:apply-templates select="d:item/node()" mode="w-inline"/>
        </w:p>
      </xsl:when>
      <xsl:otherwise>
        <w:p>
          <w:pPr><w:spacing w:before="360" w:after="0"/><w:ind w:left="1418"/></w:pPr>
          <xsl:apply-templates select="exsl:node-set($label)/d:x/node()" mode="w-inline"/>
        </w:p>
        <xsl:for-each select="d:item">
          <w:p>
            <w:pPr><w:ind w:left="2552"/></w:pPr>
            <w:r><w:t xml:space="preserve">- </w:t></w:r>
            <xsl:apply-templates select="node()" mode="w-inline"/>
            <w:r><w:t><xsl:choose><xsl:when test="position() = last()">.</xsl:when><xsl:otherwise>;</xsl:otherwise></xsl:choose></w:t></w:r>
          </w:p>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- blocks; $width is the text width of the section they are in -->
  <xsl:template match="d:h" mode="w">
    <xsl:call-template name="w-p">
      <xsl:with-param name="b" select="true()"/><xsl:with-param name="keep" select="true()"/>
      <xsl:with-param name="before" select="180"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:p" mode="w">
    <xsl:call-template name="w-p">
      <xsl:with-param name="first-line" select="567 * not(@indent = 'no')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:note" mode="w">
    <xsl:call-template name="w-p">
      <xsl:with-param name="first-line" select="0"/><xsl:with-param name="before" select="60"/>
      <xsl:with-param name="sz" select="22"/><xsl:with-param name="i" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:list" mode="w">
    <xsl:for-each select="d:item">
      <w:p>
        <w:pPr>
          <w:spacing w:before="60" w:after="0" w:line="276" w:lineRule="auto"/>
          <w:ind w:firstLine="567"/>
          <w:jc w:val="both"/>
        </w:pPr>
        <w:r><w:t xml:space="preserve">- </w:t></w:r>
        <xsl:apply-templates select="node()" mode="w-inline"/>
        <w:r><w:t><xsl:choose><xsl:when test="position() = last()">.</xsl:when><xsl:otherwise>;</xsl:otherwise></xsl:choose></w:t></w:r>
      </w:p>
    </xsl:for-each>
  </xsl:template>

  <!-- A part laid out across the page: a section of its own, between the
       upright sections before and after it -->
  <xsl:template match="d:landscape" mode="w">
    <w:p>
      <w:pPr>
        <w:spacing w:before="0" w:after="0"/>
        <w:sectPr>
          <xsl:call-template name="w-section">
            <xsl:with-param name="first" select="not(preceding::d:landscape)"/>
          </xsl:call-template>
        </w:sectPr>
      </w:pPr>
    </w:p>
    <xsl:apply-templates select="*" mode="w">
      <xsl:with-param name="width" select="$w-text-wide"/>
    </xsl:apply-templates>
    <w:p>
      <w:pPr>
        <w:spacing w:before="0" w:after="0"/>
        <w:sectPr>
          <xsl:call-template name="w-section"><xsl:with-param name="wide" select="true()"/></xsl:call-template>
        </w:sectPr>
      </w:pPr>
    </w:p>
  </xsl:template>

  <!-- a table with borders; its header rows repeat on every page; rows are
       not split across pages -->
  <xsl:template match="d:table" mode="w">
    <xsl:param name="width" select="$w-text"/>
    <xsl:variable name="grid"><xsl:call-template name="w-grid"><xsl:with-param name="width" select="$width"/></xsl:call-template></xsl:variable>
    <xsl:variable name="cols" select="exsl:node-set($grid)/d:w"/>
    <w:tbl>
      <w:tblPr>
        <w:tblW w:w="{sum($cols)}" w:type="dxa"/>
        <w:jc w:val="center"/>
        <w:tblBorders>
          <w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>
          <w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
          <w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>
          <w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
          <w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>
          <w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
        </w:tblBorders>
        <w:tblLayout w:type="fixed"/>
        <w:tblCellMar>
          <w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>
          <w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>
        </w:tblCellMar>
        <w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
      </w:tblPr>
      <w:tblGrid>
        <xsl:for-each select="$cols"><w:gridCol w:w="{.}"/></xsl:for-each>
      </w:tblGrid>
      <xsl:for-each select="d:hrow | d:row | d:pieces">
        <xsl:choose>
          <xsl:when test="self::d:pieces"><xsl:comment>assess:rows <xsl:value-of select="@name"/></xsl:comment></xsl:when>
          <xsl:otherwise><xsl:call-template name="w-row"><xsl:with-param name="cols" select="$cols"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </w:tbl>
    <!-- a table is followed by a paragraph (two tables in a row would merge) -->
    <w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>
  </xsl:template>

  <!-- the widths of the columns of the d:table in context, in twips, as d:w
       elements (use through exsl:node-set) -->
  <xsl:template name="w-grid">
    <xsl:param name="width"/>
    <xsl:variable name="parts" select="str:tokenize(@widths, ' ')"/>
    <xsl:variable name="sum" select="sum($parts)"/>
    <xsl:for-each select="$parts">
      <d:w><xsl:value-of select="floor(number(.) * $width div $sum)"/></d:w>
    </xsl:for-each>
  </xsl:template>

  <!-- one d:hrow or d:row of a table whose columns are $cols; a cell with
       @span covers that many columns -->
  <xsl:template name="w-row">
    <xsl:param name="cols"/>
    <xsl:variable name="size">
      <xsl:choose>
        <xsl:when test="../@size"><xsl:value-of select="../@size"/></xsl:when>
        <xsl:otherwise>24</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="head" select="boolean(self::d:hrow)"/>
    <xsl:variable name="sz" select="$size - 2 * $head"/>
    <w:tr>
      <w:trPr>
        <w:cantSplit/>
        <xsl:if test="$head"><w:tblHeader/></xsl:if>
      </w:trPr>
      <xsl:for-each select="d:cell">
        <xsl:variable name="k" select="1 + sum(preceding-sibling::d:cell/@span) + count(preceding-sibling::d:cell[not(@span)])"/>
        <xsl:variable name="span">
          <xsl:choose>
            <xsl:when test="@span"><xsl:value-of select="@span"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <w:tc>
          <w:tcPr>
            <w:tcW w:w="{sum($cols[position() &gt;= $k and position() &lt; $k + $span])}" w:type="dxa"/>
            <xsl:if test="$span &gt; 1"><w:gridSpan w:val="{$span}"/></xsl:if>
            <xsl:if test="$head or ../@role = 'group' or ../@role = 'total'"><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></xsl:if>
            <xsl:if test="$head"><w:vAlign w:val="center"/></xsl:if>
          </w:tcPr>
          <!-- a paragraph style per size and alignment (admin-package) keeps
               a row small: the pieces of a large table add up -->
          <w:p>
            <w:pPr>
              <w:pStyle>
                <xsl:attribute name="w:val">
                  <xsl:value-of select="concat('Cell', $sz)"/>
                  <xsl:choose>
                    <xsl:when test="$head">C</xsl:when>
                    <xsl:when test="@align = 'right'">R</xsl:when>
                    <xsl:when test="@align = 'center'">C</xsl:when>
                    <xsl:otherwise>L</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </w:pStyle>
            </w:pPr>
            <xsl:apply-templates mode="w-inline">
              <xsl:with-param name="b" select="$head or ../@role = 'group' or ../@role = 'total'"/>
              <xsl:with-param name="sz" select="$sz"/><xsl:with-param name="base" select="$sz"/>
            </xsl:apply-templates>
          </w:p>
        </w:tc>
      </xsl:for-each>
    </w:tr>
  </xsl:template>

  <!-- a piece of a document in pieces: the rows of its table only -->
  <xsl:template match="d:landscape" mode="w-piece">
    <xsl:apply-templates select="d:table" mode="w-piece"><xsl:with-param name="width" select="$w-text-wide"/></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="d:table" mode="w-piece">
    <xsl:param name="width" select="$w-text"/>
    <xsl:variable name="grid"><xsl:call-template name="w-grid"><xsl:with-param name="width" select="$width"/></xsl:call-template></xsl:variable>
    <xsl:variable name="cols" select="exsl:node-set($grid)/d:w"/>
    <xsl:for-each select="d:row">
      <xsl:call-template name="w-row"><xsl:with-param name="cols" select="$cols"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ô 7-9b: "Nơi nhận:" on the left, the signer on the right -->
  <xsl:template match="d:closing" mode="w">
    <xsl:variable name="left" select="4253"/>
    <xsl:variable name="right" select="$w-text - $left"/>
    <xsl:variable name="rows">
      <w:tr>
        <w:trPr><w:cantSplit/></w:trPr>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$left}" w:type="dxa"/></w:tcPr>
          <w:p>
            <w:pPr><w:spacing w:before="240" w:after="0"/></w:pPr>
            <w:r>
              <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
              <w:t><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.recipients'"/></xsl:call-template></w:t>
            </w:r>
          </w:p>
          <xsl:for-each select="d:recipients/d:item">
            <w:p>
              <w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t xml:space="preserve">- </w:t></w:r>
              <xsl:apply-templates select="node()" mode="w-inline"><xsl:with-param name="sz" select="22"/></xsl:apply-templates>
              <w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t>;</w:t></w:r>
            </w:p>
          </xsl:for-each>
          <w:p>
            <w:r>
              <w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
              <w:t xml:space="preserve">- <xsl:call-template name="t"><xsl:with-param name="id" select="'doc.archive'"/></xsl:call-template></w:t>
            </w:r>
            <xsl:apply-templates select="d:recipients/d:archive/node()" mode="w-inline"><xsl:with-param name="sz" select="22"/></xsl:apply-templates>
            <w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t>.</w:t></w:r>
          </w:p>
        </w:tc>
        <w:tc>
          <w:tcPr><w:tcW w:w="{$right}" w:type="dxa"/></w:tcPr>
          <xsl:for-each select="d:signer/d:authority | d:signer/d:position">
            <xsl:call-template name="w-p">
              <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
              <xsl:with-param name="before" select="240 * (position() = 1)"/><xsl:with-param name="line" select="240"/>
              <xsl:with-param name="b" select="true()"/><xsl:with-param name="caps" select="true()"/>
            </xsl:call-template>
          </xsl:for-each>
          <!-- the signature and the seal -->
          <w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="1700" w:lineRule="exact"/></w:pPr></w:p>
          <xsl:call-template name="w-p">
            <xsl:with-param name="content" select="d:signer/d:name"/>
            <xsl:with-param name="jc" select="'center'"/><xsl:with-param name="first-line" select="0"/>
            <xsl:with-param name="before" select="0"/><xsl:with-param name="b" select="true()"/>
          </xsl:call-template>
        </w:tc>
      </w:tr>
    </xsl:variable>
    <w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>
    <xsl:call-template name="w-two-columns">
      <xsl:with-param name="left" select="$left"/>
      <xsl:with-param name="right" select="$right"/>
      <xsl:with-param name="rows" select="$rows"/>
    </xsl:call-template>
  </xsl:template>

  <!-- the data behind the document, small, under a rule -->
  <xsl:template match="d:sources" mode="w">
    <w:p>
      <w:pPr>
        <w:keepNext/>
        <w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="808080"/></w:pBdr>
        <w:spacing w:before="480" w:after="0"/>
      </w:pPr>
      <w:r>
        <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
        <w:t><xsl:call-template name="t"><xsl:with-param name="id" select="'doc.sources'"/></xsl:call-template></w:t>
      </w:r>
    </w:p>
    <xsl:for-each select="d:item">
      <xsl:call-template name="w-p">
        <xsl:with-param name="jc" select="'left'"/><xsl:with-param name="first-line" select="0"/>
        <xsl:with-param name="before" select="0"/><xsl:with-param name="line" select="240"/>
        <xsl:with-param name="sz" select="18"/><xsl:with-param name="i" select="true()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
