<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML syntax for the common hooks: blocks as p/div/ul, inline phrases as
  span/em/sup with a class per role, names linked to register entries (and
  to the further entries of a several-target @ref), accessible footnote
  markers, corrections with the other reading in @title and a mark linking
  to their entry in the list of emendations, page breaks as "[p. N]" notes. Also the page frame shared by the letter
  and index pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Block roles written as a paragraph when they hold only inline content. -->
  <xsl:variable name="ed:paragraph-roles" as="xs:string*"
    select="('paragraph', 'salute', 'signed', 'dateline', 'byline', 'address-line', 'verse-line', 'item')"/>

  <!-- True for a block written as an HTML p (or h3), inside which blocks must be written as spans. -->
  <xsl:function name="ed:is-html-paragraph" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="role" select="ed:block-role($element)"/>
    <xsl:sequence select="($role = $ed:paragraph-roles or $role = 'heading') and not(ed:has-blocks($element))"/>
  </xsl:function>

  <!-- The mentions of the letter being transformed, by generate-id() (letter pages only: it needs the letter as global context item). -->
  <xsl:variable name="ed:page-mentions" as="map(xs:string, map(*))" select="ed:mention-index(/tei:TEI)"/>

  <!-- The numbers of the text units of the letter being transformed by generate-id() (letter pages only). -->
  <xsl:variable name="ed:page-unit-numbers" as="map(xs:string, xs:integer)"
    select="map:merge(ed:units(/tei:TEI) ! map{generate-id(.): position()})"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The mention record of a name in the letter page (see ed:mention-index), or () when the name is not a mention. -->
  <xsl:function name="ed:page-mention" as="map(*)?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="$ed:page-mentions(generate-id($name))"/>
  </xsl:function>

  <!-- The mention records of the letter being transformed (each name's first target, then its further ones), in document order (letter pages only). -->
  <xsl:variable name="ed:page-mention-records" as="map(*)*"
    select="(map:for-each($ed:page-mentions, function($key, $record) { $record?node })/.) ! $ed:page-mentions(generate-id(.)) ! (., ?further)"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The names of the letter being transformed, for its index of names (see ed:letter-names; letter pages only). -->
  <xsl:variable name="ed:page-names" as="map(*)*" select="ed:letter-names(/tei:TEI, $ed:page-mention-records)"/>

  <!-- The kind (ed:name-category) of each name of the letter page, by "register kind#anchor". -->
  <xsl:variable name="ed:page-name-categories" as="map(xs:string, xs:string)"
    select="map:merge($ed:page-names ! map{?kind || '#' || ?anchor: ?category})"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The class that marks a mention's kind on the letter page, e.g. "kind-person". -->
  <xsl:function name="ed:kind-class" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="'kind-' || $ed:page-name-categories($mention?page-kind || '#' || $mention?anchor)"/>
  </xsl:function>

  <!-- The URL of a mention's entry on its register page, from a page at root. -->
  <xsl:function name="ed:mention-url" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="concat(ed:register-page($mention?page-kind, $root), '#', $mention?anchor)"/>
  </xsl:function>

  <!-- Path from a letter page (letters/{id}/) to the site's root, for links to the register pages. -->
  <xsl:variable name="ed:letter-root" as="xs:string" select="'../../'"/>

  <!-- A block: heading, list, list item, paragraph or division, with its role as class; text units carry their id ("p3"). -->
  <xsl:template name="ed:block">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="has-blocks" as="xs:boolean"/>
    <xsl:variable name="class" select="string-join(($role, @type ! replace(normalize-space(.), '[^A-Za-z0-9_-]', '-')), ' ')"/>
    <xsl:variable name="number" select="$ed:page-unit-numbers(generate-id(.))"/>
    <xsl:variable name="id" as="attribute()?">
      <xsl:if test="exists($number)"><xsl:attribute name="id" select="ed:unit-id($number)"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <!-- A note's text is written in the notes list, so only the paragraphs inside the outermost note enclose its blocks. -->
      <xsl:when test="(ancestor::* except ancestor::tei:note[last()]/ancestor-or-self::*)[ed:is-html-paragraph(.)]">
        <span class="{$class}"><xsl:sequence select="$id"/><xsl:apply-templates mode="ed:text"/></span>
      </xsl:when>
      <xsl:when test="$role = 'heading' and not($has-blocks)">
        <h3 class="{$class}"><xsl:sequence select="$id"/><xsl:apply-templates mode="ed:text"/></h3>
      </xsl:when>
      <xsl:when test="$role = 'list' and empty(*[not(self::tei:item)])">
        <ul class="{$class}"><xsl:sequence select="$id"/><xsl:apply-templates select="*" mode="ed:text"/></ul>
      </xsl:when>
      <xsl:when test="$role = 'item' and parent::tei:list[empty(*[not(self::tei:item)])]">
        <li class="{$class}"><xsl:apply-templates mode="ed:text"/></li>
      </xsl:when>
      <xsl:when test="ed:is-html-paragraph(.)">
        <p class="{$class}"><xsl:sequence select="$id"/><xsl:apply-templates mode="ed:text"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="{$class}"><xsl:sequence select="$id"/><xsl:apply-templates mode="ed:text"/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An inline phrase: HTML's own element where one fits (sup, sub, em, i, b, u, ins, del), else a span with the role as class. -->
  <xsl:template name="ed:inline">
    <xsl:param name="role" as="xs:string"/>
    <xsl:variable name="rend" select="tokenize(normalize-space(string-join((@rend, @rendition), ' ')), ' ')"/>
    <xsl:variable name="element" select="
      if ($role = 'deletion') then 'del'
      else if ($role = 'addition') then 'ins'
      else if ($rend = ('sup', 'superscript')) then 'sup'
      else if ($rend = ('sub', 'subscript')) then 'sub'
      else if ($rend = ('italic', 'italics', 'i')) then 'i'
      else if ($rend = ('bold', 'b')) then 'b'
      else if ($rend = ('underline', 'u')) then 'u'
      else if ($role = ('highlight', 'emphasis')) then 'em'
      else 'span'"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="class" select="string-join(($role, if ($role = 'unknown') then concat('tei-', local-name()) else ()), ' ')"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:text"/>
    </xsl:element>
  </xsl:template>

  <!--
    A name: a mention carries its id ("mention-belenin-2", the target of the
    register page's links back) and links to its entry on the register page,
    unless it holds a note marker or sits in a linked mention (links do not
    nest). Names that are not mentions (unclassified, in the header) stay text.
  -->
  <xsl:template name="ed:name">
    <xsl:variable name="mention" select="ed:page-mention(.)"/>
    <xsl:variable name="class" select="string-join(distinct-values(('name', local-name(), $mention ! ed:kind-class(.))), ' ')"/>
    <xsl:choose>
      <xsl:when test="exists($mention) and ed:is-linked-name(.)">
        <a class="{$class}" id="{$mention?id}" href="{ed:mention-url($mention, $ed:letter-root)}"><xsl:call-template name="ed:mention-certainty"/><xsl:apply-templates mode="ed:text"/></a>
        <xsl:call-template name="ed:further-targets">
          <xsl:with-param name="mention" select="$mention"/>
          <xsl:with-param name="linkable" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="ed:emendation-markers">
          <xsl:with-param name="choices" select=".//tei:choice"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="exists($mention)">
        <span class="{$class}" id="{$mention?id}"><xsl:apply-templates mode="ed:text"/></span>
        <xsl:call-template name="ed:further-targets">
          <xsl:with-param name="mention" select="$mention"/>
          <xsl:with-param name="linkable" select="empty(ed:enclosing-link(.))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}"><xsl:apply-templates mode="ed:text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- On a mention's link (context: the name), the certainty of its identification when the name states it (@cert), for the popover of assets/names.js. -->
  <xsl:template name="ed:mention-certainty">
    <xsl:if test="normalize-space(@cert)"><xsl:attribute name="data-cert" select="normalize-space(@cert)"/></xsl:if>
  </xsl:template>

  <!-- True for a mention written as a link: it holds no note marker and sits in no other mention (links do not nest). -->
  <xsl:function name="ed:is-linked-name" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists(ed:page-mention($name)) and empty($name//tei:note)
      and empty($name/ancestor::tei:*[local-name() = $ed:name-elements][exists(ed:page-mention(.))])"/>
  </xsl:function>

  <!-- The mention whose link encloses a node, if any (the outermost mention around it, when it is written as a link). -->
  <xsl:function name="ed:enclosing-link" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor::tei:*[local-name() = $ed:name-elements][exists(ed:page-mention(.))][last()][ed:is-linked-name(.)]"/>
  </xsl:function>

  <!--
    The further targets of a mention whose @ref names several entries: after
    the words, which link to the first, "also:" and a small link to each
    other entry, named in full for screen readers and carrying the id the
    register page links back to. Inside another link (links do not nest)
    only those ids are written.
  -->
  <xsl:template name="ed:further-targets">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:param name="linkable" as="xs:boolean"/>
    <xsl:variable name="further" as="map(*)*" select="$mention?further"/>
    <xsl:choose>
      <xsl:when test="empty($further)"/>
      <xsl:when test="$linkable">
        <sup class="further-targets">
          <xsl:text>also: </xsl:text>
          <xsl:for-each select="$further">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a class="further-target {ed:kind-class(.)}" id="{?id}" href="{ed:mention-url(., $ed:letter-root)}" aria-label="also: {?label}" title="{?label}"><xsl:value-of select="ed:short-label(?label)"/></a>
          </xsl:for-each>
        </sup>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$further"><span class="further-target" id="{?id}"></span></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A label of at most 24 characters for a small link: cut at a word, ending with "…". -->
  <xsl:function name="ed:short-label" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="if (string-length($label) le 24) then $label
      else (replace(substring($label, 1, 23), '[\s,;:]+\S*$', '')[.], substring($label, 1, 23))[1] || '…'"/>
  </xsl:function>

  <!-- The URL of a register page, from a page at root. -->
  <xsl:function name="ed:register-page" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="concat($root, 'registers/', $kind, '.html')"/>
  </xsl:function>

  <!-- The URL of the register-page entry of a mention or register entry, from a page at root. -->
  <xsl:function name="ed:register-url" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="kind" select="if (ed:is-register-entry($node)) then ed:entry-kind($node) else ed:name-kind($node)"/>
    <xsl:sequence select="concat(ed:register-page($kind, $root), '#', ed:anchor-of($node))"/>
  </xsl:function>

  <!-- What a letter page shows of a note: map{'label', 'id', 'kind'}. -->
  <xsl:function name="ed:note-facts" as="map(*)">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="map{'label': ed:note-label($note), 'id': ed:note-id($note), 'kind': ed:note-kind($note)}"/>
  </xsl:function>

  <!-- The id of the heading of the n-th group of notes (ed:note-groups) on the letter page. -->
  <xsl:function name="ed:note-group-id" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="concat('notes-group-', $number)"/>
  </xsl:function>

  <!-- The groups of notes of the letter being transformed (ed:note-groups), worked out once per page (letter pages only). -->
  <xsl:variable name="ed:page-note-groups" as="map(*)*" select="ed:note-groups(/tei:TEI)"/>

  <!-- The facts of the numbered notes of the letter being transformed, by generate-id(), with the id of their group's heading ('group-id'), worked out once per page (letter pages only). -->
  <xsl:variable name="ed:page-notes" as="map(xs:string, map(*))"
    select="map:merge(for $number in 1 to count($ed:page-note-groups) return $ed:page-note-groups[$number]?notes ! map{generate-id(.): map:put(ed:note-facts(.), 'group-id', ed:note-group-id($number))})"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The facts of a note of the letter page (see ed:note-facts). -->
  <xsl:function name="ed:page-note" as="map(*)">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($ed:page-notes(generate-id($note)), ed:note-facts($note))[1]"/>
  </xsl:function>

  <!--
    A footnote reference: a superscript link to the note, named "Note N" for
    screen readers, described by the heading of its group (who wrote it).
    A note of the letter's text also gets a side note: its words beside the
    line on screens wide enough (CSS; hidden elsewhere), as plain text
    without ids or links, and hidden from assistive technology, for which
    the marker leads to the note itself.
  -->
  <xsl:template name="ed:note-marker">
    <xsl:variable name="note" select="ed:page-note(.)"/>
    <sup class="note-ref {$note?kind}"><a href="#{$note?id}" id="{replace($note?id, '^note-', 'noteref-')}" aria-label="Note {$note?label}" aria-describedby="{($note?group-id, 'footnotes-label')[1]}"><xsl:value-of select="$note?label"/></a></sup>
    <xsl:if test="ancestor::tei:text and empty(ancestor::tei:note)">
      <span class="sidenote {$note?kind}" aria-hidden="true"><span class="sidenote-label"><xsl:value-of select="$note?label"/></span><xsl:text> </xsl:text><xsl:value-of select="ed:reading-string(node())"/></span>
    </xsl:if>
  </xsl:template>

  <!--
    A correction, expansion or regularisation: both readings, each with the
    other in a tooltip; the page's view (reading or diplomatic, see the view
    switch in letter.xsl and the CSS) shows one of them.
  -->
  <xsl:template name="ed:alternative">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="reading" as="element()*"/>
    <xsl:param name="source" as="element()*"/>
    <xsl:choose>
      <xsl:when test="deep-equal($reading, $source)">
        <xsl:apply-templates select="$reading/node()" mode="ed:text"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- An emendation that removes the source's reading is shown by its mark alone (ed:emendation-markers), not by an empty span. -->
        <xsl:if test="exists($reading/node()) or empty($ed:page-emendations(generate-id(.)))">
          <span class="{map{'correction': 'corr', 'expansion': 'expan', 'regularisation': 'reg'}($kind)} reading-only"
            title="{map{'correction': 'source reads: ', 'expansion': 'abbreviated in source: ', 'regularisation': 'source reads: '}($kind) || ed:quoted-reading(* except $reading)}"><xsl:apply-templates select="$reading/node()" mode="ed:text"/></span>
        </xsl:if>
        <span class="{map{'correction': 'sic', 'expansion': 'abbr', 'regularisation': 'orig'}($kind)} source-only"
          title="{map{'correction': 'corrected reading: ', 'expansion': 'expanded: ', 'regularisation': 'regularised: '}($kind) || ed:quoted-reading(* except $source)}"><xsl:apply-templates select="$source/node()" mode="ed:text"/></span>
        <xsl:if test="empty(ed:enclosing-link(.))">
          <xsl:call-template name="ed:emendation-markers">
            <xsl:with-param name="choices" select="."/>
          </xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The emendations of the letter being transformed (ed:emendations), worked out once per page (letter pages only). -->
  <xsl:variable name="ed:page-emendation-list" as="map(*)*" select="ed:emendations(/tei:TEI)"/>

  <!-- The emendations of the letter page by generate-id() of their choice. -->
  <xsl:variable name="ed:page-emendations" as="map(xs:string, map(*))"
    select="map:merge($ed:page-emendation-list ! map{generate-id(?choice): .})"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The id of an emendation's place in the text (the target of its entry's link back). -->
  <xsl:function name="ed:emendation-place-id" as="xs:string">
    <xsl:param name="emendation" as="map(*)"/>
    <xsl:sequence select="concat($emendation?id, '-text')"/>
  </xsl:function>

  <!--
    The marks of emendations in the reading view, each a link to its entry
    in the list of emendations, named for screen readers with the source's
    reading. A correction that removes the source's reading leaves a caret
    ("‸", "removed: “,”") where it stood, so the place stays visible and
    focusable; others a superscript "°" after the corrected reading.
  -->
  <xsl:template name="ed:emendation-markers">
    <xsl:param name="choices" as="element(tei:choice)*"/>
    <xsl:for-each select="$choices ! $ed:page-emendations(generate-id(.))">
      <xsl:variable name="source" select="ed:quoted-text(?source)"/>
      <xsl:choose>
        <xsl:when test="?corrected = ''">
          <a class="emendation-ref removal reading-only" id="{ed:emendation-place-id(.)}" href="#{?id}" title="removed: {$source}" aria-label="removed: {$source}, emendation {?number}">‸</a>
        </xsl:when>
        <xsl:otherwise>
          <sup class="emendation-ref reading-only"><a id="{ed:emendation-place-id(.)}" href="#{?id}" title="source reads: {$source}" aria-label="emendation {?number}, source reads: {$source}">°</a></sup>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The reading text of elements in quotation marks, or "nothing". -->
  <xsl:function name="ed:quoted-reading" as="xs:string">
    <xsl:param name="elements" as="element()*"/>
    <xsl:variable name="text" select="ed:reading-string($elements/node())"/>
    <xsl:sequence select="if ($text) then ed:quoted-text($text) else 'nothing'"/>
  </xsl:function>

  <!-- Deleted text: shown in the diplomatic view only. -->
  <xsl:template name="ed:deletion">
    <del class="deletion source-only">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:text"/>
    </del>
  </xsl:template>

  <!-- A page break: "[p. N]", with the certainty of its position when it is not high. -->
  <xsl:template name="ed:page-break">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="cert" as="xs:string"/>
    <xsl:if test="$label">
      <span class="pb" role="note">
        <xsl:if test="$cert and $cert != 'high'">
          <xsl:attribute name="title" select="concat('position of the page break: certainty ', $cert)"/>
        </xsl:if>
        <xsl:value-of select="concat('[p. ', $label, if ($cert and $cert != 'high') then concat(', position ', $cert, ' certainty') else '', ']')"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A gap: an ellipsis in brackets, with the reason as tooltip. -->
  <xsl:template name="ed:gap">
    <xsl:param name="reason" as="xs:string"/>
    <span class="gap" title="{if ($reason) then concat('omitted: ', $reason) else 'omitted'}">[…]</span>
  </xsl:template>

  <!-- The two rights layers (ed:rights), a paragraph each, with their licences and the credited source as links. -->
  <xsl:template name="ed:rights-lines">
    <xsl:param name="rights" as="map(xs:string, xs:string)"/>
    <xsl:if test="$rights?text-rights or $rights?credit">
      <p class="rights-text">
        <xsl:if test="$rights?text-rights">
          <xsl:text>Text: </xsl:text>
          <xsl:call-template name="ed:optional-link">
            <xsl:with-param name="href" select="$rights?text-rights-url"/>
            <xsl:with-param name="label" select="$rights?text-rights"/>
            <xsl:with-param name="rel" select="'license'"/>
          </xsl:call-template>
          <xsl:if test="$rights?credit">; </xsl:if>
        </xsl:if>
        <xsl:if test="$rights?credit">
          <xsl:text>source of the text: </xsl:text>
          <xsl:call-template name="ed:optional-link">
            <xsl:with-param name="href" select="$rights?credit-url"/>
            <xsl:with-param name="label" select="$rights?credit"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
    <p class="rights-encoding">
      <xsl:value-of select="concat('Encoding and notes: ', $rights?holder, ', ')"/>
      <a rel="license" href="{$rights?encoding-licence-url}"><xsl:value-of select="$rights?encoding-licence"/></a>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <!-- A link when there is a URL, else the label alone. -->
  <xsl:template name="ed:optional-link">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="rel" as="xs:string?" select="()"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:if test="$rel"><xsl:attribute name="rel" select="$rel"/></xsl:if><xsl:value-of select="$label"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    A page title of at most 70 characters (what html-validate's long-title
    rule and search results allow), cut only between phrases: a longer title
    ends before its last ", ", " – ", " — ", ": " or "; " that leaves 70
    characters or fewer; only a title without such a break is cut at a word,
    with "…".
  -->
  <xsl:function name="ed:page-title" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:sequence select="
      if (string-length($title) le 70) then $title
      else if (matches($title, '^.{1,70}(, | – | — |: |; )')) then replace($title, '^(.{1,70})(, | – | — |: |; ).*$', '$1')
      else replace(substring($title, 1, 69), '\s+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- The edition's icon, inline so that no page waits for another request: a serif "e" on the edition's ink colour. -->
  <xsl:variable name="ed:favicon" as="xs:string"
    select="'data:image/svg+xml,' || encode-for-uri('&lt;svg xmlns=&quot;http://www.w3.org/2000/svg&quot; viewBox=&quot;0 0 32 32&quot;&gt;&lt;rect width=&quot;32&quot; height=&quot;32&quot; rx=&quot;6&quot; fill=&quot;#3b2f2a&quot;/&gt;&lt;text x=&quot;16&quot; y=&quot;23&quot; font-family=&quot;Georgia,serif&quot; font-size=&quot;22&quot; text-anchor=&quot;middle&quot; fill=&quot;#fdfbf7&quot;&gt;e&lt;/text&gt;&lt;/svg&gt;')"/>

  <!-- The page frame: head with title, stylesheet and metadata; body with a skip link, the edition's banner and navigation, the page content (main) and the footer. -->
  <xsl:template name="ed:page">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="head" as="node()*"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="rights" as="map(xs:string, xs:string)" select="ed:rights(())"/>
    <xsl:param name="path" as="xs:string" required="yes"/>
    <xsl:param name="description" as="xs:string" required="yes"/>
    <xsl:param name="og-type" as="xs:string" select="'website'"/>
    <!-- Further skip links after "Skip to content", e.g. to a letter's notes. -->
    <xsl:param name="skip-links" as="element()*" select="()"/>
    <xsl:variable name="url" select="concat($base-url, '/', $path)"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="ed:page-title($title)"/></title>
        <meta name="description" content="{$description}"/>
        <link rel="canonical" href="{$url}"/>
        <link rel="icon" href="{$ed:favicon}"/>
        <meta property="og:site_name" content="{$edition-title}"/>
        <meta property="og:title" content="{$title}"/>
        <meta property="og:description" content="{$description}"/>
        <meta property="og:type" content="{$og-type}"/>
        <meta property="og:url" content="{$url}"/>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <xsl:sequence select="$skip-links"/>
        <header class="edition-banner">
          <p class="edition-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
          <nav aria-label="Edition">
            <ul>
              <li><a href="{$root}index.html">Letters</a></li>
              <li><a href="{$root}correspondents.html">Correspondents</a></li>
              <xsl:for-each select="$ed:register-kinds">
                <li><a href="{ed:register-page(., $root)}"><xsl:value-of select="ed:register-title(.)"/></a></li>
              </xsl:for-each>
              <li><a href="{$root}search.html">Search</a></li>
              <li><a href="{$root}about.html">About</a></li>
            </ul>
          </nav>
        </header>
        <p class="print-header"><xsl:value-of select="$edition-title"/> · <xsl:value-of select="$url"/></p>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="edition-footer">
          <p><xsl:value-of select="concat($publisher, ', version ', $version, '.')"/></p>
          <xsl:call-template name="ed:rights-lines">
            <xsl:with-param name="rights" select="$rights"/>
          </xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
