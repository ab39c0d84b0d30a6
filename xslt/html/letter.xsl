<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the HTML reading edition of one letter (letters/{id}/index.html):
  header with title, correspondents, places, date as stated and source; the
  text, its names marked by kind; the notes as accessible footnotes, under a
  heading per group saying whose they are; the list of emendations; the
  index of names, whose hidden facts assets/names.js shows in a popover when
  a name in the text is activated; a "How to cite" box with links to the other formats; Highwire
  citation_* meta tags for reference managers. The page holds both views of
  the text: the reading view, and the diplomatic view (the source's
  readings, deletions and additions) at #diplomatic or by its switch; the old
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
        <xsl:if test="exists($ed:page-names)"><script src="../../assets/names.js" defer="defer"/></xsl:if>
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
              <xsl:if test="exists($ed:page-names)"><li><a href="#registers-label">Names</a></li></xsl:if>
              <li><a href="#cite-label">How to cite</a></li>
            </ul>
          </nav>
          <section class="letter-text" aria-labelledby="text-label">
            <h2 id="text-label" class="visually-hidden">Text of the letter</h2>
            <xsl:call-template name="ed:view-switch">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
            <xsl:apply-templates select="$tei/tei:text" mode="ed:text"/>
          </section>
          <xsl:call-template name="ed:notes-list"/>
          <xsl:call-template name="ed:emendations-list"/>
          <xsl:call-template name="ed:names-index"/>
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
    </header>
  </xsl:template>

  <!--
    The switch between the reading and the diplomatic view, at the top of the
    text and kept in view while the text scrolls (CSS), so that a reader
    switches where they are reading; a checkbox and CSS, so it works without
    JavaScript. It says what the diplomatic view shows, counted (only what
    the letter has), and links to the view's own address (#diplomatic). A
    letter whose two views are the same gets a sentence saying so instead.
  -->
  <xsl:template name="ed:view-switch">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="differences" select="ed:diplomatic-differences($tei)"/>
    <xsl:variable name="shown" as="xs:string*" select="
      (if ($differences?readings gt 0) then concat('source readings: ', $differences?readings, if ($differences?readings eq 1) then ' place' else ' places') else (),
       if ($differences?deletions gt 0) then concat('deletions: ', $differences?deletions) else (),
       if ($differences?additions gt 0) then concat('additions marked: ', $differences?additions) else ())"/>
    <xsl:choose>
      <xsl:when test="empty($shown)">
        <p class="view-note">The text has no corrections, expansions, regularisations, deletions or additions: the source’s readings are the ones shown.</p>
      </xsl:when>
      <xsl:otherwise>
        <p class="view-note">
          <span class="reading-only"><xsl:value-of select="if (exists($ed:page-emendation-list))
            then 'Reading view: corrections applied, each marked (°, or ‸ where the source’s reading is removed) and linked to its entry under Emendations.'
            else 'Reading view: the edited text, the source’s readings in tooltips.'"/></span>
          <xsl:text> </xsl:text>
          <span class="source-only">Diplomatic view: <xsl:value-of select="string-join($shown, '; ')"/>.</span>
        </p>
        <p class="view-switch">
          <span class="view-control"><input type="checkbox" id="view-source"/><xsl:text> </xsl:text><label for="view-source">Diplomatic view (<xsl:value-of select="string-join($shown, '; ')"/>)</label></span>
          <xsl:text> </xsl:text>
          <a class="reading-only" href="#diplomatic">Link to the diplomatic view</a>
          <a class="source-only" href="index.html">Show the reading view</a>
        </p>
      </xsl:otherwise>
    </xsl:choose>
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
      <xsl:when test="exists(ed:page-mention(.))"><a class="name {ed:kind-class(ed:page-mention(.))}" id="{ed:page-mention(.)?id}" href="{ed:mention-url(ed:page-mention(.), $ed:letter-root)}"><xsl:call-template name="ed:mention-certainty"/><xsl:value-of select="ed:name-label(.)"/></a></xsl:when>
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

  <!--
    The letter's index of names: a one-line key to how the text marks names
    (by kind) and the other marks, then one collapsible group per kind
    (ed:letter-names), closed at first so that "How to cite" stays near the
    text: the names are one activation away in the text itself, and each
    group's summary says how many it holds. Each name is one line (its
    normalised name linking to its register entry, its dates, its number of
    mentions) and carries, hidden, its facts for the popover of
    assets/names.js (ed:name-facts); the line's id is the entry's anchor on its register page.
  -->
  <xsl:template name="ed:names-index">
    <xsl:if test="exists($ed:page-names)">
      <section class="registers" aria-labelledby="registers-label">
        <h2 id="registers-label">Names in this letter</h2>
        <p class="names-key">
          <xsl:text>In the text, names link to their register entries and are marked by kind: </xsl:text>
          <xsl:for-each select="$ed:name-categories">
            <xsl:if test="position() gt 1"><xsl:value-of select="if (position() = last()) then ' and ' else ', '"/></xsl:if>
            <span class="name-sample kind-{.}"><xsl:value-of select="ed:category-plural(.)"/></span>
          </xsl:for-each>
          <xsl:text>; corrections are marked ° (or ‸ where a reading is removed), notes by raised numbers, page breaks as [p. N].</xsl:text>
        </p>
        <xsl:for-each-group select="$ed:page-names" group-adjacent="?category">
          <details class="name-group">
            <summary><xsl:value-of select="concat(ed:category-title(current-grouping-key()), ' (', count(current-group()), ')')"/></summary>
            <ul class="name-list">
              <xsl:for-each select="current-group()">
                <li class="name-entry">
                  <xsl:if test="exists(?entry)"><xsl:attribute name="id" select="?anchor"/></xsl:if>
                  <a class="entry-page" href="{ed:mention-url(map{'page-kind': ?kind, 'anchor': ?anchor}, $ed:letter-root)}"><xsl:value-of select="?label"/></a>
                  <xsl:variable name="life" select="?entry ! ed:entry-life(.)"/>
                  <xsl:if test="$life"><xsl:text> </xsl:text><span class="entry-dates"><xsl:value-of select="$life"/></span></xsl:if>
                  <xsl:text> </xsl:text>
                  <span class="mention-count"><xsl:value-of select="if (?count = 0) then 'not in the text' else if (?count = 1) then '1 mention' else concat(?count, ' mentions')"/></span>
                  <xsl:call-template name="ed:name-facts">
                    <xsl:with-param name="name" select="."/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </details>
        </xsl:for-each-group>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A kind of name (ed:name-category) in the plural, for the key. -->
  <xsl:function name="ed:category-plural" as="xs:string">
    <xsl:param name="category" as="xs:string"/>
    <xsl:sequence select="map{'person': 'persons', 'group': 'groups', 'place': 'places', 'organisation': 'organisations', 'work': 'works'}($category)"/>
  </xsl:function>

  <!-- The summary of a group of the index of names, e.g. "Persons". -->
  <xsl:function name="ed:category-title" as="xs:string">
    <xsl:param name="category" as="xs:string"/>
    <xsl:sequence select="map{'person': 'Persons', 'group': 'Groups', 'place': 'Places', 'organisation': 'Organisations', 'work': 'Periodicals and works'}($category)"/>
  </xsl:function>

  <!--
    What the popover of a name shows beside the name of its index line (a
    name of ed:letter-names), hidden in that line: the entry's dates,
    further names, identification (its notes), the certainty it states (see
    ed:entry-certainty; no row when it states none) and its authority
    records; for a name without entry, the forms the letter uses. Without
    ids, as it is copied into the panel.
  -->
  <xsl:template name="ed:name-facts">
    <xsl:param name="name" as="map(*)"/>
    <xsl:variable name="entry" as="element()?" select="$name?entry"/>
    <dl class="name-facts" hidden="hidden">
      <xsl:variable name="life" select="$entry ! ed:entry-life(.)"/>
      <xsl:if test="$life"><dt>Dates</dt><dd><xsl:value-of select="$life"/></dd></xsl:if>
      <xsl:variable name="other-names" select="distinct-values($entry/(tei:persName, tei:placeName, tei:orgName, tei:name, tei:title)[position() gt 1] ! ed:reading-string(.))[.][. != $name?label]"/>
      <xsl:if test="exists($other-names)"><dt>Also named</dt><dd><xsl:value-of select="string-join($other-names, '; ')"/></dd></xsl:if>
      <xsl:if test="exists($name?forms)"><dt>Named in the letter</dt><dd><xsl:value-of select="string-join($name?forms, '; ')"/></dd></xsl:if>
      <xsl:variable name="occupations" select="$entry/tei:occupation ! ed:reading-string(.)"/>
      <xsl:if test="exists($occupations)"><dt>Occupation</dt><dd><xsl:value-of select="string-join($occupations, '; ')"/></dd></xsl:if>
      <dt>Identification</dt>
      <xsl:variable name="notes" select="($entry/tei:note[@type = 'identification'], $entry/tei:note[not(@type = 'identification')]) ! ed:reading-string(node())"/>
      <xsl:choose>
        <xsl:when test="exists($notes[.])"><xsl:for-each select="$notes[.]"><dd><xsl:value-of select="."/></dd></xsl:for-each></xsl:when>
        <xsl:when test="exists($entry)"><dd>The register gives no identification.</dd></xsl:when>
        <xsl:otherwise><dd>Not in a register: named as the letter tags it.</dd></xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="certainty" select="$entry ! ed:entry-certainty(.)"/>
      <xsl:if test="$certainty"><dt>Certainty</dt><dd class="certainty"><xsl:value-of select="$certainty"/></dd></xsl:if>
      <xsl:variable name="authorities" select="$entry ! ed:entry-authorities(.)"/>
      <xsl:if test="exists($authorities)">
        <dt>Authority records</dt>
        <dd>
          <xsl:for-each select="$authorities">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a class="authority" href="{.}"><xsl:value-of select="ed:authority-label(.)"/></a>
          </xsl:for-each>
        </dd>
      </xsl:if>
    </dl>
  </xsl:template>

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
