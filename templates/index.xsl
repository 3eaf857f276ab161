<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl - index.html of a review directory: the headline counts and links
  to summary.html, dossier.html, annual.html, audit.html, audit.docx,
  audit.csv, results.csv and results.xml,
  and to each owner's annual-OWNER.docx and annual-OWNER.html (relative
  links: the files sit beside it). Parameter: lang = vi | en.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="s" select="/results/summary"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'title.index'"/></xsl:call-template>
    </xsl:variable>
    <html lang="{$L}">
      <xsl:call-template name="html-head"><xsl:with-param name="title" select="$title"/></xsl:call-template>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:call-template name="meta-lines"/>
        <div class="cards">
          <xsl:call-template name="card"><xsl:with-param name="n" select="$s/@systems"/><xsl:with-param name="id" select="'headline.systems'"/></xsl:call-template>
          <xsl:call-template name="card"><xsl:with-param name="n" select="$s/@undetermined"/><xsl:with-param name="id" select="'headline.undetermined'"/></xsl:call-template>
          <xsl:call-template name="card"><xsl:with-param name="n" select="$s/@unapproved"/><xsl:with-param name="id" select="'headline.unapproved'"/></xsl:call-template>
          <xsl:call-template name="card"><xsl:with-param name="n" select="$s/@critical"/><xsl:with-param name="id" select="'headline.critical'"/><xsl:with-param name="class" select="'critical'"/></xsl:call-template>
          <xsl:call-template name="card"><xsl:with-param name="n" select="$s/@warning"/><xsl:with-param name="id" select="'headline.warning'"/><xsl:with-param name="class" select="'warning'"/></xsl:call-template>
        </div>
        <p>
          <xsl:for-each select="$s/level">
            <xsl:call-template name="level-label"><xsl:with-param name="level" select="@n"/></xsl:call-template>
            <xsl:value-of select="concat(': ', @systems, ' · ')"/>
          </xsl:for-each>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template>
          <xsl:value-of select="concat(': ', $s/@undetermined)"/>
        </p>
        <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'index.reports'"/></xsl:call-template></h2>
        <ul class="reports">
          <xsl:call-template name="link"><xsl:with-param name="href" select="'summary.html'"/><xsl:with-param name="id" select="'index.summary'"/></xsl:call-template>
          <xsl:if test="not(/results/@partial = 'yes')">
            <xsl:call-template name="link"><xsl:with-param name="href" select="'dossier.html'"/><xsl:with-param name="id" select="'index.dossier'"/></xsl:call-template>
          </xsl:if>
          <xsl:call-template name="link"><xsl:with-param name="href" select="'annual.html'"/><xsl:with-param name="id" select="'index.annual'"/></xsl:call-template>
          <xsl:call-template name="link"><xsl:with-param name="href" select="'audit.html'"/><xsl:with-param name="id" select="'index.audit'"/></xsl:call-template>
          <xsl:call-template name="link"><xsl:with-param name="href" select="'audit.docx'"/><xsl:with-param name="id" select="'index.audit-docx'"/></xsl:call-template>
          <xsl:if test="not(/results/@partial = 'yes')">
            <xsl:call-template name="link"><xsl:with-param name="href" select="'audit.csv'"/><xsl:with-param name="id" select="'index.audit-csv'"/></xsl:call-template>
          </xsl:if>
          <xsl:call-template name="link"><xsl:with-param name="href" select="'results.csv'"/><xsl:with-param name="id" select="'index.csv'"/></xsl:call-template>
          <xsl:if test="not(/results/@partial = 'yes')">
            <xsl:call-template name="link"><xsl:with-param name="href" select="'results.xml'"/><xsl:with-param name="id" select="'index.xml'"/></xsl:call-template>
          </xsl:if>
        </ul>
        <xsl:if test="not(/results/@partial = 'yes') and $s/owner">
          <!-- what `assess review` writes for each owner -->
          <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'index.owners'"/></xsl:call-template></h2>
          <ul class="reports">
            <xsl:for-each select="$s/owner">
              <li>
                <xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if>
                <xsl:text>: </xsl:text>
                <a href="annual-{@id}.docx"><xsl:call-template name="t"><xsl:with-param name="id" select="'index.annual-docx'"/></xsl:call-template></a>
                <xsl:text> · </xsl:text>
                <a href="annual-{@id}.html"><xsl:call-template name="t"><xsl:with-param name="id" select="'index.annual-html'"/></xsl:call-template></a>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="/results/dossier-file">
          <!-- the level dossiers `assess review` writes beside this page -->
          <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'index.dossiers'"/></xsl:call-template></h2>
          <ul class="reports">
            <xsl:for-each select="/results/dossier-file">
              <xsl:variable name="id" select="@system"/>
              <xsl:variable name="sys" select="/results/system[@id = $id]"/>
              <li>
                <a href="{@name}">
                  <xsl:value-of select="$sys/name"/>
                  <xsl:if test="not($sys/name)"><xsl:value-of select="$id"/></xsl:if>
                </a>
                <xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="@name"/>)</span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="/results/@partial = 'yes'">
          <p><xsl:call-template name="t"><xsl:with-param name="id" select="'index.large'"/></xsl:call-template></p>
          <pre>assess report --run <xsl:value-of select="/results/@run"/> dossier --system ID -o dossier-ID.html
assess report --run <xsl:value-of select="/results/@run"/> annual --owner ID -o annual-ID.html
assess report --run <xsl:value-of select="/results/@run"/> annual-docx --owner ID -o annual-ID.docx
assess report --run <xsl:value-of select="/results/@run"/> audit-docx --owner ID -o audit-ID.docx
assess report --run <xsl:value-of select="/results/@run"/> audit-csv --owner ID -o audit-ID.csv
assess results --run <xsl:value-of select="/results/@run"/> -o results.xml</pre>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="id"/>
    <li><a href="{$href}"><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></a>
      <xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="$href"/>)</span></li>
  </xsl:template>

  <xsl:template name="card">
    <xsl:param name="n"/>
    <xsl:param name="id"/>
    <xsl:param name="class" select="''"/>
    <div class="card {$class}">
      <b><xsl:value-of select="$n"/></b>
      <xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template>
    </div>
  </xsl:template>
</xsl:stylesheet>
