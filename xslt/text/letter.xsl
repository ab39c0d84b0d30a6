<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the letter as plain text (UTF-8, NFC, LF): a header block (title,
  correspondents, date, source, licence, how to cite), the reading text with
  one paragraph per line and a blank line between paragraphs (unwrapped),
  note markers "[n]", the notes as endnotes under "Notes" (one line per
  group saying whose they are), and the list of emendations under
  "Emendations".
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- The whole text file, normalised to NFC. -->
  <xsl:template match="/">
    <xsl:variable name="tei" select="tei:TEI"/>
    <xsl:variable name="header" as="xs:string*" select="(
      ed:title($tei),
      '',
      concat('From: ', ed:names-label(ed:senders($tei)), ed:places($tei, 'sent')[1] ! concat(' (', ., ')')),
      concat('To: ', ed:names-label(ed:recipients($tei)), ed:places($tei, 'received')[1] ! concat(' (', ., ')')),
      concat('Date: ', ed:date-statement($tei)),
      ed:source-label($tei)[.] ! concat('Source: ', .),
      concat('Edition: ', $edition-title, ', ', $publisher, ', version ', $version),
      ed:rights-statements(ed:rights($tei)),
      concat('How to cite: ', if ($formatted-citation) then normalize-space($formatted-citation) else ed:title($tei)),
      concat('URL: ', ed:letter-url($letter-id)))"/>
    <xsl:variable name="notes" as="xs:string*">
      <xsl:for-each select="ed:note-groups($tei)">
        <xsl:sequence select="?heading"/>
        <xsl:for-each select="?notes">
          <xsl:variable name="paragraphs" select="ed:text-paragraphs(node())"/>
          <xsl:variable name="subjects" select="ed:note-subjects(.) ! ed:note-label(.)"/>
          <xsl:variable name="about" select="let $count := count($subjects) return if ($count = 0) then ''
            else concat('On note', 's'[$count gt 1], ' ', string-join(($subjects[position() lt $count] => string-join(', '), $subjects[$count])[.], ' and '), ': ')"/>
          <xsl:sequence select="concat('[', ed:note-label(.), '] ', $about, ($paragraphs[1], '')[1]), subsequence($paragraphs, 2)"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="emendations" select="ed:emendations($tei)"/>
    <xsl:variable name="body" select="ed:text-paragraphs($tei/tei:text)"/>
    <xsl:variable name="blocks" as="xs:string*" select="
      string-join($header, '&#10;'),
      $body,
      if (exists($notes)) then ('Notes', $notes) else (),
      if (exists($emendations)) then ('Emendations', ed:emendations-lead($emendations), $emendations ! ed:emendation-line(., ed:common-resp($emendations) = '')) else ()"/>
    <xsl:value-of select="normalize-unicode(string-join($blocks, '&#10;&#10;') || '&#10;', 'NFC')"/>
  </xsl:template>

  <!-- One emendation as a line: "1. para. 2: “difference?” → “differences”. Reason. Certainty: medium." (who corrected it too, with $with-resp). -->
  <xsl:function name="ed:emendation-line" as="xs:string">
    <xsl:param name="emendation" as="map(*)"/>
    <xsl:param name="with-resp" as="xs:boolean"/>
    <xsl:sequence select="string-join((
      concat($emendation?number, '. ', $emendation?place, ': ', ed:quoted-text($emendation?source), ' → ',
        if ($emendation?corrected) then ed:quoted-text($emendation?corrected) else 'removed', '.'),
      ed:emendation-reason($emendation, $with-resp)[.]), ' ')"/>
  </xsl:function>

</xsl:stylesheet>
