<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letter parts: how an edition-wide output is made without reading every
  letter's TEI again. Each edition-wide stylesheet says in its named template
  ed:{format}-part what one letter contributes to its output (context: the
  letter's tei:TEI); letter-data.xsl makes every format's part in the one
  pass that also makes the letter's citations, where the letter is built,
  and the build caches the parts with the letter's other outputs. The
  stylesheet's initial template then merges the parts of all letters, so a
  build with one letter changed does one letter's share of the edition-wide
  work, and the main thread never holds every letter's parsed TEI.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!--
    The parts of the letters, one serialised part element per letter (see
    ed:letter-part), in letter order. The part element is in no
    namespace, so that it adds no namespace to what it holds.
  -->
  <xsl:param name="parts" as="xs:string*" select="()"/>

  <!-- The parts, parsed. -->
  <xsl:variable name="ed:parts" as="element(part)*" select="$parts ! parse-xml(.)/part"/>

  <!-- The parts of the register pages (registers.xsl), in letter order: every edition-wide stylesheet gets them, so that no other needs to find the letters' mentions again. -->
  <xsl:param name="register-parts" as="xs:string*" select="()"/>

  <!-- The register items of all letters (see ed:register-part), letter by letter. -->
  <xsl:variable name="ed:register-items" as="element()*" select="$register-parts ! parse-xml(.)/part ! (ed:entry | ed:mention)"/>

  <!-- The parts in edition order: by the earliest bound of the letter's date (undated last), then by letter id. -->
  <xsl:variable name="ed:parts-in-edition-order" as="element(part)*"
    select="sort($ed:parts, (), function($part) { (string($part/@sort-key), string($part/@id)) })"/>

  <!-- A letter's part of one format, written as the result document "{n}/part/{format}" (n: the letter's position in $letters): its id, its date sort key and the content the format's ed:{format}-part template made; context: the letter's tei:TEI. -->
  <xsl:template name="ed:letter-part">
    <xsl:param name="format" as="xs:string"/>
    <xsl:param name="sort-key" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:result-document href="{ed:letter-position(.)}/part/{$format}" method="xml" indent="no" omit-xml-declaration="yes">
      <part id="{ed:letter-id(.)}" sort-key="{$sort-key}"><xsl:sequence select="$content"/></part>
    </xsl:result-document>
  </xsl:template>

</xsl:stylesheet>
