<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: one teiCorpus of all letters (tei-corpus.xml), run from its initial
  template with the parts of all letters (each letter's part is its copy for
  the corpus; see common/letter-parts.xsl), letters in edition order. Each
  letter is copied as published except for identifiers: an xml:id must be
  unique in the whole corpus, so every xml:id of a letter, and every local
  pointer (#id) to it, gets the letter's id as prefix ("{letter}.{id}"); the
  letter's root gets the letter's id. The XML Schema a letter names on its
  root (xsi:schemaLocation) is left out: it is the letter's, not the corpus's.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="export-params.xsl"/>
  <xsl:include href="export-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Copies a letter with its identifiers made unique in the corpus. -->
  <xsl:mode name="ed:corpus-copy" on-no-match="shallow-copy"/>

  <!-- The corpus. -->
  <xsl:template name="xsl:initial-template">
    <teiCorpus>
      <xsl:text>&#10;</xsl:text>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title><xsl:value-of select="$edition-title"/>: all letters</title>
            <xsl:for-each select="$editors"><editor><xsl:value-of select="."/></editor></xsl:for-each>
          </titleStmt>
          <publicationStmt>
            <publisher><xsl:value-of select="$publisher"/></publisher>
            <idno type="URI"><xsl:value-of select="$base-url"/>/tei-corpus.xml</idno>
            <availability>
              <licence target="{$licence-url}"><xsl:value-of select="$licence-label"/></licence>
            </availability>
            <date when="{$build-date}"><xsl:value-of select="$build-date"/></date>
          </publicationStmt>
          <sourceDesc>
            <p>The TEI files of the <xsl:value-of select="count($ed:parts)"/> letters of the edition, version <xsl:value-of select="$version"/>, each as published at <xsl:value-of select="$base-url"/>/letters/{id}/{id}.xml; xml:id values and local pointers are prefixed with the letter's id.</p>
          </sourceDesc>
        </fileDesc>
      </teiHeader>
      <xsl:for-each select="$ed:parts-in-edition-order">
        <xsl:text>&#10;</xsl:text>
        <xsl:copy-of select="tei:TEI"/>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </teiCorpus>
  </xsl:template>

  <!-- A letter's part: the letter as the corpus has it. -->
  <xsl:template name="ed:tei-corpus-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:apply-templates select="." mode="ed:corpus-copy">
      <xsl:with-param name="prefix" select="ed:corpus-prefix(ed:letter-id(.))" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The prefix of a letter's identifiers: its id, made an NCName. -->
  <xsl:function name="ed:corpus-prefix" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (matches($id, '^[A-Za-z_]')) then $id else concat('letter-', $id)"/>
  </xsl:function>

  <!-- The letter's root is identified by the letter's id. -->
  <xsl:template match="/*" mode="ed:corpus-copy">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:copy>
      <xsl:apply-templates select="@* except @xml:id" mode="#current"/>
      <xsl:attribute name="xml:id" select="$prefix"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- The schema a letter names for itself: the corpus is TEI, checked against tei_all, which does not allow these attributes. -->
  <xsl:template match="/*/@xsi:schemaLocation | /*/@xsi:noNamespaceSchemaLocation" mode="ed:corpus-copy" priority="1"/>

  <!-- Other identifiers get the letter's prefix. -->
  <xsl:template match="@xml:id" mode="ed:corpus-copy">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="xml:id" select="concat($prefix, '.', .)"/>
  </xsl:template>

  <!-- Local pointers (#id tokens) follow the identifiers they point to; the letter's own id stays what the root now carries. -->
  <xsl:template match="@*[contains(., '#')][not(local-name() = ('rend', 'style'))]" mode="ed:corpus-copy">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:variable name="root-id" select="string(root(.)/*/@xml:id)"/>
    <xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="string-join(tokenize(normalize-space(.), ' ') !
      (if (not(starts-with(., '#'))) then .
       else if (substring(., 2) = $root-id) then concat('#', $prefix)
       else concat('#', $prefix, '.', substring(., 2))), ' ')"/>
  </xsl:template>

</xsl:stylesheet>
