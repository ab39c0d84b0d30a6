<?xml version="1.0" encoding="UTF-8"?>
<!--
  Plain-text syntax for the common hooks: blocks become paragraphs (one line
  each, separated by one blank line), note markers "[n]", no markup. Blocks are first collected as ed:block
  elements and then flattened, so nested and mixed-content blocks still
  give clean paragraphs.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- A block is collected as an ed:block element, flattened by ed:paragraphs. -->
  <xsl:template name="ed:block">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="has-blocks" as="xs:boolean"/>
    <ed:block>
      <xsl:apply-templates mode="ed:text"/>
    </ed:block>
  </xsl:template>

  <!-- Inline phrases are their text (supplied text unmarked: brackets would split words such as "[1]815"); nested notes parenthesised. -->
  <xsl:template name="ed:inline">
    <xsl:param name="role" as="xs:string"/>
    <xsl:variable name="brackets" select="map{'note-inline': ('(', ')')}($role)"/>
    <xsl:value-of select="$brackets[1]"/>
    <xsl:apply-templates mode="ed:text"/>
    <xsl:value-of select="$brackets[2]"/>
  </xsl:template>

  <!-- A note marker: the note's label in square brackets. -->
  <xsl:template name="ed:note-marker">
    <xsl:value-of select="concat('[', ed:note-label(.), ']')"/>
  </xsl:template>

  <!-- Paragraph strings from collected content: runs of inline content form one paragraph, nested blocks their own. -->
  <xsl:function name="ed:paragraphs" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each-group select="$nodes" group-adjacent="exists(self::ed:block)">
      <xsl:sequence select="if (current-grouping-key()) then current-group() ! ed:paragraphs(node())
        else normalize-space(string-join(current-group() ! string(.), ''))[.]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The paragraphs of a TEI fragment's text flow. -->
  <xsl:function name="ed:text-paragraphs" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="collected" as="node()*">
      <xsl:apply-templates select="$nodes" mode="ed:text"/>
    </xsl:variable>
    <xsl:sequence select="ed:paragraphs($collected)"/>
  </xsl:function>

</xsl:stylesheet>
