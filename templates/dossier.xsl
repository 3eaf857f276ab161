<?xml version="1.0" encoding="UTF-8"?>
<!--
  dossier.xsl - the level explanation (thuyết minh đề xuất cấp độ) of every
  system, one HTML document with an anchor per system (id = the system id):
  overview, every clause that held with its legal reference and text, the
  deciding clause, components, who appraises and approves at that level,
  and the requirements at that level (no audit finding: those are the audit
  report's). With parameter system: the level dossier of that system as
  filed (dossier-content.xsl, the same document as dossier-docx.xsl).

  Linear: clause texts come from /results/clauses through a key.
  Parameters: lang = vi (default) | en; system = one system id (default: all);
  part = how a large run is rendered in chunks of systems with flat memory
  (render.c): '' (default) the whole document; 'frame' the document without
  its systems, with the comments assess:nav and assess:sections where the
  contents entries and the sections go; 'nav' the contents entries and
  'sections' the sections of the systems of one chunk.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:import href="docx/vn-admin-html.xsl"/>
  <xsl:import href="annual-content.xsl"/>
  <xsl:import href="dossier-content.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" media-type="text/html"
              doctype-system="about:legacy-compat"/>

  <xsl:param name="system" select="''"/>
  <xsl:param name="part" select="''"/>
  <xsl:key name="clause" match="/results/clauses/clause" use="@id"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'nav'">
        <xsl:for-each select="/results/system"><xsl:call-template name="nav-entry"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="$part = 'sections'">
        <xsl:apply-templates select="/results/system"/>
      </xsl:when>
      <!-- one system: its level dossier, as filed (dossier-content.xsl) -->
      <xsl:when test="$system != '' and $part = ''">
        <xsl:variable name="model"><xsl:call-template name="dossier-model"/></xsl:variable>
        <xsl:call-template name="admin-html">
          <xsl:with-param name="model" select="exsl:node-set($model)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="document"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one entry of the contents -->
  <xsl:template name="nav-entry">
    <li><a href="#{@id}"><xsl:value-of select="@name"/></a>
      <xsl:text> – </xsl:text><xsl:call-template name="level-label"/></li>
  </xsl:template>

  <!-- the whole document, or its frame -->
  <xsl:template name="document">
    <xsl:variable name="frame" select="$part = 'frame'"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'title.dossier'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="systems" select="/results/system[$system = '' or @id = $system]"/>
    <html lang="{$L}">
      <xsl:call-template name="html-head">
        <xsl:with-param name="title">
          <xsl:value-of select="$title"/>
          <xsl:if test="$system != ''"><xsl:value-of select="concat(' – ', $systems[1]/@name)"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:call-template name="meta-lines"><xsl:with-param name="note" select="not($frame)"/></xsl:call-template>
        <xsl:if test="not($systems) and not($frame)">
          <p class="sev-critical"><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.not-found'"/></xsl:call-template>
            <xsl:text> </xsl:text><code><xsl:value-of select="$system"/></code></p>
        </xsl:if>
        <xsl:if test="count($systems) &gt; 1 or $frame">
          <nav>
            <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'contents'"/></xsl:call-template></h2>
            <ol>
              <xsl:for-each select="$systems"><xsl:call-template name="nav-entry"/></xsl:for-each>
              <xsl:if test="$frame"><xsl:comment>assess:nav</xsl:comment></xsl:if>
            </ol>
          </nav>
        </xsl:if>
        <xsl:apply-templates select="$systems"/>
        <xsl:if test="$frame"><xsl:comment>assess:sections</xsl:comment></xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="system">
    <section class="system" id="{@id}">
      <h2><xsl:value-of select="@name"/></h2>
      <p class="proposed"><b><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.proposed'"/></xsl:call-template>:
        <xsl:call-template name="level-label"/></b>
        <xsl:if test="@near-threshold">
          <xsl:text> · </xsl:text>
          <span class="sev-info"><xsl:call-template name="t"><xsl:with-param name="id" select="'near-threshold'"/></xsl:call-template>: <xsl:value-of select="@near-threshold"/></span>
        </xsl:if>
      </p>
      <xsl:call-template name="overview"/>
      <xsl:call-template name="clauses"/>
      <xsl:call-template name="deciding"/>
      <xsl:call-template name="components"/>
      <xsl:call-template name="authority"/>
      <xsl:call-template name="requirements"/>
    </section>
  </xsl:template>

  <xsl:template name="row">
    <xsl:param name="id"/>
    <xsl:param name="value"/>
    <tr><th><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></th>
      <td><xsl:copy-of select="$value"/></td></tr>
  </xsl:template>

  <!-- the information processed: what is stated yes, the secret class, and
       what is not stated (unknown) -->
  <xsl:template name="information">
    <xsl:variable name="items">
      <xsl:for-each select="@info-public[. = 'yes'] | @info-private[. = 'yes'] | @info-personal[. = 'yes'] | @info-defence-security[. = 'yes']">
        <xsl:call-template name="t"><xsl:with-param name="id" select="local-name()"/></xsl:call-template>
        <xsl:text>; </xsl:text>
      </xsl:for-each>
      <xsl:if test="@info-secret and @info-secret != 'none'">
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('info-secret.', @info-secret)"/></xsl:call-template>
        <xsl:text>; </xsl:text>
      </xsl:if>
      <xsl:variable name="unknown">
        <xsl:if test="not(@info-public)"><xsl:call-template name="t"><xsl:with-param name="id" select="'info-public'"/></xsl:call-template><xsl:text>, </xsl:text></xsl:if>
        <xsl:if test="not(@info-private)"><xsl:call-template name="t"><xsl:with-param name="id" select="'info-private'"/></xsl:call-template><xsl:text>, </xsl:text></xsl:if>
        <xsl:if test="not(@info-personal)"><xsl:call-template name="t"><xsl:with-param name="id" select="'info-personal'"/></xsl:call-template><xsl:text>, </xsl:text></xsl:if>
        <xsl:if test="not(@info-secret)"><xsl:call-template name="t"><xsl:with-param name="id" select="'info-secret'"/></xsl:call-template><xsl:text>, </xsl:text></xsl:if>
      </xsl:variable>
      <xsl:if test="string($unknown) != ''">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'info.unknown'"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="substring($unknown, 1, string-length($unknown) - 2)"/>
        <xsl:text>; </xsl:text>
      </xsl:if>
    </xsl:variable>
    <!-- drop the last separator -->
    <xsl:variable name="t" select="normalize-space($items)"/>
    <xsl:choose>
      <xsl:when test="$t = ''">–</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring($t, 1, string-length($t) - 1)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="overview">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.overview'"/></xsl:call-template></h3>
    <table class="overview">
      <xsl:call-template name="row"><xsl:with-param name="id" select="'id'"/><xsl:with-param name="value" select="string(@id)"/></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'owner'"/>
        <xsl:with-param name="value"><xsl:value-of select="@owner-name"/> (<xsl:value-of select="@owner"/>)</xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'operator'"/>
        <xsl:with-param name="value"><xsl:value-of select="@operator-name"/><xsl:if test="@operator"> (<xsl:value-of select="@operator"/>)</xsl:if></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'status'"/>
        <xsl:with-param name="value"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'type'"/>
        <xsl:with-param name="value"><xsl:call-template name="types"/></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'info'"/>
        <xsl:with-param name="value"><xsl:call-template name="information"/></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'hosting'"/>
        <xsl:with-param name="value"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'hosting'"/><xsl:with-param name="value" select="@hosting"/></xsl:call-template>
          <xsl:if test="@hosting-separation"> · <xsl:call-template name="t"><xsl:with-param name="id" select="concat('hosting-separation.', @hosting-separation)"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:call-template name="article-words"><xsl:with-param name="a" select="@hosting-article"/></xsl:call-template><xsl:text>)</xsl:text></xsl:if>
        </xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'approved-level'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="@approved-level">
              <xsl:call-template name="level-label"><xsl:with-param name="level" select="@approved-level"/></xsl:call-template>
              <xsl:if test="@approval-decision"> – <xsl:value-of select="@approval-decision"/></xsl:if>
              <xsl:if test="@approval-date">, <xsl:call-template name="date"><xsl:with-param name="d" select="@approval-date"/></xsl:call-template></xsl:if>
              <xsl:if test="@approved-rules"> (<xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.under.', @approved-rules)"/></xsl:call-template>)</xsl:if>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'unapproved'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'drift'"/>
        <xsl:with-param name="value"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'drift'"/><xsl:with-param name="value" select="@drift"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'plan'"/>
        <xsl:with-param name="value"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'plan'"/><xsl:with-param name="value" select="@plan"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'regulation'"/>
        <xsl:with-param name="value"><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'regulation'"/><xsl:with-param name="value" select="@regulation"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="row"><xsl:with-param name="id" select="'inspection'"/>
        <xsl:with-param name="value">
          <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'inspection'"/><xsl:with-param name="value" select="@inspection-state"/></xsl:call-template>
          <xsl:if test="@last-inspection"> · <xsl:call-template name="t"><xsl:with-param name="id" select="'last-inspection'"/></xsl:call-template>: <xsl:call-template name="date"><xsl:with-param name="d" select="@last-inspection"/></xsl:call-template></xsl:if>
          <xsl:if test="@next-inspection-due"> · <xsl:call-template name="t"><xsl:with-param name="id" select="'next-inspection'"/></xsl:call-template>: <xsl:call-template name="date"><xsl:with-param name="d" select="@next-inspection-due"/></xsl:call-template></xsl:if>
          <xsl:if test="@inspection-months"> · <xsl:call-template name="t"><xsl:with-param name="id" select="'inspection-every'"/></xsl:call-template>
            <xsl:text> </xsl:text><xsl:value-of select="@inspection-months"/><xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'months'"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:call-template name="coded"><xsl:with-param name="prefix" select="'inspection-basis'"/><xsl:with-param name="value" select="@inspection-basis"/></xsl:call-template>
            <xsl:if test="@inspection-policy"><xsl:text> </xsl:text><xsl:value-of select="@inspection-policy"/></xsl:if>
            <xsl:text>)</xsl:text></xsl:if>
        </xsl:with-param></xsl:call-template>
      <xsl:if test="@layers">
        <xsl:call-template name="row"><xsl:with-param name="id" select="'layers'"/>
          <xsl:with-param name="value"><xsl:call-template name="layers"/></xsl:with-param></xsl:call-template>
      </xsl:if>
    </table>
    <xsl:if test="reason">
      <p class="sev-warning"><b><xsl:call-template name="t"><xsl:with-param name="id" select="'reason'"/></xsl:call-template>:</b>
        <xsl:text> </xsl:text><xsl:call-template name="reason"/></p>
    </xsl:if>
  </xsl:template>

  <!-- An article code ("ND331 30.8", "TT12 9.9") in Vietnamese words
       ("khoản 8 Điều 30 Nghị định số 331/2026/NĐ-CP"); in English as it is -->
  <xsl:template name="article-words">
    <xsl:param name="a"/>
    <xsl:variable name="doc" select="substring-before($a, ' ')"/>
    <xsl:variable name="where" select="substring-after($a, ' ')"/>
    <xsl:variable name="name">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('docname.', $doc)"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$L = 'en' or $doc = '' or not($strings/s[@id = concat('docname.', $doc)])"><xsl:value-of select="$a"/></xsl:when>
      <xsl:when test="contains($where, '.')">
        <xsl:value-of select="concat('khoản ', substring-after($where, '.'), ' Điều ', substring-before($where, '.'), ' ', $name)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Điều ', $where, ' ', $name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Lớp 1: có; Lớp 2: không; ..." from @layers = "yes no unknown yes" -->
  <xsl:template name="layers">
    <xsl:param name="rest" select="concat(normalize-space(@layers), ' ')"/>
    <xsl:param name="n" select="1"/>
    <xsl:if test="$n &lt;= 4 and contains($rest, ' ')">
      <xsl:if test="$n &gt; 1">; </xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('layer.', $n)"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="id" select="substring-before($rest, ' ')"/></xsl:call-template>
      <xsl:call-template name="layers">
        <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="clause-table">
    <xsl:param name="clauses"/>
    <table class="clauses">
      <thead><tr>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'code'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'level'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'legal-ref'"/></xsl:call-template></th>
        <th><xsl:call-template name="t"><xsl:with-param name="id" select="'content'"/></xsl:call-template></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$clauses">
          <xsl:variable name="c" select="key('clause', @id)"/>
          <tr class="clause">
            <xsl:if test="@deciding = 'yes'"><xsl:attribute name="class">clause deciding</xsl:attribute></xsl:if>
            <td><code><xsl:value-of select="@id"/></code><xsl:if test="@deciding = 'yes'"> ★</xsl:if></td>
            <td class="num"><xsl:value-of select="@level"/></td>
            <td><xsl:call-template name="clause-ref"><xsl:with-param name="c" select="$c"/></xsl:call-template></td>
            <td><xsl:call-template name="localized"><xsl:with-param name="node" select="$c"/></xsl:call-template>
              <xsl:call-template name="readings"><xsl:with-param name="c" select="$c"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- the legal reference of clause $c in the chosen language -->
  <xsl:template name="clause-ref">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and $c/@ref-en"><xsl:value-of select="$c/@ref-en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$c/@ref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the readings (not the text) a system's clause rests on: the context is
       the system's <clause>, $c its definition in /results/clauses -->
  <xsl:template name="readings">
    <xsl:param name="c"/>
    <xsl:variable name="ids" select="concat(' ', @reading, ' ')"/>
    <xsl:for-each select="$c/reading[contains($ids, concat(' ', @id, ' '))]">
      <p class="reading detail"><b><xsl:call-template name="t"><xsl:with-param name="id" select="'reading'"/></xsl:call-template>:</b>
        <xsl:text> </xsl:text><xsl:call-template name="localized"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="clauses">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.clauses'"/></xsl:call-template></h3>
    <xsl:choose>
      <xsl:when test="clause[@holds = 'yes']">
        <xsl:call-template name="clause-table"><xsl:with-param name="clauses" select="clause[@holds = 'yes']"/></xsl:call-template>
        <p class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.highest'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.no-clause'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="clause[@holds = 'unknown']">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.unknown-clauses'"/></xsl:call-template></h4>
      <xsl:call-template name="clause-table"><xsl:with-param name="clauses" select="clause[@holds = 'unknown']"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="deciding">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.deciding'"/></xsl:call-template></h3>
    <xsl:choose>
      <xsl:when test="@deciding-clause">
        <xsl:variable name="c" select="key('clause', @deciding-clause)"/>
        <p class="deciding"><b><code><xsl:value-of select="@deciding-clause"/></code></b>
          <xsl:if test="$c/@ref"> – <xsl:call-template name="clause-ref"><xsl:with-param name="c" select="$c"/></xsl:call-template></xsl:if>
          <xsl:if test="@deciding-component">
            <xsl:text> (</xsl:text><xsl:call-template name="t"><xsl:with-param name="id" select="'component'"/></xsl:call-template>
            <xsl:text> </xsl:text><code><xsl:value-of select="@deciding-component"/></code><xsl:text>)</xsl:text>
          </xsl:if>
        </p>
        <xsl:if test="$c"><blockquote><xsl:call-template name="localized"><xsl:with-param name="node" select="$c"/></xsl:call-template></blockquote>
          <xsl:for-each select="clause[@id = current()/@deciding-clause]">
            <xsl:call-template name="readings"><xsl:with-param name="c" select="$c"/></xsl:call-template>
          </xsl:for-each>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><p>–</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="components">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.components'"/></xsl:call-template></h3>
    <xsl:choose>
      <xsl:when test="component">
        <table class="components">
          <thead><tr>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'component'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'level'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="component">
              <tr><td><a href="#{@ref}"><xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@ref"/></xsl:if></a>
                <xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="@ref"/>)</span></td>
                <td><xsl:call-template name="level-label"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
        <p class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.composite'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.no-components'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="authority">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.authority'"/></xsl:call-template></h3>
    <xsl:choose>
      <xsl:when test="@level">
        <table class="authority">
          <xsl:call-template name="row"><xsl:with-param name="id" select="'appraises'"/>
            <xsl:with-param name="value"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('authority.appraise.', @level)"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="row"><xsl:with-param name="id" select="'approves'"/>
            <xsl:with-param name="value"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('authority.approve.', @level)"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </table>
        <p class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'authority.go-live'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise><p><xsl:call-template name="t"><xsl:with-param name="id" select="'authority.undetermined'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="requirements">
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.requirements'"/></xsl:call-template></h3>
    <xsl:for-each select="requirements">
      <p>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'req.applicable'"/></xsl:call-template>: <b><xsl:value-of select="@applicable"/></b>
        · <xsl:call-template name="t"><xsl:with-param name="id" select="'req.status.met'"/></xsl:call-template>: <xsl:value-of select="@met"/>
        · <xsl:call-template name="t"><xsl:with-param name="id" select="'req.status.partial'"/></xsl:call-template>: <xsl:value-of select="@partial"/>
        · <xsl:call-template name="t"><xsl:with-param name="id" select="'req.status.not-met'"/></xsl:call-template>: <xsl:value-of select="@not-met"/>
        · <xsl:call-template name="t"><xsl:with-param name="id" select="'req.status.waived'"/></xsl:call-template>: <xsl:value-of select="@waived"/>
        · <xsl:call-template name="t"><xsl:with-param name="id" select="'req.status.unknown'"/></xsl:call-template>: <xsl:value-of select="@unknown"/>
      </p>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="requirement">
        <table class="requirements">
          <thead><tr>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'req.id'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'req.tcvn'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'req.label'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="id" select="'req.status'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="requirement">
              <tr class="requirement {@group}">
                <td><code><xsl:value-of select="@id"/></code></td>
                <td><xsl:value-of select="@tcvn"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="$L = 'en' and @label-en"><xsl:value-of select="@label-en"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@label-vi"/></xsl:otherwise>
                  </xsl:choose>
                  <span class="muted"> · <xsl:call-template name="t"><xsl:with-param name="id" select="concat('req.group.', @group)"/></xsl:call-template></span>
                  <xsl:if test="@product">
                    <span class="muted"> · <xsl:call-template name="t"><xsl:with-param name="id" select="concat('req.product.', @product)"/></xsl:call-template></span>
                  </xsl:if>
                </td>
                <td>
                  <xsl:attribute name="class">
                    <xsl:choose>
                      <xsl:when test="@status = 'met' or @status = 'waived'">ok</xsl:when>
                      <xsl:when test="@status = 'not-met' or @status = 'waiver-expired'">sev-critical</xsl:when>
                      <xsl:when test="@status = 'partial' or @status = 'planned'">sev-warning</xsl:when>
                      <xsl:otherwise>muted</xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'req.status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template>
                  <xsl:if test="@due"> (<xsl:call-template name="t"><xsl:with-param name="id" select="'req.due'"/></xsl:call-template>
                    <xsl:text> </xsl:text><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template>)</xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.no-requirements'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
