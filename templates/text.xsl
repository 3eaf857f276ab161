<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl - a terse terminal summary: headline counts, systems per level,
  findings by severity, and one line per critical finding.
  Linear: counts from /results/summary; systems walked once.
  Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8" media-type="text/plain"/>

  <xsl:variable name="nl" select="'&#10;'"/>

  <xsl:template name="w">
    <xsl:param name="id"/>
    <xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="s" select="/results/summary"/>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'title.text'"/></xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'rules'"/></xsl:call-template>
    <xsl:text>: </xsl:text><xsl:value-of select="/results/@rules"/>
    <xsl:text>  </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'as-of'"/></xsl:call-template>
    <xsl:text>: </xsl:text><xsl:call-template name="date"><xsl:with-param name="d" select="/results/@as-of"/></xsl:call-template>
    <xsl:text>  </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'run'"/></xsl:call-template>
    <xsl:text> </xsl:text><xsl:value-of select="/results/@run"/>
    <xsl:value-of select="$nl"/>

    <xsl:value-of select="$s/@systems"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.systems'"/></xsl:call-template>
    <xsl:text>: </xsl:text>
    <xsl:value-of select="$s/@determined"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.determined'"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="$s/@undetermined"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.undetermined'"/></xsl:call-template>
    <xsl:text>; </xsl:text>
    <xsl:value-of select="$s/@approved"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.approved'"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="$s/@unapproved"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.unapproved'"/></xsl:call-template>
    <xsl:value-of select="$nl"/>

    <xsl:for-each select="$s/level">
      <xsl:call-template name="w"><xsl:with-param name="id" select="'level.short'"/></xsl:call-template>
      <xsl:value-of select="concat(@n, ': ', @systems, '  ')"/>
    </xsl:for-each>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template>
    <xsl:value-of select="concat(': ', $s/@undetermined, $nl)"/>

    <xsl:call-template name="w"><xsl:with-param name="id" select="'findings'"/></xsl:call-template>
    <xsl:text>: </xsl:text>
    <xsl:value-of select="$s/@critical"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.critical'"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="$s/@warning"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.warning'"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="$s/@info"/><xsl:text> </xsl:text>
    <xsl:call-template name="w"><xsl:with-param name="id" select="'headline.info'"/></xsl:call-template>
    <xsl:value-of select="$nl"/>

    <xsl:if test="$s/@critical &gt; 0">
      <xsl:value-of select="$nl"/>
      <xsl:call-template name="w"><xsl:with-param name="id" select="'text.critical'"/></xsl:call-template>
      <xsl:text>:</xsl:text>
      <xsl:value-of select="$nl"/>
      <xsl:for-each select="/results/system[@critical &gt; 0]/finding[@severity = 'critical']">
        <xsl:value-of select="concat('  ', ../@id, ': ')"/>
        <xsl:call-template name="localized"/>
        <xsl:value-of select="$nl"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
