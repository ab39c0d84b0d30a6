<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: everything a letter gives besides its page and its plain text, in
  one pass over the letter, so that the letter is indexed and its metadata
  worked out once: the citation files (CSL-JSON, BibTeX, RIS), its reading
  text (JSON, for the text checks) and its part of every edition-wide output
  (see common/letter-parts.xsl). It reads the letters of $letters (see
  common/params.xsl), so that many letters share one transform. Each output
  is a result document named by the letter's position in $letters and its
  format ("{n}/csl-json", "{n}/bibtex", "{n}/ris", "{n}/reading-text",
  "{n}/part/{format}"); the principal result is empty. The page and the text need the citation as
  citeproc renders it from the CSL-JSON, so they are made afterwards, by
  html/letter.xsl and text/letter.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="common/common.xsl"/>
  <xsl:import href="citation/csl-json.xsl"/>
  <xsl:import href="citation/bibtex.xsl"/>
  <xsl:import href="citation/ris.xsl"/>
  <xsl:import href="text/reading-text.xsl"/>
  <xsl:import href="html/index.xsl"/>
  <xsl:import href="html/correspondents.xsl"/>
  <xsl:import href="html/registers.xsl"/>
  <xsl:import href="html/search.xsl"/>
  <xsl:import href="html/about.xsl"/>
  <xsl:import href="search/search-documents.xsl"/>
  <xsl:import href="export/cmif.xsl"/>
  <xsl:import href="export/oai-pmh.xsl"/>
  <xsl:import href="export/tei-corpus.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template name="xsl:initial-template">
    <xsl:for-each select="$letters/tei:TEI">
      <xsl:variable name="n" select="ed:letter-position(.)"/>
      <xsl:call-template name="ed:report-letter-metadata"/>
      <xsl:call-template name="ed:report-role-conflicts"/>
      <xsl:variable name="citation" select="ed:citation(.)"/>
      <xsl:result-document href="{$n}/csl-json" method="text">
        <xsl:call-template name="ed:csl-json-file"><xsl:with-param name="c" select="$citation"/></xsl:call-template>
      </xsl:result-document>
      <xsl:result-document href="{$n}/bibtex" method="text">
        <xsl:call-template name="ed:bibtex-file"><xsl:with-param name="c" select="$citation"/></xsl:call-template>
      </xsl:result-document>
      <xsl:result-document href="{$n}/ris" method="text">
        <xsl:call-template name="ed:ris-file"><xsl:with-param name="c" select="$citation"/></xsl:call-template>
      </xsl:result-document>
      <xsl:result-document href="{$n}/reading-text" method="text">
        <xsl:call-template name="ed:reading-text-file"/>
      </xsl:result-document>

      <xsl:variable name="sort-key" select="ed:date-sort-key(.)"/>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'index'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:index-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'cmif'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:cmif-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'oai-pmh'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:oai-pmh-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'tei-corpus'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:tei-corpus-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'registers'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:registers-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'correspondents'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:correspondents-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'about'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:about-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'search'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:search-part"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="ed:letter-part">
        <xsl:with-param name="format" select="'search-index'"/>
        <xsl:with-param name="sort-key" select="$sort-key"/>
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="ed:search-index-part"/></xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- Warnings about the letter's metadata as a whole, reported once per letter here rather than by every output that reads it. -->
  <xsl:template name="ed:report-letter-metadata">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:variable name="correspondences" select="ed:correspondences(.)"/>
    <xsl:if test="count($correspondences) gt 1">
      <xsl:call-template name="ed:report-fallback">
        <xsl:with-param name="format" select="''"/>
        <xsl:with-param name="letter-id" select="ed:letter-id(.)"/>
        <xsl:with-param name="rule" select="'metadata/multiple-correspdesc'"/>
        <xsl:with-param name="message" select="concat('The letter has ', count($correspondences), ' correspDesc: cmif.xml exports each, but the page, the text, the index, the citations, OAI-PMH and JSON-LD describe the letter by the first only (',
          ed:names-label(ed:senders(.)), ' to ', ed:names-label(ed:recipients(.)), ').')"/>
        <xsl:with-param name="hint" select="'Nothing is lost from cmif.xml. If the further correspDesc describe enclosures or postscripts, this is expected; if they describe separate letters, encode each letter in its own TEI file.'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:variable name="date" select="ed:date-element(.)"/>
    <xsl:variable name="from-words" select="if (exists($date) and empty($date/@*[local-name() = ('when', 'notBefore', 'notAfter', 'from', 'to') ! (., concat(., '-iso'))]))
      then ed:date-from-words(ed:reading-string($date)) else ''"/>
    <xsl:if test="$from-words">
      <xsl:call-template name="ed:report-fallback">
        <xsl:with-param name="format" select="''"/>
        <xsl:with-param name="letter-id" select="ed:letter-id(.)"/>
        <xsl:with-param name="rule" select="'metadata/date-from-words'"/>
        <xsl:with-param name="message" select="concat('The letter''s date &quot;', ed:reading-string($date), '&quot; has no dating attribute; every output reads its words as ', $from-words, '.')"/>
        <xsl:with-param name="hint" select="concat('Add when=&quot;', $from-words, '&quot; to the date (or notBefore and notAfter for a range), so that no tool has to read the words.')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!--
    One warning for the letter (metadata/conflicting-roles) when a
    correspondent's @type names the other role than its correspAction
    (ed:role-conflicts), naming each such name and action and the role it
    is read in; context: the letter's tei:TEI.
  -->
  <xsl:template name="ed:report-role-conflicts">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:variable name="conflicts" select="ed:role-conflicts(.)"/>
    <xsl:if test="exists($conflicts)">
      <xsl:call-template name="ed:report-fallback">
        <xsl:with-param name="format" select="''"/>
        <xsl:with-param name="letter-id" select="ed:letter-id(.)"/>
        <xsl:with-param name="rule" select="'metadata/conflicting-roles'"/>
        <xsl:with-param name="message" select="concat('The roles in correspDesc disagree: ',
          string-join($conflicts ! concat(local-name(), ' &quot;', ed:name-label(.), '&quot; is typed &quot;', normalize-space(@type),
            '&quot; inside correspAction type=&quot;', ../@type, '&quot;, and is read as the ', ed:correspondent-role(.)), '; '),
          ' (a name''s @type decides over its action), so sender and recipient may be the wrong way round.')"/>
        <xsl:with-param name="hint" select="'Put each correspondent into the correspAction of its role (the sender into type=&quot;sent&quot;, the addressee into type=&quot;received&quot;) and drop its @type or make it agree; check who wrote to whom against the letter''s title.'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
