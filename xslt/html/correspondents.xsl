<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the correspondents' pages, run from its initial template with the
  parts of all letters (each letter's part is its row and correspondents,
  as the index has them: ed:letter-row). One page per person or
  organisation that sends or receives a letter (correspondents/{file}.html,
  see ed:correspondent-file), listing their letters by date in both
  directions with the other party; and correspondents.html, the list of
  them all (beside the folder, so that no correspondent's page can take its
  name).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="index.xsl"/>

  <!-- A letter's part: its row and correspondents. -->
  <xsl:template name="ed:correspondents-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:call-template name="ed:letter-row"/>
  </xsl:template>

  <!-- Every letter's correspondents, each as map{'name': its ed:correspondent element, 'letter': the letter's number in $ed:parts}. -->
  <xsl:variable name="ed:correspondences" as="map(*)*" select="
    for $i in 1 to count($ed:parts) return $ed:parts[$i]/ed:correspondent ! map{'name': ., 'letter': $i}"/>

  <!-- The list of correspondents, then one page for each. -->
  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="concat('Correspondents – ', $edition-title)"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="path" select="'correspondents.html'"/>
      <xsl:with-param name="description" select="concat('The senders and recipients of the letters in ', $edition-title, ', each with a page listing their letters by date.')"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Correspondents</h1>
        <xsl:choose>
          <xsl:when test="empty($ed:correspondences)"><p>No letter names its sender or recipient.</p></xsl:when>
          <xsl:otherwise>
            <ul class="correspondents">
              <xsl:for-each-group select="$ed:correspondences" group-by="string(?name/@key)">
                <xsl:sort select="lower-case(current-group()[1]?name/@label)"/>
                <xsl:variable name="letters" select="count(distinct-values(current-group()?letter))"/>
                <li>
                  <a class="correspondent" href="{ed:correspondent-page(current-grouping-key(), '')}"><xsl:value-of select="current-group()[1]?name/@label"/></a>
                  <xsl:value-of select="concat(' (', $letters, if ($letters = 1) then ' letter)' else ' letters)')"/>
                </li>
              </xsl:for-each-group>
            </ul>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:for-each-group select="$ed:correspondences" group-by="string(?name/@key)">
      <xsl:result-document href="{ed:correspondent-page(current-grouping-key(), '')}">
        <xsl:call-template name="ed:correspondent-page">
          <xsl:with-param name="key" select="current-grouping-key()"/>
          <xsl:with-param name="names" select="current-group()"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each-group>
  </xsl:template>

  <!--
    A correspondent's page: their letters by date (ed:chronological, the
    index's order), each with its date, "to" or "from" (the correspondent
    wrote or received it) and the other party, linked to their pages, and
    the letter.
  -->
  <xsl:template name="ed:correspondent-page">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="names" as="map(*)+"/>
    <xsl:variable name="name" select="$names[1]?name"/>
    <xsl:variable name="label" select="string($name/@label)"/>
    <xsl:variable name="letters" select="ed:chronological(distinct-values($names?letter))"/>
    <xsl:variable name="written" select="count(distinct-values($names[?name/@role = 'from']?letter))"/>
    <xsl:variable name="received" select="count(distinct-values($names[?name/@role = 'to']?letter))"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="title" select="concat('Letters of ', $label)"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="path" select="concat('correspondents/', ed:correspondent-file($key))"/>
      <xsl:with-param name="description" select="concat('The letters of ', $label, ' in ', $edition-title, ' by date: ', $written, ' written, ', $received, ' received.')"/>
      <xsl:with-param name="content" as="node()*">
        <h1><xsl:value-of select="concat('Letters of ', $label)"/></h1>
        <p class="letter-count">
          <xsl:value-of select="concat(count($letters), if (count($letters) = 1) then ' letter' else ' letters', ': ', $written, ' written, ', $received, ' received.')"/>
          <xsl:if test="$name/@mention = 'true'">
            <xsl:text> </xsl:text>
            <a href="../{$name/@href}">Register entry</a>
          </xsl:if>
        </p>
        <table class="letter-list">
          <caption>Earliest possible date first; letters known only to be later than a date stand at that date, undated letters last, by file name.</caption>
          <thead>
            <tr><th scope="col">Date</th><th scope="col">With</th><th scope="col">Letter</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$letters">
              <xsl:variable name="number" select="."/>
              <xsl:variable name="row" select="$ed:index-rows($number)"/>
              <xsl:variable name="roles" select="distinct-values($names[?letter = $number]?name/@role)"/>
              <xsl:variable name="others" select="$ed:parts[$number]/ed:correspondent[@key != $key][@role != $roles or count($roles) = 2]"/>
              <tr>
                <td data-label="Date"><xsl:value-of select="$row?date"/></td>
                <td data-label="With">
                  <xsl:value-of select="string-join($roles ! map{'from': 'to', 'to': 'from'}(.), ' and ') || ' '"/>
                  <xsl:for-each select="$others">
                    <xsl:if test="position() gt 1">, </xsl:if>
                    <a href="{ed:correspondent-file(@key)}"><xsl:value-of select="@label"/></a>
                  </xsl:for-each>
                  <xsl:if test="empty($others)">Unknown</xsl:if>
                </td>
                <td><a href="../letters/{encode-for-uri($row?id)}/index.html"><xsl:value-of select="$row?title"/></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
