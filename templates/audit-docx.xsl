<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit-docx.xsl - the audit report (audit-content.xsl) as a Word document
  from the auditor, laid out as Decree 30/2020 asks: the Flat OPC package
  that assess packs into a .docx (include/docx.h). Same content as
  audit.xsl.

  Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">
  <xsl:import href="docx/vn-admin.xsl"/>
  <xsl:import href="audit-content.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"
              media-type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/>

  <xsl:template match="/">
    <xsl:variable name="model"><xsl:call-template name="audit-model"/></xsl:variable>
    <xsl:call-template name="admin-docx">
      <xsl:with-param name="model" select="exsl:node-set($model)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
