<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a citation of the letter says, decided once for CSL-JSON, BibLaTeX and
  RIS: a map of fields read through the common metadata functions.

  Title: a letter is cited with a title only when it has one of its own. A
  descriptive title ("Letter from X to Y, later than …", "X an Y, Berlin,
  17. Januar 1837") repeats what the citation styles build themselves from
  author, recipient and date, so it is left out (see ed:own-title).

  Date: the letter's date. An exact @when gives its year, month and day as
  far as stated; otherwise the parts on which the earliest and latest bounds
  agree (only the year when one bound is missing; a year range when the
  bounds lie in different years), marked circa, and the edition's wording
  ("later than 3 October 1916") goes into the note. The edition's own date
  (the build date) is the date the letter was made available, never the
  letter's date.

  The container is this digital edition (title, publisher and version from
  the edition config), because the URL and version cited are the edition's;
  the printed source the letter is edited from is named in the note, not as
  the container, so that its volume and pages are never attributed to the
  edition. The note also states the two rights layers (ed:rights). The
  text's credited source is not the CSL "source": styles print that as the
  database the cited item was found in (MLA's second container), and the
  cited item is this edition, not the source's transcription.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- The citation record of a letter: a map with the keys listed below (absent keys have empty values). -->
  <xsl:function name="ed:citation" as="map(xs:string, item()*)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="exact" select="ed:date-is-exact($tei)"/>
    <xsl:variable name="bounds" select="ed:date-bounds($tei)"/>
    <xsl:variable name="statement" select="ed:date-statement($tei)"/>
    <xsl:variable name="recipients" select="array{ ed:recipients($tei) ! ed:name-parts(.) }"/>
    <xsl:variable name="issued" select="ed:issued($bounds, ed:agreed-date-parts($tei))"/>
    <xsl:variable name="rights" select="ed:rights($tei)"/>
    <xsl:variable name="date-note" select="if (not($exact) and $statement != 'undated') then concat('Date: ', $statement) else ''"/>
    <xsl:sequence select="map{
      'id': ed:letter-id($tei),
      'title': ed:own-title($tei),
      'description': string-join(('Letter', ($recipients?* ! ed:natural-name(.)) => string-join('; ') => ed:prefix('to ')), ' '),
      'authors': array{ ed:senders($tei) ! ed:name-parts(.) },
      'recipients': $recipients,
      'translators': array{ ed:translators($tei) ! ed:name-parts(.) },
      'issued': $issued,
      'circa': not($exact) and array:size($issued) gt 0,
      'iso-date': ed:iso-date-range($tei),
      'date-note': $date-note,
      'date-statement': $statement,
      'available-date': array{ year-from-date($build-date), month-from-date($build-date), day-from-date($build-date) },
      'container-title': $edition-title,
      'note': string-join((($date-note[.], ed:source-label($tei)[.] ! concat('Source: ', .)) ! concat(., '.'), ed:rights-statements($rights)), ' '),
      'publisher': $publisher,
      'url': ed:letter-url(ed:letter-id($tei)),
      'version': $version,
      'language': ed:language($tei)}"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <!--
    The letter's date as CSL date parts: an array of one date (or two, a year
    range), each an array of year, month and day numbers as far as known: an
    exact date; the parts both bounds agree on (ed:agreed-date-parts); the
    years of bounds in different years; the year of the one known bound.
  -->
  <xsl:function name="ed:issued" as="array(array(xs:integer))">
    <xsl:param name="bounds" as="xs:string+"/>
    <xsl:param name="agreed" as="xs:integer*"/>
    <xsl:variable name="earliest" select="ed:date-parts($bounds[1])"/>
    <xsl:variable name="latest" select="ed:date-parts($bounds[2])"/>
    <xsl:sequence select="
      if (exists($agreed)) then array{ array{ $agreed } }
      else if (exists($earliest) and exists($latest)) then array{ array{ $earliest[1] }, array{ $latest[1] } }
      else if (exists(($earliest, $latest))) then array{ array{ ($earliest, $latest)[1] } }
      else array{}"/>
  </xsl:function>


  <!-- The value with a prefix, or '' when the value is empty. -->
  <xsl:function name="ed:prefix" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:sequence select="if ($value) then concat($prefix, $value) else ''"/>
  </xsl:function>

</xsl:stylesheet>
