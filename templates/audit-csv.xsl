<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit-csv.xsl - the findings of the audit (audit-content.xsl) as a table
  for working papers: one row per finding of every system, with the
  system's id and name, its owner, the finding's code (a stable key, the
  same in every language), its title, its severity, its sentence and its
  legal basis (finding/@basis-vi | @basis-en: assess/reports/finding_text.c),
  in the chosen language; fact names in a sentence in words (common.xsl,
  "plain"). The conventions of csv.xsl: a BOM, CRLF, RFC 4180 quoting, and
  a field that a spreadsheet would take for a formula neutralised (OWASP).

  In pieces (include/report.h): the frame is the header and the mark of the
  piece 'findings', the rows of systems piece-from..piece-to.
  Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
  <xsl:import href="csv.xsl"/>
  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>

  <xsl:param name="piece" select="''"/>
  <xsl:param name="piece-from" select="'1'"/>
  <xsl:param name="piece-to" select="'0'"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$piece = 'findings'">
        <xsl:apply-templates select="/results/system[position() &gt;= number($piece-from) and position() &lt;= number($piece-to)]/finding"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>&#xFEFF;</xsl:text>
        <xsl:for-each select="str:tokenize('id name owner code finding severity text basis', ' ')">
          <xsl:if test="position() &gt; 1"><xsl:text>,</xsl:text></xsl:if>
          <xsl:call-template name="head"><xsl:with-param name="id" select="concat('csv.audit.', .)"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>&#13;&#10;</xsl:text>
        <xsl:choose>
          <xsl:when test="$piece = 'frame'"><xsl:text>&lt;!--assess:rows findings--&gt;</xsl:text></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="/results/system/finding"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one finding, one row -->
  <xsl:template match="finding">
    <xsl:variable name="system" select=".."/>
    <xsl:call-template name="field"><xsl:with-param name="v" select="$system/@id"/></xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field"><xsl:with-param name="v" select="$system/@name"/></xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:value-of select="$system/@owner-name"/>
        <xsl:if test="not($system/@owner-name)"><xsl:value-of select="$system/@owner"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@code"/></xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('code.', @code)"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'severity'"/><xsl:with-param name="value" select="@severity"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v"><xsl:call-template name="localized"/></xsl:with-param>
    </xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:choose>
          <xsl:when test="$L = 'en'"><xsl:value-of select="@basis-en"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@basis-vi"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#13;&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
