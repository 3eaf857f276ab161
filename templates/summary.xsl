<?xml version="1.0" encoding="UTF-8"?>
<!--
  summary.xsl - the summary report: one self-contained HTML file (inline CSS and
  SVG, no external resources) with systems per level by owner and operator, a
  bar chart of systems per level, approval status, findings by severity with
  the systems behind them, and the undetermined systems with their reasons.

  Linear: counts come from /results/summary; systems are walked once per
  section; the systems behind a finding code are found once per code.
  Parameter: lang = vi (default) | en.

  In pieces (include/report.h), so that a run of 5,000 systems does not
  hold every finding's sentence in one output tree: the frame (piece =
  'frame') has marks where the lists go; piece 'findings' (piece-arg =
  CODE/SEVERITY) is the list of one finding code, 'approval' and
  'undetermined' the rows of those tables, 'systems' the rows of the list
  of systems for systems piece-from..piece-to.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:svg="http://www.w3.org/2000/svg" exclude-result-prefixes="svg">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>


  <xsl:param name="piece" select="''"/>
  <xsl:param name="piece-from" select="'1'"/>
  <xsl:param name="piece-to" select="'0'"/>
  <xsl:param name="piece-arg" select="''"/>
  <xsl:variable name="frame" select="$piece = 'frame'"/>
  <xsl:variable name="piece-systems" select="/results/system[position() &gt;= number($piece-from) and position() &lt;= number($piece-to)]"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$piece = 'findings'">
        <xsl:for-each select="/results/summary/finding-code[concat(@code, '/', @severity) = $piece-arg]">
          <xsl:call-template name="finding-items"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$piece = 'approval'">
        <xsl:for-each select="/results/system[@drift != 'none']"><xsl:call-template name="approval-row"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="$piece = 'undetermined'">
        <xsl:for-each select="/results/system[@determined = 'no']"><xsl:call-template name="undetermined-row"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="$piece = 'systems'">
        <xsl:for-each select="$piece-systems"><xsl:call-template name="system-row"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="document"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="document">
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'title.summary'"/></xsl:call-template>
    </xsl:variable>
    <html lang="{$L}">
      <xsl:call-template name="html-head"><xsl:with-param name="title" select="$title"/></xsl:call-template>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:call-template name="meta-lines"/>
        <xsl:apply-templates select="/results/summary"/>
        <xsl:call-template name="approval"/>
        <xsl:call-template name="findings"/>
        <xsl:call-template name="undetermined"/>
        <xsl:call-template name="all-systems"/>
      </body>
    </html>
  </xsl:template>

  <!-- headline cards, the chart and the owner/operator tables -->
  <xsl:template match="summary">
    <div class="cards">
      <xsl:call-template name="card"><xsl:with-param name="n" select="@systems"/><xsl:with-param name="id" select="'headline.systems'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@determined"/><xsl:with-param name="id" select="'headline.determined'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@undetermined"/><xsl:with-param name="id" select="'headline.undetermined'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@approved"/><xsl:with-param name="id" select="'headline.approved'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@unapproved"/><xsl:with-param name="id" select="'headline.unapproved'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@critical"/><xsl:with-param name="id" select="'headline.critical'"/><xsl:with-param name="class" select="'critical'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@warning"/><xsl:with-param name="id" select="'headline.warning'"/><xsl:with-param name="class" select="'warning'"/></xsl:call-template>
      <xsl:call-template name="card"><xsl:with-param name="n" select="@info"/><xsl:with-param name="id" select="'headline.info'"/><xsl:with-param name="class" select="'info'"/></xsl:call-template>
    </div>

    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.levels'"/></xsl:call-template></h2>
    <xsl:call-template name="chart"/>
    <table class="levels">
      <thead><tr>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'level'"/></xsl:call-template></th>
        <th class="num"><xsl:call-template name="t"><xsl:with-param name="id" select="'systems'"/></xsl:call-template></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="level">
          <tr class="level">
            <td><xsl:call-template name="level-label"><xsl:with-param name="level" select="@n"/></xsl:call-template></td>
            <td class="num"><xsl:value-of select="@systems"/></td>
          </tr>
        </xsl:for-each>
        <tr class="undetermined">
          <td><xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template></td>
          <td class="num"><xsl:value-of select="@undetermined"/></td>
        </tr>
        <tr class="total">
          <td><xsl:call-template name="t"><xsl:with-param name="id" select="'total'"/></xsl:call-template></td>
          <td class="num"><xsl:value-of select="@systems"/></td>
        </tr>
      </tbody>
    </table>

    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.by-owner'"/></xsl:call-template></h2>
    <xsl:call-template name="unit-table"><xsl:with-param name="units" select="owner"/><xsl:with-param name="head" select="'owner'"/></xsl:call-template>
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.by-operator'"/></xsl:call-template></h2>
    <xsl:call-template name="unit-table"><xsl:with-param name="units" select="operator"/><xsl:with-param name="head" select="'operator'"/></xsl:call-template>
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

  <xsl:template name="unit-table">
    <xsl:param name="units"/>
    <xsl:param name="head"/>
    <table class="units">
      <thead><tr>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="$head"/></xsl:call-template></th>
        <xsl:call-template name="level-header-cells"/>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$units">
          <tr>
            <td>
              <xsl:value-of select="@name"/>
              <xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if>
              <xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="@id"/>)</span>
            </td>
            <xsl:call-template name="level-count-cells"/>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- An inline SVG bar chart: one bar per level and one for undetermined. -->
  <xsl:template name="chart">
    <xsl:variable name="vals" select="level/@systems | @undetermined"/>
    <xsl:variable name="max0">
      <xsl:for-each select="$vals">
        <xsl:sort select="." data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="max" select="number($max0) + number(number($max0) = 0)"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'chart.title'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="short">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'level.short'"/></xsl:call-template>
    </xsl:variable>
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 260" width="640" height="260"
         role="img" aria-label="{$title}">
      <title><xsl:value-of select="$title"/></title>
      <line x1="40" y1="210" x2="630" y2="210" stroke="#5b6570" stroke-width="1"/>
      <xsl:for-each select="level">
        <xsl:call-template name="bar">
          <xsl:with-param name="i" select="position() - 1"/>
          <xsl:with-param name="v" select="number(@systems)"/>
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="label" select="concat($short, @n)"/>
          <xsl:with-param name="color" select="'#1f4e79'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="bar">
        <xsl:with-param name="i" select="5"/>
        <xsl:with-param name="v" select="number(@undetermined)"/>
        <xsl:with-param name="max" select="$max"/>
        <xsl:with-param name="label">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="color" select="'#b54708'"/>
      </xsl:call-template>
    </svg>
  </xsl:template>

  <xsl:template name="bar">
    <xsl:param name="i"/>
    <xsl:param name="v"/>
    <xsl:param name="max"/>
    <xsl:param name="label"/>
    <xsl:param name="color"/>
    <xsl:variable name="h" select="round(180 * $v div $max)"/>
    <xsl:variable name="x" select="60 + $i * 95"/>
    <rect xmlns="http://www.w3.org/2000/svg" x="{$x}" y="{210 - $h}" width="60" height="{$h}" fill="{$color}"/>
    <text xmlns="http://www.w3.org/2000/svg" x="{$x + 30}" y="{204 - $h}" text-anchor="middle" font-weight="600"><xsl:value-of select="$v"/></text>
    <text xmlns="http://www.w3.org/2000/svg" x="{$x + 30}" y="230" text-anchor="middle"><xsl:value-of select="$label"/></text>
  </xsl:template>

  <!-- Approval: counts, then every system whose approval does not match -->
  <xsl:template name="approval">
    <xsl:variable name="s" select="/results/summary"/>
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.approval'"/></xsl:call-template></h2>
    <p>
      <span class="ok"><xsl:call-template name="t"><xsl:with-param name="id" select="'approved'"/></xsl:call-template>: <b><xsl:value-of select="$s/@approved"/></b></span>
      <xsl:text> · </xsl:text>
      <span class="sev-critical"><xsl:call-template name="t"><xsl:with-param name="id" select="'unapproved'"/></xsl:call-template>: <b><xsl:value-of select="$s/@unapproved"/></b></span>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'operating'"/></xsl:call-template>: <b><xsl:value-of select="$s/@operating"/></b>
    </p>
    <xsl:variable name="off" select="/results/system[@drift != 'none']"/>
    <xsl:choose>
      <xsl:when test="not($off)">
        <p class="ok"><xsl:call-template name="t"><xsl:with-param name="id" select="'approval.none'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <table class="approval">
          <thead><tr>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'system'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'status'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'level'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'approved-level'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'drift'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:choose>
              <xsl:when test="$frame"><xsl:comment>assess:piece approval</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:for-each select="$off"><xsl:call-template name="approval-row"/></xsl:for-each></xsl:otherwise>
            </xsl:choose>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Findings: per severity, per code, with the systems that carry it -->
  <xsl:template name="findings">
    <xsl:variable name="codes" select="/results/summary/finding-code"/>
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.findings'"/></xsl:call-template></h2>
    <xsl:if test="not($codes)">
      <p class="ok"><xsl:call-template name="t"><xsl:with-param name="id" select="'findings.none'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:for-each select="$codes[@severity = 'critical'] | $codes[@severity = 'warning'] | $codes[@severity = 'info']">
      <xsl:sort select="string-length(substring-before('critical warning info', @severity))" data-type="number"/>
      <h3 class="finding-code">
        <xsl:call-template name="severity-badge"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('code.', @code)"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <!-- the code only in English: a Vietnamese document names no internal code -->
        <span class="muted">(<xsl:if test="$L = 'en'"><code><xsl:value-of select="@code"/></code>: </xsl:if><xsl:value-of select="@systems"/>)</span>
      </h3>
      <!-- a digest lists at most /results/@sample systems per code -->
      <xsl:variable name="cap">
        <xsl:choose>
          <xsl:when test="/results/@sample"><xsl:value-of select="/results/@sample"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@systems"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <ul class="plain">
        <xsl:choose>
          <xsl:when test="$frame"><xsl:comment>assess:piece findings <xsl:value-of select="concat(@code, '/', @severity)"/></xsl:comment></xsl:when>
          <xsl:otherwise><xsl:call-template name="finding-items"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@systems &gt; $cap">
          <li class="more">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'more.1'"/></xsl:call-template>
            <xsl:value-of select="@systems - $cap"/>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'more.2'"/></xsl:call-template>
          </li>
        </xsl:if>
      </ul>
    </xsl:for-each>
  </xsl:template>

  <!-- Undetermined systems and what they lack -->
  <xsl:template name="undetermined">
    <xsl:variable name="u" select="/results/system[@determined = 'no']"/>
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.undetermined'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="not($u)">
        <p class="ok"><xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined.none'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <table class="undetermined">
          <thead><tr>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'system'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'status'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'reason'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:choose>
              <xsl:when test="$frame"><xsl:comment>assess:piece undetermined</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:for-each select="$u"><xsl:call-template name="undetermined-row"/></xsl:for-each></xsl:otherwise>
            </xsl:choose>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every system, one row each -->
  <xsl:template name="all-systems">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'sec.systems'"/></xsl:call-template></h2>
    <table class="systems">
      <thead><tr>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'system'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'operator'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'status'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'level'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'deciding-clause'"/></xsl:call-template></th>
        <th class="num"><xsl:call-template name="t"><xsl:with-param name="id" select="'summary.requirements'"/></xsl:call-template></th>
        <th class="num"><xsl:call-template name="t"><xsl:with-param name="id" select="'findings'"/></xsl:call-template></th>
      </tr></thead>
      <tbody>
        <xsl:choose>
          <xsl:when test="$frame"><xsl:comment>assess:rows systems</xsl:comment></xsl:when>
          <xsl:otherwise><xsl:for-each select="/results/system"><xsl:call-template name="system-row"/></xsl:for-each></xsl:otherwise>
        </xsl:choose>
      </tbody>
    </table>
  </xsl:template>

  <!-- one system whose approval does not match -->
  <xsl:template name="approval-row">
    <tr>
      <td><xsl:value-of select="@name"/><br/><span class="muted"><xsl:value-of select="@id"/></span></td>
      <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
      <td><xsl:call-template name="level-label"/></td>
      <td><xsl:choose>
        <xsl:when test="@approved-level"><xsl:call-template name="level-label"><xsl:with-param name="level" select="@approved-level"/></xsl:call-template>
          <xsl:if test="@approval-decision"><br/><span class="muted"><xsl:value-of select="@approval-decision"/></span></xsl:if></xsl:when>
        <xsl:otherwise>–</xsl:otherwise>
      </xsl:choose></td>
      <td>
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="@status = 'operating'">sev-critical</xsl:when>
            <xsl:otherwise>sev-warning</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'drift'"/><xsl:with-param name="value" select="@drift"/></xsl:call-template>
      </td>
    </tr>
  </xsl:template>

  <!-- one undetermined system -->
  <xsl:template name="undetermined-row">
    <tr>
      <td><xsl:value-of select="@name"/><br/><span class="muted"><xsl:value-of select="@id"/></span></td>
      <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
      <td><xsl:call-template name="reason"/></td>
    </tr>
  </xsl:template>

  <!-- one row of the list of systems -->
  <xsl:template name="system-row">
    <tr class="system">
      <td><xsl:value-of select="@name"/><br/><span class="muted"><xsl:value-of select="@id"/></span></td>
      <td><xsl:value-of select="@operator-name"/><xsl:if test="not(@operator-name)"><xsl:value-of select="@operator"/></xsl:if></td>
      <td><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
      <td><xsl:call-template name="level-label"/></td>
      <td><xsl:value-of select="@deciding-clause"/></td>
      <!-- requirements of the level (Circular 12/2022): met / applicable,
           then what is not met and what the inventory does not say -->
      <td class="num req">
        <xsl:for-each select="requirements[@applicable &gt; 0]">
          <xsl:value-of select="concat(@met, ' / ', @applicable)"/>
          <xsl:if test="@not-met &gt; 0"><br/><span class="sev-critical"><xsl:call-template name="t"><xsl:with-param name="id" select="'summary.req.not-met'"/></xsl:call-template><xsl:value-of select="@not-met"/></span></xsl:if>
          <xsl:if test="@unknown &gt; 0"><br/><span class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'summary.req.unknown'"/></xsl:call-template><xsl:value-of select="@unknown"/></span></xsl:if>
        </xsl:for-each>
      </td>
      <td class="num">
        <xsl:if test="@critical &gt; 0"><span class="sev-critical"><xsl:value-of select="@critical"/></span> / </xsl:if>
        <xsl:value-of select="@findings"/>
      </td>
    </tr>
  </xsl:template>

  <!-- the systems behind the finding-code in context: at most /results/@sample
       in a digest (whose document holds only those), every one otherwise -->
  <xsl:template name="finding-items">
    <xsl:variable name="code" select="@code"/>
    <xsl:variable name="severity" select="@severity"/>
    <xsl:variable name="hits" select="/results/system/finding[@code = $code and @severity = $severity]"/>
    <xsl:variable name="cap">
      <xsl:choose>
        <xsl:when test="/results/@sample"><xsl:value-of select="/results/@sample"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($hits)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$hits[position() &lt;= $cap]">
      <li><xsl:value-of select="../@name"/><xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="../@id"/>)</span>
        <br/><span class="detail"><xsl:call-template name="localized"/></span></li>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
