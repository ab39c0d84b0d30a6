<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the register pages (registers/{kind}.html, one per kind of
  $ed:register-kinds), run from the initial template with the parts of all
  letters (each letter's part is its title and its register items, see
  ed:register-part; common/letter-parts.xsl). The first kind's page is the
  principal result, the others are result documents. One entry per
  register group (see ed:register-groups): the normalised name, other names
  and the forms used in the letters, what the entry says (identification and
  its basis: the entry's notes), authority links, and every mention, by
  letter, linked back to its place in the letter page. Letters without
  registers contribute the names found in their text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="html.xsl"/>

  <!-- Every register page: the first kind's as the principal result, the others as result documents beside it. -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="items" select="$ed:register-items"/>
    <xsl:call-template name="ed:register-page">
      <xsl:with-param name="kind" select="$ed:register-kinds[1]"/>
      <xsl:with-param name="items" select="$items"/>
    </xsl:call-template>
    <xsl:for-each select="$ed:register-kinds[position() gt 1]">
      <xsl:result-document href="{.}.html">
        <xsl:call-template name="ed:register-page">
          <xsl:with-param name="kind" select="."/>
          <xsl:with-param name="items" select="$items"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- A letter's part: its title and its register items. -->
  <xsl:template name="ed:registers-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <ed:letter title="{ed:title(.)}"/>
    <xsl:call-template name="ed:register-part"/>
  </xsl:template>

  <!-- The register page of one kind (persons, places, organisations or works), from the register items of all letters. -->
  <xsl:template name="ed:register-page">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="items" as="element()*"/>
    <xsl:variable name="groups" select="ed:register-groups($items, $kind)"/>
    <xsl:variable name="title" select="ed:register-title($kind)"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="concat($title, ' – ', $edition-title)"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="path" select="concat('registers/', $kind, '.html')"/>
      <xsl:with-param name="description" select="concat('Register of ', lower-case($title), ' in ', $edition-title, ', with each entry’s identification, authority records and the letters that mention it.')"/>
      <xsl:with-param name="head" select="()"/>
      <xsl:with-param name="content" as="node()*">
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:choose>
          <xsl:when test="empty($groups)">
            <p class="register-empty">There is no register of <xsl:value-of select="lower-case($title)"/> in this edition: no letter has such entries or tags such names in its text.</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="register-intro">
              <xsl:value-of select="count($groups), if (count($groups) = 1) then 'entry' else 'entries'"/>
              <xsl:text>, from the letters’ registers and the names tagged in their texts. Each mention links back to its place in the letter.</xsl:text>
            </p>
            <ul class="register-index">
              <xsl:for-each select="$groups">
                <li><a href="#{?anchor}"><xsl:value-of select="?label"/></a></li>
              </xsl:for-each>
            </ul>
            <xsl:for-each select="$groups">
              <xsl:call-template name="ed:register-entry">
                <xsl:with-param name="group" select="."/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A further name of an entry with what kind of name it is and how certain its attribution is, e.g. "Belenin (pseudonym, certainty: high)". -->
  <xsl:function name="ed:name-description" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="record" as="element(ed:name)?"/>
    <xsl:variable name="facts" select="($record/@type[. = ('pseudonym', 'nickname', 'birth', 'married')] ! string(.), $record/@cert[.] ! concat('certainty: ', .))"/>
    <xsl:sequence select="if (exists($facts)) then concat($name, ' (', string-join($facts, ', '), ')') else $name"/>
  </xsl:function>

  <!-- One register entry: name, other names, identification, authority links, mentions by letter. -->
  <xsl:template name="ed:register-entry">
    <xsl:param name="group" as="map(*)"/>
    <xsl:variable name="entries" as="element(ed:entry)*" select="$group?entries"/>
    <xsl:variable name="mentions" as="element(ed:mention)*" select="$group?mentions"/>
    <xsl:variable name="label" as="xs:string" select="$group?label"/>
    <xsl:variable name="other-names" select="distinct-values(($entries ! ed:name ! string(.))[. != $label])"/>
    <xsl:variable name="other-names-described" select="for $name in $other-names return ed:name-description($name, ($entries/ed:name[. = $name])[1])"/>
    <xsl:variable name="forms" select="distinct-values($mentions ! string(@form))[. != ''][not(. = ($label, $other-names))]"/>
    <xsl:variable name="types" select="distinct-values(($entries ! ed:type, $entries ! ed:name-type) ! string(.))[.]"/>
    <xsl:variable name="life" select="($entries ! string(@life))[.][1]"/>
    <xsl:variable name="occupations" select="distinct-values($entries ! ed:occupation ! string(.))"/>
    <xsl:variable name="notes" select="distinct-values($entries ! ed:note ! string(.))[.]"/>
    <xsl:variable name="authorities" select="ed:authority-uris($group)"/>
    <article class="register-entry" id="{$group?anchor}" aria-labelledby="{$group?anchor}-name">
      <h2 id="{$group?anchor}-name"><xsl:value-of select="$label"/></h2>
      <dl class="entry-facts">
        <xsl:if test="exists($types)">
          <dt>Kind</dt>
          <dd><xsl:value-of select="string-join($types, ', ')"/></dd>
        </xsl:if>
        <xsl:if test="exists($other-names)">
          <dt>Also named</dt>
          <dd><xsl:value-of select="string-join($other-names-described, '; ')"/></dd>
        </xsl:if>
        <xsl:if test="exists($forms)">
          <dt>Forms in the letters</dt>
          <dd><xsl:value-of select="string-join($forms, '; ')"/></dd>
        </xsl:if>
        <xsl:if test="$life">
          <dt>Dates</dt>
          <dd><xsl:value-of select="$life"/></dd>
        </xsl:if>
        <xsl:if test="exists($occupations)">
          <dt>Occupation</dt>
          <dd><xsl:value-of select="string-join($occupations, '; ')"/></dd>
        </xsl:if>
        <dt>Identification</dt>
        <xsl:choose>
          <xsl:when test="exists($notes)">
            <xsl:for-each select="$notes"><dd class="identification"><xsl:value-of select="."/></dd></xsl:for-each>
          </xsl:when>
          <xsl:when test="exists($entries)"><dd class="identification">The register gives no identification.</dd></xsl:when>
          <xsl:otherwise><dd class="identification">Not in a register: grouped by the name as the letters tag it<xsl:value-of select="if ($mentions/@ref[string()]) then ' (its reference)' else if ($mentions/@key[string()]) then ' (its key)' else ' (its normalised text)'"/>.</dd></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="exists($authorities)">
          <dt>Authority records</dt>
          <xsl:for-each select="$authorities"><dd><a class="authority" href="{.}"><xsl:value-of select="."/></a></dd></xsl:for-each>
        </xsl:if>
      </dl>
      <xsl:call-template name="ed:entry-mentions">
        <xsl:with-param name="mentions" select="$mentions"/>
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="anchor" select="$group?anchor"/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <!-- The mentions of an entry, by letter (in chronological order), then by place: "para. 3" links to the first mention there, further mentions by number. -->
  <xsl:template name="ed:entry-mentions">
    <xsl:param name="mentions" as="element(ed:mention)*"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="empty($mentions)">
        <p class="mentions-none">Not mentioned in the letters (named in their registers only).</p>
      </xsl:when>
      <xsl:otherwise>
        <p class="mentions-count"><xsl:value-of select="count($mentions), if (count($mentions) = 1) then 'mention' else 'mentions'"/>:</p>
        <ul class="mentions">
          <xsl:for-each-group select="$mentions" group-by="generate-id(..)">
            <xsl:sort select="string(../@sort-key)"/>
            <xsl:variable name="letter" select="map{'id': string(../@id), 'title': string(../ed:letter/@title)}"/>
            <xsl:variable name="letter-url" select="concat('../letters/', encode-for-uri($letter?id), '/index.html')"/>
            <li>
              <a class="mention-letter" href="{$letter-url}"><xsl:value-of select="$letter?title"/></a>
              <xsl:text>: </xsl:text>
              <xsl:variable name="in-letter" select="current-group()"/>
              <xsl:for-each-group select="$in-letter" group-adjacent="string(@place)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:variable name="place" select="current-grouping-key()"/>
                <xsl:for-each select="current-group()">
                  <!-- The letter page numbers the mentions of an entry in document order (ed:mention-index). -->
                  <xsl:variable name="id" select="concat('mention-', $anchor, '-', index-of($in-letter ! generate-id(.), generate-id(.)))"/>
                  <xsl:choose>
                    <xsl:when test="position() = 1">
                      <a class="mention" href="{$letter-url}#{$id}" aria-label="{$label}: {$place}, {$letter?title}"><xsl:value-of select="$place"/></a>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:text> </xsl:text>
                      <a class="mention more" href="{$letter-url}#{$id}" aria-label="{$label}: {$place}, mention {position()}"><xsl:value-of select="position()"/></a>
                    </xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
              </xsl:for-each-group>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
