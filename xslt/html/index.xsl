<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the edition's index page (index.html), run from its initial
  template. Input: the parsed letters as the parameter letters (document
  nodes) with their identifiers in letter-ids (same order). Letters are
  sorted by the earliest bound of their date (undated last), then by title.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="html.xsl"/>
  <xsl:import href="../export/schema-org.xsl"/>

  <!-- The letters of the edition, as parsed documents. -->
  <xsl:param name="letters" as="document-node()*" select="()"/>

  <!-- The identifiers of the letters, in the same order as $letters. -->
  <xsl:param name="letter-ids" as="xs:string*" select="()"/>

  <!-- The index page. -->
  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="head" as="node()*">
        <xsl:call-template name="ed:json-ld-edition">
          <xsl:with-param name="letters" select="$letters"/>
          <xsl:with-param name="ids" select="$letter-ids"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1><xsl:value-of select="$edition-title"/></h1>
        <p class="letter-count"><xsl:value-of select="count($letters), if (count($letters) = 1) then 'letter' else 'letters'"/></p>
        <table class="letter-list">
          <thead>
            <tr><th scope="col">Date</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Letter</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="1 to count($letters)">
              <xsl:sort select="ed:date-sort-key($letters[current()]/tei:TEI)"/>
              <xsl:sort select="ed:title($letters[current()]/tei:TEI)"/>
              <xsl:variable name="tei" select="$letters[current()]/tei:TEI"/>
              <xsl:variable name="id" select="$letter-ids[current()]"/>
              <tr>
                <td><xsl:value-of select="ed:date-statement($tei)"/></td>
                <td><xsl:value-of select="ed:names-label(ed:senders($tei))"/></td>
                <td><xsl:value-of select="ed:names-label(ed:recipients($tei))"/></td>
                <td><a href="letters/{encode-for-uri($id)}/index.html"><xsl:value-of select="ed:title($tei)"/></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
