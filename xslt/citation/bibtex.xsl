<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's BibTeX (letters/{id}/{id}.bib): one @misc entry, TeX
  specials escaped. BibTeX has no recipient field: the recipients are given in
  a "recipient" field (a name list, which BibTeX styles ignore and tools can
  read) and named in howpublished ("Letter to …"); the date as stated goes into note, the year
  into year (month and day too for an exact date).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="citation-data.xsl"/>

  <!-- The .bib file: one @misc entry with fields in a fixed order. -->
  <xsl:template name="ed:bibtex-file">
    <xsl:param name="c" as="map(*)"/>
    <xsl:variable name="first-date" select="$c?issued?*[1]?*"/>
    <xsl:variable name="months" select="('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')"/>
    <xsl:variable name="fields" as="xs:string*" select="
      ed:bib-raw-field('author', string-join($c?authors?* ! ed:bib-name(.), ' and ')),
      ed:bib-raw-field('recipient', string-join($c?recipients?* ! ed:bib-name(.), ' and ')),
      ed:bib-field('title', $c?title),
      ed:bib-field('howpublished', string-join(('Letter', ($c?recipients?* ! ed:natural-name(.)) => string-join('; ') => ed:prefix('to ')), ' ')),
      ed:bib-field('year', string($first-date[1])),
      if (count($first-date) ge 2) then concat('  month = ', $months[$first-date[2]]) else (),
      if (count($first-date) ge 3) then ed:bib-field('day', string($first-date[3])) else (),
      ed:bib-field('note', $c?note),
      ed:bib-raw-field('translator', string-join($c?translators?* ! ed:bib-name(.), ' and ')),
      ed:bib-field('organization', $c?publisher),
      ed:bib-field('version', $c?version),
      ed:bib-raw-field('url', $c?url),
      ed:bib-field('language', $c?language[. != 'und'])"/>
    <xsl:value-of select="concat('@misc{', replace($c?id, '[^A-Za-z0-9_.:-]', '-'), ',&#10;', string-join($fields[.], ',&#10;'), '&#10;}&#10;')"/>
  </xsl:template>

  <!-- One "  key = {value}" line, or nothing when the value is empty. -->
  <xsl:function name="ed:bib-field" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value)) then concat('  ', $key, ' = {', ed:tex-escape(normalize-space($value)), '}') else ()"/>
  </xsl:function>

  <!-- One "  key = {value}" line with the value as given (already escaped, or a URL), or nothing when empty. -->
  <xsl:function name="ed:bib-raw-field" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value)) then concat('  ', $key, ' = {', normalize-space($value), '}') else ()"/>
  </xsl:function>

  <!-- A name for BibTeX's author list: "Family, Given", a literal name braced so that it is not split. -->
  <xsl:function name="ed:bib-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then concat('{', ed:tex-escape($parts?literal), '}') else ed:tex-escape(ed:inverted-name($parts))"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The value with a prefix, or '' when the value is empty. -->
  <xsl:function name="ed:prefix" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:sequence select="if ($value) then concat($prefix, $value) else ''"/>
  </xsl:function>

  <!-- TeX specials escaped: \ { } (outside name braces) $ & % # _ ~ ^. -->
  <xsl:function name="ed:tex-escape" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="protected" select="replace($value, '\\', '\\textbackslash ')"/>
    <xsl:sequence select="$protected
      => replace('([$&amp;%#_])', '\\$1')
      => replace('~', '\\textasciitilde{}')
      => replace('\^', '\\textasciicircum{}')"/>
  </xsl:function>

</xsl:stylesheet>
