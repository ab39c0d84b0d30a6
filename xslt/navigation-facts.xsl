<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: what the edition's sequence of letters needs of each letter of
  $letters, as a JSON array in their order, read by the build before any
  letter is built (src/build/navigation.ts), so that each letter page can
  link to its neighbours. A letter's date and correspondents are read by the
  functions the index page uses: the sort key of ed:date-sort-key, the latest
  bound and title that break its ties, and the correspondents' keys of
  ed:correspondent-key. Also the letter's correspContext pointers to the
  previous and next letter of its correspondence, each with its path for the
  build's diagnostics.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  exclude-result-prefixes="#all">

  <xsl:import href="common/common.xsl"/>
  <xsl:import href="html/correspondence.xsl"/>

  <xsl:output method="json" indent="no"/>

  <!-- The letters, read in one transform: SaxonJS prepares a stylesheet
       anew for every transform, which costs more than reading one letter. -->
  <xsl:param name="letters" as="document-node()*" select="()"/>

  <xsl:template name="xsl:initial-template">
    <xsl:sequence select="array{ $letters ! ed:letter-facts(*) }"/>
  </xsl:template>

  <xsl:function name="ed:letter-facts" as="map(*)">
    <xsl:param name="letter" as="element()"/>
    <xsl:for-each select="$letter">
      <xsl:variable name="bounds" select="ed:date-bounds(.)"/>
      <xsl:sequence select="map{
        'sortKey': ed:date-sort-key(.),
        'latest': ($bounds[2][.], '9999')[1],
        'dated': exists($bounds[.]),
        'title': ed:title(.),
        'date': ed:date-statement(.),
        'from': ed:names-label(ed:senders(.)),
        'to': ed:names-label(ed:recipients(.)),
        'senders': array{ ed:senders(.)[ed:name-label(.)] ! ed:party(.) },
        'recipients': array{ ed:recipients(.)[ed:name-label(.)] ! ed:party(.) },
        'context': array{ ed:correspondence(.)/tei:correspContext//tei:ref[normalize-space(@target)][@type = ('previous', 'prev', 'next')]
          ! map{'type': if (@type = 'next') then 'next' else 'previous', 'target': normalize-space(@target), 'path': path(.)} }
      }"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A correspondent as the sequence groups it: its key and its name. -->
  <xsl:function name="ed:party" as="map(xs:string, xs:string)">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="map{'key': ed:correspondent-key($name), 'label': ed:correspondent-label($name)}"/>
  </xsl:function>

</xsl:stylesheet>
