<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's RIS record (letters/{id}/{id}.ris): TY  - PCOMM, AU
  senders, A2 recipients (RIS readers take A2 of a personal communication as
  its recipient), A4 translators, TI only the letter's own title, PY the
  year, DA the date as far as known ("YYYY/MM/DD/", the parts left empty when
  unknown, then the date as stated when it is not exact), T2 the edition, PB
  its publisher, ET its version, ER  - at the end. Names "von Family, Given,
  Suffix" as the RIS specification orders them. Lines end with CRLF, as the
  RIS specification prescribes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="citation-data.xsl"/>

  <!-- The .ris file: one record. -->
  <xsl:template name="ed:ris-file">
    <xsl:param name="c" as="map(*)"/>
    <xsl:variable name="first-date" select="$c?issued?*[1]?*"/>
    <xsl:variable name="lines" as="xs:string*" select="
      'TY  - PCOMM',
      $c?authors?* ! ed:ris('AU', ed:inverted-name(.)),
      $c?recipients?* ! ed:ris('A2', ed:inverted-name(.)),
      $c?translators?* ! ed:ris('A4', ed:inverted-name(.)),
      ed:ris('TI', $c?title),
      ed:ris('PY', string($first-date[1])),
      if (exists($first-date)) then ed:ris('DA', concat(
        string-join(($first-date[1] ! string(.), $first-date[2] ! format-number(., '00'), $first-date[3] ! format-number(., '00')), '/'),
        string-join((1 to 3 - count($first-date)) ! '/', ''), '/',
        if ($c?date-note) then $c?date-statement else '')) else (),
      ed:ris('T2', $c?container-title),
      ed:ris('M3', 'Letter'),
      ed:ris('PB', $c?publisher),
      ed:ris('ET', $c?version),
      ed:ris('UR', $c?url),
      ed:ris('LA', $c?language[. != 'und']),
      ed:ris('N1', $c?note),
      ed:ris('ID', $c?id),
      'ER  - '"/>
    <xsl:value-of select="string-join($lines, '&#13;&#10;') || '&#13;&#10;'"/>
  </xsl:template>

  <!-- One "TG  - value" line, or nothing when the value is empty. -->
  <xsl:function name="ed:ris" as="xs:string?">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value)) then concat($tag, '  - ', normalize-space($value)) else ()"/>
  </xsl:function>

</xsl:stylesheet>
