<?xml version="1.0" encoding="UTF-8"?>
<!--
  annual-content.xsl - what the annual report says, as the document model of
  docx/vn-admin.xsl; annual.xsl renders it as a web page, annual-docx.xsl
  as a Word document.

  Decree 331/2026/NĐ-CP: Art. 35 (reporting period 15/12 of the previous
  year to 14/12; units to the owner before 20/12, the owner to the Ministry
  of Public Security before 25/12), Art. 36 (contents) and its form Mẫu số 08
  (general figures; the owner and its cybersecurity unit; a 12-column table
  of the systems). A run under Decree 85/2016 reports under Circular
  12/2022/TT-BTTTT Art. 13-14, with the same table in its terms. The
  results' rule set (results/@rules) chooses.

  What the results do not hold is a field to complete (d:todo), never a
  guess: the unit's own details come from the settings file (context.h).
  Linear: the systems are walked once for the table and once for each of
  the two tables of section 4; the rest reads /results/summary.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:assess:document"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="d exsl str">

  <xsl:template name="annual-model">
    <xsl:variable name="r" select="/results"/>
    <xsl:variable name="basis">
      <xsl:choose>
        <xsl:when test="$r/@rules = 'ND85'">nd85</xsl:when>
        <xsl:otherwise>nd331</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- the report of year Y covers 15/12/(Y-1) to 14/12/Y (Art. 35.3) -->
    <xsl:variable name="year">
      <xsl:variable name="y" select="number(substring($r/@as-of, 1, 4))"/>
      <xsl:choose>
        <xsl:when test="substring($r/@as-of, 6, 2) = '12' and number(substring($r/@as-of, 9, 2)) &gt;= 15">
          <xsl:value-of select="$y + 1"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$y"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="owners" select="$r/summary/owner"/>
    <xsl:variable name="owner-id">
      <xsl:if test="count($owners) = 1"><xsl:value-of select="$owners/@id"/></xsl:if>
    </xsl:variable>
    <xsl:variable name="cfg-tree">
      <xsl:call-template name="admin-settings">
        <xsl:with-param name="report" select="'annual'"/>
        <xsl:with-param name="owner" select="string($owner-id)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cfg" select="exsl:node-set($cfg-tree)/d:cfg"/>
    <!-- the issuing body (Mẫu số 08: the system owner) -->
    <xsl:variable name="issuer">
      <xsl:choose>
        <xsl:when test="$cfg/issuer/@name"><xsl:value-of select="$cfg/issuer/@name"/></xsl:when>
        <xsl:when test="$owner-id != ''"><xsl:value-of select="$owners/@name"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="re">
      <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.re'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
      <xsl:value-of select="$year"/>
    </xsl:variable>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.title'"/></xsl:call-template>
      <xsl:value-of select="concat(' ', $year)"/>
    </xsl:variable>

    <xsl:choose>
      <!-- a piece of the document in pieces (docx/vn-admin.xsl): one table's rows -->
      <xsl:when test="$piece = 'm08'">
        <d:piece><d:landscape><xsl:call-template name="annual-table-m08"><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:landscape></d:piece>
      </xsl:when>
      <xsl:when test="$piece = 'requirements'">
        <d:piece><xsl:call-template name="annual-table-requirements"/></d:piece>
      </xsl:when>
      <xsl:when test="$piece = 'layers'">
        <d:piece><xsl:call-template name="annual-table-layers"/></d:piece>
      </xsl:when>
      <xsl:otherwise>
    <d:document title="{$title}">
      <xsl:attribute name="lang">
        <xsl:choose><xsl:when test="$L = 'vi'">vi-VN</xsl:when><xsl:otherwise>en-GB</xsl:otherwise></xsl:choose>
      </xsl:attribute>
      <d:head>
        <xsl:if test="$cfg/issuer/@parent"><d:parent><xsl:value-of select="$cfg/issuer/@parent"/></d:parent></xsl:if>
        <d:issuer>
          <xsl:choose>
            <xsl:when test="$issuer != ''"><xsl:value-of select="$issuer"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.issuer'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </d:issuer>
        <d:number><xsl:call-template name="admin-number"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:number>
        <d:subject><xsl:value-of select="$re"/></d:subject>
        <d:place-date><xsl:call-template name="admin-place-date"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:place-date>
      </d:head>
      <d:to>
        <xsl:for-each select="$cfg/to"><d:item><xsl:value-of select="."/></d:item></xsl:for-each>
        <xsl:if test="not($cfg/to)">
          <d:item>
            <xsl:call-template name="admin-todo">
              <xsl:with-param name="id" select="concat('annual.to-hint.', $basis)"/>
            </xsl:call-template>
          </d:item>
        </xsl:if>
      </d:to>
      <d:body>
        <d:p>
          <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.basis'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="$issuer != ''"><xsl:value-of select="$issuer"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.issuer'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.reports'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
          <xsl:value-of select="$year"/>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.period.1'"/></xsl:call-template>
          <xsl:value-of select="$year - 1"/>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.period.2'"/></xsl:call-template>
          <xsl:value-of select="$year"/>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.period.3'"/></xsl:call-template>
        </d:p>
        <xsl:call-template name="annual-general"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <xsl:call-template name="annual-organisations"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <d:landscape>
          <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s3'"/></xsl:call-template></d:h>
          <xsl:call-template name="annual-systems"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        </d:landscape>
        <xsl:call-template name="annual-other"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
      </d:body>
      <xsl:call-template name="admin-closing"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template>
      <xsl:call-template name="admin-sources">
        <xsl:with-param name="extra">
          <d:item>
            <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.deadlines'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
            <xsl:value-of select="$year"/>
            <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.deadlines.2'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
            <xsl:value-of select="concat($year, '.')"/>
          </d:item>
        </xsl:with-param>
      </xsl:call-template>
    </d:document>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Tổng số ...: N" -->
  <xsl:template name="annual-figure">
    <xsl:param name="id"/>
    <xsl:param name="n"/>
    <d:item>
      <xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </d:item>
  </xsl:template>

  <!-- 1. the general figures (Mẫu số 08, section 1) -->
  <xsl:template name="annual-general">
    <xsl:param name="basis"/>
    <xsl:variable name="s" select="/results/summary"/>
    <xsl:variable name="approved">
      <xsl:call-template name="admin-count"><xsl:with-param name="n" select="$s/@approved"/></xsl:call-template>
    </xsl:variable>
    <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1'"/></xsl:call-template></d:h>
    <d:list>
      <xsl:call-template name="annual-figure">
        <xsl:with-param name="id" select="'annual.s1.total'"/><xsl:with-param name="n" select="$s/@systems"/>
      </xsl:call-template>
      <!-- every system of an inventory has its type(s) (inventory.rng) -->
      <xsl:call-template name="annual-figure">
        <xsl:with-param name="id" select="'annual.s1.classified'"/><xsl:with-param name="n" select="$s/@systems"/>
      </xsl:call-template>
      <!-- the inventory knows approvals only, not drafts and appraisals -->
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1.dossier'"/></xsl:call-template>
        <xsl:call-template name="annual-at-least"><xsl:with-param name="approved" select="$approved"/></xsl:call-template>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1.appraised'"/></xsl:call-template>
        <xsl:call-template name="annual-at-least"><xsl:with-param name="approved" select="$approved"/></xsl:call-template>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1.approved'"/></xsl:call-template>
        <xsl:value-of select="$approved"/>
      </d:item>
      <d:item>
        <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s1.inspected'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="/results/@partial = 'yes'"><d:todo/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="admin-count">
              <xsl:with-param name="n" select="count(/results/system[@approved-level][@inspection-state = 'ok' or @inspection-state = 'due-soon'])"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1.eta'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$s/@unapproved = 0"><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s1.eta.done'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><d:todo/></xsl:otherwise>
        </xsl:choose>
      </d:item>
    </d:list>
  </xsl:template>

  <!-- a count the inventory does not know, at least the approved ones -->
  <xsl:template name="annual-at-least">
    <xsl:param name="approved"/>
    <xsl:choose>
      <xsl:when test="/results/summary/@approved &gt; 0">
        <xsl:call-template name="admin-todo">
          <xsl:with-param name="id" select="'annual.s1.at-least'"/><xsl:with-param name="text" select="$approved"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><d:todo/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a detail of an organisation from the settings, or a field to complete -->
  <xsl:template name="annual-org-detail">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="also" select="''"/>
    <xsl:param name="sep" select="'; '"/>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="$label"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="string($value) != ''">
          <xsl:value-of select="$value"/>
          <xsl:if test="string($also) != ''"><xsl:value-of select="concat($sep, $also)"/></xsl:if>
        </xsl:when>
        <xsl:when test="string($also) != ''"><xsl:value-of select="$also"/></xsl:when>
        <xsl:otherwise><d:todo/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>;</xsl:text>
    </d:p>
  </xsl:template>

  <!-- (1)-(5) of an organisation: name, mandate, representative, address, contact -->
  <xsl:template name="annual-org">
    <xsl:param name="id"/>
    <xsl:param name="name-label"/>
    <xsl:variable name="org" select="/results/organization[@id = $id]"/>
    <xsl:variable name="set" select="/results/settings/organization[@ref = $id][1]"/>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="$name-label"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$org/@name"><xsl:value-of select="$org/@name"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'annual.org.none'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      <xsl:text>;</xsl:text>
    </d:p>
    <xsl:call-template name="annual-org-detail">
      <xsl:with-param name="label" select="'annual.org.mandate'"/><xsl:with-param name="value" select="$set/@mandate"/>
    </xsl:call-template>
    <xsl:call-template name="annual-org-detail">
      <xsl:with-param name="label" select="'annual.org.representative'"/>
      <xsl:with-param name="value" select="$set/@representative"/><xsl:with-param name="also" select="$set/@position"/>
      <xsl:with-param name="sep" select="', '"/>
    </xsl:call-template>
    <xsl:call-template name="annual-org-detail">
      <xsl:with-param name="label" select="'annual.org.address'"/><xsl:with-param name="value" select="$set/@address"/>
    </xsl:call-template>
    <xsl:call-template name="annual-org-detail">
      <xsl:with-param name="label" select="'annual.org.contact'"/>
      <xsl:with-param name="value" select="$set/@phone"/><xsl:with-param name="also" select="$set/@email"/>
    </xsl:call-template>
  </xsl:template>

  <!-- 2. the owner(s) and their security units (Mẫu số 08, section 2),
       and the operators (Art. 36.1): one after the other for each owner -->
  <xsl:template name="annual-organisations">
    <xsl:param name="basis"/>
    <d:h><xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s2'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:h>
    <xsl:for-each select="/results/summary/owner">
      <xsl:variable name="owner" select="string(@id)"/>
      <d:p><d:i><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s2.owner'"/></xsl:call-template></d:i></d:p>
      <xsl:call-template name="annual-org">
        <xsl:with-param name="id" select="$owner"/><xsl:with-param name="name-label" select="'annual.org.name.owner'"/>
      </xsl:call-template>
      <d:p><d:i><xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s2.isec'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:i></d:p>
      <xsl:variable name="units" select="/results/organization[@role = 'isec-unit' and @parent = $owner]"/>
      <xsl:for-each select="$units">
        <xsl:call-template name="annual-org">
          <xsl:with-param name="id" select="string(@id)"/>
          <xsl:with-param name="name-label" select="concat('annual.org.name.isec.', $basis)"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="not($units)">
        <xsl:call-template name="annual-org">
          <xsl:with-param name="id" select="''"/>
          <xsl:with-param name="name-label" select="concat('annual.org.name.isec.', $basis)"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:variable name="operators" select="/results/summary/operator[@id != '']"/>
    <xsl:if test="$operators">
      <d:p><d:i><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s2.operators'"/></xsl:call-template></d:i></d:p>
      <d:list>
        <xsl:for-each select="$operators">
          <xsl:variable name="set" select="/results/settings/organization[@ref = current()/@id][1]"/>
          <d:item>
            <xsl:choose>
              <xsl:when test="@name"><xsl:value-of select="@name"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.org.representative.short'"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="$set/@representative">
                <xsl:value-of select="$set/@representative"/>
                <xsl:if test="$set/@position"><xsl:value-of select="concat(', ', $set/@position)"/></xsl:if>
              </xsl:when>
              <xsl:otherwise><d:todo/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>; </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.org.address.short'"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="$set/@address"><xsl:value-of select="$set/@address"/></xsl:when>
              <xsl:otherwise><d:todo/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>; </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.org.contact.short'"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="$set/@phone or $set/@email">
                <xsl:value-of select="$set/@phone"/>
                <xsl:if test="$set/@phone and $set/@email"><xsl:text>, </xsl:text></xsl:if>
                <xsl:value-of select="$set/@email"/>
              </xsl:when>
              <xsl:otherwise><d:todo/></xsl:otherwise>
            </xsl:choose>
          </d:item>
        </xsl:for-each>
      </d:list>
    </xsl:if>
  </xsl:template>

  <!-- a date as the document writes it: 20/08/2024 (Vietnamese) -->
  <xsl:template name="annual-date">
    <xsl:param name="d"/>
    <xsl:call-template name="date"><xsl:with-param name="d" select="$d"/></xsl:call-template>
  </xsl:template>

  <!-- 3. the table of Mẫu số 08: one row per system, columns (1)-(12) -->
  <xsl:template name="annual-systems">
    <xsl:param name="basis"/>
    <xsl:variable name="systems" select="/results/system"/>
    <xsl:choose>
      <xsl:when test="not($systems) and /results/@partial = 'yes'">
        <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.per-owner'"/></xsl:call-template></d:p>
      </xsl:when>
      <xsl:when test="not($systems)">
        <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.none'"/></xsl:call-template></d:p>
      </xsl:when>
      <xsl:otherwise>
        <!-- the form's notes on the columns first: the table may end a page -->
        <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'m08.notes'"/></xsl:call-template></d:note>
        <d:note><xsl:call-template name="tb"><xsl:with-param name="id" select="'m08.abbrev'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:note>
        <xsl:call-template name="annual-table-m08"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the table of Mẫu số 08 (in a frame, a mark where its rows go) -->
  <xsl:template name="annual-table-m08">
    <xsl:param name="basis"/>
    <d:table widths="4.5 12.5 8.5 8.5 7 9.5 12 8.5 8 8.5 8 11" size="20">
      <d:hrow>
        <xsl:for-each select="str:tokenize('1 2 3 4 5 6 7 8 9 10 11 12', ' ')">
          <d:cell>
            <xsl:variable name="id" select="concat('m08.col.', .)"/>
            <xsl:choose>
              <xsl:when test=". = 8 or . = 10 or . = 11 or . = 12">
                <xsl:call-template name="tb"><xsl:with-param name="id" select="$id"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </d:cell>
        </xsl:for-each>
      </d:hrow>
      <d:hrow>
        <xsl:for-each select="str:tokenize('1 2 3 4 5 6 7 8 9 10 11 12', ' ')">
          <d:cell><xsl:value-of select="concat('(', ., ')')"/></d:cell>
        </xsl:for-each>
      </d:hrow>
      <xsl:choose>
        <xsl:when test="$piece = 'frame'"><d:pieces name="m08"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$piece-systems">
            <xsl:call-template name="annual-row">
              <xsl:with-param name="basis" select="$basis"/><xsl:with-param name="n" select="$piece-offset + position()"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </d:table>
  </xsl:template>

  <xsl:template name="annual-row">
    <xsl:param name="basis"/>
    <xsl:param name="n"/>
    <xsl:variable name="run-date" select="number(translate(/results/@date, '-', ''))"/>
    <xsl:variable name="level-differs" select="@approved-level and @level and @approved-level != @level"/>
    <d:row role="system">
      <!-- (1) -->
      <d:cell align="center"><xsl:value-of select="$n"/></d:cell>
      <!-- (2) the name, and the status when the system is not in operation -->
      <d:cell>
        <xsl:value-of select="@name"/>
        <xsl:if test="@status != 'operating'">
          <d:br/>
          <d:i>
            <xsl:text>(</xsl:text>
            <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </d:i>
        </xsl:if>
      </d:cell>
      <!-- (3) -->
      <d:cell><xsl:value-of select="@owner-name"/><xsl:if test="not(@owner-name)"><xsl:value-of select="@owner"/></xsl:if></d:cell>
      <!-- (4) -->
      <d:cell>
        <xsl:choose>
          <xsl:when test="@operator-name"><xsl:value-of select="@operator-name"/></xsl:when>
          <xsl:when test="@operator"><xsl:value-of select="@operator"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'m08.todo.operator'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </d:cell>
      <!-- (5) the proposed level: the level the run determined -->
      <d:cell align="center">
        <xsl:choose>
          <xsl:when test="@level"><xsl:value-of select="@level"/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.undetermined'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <d:todo/>
          </xsl:otherwise>
        </xsl:choose>
      </d:cell>
      <!-- (6) the approval status: the inventory knows "approved" only -->
      <d:cell>
        <xsl:choose>
          <xsl:when test="@approved-level and not($level-differs)">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.approved'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="@approved-level">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.approved-level'"/></xsl:call-template>
            <xsl:value-of select="@approved-level"/>
            <xsl:text>;</xsl:text>
            <d:br/>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.proposed-level'"/></xsl:call-template>
            <xsl:value-of select="concat(@level, ': ')"/>
            <d:todo/>
          </xsl:when>
          <xsl:otherwise><d:todo/></xsl:otherwise>
        </xsl:choose>
      </d:cell>
      <!-- (7) the approval decision: number, date, approving body -->
      <d:cell>
        <xsl:if test="@approved-level">
          <xsl:if test="@approval-decision">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.decision'"/></xsl:call-template>
            <xsl:value-of select="@approval-decision"/>
          </xsl:if>
          <xsl:if test="@approval-date">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.decision.date'"/></xsl:call-template>
            <xsl:call-template name="annual-date"><xsl:with-param name="d" select="@approval-date"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$basis = 'nd331' and @approved-rules = 'ND85'">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.decision.under-nd85'"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="@approval-decision or @approval-date"><xsl:text>; </xsl:text></xsl:if>
          <d:todo/>
        </xsl:if>
      </d:cell>
      <!-- (8) the security regulation: number (the results hold no date or body) -->
      <d:cell>
        <xsl:if test="@regulation-decision">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.decision'"/></xsl:call-template>
          <xsl:value-of select="@regulation-decision"/>
          <xsl:text>; </xsl:text>
          <d:todo/>
        </xsl:if>
      </d:cell>
      <!-- (9) when the level is to be approved: not approved, or approved at another level -->
      <d:cell>
        <xsl:if test="not(@approved-level) or $level-differs"><d:todo/></xsl:if>
      </d:cell>
      <!-- (10) the security plan -->
      <d:cell>
        <xsl:choose>
          <xsl:when test="@plan = 'full' or @plan = 'partial' or @plan = 'none'">
            <xsl:call-template name="t"><xsl:with-param name="id" select="concat('m08.plan.', @plan)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><d:todo/></xsl:otherwise>
        </xsl:choose>
      </d:cell>
      <!-- (11) -->
      <d:cell>
        <xsl:if test="not(@plan = 'full')"><d:todo/></xsl:if>
      </d:cell>
      <!-- (12) inspection: the last one labelled as such, the next one as
           due; a date already past is overdue, never "due soon"; empty when
           never inspected (the form's rule); the kind is not in the results -->
      <d:cell>
        <xsl:if test="@last-inspection">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.insp.last'"/></xsl:call-template>
          <xsl:call-template name="annual-date"><xsl:with-param name="d" select="@last-inspection"/></xsl:call-template>
          <xsl:text>;</xsl:text>
          <d:br/>
        </xsl:if>
        <xsl:if test="@next-inspection-due">
          <xsl:variable name="due" select="number(translate(@next-inspection-due, '-', ''))"/>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.insp.due'"/></xsl:call-template>
          <xsl:call-template name="annual-date"><xsl:with-param name="d" select="@next-inspection-due"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="$due &lt; $run-date or @inspection-state = 'overdue'">
              <xsl:text> (</xsl:text>
              <d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'m08.insp.overdue'"/></xsl:call-template></d:b>
              <xsl:text>)</xsl:text>
            </xsl:when>
            <xsl:when test="@inspection-state = 'due-soon'">
              <xsl:text> (</xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="id" select="'m08.insp.due-soon'"/></xsl:call-template>
              <xsl:text>)</xsl:text>
            </xsl:when>
          </xsl:choose>
          <xsl:if test="@last-inspection"><xsl:text>;</xsl:text><d:br/></xsl:if>
        </xsl:if>
        <xsl:if test="@last-inspection"><d:todo/></xsl:if>
      </d:cell>
    </d:row>
  </xsl:template>

  <!-- "Có" / "Không" / "Chưa rõ" for one word of @layers -->
  <xsl:template name="annual-tri">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = 'yes'"><xsl:call-template name="t"><xsl:with-param name="id" select="'yes.short'"/></xsl:call-template></xsl:when>
      <xsl:when test="$v = 'no'"><xsl:call-template name="t"><xsl:with-param name="id" select="'no.short'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'unknown.short'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="annual-th">
    <xsl:param name="id"/>
    <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></d:cell>
  </xsl:template>

  <!-- 4. the rest of Art. 36 (Circular 12 Art. 14) -->
  <xsl:template name="annual-other">
    <xsl:param name="basis"/>
    <xsl:variable name="systems" select="/results/system"/>
    <d:h><xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s4'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:h>
    <xsl:if test="$basis = 'nd331'">
      <d:p>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.s4.list'"/></xsl:call-template>
        <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'annual.s4.list-hint'"/></xsl:call-template>
      </d:p>
    </xsl:if>
    <d:p>
      <xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s4.comply'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
      <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'annual.s4.comply-hint'"/></xsl:call-template>
    </d:p>
    <xsl:if test="$systems">
      <d:p><xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s4.req'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:p>
      <xsl:call-template name="annual-table-requirements"/>
      <d:p><xsl:call-template name="tb"><xsl:with-param name="id" select="'annual.s4.layers'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:p>
      <xsl:call-template name="annual-table-layers"/>
      <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'annual.layers.legend'"/></xsl:call-template></d:note>
    </xsl:if>
  </xsl:template>

  <!-- the status of the requirements, one row per system -->
  <xsl:template name="annual-table-requirements">
    <d:table widths="6 30 8 10 10 12 10 10 10" size="22">
      <d:hrow>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'m08.col.1'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.system'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.level'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.applicable'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.met'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.partial'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.not-met'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.waived'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.unknown'"/></xsl:call-template>
      </d:hrow>
      <xsl:choose>
        <xsl:when test="$piece = 'frame'"><d:pieces name="requirements"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$piece-systems">
            <xsl:variable name="q" select="requirements"/>
            <d:row>
              <d:cell align="center"><xsl:value-of select="$piece-offset + position()"/></d:cell>
              <d:cell><xsl:value-of select="@name"/></d:cell>
              <d:cell align="center">
                <xsl:choose>
                  <xsl:when test="@level"><xsl:value-of select="@level"/></xsl:when>
                  <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </d:cell>
              <xsl:for-each select="$q/@applicable | $q/@met | $q/@partial | $q/@not-met | $q/@waived | $q/@unknown">
                <d:cell align="right"><xsl:call-template name="admin-count"><xsl:with-param name="n" select="."/></xsl:call-template></d:cell>
              </xsl:for-each>
              <xsl:if test="not($q)">
                <d:cell/><d:cell/><d:cell/><d:cell/><d:cell/><d:cell/>
              </xsl:if>
            </d:row>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </d:table>
  </xsl:template>

  <!-- the four-layer model, one row per system -->
  <xsl:template name="annual-table-layers">
    <d:table widths="6 46 12 12 12 12" size="22">
      <d:hrow>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'m08.col.1'"/></xsl:call-template>
        <xsl:call-template name="annual-th"><xsl:with-param name="id" select="'annual.req.system'"/></xsl:call-template>
        <xsl:for-each select="str:tokenize('1 2 3 4', ' ')">
          <d:cell>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'annual.layer.col'"/></xsl:call-template>
            <xsl:value-of select="."/>
          </d:cell>
        </xsl:for-each>
      </d:hrow>
      <xsl:choose>
        <xsl:when test="$piece = 'frame'"><d:pieces name="layers"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$piece-systems">
            <xsl:variable name="l" select="concat(normalize-space(@layers), ' ')"/>
            <d:row>
              <d:cell align="center"><xsl:value-of select="$piece-offset + position()"/></d:cell>
              <d:cell><xsl:value-of select="@name"/></d:cell>
              <d:cell align="center"><xsl:call-template name="annual-tri"><xsl:with-param name="v" select="substring-before($l, ' ')"/></xsl:call-template></d:cell>
              <d:cell align="center"><xsl:call-template name="annual-tri"><xsl:with-param name="v" select="substring-before(substring-after($l, ' '), ' ')"/></xsl:call-template></d:cell>
              <d:cell align="center"><xsl:call-template name="annual-tri"><xsl:with-param name="v" select="substring-before(substring-after(substring-after($l, ' '), ' '), ' ')"/></xsl:call-template></d:cell>
              <d:cell align="center"><xsl:call-template name="annual-tri"><xsl:with-param name="v" select="substring-before(substring-after(substring-after(substring-after($l, ' '), ' '), ' '), ' ')"/></xsl:call-template></d:cell>
            </d:row>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </d:table>
  </xsl:template>
</xsl:stylesheet>
