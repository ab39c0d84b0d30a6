<?xml version="1.0" encoding="UTF-8"?>
<!--
  How the letter's metadata is read from the TEI header: title, sender and
  recipient (correspDesc), places, the date as the edition states it and its
  bounds, the source (sourceDesc), translators, language, registers and notes.
  Every function has a fallback, so letters without correspDesc, registers
  or dates still get every output.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- Elements that name a correspondent in correspAction (name and rs only when not typed as a place, see ed:is-place-name). -->
  <xsl:variable name="ed:correspondent-names" as="xs:string*" select="('persName', 'orgName', 'name', 'rs')"/>

  <!-- Elements that name the place of a correspAction: placeName and the parts of a place TEI allows there, used as the place. -->
  <xsl:variable name="ed:place-names" as="xs:string*" select="('placeName', 'settlement', 'district', 'region', 'country', 'bloc', 'geogName')"/>

  <!-- @type values that give a correspondent a role whatever action holds it. -->
  <xsl:variable name="ed:sender-types" as="xs:string*" select="('sender', 'author')"/>
  <xsl:variable name="ed:recipient-types" as="xs:string*" select="('addressee', 'recipient')"/>

  <!-- The letter's title: the first main title of titleStmt. -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="title" select="ed:reading-string(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[not(@type = 'sub')])[1])"/>
    <xsl:sequence select="if ($title) then $title else 'Untitled letter'"/>
  </xsl:function>

  <!--
    The correspDesc that describes the letter, if any: the first. A letter
    with more (a postscript by another hand, an enclosure) is described by
    the first everywhere but in the CMIF, which exports each (see
    ed:correspondences), and is reported once (metadata/multiple-correspdesc).
  -->
  <xsl:function name="ed:correspondence" as="element(tei:correspDesc)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:correspondences($tei)[1]"/>
  </xsl:function>

  <!-- Every correspDesc of the letter (each an act of correspondence), in document order. -->
  <xsl:function name="ed:correspondences" as="element(tei:correspDesc)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc//tei:correspDesc"/>
  </xsl:function>

  <!--
    The letter as if the given correspDesc were its only one: a copy of the
    whole TEI (so that pointers into its header and standOff still resolve)
    without its other correspDesc. The functions that read correspondents,
    places and dates take the letter, and read its first correspDesc; the
    CMIF hands them this copy to export a further correspDesc.
  -->
  <xsl:function name="ed:letter-with-correspondence" as="element(tei:TEI)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="correspondence" as="element(tei:correspDesc)"/>
    <xsl:variable name="copy" as="document-node()">
      <xsl:document>
        <xsl:apply-templates select="$tei" mode="ed:only-correspondence">
          <xsl:with-param name="kept" select="$correspondence" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:document>
    </xsl:variable>
    <xsl:sequence select="$copy/tei:TEI"/>
  </xsl:function>

  <!-- Copies the letter (see ed:letter-with-correspondence). -->
  <xsl:mode name="ed:only-correspondence" on-no-match="shallow-copy"/>

  <!-- Leaves out every correspDesc but the one kept. -->
  <xsl:template match="tei:correspDesc" mode="ed:only-correspondence">
    <xsl:param name="kept" as="element(tei:correspDesc)" tunnel="yes"/>
    <xsl:if test=". is $kept">
      <xsl:copy-of select="."/>
    </xsl:if>
  </xsl:template>

  <!-- Correspondence actions of a type, without postal redirections, in sortKey order. -->
  <xsl:function name="ed:actions" as="element(tei:correspAction)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="ed:correspondence($tei)/tei:correspAction[@type = $type][not(@subtype = ('redirecting', 'forwarded', 'forwarding'))]"/>
  </xsl:function>

  <!-- The correspondents named in the sent and received actions (not redirections), in document order; names typed as a place are places. -->
  <xsl:function name="ed:correspondents" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(ed:actions($tei, 'sent'), ed:actions($tei, 'received'))/*[local-name() = $ed:correspondent-names][not(ed:is-place-name(.))]"/>
  </xsl:function>

  <!--
    Who a correspondent is, 'sender' or 'recipient': its @type decides when it
    names a role (sender, author; addressee, recipient), else the action that
    holds it (sent: sender; received: recipient). See README, "Who is who".
  -->
  <xsl:function name="ed:correspondent-role" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($name/@type))"/>
    <xsl:sequence select="if ($type = $ed:sender-types) then 'sender'
      else if ($type = $ed:recipient-types) then 'recipient'
      else if ($name/parent::tei:correspAction/@type = 'sent') then 'sender' else 'recipient'"/>
  </xsl:function>

  <!-- The sender(s): correspondents whose role is sender (ed:correspondent-role). -->
  <xsl:function name="ed:senders" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:correspondents($tei)[ed:correspondent-role(.) = 'sender']"/>
  </xsl:function>

  <!-- The recipient(s): correspondents whose role is recipient (ed:correspondent-role). -->
  <xsl:function name="ed:recipients" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:correspondents($tei)[ed:correspondent-role(.) = 'recipient']"/>
  </xsl:function>

  <!-- Correspondents whose @type names the other role than their action (a name typed addressee in the sent action, or sender in the received one). -->
  <xsl:function name="ed:role-conflicts" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:correspondents($tei)[ed:correspondent-role(.) != (if (parent::tei:correspAction/@type = 'sent') then 'sender' else 'recipient')]"/>
  </xsl:function>

  <!-- True for a name that names a place: a place element, or rs and name typed as a place ($ed:type-kinds in mentions.xsl). -->
  <xsl:function name="ed:is-place-name" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="local-name($name) = $ed:place-names
      or (($name/self::tei:rs or $name/self::tei:name) and $ed:type-kinds(lower-case(normalize-space($name/@type))) = 'places')"/>
  </xsl:function>

  <!-- True for a name of an organisation: orgName, rs and name typed as one ($ed:type-kinds), or a name whose register entry is an org. -->
  <xsl:function name="ed:is-organisation-name" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name/self::tei:orgName)
      or (($name/self::tei:rs or $name/self::tei:name) and $ed:type-kinds(lower-case(normalize-space($name/@type))) = 'organisations')
      or exists(ed:register-entry($name)/self::tei:org)"/>
  </xsl:function>

  <!-- The places of the sent or received actions that have a label, in document order: placeName, settlement, district, region, country, bloc, geogName, or rs and name typed as a place. -->
  <xsl:function name="ed:place-elements" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="ed:actions($tei, $type)/*[ed:is-place-name(.)][ed:name-label(.)]"/>
  </xsl:function>

  <!-- Names of places of the sent or received actions. -->
  <xsl:function name="ed:places" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="ed:place-elements($tei, $type) ! ed:name-label(.)"/>
  </xsl:function>

  <!-- The display label of a name: its text, else the label of the register entry it points to, else its @key. -->
  <xsl:function name="ed:name-label" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="text" select="ed:name-text($name)"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:sequence select="if ($text) then $text
      else if ($entry) then ed:entry-label($entry)
      else string($name/@key)"/>
  </xsl:function>

  <!--
    The reading text of a name with its parts as separate words: a part
    (forename, surname, roleName, …) that follows another element with no
    whitespace between them ("<forename>Adelbert</forename><surname>…") is
    set off by a space, so that parts are never run together.
  -->
  <xsl:function name="ed:name-text" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="ed:name-words($name/(* | text()))"/>
  </xsl:function>

  <!-- Elements that are parts of a name, words of their own. -->
  <xsl:variable name="ed:name-part-elements" as="xs:string*" select="('forename', 'surname', 'nameLink', 'roleName', 'addName', 'genName',
    'placeName', 'settlement', 'district', 'region', 'country', 'bloc', 'geogName')"/>

  <!-- The reading text of some of a name's children (see ed:name-text), one string: a space between a name part and an element next to it. -->
  <xsl:function name="ed:name-words" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$nodes">
        <xsl:variable name="previous" select="preceding-sibling::node()[1][self::*]"/>
        <xsl:if test="self::* and exists($previous) and (local-name() = $ed:name-part-elements or local-name($previous) = $ed:name-part-elements)">
          <xsl:sequence select="' '"/>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:reading"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>

  <!-- Labels of names joined for display; "Unknown" when there are none. -->
  <xsl:function name="ed:names-label" as="xs:string">
    <xsl:param name="names" as="element()*"/>
    <xsl:variable name="labels" select="$names ! ed:name-label(.)[.]"/>
    <xsl:sequence select="if (exists($labels)) then string-join($labels, ', ') else 'Unknown'"/>
  </xsl:function>

  <!--
    The register entry (person, place, org, bibl, …) a name points to: in the
    letter, by @ref="#id"; else in the central registers, by @ref="#id",
    @ref="file.xml#id" (an entry of that register file) or @key (matched to
    the entry's xml:id or n, as $register-key says).
  -->
  <xsl:function name="ed:register-entry" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="refs" select="tokenize(normalize-space($name/@ref), ' ')"/>
    <xsl:sequence select="(($refs ! ed:resolve($name, .))[ed:is-register-entry(.)],
      if (exists($ed:central-registers)) then ed:central-entries($refs, normalize-space($name/@key)) else ())[1]"/>
  </xsl:function>

  <!-- The central register entries the letter's names point to (see the parameter central-registers), parsed once per transform. -->
  <xsl:variable name="ed:central-registers" as="document-node()?" select="if ($central-registers) then parse-xml($central-registers) else ()"/>

  <!-- Central register entries by @n, for @key matched to n. -->
  <xsl:key name="ed:register-entry-by-n" match="*[@n][parent::*[@ed:file]]" use="normalize-space(@n)"/>

  <!-- The central register entries that pointers ("#id", "file.xml#id") and a key name, in that order. -->
  <xsl:function name="ed:central-entries" as="element()*">
    <xsl:param name="refs" as="xs:string*"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="(
      for $ref in $refs[contains(., '#')][not(matches(., '^[a-zA-Z][a-zA-Z0-9+.-]*:'))]
      return key('ed:id', substring-after($ref, '#'), $ed:central-registers)
        [starts-with($ref, '#') or ../@ed:file = tokenize(substring-before($ref, '#'), '/')[last()]],
      if ($key = '') then ()
      else if ($register-key = 'n') then key('ed:register-entry-by-n', $key, $ed:central-registers)
      else key('ed:id', $key, $ed:central-registers))[ed:is-register-entry(.)]"/>
  </xsl:function>

  <!-- True for an element that is an entry of a register list. -->
  <xsl:function name="ed:is-register-entry" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/parent::*[ed:is-register(.)])"/>
  </xsl:function>

  <!-- True for a register list: listPerson, listPlace, listOrg, listBibl, listEvent outside the source description. -->
  <xsl:function name="ed:is-register" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/local-name() = ('listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent')
      and empty($element/ancestor::tei:sourceDesc)"/>
  </xsl:function>

  <!-- The outermost register lists of the letter, in document order. -->
  <xsl:function name="ed:registers" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei//*[ed:is-register(.)][not(ancestor::*[ed:is-register(.)])]"/>
  </xsl:function>

  <!-- The entries of a register list that can be pointed to (with xml:id), including those of nested lists. -->
  <xsl:function name="ed:register-entries" as="element()*">
    <xsl:param name="register" as="element()"/>
    <xsl:sequence select="$register//*[@xml:id][ed:is-register-entry(.)]"/>
  </xsl:function>

  <!-- What a register list holds, in words, e.g. "Persons". -->
  <xsl:function name="ed:register-heading" as="xs:string">
    <xsl:param name="register" as="element()"/>
    <xsl:variable name="head" select="ed:reading-string($register/tei:head[1])"/>
    <xsl:sequence select="if ($head) then $head
      else if ($register/self::tei:listPerson and empty($register/tei:person) and exists($register/tei:personGrp)) then 'Groups'
      else if ($register/self::tei:listPerson and exists($register/tei:personGrp)) then 'Persons and groups'
      else map{'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
          'listBibl': 'Works and periodicals', 'listEvent': 'Events'}(local-name($register))"/>
  </xsl:function>

  <!-- The display label of a register entry: its first name (a place's settlement, country, … too), title or label. -->
  <xsl:function name="ed:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="naming" select="($entry/(tei:persName, tei:placeName, tei:settlement, tei:district, tei:region, tei:country, tei:bloc, tei:geogName,
      tei:orgName, tei:name, tei:title, tei:label, tei:eventName, tei:head))[1]"/>
    <xsl:variable name="label" select="if ($naming) then ed:name-text($naming) else ed:reading-string($entry)"/>
    <xsl:sequence select="if ($label) then $label else string($entry/@xml:id)"/>
  </xsl:function>

  <!--
    Particles that belong to a family name in a name written without
    structure ("Adelbert von Chamisso", "Vincent van Gogh"): lower-case words
    only, matched case-sensitively, so that a capitalised word ("De Gaulle",
    "Van Dyck") stays part of the family name itself.
  -->
  <xsl:variable name="ed:name-particles" as="xs:string*" select="('von', 'vom', 'van', 'zu', 'zum', 'zur', 'de', 'du', 'des',
    'der', 'den', 'ten', 'ter', 'te', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'af', 'av')"/>

  <!--
    The parts of a name for citations, as a map with the keys of CSL-JSON
    names: 'family', 'given', 'non-dropping-particle', 'suffix' (each only
    when not empty), or 'literal' for an organisation (and "Unknown" when the
    name has no label at all). A person's name is read from its structure
    (the name's own forename/surname, else those of the first persName of
    its register entry: see ed:structured-name-parts), else from its label
    (ed:label-name-parts). roleName and addName ("Dr.", "the Elder") are
    never part of it. See README, "Names in citations".
  -->
  <xsl:function name="ed:name-parts" as="map(xs:string, xs:string)">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:variable name="source" select="($name[tei:surname | tei:forename], $entry/tei:persName[tei:surname | tei:forename],
      $name[ed:name-text(.)], $entry/tei:persName)[1]"/>
    <xsl:variable name="label" select="ed:name-label($name)"/>
    <xsl:variable name="words" select="if ($source) then ed:name-words($source/(* | text())[not(self::tei:roleName | self::tei:addName | self::tei:genName)]) else $label"/>
    <xsl:sequence select="
      if ($label = '') then map{'literal': 'Unknown'}
      else if (ed:is-organisation-name($name)) then map{'literal': $label}
      else if ($source[tei:surname | tei:forename]) then ed:structured-name-parts($source)
      else ed:label-name-parts(if ($words) then $words else $label, string-join($source/tei:genName ! ed:reading-string(.), ' '))"/>
  </xsl:function>

  <!--
    The parts of a persName with forename/surname: family from the surnames
    (without their nameLink), the particle from nameLink (inside a surname
    or before the first one), given from the forenames, suffix from genName.
    A name with forenames only ("Grigory") has them as its family name, as a
    single-word name does.
  -->
  <xsl:function name="ed:structured-name-parts" as="map(xs:string, xs:string)">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="surnames" select="$name/tei:surname"/>
    <xsl:variable name="forenames" select="string-join($name/tei:forename ! ed:name-text(.), ' ')"/>
    <xsl:variable name="family" select="normalize-space(string-join($surnames ! ed:reading-string(node()[not(self::tei:nameLink)]), ' '))"/>
    <xsl:variable name="particles" select="($surnames/tei:nameLink, $name/tei:nameLink[following-sibling::tei:surname]) ! ed:reading-string(.)"/>
    <xsl:variable name="suffix" select="string-join($name/tei:genName ! ed:reading-string(.), ' ')"/>
    <xsl:sequence select="ed:parts-map(
      if ($family) then $family else $forenames,
      if ($family) then $forenames else '',
      string-join($particles[.], ' '),
      $suffix)"/>
  </xsl:function>

  <!--
    The parts of a person's name written as text (without its roleName,
    addName and genName; the genName is the suffix). "Family, Given" is split at
    the comma; otherwise the last word is the family name and the words
    before it are the given names. Lower-case particles (ed:name-particles)
    directly before the family name ("van Gogh"), or at the end of the given
    names after a comma ("Chamisso, Adelbert von"), are its
    non-dropping-particle: one rule for every particle, so that "von" is
    never lost where only the family name is shown. A single word is the
    family name alone.
  -->
  <xsl:function name="ed:label-name-parts" as="map(xs:string, xs:string)">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="suffix" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="matches($label, '^[^,]+, [^,]+$')">
        <xsl:variable name="family-words" select="tokenize(substring-before($label, ', '), ' ')"/>
        <xsl:variable name="given-words" select="tokenize(substring-after($label, ', '), ' ')"/>
        <xsl:variable name="leading" select="ed:leading-particles($family-words[position() lt last()])"/>
        <xsl:variable name="trailing" select="reverse(ed:leading-particles(reverse($given-words[position() gt 1])))"/>
        <xsl:sequence select="ed:parts-map(
          string-join(subsequence($family-words, count($leading) + 1), ' '),
          string-join(subsequence($given-words, 1, count($given-words) - count($trailing)), ' '),
          string-join(($leading, $trailing), ' '), $suffix)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="words" select="tokenize($label, ' ')"/>
        <xsl:variable name="particles" select="reverse(ed:leading-particles(reverse($words[position() lt last()])))"/>
        <xsl:sequence select="ed:parts-map($words[last()],
          string-join(subsequence($words, 1, count($words) - 1 - count($particles)), ' '),
          string-join($particles, ' '), $suffix)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The particles (ed:name-particles) at the start of a sequence of words, up to the first word that is not one. -->
  <xsl:function name="ed:leading-particles" as="xs:string*">
    <xsl:param name="words" as="xs:string*"/>
    <xsl:sequence select="if ($words[1] = $ed:name-particles) then ($words[1], ed:leading-particles(subsequence($words, 2))) else ()"/>
  </xsl:function>

  <!-- The family name of name parts as shown with it, with its particles: "van Gogh", "von Chamisso" (as BibLaTeX, RIS and meta tags write it); the literal name of an organisation. -->
  <xsl:function name="ed:family-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then $parts?literal
      else string-join(($parts?dropping-particle, $parts?non-dropping-particle, $parts?family)[.], ' ')"/>
  </xsl:function>

  <!-- A name inverted, as citation formats and the citation_author meta tag write it: "von Family, Given, Suffix", or the literal name. -->
  <xsl:function name="ed:inverted-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then $parts?literal
      else string-join((ed:family-name($parts), $parts?given, $parts?suffix)[.], ', ')"/>
  </xsl:function>

  <!-- A name in reading order: "Given von Family Suffix", or the literal name. -->
  <xsl:function name="ed:natural-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then $parts?literal
      else string-join(($parts?given, ed:family-name($parts), $parts?suffix)[.], ' ')"/>
  </xsl:function>

  <!-- A name-parts map from its family name, given names, particle and suffix, with the empty ones left out. -->
  <xsl:function name="ed:parts-map" as="map(xs:string, xs:string)">
    <xsl:param name="family" as="xs:string"/>
    <xsl:param name="given" as="xs:string"/>
    <xsl:param name="particle" as="xs:string"/>
    <xsl:param name="suffix" as="xs:string"/>
    <xsl:sequence select="map:merge((
      map{'family': $family},
      $given[.] ! map{'given': .},
      $particle[.] ! map{'non-dropping-particle': .},
      $suffix[.] ! map{'suffix': .}))"/>
  </xsl:function>

  <!-- The date element of the letter: the sent action's date, else any correspAction's date. -->
  <xsl:function name="ed:date-element" as="element(tei:date)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(ed:actions($tei, 'sent')/tei:date, ed:correspondence($tei)/tei:correspAction/tei:date)[1]"/>
  </xsl:function>

  <!--
    The dating attributes of a date, by their W3C name (when, notBefore,
    notAfter, from, to): the W3C attribute, else its ISO 8601 twin
    (@when-iso, …), whichever is not empty. Every output reads a date's
    values through this map, so a letter dated only by @when-iso is dated
    everywhere, not only in the CMIF. A date with none of them whose words
    name a day, month or year unambiguously (ed:date-from-words: "1951",
    "17 December 1932") gets a @when made from its words; the letter-data
    pass warns about it (metadata/date-from-words).
  -->
  <xsl:function name="ed:dating-attributes" as="map(xs:string, attribute())">
    <xsl:param name="date" as="element(tei:date)?"/>
    <xsl:variable name="given" select="map:merge(
      for $name in ('when', 'notBefore', 'notAfter', 'from', 'to')
      return ($date/@*[local-name() = ($name, concat($name, '-iso'))][namespace-uri() = ''][normalize-space()])[1] ! map{$name: .})"/>
    <xsl:variable name="from-words" select="if (exists($date) and map:size($given) = 0) then ed:date-from-words(ed:reading-string($date)) else ''"/>
    <xsl:sequence select="if ($from-words) then map{'when': ed:when-attribute($from-words)} else $given"/>
  </xsl:function>

  <!-- A parentless @when holding an ISO date (the date a date's words give). -->
  <xsl:function name="ed:when-attribute" as="attribute()">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:attribute name="when" select="$iso"/>
  </xsl:function>

  <!-- Month numbers by their English and German names, lower case. -->
  <xsl:variable name="ed:month-numbers" as="map(xs:string, xs:integer)" select="map{
    'january': 1, 'february': 2, 'march': 3, 'april': 4, 'may': 5, 'june': 6, 'july': 7, 'august': 8,
    'september': 9, 'october': 10, 'november': 11, 'december': 12,
    'januar': 1, 'jänner': 1, 'februar': 2, 'märz': 3, 'mai': 5, 'juni': 6, 'juli': 7, 'oktober': 10, 'dezember': 12}"/>

  <!--
    The ISO date that a date's words state unambiguously, '' otherwise: a year
    ("1951"), an ISO date ("1932-12-17"), a month and year ("December 1932",
    "Dezember 1932"), or a day, month and year ("17 December 1932",
    "17. Dezember 1932", "December 17, 1932"), month names in English or
    German. Anything else ("unknown", "spring 1920", "ca. 1916") gives ''.
  -->
  <xsl:function name="ed:date-from-words" as="xs:string">
    <xsl:param name="words" as="xs:string"/>
    <xsl:variable name="tokens" select="tokenize(lower-case(replace(normalize-space($words), '[,.]', ' ')), '\s+')[.]"/>
    <xsl:variable name="month" select="$tokens[map:contains($ed:month-numbers, .)] ! $ed:month-numbers(.)"/>
    <xsl:variable name="numbers" select="$tokens[matches(., '^\d{1,4}$')]"/>
    <xsl:variable name="year" select="$numbers[matches(., '^\d{4}$')]"/>
    <xsl:variable name="day" select="$numbers[matches(., '^\d{1,2}$')]"/>
    <xsl:variable name="candidate" select="
      if (count($tokens) = 1 and ed:is-iso-date($tokens)) then $tokens
      else if (count($tokens) = 2 and count($month) = 1 and count($year) = 1) then concat($year, '-', format-number($month, '00'))
      else if (count($tokens) = 3 and count($month) = 1 and count($year) = 1 and count($day) = 1)
        then concat($year, '-', format-number($month, '00'), '-', format-number(xs:integer($day), '00'))
      else ''"/>
    <xsl:sequence select="if ($candidate and ed:is-iso-date($candidate)) then $candidate else ''"/>
  </xsl:function>

  <!-- The value of a dating attribute of the map (see ed:dating-attributes), '' when absent. -->
  <xsl:function name="ed:dating-value" as="xs:string">
    <xsl:param name="attributes" as="map(xs:string, attribute())"/>
    <xsl:param name="names" as="xs:string+"/>
    <xsl:sequence select="string(($names ! $attributes(.))[1] ! normalize-space(.))"/>
  </xsl:function>

  <!-- The date as the edition states it: the text of the date, else one made from its attributes, else "undated". -->
  <xsl:function name="ed:date-statement" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="ed:date-element($tei)"/>
    <xsl:variable name="text" select="ed:reading-string($date)"/>
    <xsl:variable name="dating" select="ed:dating-attributes($date)"/>
    <xsl:variable name="when" select="ed:dating-value($dating, 'when')"/>
    <xsl:variable name="earliest" select="ed:dating-value($dating, ('notBefore', 'from'))"/>
    <xsl:variable name="latest" select="ed:dating-value($dating, ('notAfter', 'to'))"/>
    <xsl:sequence select="
      if ($text) then $text
      else if ($when) then ed:format-iso-date($when)
      else if ($earliest and $latest) then concat('between ', ed:format-iso-date($earliest), ' and ', ed:format-iso-date($latest))
      else if ($earliest) then concat('not before ', ed:format-iso-date($earliest))
      else if ($latest) then concat('not after ', ed:format-iso-date($latest))
      else 'undated'"/>
  </xsl:function>

  <!-- True when the letter's date is a single exact day, month or year (@when or @when-iso), not a range or bound. -->
  <xsl:function name="ed:date-is-exact" as="xs:boolean">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="map:contains(ed:dating-attributes(ed:date-element($tei)), 'when')"/>
  </xsl:function>

  <!-- The earliest and latest dates the letter may have been written, as the TEI gives them ('' when unknown): (earliest, latest). -->
  <xsl:function name="ed:date-bounds" as="xs:string+">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="dating" select="ed:dating-attributes(ed:date-element($tei))"/>
    <xsl:sequence select="(ed:dating-value($dating, ('when', 'notBefore', 'from')),
                           ed:dating-value($dating, ('when', 'notAfter', 'to')))"/>
  </xsl:function>

  <!--
    The day the letter's encoding last changed (YYYY-MM-DD): the newest of
    its revisionDesc changes (@when, @when-iso), its editionStmt dates and
    its publicationStmt dates (@when, @notAfter, @to and their ISO twins),
    a time of day left out; '' when it gives none. The OAI-PMH datestamp of
    the letter's record; the build reads the same dates (documentFacts in
    src/stages/validate.ts) for the edition's build date.
  -->
  <xsl:function name="ed:last-change" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="dates" select="
      $header/tei:revisionDesc//tei:change/(@when, @when-iso),
      $header/tei:fileDesc/tei:editionStmt//tei:date/(@when, @when-iso),
      $header/tei:fileDesc/tei:publicationStmt/tei:date/(@when, @notAfter, @to, @when-iso, @notAfter-iso, @to-iso)"/>
    <xsl:variable name="days" select="$dates ! normalize-space(.) ! replace(., '^(\d{4}-\d{2}-\d{2})(T.*)?$', '$1')[. castable as xs:date]"/>
    <xsl:sequence select="string(max($days ! xs:date(.)))"/>
  </xsl:function>

  <!-- True for an ISO date the exports keep: YYYY, YYYY-MM or YYYY-MM-DD that is a real date. -->
  <xsl:function name="ed:is-iso-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="
      if (matches($value, '^\d{4}$')) then true()
      else if (matches($value, '^\d{4}-\d{2}$')) then concat($value, '-01') castable as xs:date
      else matches($value, '^\d{4}-\d{2}-\d{2}$') and $value castable as xs:date"/>
  </xsl:function>

  <!--
    The letter's date as an ISO 8601 string, as every output that carries one
    writes it (JSON-LD, OAI-PMH, BibLaTeX): the day, month or year when exact
    or when both bounds are the same; otherwise an interval of its bounds
    with ".." for an open end (ISO 8601-2, which biblatex also reads), e.g.
    "1916-10-04/.."; '' when undated or not ISO.
  -->
  <xsl:function name="ed:iso-date-range" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="bounds" select="ed:date-bounds($tei) ! (if (ed:is-iso-date(.)) then . else '')"/>
    <xsl:sequence select="
      if (ed:date-is-exact($tei)) then $bounds[1]
      else if ($bounds[1] and $bounds[1] eq $bounds[2]) then $bounds[1]
      else if ($bounds[1] or $bounds[2]) then concat(($bounds[1][.], '..')[1], '/', ($bounds[2][.], '..')[1])
      else ''"/>
  </xsl:function>

  <!--
    The year, month and day numbers both bounds of the letter's date agree on,
    read once for the citations' issued date and OAI-PMH's dc:date: every
    part of an exact date; of a closed range, the leading parts its bounds
    share (1916 for 3 October to 2 November 1916, 1916 and 10 for 3 to 20
    October 1916, none across years); none when an end is open or not ISO.
  -->
  <xsl:function name="ed:agreed-date-parts" as="xs:integer*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="bounds" select="ed:date-bounds($tei)"/>
    <xsl:variable name="earliest" select="ed:date-parts($bounds[1])"/>
    <xsl:variable name="latest" select="ed:date-parts($bounds[2])"/>
    <xsl:variable name="shared" select="(for $i in 1 to min((count($earliest), count($latest))) return $i[$earliest[$i] ne $latest[$i]], min((count($earliest), count($latest))) + 1)[1] - 1"/>
    <xsl:sequence select="if (ed:date-is-exact($tei)) then $earliest else subsequence($earliest, 1, $shared)"/>
  </xsl:function>

  <!-- Sort key for lists of letters: the earliest bound, else the latest, else after every dated letter. -->
  <xsl:function name="ed:date-sort-key" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(ed:date-bounds($tei)[.], '9999')[1]"/>
  </xsl:function>

  <!-- Year, month and day numbers of an ISO date (1 to 3 of them; empty if it is not one). -->
  <xsl:function name="ed:date-parts" as="xs:integer*">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="if (matches($iso, '^\d{4}(-\d{2}(-\d{2})?)?$'))
      then tokenize($iso, '-') ! xs:integer(.) else ()"/>
  </xsl:function>

  <!-- An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in words, e.g. "4 October 1916"; other values as given. -->
  <xsl:function name="ed:format-iso-date" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="parts" select="ed:date-parts($iso)"/>
    <xsl:variable name="months" select="('January', 'February', 'March', 'April', 'May', 'June', 'July',
      'August', 'September', 'October', 'November', 'December')"/>
    <xsl:sequence select="
      if (count($parts) = 3 and $parts[2] = 1 to 12) then concat($parts[3], ' ', $months[$parts[2]], ' ', $parts[1])
      else if (count($parts) = 2 and $parts[2] = 1 to 12) then concat($months[$parts[2]], ' ', $parts[1])
      else if (count($parts) = 1) then string($parts[1])
      else $iso"/>
  </xsl:function>

  <!-- The printed or manuscript source the letter is edited from: its first structured record, bibl, msDesc or paragraph. -->
  <xsl:function name="ed:source-element" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="source-desc" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:sequence select="(
      $source-desc//tei:biblStruct,
      $source-desc//tei:bibl[normalize-space()][not(ancestor::tei:bibl)],
      $source-desc//tei:msDesc,
      $source-desc/tei:p[normalize-space()])[1]"/>
  </xsl:function>

  <!-- The source in words, e.g. "Collected Works, vol. 35, Moscow: Progress Publishers, 1976, pp. 232–236"; '' when none is described. -->
  <xsl:function name="ed:source-label" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="source" select="ed:source-element($tei)"/>
    <xsl:sequence select="
      if ($source/self::tei:biblStruct) then string-join((
          ($source/tei:analytic/tei:title)[1] ! ed:reading-string(.),
          ($source/tei:monogr/tei:title)[1] ! ed:reading-string(.),
          ed:source-volume($tei)[.] ! concat('vol. ', .),
          string-join((($source/tei:monogr/tei:imprint/tei:pubPlace)[1] ! ed:reading-string(.),
                       ($source/tei:monogr/tei:imprint/tei:publisher)[1] ! ed:reading-string(.))[.], ': '),
          ($source/tei:monogr/tei:imprint/tei:date)[1] ! ed:reading-string(.),
          ed:source-pages($tei)[.] ! concat(if (contains(., '–')) then 'pp. ' else 'p. ', .))[.], ', ')
      else if ($source/self::tei:msDesc) then string-join(
          $source/tei:msIdentifier/(tei:settlement, tei:institution, tei:repository, tei:collection, tei:idno[1]) ! ed:reading-string(.)[.], ', ')
      else ed:reading-string($source)"/>
  </xsl:function>

  <!-- The title of the publication that contains the source (CSL container-title), '' if none. -->
  <xsl:function name="ed:container-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="source" select="ed:source-element($tei)"/>
    <xsl:sequence select="ed:reading-string((
      $source/self::tei:biblStruct/tei:monogr/tei:title,
      $source/self::tei:bibl/tei:title[@level = ('m', 'j', 's')],
      $source/self::tei:bibl/tei:title)[1])"/>
  </xsl:function>

  <!-- The pages of the source, e.g. "232–236", '' if not stated. -->
  <xsl:function name="ed:source-pages" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="scope" select="(ed:source-element($tei)//tei:biblScope[@unit = ('page', 'pages', 'pp')])[1]"/>
    <xsl:sequence select="if ($scope/@from and $scope/@to and $scope/@from != $scope/@to) then concat($scope/@from, '–', $scope/@to)
      else if ($scope/(@from | @to)) then string(($scope/@from, $scope/@to)[1])
      else ed:reading-string($scope)"/>
  </xsl:function>

  <!-- The volume of the source, '' if not stated. -->
  <xsl:function name="ed:source-volume" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="scope" select="(ed:source-element($tei)//tei:biblScope[@unit = ('volume', 'vol')])[1]"/>
    <xsl:sequence select="if ($scope/@n) then string($scope/@n) else ed:reading-string($scope)"/>
  </xsl:function>

  <!-- Translators named in the header: respStmt whose resp mentions translation, editor/author role="translator". -->
  <xsl:function name="ed:translators" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="names" select="
      $header//tei:respStmt[tei:resp[matches(., 'transl', 'i') or matches(@ref, 'trl$')]]/(tei:persName, tei:name, tei:orgName),
      $header//(tei:editor, tei:author)[@role = ('translator', 'trl')]"/>
    <xsl:for-each-group select="$names" group-by="ed:name-label(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!--
    The rights of a letter in two layers: its text, as the source it is edited
    from states them, and the edition's own encoding and notes, under the
    edition's licence. The text's layer is the letter's own where its
    availability has a licence whose @corresp points to a source described in
    sourceDesc: what the licence's @target names (ed:licence-label, else the
    licence's words), the first name in the licence as the credit, and that
    source's first URL. Otherwise it is the edition config's sourceText
    (params source-rights…), or nothing. Without a TEI letter (pages of the
    whole edition), the config's. A map of text-rights, text-rights-url,
    credit, credit-url, encoding-licence, encoding-licence-url and holder
    (the publisher), each '' when not known.
  -->
  <xsl:function name="ed:rights" as="map(xs:string, xs:string)">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="sources" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc//*[@xml:id]"/>
    <xsl:variable name="licence" select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence
      [some $pointer in tokenize(@corresp) satisfies substring-after($pointer, '#') = $sources/@xml:id][1]"/>
    <xsl:variable name="source" select="$sources[@xml:id = (tokenize($licence/@corresp) ! substring-after(., '#'))][1]"/>
    <xsl:variable name="encoding" select="map{
      'encoding-licence': $licence-label, 'encoding-licence-url': $licence-url, 'holder': $publisher}"/>
    <xsl:sequence select="map:merge(($encoding,
      if ($licence) then map{
        'text-rights': (ed:licence-label(string($licence/@target))[.], replace(ed:reading-string($licence), '[.\s]+$', ''))[1],
        'text-rights-url': string($licence/@target),
        'credit': string((($licence//(tei:orgName, tei:persName, tei:name))[1] ! ed:reading-string(.), '')[1]),
        'credit-url': string(($source//(tei:ref, tei:ptr)/@target, $source//tei:idno[lower-case(@type) = ('uri', 'url')])[1]),
        'credited-title': string((($source//tei:title)[1] ! ed:reading-string(.), '')[1])}
      else map{
        'text-rights': $source-rights, 'text-rights-url': $source-rights-url,
        'credit': $source-credit, 'credit-url': $source-credit-url, 'credited-title': ''}))"/>
  </xsl:function>

  <!-- A short name for a Creative Commons licence or mark by its URL ("CC BY 4.0", "CC0 1.0", "public domain" for the Public Domain Mark); '' for any other URL. -->
  <xsl:function name="ed:licence-label" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="path" select="replace($url, '^https?://(www\.)?creativecommons\.org/', '')"/>
    <xsl:sequence select="
      if ($path = $url) then ''
      else if (starts-with($path, 'publicdomain/mark/')) then 'public domain'
      else if (matches($path, '^(publicdomain/zero|licenses/[a-z-]+)/\d')) then
        let $steps := tokenize($path, '/')
        return if ($steps[1] = 'publicdomain') then concat('CC0 ', $steps[3]) else concat('CC ', upper-case($steps[2]), ' ', $steps[3])
      else ''"/>
  </xsl:function>

  <!--
    The two rights layers in words, one sentence each: "Text: public domain;
    source of the text: Marxists Internet Archive, https://…." (without a
    text layer, '') and "Encoding and notes: tei-edition project, CC BY 4.0
    (https://…).". URLs are written out for formats without links.
  -->
  <xsl:function name="ed:rights-statements" as="xs:string*">
    <xsl:param name="rights" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="
      string-join((
        $rights?text-rights[.] ! concat('Text: ', ., $rights?text-rights-url[.] ! concat(' (', ., ')')),
        $rights?credit[.] ! concat('source of the text: ', ., $rights?credit-url[.] ! concat(', ', .))), '; ')[.] ! concat(., '.'),
      concat('Encoding and notes: ', $rights?holder, ', ', $rights?encoding-licence, ' (', $rights?encoding-licence-url, ').')"/>
  </xsl:function>

  <!--
    The letter's own title, '' when it has none. The first main title of
    titleStmt is descriptive, not the letter's own, when it is typed so
    (@type="desc", TEI's "descriptive paraphrase of the work functioning as a
    title"), when it begins "Letter from" or "Letter to" (the description the
    edition's letters and its init template use), or when it names both a
    sender and a recipient ("X an Y, Berlin, 17. Januar 1837", as editions
    title their letters in any language).
  -->
  <xsl:function name="ed:own-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="element" select="($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[not(@type = 'sub')])[1]"/>
    <xsl:variable name="title" select="ed:reading-string($element)"/>
    <xsl:variable name="names-correspondents" select="
      some $sender in ed:senders($tei) ! ed:name-label(.)[.], $recipient in ed:recipients($tei) ! ed:name-label(.)[.]
      satisfies contains($title, $sender) and contains($title, $recipient)"/>
    <xsl:sequence select="if ($element/@type = 'desc' or matches($title, '^Letter (from|to)\s', 'i') or $names-correspondents) then '' else $title"/>
  </xsl:function>

  <!-- The letter's language code: @xml:lang of TEI or text, else the first langUsage language, else "und". -->
  <xsl:function name="ed:language" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string(($tei/@xml:lang, $tei/tei:text/@xml:lang,
      $tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident, 'und')[normalize-space()][1])"/>
  </xsl:function>

  <!-- The stable URL of the letter being transformed. -->
  <xsl:function name="ed:letter-url" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat($base-url, '/letters/', encode-for-uri($id), '/')"/>
  </xsl:function>

</xsl:stylesheet>
