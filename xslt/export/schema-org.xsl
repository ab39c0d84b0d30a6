<?xml version="1.0" encoding="UTF-8"?>
<!--
  schema.org JSON-LD for the HTML pages, as a <script type="application/ld+json">:
  ed:json-ld-letter describes a letter as a Message (sender, recipient,
  dateCreated when the date is exact, else temporalCoverage as an ISO 8601
  interval, inLanguage, translator,
  isBasedOn the printed or manuscript source, license, url, isPartOf the
  edition); ed:json-ld-edition describes the edition as a Collection whose
  parts are the letters. Built as the XPath JSON vocabulary and serialised
  with xml-to-json, so keys keep a fixed order and "/" is escaped (the JSON
  can never close the script element).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  exclude-result-prefixes="#all">

  <xsl:include href="export-common.xsl"/>

  <!-- The JSON-LD script of a letter page. -->
  <xsl:template name="ed:json-ld-letter">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:call-template name="ed:json-ld-script">
      <xsl:with-param name="json" as="element(j:map)">
        <j:map>
          <j:string key="@context">https://schema.org</j:string>
          <xsl:sequence select="ed:json-ld-message($tei, $id)/*"/>
        </j:map>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The JSON-LD script of the edition's index page: a Collection of the letters (their ed:json-ld-message, in edition order). -->
  <xsl:template name="ed:json-ld-edition">
    <xsl:param name="messages" as="element(j:map)*"/>
    <xsl:call-template name="ed:json-ld-script">
      <xsl:with-param name="json" as="element(j:map)">
        <j:map>
          <j:string key="@context">https://schema.org</j:string>
          <j:string key="@type">Collection</j:string>
          <j:string key="@id"><xsl:value-of select="$base-url"/>/</j:string>
          <j:string key="url"><xsl:value-of select="$base-url"/>/</j:string>
          <j:string key="name"><xsl:value-of select="$edition-title"/></j:string>
          <xsl:sequence select="ed:json-ld-common(ed:rights(()))"/>
          <j:array key="hasPart">
            <xsl:sequence select="$messages"/>
          </j:array>
        </j:map>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The script element (in the XHTML namespace) around the serialised JSON. -->
  <xsl:template name="ed:json-ld-script">
    <xsl:param name="json" as="element(j:map)"/>
    <script xmlns="http://www.w3.org/1999/xhtml" type="application/ld+json">
      <xsl:value-of select="xml-to-json($json)"/>
    </script>
  </xsl:template>

  <!--
    Publisher, licences and version, shared by the edition and each letter:
    the licence of the edition's encoding and notes, and the rights of the
    text where a URL names them (ed:rights), with the text's credited source
    as creditText.
  -->
  <xsl:function name="ed:json-ld-common" as="element()*">
    <xsl:param name="rights" as="map(xs:string, xs:string)"/>
    <j:map key="publisher">
      <j:string key="@type">Organization</j:string>
      <j:string key="name"><xsl:value-of select="$publisher"/></j:string>
    </j:map>
    <j:array key="license">
      <j:string><xsl:value-of select="$rights?encoding-licence-url"/></j:string>
      <xsl:for-each select="$rights?text-rights-url[.][. != $rights?encoding-licence-url]">
        <j:string><xsl:value-of select="."/></j:string>
      </xsl:for-each>
    </j:array>
    <xsl:for-each select="$rights?credit[.]">
      <j:string key="creditText"><xsl:value-of select="."/></j:string>
    </xsl:for-each>
    <j:string key="version"><xsl:value-of select="$version"/></j:string>
  </xsl:function>

  <!-- A letter as a schema.org Message. -->
  <xsl:function name="ed:json-ld-message" as="element(j:map)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="url" select="ed:letter-url($id)"/>
    <j:map>
      <j:string key="@type">Message</j:string>
      <j:string key="@id"><xsl:value-of select="$url"/></j:string>
      <j:string key="url"><xsl:value-of select="$url"/></j:string>
      <j:string key="name"><xsl:value-of select="ed:title($tei)"/></j:string>
      <xsl:sequence select="ed:json-ld-agents('sender', ed:senders($tei))"/>
      <xsl:sequence select="ed:json-ld-agents('recipient', ed:recipients($tei))"/>
      <!-- A schema.org Date is one day, month or year: a range goes to temporalCoverage (an ISO 8601 interval) instead. -->
      <xsl:for-each select="ed:iso-date($tei)[.]">
        <j:string key="dateCreated"><xsl:value-of select="."/></j:string>
      </xsl:for-each>
      <xsl:for-each select="ed:iso-date-range($tei)[.][not(ed:date-is-exact($tei))]">
        <j:string key="temporalCoverage"><xsl:value-of select="."/></j:string>
      </xsl:for-each>
      <xsl:for-each select="ed:language($tei)[. != 'und']">
        <j:string key="inLanguage"><xsl:value-of select="."/></j:string>
      </xsl:for-each>
      <xsl:sequence select="ed:json-ld-agents('translator', ed:translators($tei))"/>
      <xsl:variable name="rights" select="ed:rights($tei)"/>
      <xsl:if test="ed:source-label($tei) or $rights?credit">
        <j:array key="isBasedOn">
          <xsl:for-each select="ed:source-label($tei)[.]">
            <j:map>
              <j:string key="@type">CreativeWork</j:string>
              <j:string key="name"><xsl:value-of select="."/></j:string>
            </j:map>
          </xsl:for-each>
          <!-- The text as its credited source publishes it (a transcription, a database record), under the text's rights. -->
          <xsl:for-each select="$rights?credit[.]">
            <j:map>
              <j:string key="@type">CreativeWork</j:string>
              <j:string key="name"><xsl:value-of select="($rights?credited-title[.], ed:title($tei))[1]"/></j:string>
              <xsl:for-each select="$rights?credit-url[.]"><j:string key="url"><xsl:value-of select="."/></j:string></xsl:for-each>
              <j:map key="publisher">
                <j:string key="@type">Organization</j:string>
                <j:string key="name"><xsl:value-of select="."/></j:string>
              </j:map>
              <xsl:for-each select="$rights?text-rights-url[.]"><j:string key="license"><xsl:value-of select="."/></j:string></xsl:for-each>
            </j:map>
          </xsl:for-each>
        </j:array>
      </xsl:if>
      <j:map key="isPartOf">
        <j:string key="@type">Collection</j:string>
        <j:string key="@id"><xsl:value-of select="$base-url"/>/</j:string>
        <j:string key="name"><xsl:value-of select="$edition-title"/></j:string>
      </j:map>
      <xsl:sequence select="ed:json-ld-common($rights)"/>
    </j:map>
  </xsl:function>

  <!-- Persons or organisations under a key (left out when there are none), with sameAs for an authority URI. -->
  <xsl:function name="ed:json-ld-agents" as="element(j:array)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="names" as="element()*"/>
    <xsl:variable name="named" select="$names[ed:name-label(.)]"/>
    <xsl:if test="exists($named)">
      <j:array key="{$key}">
        <xsl:for-each select="$named">
          <j:map>
            <j:string key="@type"><xsl:value-of select="if (ed:is-organisation-name(.)) then 'Organization' else 'Person'"/></j:string>
            <j:string key="name"><xsl:value-of select="ed:name-label(.)"/></j:string>
            <xsl:for-each select="ed:authority-uri(.)[.]">
              <j:string key="sameAs"><xsl:value-of select="."/></j:string>
            </xsl:for-each>
          </j:map>
        </xsl:for-each>
      </j:array>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
