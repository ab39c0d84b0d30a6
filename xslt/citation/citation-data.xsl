<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a citation of the letter says, decided once for CSL-JSON, BibTeX and
  RIS: a map of fields read through the common metadata functions. The date
  decision: an exact @when gives its year, month and day; bounds in the same
  year give the year; bounds in different years give a year range; the
  edition's wording ("later than 3 October 1916") goes into the note, so the
  year survives in every format. The container is this digital edition
  (title, publisher and version from the edition config), because the URL and
  version cited are the edition's; the printed source the letter is edited
  from is named in the note, not as the container, so that its volume and
  pages are never attributed to the edition.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- The citation record of a letter: a map with the keys listed below (absent keys have empty values). -->
  <xsl:function name="ed:citation" as="map(xs:string, item()*)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="bounds" select="ed:date-bounds($tei)"/>
    <xsl:variable name="earliest" select="ed:date-parts($bounds[1])"/>
    <xsl:variable name="latest" select="ed:date-parts($bounds[2])"/>
    <xsl:variable name="statement" select="ed:date-statement($tei)"/>
    <xsl:sequence select="map{
      'id': $letter-id,
      'title': ed:title($tei),
      'authors': array{ ed:senders($tei) ! ed:name-parts(.) },
      'recipients': array{ ed:recipients($tei) ! ed:name-parts(.) },
      'translators': array{ ed:translators($tei) ! ed:name-parts(.) },
      'issued': if (ed:date-is-exact($tei) and exists($earliest)) then array{ array{ $earliest } }
        else if (exists($earliest) and exists($latest) and $earliest[1] ne $latest[1]) then array{ array{ $earliest[1] }, array{ $latest[1] } }
        else if (exists(($earliest, $latest))) then array{ array{ ($earliest, $latest)[1] } }
        else array{},
      'date-note': if (not(ed:date-is-exact($tei)) and $statement != 'undated') then concat('Date: ', $statement) else '',
      'date-statement': $statement,
      'container-title': $edition-title,
      'note': string-join((
        if (not(ed:date-is-exact($tei)) and $statement != 'undated') then concat('Date: ', $statement) else (),
        ed:source-label($tei)[.] ! concat('Source: ', .)), '. '),
      'publisher': $publisher,
      'url': ed:letter-url($letter-id),
      'version': $version,
      'language': ed:language($tei)}"/>
  </xsl:function>

  <!-- A name for display in citation formats: "Family, Given" (the family name with its particle, ed:family-name), or the literal name. -->
  <xsl:function name="ed:inverted-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then $parts?literal
      else string-join((ed:family-name($parts), $parts?given)[.], ', ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- A name in reading order: "Given Family", or the literal name. -->
  <xsl:function name="ed:natural-name" as="xs:string">
    <xsl:param name="parts" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (map:contains($parts, 'literal')) then $parts?literal
      else string-join(($parts?given, ed:family-name($parts))[.], ' ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

</xsl:stylesheet>
