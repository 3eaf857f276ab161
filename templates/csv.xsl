<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv.xsl - one row per system (RFC 4180): id, name, owner, operator, status,
  level, deciding clause, approved level, drift, findings count. CRLF line
  ends; a field with a comma, a double quote, CR or LF is quoted and its
  quotes doubled. A field that begins with =, +, -, @, tab or CR (what a
  spreadsheet takes for a formula) gets a single quote in front and is
  quoted (OWASP's rule against CSV injection), whatever column it is in. The first character is a BOM (U+FEFF) so that spreadsheet
  programs read UTF-8. Header row in the chosen language; coded values
  (status, drift) stay as codes so that the file sorts and filters well.
  Parameters: lang = vi (default) | en; header = yes (default) | no: no omits
  the BOM and the header row.
  The shipped report "csv" is written in C with exactly these bytes
  (assess/reports/csv_out.c; tests/cli/t/csv-c-equals-xslt.sh): this file is
  the example of a CSV template of one's own (assess report PATH.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>

  <xsl:param name="header" select="'yes'"/>
  <xsl:variable name="q">"</xsl:variable>
  <xsl:variable name="special" select="concat(',', $q, '&#10;&#13;')"/>
  <!-- first characters that make a spreadsheet cell a formula -->
  <xsl:variable name="formula" select="'=+-@&#9;&#13;'"/>

  <xsl:template match="/">
    <xsl:if test="$header != 'no'">
    <xsl:text>&#xFEFF;</xsl:text>
    <xsl:call-template name="head"><xsl:with-param name="id" select="'csv.id'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.name'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.owner'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.operator'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.status'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.level'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.deciding'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.approved'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.drift'"/></xsl:call-template>,<xsl:call-template name="head"><xsl:with-param name="id" select="'csv.findings'"/></xsl:call-template>
    <xsl:text>&#13;&#10;</xsl:text>
    </xsl:if>
    <xsl:for-each select="/results/system">
      <xsl:variable name="fields" select="concat(@id, @name, @owner, @operator, @status, @level, @deciding-clause, @approved-level, @drift, @findings)"/>
      <xsl:variable name="firsts" select="concat(substring(@id, 1, 1), substring(@name, 1, 1), substring(@owner, 1, 1), substring(@operator, 1, 1), substring(@status, 1, 1), substring(@level, 1, 1), substring(@deciding-clause, 1, 1), substring(@approved-level, 1, 1), substring(@drift, 1, 1), substring(@findings, 1, 1))"/>
      <xsl:choose>
        <!-- the usual row: nothing to quote or neutralise, one expression -->
        <xsl:when test="translate($fields, $special, '') = $fields and translate($firsts, $formula, '') = $firsts">
          <xsl:value-of select="concat(@id, ',', @name, ',', @owner, ',', @operator, ',', @status, ',', @level, substring('undetermined', 1, 12 * not(@level)), ',', @deciding-clause, ',', @approved-level, ',', @drift, ',', @findings)"/>
          <xsl:text>&#13;&#10;</xsl:text>
        </xsl:when>
        <xsl:otherwise>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@id"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@name"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@owner"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@operator"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@status"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:choose>
          <xsl:when test="@level"><xsl:call-template name="field"><xsl:with-param name="v" select="@level"/></xsl:call-template></xsl:when>
          <xsl:otherwise>undetermined</xsl:otherwise>
        </xsl:choose>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@deciding-clause"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@approved-level"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@drift"/></xsl:call-template>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="field"><xsl:with-param name="v" select="@findings"/></xsl:call-template>
        <xsl:text>&#13;&#10;</xsl:text>
    </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="head">
    <xsl:param name="id"/>
    <xsl:call-template name="field">
      <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- one field, quoted when it has to be; a formula made text -->
  <xsl:template name="field">
    <xsl:param name="v"/>
    <xsl:variable name="s" select="string($v)"/>
    <xsl:choose>
      <xsl:when test="$s != '' and contains($formula, substring($s, 1, 1))">
        <xsl:value-of select="concat($q, &quot;'&quot;, str:replace($s, $q, concat($q, $q)), $q)"/>
      </xsl:when>
      <xsl:when test="contains($s, ',') or contains($s, $q) or contains($s, '&#10;') or contains($s, '&#13;')">
        <!-- EXSLT str:replace: a loop in C, not one template call per quote -->
        <xsl:value-of select="concat($q, str:replace($s, $q, concat($q, $q)), $q)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
