<?xml version="1.0" encoding="UTF-8"?>
<!--
  The list of emendations (the apparatus), decided once for every output:
  each correction of the text (choice with sic and corr) that the reading
  view shows, with its source and corrected readings, its place ("para. 3",
  "note 4": ed:place-label), who made it, its certainty when not high, and
  its justification. The justification is gathered from the encoding: the
  item (or p, note) of encodingDesc whose ref or ptr points at the choice
  (editorialDecl/correction lists, "ref → reading: reason"), notes inside
  the choice, and the corr's @source.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <!-- Pointers of the encoding description by the ids they point to, to find a correction's justification without scanning the header. -->
  <xsl:key name="ed:encoding-pointer" match="tei:encodingDesc//(tei:ref | tei:ptr)[@target]"
    use="tokenize(normalize-space(@target), ' ')[starts-with(., '#')] ! substring(., 2)"/>

  <!-- True for a node of the text flow that the reading view shows: not in forme work, deletions or the source's side of a choice. -->
  <xsl:function name="ed:in-reading-view" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::tei:text) and empty($node/ancestor::*[local-name() = ($ed:out-of-flow, 'del')])
      and (every $alternative in $node/ancestor::*[parent::tei:choice]
           satisfies $alternative is ed:shown-alternative($alternative/parent::tei:choice, false())[1])"/>
  </xsl:function>

  <!-- The choices of a letter listed as emendations: corrections (sic and corr) shown in the reading view, in document order. -->
  <xsl:function name="ed:emendation-choices" as="element(tei:choice)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text//tei:choice[tei:sic and tei:corr][ed:in-reading-view(.)]"/>
  </xsl:function>

  <!--
    The emendations of a letter, in document order, each as map{'choice',
    'number', 'id' (HTML id of its entry, "emendation-" and the choice's
    xml:id, else its number), 'source', 'corrected' (reading text; '' when
    the correction removes the source's reading), 'place', 'resp' (label),
    'cert' ('' when high or unstated), 'justification' (strings)}.
  -->
  <xsl:function name="ed:emendations" as="map(*)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="units" select="ed:units($tei)"/>
    <xsl:for-each select="ed:emendation-choices($tei)">
      <xsl:variable name="corr" select="ed:shown-alternative(., false())[1]"/>
      <xsl:variable name="id" select="normalize-space(@xml:id)"/>
      <xsl:variable name="resp" select="tokenize(normalize-space(($corr/@resp, @resp)[1]), ' ')"/>
      <xsl:variable name="cert" select="normalize-space(($corr/@cert, @cert)[1])"/>
      <xsl:sequence select="map{
        'choice': ., 'number': position(),
        'id': concat('emendation-', if ($id) then replace($id, '[^A-Za-z0-9_-]', '-') else string(position())),
        'source': ed:reading-string(ed:shown-alternative(., true())[1]/node()),
        'corrected': ed:reading-string($corr/node()),
        'place': ed:place-label(., $units),
        'resp': string-join($resp ! ed:pointer-label($tei, .), ', '),
        'cert': if ($cert = 'high') then '' else $cert,
        'justification': (
          if ($id) then key('ed:encoding-pointer', $id, root($tei)) ! ed:stated-reason(.) else (),
          .//tei:note ! ed:reading-string(node()),
          tokenize(normalize-space($corr/@source), ' ') ! concat('Source: ', ed:pointer-label($tei, .)))[.]}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- What a pointer designates, in words: the label of the register entry or element it points to, else the pointer itself. -->
  <xsl:function name="ed:pointer-label" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="target" select="ed:resolve($tei, $pointer)"/>
    <xsl:sequence select="if ($target[ed:is-register-entry(.)]) then ed:entry-label($target)
      else if ($target) then ed:reading-string($target) else $pointer"/>
  </xsl:function>

  <!--
    The reason a pointer's item (or p, note) of the encoding description
    gives for a correction: after "→ reading:" when the item reads
    "ref → reading: reason", else the item's whole text.
  -->
  <xsl:function name="ed:stated-reason" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="statement" select="$pointer/ancestor::*[self::tei:item or self::tei:p or self::tei:note][1]"/>
    <xsl:variable name="after" select="if ($pointer/parent::* is $statement) then ed:reading-string($pointer/following-sibling::node()) else ''"/>
    <xsl:sequence select="if (matches($after, '^(→|-&gt;)[^:]*:\s*\S')) then replace($after, '^(→|-&gt;)[^:]*:\s*', '')
      else ed:reading-string($statement/node())"/>
  </xsl:function>

  <!-- The lead of the list of emendations: what an entry holds, and who made the corrections when one hand made them all. -->
  <xsl:function name="ed:emendations-lead" as="xs:string">
    <xsl:param name="emendations" as="map(*)+"/>
    <xsl:sequence select="concat('Corrections of the source’s text, by place: the source’s reading, the corrected reading, and the reason.',
      ed:common-resp($emendations)[.] ! concat(' Corrected by ', ., '.'))"/>
  </xsl:function>

  <!-- Who made all the emendations, when one hand (the same @resp label) made every one; else ''. -->
  <xsl:function name="ed:common-resp" as="xs:string">
    <xsl:param name="emendations" as="map(*)*"/>
    <xsl:variable name="hands" select="distinct-values($emendations ! ?resp)"/>
    <xsl:sequence select="if (count($hands) = 1) then $hands else ''"/>
  </xsl:function>

  <!-- Why and by whom an emendation was made, as sentences: its justification, who made it (with $with-resp), its certainty when not high. -->
  <xsl:function name="ed:emendation-reason" as="xs:string">
    <xsl:param name="emendation" as="map(*)"/>
    <xsl:param name="with-resp" as="xs:boolean"/>
    <xsl:sequence select="string-join((
      $emendation?justification ! ed:sentence(.),
      if ($with-resp) then $emendation?resp[.] ! concat('Corrected by ', ., '.') else (),
      $emendation?cert[.] ! concat('Certainty: ', ., '.')), ' ')"/>
  </xsl:function>

  <!-- A reading in quotation marks. -->
  <xsl:function name="ed:quoted-text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <!-- A reading with double quotation marks of its own (“ unification”) is quoted in single ones, so that the marks stay readable. -->
    <xsl:sequence select="if (matches($text, '[“”&quot;]')) then concat('‘', $text, '’') else concat('“', $text, '”')"/>
  </xsl:function>

  <!-- A statement as a sentence: its first letter capitalised, a full stop added when it ends without one. -->
  <xsl:function name="ed:sentence" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="concat(upper-case(substring($text, 1, 1)), substring($text, 2), if (matches($text, '[.!?…]$')) then '' else '.')"/>
  </xsl:function>

</xsl:stylesheet>
