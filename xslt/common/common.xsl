<?xml version="1.0" encoding="UTF-8"?>
<!-- The common layer in one import: vocabulary, parameters, readings, metadata, element behaviour, mentions and registers, emendations, letter parts. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="vocabulary.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="reading.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="behaviour.xsl"/>
  <xsl:include href="mentions.xsl"/>
  <xsl:include href="emendations.xsl"/>
  <xsl:include href="letter-parts.xsl"/>
</xsl:stylesheet>
