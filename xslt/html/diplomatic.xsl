<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry: the diplomatic view of one letter (letters/{id}/diplomatic.html): the letter page showing the source's readings. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <xsl:import href="letter.xsl"/>

  <!-- This entry shows the diplomatic view. -->
  <xsl:param name="diplomatic" as="xs:boolean" select="true()"/>

</xsl:stylesheet>
