<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the HTML reading edition of one letter (letters/{id}/index.html):
  header with title, correspondents, places, date as stated and source; the
  text; the notes as accessible footnotes, under a heading per group saying
  whose they are; the list of emendations; the registers ("Persons, places
  and works"); a "How to cite" box with links to the other formats; Highwire
  citation_* meta tags for reference managers. The page holds both views of
  the text: the reading view, and the diplomatic view (the source's
  readings, with deletions) at #diplomatic or by its switch; the old
  diplomatic.html address is a small redirect to it.
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
  <xsl:import href="correspondence.xsl"/>
  <xsl:import href="../export/schema-org.xsl"/>

  <!--
    The letter's neighbours in the edition, as JSON (src/build/navigation.ts):
    "previous" and "next" by date, "correspondence" ({"label", "previous",
    "next"}) in its correspondence, each neighbour {"id", "label", "date"};
    "undated" when the letter has no usable date. '' for none.
  -->
  <xsl:param name="navigation" as="xs:string" select="''"/>

  <xsl:variable name="ed:navigation" as="map(*)" select="if ($navigation) then parse-json($navigation) else map{}"/>

  <!-- The letter page. -->
  <xsl:template match="/">
    <xsl:variable name="tei" select="tei:TEI"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="ed:language($tei)"/>
      <xsl:with-param name="title" select="ed:letter-page-title($tei)"/>
      <xsl:with-param name="root" select="'../../'"/>
      <xsl:with-param name="path" select="concat('letters/', encode-for-uri($letter-id), '/')"/>
      <xsl:with-param name="description" select="ed:letter-description($tei)"/>
      <!-- Not "website": Zotero's RDF reading would take that og:type for a web page over DC.type "letter". -->
      <xsl:with-param name="og-type" select="'article'"/>
      <xsl:with-param name="skip-links" as="element()*">
        <xsl:if test="exists($ed:page-note-groups)"><a class="skip-link" href="#footnotes-label">Skip to the notes</a></xsl:if>
      </xsl:with-param>
      <xsl:with-param name="head" as="node()*">
        <xsl:call-template name="ed:citation-meta">
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
        <xsl:call-template name="ed:json-ld-letter">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="id" select="$letter-id"/>
        </xsl:call-template>
        <xsl:for-each select="'previous', 'next'">
          <xsl:variable name="neighbour" select="$ed:navigation(.)"/>
          <xsl:if test="exists($neighbour)">
            <link rel="{if (. = 'previous') then 'prev' else 'next'}" href="{ed:neighbour-url($neighbour)}" title="{ed:neighbour-label($neighbour)}"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="rights" select="ed:rights($tei)"/>
      <xsl:with-param name="content" as="node()*">
        <article class="letter" id="diplomatic">
          <xsl:call-template name="ed:letter-header">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:call-template name="ed:letter-sequence"/>
          <nav class="letter-toc" aria-label="On this page">
            <ul>
              <li><a href="#text-label">Text</a></li>
              <xsl:if test="exists($ed:page-note-groups)"><li><a href="#footnotes-label">Notes</a></li></xsl:if>
              <xsl:if test="exists($ed:page-emendation-list)"><li><a href="#emendations">Emendations</a></li></xsl:if>
              <xsl:if test="exists(ed:registers($tei)[exists(ed:register-entries(.))])"><li><a href="#registers-label">Names</a></li></xsl:if>
              <li><a href="#cite-label">How to cite</a></li>
            </ul>
          </nav>
          <section class="letter-text" aria-labelledby="text-label">
            <h2 id="text-label" class="visually-hidden">Text of the letter</h2>
            <xsl:apply-templates select="$tei/tei:text" mode="ed:text"/>
          </section>
          <xsl:call-template name="ed:notes-list"/>
          <xsl:call-template name="ed:emendations-list"/>
          <xsl:call-template name="ed:register-section">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:call-template name="ed:how-to-cite">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
        </article>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="ed:diplomatic-redirect">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The address of the former diplomatic page (diplomatic.html), kept for citations made with it: a redirect to the page's diplomatic view. -->
  <xsl:template name="ed:diplomatic-redirect">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:result-document href="diplomatic.html">
      <html lang="{ed:language($tei)}">
        <head>
          <meta charset="utf-8"/>
          <title><xsl:value-of select="ed:page-title('Diplomatic view: ' || ed:letter-page-title($tei))"/></title>
          <meta http-equiv="refresh" content="0; url=index.html#diplomatic"/>
          <link rel="canonical" href="{ed:letter-url($letter-id)}#diplomatic"/>
        </head>
        <body>
          <p>The diplomatic view of this letter is part of its page: <a href="index.html#diplomatic"><xsl:value-of select="ed:title($tei)"/>, diplomatic view</a>.</p>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <!--
    The letter page's title: the letter's own title, or, where the letter's
    title only describes it ("Letter from … to …, date"; see ed:own-title),
    the shorter "sender to recipient, date", so that it fits a page title
    whole.
  -->
  <xsl:function name="ed:letter-page-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if (ed:own-title($tei)) then ed:title($tei)
      else concat(ed:names-label(ed:senders($tei)), ' to ', ed:names-label(ed:recipients($tei)), ', ', ed:date-statement($tei))"/>
  </xsl:function>

  <!-- The page's description for search engines and link previews: who wrote to whom, from where, when, and what the page offers. -->
  <xsl:function name="ed:letter-description" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="concat('Letter from ', ed:names-label(ed:senders($tei)), ed:places($tei, 'sent')[1] ! concat(' (', ., ')'),
      ' to ', ed:names-label(ed:recipients($tei)), ed:places($tei, 'received')[1] ! concat(' (', ., ')'), ', ', ed:date-statement($tei),
      '. Edited text with notes, emendations and registers, in ', $edition-title, '.')"/>
  </xsl:function>

  <!-- Highwire Press tags (citation_*) so that Zotero and other reference managers find the letter. -->
  <xsl:template name="ed:citation-meta">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- The parts of the date that are known: year, month and day as far as the date (or both bounds of a range) gives them. -->
    <xsl:variable name="known" select="let $agreed := ed:agreed-date-parts($tei) return
      if (exists($agreed)) then $agreed else (ed:date-bounds($tei)[.] ! ed:date-parts(.))[1]"/>
    <meta name="citation_title" content="{ed:title($tei)}"/>
    <xsl:for-each select="ed:senders($tei)">
      <xsl:variable name="parts" select="ed:name-parts(.)"/>
      <meta name="citation_author" content="{ed:inverted-name($parts)}"/>
    </xsl:for-each>
    <xsl:if test="exists($known)">
      <meta name="citation_date" content="{string-join($known ! format-number(., '00'), '/')}"/>
    </xsl:if>
    <meta name="citation_publisher" content="{$publisher}"/>
    <meta name="citation_public_url" content="{ed:letter-url($letter-id)}"/>
    <meta name="citation_language" content="{ed:language($tei)}"/>
    <!-- Dublin Core for Zotero's Embedded Metadata translator, which reads DC.type "letter" as its item type (see tests/xslt/page-metadata.test.ts). -->
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <meta name="DC.type" content="letter"/>
    <meta name="DC.title" content="{ed:title($tei)}"/>
    <xsl:for-each select="ed:senders($tei)">
      <meta name="DC.creator" content="{ed:inverted-name(ed:name-parts(.))}"/>
    </xsl:for-each>
    <xsl:if test="exists($known)">
      <meta name="DC.date" content="{string-join($known ! format-number(., '00'), '-')}"/>
    </xsl:if>
    <meta name="DC.publisher" content="{$publisher}"/>
    <meta name="DC.rights" content="{string-join(ed:rights-statements(ed:rights($tei)), ' ')}"/>
    <meta name="DC.language" content="{ed:language($tei)}"/>
  </xsl:template>

  <!-- The letter's header: title, correspondents and places, date as stated, source, and the switch between views. -->
  <xsl:template name="ed:letter-header">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <header class="letter-header">
      <h1><xsl:value-of select="ed:title($tei)"/></h1>
      <dl class="letter-metadata">
        <dt>From</dt>
        <dd>
          <xsl:call-template name="ed:correspondents">
            <xsl:with-param name="names" select="ed:senders($tei)"/>
          </xsl:call-template>
          <xsl:for-each select="ed:place-elements($tei, 'sent')[1]"> (<xsl:call-template name="ed:header-name"/>)</xsl:for-each>
        </dd>
        <dt>To</dt>
        <dd>
          <xsl:call-template name="ed:correspondents">
            <xsl:with-param name="names" select="ed:recipients($tei)"/>
          </xsl:call-template>
          <xsl:for-each select="ed:place-elements($tei, 'received')[1]"> (<xsl:call-template name="ed:header-name"/>)</xsl:for-each>
        </dd>
        <dt>Date</dt>
        <dd class="date-statement"><xsl:value-of select="ed:date-statement($tei)"/></dd>
        <xsl:if test="ed:source-label($tei)">
          <dt>Source</dt>
          <dd class="source"><xsl:value-of select="ed:source-label($tei)"/></dd>
        </xsl:if>
        <xsl:if test="exists(ed:translators($tei))">
          <dt>Translation</dt>
          <dd class="translators"><xsl:value-of select="ed:names-label(ed:translators($tei))"/></dd>
        </xsl:if>
        <dt>Rights</dt>
        <dd class="rights">
          <xsl:call-template name="ed:rights-lines">
            <xsl:with-param name="rights" select="ed:rights($tei)"/>
          </xsl:call-template>
        </dd>
      </dl>
      <p class="view-switch">
        <span class="reading-only"><xsl:value-of select="if (exists($ed:page-emendation-list))
          then 'Reading view: corrections applied, each marked (°, or ‸ where the source’s reading is removed) and linked to its entry under Emendations.'
          else 'Reading view: corrections applied, the source’s readings in tooltips.'"/></span>
        <xsl:text> </xsl:text>
        <span class="source-only">Diplomatic view: the source’s readings, with deletions.</span>
        <xsl:text> </xsl:text>
        <span class="view-control"><input type="checkbox" id="view-source"/><xsl:text> </xsl:text><label for="view-source">Diplomatic view</label></span>
        <xsl:text> </xsl:text>
        <a class="reading-only" href="#diplomatic">Link to the diplomatic view</a>
        <a class="source-only" href="index.html">Show the reading view</a>
      </p>
    </header>
  </xsl:template>

  <!-- Correspondents, each a mention linked to their entry on the register page and followed by a link to their page of letters; "Unknown" when none is named. -->
  <xsl:template name="ed:correspondents">
    <xsl:param name="names" as="element()*"/>
    <xsl:for-each select="$names[ed:name-label(.)]">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:call-template name="ed:header-name"/>
      <span class="correspondent-page"><xsl:text> · </xsl:text><a href="{ed:correspondent-page(ed:correspondent-key(.), $ed:letter-root)}" aria-label="all letters of {ed:correspondent-label(.)}">all letters</a></span>
    </xsl:for-each>
    <xsl:if test="empty($names[ed:name-label(.)])">Unknown</xsl:if>
  </xsl:template>

  <!-- The URL of a neighbouring letter's page (see $navigation). -->
  <xsl:function name="ed:neighbour-url" as="xs:string">
    <xsl:param name="neighbour" as="map(*)"/>
    <xsl:sequence select="concat('../', encode-for-uri($neighbour?id), '/index.html')"/>
  </xsl:function>

  <!-- A neighbouring letter's link text: "sender to recipient, date". -->
  <xsl:function name="ed:neighbour-label" as="xs:string">
    <xsl:param name="neighbour" as="map(*)"/>
    <xsl:sequence select="concat($neighbour?label, ', ', $neighbour?date)"/>
  </xsl:function>

  <!--
    The letters before and after this one: by date (also the head's link
    rel="prev"/"next") and in its correspondence, each a link with the
    neighbour's correspondents and date; a neighbour there is none of is
    left out, and without any the page has no such navigation.
  -->
  <xsl:template name="ed:letter-sequence">
    <xsl:variable name="by-date" select="('previous', 'next')[map:contains($ed:navigation, .)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="correspondence" select="$ed:navigation?correspondence"/>
    <xsl:variable name="in-correspondence" select="('previous', 'next')[exists($correspondence) and map:contains($correspondence, .)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:if test="exists(($by-date, $in-correspondence))">
      <nav class="letter-sequence" aria-label="Other letters">
        <xsl:if test="exists($by-date)">
          <ul class="sequence-by-date">
            <xsl:for-each select="$by-date">
              <li class="sequence-{.}">
                <xsl:value-of select="if (. = 'previous') then 'Previous letter: ' else 'Next letter: '"/>
                <a rel="{if (. = 'previous') then 'prev' else 'next'}" href="{ed:neighbour-url($ed:navigation(.))}"><xsl:value-of select="ed:neighbour-label($ed:navigation(.))"/></a>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="exists($in-correspondence)">
          <p class="sequence-correspondence"><xsl:value-of select="concat('Correspondence of ', $correspondence?label, ':')"/></p>
          <ul class="sequence-in-correspondence">
            <xsl:for-each select="$in-correspondence">
              <li class="sequence-{.}">
                <xsl:value-of select="if (. = 'previous') then 'Previous: ' else 'Next: '"/>
                <a href="{ed:neighbour-url($correspondence(.))}"><xsl:value-of select="ed:neighbour-label($correspondence(.))"/></a>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="$ed:navigation?undated">
          <p class="sequence-undated">This letter has no date: undated letters follow the dated ones, by file name.</p>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A correspondent or place of the header (context): a mention with its id, linked to the register page; else its label. -->
  <xsl:template name="ed:header-name">
    <xsl:choose>
      <xsl:when test="exists(ed:page-mention(.))"><a class="name" id="{ed:page-mention(.)?id}" href="{ed:mention-url(ed:page-mention(.), $ed:letter-root)}"><xsl:value-of select="ed:name-label(.)"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="ed:name-label(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The notes, numbered as in the source, under one heading per group (whose notes they are, ed:note-groups), each with a back-link to its reference. -->
  <xsl:template name="ed:notes-list">
    <xsl:if test="exists($ed:page-note-groups)">
      <section class="notes" aria-labelledby="footnotes-label">
        <h2 id="footnotes-label">Notes</h2>
        <xsl:for-each select="$ed:page-note-groups">
          <h3 class="note-group {?party}" id="{ed:note-group-id(position())}"><xsl:value-of select="?heading"/></h3>
          <ol class="notes-list">
            <xsl:for-each select="?notes">
              <xsl:variable name="note" select="ed:page-note(.)"/>
              <li id="{$note?id}" class="note {$note?kind}">
                <span class="note-label"><xsl:value-of select="$note?label"/></span>
                <xsl:text> </xsl:text>
                <xsl:variable name="subjects" select="ed:note-subjects(.)"/>
                <xsl:if test="exists($subjects)">
                  <span class="note-subject">
                    <xsl:text>On </xsl:text>
                    <xsl:for-each select="$subjects">
                      <xsl:if test="position() gt 1"><xsl:value-of select="if (position() = last()) then ' and ' else ', '"/></xsl:if>
                      <a href="#{ed:page-note(.)?id}">note <xsl:value-of select="ed:page-note(.)?label"/></a>
                    </xsl:for-each>
                    <xsl:text>:</xsl:text>
                  </span>
                  <xsl:text> </xsl:text>
                </xsl:if>
                <div class="note-body"><xsl:apply-templates mode="ed:text"/></div>
                <xsl:if test="not(ed:is-unanchored-note(.))">
                  <a class="note-back" href="#{replace($note?id, '^note-', 'noteref-')}" aria-label="Back to reference {$note?label}">↩</a>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The list of emendations (ed:emendations): one row per correction, its place linking to the mark in the text, whose link comes back to the row. -->
  <xsl:template name="ed:emendations-list">
    <xsl:if test="exists($ed:page-emendation-list)">
      <section class="emendations" id="emendations" aria-labelledby="emendations-label">
        <h2 id="emendations-label">Emendations</h2>
        <p class="emendations-lead"><xsl:value-of select="ed:emendations-lead($ed:page-emendation-list)"/></p>
        <xsl:variable name="with-resp" select="ed:common-resp($ed:page-emendation-list) = ''"/>
        <table class="emendations-list">
          <thead>
            <tr><th scope="col">No.</th><th scope="col">Place</th><th scope="col">Source reads</th><th scope="col">Corrected</th><th scope="col">Reason</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$ed:page-emendation-list">
              <tr id="{?id}">
                <td><xsl:value-of select="?number"/></td>
                <td><a href="#{ed:emendation-place-id(.)}" aria-label="{?place}: emendation {?number} in the text"><xsl:value-of select="?place"/></a></td>
                <td class="emendation-source"><xsl:value-of select="ed:quoted-text(?source)"/></td>
                <td class="emendation-corrected"><xsl:value-of select="if (?corrected) then ed:quoted-text(?corrected) else 'removed'"/></td>
                <td class="emendation-reason"><xsl:value-of select="ed:emendation-reason(., $with-resp)"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The letter's own registers: one list per register, one entry per person, place, organisation or work, each with its id and a link to the edition's register page (all mentions). -->
  <xsl:template name="ed:register-section">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="registers" select="ed:registers($tei)[exists(ed:register-entries(.))]"/>
    <xsl:if test="exists($registers)">
      <section class="registers" aria-labelledby="registers-label">
        <h2 id="registers-label">Persons, places and works in this letter</h2>
        <xsl:for-each select="$registers">
          <h3><xsl:value-of select="ed:register-heading(.)"/></h3>
          <dl class="register {local-name()}">
            <xsl:for-each select="ed:register-entries(.)">
              <dt id="{@xml:id}"><xsl:value-of select="ed:entry-label(.)"/></dt>
              <xsl:variable name="details" select="ed:entry-details(.)"/>
              <xsl:if test="$details"><dd><xsl:value-of select="$details"/></dd></xsl:if>
              <xsl:if test="exists(ed:entry-kind(.))">
                <dd class="register-link"><a href="{ed:register-url(., $ed:letter-root)}" aria-label="{ed:entry-label(.)}: register entry">Register entry</a></dd>
              </xsl:if>
            </xsl:for-each>
          </dl>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- What a register entry says beyond its label: other names, dates, occupation, notes. -->
  <xsl:function name="ed:entry-details" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="other-names" select="($entry/(tei:persName, tei:placeName, tei:orgName, tei:title))[position() gt 1] ! ed:reading-string(.)"/>
    <xsl:variable name="life" select="string-join(($entry/tei:birth/@when, $entry/tei:death/@when) ! string(.), '–')"/>
    <xsl:sequence select="string-join((
      $other-names[.] ! concat('Also: ', .),
      $life[.],
      $entry/tei:occupation ! ed:reading-string(.),
      $entry/tei:note ! ed:reading-string(node()))[.] ! (if (matches(., '[.!?…]$')) then . else concat(., '.')), ' ')"/>
  </xsl:function>

  <!-- The "How to cite" box: formatted citation, stable URL, and links to the letter's other formats. -->
  <xsl:template name="ed:how-to-cite">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="url" select="ed:letter-url($letter-id)"/>
    <aside class="how-to-cite" aria-labelledby="cite-label">
      <h2 id="cite-label">How to cite</h2>
      <p class="citation"><xsl:value-of select="if ($formatted-citation) then $formatted-citation else ed:title($tei)"/></p>
      <p>Stable URL: <a class="shows-url" href="{$url}"><xsl:value-of select="$url"/></a></p>
      <ul class="downloads">
        <li><a href="{$letter-id}.xml" type="application/tei+xml">TEI XML</a></li>
        <li><a href="{$letter-id}.txt" type="text/plain">Plain text</a></li>
        <li><a href="{$letter-id}.csl.json" type="application/vnd.citationstyles.csl+json">CSL-JSON</a></li>
        <li><a href="{$letter-id}.bib" type="application/x-bibtex">BibTeX</a></li>
        <li><a href="{$letter-id}.ris" type="application/x-research-info-systems">RIS</a></li>
      </ul>
    </aside>
  </xsl:template>

</xsl:stylesheet>
