<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit.xsl - the audit report (audit-content.xsl: findings by severity with
  their legal basis, the system x finding matrix) as a web page laid out
  like the filed document; audit-docx.xsl is the same document in Word.

  Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">
  <xsl:import href="docx/vn-admin-html.xsl"/>
  <xsl:import href="audit-content.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="model"><xsl:call-template name="audit-model"/></xsl:variable>
    <xsl:call-template name="admin-html">
      <xsl:with-param name="model" select="exsl:node-set($model)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
