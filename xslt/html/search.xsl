<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the search page (search.html), run from its initial template with
  the parts of all letters (each letter's part is its correspondents and
  year; see common/letter-parts.xsl). A search form (query; correspondent,
  year and kind filters, made from the letters' metadata) whose results
  assets/search.js finds in search-index.json with MiniSearch. The form
  submits to this page with GET, so a query can be linked. The form and the
  results are hidden until the script shows them: without JavaScript, the
  page says so and leads to the pages that need none (the index of letters
  and the registers) instead of offering a form that finds nothing.
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

  <!-- A letter's part: the names of its correspondents and its year, the search filters' values. -->
  <xsl:template name="ed:search-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:for-each select="(ed:senders(.), ed:recipients(.)) ! ed:name-label(.)[.]">
      <ed:correspondent><xsl:value-of select="."/></ed:correspondent>
    </xsl:for-each>
    <xsl:for-each select="ed:letter-year(.)[.]">
      <ed:year><xsl:value-of select="."/></ed:year>
    </xsl:for-each>
  </xsl:template>

  <!-- The search page. -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="correspondents" select="sort(distinct-values($ed:parts ! ed:correspondent ! string(.)))"/>
    <xsl:variable name="years" select="sort(distinct-values($ed:parts ! ed:year ! string(.)))"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="concat('Search – ', $edition-title)"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="path" select="'search.html'"/>
      <xsl:with-param name="description" select="concat('Search the letters and registers of ', $edition-title, '.')"/>
      <xsl:with-param name="head" as="node()*">
        <script src="assets/minisearch.js" defer="defer"/>
        <script src="assets/search-terms.js" defer="defer"/>
        <script src="assets/search.js" defer="defer"/>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1>Search</h1>
        <noscript>
          <p class="noscript">The search needs JavaScript, which is off in your browser. Everything else works without it: browse the <a href="index.html">letters by date and by correspondent</a> or the registers of <a href="registers/persons.html">persons</a>, <a href="registers/places.html">places</a>, <a href="registers/organisations.html">organisations</a> and <a href="registers/works.html">periodicals and works</a>.</p>
        </noscript>
        <form class="search-form" role="search" action="search.html" method="get" aria-describedby="search-help" hidden="hidden">
          <div class="search-query">
            <label for="search-query">Search the letters, notes and registers</label>
            <div class="search-box">
              <input type="search" id="search-query" name="q" autocomplete="off"/>
              <button type="submit">Search</button>
            </div>
            <p id="search-help" class="search-help">Words are found with their beginnings (“Belen” finds Belenin), with or without accents (“Zurich” finds Zürich); put words in quotation marks to find a phrase (“leading workers”). Without words, the filters list the letters.</p>
          </div>
          <fieldset class="search-filters">
            <legend>Filters</legend>
            <div class="search-filter">
              <label for="search-correspondent">Correspondent</label>
              <select id="search-correspondent" name="correspondent">
                <option value="">All</option>
                <xsl:for-each select="$correspondents"><option value="{.}"><xsl:value-of select="."/></option></xsl:for-each>
              </select>
            </div>
            <div class="search-filter">
              <label for="search-year">Year</label>
              <select id="search-year" name="year">
                <option value="">All</option>
                <xsl:for-each select="$years"><option value="{.}"><xsl:value-of select="."/></option></xsl:for-each>
              </select>
            </div>
            <div class="search-filter">
              <label for="search-kind">Kind</label>
              <select id="search-kind" name="kind">
                <option value="">All</option>
                <option value="letter">Letter text</option>
                <option value="note">Notes</option>
                <option value="register">Register entries</option>
              </select>
            </div>
          </fieldset>
        </form>
        <section class="search-results" aria-labelledby="results-label" aria-busy="true" hidden="hidden">
          <h2 id="results-label">Results</h2>
          <p id="search-status" class="search-status" role="status">Enter a word or a phrase, or choose a filter to list letters.</p>
          <ol id="search-results" class="results-list"></ol>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
