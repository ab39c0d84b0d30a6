<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the documents of the edition's full-text search (JSON), run from its
  initial template over all letters (parameters letters and letter-ids). One
  document per passage, each with the URL of its exact place: every text unit
  of every letter (reading view, notes left out), every note, and every
  register entry. Letter documents carry the letter's correspondents and year
  for the search filters. The build turns this list into the static search
  index (src/search/search-index.ts).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>

  <!-- The letters of the edition, as parsed documents. -->
  <xsl:param name="letters" as="document-node()*" select="()"/>

  <!-- The identifiers of the letters, in the same order as $letters. -->
  <xsl:param name="letter-ids" as="xs:string*" select="()"/>

  <!-- The search documents: letters' passages and notes (in letter order), then register entries. -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="documents" as="map(*)*">
      <xsl:for-each select="1 to count($letters)">
        <xsl:variable name="tei" select="$letters[current()]/tei:TEI"/>
        <xsl:variable name="page" select="concat('letters/', encode-for-uri($letter-ids[current()]), '/index.html')"/>
        <xsl:variable name="letter" select="map{
          'title': ed:title($tei),
          'date': ed:date-statement($tei),
          'year': ed:letter-year($tei),
          'correspondents': array{ distinct-values((ed:senders($tei), ed:recipients($tei)) ! ed:name-label(.)[.]) }}"/>
        <xsl:for-each select="ed:units($tei)">
          <xsl:sequence select="map:merge(($letter, map{'kind': 'letter', 'place': concat('para. ', position()),
            'url': concat($page, '#', ed:unit-id(position())), 'text': ed:reading-string(.)}))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
        </xsl:for-each>
        <xsl:for-each select="ed:listed-notes($tei)">
          <xsl:sequence select="map:merge(($letter, map{'kind': 'note', 'place': ed:place-label(., ()),
            'url': concat($page, '#', ed:note-id(.)), 'text': ed:reading-string(node())}))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:variable name="register-items" select="ed:register-items($letters)"/>
      <xsl:for-each select="$ed:register-kinds">
        <xsl:variable name="kind" select="."/>
        <xsl:for-each select="ed:register-groups($register-items, $kind)">
          <xsl:variable name="entries" as="element()*" select="?entries"/>
          <xsl:sequence select="map{
            'kind': 'register', 'title': ?label, 'place': ed:register-title($kind), 'date': '', 'year': '', 'correspondents': array{},
            'url': concat('registers/', $kind, '.html#', ?anchor),
            'text': string-join(distinct-values((?label,
              $entries/(tei:persName, tei:placeName, tei:orgName, tei:name, tei:title) ! ed:reading-string(.),
              ?mentions ! ed:reading-string(.),
              $entries/(tei:occupation, tei:note) ! ed:reading-string(node())))[.], ' · ')}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="array{ $documents[normalize-space(?text)] }"/>
  </xsl:template>

</xsl:stylesheet>
