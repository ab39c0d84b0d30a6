<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's CSL-JSON (letters/{id}/{id}.csl.json), an array with one
  item of type personal_communication, genre "Letter". Built as the XPath
  JSON vocabulary and serialised with xml-to-json, so keys keep a fixed order.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="citation-data.xsl"/>

  <!-- The CSL-JSON file, indented, ending with a newline. -->
  <xsl:template name="ed:csl-json-file">
    <xsl:param name="c" as="map(*)"/>
    <xsl:variable name="json">
      <j:array>
        <j:map>
          <j:string key="id"><xsl:value-of select="$c?id"/></j:string>
          <j:string key="type">personal_communication</j:string>
          <j:string key="genre">Letter</j:string>
          <j:string key="title"><xsl:value-of select="$c?title"/></j:string>
          <xsl:sequence select="ed:json-names('author', $c?authors)"/>
          <xsl:sequence select="ed:json-names('recipient', $c?recipients)"/>
          <xsl:sequence select="ed:json-names('translator', $c?translators)"/>
          <xsl:if test="array:size($c?issued) gt 0" xmlns:array="http://www.w3.org/2005/xpath-functions/array">
            <j:map key="issued">
              <j:array key="date-parts">
                <xsl:for-each select="$c?issued?*">
                  <j:array><xsl:for-each select="?*"><j:number><xsl:value-of select="."/></j:number></xsl:for-each></j:array>
                </xsl:for-each>
              </j:array>
            </j:map>
          </xsl:if>
          <xsl:sequence select="ed:json-string('container-title', $c?container-title)"/>
          <xsl:sequence select="ed:json-string('publisher', $c?publisher)"/>
          <xsl:sequence select="ed:json-string('URL', $c?url)"/>
          <xsl:sequence select="ed:json-string('version', $c?version)"/>
          <xsl:sequence select="ed:json-string('language', $c?language[. != 'und'])"/>
          <xsl:sequence select="ed:json-string('note', $c?note)"/>
        </j:map>
      </j:array>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($json, map{'indent': true()}) || '&#10;'"/>
  </xsl:template>

  <!-- A string member, left out when the value is empty. -->
  <xsl:function name="ed:json-string" as="element(j:string)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="$value">
      <j:string key="{$key}"><xsl:value-of select="$value"/></j:string>
    </xsl:if>
  </xsl:function>

  <!-- A CSL name array (family/given or literal), left out when there are no names. -->
  <xsl:function name="ed:json-names" as="element(j:array)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="names" as="array(*)"/>
    <xsl:if test="array:size($names) gt 0" xmlns:array="http://www.w3.org/2005/xpath-functions/array">
      <j:array key="{$key}">
        <xsl:for-each select="$names?*">
          <xsl:variable name="name" select="."/>
          <j:map>
            <xsl:for-each select="('family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix', 'literal')[map:contains($name, .)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
              <j:string key="{.}"><xsl:value-of select="$name(current())"/></j:string>
            </xsl:for-each>
          </j:map>
        </xsl:for-each>
      </j:array>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
