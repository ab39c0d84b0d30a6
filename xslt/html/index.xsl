<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the edition's index page (index.html), run from its initial
  template with the parts of all letters (each letter's part is its row,
  its correspondents and its JSON-LD; see common/letter-parts.xsl). Letters
  are sorted by the earliest bound of their date (undated last), then by
  title.
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

  <!-- A letter's part: its row and correspondents (ed:letter-row) and its JSON-LD Message. -->
  <xsl:template name="ed:index-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:call-template name="ed:letter-row"/>
    <xsl:sequence select="ed:json-ld-message(., ed:letter-id(.))"/>
  </xsl:template>

  <!--
    What a list of letters needs of a letter: its row (title, date as stated,
    senders, recipients, the latest bound of its date, whether it is dated,
    and its file, which orders undated letters) and its correspondents (each
    with its role, what groups it across letters, its name in the list and,
    for a mention, its register link).
  -->
  <xsl:template name="ed:letter-row">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <ed:row title="{ed:title(.)}" date="{ed:date-statement(.)}" from="{ed:names-label(ed:senders(.))}"
      to="{ed:names-label(ed:recipients(.))}" latest="{(ed:date-bounds(.)[2][.], '9999')[1]}"
      dated="{exists(ed:date-bounds(.)[.])}" file="{ed:letter-file(.)}"/>
    <xsl:for-each select="ed:senders(.)[ed:name-label(.)] ! map{'name': ., 'role': 'from'}, ed:recipients(.)[ed:name-label(.)] ! map{'name': ., 'role': 'to'}">
      <xsl:variable name="name" select="?name"/>
      <xsl:variable name="mention" select="ed:is-mention($name)"/>
      <ed:correspondent role="{?role}" key="{ed:correspondent-key($name)}" label="{ed:correspondent-label($name)}"
        href="{if ($mention) then ed:register-url($name, '') else ''}" mention="{$mention}"/>
    </xsl:for-each>
  </xsl:template>

  <!--
    What the index shows and sorts by for each letter, by its number (position
    in $ed:parts), from its part: id, title, date as stated, senders and
    recipients, and the chronological sort key (the earliest bound of the
    date, then the latest, an open end after a closed one, then the title;
    undated letters, last, by their file). The edition's sequence of letters
    (src/build/navigation.ts) orders them the same way.
  -->
  <xsl:variable name="ed:index-rows" as="map(xs:integer, map(*))" select="map:merge($ed:parts ! (
    let $row := ed:row
    return map{position(): map{
      'id': string(@id),
      'title': string($row/@title),
      'date': string($row/@date),
      'from': string($row/@from),
      'to': string($row/@to),
      'sort-key': (string(@sort-key), string($row/@latest), string(if ($row/@dated = 'true') then $row/@title else $row/@file))}}))"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- Letter numbers (positions in $ed:parts) in chronological order (see $ed:index-rows). -->
  <xsl:function name="ed:chronological" as="xs:integer*">
    <xsl:param name="positions" as="xs:integer*"/>
    <xsl:sequence select="sort($positions, (), function($i) { $ed:index-rows($i)?sort-key })"/>
  </xsl:function>

  <!-- The index page: search box, letters by date, letters by correspondent. -->
  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="path" select="''"/>
      <xsl:with-param name="description" select="concat($edition-title, ': ', count($ed:parts), if (count($ed:parts) = 1) then ' letter' else ' letters', ' in a scholarly TEI edition by ', $publisher, ', with notes, registers and citations.')"/>
      <xsl:with-param name="head" as="node()*">
        <xsl:call-template name="ed:json-ld-edition">
          <xsl:with-param name="messages" select="$ed:parts-in-edition-order ! j:map" xmlns:j="http://www.w3.org/2005/xpath-functions"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1><xsl:value-of select="$edition-title"/></h1>
        <p class="letter-count"><xsl:value-of select="count($ed:parts), if (count($ed:parts) = 1) then 'letter' else 'letters'"/></p>
        <form class="search-form quick-search" role="search" action="search.html" method="get">
          <p>
            <label for="quick-search">Search the edition</label>
            <input type="search" id="quick-search" name="q"/>
            <button type="submit">Search</button>
          </p>
        </form>
        <section aria-labelledby="chronology-label">
          <h2 id="chronology-label">Letters by date</h2>
          <table class="letter-list">
            <caption>Earliest possible date first; letters known only to be later than a date stand at that date, undated letters last, by file name.</caption>
            <thead>
              <tr><th scope="col">Date</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Letter</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="ed:chronological(1 to count($ed:parts))">
                <xsl:variable name="row" select="$ed:index-rows(current())"/>
                <tr>
                  <td data-label="Date"><xsl:value-of select="$row?date"/></td>
                  <td data-label="From"><xsl:value-of select="$row?from"/></td>
                  <td data-label="To"><xsl:value-of select="$row?to"/></td>
                  <td><a href="letters/{encode-for-uri($row?id)}/index.html"><xsl:value-of select="$row?title"/></a></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
        <section aria-labelledby="correspondents-label">
          <h2 id="correspondents-label">Letters by correspondent</h2>
          <p>Each correspondent's letters, by date, are on a page of their own; see the <a href="correspondents.html">list of correspondents</a>.</p>
          <xsl:variable name="correspondence" as="map(*)*" select="
            for $i in 1 to count($ed:parts) return $ed:parts[$i]/ed:correspondent ! map{'name': ., 'letter': $i, 'role': string(@role)}"/>
          <xsl:choose>
            <xsl:when test="empty($correspondence)"><p>No letter names its sender or recipient.</p></xsl:when>
            <xsl:otherwise>
              <ul class="correspondents">
                <xsl:for-each-group select="$correspondence" group-by="string(?name/@key)">
                  <xsl:sort select="lower-case(current-group()[1]?name/@label)"/>
                  <xsl:variable name="name" select="current-group()[1]?name"/>
                  <li>
                    <xsl:choose>
                      <xsl:when test="$name/@mention = 'true'"><a class="correspondent" href="{$name/@href}"><xsl:value-of select="$name/@label"/></a></xsl:when>
                      <xsl:otherwise><span class="correspondent"><xsl:value-of select="$name/@label"/></span></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text> </xsl:text>
                    <a class="correspondent-page" href="{ed:correspondent-page($name/@key, '')}" aria-label="all letters of {$name/@label}">all letters</a>
                    <xsl:variable name="roles" as="map(xs:integer, xs:string*)"
                      select="map:merge(current-group() ! map{?letter: ?role}, map{'duplicates': 'combine'})"
                      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
                    <ul>
                      <xsl:for-each select="ed:chronological(distinct-values(current-group()?letter))">
                        <xsl:variable name="row" select="$ed:index-rows(current())"/>
                        <li>
                          <xsl:value-of select="string-join(distinct-values($roles(current())), ' and ') || ': '"/>
                          <a href="letters/{encode-for-uri($row?id)}/index.html"><xsl:value-of select="$row?title"/></a>
                          <xsl:value-of select="concat(' (', $row?date, ')')"/>
                        </li>
                      </xsl:for-each>
                    </ul>
                  </li>
                </xsl:for-each-group>
              </ul>
            </xsl:otherwise>
          </xsl:choose>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
