<?xml version="1.0" encoding="UTF-8"?>
<!--
  Who a correspondent is across letters, for every page that groups letters
  by correspondent or links to a correspondent's page (index, correspondent
  pages, letter pages) and for the edition's sequence of letters (see
  navigation-facts.xsl): one key per person or organisation, its name in
  lists, and the URL of its page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- What groups a correspondent across letters: the register anchor of a mention, else the name as written. -->
  <xsl:function name="ed:correspondent-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if (ed:is-mention($name)) then ed:anchor-of($name) else concat('name:', ed:name-label($name))"/>
  </xsl:function>

  <!-- A correspondent's name in the list: the register entry's normalised name, else the name as written. -->
  <xsl:function name="ed:correspondent-label" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:sequence select="if ($entry) then ed:entry-label($entry) else ed:name-label($name)"/>
  </xsl:function>

  <!--
    The file name of a correspondent's page, by the correspondent's key: a
    register anchor is already a safe file name; a name without a register
    entry gets "name-" and its anchor form, so that it cannot take the page
    of a register entry of that name.
  -->
  <xsl:function name="ed:correspondent-file" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="concat(if (starts-with($key, 'name:')) then concat('name-', ed:register-anchor(substring-after($key, 'name:'))) else $key, '.html')"/>
  </xsl:function>

  <!-- The URL of a correspondent's page (correspondents/{file}) from a page at root. -->
  <xsl:function name="ed:correspondent-page" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="concat($root, 'correspondents/', ed:correspondent-file($key))"/>
  </xsl:function>

</xsl:stylesheet>
