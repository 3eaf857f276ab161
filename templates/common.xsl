<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - pieces every report imports: the language parameter, the string
  table (strings/vi.xml, strings/en.xml, loaded relative to this file), labels
  for coded values, and the HTML head with inline CSS (screen and A4 print).

  Linear by construction: strings are looked up with a key over the small
  string table; nothing here searches the results document.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings" xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str" exclude-result-prefixes="exsl">

  <!-- 'vi' (default) or 'en'; anything else falls back to Vietnamese -->
  <xsl:param name="lang" select="'vi'"/>
  <xsl:variable name="L">
    <xsl:choose>
      <xsl:when test="$lang = 'en'">en</xsl:when>
      <xsl:otherwise>vi</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="strings" select="document(concat('strings/', $L, '.xml'))/strings"/>
  <xsl:key name="str" match="s" use="@id"/>

  <!-- The string with this id in the chosen language (the id itself if missing,
       so a gap in a strings file shows instead of vanishing). -->
  <xsl:template name="t">
    <xsl:param name="id"/>
    <xsl:for-each select="$strings">
      <xsl:variable name="s" select="key('str', $id)"/>
      <xsl:choose>
        <xsl:when test="$s"><xsl:value-of select="$s"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A digest of a large run (results/@partial): the counts cover every
       system, the lists only those included. -->
  <xsl:template name="partial-note">
    <xsl:if test="/results/@partial = 'yes'">
      <p class="partial">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'partial.1'"/></xsl:call-template>
        <xsl:value-of select="/results/summary/@systems"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'partial.2'"/></xsl:call-template>
        <xsl:value-of select="/results/@systems-included"/>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'partial.3'"/></xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- "Cấp độ 3" / "Level 3", or "Chưa xác định" when @level is absent -->
  <xsl:template name="level-label">
    <xsl:param name="level" select="@level"/>
    <xsl:choose>
      <xsl:when test="string($level) != ''">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'level.n'"/></xsl:call-template>
        <xsl:value-of select="$level"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- label of a coded value: prefix.value, or "–" when the value is empty -->
  <xsl:template name="coded">
    <xsl:param name="prefix"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) = ''">–</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t">
          <xsl:with-param name="id" select="concat($prefix, '.', $value)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a space-separated list of system types, each labelled (EXSLT
       str:tokenize and a loop: no template call per item, so no depth limit) -->
  <xsl:template name="types">
    <xsl:param name="list" select="normalize-space(@type)"/>
    <xsl:for-each select="str:tokenize($list, ' ')">
      <xsl:if test="position() > 1"><xsl:text>; </xsl:text></xsl:if>
      <xsl:call-template name="coded">
        <xsl:with-param name="prefix" select="'type'"/>
        <xsl:with-param name="value" select="string(.)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- the text child in the chosen language, else the first one -->
  <xsl:template name="localized">
    <xsl:param name="node" select="."/>
    <xsl:call-template name="plain">
      <xsl:with-param name="text">
        <xsl:choose>
          <xsl:when test="$node/text[lang($L)]"><xsl:value-of select="$node/text[lang($L)][1]"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$node/text[1]"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- a system's reason (why undetermined) in the chosen language, else the first -->
  <xsl:template name="reason">
    <xsl:call-template name="plain">
      <xsl:with-param name="text">
        <xsl:choose>
          <xsl:when test="reason[lang($L)]"><xsl:value-of select="reason[lang($L)][1]"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="reason[1]"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The internal names a sentence made in C may hold (a fact name such as
       data-subjects.sensitive, a rule-set id), longest first, and the words
       the reader is given instead (<term> in strings/*.xml) -->
  <xsl:variable name="term-list">
    <xsl:for-each select="$strings/term">
      <xsl:sort select="string-length(@code)" data-type="number" order="descending"/>
      <xsl:copy-of select="."/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="terms" select="exsl:node-set($term-list)/term"/>

  <!-- text with every internal name replaced by its words (one EXSLT
       str:replace over the whole list: a loop in C, no recursion) -->
  <xsl:template name="plain">
    <xsl:param name="text"/>
    <xsl:value-of select="str:replace(string($text), $terms/@code, $terms)"/>
  </xsl:template>

  <!-- the rule set's title in the chosen language -->
  <xsl:template name="rules-title">
    <xsl:variable name="r" select="/results"/>
    <xsl:value-of select="$r/@rules"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and $r/@rules-title-en">
        <xsl:text> (</xsl:text><xsl:value-of select="$r/@rules-title-en"/><xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:when test="$r/@rules-title-vi">
        <xsl:text> (</xsl:text><xsl:value-of select="$r/@rules-title-vi"/><xsl:text>)</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- dd/mm/yyyy in Vietnamese, ISO in English -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &lt; 10"><xsl:value-of select="$d"/></xsl:when>
      <xsl:when test="$L = 'vi'">
        <xsl:value-of select="concat(substring($d, 9, 2), '/', substring($d, 6, 2), '/', substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($d, 1, 10)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- <head> with the charset, a title and the shared style sheet -->
  <xsl:template name="html-head">
    <xsl:param name="title"/>
    <head>
      <meta charset="UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="generator" content="assess {/results/@tool-version}"/>
      <title><xsl:value-of select="$title"/></title>
      <style>
:root { --ink: #1b1f24; --muted: #5b6570; --line: #c9d1d9; --head: #eef2f6;
        --crit: #b42318; --warn: #b54708; --info: #175cd3; --ok: #067647; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem; max-width: 72rem; line-height: 1.45; }
h1 { font-size: 1.6rem; color: var(--accent); margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; color: var(--accent); border-bottom: 2px solid var(--accent);
     padding-bottom: .2rem; margin: 1.8rem 0 .7rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .5rem; }
p.meta { color: var(--muted); margin: .1rem 0; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.levels, table.units { width: auto; min-width: 24rem; }
table.units td:first-child { min-width: 18rem; }
tr.total td { font-weight: 600; background: #f6f8fa; }
.cards { display: flex; flex-wrap: wrap; gap: .7rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.card b { display: block; font-size: 1.6rem; }
.sev-critical, .card.critical b { color: var(--crit); }
.sev-warning, .card.warning b { color: var(--warn); }
.sev-info, .card.info b { color: var(--info); }
.ok { color: var(--ok); }
.badge { display: inline-block; border-radius: 3px; padding: 0 .35rem; font-size: .8rem;
         font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.muted { color: var(--muted); }
.detail { color: var(--muted); font-size: 0.92em; }
.partial { border-left: 4px solid var(--warn); background: #fff8ec; padding: .4rem .7rem; }
ul.plain { padding-left: 1.2rem; margin: .2rem 0; }
svg { max-width: 40rem; height: auto; display: block; margin: .5rem 0 1rem; }
svg text { font-family: inherit; font-size: 13px; fill: #1b1f24; }
section.system { border-top: 3px solid var(--accent); margin-top: 2rem; padding-top: .3rem; }
nav ol { columns: 2; font-size: .9rem; }
a { color: var(--accent); }
@page { size: A4; margin: 15mm 12mm 15mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  table { font-size: 8.5pt; }
  tr, .card, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  section.system { break-before: page; border-top: none; }
  section.system:first-of-type { break-before: auto; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
      </style>
    </head>
  </xsl:template>

  <!-- the lines under the title: rule set, as-of date, run, generation time -->
  <xsl:template name="meta-lines">
    <!-- false() leaves out the digest note (a frame without its systems) -->
    <xsl:param name="note" select="true()"/>
    <xsl:variable name="r" select="/results"/>
    <xsl:if test="$note"><xsl:call-template name="partial-note"/></xsl:if>
    <p class="meta">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'rules'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="rules-title"/>
    </p>
    <p class="meta">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'as-of'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$r/@as-of"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'run'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$r/@run"/>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'generated'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="translate($r/@generated, 'TZ', ' ')"/>
      <xsl:text> UTC · assess </xsl:text>
      <xsl:value-of select="$r/@tool-version"/>
    </p>
  </xsl:template>

  <!-- a table cell with a number -->
  <xsl:template name="num">
    <xsl:param name="v"/>
    <td class="num"><xsl:value-of select="$v"/></td>
  </xsl:template>

  <!-- header cells L1..L5, undetermined, total -->
  <xsl:template name="level-header-cells">
    <xsl:variable name="short">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'level.short'"/></xsl:call-template>
    </xsl:variable>
    <th class="num"><xsl:value-of select="concat($short, '1')"/></th>
    <th class="num"><xsl:value-of select="concat($short, '2')"/></th>
    <th class="num"><xsl:value-of select="concat($short, '3')"/></th>
    <th class="num"><xsl:value-of select="concat($short, '4')"/></th>
    <th class="num"><xsl:value-of select="concat($short, '5')"/></th>
    <th class="num"><xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template></th>
    <th class="num"><xsl:call-template name="t"><xsl:with-param name="id" select="'total'"/></xsl:call-template></th>
  </xsl:template>

  <!-- the cells of an owner/operator row in summary: l1..l5, undetermined, systems -->
  <xsl:template name="level-count-cells">
    <td class="num"><xsl:value-of select="@l1"/></td>
    <td class="num"><xsl:value-of select="@l2"/></td>
    <td class="num"><xsl:value-of select="@l3"/></td>
    <td class="num"><xsl:value-of select="@l4"/></td>
    <td class="num"><xsl:value-of select="@l5"/></td>
    <td class="num"><xsl:value-of select="@undetermined"/></td>
    <td class="num"><xsl:value-of select="@systems"/></td>
  </xsl:template>

  <!-- a severity badge -->
  <xsl:template name="severity-badge">
    <xsl:param name="s" select="@severity"/>
    <span class="badge sev-{$s}">
      <xsl:call-template name="coded">
        <xsl:with-param name="prefix" select="'severity'"/>
        <xsl:with-param name="value" select="$s"/>
      </xsl:call-template>
    </span>
  </xsl:template>
</xsl:stylesheet>
