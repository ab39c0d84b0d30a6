<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the edition's CMIF 1.1 file (cmif.xml) for correspSearch, run from
  its initial template with the parts of all letters (each letter's part is
  its correspDesc; see common/letter-parts.xsl). The build also runs it with
  one letter's part, and with none, to check each letter's entry and the
  header with the official Schematron on their own, in a document with the
  very header of cmif.xml. One correspDesc per act of correspondence (each
  correspDesc of a letter; one for a letter without), in edition order, with
  the letter's URL (@ref; a further correspDesc of the letter gets the URL
  with its xml:id, else "correspDesc-N", as fragment) and the edition's bibl
  (@source). Rules (see README, "CMIF"): both correspAction elements always
  present, "Unknown" for an unknown party; names and places with @ref only
  where the TEI gives an authority URI; dates only as YYYY, YYYY-MM or
  YYYY-MM-DD; @cert only "low". Every fallback is reported (ed:report-fallback).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="export-params.xsl"/>
  <xsl:include href="export-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- The vocabulary of the CMIF v2 proposal for mentioned entities, by register kind of the name (ed:name-kind: persName, placeName, orgName, and rs or name typed as one of them). -->
  <xsl:variable name="ed:cmif-mention-types" as="map(xs:string, xs:string)" select="map{
    'persons': 'https://lod.academy/cmif/vocab/terms#mentionsPerson',
    'places': 'https://lod.academy/cmif/vocab/terms#mentionsPlace',
    'organisations': 'https://lod.academy/cmif/vocab/terms#mentionsOrganisation'}"/>

  <!-- The CMIF file: the header with the correspDesc of every part given (of one letter, or none, for the per-letter checks). -->
  <xsl:template name="xsl:initial-template">
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title><xsl:value-of select="$edition-title"/>: correspondence metadata (CMIF)</title>
            <xsl:for-each select="if (exists($editors)) then $editors else $publisher">
              <editor>
                <xsl:value-of select="."/>
                <xsl:if test="position() = 1"><email><xsl:value-of select="$contact-email"/></email></xsl:if>
              </editor>
            </xsl:for-each>
          </titleStmt>
          <publicationStmt>
            <publisher><ref target="{$base-url}/"><xsl:value-of select="$publisher"/></ref></publisher>
            <idno type="url"><xsl:value-of select="$base-url"/>/cmif.xml</idno>
            <date when="{$build-date}T00:00:00Z"/>
            <availability>
              <licence target="{$licence-url}">This file is licensed under <xsl:value-of select="$licence-label"/>.</licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="online" xml:id="{$bibliography-id}">
              <!-- The edition as correspSearch cites it, crediting the source of the letters' texts (the config's sourceText) -->
              <xsl:value-of select="$edition-title, '. ', $publisher, ', version ', $version,
                ed:rights(())?credit[.] ! concat('; texts from the ', ., ed:rights(())?text-rights[.] ! concat(' (', ., ')')), ', '" separator=""/>
              <ref target="{$base-url}/"><xsl:value-of select="$base-url"/>/</ref>
            </bibl>
          </sourceDesc>
        </fileDesc>
        <profileDesc>
          <xsl:copy-of select="$ed:parts-in-edition-order ! tei:correspDesc"/>
        </profileDesc>
      </teiHeader>
      <text><body><p/></body></text>
    </TEI>
  </xsl:template>

  <!-- A letter's part: a correspDesc for each of its correspDesc (one when it has none); the place of an action is the first of ed:place-elements, e.g. a settlement used as the place. -->
  <xsl:template name="ed:cmif-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:variable name="tei" select="."/>
    <xsl:variable name="id" select="ed:letter-id(.)"/>
    <xsl:call-template name="ed:cmif-letter">
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="ref" select="ed:letter-url($id)"/>
    </xsl:call-template>
    <xsl:for-each select="ed:correspondences($tei)[position() gt 1]">
      <xsl:call-template name="ed:cmif-letter">
        <xsl:with-param name="tei" select="ed:letter-with-correspondence($tei, .)"/>
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="ref" select="concat(ed:letter-url($id), '#', encode-for-uri((@xml:id, concat('correspDesc-', position() + 1))[1]))"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The correspDesc of the letter's first correspDesc ($tei: the letter, or a copy with another as its only one; $ref: the entry's URL). -->
  <xsl:template name="ed:cmif-letter">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="ref" as="xs:string"/>
    <xsl:variable name="described" select="exists(ed:correspondence($tei))"/>
    <xsl:if test="not($described)">
      <xsl:call-template name="ed:report-fallback">
        <xsl:with-param name="format" select="'cmif'"/>
        <xsl:with-param name="letter-id" select="$id"/>
        <xsl:with-param name="rule" select="'cmif-no-correspdesc'"/>
        <xsl:with-param name="message" select="'The letter has no correspDesc: sender and recipient are exported as &quot;Unknown&quot;, without places or dates.'"/>
      </xsl:call-template>
    </xsl:if>
    <correspDesc ref="{$ref}" source="#{$bibliography-id}">
      <xsl:for-each select="'sent', 'received'">
        <xsl:variable name="type" select="."/>
        <correspAction type="{$type}">
          <xsl:call-template name="ed:cmif-parties">
            <xsl:with-param name="names" select="if ($type = 'sent') then ed:senders($tei) else ed:recipients($tei)"/>
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="party" select="if ($type = 'sent') then 'sender' else 'recipient'"/>
            <xsl:with-param name="report" select="$described"/>
          </xsl:call-template>
          <xsl:for-each select="ed:place-elements($tei, $type)[1]">
            <placeName>
              <xsl:call-template name="ed:cmif-name-attributes">
                <xsl:with-param name="id" select="$id"/>
              </xsl:call-template>
              <xsl:value-of select="ed:name-label(.)"/>
            </placeName>
          </xsl:for-each>
          <xsl:for-each select="ed:actions($tei, $type)/tei:date[1]">
            <xsl:call-template name="ed:cmif-date">
              <xsl:with-param name="id" select="$id"/>
            </xsl:call-template>
          </xsl:for-each>
        </correspAction>
      </xsl:for-each>
      <xsl:if test="$cmif-mentions">
        <xsl:call-template name="ed:cmif-mentions">
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
      </xsl:if>
    </correspDesc>
  </xsl:template>

  <!-- The senders or recipients as persName/orgName; "Unknown" (reported unless the whole correspDesc is missing) when none is named. -->
  <xsl:template name="ed:cmif-parties">
    <xsl:param name="names" as="element()*"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="party" as="xs:string"/>
    <xsl:param name="report" as="xs:boolean"/>
    <xsl:variable name="named" select="$names[ed:name-label(.)]"/>
    <xsl:for-each select="$named">
      <xsl:element name="{if (ed:is-organisation-name(.)) then 'orgName' else 'persName'}">
        <xsl:call-template name="ed:cmif-name-attributes">
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
        <xsl:value-of select="ed:name-label(.)"/>
      </xsl:element>
    </xsl:for-each>
    <xsl:if test="empty($named)">
      <persName>Unknown</persName>
      <xsl:if test="$report">
        <xsl:call-template name="ed:report-fallback">
          <xsl:with-param name="format" select="'cmif'"/>
          <xsl:with-param name="letter-id" select="$id"/>
          <xsl:with-param name="rule" select="concat('cmif-unknown-', $party)"/>
          <xsl:with-param name="message" select="concat('The correspDesc names no ', $party, ': exported as &quot;Unknown&quot;.')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- @ref (the authority URI, when the TEI has one) and @cert of a name or place (context: the TEI name). -->
  <xsl:template name="ed:cmif-name-attributes">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="uri" select="ed:authority-uri(.)"/>
    <xsl:if test="$uri">
      <xsl:attribute name="ref" select="$uri"/>
    </xsl:if>
    <xsl:call-template name="ed:cmif-cert">
      <xsl:with-param name="id" select="$id"/>
    </xsl:call-template>
  </xsl:template>

  <!-- @cert as CMIF allows it: "low" stays; "medium", "unknown" and probabilities become "low" (reported); "high" is left out (certain enough). -->
  <xsl:template name="ed:cmif-cert">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="cert" select="normalize-space(@cert)"/>
    <xsl:if test="$cert and $cert != 'high'">
      <xsl:attribute name="cert" select="'low'"/>
    </xsl:if>
    <xsl:if test="$cert and not($cert = ('low', 'high'))">
      <xsl:call-template name="ed:report-fallback">
        <xsl:with-param name="format" select="'cmif'"/>
        <xsl:with-param name="letter-id" select="$id"/>
        <xsl:with-param name="rule" select="'cmif-cert'"/>
        <xsl:with-param name="message" select="concat(local-name(), ' has cert=&quot;', $cert, '&quot;, which CMIF does not allow: exported as cert=&quot;low&quot;.')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A date with its ISO attributes only (context: the TEI date; its attributes read by ed:dating-attributes); left out, and reported, when none is ISO. -->
  <xsl:template name="ed:cmif-date">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="dating" select="ed:dating-attributes(.)"/>
    <xsl:variable name="values" as="map(xs:string, xs:string)*">
      <xsl:for-each select="'when', 'notBefore', 'notAfter', 'from', 'to'">
        <xsl:variable name="source" select="$dating(current())"/>
        <xsl:variable name="value" select="normalize-space($source)"/>
        <xsl:variable name="day" select="replace($value, '^(\d{4}-\d{2}-\d{2})T.*$', '$1')"/>
        <xsl:choose>
          <xsl:when test="empty($source)"/>
          <xsl:when test="ed:is-iso-date($value)">
            <xsl:sequence select="map{'name': current(), 'value': $value}"/>
          </xsl:when>
          <xsl:when test="$day != $value and ed:is-iso-date($day)">
            <xsl:sequence select="map{'name': current(), 'value': $day}"/>
            <xsl:call-template name="ed:report-fallback">
              <xsl:with-param name="format" select="'cmif'"/>
              <xsl:with-param name="letter-id" select="$id"/>
              <xsl:with-param name="rule" select="'cmif-date-not-iso'"/>
              <xsl:with-param name="message" select="concat('date/@', local-name($source), '=&quot;', $value, '&quot; has a time: exported as the day ', $day, '.')"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="ed:report-fallback">
              <xsl:with-param name="format" select="'cmif'"/>
              <xsl:with-param name="letter-id" select="$id"/>
              <xsl:with-param name="rule" select="'cmif-date-not-iso'"/>
              <xsl:with-param name="message" select="concat('date/@', local-name($source), '=&quot;', $value, '&quot; is not YYYY, YYYY-MM or YYYY-MM-DD: left out of the CMIF.')"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($values)">
        <date>
          <xsl:for-each select="$values">
            <xsl:attribute name="{?name}" select="?value"/>
          </xsl:for-each>
          <xsl:call-template name="ed:cmif-cert">
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
        </date>
      </xsl:when>
      <xsl:when test="map:size($dating) = 0">
        <xsl:call-template name="ed:report-fallback">
          <xsl:with-param name="format" select="'cmif'"/>
          <xsl:with-param name="letter-id" select="$id"/>
          <xsl:with-param name="rule" select="'cmif-date-not-iso'"/>
          <xsl:with-param name="message" select="concat('The date &quot;', ed:reading-string(.), '&quot; has no dating attribute (when, notBefore, notAfter, from, to, or their -iso forms): left out of the CMIF.')"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The persons, places and organisations the letter's text mentions (persName, placeName, orgName, and rs typed as one of them), with an authority URI (CMIF v2 proposal: note/ref). -->
  <xsl:template name="ed:cmif-mentions">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- Each name with its register kind and authority URI, and one more for each further entry its @ref points to (ed:further-targets). -->
    <xsl:variable name="named" as="map(*)*" select="$tei/tei:text//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name) ! (
      map{'kind': string(ed:name-kind(.)), 'uri': ed:authority-uri(.), 'label': ed:name-label(.)},
      ed:further-targets(., ed:anchor-of(.))[exists(?register-entry)] ! map{'kind': string(?kind), 'uri': ed:entry-authority-uri(?register-entry), 'label': ?label})"/>
    <xsl:variable name="mentions" as="map(xs:string, xs:string)*">
      <xsl:for-each-group select="$named[map:contains($ed:cmif-mention-types, ?kind)][?uri]" group-by="?uri" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
        <xsl:sequence select="map{'type': $ed:cmif-mention-types(?kind), 'target': current-grouping-key(),
          'label': (current-group() ! ?label)[.][1]}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="exists($mentions)">
      <note>
        <xsl:for-each select="$mentions">
          <ref type="{?type}" target="{?target}"><xsl:value-of select="?label"/></ref>
        </xsl:for-each>
      </note>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
