<?xml version="1.0" encoding="UTF-8"?>
<!--
  Module (written by letter-data.xsl): the letter's reading text as JSON {"flow": …, "notes": [{"label", "text"}]},
  made by the common ed:reading mode alone (no formatting). The text output's
  check and tests compare the plain text with it: every word, in order.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <!-- The reading text of the flow (notes left out) and of each listed note, in the order of the text output (by group, ed:note-groups). -->
  <xsl:template name="ed:reading-text-file">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:variable name="tei" select="."/>
    <xsl:variable name="json">
      <j:map>
        <j:string key="flow"><xsl:value-of select="ed:reading-string($tei/tei:text)"/></j:string>
        <j:array key="notes">
          <xsl:for-each select="ed:note-groups($tei) ! ?notes">
            <j:map>
              <j:string key="label"><xsl:value-of select="ed:note-label(.)"/></j:string>
              <j:string key="text"><xsl:value-of select="ed:reading-string(node())"/></j:string>
            </j:map>
          </xsl:for-each>
        </j:array>
      </j:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($json)"/>
  </xsl:template>

</xsl:stylesheet>
