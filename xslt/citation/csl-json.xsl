<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's CSL-JSON (letters/{id}/{id}.csl.json), an array with one
  item of type personal_communication, genre "Letter". Built as the XPath
  JSON vocabulary and serialised with xml-to-json, so keys keep a fixed order.
  What the styles need (APA 7, Chicago 18, MLA 9 render it in the tests): no
  title for a letter without its own (the styles describe it themselves:
  "[Letter to A. G. Shlyapnikov]", "Lenin to Shlyapnikov"), the recipients,
  the letter's date in issued (circa when it is not exact), the edition as
  container-title with its version, and the edition's date as available-date.
  The edition's title and publisher are case-protected (CSL's
  <span class="nocase">): they are names, written as the editors want them
  ("a tei-edition sample edition"), which title-casing styles would change.
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
          <xsl:sequence select="ed:json-string('title', $c?title)"/>
          <xsl:sequence select="ed:json-names('author', $c?authors)"/>
          <xsl:sequence select="ed:json-names('recipient', $c?recipients)"/>
          <xsl:sequence select="ed:json-names('translator', $c?translators)"/>
          <xsl:if test="array:size($c?issued) gt 0" xmlns:array="http://www.w3.org/2005/xpath-functions/array">
            <j:map key="issued">
              <xsl:sequence select="ed:json-date-parts($c?issued)"/>
              <xsl:if test="$c?circa"><j:boolean key="circa">true</j:boolean></xsl:if>
            </j:map>
          </xsl:if>
          <j:map key="available-date">
            <xsl:sequence select="ed:json-date-parts([$c?available-date])"/>
          </j:map>
          <xsl:sequence select="ed:json-string('container-title', ed:nocase($c?container-title))"/>
          <xsl:sequence select="ed:json-string('publisher', ed:nocase($c?publisher))"/>
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

  <!-- CSL date parts: one array of numbers per date. -->
  <xsl:function name="ed:json-date-parts" as="element(j:array)">
    <xsl:param name="dates" as="array(array(xs:integer))"/>
    <j:array key="date-parts">
      <xsl:for-each select="$dates?*">
        <j:array><xsl:for-each select="?*"><j:number><xsl:value-of select="."/></j:number></xsl:for-each></j:array>
      </xsl:for-each>
    </j:array>
  </xsl:function>

  <!-- A value that citeproc must print with its case as it is ('' stays ''). -->
  <xsl:function name="ed:nocase" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (normalize-space($value)) then concat('&lt;span class=&quot;nocase&quot;&gt;', $value, '&lt;/span&gt;') else ''"/>
  </xsl:function>

  <!-- A CSL name array (family, given, particles and suffix, or literal), left out when there are no names. -->
  <xsl:function name="ed:json-names" as="element(j:array)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="names" as="array(*)"/>
    <xsl:if test="array:size($names) gt 0" xmlns:array="http://www.w3.org/2005/xpath-functions/array">
      <j:array key="{$key}">
        <xsl:for-each select="$names?*">
          <xsl:variable name="name" select="."/>
          <j:map>
            <xsl:for-each select="('family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix', 'literal')[map:contains($name, .)][normalize-space($name(.))]" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
              <j:string key="{.}"><xsl:value-of select="$name(current())"/></j:string>
            </xsl:for-each>
          </j:map>
        </xsl:for-each>
      </j:array>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
