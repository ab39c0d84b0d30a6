<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letter parts: how an edition-wide output is made without reading every
  letter's TEI again. Each edition-wide stylesheet says in the mode
  ed:letter-part what one letter contributes to its output (a template for
  tei:TEI); the build runs that mode on each letter where it builds the
  letter, and caches the result with the letter's other outputs. The
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
    the mode ed:letter-part), in letter order. The part element is in no
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

  <!-- A letter's part: its id and sort key, and what the stylesheet's ed:letter-part template for tei:TEI makes. -->
  <xsl:template match="/" mode="ed:letter-part">
    <part id="{$letter-id}" sort-key="{ed:date-sort-key(tei:TEI)}">
      <xsl:apply-templates select="tei:TEI" mode="ed:letter-part"/>
    </part>
  </xsl:template>

</xsl:stylesheet>
