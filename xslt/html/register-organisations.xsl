<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry: the register page of organisations (registers/organisations.html). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <xsl:import href="register.xsl"/>

  <!-- This entry shows the register of organisations. -->
  <xsl:param name="register-kind" as="xs:string" select="'organisations'"/>

</xsl:stylesheet>
