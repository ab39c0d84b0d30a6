<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mentions and the edition's registers, decided once for every output: which
  register a name belongs to (persons, places, organisations, works), the
  register entry it is grouped under (its in-letter entry, else its @ref,
  @key or normalised text, for letters without registers), the stable ids of
  text units ("p3") and mentions ("mention-belenin-2") in the letter page,
  and where a mention stands in words ("para. 3", "note 4").
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- The registers of the edition, in the order the site lists them. -->
  <xsl:variable name="ed:register-kinds" as="xs:string*" select="('persons', 'places', 'organisations', 'works')"/>

  <!-- Register kinds by the local name of a register entry. -->
  <xsl:variable name="ed:entry-kinds" as="map(xs:string, xs:string)" select="map{
    'person': 'persons', 'personGrp': 'persons', 'persona': 'persons', 'place': 'places', 'org': 'organisations',
    'bibl': 'works', 'biblStruct': 'works', 'msDesc': 'works'}"/>

  <!-- Register kinds by the local name of a name element in the text. -->
  <xsl:variable name="ed:name-kinds" as="map(xs:string, xs:string)" select="map{
    'persName': 'persons', 'placeName': 'places', 'geogName': 'places', 'orgName': 'organisations', 'title': 'works',
    'settlement': 'places', 'district': 'places', 'region': 'places', 'country': 'places', 'bloc': 'places'}"/>

  <!-- Register kinds by the @type of rs and name (lower case): an rs typed person, persName, place, placeName, org or orgName (and the synonyms below) is read as that name element. -->
  <xsl:variable name="ed:type-kinds" as="map(xs:string, xs:string)" select="map{
    'person': 'persons', 'persname': 'persons', 'placename': 'places', 'orgname': 'organisations', 'persons': 'persons', 'group': 'persons', 'persongrp': 'persons', 'people': 'persons',
    'place': 'places', 'settlement': 'places', 'country': 'places', 'org': 'organisations', 'organisation': 'organisations',
    'organization': 'organisations', 'institution': 'organisations', 'work': 'works', 'bibl': 'works', 'periodical': 'works',
    'title': 'works', 'book': 'works', 'journal': 'works', 'newspaper': 'works'}"/>

  <!-- The heading of a register page, e.g. "Persons". -->
  <xsl:function name="ed:register-title" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map{'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations',
      'works': 'Periodicals and works'}($kind)"/>
  </xsl:function>

  <!-- The register an entry belongs to, or () for entries the site does not list (events). -->
  <xsl:function name="ed:entry-kind" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$ed:entry-kinds(local-name($entry))"/>
  </xsl:function>

  <!-- The register a name in the text belongs to: its entry's, else its element's or type's; () for parts of names and unclassified names. -->
  <xsl:function name="ed:name-kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:sequence select="if ($entry) then ed:entry-kind($entry) else ed:element-kind($name)"/>
  </xsl:function>

  <!-- The register a name belongs to by its element or @type alone (rs and name by their type). -->
  <xsl:function name="ed:element-kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="
      if ($name/self::tei:rs or $name/self::tei:name) then $ed:type-kinds(lower-case(normalize-space($name/@type)))
      else $ed:name-kinds(local-name($name))"/>
  </xsl:function>

  <!--
    The further targets of a name whose @ref points to several entries
    (ref="#new-data #imperialism"): beyond the entry the name is grouped
    under (ed:name-key), each pointer of @ref that is not an absolute URI
    (authority URIs identify, they are not entries), as map{'kind',
    'anchor', 'label', 'register-entry'?}: the kind and label of the entry
    it resolves to, else of the name and the pointer's id. One per anchor,
    in @ref order.
  -->
  <xsl:function name="ed:further-targets" as="map(*)*">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:variable name="pointers" select="tokenize(normalize-space($name/@ref), ' ')[contains(., '#')][not(matches(., '^[a-zA-Z][a-zA-Z0-9+.-]*:'))]"/>
    <xsl:if test="count($pointers) gt 1">
      <xsl:variable name="targets" as="map(*)*">
        <xsl:for-each select="$pointers">
          <xsl:variable name="entry" select="(ed:resolve($name, .)[ed:is-register-entry(.)],
            if (exists($ed:central-registers)) then ed:central-entries(., '') else ())[1]"/>
          <xsl:variable name="key" select="if ($entry) then string($entry/@xml:id) else substring-after(., '#')"/>
          <xsl:sequence select="map:merge((map{'kind': if ($entry) then ed:entry-kind($entry) else ed:element-kind($name),
            'anchor': ed:register-anchor($key), 'label': if ($entry) then ed:entry-label($entry) else $key}, $entry ! map{'register-entry': .}))"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:for-each-group select="$targets[exists(?kind)][?anchor != $anchor]" group-by="?anchor">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:if>
  </xsl:function>

  <!-- What a name is grouped by: its entry's xml:id, else its first @ref, else its @key, else its text. -->
  <xsl:function name="ed:name-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:sequence select="string((
      $entry/@xml:id,
      tokenize(normalize-space($name/@ref), ' ')[1] ! replace(., '^#', ''),
      normalize-space($name/@key),
      ed:reading-string($name))[.][1])"/>
  </xsl:function>

  <!--
    An HTML id from a key: ASCII letters, digits, _ and -, starting with a
    letter (accents dropped, other runs become "-"). Marks are dropped in two
    steps because \p{M} is slow on SaxonJS: first the combining diacritics
    of Latin letters (U+0300 to U+036F, all marks), then \p{M} only where
    other non-ASCII characters remain.
  -->
  <xsl:function name="ed:register-anchor" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="latin" select="replace(normalize-unicode($key, 'NFD'), '[&#x300;-&#x36F;]', '')"/>
    <xsl:variable name="ascii" select="if (every $c in string-to-codepoints($latin) satisfies $c lt 128) then $latin else replace($latin, '\p{M}', '')"/>
    <xsl:variable name="safe" select="replace(replace($ascii, '[^A-Za-z0-9_]+', '-'), '^-+|-+$', '')"/>
    <xsl:sequence select="if (matches($safe, '^[A-Za-z]')) then $safe else concat('r-', if ($safe) then $safe else 'unnamed')"/>
  </xsl:function>

  <!-- The register-page anchor of an entry or a name in the text. -->
  <xsl:function name="ed:anchor-of" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="ed:register-anchor(if (ed:is-register-entry($node)) then string($node/@xml:id) else ed:name-key($node))"/>
  </xsl:function>

  <!-- The correspondents and places the letter page's header shows: senders, recipients, the first place of sending and of receipt. -->
  <xsl:function name="ed:header-names" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(ed:senders($tei), ed:recipients($tei),
      ed:place-elements($tei, 'sent')[1], ed:place-elements($tei, 'received')[1])[ed:name-label(.)]"/>
  </xsl:function>

  <!--
    Mentions: name elements of a register kind in the letter's text as the
    reading view shows it (not in the registers, deletions or the source's
    side of a choice), and the correspondents and places the header shows.
  -->
  <xsl:function name="ed:is-mention" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="ed:is-shown-mention($name, ed:name-kind($name), ed:name-key($name),
      $name/ancestor::tei:correspDesc ! ed:header-names($name/ancestor::tei:TEI[1]))"/>
  </xsl:function>

  <!-- ed:is-mention for a name whose register kind and key are known, with the header names of its letter (needed only for names in correspDesc). -->
  <xsl:function name="ed:is-shown-mention" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="header-names" as="element()*"/>
    <xsl:sequence select="exists($kind) and normalize-space($key) != '' and (
      if ($name/ancestor::tei:correspDesc) then exists($header-names[. is $name])
      else ed:in-reading-view($name))"/>
  </xsl:function>

  <!--
    The mentions of a letter, in document order (the header's first), each
    as map{'node', 'kind', 'anchor', 'entry', 'target'} ('entry': the name
    is itself a register entry; 'target': 1 for the entry the name is
    grouped under, 2, 3, … for the further targets of its @ref, see
    ed:further-targets, each a mention of its own entry, with its 'label'),
    with its kind and key computed once.
  -->
  <xsl:function name="ed:mention-records" as="map(*)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header-names" select="ed:header-names($tei)"/>
    <xsl:for-each select="$header-names | $tei/tei:text//*[local-name() = $ed:name-elements]">
      <xsl:variable name="kind" select="ed:name-kind(.)"/>
      <xsl:variable name="key" select="ed:name-key(.)"/>
      <xsl:if test="ed:is-shown-mention(., $kind, $key, $header-names)">
        <xsl:variable name="node" select="."/>
        <xsl:variable name="entry" select="ed:is-register-entry(.)"/>
        <xsl:variable name="anchor" select="ed:register-anchor(if ($entry) then string(@xml:id) else $key)"/>
        <xsl:sequence select="map{'node': ., 'kind': $kind, 'entry': $entry, 'anchor': $anchor, 'target': 1}"/>
        <xsl:if test="not($entry)">
          <xsl:for-each select="ed:further-targets(., $anchor)">
            <xsl:sequence select="map{'node': $node, 'kind': ?kind, 'entry': false(), 'anchor': ?anchor, 'label': ?label, 'target': position() + 1}"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- The mentions of a letter, in document order (the header's first). -->
  <xsl:function name="ed:mentions" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:mention-records($tei)[?target = 1]?node"/>
  </xsl:function>

  <!--
    The mentions of a letter by generate-id(), made in one pass: each record
    of ed:mention-records with its 'id' in the letter page ("mention-", the
    anchor and the mention's number among the mentions of the same entry in
    the letter: "mention-belenin-2") and the 'page-kind' of the register page
    it links to; a name with several targets is indexed by its first, whose
    'further' holds the records of the others (each with its own 'id').
    Pages compute it once (see $ed:page-mentions in html/html.xsl), so a
    name's kind and key are not worked out again.
  -->
  <xsl:function name="ed:mention-index" as="map(xs:string, map(*))">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="numbered" as="map(*)*">
      <xsl:for-each-group select="ed:mention-records($tei)" group-by="?anchor">
        <xsl:for-each select="current-group()">
          <xsl:sequence select="map:merge((., map{
            'id': concat('mention-', current-grouping-key(), '-', position()),
            'page-kind': if (?entry) then ed:entry-kind(?node) else ?kind}))"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:map>
      <xsl:for-each-group select="$numbered" group-by="generate-id(?node)">
        <xsl:variable name="targets" select="sort(current-group(), (), function($record) { $record?target })"/>
        <xsl:map-entry key="current-grouping-key()" select="map:put(head($targets), 'further', tail($targets))"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>

  <!-- Text units: the outermost paragraphs and paragraph-like blocks of the text flow, numbered for ids and for "para. N". -->
  <xsl:variable name="ed:unit-elements" as="xs:string*" select="('p', 'ab', 'opener', 'closer', 'head', 'lg', 'list', 'table',
    'dateline', 'salute', 'signed', 'byline', 'address', 'trailer', 'docAuthor', 'docDate', 'epigraph', 'argument')"/>

  <!-- True for a text unit. -->
  <xsl:function name="ed:is-unit" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/self::tei:*/local-name() = $ed:unit-elements and exists($element/ancestor::tei:text)
      and empty($element/ancestor::*[local-name() = ($ed:unit-elements, 'note', $ed:out-of-flow)])"/>
  </xsl:function>

  <!-- The text units of a letter, in document order. -->
  <xsl:function name="ed:units" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text//tei:*[local-name() = $ed:unit-elements][ed:is-unit(.)]"/>
  </xsl:function>

  <!-- The id of a text unit in the letter page, e.g. "p3", from its number. -->
  <xsl:function name="ed:unit-id" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="concat('p', $number)"/>
  </xsl:function>

  <!-- Where a node stands (units: the letter's text units, ed:units), in words: "sender", "recipient", "place of sending", "place of receipt" in the header; "note 4" inside a note; "para. 3" inside a text unit; else "text". -->
  <xsl:function name="ed:place-label" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="units" as="element()*"/>
    <xsl:variable name="tei" select="$node/ancestor::tei:TEI[1]"/>
    <xsl:variable name="note" select="$node/ancestor-or-self::tei:note[not(ancestor::tei:note)][1]"/>
    <xsl:variable name="unit" select="$node/ancestor-or-self::tei:*[ed:is-unit(.)][1]"/>
    <xsl:sequence select="
      if ($node/ancestor::tei:correspDesc) then (
        if (ed:is-place-name($node)) then (if ($node/parent::tei:correspAction/@type = 'sent') then 'place of sending' else 'place of receipt')
        else if (ed:senders($tei)[. is $node]) then 'sender' else 'recipient')
      else if ($note) then concat('note ', ed:note-label($note))
      else if ($unit) then concat('para. ', index-of($units ! generate-id(.), generate-id($unit))) else 'text'"/>
  </xsl:function>

  <!--
    What one letter gives the registers (its share of the register pages and
    of the search documents, see letter-parts.xsl), context: the letter's
    tei:TEI. First its register entries of a listed kind (its own, then
    those of the central registers its names point to), then its mentions
    (ed:mention-records), in document order, each with what the registers
    show of it worked out here, where the whole letter is at hand:
    ed:entry with its kind, anchor, label, life dates and (as children) its
    names, types, occupations, notes, idno values and reference URIs;
    ed:mention with its kind, anchor, reading text (form), normalised @key
    and @ref, and its place in the letter ("para. 3").
  -->
  <xsl:template name="ed:register-part">
    <xsl:variable name="units" select="ed:units(.)"/>
    <xsl:for-each select="(ed:registers(.), $ed:central-registers/tei:TEI/tei:standOff/*) ! ed:register-entries(.)">
      <xsl:variable name="kind" select="ed:entry-kind(.)"/>
      <xsl:if test="exists($kind)">
        <ed:entry kind="{$kind}" anchor="{ed:register-anchor(string(@xml:id))}" label="{ed:entry-label(.)}" life="{ed:entry-life(.)}">
          <xsl:for-each select="tei:persName, tei:placeName, tei:orgName, tei:name, tei:title">
            <ed:name type="{normalize-space(@type)}" cert="{normalize-space(@cert)}"><xsl:value-of select="ed:reading-string(.)"/></ed:name>
          </xsl:for-each>
          <xsl:for-each select="(@type ! normalize-space(.), self::tei:personGrp ! 'group')"><ed:type><xsl:value-of select="."/></ed:type></xsl:for-each>
          <!-- An entry known only by a pseudonym is of that kind; a person with a pseudonym besides a name is not. -->
          <xsl:for-each select="*[1]/@type[. = 'pseudonym'] ! normalize-space(.)"><ed:name-type><xsl:value-of select="."/></ed:name-type></xsl:for-each>
          <xsl:for-each select="tei:occupation ! ed:reading-string(.)"><ed:occupation><xsl:value-of select="."/></ed:occupation></xsl:for-each>
          <xsl:for-each select="tei:note ! ed:reading-string(node())"><ed:note><xsl:value-of select="."/></ed:note></xsl:for-each>
          <xsl:for-each select="(tei:occupation, tei:note) ! ed:reading-string(node())"><ed:description><xsl:value-of select="."/></ed:description></xsl:for-each>
          <xsl:for-each select="(tei:idno, .//tei:idno) ! normalize-space(.)"><ed:idno><xsl:value-of select="."/></ed:idno></xsl:for-each>
          <xsl:for-each select="(@ref, @sameAs, */@ref, */@sameAs) ! tokenize(normalize-space(.), ' ')"><ed:ref><xsl:value-of select="."/></ed:ref></xsl:for-each>
        </ed:entry>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="ed:mention-records(.)">
      <ed:mention kind="{?kind}" anchor="{?anchor}" form="{ed:reading-string(?node)}" key="{normalize-space(?node/@key)}"
        ref="{normalize-space(?node/@ref)}" place="{ed:place-label(?node, $units)}"/>
    </xsl:for-each>
  </xsl:template>

  <!--
    The register groups of one kind over all letters (items: the ed:entry and
    ed:mention elements of the letters' register parts, letter by letter):
    one map per anchor with 'anchor', 'label' (normalised name), 'entries'
    (first letter first) and 'mentions' (by letter, then in document order),
    sorted by label.
  -->
  <xsl:function name="ed:register-groups" as="map(*)*">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="groups" as="map(*)*">
      <xsl:for-each-group select="$items[@kind = $kind]" group-by="string(@anchor)">
        <xsl:variable name="entries" as="element(ed:entry)*" select="current-group()[self::ed:entry]"/>
        <xsl:variable name="mentions" as="element(ed:mention)*" select="current-group()[self::ed:mention]"/>
        <xsl:variable name="label" select="if ($entries) then string($entries[1]/@label)
          else string(($mentions ! string(@key), $mentions ! string(@form))[.][1])"/>
        <xsl:sequence select="map{'anchor': current-grouping-key(), 'label': $label, 'entries': $entries, 'mentions': $mentions}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="sort($groups, (), function($group) { lower-case(normalize-unicode($group?label, 'NFD')) })"/>
  </xsl:function>

  <!-- Authority URIs of a register group: http(s) idno values and @ref/@sameAs of its entries and their names, and the @ref URIs of its mentions. -->
  <xsl:function name="ed:authority-uris" as="xs:string*">
    <xsl:param name="group" as="map(*)"/>
    <xsl:sequence select="distinct-values((
      $group?entries ! ed:idno ! string(.),
      $group?entries ! ed:ref ! string(.),
      $group?mentions ! tokenize(@ref, ' '))[matches(., '^https?://')])"/>
  </xsl:function>

  <!-- An entry's life dates as the registers show them, e.g. "1869–1934": birth (or its earliest date) and death (or its latest); '' when it gives none. -->
  <xsl:function name="ed:entry-life" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="string-join(($entry/tei:birth/(@when, @notBefore)[1], $entry/tei:death/(@when, @notAfter)[1]) ! string(.), '–')"/>
  </xsl:function>

  <!-- The kinds of name the letter page tells apart, in the order its index of names lists them: a register kind, with groups apart from persons. -->
  <xsl:variable name="ed:name-categories" as="xs:string*" select="('person', 'group', 'place', 'organisation', 'work')"/>

  <!-- @type values of rs, name and persName that make a name in the persons' register a group's. -->
  <xsl:variable name="ed:group-types" as="xs:string*" select="('group', 'persongrp', 'people', 'persons')"/>

  <!--
    The kind of a name as the letter page shows it (one of
    $ed:name-categories), from its register kind and its register entry, or,
    for a name without entry, the name itself: persons are split into
    persons and groups (personGrp, or a name typed as a group).
  -->
  <xsl:function name="ed:name-category" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="entry-or-name" as="element()"/>
    <xsl:sequence select="
      if ($kind = 'persons') then (
        if ($entry-or-name/self::tei:personGrp or lower-case(normalize-space($entry-or-name/@type)) = $ed:group-types) then 'group' else 'person')
      else map{'places': 'place', 'organisations': 'organisation', 'works': 'work'}($kind)"/>
  </xsl:function>

  <!--
    The names of a letter for its index of names (records: the letter's
    mention records with their 'page-kind', see ed:mention-index), one map
    per register entry: 'kind' (the register page), 'anchor', 'category'
    (ed:name-category), 'label' (the normalised name), 'count' (its mentions
    in the letter) and 'entry' (its register entry, the letter's own or a
    central one) or, for names the letter tags without an entry, 'forms'
    (how it names them). Entries of the letter's registers that it does not
    mention are listed too (count 0); entries the site does not list
    (events) are not. In the order of $ed:name-categories, then by label.
  -->
  <xsl:function name="ed:letter-names" as="map(*)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="records" as="map(*)*"/>
    <xsl:variable name="entries" select="((ed:registers($tei), $ed:central-registers/tei:TEI/tei:standOff/*) ! ed:register-entries(.))[exists(ed:entry-kind(.))]"/>
    <xsl:variable name="entry-keys" as="xs:string*" select="$entries ! (ed:entry-kind(.) || '#' || ed:register-anchor(string(@xml:id)))"/>
    <xsl:variable name="names" as="map(*)*">
      <xsl:for-each-group select="$entries" group-by="ed:entry-kind(.) || '#' || ed:register-anchor(string(@xml:id))">
        <xsl:variable name="kind" select="ed:entry-kind(.)"/>
        <xsl:variable name="anchor" select="ed:register-anchor(string(@xml:id))"/>
        <xsl:sequence select="map{'kind': $kind, 'anchor': $anchor, 'category': ed:name-category($kind, .), 'label': ed:entry-label(.),
          'entry': ., 'count': count($records[?page-kind = $kind][?anchor = $anchor])}"/>
      </xsl:for-each-group>
      <xsl:for-each-group select="$records" group-by="?page-kind || '#' || ?anchor">
        <xsl:variable name="mention" select="current-group()[1]"/>
        <xsl:if test="not(current-grouping-key() = $entry-keys)">
          <xsl:variable name="forms" select="distinct-values(current-group()?node ! ed:reading-string(.))[.]"/>
          <xsl:sequence select="map{'kind': $mention?page-kind, 'anchor': $mention?anchor, 'category': ed:name-category($mention?page-kind, $mention?node),
            'label': (current-group()?label, current-group()?node ! normalize-space(@key), $forms)[.][1], 'forms': $forms, 'count': count(current-group())}"/>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:for-each select="$ed:name-categories">
      <xsl:variable name="category" select="."/>
      <xsl:sequence select="sort($names[?category = $category], (), function($name) { lower-case(normalize-unicode($name?label, 'NFD')) })"/>
    </xsl:for-each>
  </xsl:function>

  <!--
    How certain the identification of a register entry is, in words: the
    certainty the entry, or its identification note, states (@cert), else
    that of each of its further names (a pseudonym read as this person:
    "“Belenin”: high"); '' when the entry states none.
  -->
  <xsl:function name="ed:entry-certainty" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="stated" select="($entry/@cert, $entry/tei:note[@type = 'identification']/@cert)[normalize-space()][1]"/>
    <xsl:sequence select="if ($stated) then normalize-space($stated)
      else string-join($entry/(tei:persName, tei:placeName, tei:orgName, tei:name, tei:title)[position() gt 1][normalize-space(@cert)]
        ! concat(ed:quoted-text(ed:reading-string(.)), ': ', normalize-space(@cert)), '; ')"/>
  </xsl:function>

  <!-- The authority records of a register entry: the http(s) URIs of its idno elements and of @ref and @sameAs on it and its names, once each. -->
  <xsl:function name="ed:entry-authorities" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="distinct-values((($entry/tei:idno, $entry//tei:idno) ! normalize-space(.),
      ($entry/@ref, $entry/@sameAs, $entry/*/@ref, $entry/*/@sameAs) ! tokenize(normalize-space(.), ' '))[matches(., '^https?://')])"/>
  </xsl:function>

  <!--
    A short name for an authority record: the authority and the record's
    number for Wikidata, GeoNames, GND and VIAF ("Wikidata Q1394"), else the
    URI's host.
  -->
  <xsl:function name="ed:authority-label" as="xs:string">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="known" select="(
      ['wikidata\.org/(entity|wiki)/(Q\d+)', 'Wikidata'], ['geonames\.org/(\d+)', 'GeoNames'],
      ['d-nb\.info/gnd/([0-9X-]+)', 'GND'], ['viaf\.org/viaf/(\d+)', 'VIAF'])[matches($uri, ?1)][1]"/>
    <xsl:sequence select="if (exists($known)) then concat($known?2, ' ', replace($uri, concat('^.*', $known?1, '.*$'), if ($known?2 = 'Wikidata') then '$2' else '$1'))
      else replace($uri, '^https?://(www\.)?([^/]+).*$', '$2')"/>
  </xsl:function>

  <!-- The year of a letter for filters: of its earliest bound, else of its latest; '' when undated. -->
  <xsl:function name="ed:letter-year" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string((ed:date-bounds($tei)[.] ! ed:date-parts(.)[1])[1])"/>
  </xsl:function>

</xsl:stylesheet>
