<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: "About this edition" (about.html), the edition's principles, run
  from its initial template with the parts of all letters. Each letter's
  part is what its header says of the edition: the project and editorial
  descriptions (projectDesc, samplingDecl, editorialDecl), its source and its
  rights (see common/letter-parts.xsl). Letters usually share these texts;
  the page shows each distinct text once, saying which letters state a text
  that not all of them share. The editors, version, build date and
  downloads come from the config.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="html.xsl"/>

  <!-- The sections of the principles, in the page's order, by the header element that states them. -->
  <xsl:variable name="ed:principle-headings" as="map(xs:string, xs:string)" select="map{
    'projectDesc': 'The project', 'samplingDecl': 'What is encoded', 'correction': 'Corrections',
    'normalization': 'Normalisation', 'hyphenation': 'Hyphenation', 'quotation': 'Quotation marks',
    'punctuation': 'Punctuation', 'segmentation': 'Segmentation', 'interpretation': 'Identifications and tagging',
    'stdVals': 'Standard values'}"/>
  <xsl:variable name="ed:principle-order" as="xs:string*" select="('projectDesc', 'samplingDecl', 'correction', 'normalization',
    'hyphenation', 'quotation', 'punctuation', 'segmentation', 'interpretation', 'stdVals')"/>

  <!-- A letter's part: its header's descriptions of the edition, rendered, and its source and rights in words. -->
  <xsl:template name="ed:about-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:variable name="encoding" select="tei:teiHeader/tei:encodingDesc"/>
    <xsl:for-each select="$encoding/(tei:projectDesc, tei:samplingDecl, tei:editorialDecl/*)[normalize-space()]">
      <ed:principle kind="{local-name()}"><xsl:apply-templates select="*" mode="ed:principle"/></ed:principle>
    </xsl:for-each>
    <xsl:for-each select="ed:source-label(.)[.]"><ed:source><xsl:value-of select="."/></ed:source></xsl:for-each>
    <xsl:for-each select="ed:rights-statements(ed:rights(.))"><ed:rights><xsl:value-of select="."/></ed:rights></xsl:for-each>
  </xsl:template>

  <!-- The header's prose as XHTML: paragraphs, lists and quotations; pointers into the letter keep their words only, since the page is not the letter's. -->
  <xsl:template match="tei:p | tei:ab" mode="ed:principle">
    <p><xsl:apply-templates mode="ed:principle"/></p>
  </xsl:template>
  <xsl:template match="tei:p[tei:list]" mode="ed:principle">
    <xsl:for-each-group select="node()" group-adjacent="boolean(self::tei:list)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()" mode="ed:principle"/></xsl:when>
        <xsl:when test="normalize-space(string-join(current-group()))"><p><xsl:apply-templates select="current-group()" mode="ed:principle"/></p></xsl:when>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>
  <xsl:template match="tei:list" mode="ed:principle">
    <ul><xsl:apply-templates select="tei:item" mode="ed:principle"/></ul>
  </xsl:template>
  <xsl:template match="tei:item" mode="ed:principle">
    <li><xsl:apply-templates mode="ed:principle"/></li>
  </xsl:template>
  <xsl:template match="tei:ref[matches(@target, '^https?://')]" mode="ed:principle">
    <a href="{@target}"><xsl:apply-templates mode="ed:principle"/></a>
  </xsl:template>
  <xsl:template match="tei:note | tei:pb | tei:lb | tei:milestone | comment() | processing-instruction()" mode="ed:principle"/>
  <xsl:template match="tei:*" mode="ed:principle">
    <xsl:apply-templates mode="ed:principle"/>
  </xsl:template>
  <xsl:template match="text()" mode="ed:principle">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

  <!-- The page. -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="letters" select="count($ed:parts)"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="concat('About – ', $edition-title)"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="path" select="'about.html'"/>
      <xsl:with-param name="description" select="concat('About ', $edition-title, ': how the letters are edited, the sources, the rights, the editors and the downloads.')"/>
      <xsl:with-param name="head" select="()"/>
      <xsl:with-param name="content" as="node()*">
        <h1>About this edition</h1>
        <p class="about-summary">
          <xsl:value-of select="concat($edition-title, ', published by ', $publisher,
            if (exists($editors)) then concat(' and edited by ', string-join($editors, ', ')) else '',
            '; version ', $version, ', built on ', format-date($build-date, '[D] [MNn] [Y]', 'en', (), ()), '. ',
            $letters, if ($letters = 1) then ' letter.' else ' letters.')"/>
        </p>
        <section aria-labelledby="principles-label">
          <h2 id="principles-label">Editorial principles</h2>
          <xsl:variable name="principles" select="$ed:parts/ed:principle"/>
          <xsl:if test="empty($principles)">
            <p>The letters’ headers describe no project or editorial principles (encodingDesc).</p>
          </xsl:if>
          <xsl:for-each select="$ed:principle-order[. = $principles/@kind], distinct-values($principles/@kind)[not(. = $ed:principle-order)]">
            <xsl:variable name="kind" select="."/>
            <section class="principle" aria-labelledby="principle-{$kind}">
              <h3 id="principle-{$kind}"><xsl:value-of select="($ed:principle-headings($kind), $kind)[1]"/></h3>
              <xsl:call-template name="ed:distinct-texts">
                <xsl:with-param name="items" select="$principles[@kind = $kind]"/>
                <xsl:with-param name="letters" select="$letters"/>
              </xsl:call-template>
            </section>
          </xsl:for-each>
        </section>
        <section aria-labelledby="sources-label">
          <h2 id="sources-label">Sources</h2>
          <xsl:call-template name="ed:counted-list">
            <xsl:with-param name="items" select="$ed:parts/ed:source"/>
            <xsl:with-param name="none" select="'The letters’ headers name no source.'"/>
          </xsl:call-template>
        </section>
        <section aria-labelledby="rights-label">
          <h2 id="rights-label">Rights</h2>
          <xsl:call-template name="ed:counted-list">
            <xsl:with-param name="items" select="$ed:parts/ed:rights"/>
            <xsl:with-param name="none" select="'The letters state no rights.'"/>
          </xsl:call-template>
        </section>
        <section aria-labelledby="downloads-label">
          <h2 id="downloads-label">Downloads and interfaces</h2>
          <ul class="about-downloads">
            <li><a href="tei-corpus.xml">TEI corpus</a>: every letter’s TEI in one teiCorpus file; each letter’s TEI is also on its page.</li>
            <li><a href="cmif.xml">CMIF</a>: the correspondence metadata for correspSearch, at <xsl:value-of select="$base-url"/>/cmif.xml.</li>
            <li><a href="oai/Identify.xml">OAI-PMH</a>: the base URL for harvesters is <xsl:value-of select="$base-url"/>/oai (Dublin Core records).</li>
            <li><a href="CITATION.cff">CITATION.cff</a> and <a href=".zenodo.json">.zenodo.json</a>: how to cite the edition as a whole, and its release metadata.</li>
          </ul>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Each distinct text once (by its words), with the number of letters that state it when not every letter does. -->
  <xsl:template name="ed:distinct-texts">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="letters" as="xs:integer"/>
    <xsl:for-each-group select="$items" group-by="normalize-space(.)">
      <div class="principle-text">
        <xsl:if test="count(current-group()) lt $letters">
          <p class="principle-scope">
            <xsl:value-of select="concat('Stated by ', count(current-group()), ' of ', $letters, ' letters:')"/>
          </p>
        </xsl:if>
        <xsl:copy-of select="current-group()[1]/node()" copy-namespaces="no"/>
      </div>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A list of distinct statements, each with the number of letters that give it when more than one letter does. -->
  <xsl:template name="ed:counted-list">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="none" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="empty($items)"><p><xsl:value-of select="$none"/></p></xsl:when>
      <xsl:otherwise>
        <ul>
          <xsl:for-each-group select="$items" group-by="string(.)">
            <xsl:sort select="lower-case(current-grouping-key())"/>
            <li>
              <xsl:value-of select="current-grouping-key()"/>
              <xsl:if test="count($ed:parts) gt 1">
                <xsl:value-of select="concat(' (', count(current-group()), if (count(current-group()) = 1) then ' letter)' else ' letters)')"/>
              </xsl:if>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
