<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's BibLaTeX (letters/{id}/{id}.bib): one @misc entry
  that biber validates against biblatex's data model without a warning, TeX
  specials escaped. Why @misc: biblatex's @letter is a type its standard
  styles do not support, and biber's data model gives it no fields at all
  (author, title, translator … are all "invalid for entrytype letter").
  - author: the senders; editor with editortype = {translator}: the
    translators (biblatex's way of naming a translator in @misc, which has no
    translator field).
  - title: the letter's own title; a letter without one is titled with its
    description, "Letter to A. G. Shlyapnikov" (biblatex requires a title,
    and has no recipient field). A letter with its own title has the
    description in titleaddon. Titles are braced as a whole, so that classic
    BibTeX styles do not lower-case them.
  - date: ISO 8601, the exact date or the range of the bounds, open at an
    unknown end ("1916-10-04/..", ISO 8601-2 as biblatex reads it); the
    edition's wording of the date in note.
  - howpublished: the edition (title and version); organization: its
    publisher; version and url.
  Names: "von Family, Suffix, Given", which biber splits into prefix, family,
  suffix and given; a literal (organisation) name braced so that it is not
  split.
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
    <xsl:variable name="fields" as="xs:string*" select="
      ed:bib-raw-field('author', string-join($c?authors?* ! ed:bib-name(.), ' and ')),
      ed:bib-raw-field('editor', string-join($c?translators?* ! ed:bib-name(.), ' and ')),
      if (array:size($c?translators) gt 0) then '  editortype = {translator}' else (),
      ed:bib-protected-field('title', ($c?title[.], $c?description)[1]),
      ed:bib-field('titleaddon', $c?description[$c?title]),
      ed:bib-raw-field('date', $c?iso-date),
      ed:bib-field('note', $c?note),
      ed:bib-protected-field('howpublished', string-join(($c?container-title, ed:prefix($c?version, 'version ')[.]), ', ')),
      ed:bib-protected-field('organization', $c?publisher),
      ed:bib-field('version', $c?version),
      ed:bib-raw-field('url', $c?url),
      ed:bib-field('language', $c?language[. != 'und'])"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:value-of select="concat('@misc{', replace($c?id, '[^A-Za-z0-9_.:-]', '-'), ',&#10;', string-join($fields[.], ',&#10;'), '&#10;}&#10;')"/>
  </xsl:template>

  <!-- One "  key = {{value}}" line, the value braced so that no style changes its case, or nothing when empty. -->
  <xsl:function name="ed:bib-protected-field" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value)) then concat('  ', $key, ' = {{', ed:tex-escape(normalize-space($value)), '}}') else ()"/>
  </xsl:function>

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

  <!--
    A name for a BibLaTeX name list: "von Family, Suffix, Given" (biber reads
    a lower-case particle before the family name as its prefix); a family
    name with a comma braced; a literal name braced so that it is not split.
  -->
  <xsl:function name="ed:bib-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:variable name="family" select="($parts?family ! ed:tex-escape(.)) ! (if (contains(., ',')) then concat('{', ., '}') else .)"/>
    <xsl:variable name="particles" select="($parts?dropping-particle, $parts?non-dropping-particle)[normalize-space()] ! ed:tex-escape(.)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then concat('{', ed:tex-escape($parts?literal), '}')
      else string-join((string-join(($particles, $family), ' '), $parts?suffix[normalize-space()] ! ed:tex-escape(.), $parts?given[normalize-space()] ! ed:tex-escape(.)), ', ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
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
