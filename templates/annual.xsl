<?xml version="1.0" encoding="UTF-8"?>
<!--
  annual.xsl - the annual report (annual-content.xsl: Decree 331/2026 Art.
  35-36 and Mẫu số 08, or Circular 12/2022 Art. 13-14 for a Decree 85 run)
  as a web page laid out like the filed document; annual-docx.xsl is the
  same document in Word.

  Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">
  <xsl:import href="docx/vn-admin-html.xsl"/>
  <xsl:import href="annual-content.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="model"><xsl:call-template name="annual-model"/></xsl:variable>
    <xsl:call-template name="admin-html">
      <xsl:with-param name="model" select="exsl:node-set($model)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
