<?xml version="1.0" encoding="UTF-8"?>
<!--
  The behaviour of TEI elements in the text, decided once for every output:
  which element is a block, an inline, a name, a note, a correction, a page
  break. Each rule calls a named hook (ed:block, ed:inline, ed:name,
  ed:note-marker, ed:alternative, ed:deletion, ed:page-break, ed:gap); the format layers
  (html/, text/) override the hooks to say how each is written. The default
  hooks here emit the content, so unknown markup degrades to its text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- Rendering of the letter's text; elements without a rule degrade to their content (ed:unknown). -->
  <xsl:mode name="ed:text" on-no-match="shallow-skip"/>

  <!-- The block role of an element, or () when it is not a block. -->
  <xsl:function name="ed:block-role" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="name" select="local-name($element)"/>
    <xsl:sequence select="
      if ($element/self::tei:*[local-name() = ('quote', 'q', 'said')] and $element/*[exists(ed:block-role(.))]) then 'quotation'
      else if ($element/self::tei:*) then $ed:block-roles($name) else ()"/>
  </xsl:function>

  <!-- True when an element holds block children (so a paragraph cannot be written as an inline-only block). -->
  <xsl:function name="ed:has-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/*[exists(ed:block-role(.))])"/>
  </xsl:function>

  <!-- The notes shown as numbered notes: notes in the text flow that are not inside another note or a correction (see ed:emendations). -->
  <xsl:function name="ed:notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="key('ed:flow-notes', 'flow', root($tei))[ancestor::tei:TEI[1] is $tei]"/>
  </xsl:function>

  <!-- The notes in the order of the notes list: numbered notes by number (as the source lists them), then the others in text order. -->
  <xsl:function name="ed:listed-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="notes" select="ed:notes($tei)"/>
    <xsl:sequence select="sort($notes, (), function($note) {
      if (normalize-space($note/@n) castable as xs:integer) then (0, xs:integer(normalize-space($note/@n)))
      else (1, count($notes[. &lt;&lt; $note])) })"/>
  </xsl:function>

  <!-- The notes of the text flow by their @n (normalised), to find repeated numbers without scanning the text. -->
  <xsl:key name="ed:note-by-n" match="tei:note[ancestor::tei:text][not(ancestor::tei:note)][not(ancestor::tei:choice[tei:sic and tei:corr])][not(ancestor::*[local-name() = $ed:out-of-flow])]"
    use="normalize-space(@n)"/>

  <!-- All notes of the text flow of a document, in document order (one index per document). -->
  <xsl:key name="ed:flow-notes" match="tei:note[ancestor::tei:text][not(ancestor::tei:note)][not(ancestor::tei:choice[tei:sic and tei:corr])][not(ancestor::*[local-name() = $ed:out-of-flow])]"
    use="'flow'"/>

  <!-- The flow notes before a note (from the index, so labels and ids stay cheap for letters with many notes). -->
  <xsl:function name="ed:preceding-notes" as="element(tei:note)*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="key('ed:flow-notes', 'flow', root($note))[. &lt;&lt; $note]"/>
  </xsl:function>

  <!-- A note's label as in the source (@n), else a letter by its place among unnumbered notes. -->
  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (normalize-space($note/@n)) then normalize-space($note/@n)
      else format-integer(count(ed:preceding-notes($note)[not(normalize-space(@n))]) + 1, 'a')"/>
  </xsl:function>

  <!-- A unique, HTML-safe id for a note: "note-" and its label, with the note's position added if labels repeat. -->
  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="label" select="ed:note-label($note)"/>
    <xsl:variable name="safe" select="replace($label, '[^A-Za-z0-9_-]', '-')"/>
    <xsl:variable name="same-number" select="count(key('ed:note-by-n', $label, root($note)))"/>
    <xsl:variable name="repeated" select="if (normalize-space($note/@n)) then $same-number gt 1 else $same-number gt 0"/>
    <xsl:sequence select="if ($repeated or $safe != $label)
      then concat('note-', $safe, '-', count(ed:preceding-notes($note)) + 1) else concat('note-', $safe)"/>
  </xsl:function>

  <!-- "authorial" for the writer's own notes (type authorial, or resp pointing to a sender), else "editorial". -->
  <xsl:function name="ed:note-kind" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="tei" select="$note/ancestor::tei:TEI[1]"/>
    <xsl:variable name="sender-refs" select="ed:senders($tei)/tokenize(normalize-space(@ref), ' ')"/>
    <xsl:sequence select="if ($note/@type = ('authorial', 'author') or tokenize(normalize-space($note/@resp), ' ') = $sender-refs)
      then 'authorial' else 'editorial'"/>
  </xsl:function>

  <!-- Who is responsible for a note, in words (the label of its @resp target, a person's name in reading order), '' if unstated. -->
  <xsl:function name="ed:note-responsibility" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="target" select="ed:resolve($note, tokenize(normalize-space($note/@resp), ' ')[1])"/>
    <xsl:sequence select="if ($target/self::tei:person/tei:persName) then ed:natural-name(ed:name-parts($target/tei:persName[1]))
      else if ($target) then ed:entry-label($target)
      else if (normalize-space($note/@resp)) then normalize-space($note/@resp) else ''"/>
  </xsl:function>

  <!-- The pointers that name the publisher of the encoding: @ref of publicationStmt/publisher and of the names in it. -->
  <xsl:function name="ed:publisher-refs" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher/(@ref, */@ref) ! tokenize(normalize-space(.), ' ')"/>
  </xsl:function>

  <!--
    Whose a note is: "authorial" (ed:note-kind), "edition" for the notes of
    the edition itself (@resp points to the publisher of the encoding,
    ed:publisher-refs, or @type is "edition"), else "editorial" (notes of
    other editors, such as those of the source's edition).
  -->
  <xsl:function name="ed:note-party" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
      if (ed:note-kind($note) = 'authorial') then 'authorial'
      else if ($note/@type = 'edition' or tokenize(normalize-space($note/@resp), ' ') = ed:publisher-refs($note/ancestor::tei:TEI[1])) then 'edition'
      else 'editorial'"/>
  </xsl:function>

  <!--
    Who a note is by, in words: its @resp's label; else, for the author's
    notes, the senders; for the edition's, the publisher; '' when unknown.
  -->
  <xsl:function name="ed:note-author" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="party" as="xs:string"/>
    <xsl:variable name="tei" select="$note/ancestor::tei:TEI[1]"/>
    <xsl:variable name="responsible" select="ed:note-responsibility($note)"/>
    <xsl:sequence select="
      if ($responsible) then $responsible
      else if ($party = 'authorial' and exists(ed:senders($tei))) then ed:names-label(ed:senders($tei))
      else if ($party = 'edition') then normalize-space($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher[1])
      else ''"/>
  </xsl:function>

  <!-- The heading of a group of notes ($count notes of one party and author), e.g. "Author’s note: V. I. Lenin", "Editorial notes: …", "Notes of the edition: …". -->
  <xsl:function name="ed:note-group-heading" as="xs:string">
    <xsl:param name="party" as="xs:string"/>
    <xsl:param name="author" as="xs:string"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:variable name="kind" select="map{
      'authorial': if ($count = 1) then 'Author’s note' else 'Author’s notes',
      'edition': if ($count = 1) then 'Note of the edition' else 'Notes of the edition',
      'editorial': if ($count = 1) then 'Editorial note' else 'Editorial notes'}($party)"/>
    <xsl:sequence select="if ($author) then concat($kind, ': ', $author) else $kind"/>
  </xsl:function>

  <!--
    The listed notes (ed:listed-notes) grouped by whose they are, so that the
    outputs state each attribution once: one map{'party', 'author',
    'heading', 'notes'} per party and author, in the order of each group's
    first note, the notes in list order.
  -->
  <xsl:function name="ed:note-groups" as="map(*)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="attributed" as="map(*)*" select="ed:listed-notes($tei) ! (let $party := ed:note-party(.)
      return map{'note': ., 'party': $party, 'author': ed:note-author(., $party)})"/>
    <xsl:for-each-group select="$attributed" group-by="?party || '&#10;' || ?author">
      <xsl:sequence select="map{'party': ?party, 'author': ?author, 'notes': current-group()?note,
        'heading': ed:note-group-heading(?party, ?author, count(current-group()))}"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- Whitespace runs collapse to one space; the formats trim at block edges. -->
  <xsl:template match="text()" mode="ed:text">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

  <!-- Registers, header parts and forme work are not part of the text flow. -->
  <xsl:template _match="{$ed:out-of-flow-pattern}" mode="ed:text" priority="3"/>

  <!-- Blocks: paragraphs, openers, closers, postscripts, divisions, … -->
  <xsl:template _match="{$ed:block-pattern} | tei:quote[*[exists(ed:block-role(.))]] | tei:q[*[exists(ed:block-role(.))]] | tei:said[*[exists(ed:block-role(.))]]" mode="ed:text" priority="1">
    <xsl:call-template name="ed:block">
      <xsl:with-param name="role" select="ed:block-role(.)"/>
      <xsl:with-param name="has-blocks" select="ed:has-blocks(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Inline phrases: highlighting, quotations, additions, supplied text, … -->
  <xsl:template _match="{$ed:inline-pattern}" mode="ed:text">
    <xsl:call-template name="ed:inline">
      <xsl:with-param name="role" select="$ed:inline-roles(local-name())"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Names of persons, places, organisations and works: the format links mentions to their register entry. -->
  <xsl:template _match="{$ed:name-pattern}" mode="ed:text" priority="2">
    <xsl:call-template name="ed:name"/>
  </xsl:template>

  <!-- A note in the flow leaves its marker; its text is rendered in the notes list. -->
  <xsl:template match="tei:note" mode="ed:text" priority="2">
    <xsl:call-template name="ed:note-marker"/>
  </xsl:template>

  <!--
    A note of the back matter (such as the edition's note on other notes,
    pointing to them with @target) has no place in the running text: it
    leaves no marker, and a back-matter division that holds nothing but such
    notes leaves nothing; the note is listed with the others, saying what it
    is about (ed:note-subjects).
  -->
  <xsl:template match="tei:back//tei:note[not(ancestor::tei:note)]" mode="ed:text" priority="2.5"/>
  <xsl:template match="tei:back//tei:div[* and empty(* except tei:note) and not(normalize-space(string-join(text())))]" mode="ed:text" priority="2.5"/>

  <!-- The notes a note is about: those its @target points to in the same letter. -->
  <xsl:function name="ed:note-subjects" as="element(tei:note)*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="ids" select="tokenize(normalize-space($note/@target)) ! substring-after(., '#')"/>
    <xsl:sequence select="if (exists($ids)) then ed:notes($note/ancestor::tei:TEI[1])[@xml:id = $ids] else ()"/>
  </xsl:function>

  <!-- True for a note that the running text does not point to (see above): it is listed without a marker or a way back. -->
  <xsl:function name="ed:is-unanchored-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/ancestor::tei:back)"/>
  </xsl:function>

  <!-- A note inside a correction (choice with sic and corr) justifies it: it is listed with the emendations (ed:emendations), not as a note. -->
  <xsl:template match="tei:choice[tei:sic and tei:corr]//tei:note" mode="ed:text" priority="4"/>

  <!-- A note inside a note has no number of its own: it stays inline. -->
  <xsl:template match="tei:note[ancestor::tei:note]" mode="ed:text" priority="3">
    <xsl:call-template name="ed:inline">
      <xsl:with-param name="role" select="'note-inline'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A choice offers both alternatives: the one of the reading view (corr, expan, reg) and the source's (sic, abbr, orig). -->
  <xsl:template match="tei:choice" mode="ed:text" priority="2">
    <xsl:call-template name="ed:alternative">
      <xsl:with-param name="kind" select="ed:alternative-kind(.)"/>
      <xsl:with-param name="reading" select="ed:shown-alternative(., false())"/>
      <xsl:with-param name="source" select="ed:shown-alternative(., true())"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Deleted text belongs to the source's reading only. -->
  <xsl:template match="tei:del" mode="ed:text" priority="2">
    <xsl:call-template name="ed:deletion"/>
  </xsl:template>

  <!-- Page breaks carry the page number and the certainty of their position. -->
  <xsl:template match="tei:pb" mode="ed:text" priority="2">
    <xsl:call-template name="ed:page-break">
      <xsl:with-param name="label" select="normalize-space(@n)"/>
      <xsl:with-param name="cert" select="normalize-space(@cert)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A line break separates words unless it is marked break="no". -->
  <xsl:template match="tei:lb | tei:cb" mode="ed:text" priority="2">
    <xsl:if test="not(@break = 'no')">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Omitted or illegible text. -->
  <xsl:template match="tei:gap" mode="ed:text" priority="2">
    <xsl:call-template name="ed:gap">
      <xsl:with-param name="reason" select="normalize-space(@reason)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Empty pointers and anchors have nothing to show. -->
  <xsl:template match="tei:anchor | tei:space | tei:milestone | tei:figure/tei:graphic" mode="ed:text" priority="2"/>

  <!-- Markup without a rule degrades to its content, never to nothing. -->
  <xsl:template match="*" mode="ed:text" priority="-1">
    <xsl:call-template name="ed:inline">
      <xsl:with-param name="role" select="'unknown'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Hook: write a block (context: the TEI element). Default: its content. -->
  <xsl:template name="ed:block">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="has-blocks" as="xs:boolean"/>
    <xsl:apply-templates mode="ed:text"/>
  </xsl:template>

  <!-- Hook: write an inline phrase (context: the TEI element). Default: its content. -->
  <xsl:template name="ed:inline">
    <xsl:param name="role" as="xs:string"/>
    <xsl:apply-templates mode="ed:text"/>
  </xsl:template>

  <!-- Hook: write a name (context: the name element). Default: its content. -->
  <xsl:template name="ed:name">
    <xsl:apply-templates mode="ed:text"/>
  </xsl:template>

  <!-- Hook: write the marker of a note (context: the tei:note). Default: nothing, the note is listed elsewhere. -->
  <xsl:template name="ed:note-marker"/>

  <!-- Hook: write a choice (context: the tei:choice). Default: the reading alternative (outputs with one reading, such as plain text). -->
  <xsl:template name="ed:alternative">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="reading" as="element()*"/>
    <xsl:param name="source" as="element()*"/>
    <xsl:apply-templates select="$reading/node()" mode="ed:text"/>
  </xsl:template>

  <!-- Hook: write deleted text (context: the tei:del). Default: nothing, as in the reading text. -->
  <xsl:template name="ed:deletion"/>

  <!-- Hook: write a page break. Default: nothing. -->
  <xsl:template name="ed:page-break">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="cert" as="xs:string"/>
  </xsl:template>

  <!-- Hook: write a gap (omitted or illegible text). Default: an ellipsis in brackets. -->
  <xsl:template name="ed:gap">
    <xsl:param name="reason" as="xs:string"/>
    <xsl:text>[…]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
