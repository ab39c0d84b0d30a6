<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI vocabulary the common layer knows, as static variables: element
  names by behaviour (block, inline, name, out of flow) and the match
  patterns made from them, so that templates match by element name (fast on
  SaxonJS) while the lists are written once.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- Block roles by element name; quote and q are blocks only when they hold blocks. -->
  <xsl:variable name="ed:block-roles" static="yes" as="map(xs:string, xs:string)" select="map{
    'text': 'text', 'group': 'division', 'front': 'front', 'body': 'body', 'back': 'back', 'div': 'division', 'floatingText': 'division',
    'p': 'paragraph', 'ab': 'paragraph', 'opener': 'opener', 'closer': 'closer', 'postscript': 'postscript',
    'salute': 'salute', 'signed': 'signed', 'dateline': 'dateline', 'byline': 'byline', 'address': 'address',
    'addrLine': 'address-line', 'head': 'heading', 'lg': 'line-group', 'l': 'verse-line',
    'list': 'list', 'item': 'item', 'table': 'division', 'row': 'paragraph', 'epigraph': 'division',
    'argument': 'division', 'trailer': 'paragraph', 'docAuthor': 'paragraph', 'docDate': 'paragraph'}"/>

  <!-- Inline roles by element name (the format decides the markup; unknown elements are inline too). -->
  <xsl:variable name="ed:inline-roles" static="yes" as="map(xs:string, xs:string)" select="map{
    'hi': 'highlight', 'emph': 'emphasis', 'foreign': 'foreign', 'term': 'term', 'mentioned': 'mentioned',
    'soCalled': 'so-called', 'q': 'quotation', 'quote': 'quotation', 'said': 'quotation', 'label': 'label',
    'add': 'addition', 'supplied': 'supplied', 'unclear': 'unclear', 'damage': 'damage', 'date': 'date',
    'time': 'date', 'num': 'number', 'measure': 'number', 'seg': 'segment', 'cell': 'segment',
    'sic': 'sic', 'corr': 'correction', 'abbr': 'abbreviation', 'expan': 'expansion', 'orig': 'original',
    'reg': 'regularisation', 'ref': 'reference', 'ptr': 'reference', 'stamp': 'segment', 'handShift': 'segment'}"/>

  <!-- Name-like elements that may point to a register entry. -->
  <xsl:variable name="ed:name-elements" static="yes" as="xs:string*"
    select="('persName', 'placeName', 'orgName', 'name', 'rs', 'title', 'geogName', 'roleName', 'addName')"/>

  <!-- Elements that belong to the registers or the header and are not part of the text flow. -->
  <xsl:variable name="ed:out-of-flow" static="yes" as="xs:string*"
    select="('listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent', 'teiHeader', 'standOff', 'facsimile', 'fw')"/>

  <!-- Match pattern of the block elements (quote, q and said are blocks only when they hold blocks: see ed:block-role). -->
  <xsl:variable name="ed:block-pattern" static="yes" as="xs:string"
    select="string-join(sort(map:keys($ed:block-roles)) ! concat('tei:', .), ' | ')"/>

  <!-- Match pattern of the inline elements. -->
  <xsl:variable name="ed:inline-pattern" static="yes" as="xs:string"
    select="string-join(sort(map:keys($ed:inline-roles)) ! concat('tei:', .), ' | ')"/>

  <!-- Match pattern of the name elements. -->
  <xsl:variable name="ed:name-pattern" static="yes" as="xs:string"
    select="string-join($ed:name-elements ! concat('tei:', .), ' | ')"/>

  <!-- Match pattern of the elements outside the text flow. -->
  <xsl:variable name="ed:out-of-flow-pattern" static="yes" as="xs:string"
    select="string-join($ed:out-of-flow ! concat('tei:', .), ' | ')"/>

</xsl:stylesheet>
