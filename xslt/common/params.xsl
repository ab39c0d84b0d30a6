<?xml version="1.0" encoding="UTF-8"?>
<!--
  Global parameters shared by every output. The build feeds them from the
  validated edition configuration (edition.config.json) and per letter;
  the defaults are those of the bundled edition.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- Title of the whole edition (index page, page headers, citations' publisher context). -->
  <xsl:param name="edition-title" as="xs:string" select="'tei-edition: Letters'"/>

  <!-- Base URL of the published edition, without trailing slash; letter URLs are {base-url}/letters/{letter-id}/. -->
  <xsl:param name="base-url" as="xs:string" select="'https://tei-edition.example.org'"/>

  <!-- Publisher of the digital edition, named in citations. -->
  <xsl:param name="publisher" as="xs:string" select="'tei-edition project'"/>

  <!-- Licence of the edition's files (URL and short label), stated in every output. -->
  <xsl:param name="licence-url" as="xs:string" select="'https://creativecommons.org/licenses/by/4.0/'"/>

  <!-- Short label of the licence, e.g. "CC BY 4.0". -->
  <xsl:param name="licence-label" as="xs:string" select="'CC BY 4.0'"/>

  <!--
    Rights of the letters' source text (e.g. "public domain" and the URL of a
    licence or mark) and whom to credit as its source (name and URL), from
    the edition config's sourceText; '' when not set. A letter's own
    availability wins (see ed:rights).
  -->
  <xsl:param name="source-rights" as="xs:string" select="''"/>
  <xsl:param name="source-rights-url" as="xs:string" select="''"/>
  <xsl:param name="source-credit" as="xs:string" select="''"/>
  <xsl:param name="source-credit-url" as="xs:string" select="''"/>

  <!-- Version of the edition, cited as the CSL "version". -->
  <xsl:param name="version" as="xs:string" select="'0.1.0'"/>

  <!-- Editors of the digital edition, one name per item. -->
  <xsl:param name="editors" as="xs:string*" select="()"/>

  <!-- Date of the build (from SOURCE_DATE_EPOCH or the newest TEI publication date; never the wall clock). -->
  <xsl:param name="build-date" as="xs:date" select="xs:date('1970-01-01')"/>

  <!-- Identifier of the letter being transformed: /TEI/@xml:id or the sanitised file name. -->
  <xsl:param name="letter-id" as="xs:string" select="'letter'"/>

  <!-- The TEI file of the letter being transformed, as shown to the user ('' when unknown): orders undated letters. -->
  <xsl:param name="letter-file" as="xs:string" select="''"/>

  <!--
    Several letters in one transform (letter-data.xsl; SaxonJS prepares a
    stylesheet anew for every transform): their documents (each a document
    node of its own: a letter is found by its root), and each one's id and
    file in the same order, in place of letter-id and letter-file. The
    letters share central-registers. ed:letter-id and ed:letter-file give a
    node's own.
  -->
  <xsl:param name="letters" as="document-node()*" select="()"/>
  <xsl:param name="letter-ids" as="xs:string*" select="()"/>
  <xsl:param name="letter-files" as="xs:string*" select="()"/>

  <!-- The id of the letter a node belongs to: its entry in letter-ids when the transform has several letters, else letter-id. -->
  <xsl:function name="ed:letter-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (exists($letters)) then $letter-ids[ed:letter-position($node)] else $letter-id"/>
  </xsl:function>

  <!-- The file of the letter a node belongs to: its entry in letter-files when the transform has several letters, else letter-file. -->
  <xsl:function name="ed:letter-file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (exists($letters)) then $letter-files[ed:letter-position($node)] else $letter-file"/>
  </xsl:function>

  <!-- The position in $letters of the letter a node belongs to. -->
  <xsl:function name="ed:letter-position" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)"/>
    <xsl:sequence select="index-of($letters ! (. is $root), true())[1]"/>
  </xsl:function>

  <!--
    The entries of the edition's central registers that the letter's names
    point to (by @ref="#id", @ref="file.xml#id" or @key), as the text of a TEI
    document whose standOff holds one list per register file and list kind,
    each with ed:file, the register file's name; '' without central registers.
    The build makes it per letter (src/registers/central-registers.ts), so
    that a transform reads only the entries its letter names.
  -->
  <xsl:param name="central-registers" as="xs:string" select="''"/>

  <!-- What a name's @key is matched against in the central registers: 'xml:id' or 'n'. -->
  <xsl:param name="register-key" as="xs:string" select="'xml:id'"/>

  <!-- The letter's citation as citeproc renders it from the letter's CSL-JSON (plain text); empty when not available. -->
  <xsl:param name="formatted-citation" as="xs:string" select="''"/>

</xsl:stylesheet>
