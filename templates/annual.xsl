<?xml version="1.0" encoding="UTF-8"?>
<!--
  annual.xsl - the December report (domain.md §6): the owner, its security unit
  and operators; every system with operator and proposed level; approved
  dossiers; security plan fully / partly / not implemented; regulation issued;
  inspected as required; the four-layer model. Tables, A4 print styles.

  Linear: per-owner totals come from /results/summary/owner; systems are walked
  once. Parameter: lang = vi (default) | en.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="year" select="substring(/results/@as-of, 1, 4)"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'title.annual'"/></xsl:call-template>
      <xsl:value-of select="concat(' ', $year)"/>
    </xsl:variable>
    <html lang="{$L}">
      <xsl:call-template name="html-head"><xsl:with-param name="title" select="$title"/></xsl:call-template>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <p class="meta">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.period'"/></xsl:call-template>
          <xsl:value-of select="$year - 1"/>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.period.to'"/></xsl:call-template>
          <xsl:value-of select="$year"/>
        </p>
        <xsl:call-template name="meta-lines"/>
        <p class="meta"><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.deadlines'"/></xsl:call-template></p>
        <xsl:call-template name="units"/>
        <xsl:call-template name="systems"/>
        <xsl:call-template name="status"/>
        <xsl:call-template name="layer-table"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="th">
    <xsl:param name="id"/>
    <xsl:param name="class" select="''"/>
    <th class="{$class}"><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></th>
  </xsl:template>

  <xsl:template name="units">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.sec.units'"/></xsl:call-template></h2>
    <table class="units-list">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'role'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'name'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'id'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'parent'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="/results/organization">
          <xsl:sort select="string-length(substring-before('owner isec-unit operator provider', @role))" data-type="number"/>
          <tr>
            <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'role'"/><xsl:with-param name="value" select="@role"/></xsl:call-template></td>
            <td><xsl:value-of select="@name"/></td>
            <td><code><xsl:value-of select="@id"/></code></td>
            <td><xsl:value-of select="@parent"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="systems">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.sec.systems'"/></xsl:call-template></h2>
    <table class="systems">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'seq'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'system'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'owner'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'operator'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'annual.proposed-level'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'annual.dossier'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'plan'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'regulation'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'annual.inspected'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="/results/system">
          <tr class="system">
            <td class="num"><xsl:value-of select="position()"/></td>
            <td><xsl:value-of select="@name"/><br/><span class="muted"><xsl:value-of select="@id"/></span></td>
            <td><xsl:value-of select="@owner-name"/><xsl:if test="not(@owner-name)"><xsl:value-of select="@owner"/></xsl:if></td>
            <td><xsl:value-of select="@operator-name"/><xsl:if test="not(@operator-name)"><xsl:value-of select="@operator"/></xsl:if></td>
            <td><xsl:call-template name="level-label"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@approved-level">
                  <xsl:call-template name="level-label"><xsl:with-param name="level" select="@approved-level"/></xsl:call-template>
                  <xsl:if test="@approval-decision"><br/><span class="muted"><xsl:value-of select="@approval-decision"/>
                    <xsl:if test="@approval-date">, <xsl:call-template name="date"><xsl:with-param name="d" select="@approval-date"/></xsl:call-template></xsl:if></span></xsl:if>
                </xsl:when>
                <xsl:otherwise><span class="sev-critical"><xsl:call-template name="t"><xsl:with-param name="id" select="'unapproved'"/></xsl:call-template></span></xsl:otherwise>
              </xsl:choose>
            </td>
            <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'plan'"/><xsl:with-param name="value" select="@plan"/></xsl:call-template></td>
            <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'regulation'"/><xsl:with-param name="value" select="@regulation"/></xsl:call-template></td>
            <td>
              <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'inspection'"/><xsl:with-param name="value" select="@inspection-state"/></xsl:call-template>
              <xsl:if test="@last-inspection"><br/><span class="muted"><xsl:call-template name="date"><xsl:with-param name="d" select="@last-inspection"/></xsl:call-template></span></xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="status">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.sec.status'"/></xsl:call-template></h2>
    <table class="owner-status">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'owner'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'systems'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'approved'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'plan.full'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'plan.partial'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'plan.none'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'plan.unknown'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'annual.regulation-count'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'annual.inspected-count'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="/results/summary/owner">
          <tr>
            <td><xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if></td>
            <td class="num"><xsl:value-of select="@systems"/></td>
            <td class="num"><xsl:value-of select="@approved"/></td>
            <td class="num"><xsl:value-of select="@plan-full"/></td>
            <td class="num"><xsl:value-of select="@plan-partial"/></td>
            <td class="num"><xsl:value-of select="@plan-none"/></td>
            <td class="num"><xsl:value-of select="@plan-unknown"/></td>
            <td class="num"><xsl:value-of select="@regulation"/></td>
            <td class="num"><xsl:value-of select="@inspected"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="layer-table">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.sec.layers'"/></xsl:call-template></h2>
    <table class="layers">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'owner'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'systems'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'layer.1'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'layer.2'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'layer.3'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="id" select="'layer.4'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="/results/summary/owner">
          <tr>
            <td><xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if></td>
            <td class="num"><xsl:value-of select="@systems"/></td>
            <td class="num"><xsl:value-of select="@layer1"/></td>
            <td class="num"><xsl:value-of select="@layer2"/></td>
            <td class="num"><xsl:value-of select="@layer3"/></td>
            <td class="num"><xsl:value-of select="@layer4"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
