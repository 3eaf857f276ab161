<?xml version="1.0" encoding="UTF-8"?>
<!--
  dossier-content.xsl - the level dossier of one system as the document
  model of docx/vn-admin.xsl: the explanation (thuyết minh) the owner files
  with its level proposal, in the order of Decree 331/2026 Art. 22
  (Decree 85/2016 Art. 15 for a system assessed under Decree 85):

    I.   overview (22.3): the owner and the operator (name, mandate,
         representative and position, address, contact: the inventory and
         the settings file's <organization>), scope, scale and who the
         system serves, its description, hosting and components; its
         architecture is the owner's to write;
    II.  the level proposal (22.4): the systems and their levels, the
         information processed and the kind of system, every clause that
         holds with its article and text (the deciding one marked), and a
         preliminary identification of risks drawn from the facts; for
         levels 4 and 5 the points of 22.5;
    III. the security plan at that level (22.6): the requirements of the
         level and their state as stated, the plan itself the owner's;
    and the documents of the dossier (Art. 21 / Art. 15).

  What the inventory does not hold is a field to complete (d:todo, "……"
  with what is missing), never a guess. No audit finding appears here: the
  dossier is the owner's proposal (the findings are the audit report's).

  The system: parameter system (an id), else the first system of the
  document. The issuer, number, date and signer are the owner's
  (<document report="dossier">, then the owner's own <document>).
  dossier-docx.xsl renders the model as a Word document, dossier.xsl with
  parameter system as a web page.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:assess:document"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="d exsl str">

  <xsl:param name="system" select="''"/>
  <xsl:key name="dos-clause" match="/results/clauses/clause" use="@id"/>

  <xsl:template name="dossier-model">
    <xsl:variable name="chosen" select="/results/system[@id = $system]"/>
    <xsl:variable name="sys" select="($chosen | /results/system[$system = ''][1])[1]"/>
    <xsl:choose>
      <xsl:when test="$sys">
        <xsl:for-each select="$sys"><xsl:call-template name="dossier-document"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <d:document title="">
          <d:body><d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.not-found'"/></xsl:call-template></d:p></d:body>
        </d:document>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the context is the system -->
  <xsl:template name="dossier-document">
    <xsl:variable name="basis">
      <xsl:choose>
        <xsl:when test="@rules = 'ND85'">nd85</xsl:when>
        <xsl:otherwise>nd331</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cfg-tree">
      <xsl:call-template name="admin-settings">
        <xsl:with-param name="report" select="'dossier'"/>
        <xsl:with-param name="owner" select="string(@owner)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cfg" select="exsl:node-set($cfg-tree)/d:cfg"/>
    <xsl:variable name="title">
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.title'"/></xsl:call-template>
      <xsl:value-of select="concat(' - ', @name)"/>
    </xsl:variable>
    <d:document title="{$title}">
      <xsl:attribute name="lang">
        <xsl:choose><xsl:when test="$L = 'vi'">vi-VN</xsl:when><xsl:otherwise>en-GB</xsl:otherwise></xsl:choose>
      </xsl:attribute>
      <d:head>
        <xsl:if test="$cfg/issuer/@parent"><d:parent><xsl:value-of select="$cfg/issuer/@parent"/></d:parent></xsl:if>
        <d:issuer>
          <xsl:choose>
            <xsl:when test="$cfg/issuer/@name"><xsl:value-of select="$cfg/issuer/@name"/></xsl:when>
            <xsl:when test="@owner-name"><xsl:value-of select="@owner-name"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'doc.todo.issuer'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </d:issuer>
        <d:number><xsl:call-template name="admin-number"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:number>
        <d:place-date><xsl:call-template name="admin-place-date"><xsl:with-param name="cfg" select="$cfg"/></xsl:call-template></d:place-date>
      </d:head>
      <d:title><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.type'"/></xsl:call-template></d:title>
      <d:summary>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.summary'"/></xsl:call-template>
        <xsl:value-of select="@name"/>
      </d:summary>
      <xsl:if test="$cfg/to">
        <d:to><xsl:for-each select="$cfg/to"><d:item><xsl:value-of select="."/></d:item></xsl:for-each></d:to>
      </xsl:if>
      <d:body>
        <d:p>
          <xsl:call-template name="tb"><xsl:with-param name="id" select="'dos.intro'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        </d:p>
        <xsl:call-template name="dos-overview"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <xsl:call-template name="dos-proposal"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <xsl:call-template name="dos-plan"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
        <xsl:call-template name="dos-documents"><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
      </d:body>
      <xsl:call-template name="admin-closing">
        <xsl:with-param name="cfg" select="$cfg"/>
        <xsl:with-param name="has-to" select="boolean($cfg/to)"/>
      </xsl:call-template>
      <xsl:call-template name="admin-sources"/>
    </d:document>
  </xsl:template>

  <!-- the value of a stated fact of the system -->
  <xsl:template name="dos-fact">
    <xsl:param name="name"/>
    <xsl:value-of select="fact[@name = $name]/@value"/>
  </xsl:template>

  <!-- "label: value" as a paragraph, or the label and a field to complete -->
  <xsl:template name="dos-line">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="todo" select="''"/>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="$label"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="string($value) != ''"><xsl:copy-of select="$value"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="$todo"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </d:p>
  </xsl:template>

  <!-- I. overview (Art. 22.3) -->
  <xsl:template name="dos-overview">
    <xsl:param name="basis"/>
    <xsl:variable name="sys" select="."/>
    <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s1'"/></xsl:call-template></d:h>
    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s1.owner'"/></xsl:call-template></d:b></d:p>
    <xsl:call-template name="annual-org">
      <xsl:with-param name="id" select="string(@owner)"/><xsl:with-param name="name-label" select="'annual.org.name.owner'"/>
    </xsl:call-template>
    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s1.operator'"/></xsl:call-template></d:b></d:p>
    <xsl:call-template name="annual-org">
      <xsl:with-param name="id" select="string(@operator)"/><xsl:with-param name="name-label" select="'dos.org.name.operator'"/>
    </xsl:call-template>

    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s1.scope'"/></xsl:call-template></d:b></d:p>
    <xsl:variable name="scope" select="fact[@name = 'scope']/@value"/>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.scope'"/>
      <xsl:with-param name="value">
        <xsl:if test="$scope"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.scope.', $scope)"/></xsl:call-template></xsl:if>
        <xsl:if test="fact[@name = 'shared-platform.agencies']">
          <xsl:if test="$scope"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.shared'"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="fact[@name = 'shared-platform.agencies']/@value"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="todo" select="'dos.todo.scope'"/>
    </xsl:call-template>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.scale'"/>
      <xsl:with-param name="value">
        <xsl:for-each select="fact[@name = 'data-subjects.users' or @name = 'data-subjects.basic' or @name = 'data-subjects.sensitive']">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.', @name)"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="@value"/></xsl:call-template>
        </xsl:for-each>
        <xsl:if test="fact[@name = 'data-subjects.as-of'] and fact[starts-with(@name, 'data-subjects.') and @name != 'data-subjects.as-of' and @name != 'data-subjects.method']">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.as-of'"/></xsl:call-template>
          <xsl:call-template name="date"><xsl:with-param name="d" select="fact[@name = 'data-subjects.as-of']/@value"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="todo" select="'dos.todo.scale'"/>
    </xsl:call-template>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.serves'"/>
      <xsl:with-param name="value">
        <xsl:for-each select="str:tokenize(string($sys/@type), ' ')">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.serves.', .)"/></xsl:call-template>
        </xsl:for-each>
        <xsl:if test="$sys/fact[@name = 'service.online' and @value = 'yes']">
          <xsl:text>; </xsl:text><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.service.online'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$sys/fact[@name = 'service.admin-procedures' and @value = 'yes']">
          <xsl:text>; </xsl:text><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.service.admin'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$sys/fact[@name = 'service.conditional-business' and @value = 'yes']">
          <xsl:text>; </xsl:text><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.service.conditional'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="todo" select="'dos.todo.serves'"/>
    </xsl:call-template>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.description'"/>
      <xsl:with-param name="value"><xsl:value-of select="fact[@name = 'description']/@value"/></xsl:with-param>
      <xsl:with-param name="todo" select="'dos.todo.description'"/>
    </xsl:call-template>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.status'"/>
      <xsl:with-param name="value"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('status.', @status)"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>

    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s1.architecture'"/></xsl:call-template></d:b></d:p>
    <xsl:call-template name="dos-line">
      <xsl:with-param name="label" select="'dos.hosting'"/>
      <xsl:with-param name="value"><xsl:if test="@hosting"><xsl:call-template name="t"><xsl:with-param name="id" select="concat('hosting.', @hosting)"/></xsl:call-template></xsl:if></xsl:with-param>
      <xsl:with-param name="todo" select="'dos.todo.hosting'"/>
    </xsl:call-template>
    <xsl:if test="component">
      <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.components'"/></xsl:call-template></d:p>
      <d:list>
        <xsl:for-each select="component">
          <d:item>
            <xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@ref"/></xsl:if>
            <xsl:text> (</xsl:text>
            <xsl:choose>
              <xsl:when test="@level"><xsl:call-template name="level-label"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'undetermined'"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
            <xsl:text>)</xsl:text>
          </d:item>
        </xsl:for-each>
      </d:list>
    </xsl:if>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.architecture'"/></xsl:call-template>
      <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.architecture'"/></xsl:call-template>
    </d:p>
  </xsl:template>

  <!-- the information the system processes, in words; what is not stated
       is said to be unknown -->
  <xsl:template name="dos-information">
    <xsl:variable name="sys" select="."/>
    <xsl:variable name="said">
      <xsl:for-each select="@info-public[. = 'yes'] | @info-private[. = 'yes'] | @info-personal[. = 'yes'] | @info-defence-security[. = 'yes']">
        <xsl:call-template name="t"><xsl:with-param name="id" select="local-name()"/></xsl:call-template>
        <xsl:text>; </xsl:text>
      </xsl:for-each>
      <xsl:if test="@info-secret and @info-secret != 'none'">
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('info-secret.', @info-secret)"/></xsl:call-template>
        <xsl:text>; </xsl:text>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="t" select="normalize-space($said)"/>
    <xsl:if test="$t != ''"><xsl:value-of select="substring($t, 1, string-length($t) - 1)"/></xsl:if>
    <xsl:if test="not(@info-public) or not(@info-private) or not(@info-personal) or not(@info-secret)">
      <xsl:if test="$t != ''"><xsl:text>; </xsl:text></xsl:if>
      <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.information'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- the legal reference of a clause in the chosen language -->
  <xsl:template name="dos-ref">
    <xsl:param name="c"/>
    <xsl:param name="mid" select="false()"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and $c/@ref-en"><xsl:value-of select="$c/@ref-en"/></xsl:when>
      <!-- mid-sentence, "điểm a khoản 2 ...", "khoản 3 ..." in lower case -->
      <xsl:when test="$mid and (starts-with($c/@ref, 'Điểm ') or starts-with($c/@ref, 'Khoản '))">
        <xsl:value-of select="concat(translate(substring($c/@ref, 1, 1), 'ĐK', 'đk'), substring($c/@ref, 2))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$c/@ref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- II. the level proposal (Art. 22.4, 22.5) -->
  <xsl:template name="dos-proposal">
    <xsl:param name="basis"/>
    <xsl:variable name="sys" select="."/>
    <xsl:variable name="deciding" select="key('dos-clause', @deciding-clause)"/>
    <d:h><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s2'"/></xsl:call-template></d:h>
    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s2.list'"/></xsl:call-template></d:b></d:p>
    <d:table widths="6 44 14 36" size="24">
      <d:hrow>
        <xsl:for-each select="str:tokenize('seq system level basis', ' ')">
          <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.col.', .)"/></xsl:call-template></d:cell>
        </xsl:for-each>
      </d:hrow>
      <d:row>
        <d:cell align="center">1</d:cell>
        <d:cell><xsl:value-of select="@name"/></d:cell>
        <d:cell align="center">
          <xsl:choose>
            <xsl:when test="@level"><xsl:call-template name="level-label"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.level'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </d:cell>
        <d:cell>
          <xsl:choose>
            <xsl:when test="$deciding"><xsl:call-template name="dos-ref"><xsl:with-param name="c" select="$deciding"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="admin-todo"/></xsl:otherwise>
          </xsl:choose>
        </d:cell>
      </d:row>
      <xsl:for-each select="component">
        <d:row>
          <d:cell align="center"><xsl:value-of select="position() + 1"/></d:cell>
          <d:cell><xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@ref"/></xsl:if>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.component-of'"/></xsl:call-template></d:cell>
          <d:cell align="center">
            <xsl:choose>
              <xsl:when test="@level"><xsl:call-template name="level-label"/></xsl:when>
              <xsl:otherwise><d:todo/></xsl:otherwise>
            </xsl:choose>
          </d:cell>
          <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.component-dossier'"/></xsl:call-template></d:cell>
        </d:row>
      </xsl:for-each>
    </d:table>

    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s2.detail'"/></xsl:call-template></d:b></d:p>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.information'"/></xsl:call-template>
      <xsl:call-template name="dos-information"/>
      <xsl:text>.</xsl:text>
    </d:p>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.kind'"/></xsl:call-template>
      <xsl:for-each select="str:tokenize(string(@type), ' ')">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('type.', .)"/></xsl:call-template>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </d:p>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.proposed'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="@level">
          <d:b><xsl:call-template name="level-label"/></d:b>
          <xsl:if test="$deciding">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.proposed.by'"/></xsl:call-template>
            <xsl:call-template name="dos-ref"><xsl:with-param name="c" select="$deciding"/><xsl:with-param name="mid" select="true()"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="@deciding-component">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.proposed.component'"/></xsl:call-template>
            <xsl:value-of select="$sys/component[@ref = $sys/@deciding-component]/@name"/>
            <xsl:if test="not($sys/component[@ref = $sys/@deciding-component]/@name)"><xsl:value-of select="@deciding-component"/></xsl:if>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.level'"/></xsl:call-template>
          <xsl:if test="reason">
            <xsl:text> (</xsl:text><xsl:call-template name="reason"/><xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </d:p>
    <xsl:if test="@approved-level">
      <d:p>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.approved'"/></xsl:call-template>
        <xsl:call-template name="level-label"><xsl:with-param name="level" select="@approved-level"/></xsl:call-template>
        <xsl:if test="@approval-decision">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.approved.decision'"/></xsl:call-template>
          <xsl:value-of select="@approval-decision"/>
        </xsl:if>
        <xsl:if test="@approval-date">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.approved.date'"/></xsl:call-template>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@approval-date"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="@approved-rules">
          <xsl:text> (</xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.under.', @approved-rules)"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </d:p>
    </xsl:if>
    <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.clauses'"/></xsl:call-template></d:p>
    <xsl:choose>
      <xsl:when test="clause[@holds = 'yes']">
        <d:table widths="6 24 10 60" size="22">
          <d:hrow>
            <xsl:for-each select="str:tokenize('seq article level content', ' ')">
              <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.col.', .)"/></xsl:call-template></d:cell>
            </xsl:for-each>
          </d:hrow>
          <xsl:for-each select="clause[@holds = 'yes']">
            <xsl:variable name="c" select="key('dos-clause', @id)"/>
            <d:row>
              <d:cell align="center"><xsl:value-of select="position()"/></d:cell>
              <d:cell>
                <xsl:call-template name="dos-ref"><xsl:with-param name="c" select="$c"/></xsl:call-template>
                <xsl:if test="@deciding = 'yes'"><d:br/><d:i><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.deciding'"/></xsl:call-template></d:i></xsl:if>
              </d:cell>
              <d:cell align="center"><xsl:value-of select="@level"/><xsl:if test="not(@level)">–</xsl:if></d:cell>
              <d:cell>
                <xsl:call-template name="localized"><xsl:with-param name="node" select="$c"/></xsl:call-template>
                <xsl:variable name="ids" select="concat(' ', @reading, ' ')"/>
                <xsl:for-each select="$c/reading[contains($ids, concat(' ', @id, ' '))]">
                  <d:br/><d:i><xsl:call-template name="t"><xsl:with-param name="id" select="'reading'"/></xsl:call-template>
                  <xsl:text>: </xsl:text><xsl:call-template name="localized"/></d:i>
                </xsl:for-each>
              </d:cell>
            </d:row>
          </xsl:for-each>
        </d:table>
        <d:note><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.highest'"/></xsl:call-template></d:note>
      </xsl:when>
      <xsl:otherwise>
        <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dossier.no-clause'"/></xsl:call-template></d:p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="clause[@holds = 'unknown']">
      <d:p>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.unknown'"/></xsl:call-template>
        <xsl:for-each select="clause[@holds = 'unknown']">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="dos-ref"><xsl:with-param name="c" select="key('dos-clause', @id)"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.unknown'"/></xsl:call-template>
      </d:p>
    </xsl:if>

    <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s2.risks'"/></xsl:call-template></d:b></d:p>
    <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risks.note'"/></xsl:call-template></d:p>
    <d:list>
      <xsl:if test="fact[@name = 'service.online' and @value = 'yes'] or contains(@type, 'citizen-business')">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.internet'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:if test="@info-personal = 'yes' or fact[@name = 'data-subjects.basic' and @value &gt; 0] or fact[@name = 'data-subjects.sensitive' and @value &gt; 0]">
        <d:item>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.personal'"/></xsl:call-template>
          <xsl:if test="fact[@name = 'data-subjects.sensitive' and @value &gt; 0]">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.sensitive'"/></xsl:call-template>
            <xsl:call-template name="admin-count"><xsl:with-param name="n" select="fact[@name = 'data-subjects.sensitive']/@value"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </d:item>
      </xsl:if>
      <xsl:if test="@info-secret and @info-secret != 'none' or @info-defence-security = 'yes'">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.secret'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:if test="@hosting = 'cloud' or @hosting = 'rented-dc'">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.provider'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:if test="contains(@type, 'infrastructure') or fact[@name = 'shared-platform.agencies'] or component">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.shared'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:if test="contains(@type, 'industrial-control')">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.ics'"/></xsl:call-template></d:item>
      </xsl:if>
      <xsl:if test="fact[@name = 'availability.always-on' and @value = 'yes']">
        <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.availability'"/></xsl:call-template></d:item>
      </xsl:if>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.risk.impact'"/></xsl:call-template>
        <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.impact'"/></xsl:call-template>
      </d:item>
    </d:list>

    <!-- levels 4 and 5: the detailed risk assessment of Art. 22.5 -->
    <xsl:if test="$basis = 'nd331' and @level &gt;= 4">
      <d:p><d:b><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.s2.l45'"/></xsl:call-template></d:b></d:p>
      <xsl:for-each select="str:tokenize('a b c', ' ')">
        <d:p>
          <xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.l45.', .)"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test=". = 'a' and $sys/component">
              <xsl:for-each select="$sys/component">
                <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
                <xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@ref"/></xsl:if>
              </xsl:for-each>
              <xsl:text>; </xsl:text>
              <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.l45.a.more'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="concat('dos.todo.l45.', .)"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </d:p>
      </xsl:for-each>
      <d:p>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.l45.d'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$sys/fact[@name = 'availability.always-on' and @value = 'yes']">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.l45.d.yes'"/></xsl:call-template>
            <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.l45.d.why'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$sys/fact[@name = 'availability.always-on' and @value = 'no']">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.l45.d.no'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.l45.d'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </d:p>
    </xsl:if>
  </xsl:template>

  <!-- III. the security plan at the proposed level (Art. 22.6) -->
  <xsl:template name="dos-plan">
    <xsl:param name="basis"/>
    <d:h><xsl:call-template name="tb"><xsl:with-param name="id" select="'dos.s3'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:h>
    <xsl:choose>
      <xsl:when test="requirement">
        <d:p>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.plan.count'"/></xsl:call-template>
          <xsl:call-template name="admin-count"><xsl:with-param name="n" select="requirements/@applicable"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.plan.count.2'"/></xsl:call-template>
        </d:p>
        <d:table widths="6 44 20 30" size="20">
          <d:hrow>
            <xsl:for-each select="str:tokenize('seq requirement group state', ' ')">
              <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('dos.col.', .)"/></xsl:call-template></d:cell>
            </xsl:for-each>
          </d:hrow>
          <xsl:for-each select="requirement">
            <d:row>
              <d:cell align="center"><xsl:value-of select="position()"/></d:cell>
              <d:cell>
                <xsl:choose>
                  <xsl:when test="$L = 'en' and @label-en"><xsl:value-of select="@label-en"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@label-vi"/></xsl:otherwise>
                </xsl:choose>
              </d:cell>
              <d:cell><xsl:call-template name="t"><xsl:with-param name="id" select="concat('req.group.', @group)"/></xsl:call-template></d:cell>
              <d:cell>
                <xsl:call-template name="coded"><xsl:with-param name="prefix" select="'req.status'"/><xsl:with-param name="value" select="@status"/></xsl:call-template>
                <xsl:if test="@due">
                  <xsl:text> (</xsl:text><xsl:call-template name="t"><xsl:with-param name="id" select="'req.due'"/></xsl:call-template>
                  <xsl:text> </xsl:text><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template><xsl:text>)</xsl:text>
                </xsl:if>
              </d:cell>
            </d:row>
          </xsl:for-each>
        </d:table>
      </xsl:when>
      <xsl:otherwise>
        <d:p><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.plan.none'"/></xsl:call-template></d:p>
      </xsl:otherwise>
    </xsl:choose>
    <d:p>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.plan'"/></xsl:call-template>
      <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.plan'"/></xsl:call-template>
    </d:p>
  </xsl:template>

  <!-- the documents of the dossier (Art. 21 / Decree 85 Art. 15) -->
  <xsl:template name="dos-documents">
    <xsl:param name="basis"/>
    <d:h><xsl:call-template name="tb"><xsl:with-param name="id" select="'dos.s4'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:h>
    <d:list>
      <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.doc.1'"/></xsl:call-template></d:item>
      <d:item>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'dos.doc.2'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="@status = 'operating'"><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.doc.2.operating'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.doc.2.new'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.attach'"/></xsl:call-template>
      </d:item>
      <d:item><xsl:call-template name="t"><xsl:with-param name="id" select="'dos.doc.3'"/></xsl:call-template></d:item>
      <d:item><xsl:call-template name="tb"><xsl:with-param name="id" select="'dos.doc.4'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template></d:item>
      <xsl:if test="@level &gt;= 4">
        <d:item>
          <xsl:call-template name="tb"><xsl:with-param name="id" select="'dos.doc.5'"/><xsl:with-param name="basis" select="$basis"/></xsl:call-template>
          <xsl:call-template name="admin-todo"><xsl:with-param name="id" select="'dos.todo.attach'"/></xsl:call-template>
        </d:item>
      </xsl:if>
    </d:list>
  </xsl:template>
</xsl:stylesheet>
