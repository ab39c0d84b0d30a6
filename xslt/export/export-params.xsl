<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parameters of the edition-wide exports (CMIF, OAI-PMH, TEI corpus), fed by
  the build from the validated edition configuration; the letters come as
  their parts (common/letter-parts.xsl), as for the index page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <!-- Contact e-mail of the editors (CMIF editor, OAI-PMH adminEmail). -->
  <xsl:param name="contact-email" as="xs:string" select="'editors@tei-edition.example.org'"/>

  <!-- The fixed UUID of the edition's bibliographic record (CMIF bibl/@xml:id); begins with a letter. -->
  <xsl:param name="bibliography-id" as="xs:string" select="'a0000000-0000-5000-8000-000000000000'"/>

  <!-- Add the persons, places and organisations each letter mentions to the CMIF (the CMIF v2 proposal). -->
  <xsl:param name="cmif-mentions" as="xs:boolean" select="false()"/>

  <!-- Records per OAI-PMH list response (ListIdentifiers, ListRecords); longer lists go on in pages reached by resumption tokens. -->
  <xsl:param name="oai-page-size" as="xs:integer" select="100"/>

</xsl:stylesheet>
