<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the documents of the edition's full-text search (JSON), run from its
  initial template with the parts of all letters (see the template ed:search-index-part
  below and common/letter-parts.xsl). A map of the letters (in edition
  order, with what the results show of each and the values of the search
  filters) and the documents: one per passage, each with the URL of its
  exact place: every text unit of every letter (reading view, notes left
  out), every note, and every register entry. A passage holds only its own
  text and the position of its letter: the letter's title is shown with the
  results, never searched, so that every result shows what matched. The
  build turns this into the static search index (src/search/search-index.ts).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>

  <!--
    A letter's part: what its search documents say of the letter (title, date
    as stated, year, correspondents), the reading text of each text unit, and
    each listed note with its place and id. The register entries' documents
    come from the register pages' parts (ed:register-items).
  -->
  <xsl:template name="ed:search-index-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <ed:letter title="{ed:title(.)}" date="{ed:date-statement(.)}" year="{ed:letter-year(.)}">
      <xsl:for-each select="distinct-values((ed:senders(.), ed:recipients(.)) ! ed:name-label(.)[.])">
        <ed:correspondent><xsl:value-of select="."/></ed:correspondent>
      </xsl:for-each>
    </ed:letter>
    <xsl:for-each select="ed:units(.)">
      <ed:unit><xsl:value-of select="ed:reading-string(.)"/></ed:unit>
    </xsl:for-each>
    <xsl:for-each select="ed:listed-notes(.)">
      <ed:listed-note place="{ed:place-label(., ())}" id="{ed:note-id(.)}"><xsl:value-of select="ed:reading-string(node())"/></ed:listed-note>
    </xsl:for-each>
  </xsl:template>

  <!-- The letters (in edition order) and the search documents: letters' passages and notes, then register entries. -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="letters" select="$ed:parts-in-edition-order"/>
    <xsl:variable name="documents" as="map(*)*">
      <xsl:for-each select="$letters">
        <xsl:variable name="letter" select="position() - 1"/>
        <xsl:variable name="page" select="concat('letters/', encode-for-uri(@id), '/index.html')"/>
        <xsl:for-each select="ed:unit">
          <xsl:sequence select="map{'kind': 'letter', 'letter': $letter, 'place': concat('para. ', position()),
            'url': concat($page, '#', ed:unit-id(position())), 'text': string(.)}"/>
        </xsl:for-each>
        <xsl:for-each select="ed:listed-note">
          <xsl:sequence select="map{'kind': 'note', 'letter': $letter, 'place': string(@place),
            'url': concat($page, '#', @id), 'text': string(.)}"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="$ed:register-kinds">
        <xsl:variable name="kind" select="."/>
        <xsl:for-each select="ed:register-groups($ed:register-items, $kind)">
          <xsl:variable name="entries" as="element(ed:entry)*" select="?entries"/>
          <xsl:variable name="names" select="distinct-values((?label, $entries ! ed:name ! string(.), ?mentions ! string(@form)))[.]"/>
          <xsl:sequence select="map{
            'kind': 'register', 'title': ?label, 'place': ed:register-title($kind),
            'url': concat('registers/', $kind, '.html#', ?anchor),
            'names': string-join($names, ' · '),
            'text': string-join(distinct-values(($names, $entries ! ed:description ! string(.))), ' · ')}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="map{
      'letters': array{ $letters ! map{
        'url': concat('letters/', encode-for-uri(@id), '/index.html'),
        'title': string(ed:letter/@title),
        'date': string(ed:letter/@date),
        'year': string(ed:letter/@year),
        'correspondents': array{ ed:letter/ed:correspondent ! string(.) }} },
      'documents': array{ $documents[normalize-space(?text)] }}"/>
  </xsl:template>

</xsl:stylesheet>
