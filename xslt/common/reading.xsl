<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which reading of the text an output shows: the alternatives of choice
  (corr/sic, expan/abbr, reg/orig), deletions, and the plain reading text
  that the text output and its checks agree on.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- Plain text of the reading view: text nodes, with the reading alternatives chosen, notes and deletions left out. -->
  <xsl:mode name="ed:reading" on-no-match="text-only-copy"/>

  <!-- Every element with an xml:id, for resolving #pointers. -->
  <xsl:key name="ed:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- The children of a choice that the given view shows (corr/expan/reg in the reading view, sic/abbr/orig in the diplomatic view). -->
  <xsl:function name="ed:shown-alternative" as="element()*">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:param name="diplomatic" as="xs:boolean"/>
    <xsl:variable name="preferred" as="xs:string*"
      select="if ($diplomatic) then ('sic', 'abbr', 'orig') else ('corr', 'expan', 'reg')"/>
    <xsl:variable name="matching" as="element()*" select="$choice/*[local-name() = $preferred]"/>
    <xsl:sequence select="if (exists($matching)) then $matching[1] else $choice/*[1]"/>
  </xsl:function>

  <!--
    Where the diplomatic view differs from the reading view, as
    map{'readings', 'deletions', 'additions'}: the choices whose two readings
    differ, the deletions, and the additions (marked in the diplomatic view
    only), each counted once (not again inside one already counted).
  -->
  <xsl:function name="ed:diplomatic-differences" as="map(xs:string, xs:integer)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="places" select="$tei/tei:text//(tei:choice[not(deep-equal(ed:shown-alternative(., false()), ed:shown-alternative(., true())))] | tei:del | tei:add)"/>
    <xsl:variable name="outermost" select="$places[not(ancestor::* intersect $places)]"/>
    <xsl:sequence select="map{
      'readings': count($outermost[self::tei:choice]),
      'deletions': count($outermost[self::tei:del]),
      'additions': count($outermost[self::tei:add])}"/>
  </xsl:function>

  <!-- What kind of alternative a choice offers: correction, expansion or regularisation. -->
  <xsl:function name="ed:alternative-kind" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="if ($choice/(tei:sic | tei:corr)) then 'correction'
      else if ($choice/(tei:abbr | tei:expan)) then 'expansion'
      else 'regularisation'"/>
  </xsl:function>

  <!-- The element a #pointer designates in the same document, if any. -->
  <xsl:function name="ed:resolve" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (starts-with($pointer, '#'))
      then key('ed:id', substring($pointer, 2), root($context))[1] else ()"/>
  </xsl:function>

  <!-- The reading text of nodes as one whitespace-normalised string. -->
  <xsl:function name="ed:reading-string" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="ed:reading"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>

  <!-- A choice contributes only the reading alternative. -->
  <xsl:template match="tei:choice" mode="ed:reading">
    <xsl:apply-templates select="ed:shown-alternative(., false())" mode="#current"/>
  </xsl:template>

  <!-- Deleted text, notes (read separately) and forme work are not part of the reading text. -->
  <xsl:template _match="tei:del | tei:note | {$ed:out-of-flow-pattern}" mode="ed:reading"/>

  <!-- A line or page break separates words unless marked break="no". -->
  <xsl:template match="tei:lb | tei:pb | tei:cb" mode="ed:reading">
    <xsl:if test="not(@break = 'no')">
      <xsl:sequence select="' '"/>
    </xsl:if>
  </xsl:template>

  <!-- A block is separated from its neighbours even when the source has no whitespace between them. -->
  <xsl:template _match="{$ed:block-pattern}" mode="ed:reading">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

</xsl:stylesheet>
