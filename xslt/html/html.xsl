<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML syntax for the common hooks: blocks as p/div/ul, inline phrases as
  span/em/sup with a class per role, names linked to register entries,
  accessible footnote markers, corrections with the other reading in @title,
  page breaks as "[p. N]" notes. Also the page frame shared by the letter
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

  <!-- A block: heading, list, list item, paragraph or division, with its role as class. -->
  <xsl:template name="ed:block">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="has-blocks" as="xs:boolean"/>
    <xsl:variable name="class" select="string-join(($role, @type ! replace(normalize-space(.), '[^A-Za-z0-9_-]', '-')), ' ')"/>
    <xsl:choose>
      <xsl:when test="ancestor::*[ed:is-html-paragraph(.)]">
        <span class="{$class}"><xsl:apply-templates mode="ed:text"/></span>
      </xsl:when>
      <xsl:when test="$role = 'heading' and not($has-blocks)">
        <h3 class="{$class}"><xsl:apply-templates mode="ed:text"/></h3>
      </xsl:when>
      <xsl:when test="$role = 'list' and empty(*[not(self::tei:item)])">
        <ul class="{$class}"><xsl:apply-templates select="*" mode="ed:text"/></ul>
      </xsl:when>
      <xsl:when test="$role = 'item' and parent::tei:list[empty(*[not(self::tei:item)])]">
        <li class="{$class}"><xsl:apply-templates mode="ed:text"/></li>
      </xsl:when>
      <xsl:when test="ed:is-html-paragraph(.)">
        <p class="{$class}"><xsl:apply-templates mode="ed:text"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="{$class}"><xsl:apply-templates mode="ed:text"/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An inline phrase: HTML's own element where one fits (sup, sub, em, i, b, u, ins, del), else a span with the role as class. -->
  <xsl:template name="ed:inline">
    <xsl:param name="role" as="xs:string"/>
    <xsl:variable name="rend" select="tokenize(normalize-space(string-join((@rend, @rendition), ' ')), ' ')"/>
    <xsl:variable name="element" select="
      if ($role = 'deletion') then 'del'
      else if ($role = 'addition' and $diplomatic) then 'ins'
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

  <!-- A name: a link to its register entry when it has one (unless it holds a note marker or sits in a linked name: links do not nest). -->
  <xsl:template name="ed:name">
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="class" select="string-join(distinct-values(('name', local-name())), ' ')"/>
    <xsl:choose>
      <xsl:when test="$target and empty(.//tei:note) and empty(ancestor::tei:*[local-name() = $ed:name-elements][ed:name-target(.)])">
        <a class="{$class}" href="#{$target}"><xsl:apply-templates mode="ed:text"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}"><xsl:apply-templates mode="ed:text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote reference: a superscript link to the note, described by the notes heading. -->
  <xsl:template name="ed:note-marker">
    <xsl:variable name="id" select="ed:note-id(.)"/>
    <sup class="note-ref {ed:note-kind(.)}"><a href="#{$id}" id="{replace($id, '^note-', 'noteref-')}" aria-describedby="footnotes-label"><xsl:value-of select="ed:note-label(.)"/></a></sup>
  </xsl:template>

  <!-- A correction, expansion or regularisation: the shown reading, with the other in a tooltip. -->
  <xsl:template name="ed:alternative">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="shown" as="element()*"/>
    <xsl:param name="other" as="xs:string"/>
    <xsl:variable name="class" select="if ($diplomatic) then map{'correction': 'sic', 'expansion': 'abbr', 'regularisation': 'orig'}($kind)
      else map{'correction': 'corr', 'expansion': 'expan', 'regularisation': 'reg'}($kind)"/>
    <xsl:variable name="other-said" select="if ($other) then concat('“', $other, '”') else 'nothing'"/>
    <xsl:variable name="title" select="if ($diplomatic) then map{
        'correction': 'corrected reading: ', 'expansion': 'expanded: ', 'regularisation': 'regularised: '}($kind) || $other-said
      else map{'correction': 'source reads: ', 'expansion': 'abbreviated in source: ', 'regularisation': 'source reads: '}($kind) || $other-said"/>
    <span class="{$class}" title="{$title}"><xsl:apply-templates select="$shown/node()" mode="ed:text"/></span>
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

  <!-- A page title of at most 70 characters (longer titles are cut at a word and end with "…"). -->
  <xsl:function name="ed:short-title" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:sequence select="if (string-length($title) le 70) then $title
      else replace(substring($title, 1, 69), '\s+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- The page frame: head with title, stylesheet and metadata; body with the edition's banner and the page content. -->
  <xsl:template name="ed:page">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="head" as="node()*"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="ed:short-title($title)"/></title>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <header class="edition-banner">
          <p><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
        </header>
        <main>
          <xsl:sequence select="$content"/>
        </main>
        <footer class="edition-footer">
          <p>
            <xsl:value-of select="concat($publisher, ', version ', $version, '. Licence: ')"/>
            <a rel="license" href="{$licence-url}"><xsl:value-of select="$licence-label"/></a>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
