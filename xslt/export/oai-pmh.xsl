<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry: the edition's static OAI-PMH 2.0 responses with oai_dc records, run
  from its initial template with the parts of all letters (each letter's
  part is its record; see common/letter-parts.xsl). The principal result is
  oai/Identify.xml; xsl:result-document writes, relative to it,
  ListMetadataFormats.xml, ListIdentifiers.xml and ListRecords.xml (the
  first $oai-page-size records; each further page in ListIdentifiers/ or
  ListRecords/, named by its resumption token) and GetRecord/{id}.xml per
  letter. The request element names the base URL {base-url}/oai and the
  arguments the file answers; responseDate is the build date; a record's
  datestamp is the day its letter last changed (ed:last-change), else the
  build date, so that incremental harvests (from=…) see what changed;
  earliestDatestamp is the oldest of them.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:oai="http://www.openarchives.org/OAI/2.0/"
  xmlns="http://www.openarchives.org/OAI/2.0/"
  exclude-result-prefixes="xs tei ed oai">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="export-params.xsl"/>
  <xsl:include href="export-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- The OAI-PMH base URL the responses stand for. -->
  <xsl:variable name="ed:oai-base-url" as="xs:string" select="concat($base-url, '/oai')"/>

  <!-- The repository identifier of OAI identifiers: the host name of the base URL. -->
  <xsl:variable name="ed:oai-repository" as="xs:string" select="replace($base-url, '^[a-z]+://([^/:]+).*$', '$1')"/>

  <!-- The OAI identifier of a letter, e.g. oai:tei-edition.example.org:lenin-to-shlyapnikov-1916-10. -->
  <xsl:function name="ed:oai-identifier" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat('oai:', $ed:oai-repository, ':', $id)"/>
  </xsl:function>

  <!-- The resumption token of the list page that begins at record $cursor (counted from 0); also its file name in the verb's folder. -->
  <xsl:function name="ed:oai-resumption-token" as="xs:string">
    <xsl:param name="cursor" as="xs:integer"/>
    <xsl:sequence select="concat('oai_dc-', $cursor)"/>
  </xsl:function>

  <!-- Identify (principal result) and the other responses. -->
  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="ed:oai-response">
      <xsl:with-param name="request" as="attribute()*"><xsl:attribute name="verb">Identify</xsl:attribute></xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <Identify>
          <repositoryName><xsl:value-of select="$edition-title"/></repositoryName>
          <baseURL><xsl:value-of select="$ed:oai-base-url"/></baseURL>
          <protocolVersion>2.0</protocolVersion>
          <adminEmail><xsl:value-of select="$contact-email"/></adminEmail>
          <earliestDatestamp><xsl:value-of select="(min($ed:parts/oai:record/oai:header/oai:datestamp ! xs:date(.)), $build-date)[1]"/></earliestDatestamp>
          <deletedRecord>no</deletedRecord>
          <granularity>YYYY-MM-DD</granularity>
        </Identify>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:result-document href="ListMetadataFormats.xml">
      <xsl:call-template name="ed:oai-response">
        <xsl:with-param name="request" as="attribute()*"><xsl:attribute name="verb">ListMetadataFormats</xsl:attribute></xsl:with-param>
        <xsl:with-param name="content" as="element()*">
          <ListMetadataFormats>
            <metadataFormat>
              <metadataPrefix>oai_dc</metadataPrefix>
              <schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>
              <metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace>
            </metadataFormat>
          </ListMetadataFormats>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
    <xsl:variable name="record-count" as="xs:integer" select="count($ed:parts)"/>
    <xsl:variable name="page-count" as="xs:integer" select="max((1, xs:integer(ceiling($record-count div $oai-page-size))))"/>
    <xsl:for-each select="'ListIdentifiers', 'ListRecords'">
      <xsl:variable name="verb" select="."/>
      <xsl:for-each select="1 to $page-count">
        <xsl:variable name="cursor" as="xs:integer" select="(. - 1) * $oai-page-size"/>
        <xsl:result-document href="{if (. = 1) then $verb else concat($verb, '/', ed:oai-resumption-token($cursor))}.xml">
          <xsl:call-template name="ed:oai-response">
            <xsl:with-param name="request" as="attribute()*">
              <xsl:attribute name="verb" select="$verb"/>
              <xsl:choose>
                <xsl:when test=". = 1"><xsl:attribute name="metadataPrefix">oai_dc</xsl:attribute></xsl:when>
                <xsl:otherwise><xsl:attribute name="resumptionToken" select="ed:oai-resumption-token($cursor)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="content" as="element()*">
              <xsl:choose>
                <xsl:when test="empty($ed:parts)"><error code="noRecordsMatch">The edition has no letters.</error></xsl:when>
                <xsl:otherwise>
                  <xsl:element name="{$verb}" namespace="http://www.openarchives.org/OAI/2.0/">
                    <xsl:for-each select="$ed:parts-in-edition-order[position() gt $cursor and position() le $cursor + $oai-page-size]">
                      <xsl:choose>
                        <xsl:when test="$verb = 'ListIdentifiers'">
                          <xsl:copy-of select="oai:record/oai:header" copy-namespaces="no"/>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:copy-of select="*"/>
                        </xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                    <xsl:if test="$page-count gt 1">
                      <!-- The last page's token is empty: the list is complete (OAI-PMH 2.0, 3.5). -->
                      <resumptionToken completeListSize="{$record-count}" cursor="{$cursor}">
                        <xsl:if test=". lt $page-count"><xsl:value-of select="ed:oai-resumption-token($cursor + $oai-page-size)"/></xsl:if>
                      </resumptionToken>
                    </xsl:if>
                  </xsl:element>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:result-document>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="$ed:parts-in-edition-order">
      <xsl:variable name="id" select="string(@id)"/>
      <xsl:result-document href="GetRecord/{encode-for-uri($id)}.xml">
        <xsl:call-template name="ed:oai-response">
          <xsl:with-param name="request" as="attribute()*">
            <xsl:attribute name="verb">GetRecord</xsl:attribute>
            <xsl:attribute name="identifier" select="ed:oai-identifier($id)"/>
            <xsl:attribute name="metadataPrefix">oai_dc</xsl:attribute>
          </xsl:with-param>
          <xsl:with-param name="content" as="element()*">
            <GetRecord>
              <xsl:copy-of select="*"/>
            </GetRecord>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- The response frame: responseDate (the build date), request with its arguments, the content. -->
  <xsl:template name="ed:oai-response">
    <xsl:param name="request" as="attribute()*"/>
    <xsl:param name="content" as="element()*"/>
    <OAI-PMH xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
      <responseDate><xsl:value-of select="$build-date"/>T00:00:00Z</responseDate>
      <request>
        <xsl:sequence select="$request"/>
        <xsl:value-of select="$ed:oai-base-url"/>
      </request>
      <xsl:sequence select="$content"/>
    </OAI-PMH>
  </xsl:template>

  <!-- A letter's part: its record. -->
  <xsl:template name="ed:oai-pmh-part">
    <xsl:context-item as="element(tei:TEI)" use="required"/>
    <xsl:call-template name="ed:oai-record">
      <xsl:with-param name="tei" select="."/>
      <xsl:with-param name="id" select="ed:letter-id(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A record header: the OAI identifier and, as datestamp, the day the letter last changed, else the build date. -->
  <xsl:template name="ed:oai-header">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <header>
      <identifier><xsl:value-of select="ed:oai-identifier($id)"/></identifier>
      <datestamp><xsl:value-of select="(ed:last-change($tei)[.], string($build-date))[1]"/></datestamp>
    </header>
  </xsl:template>

  <!-- A record with its Dublin Core description. -->
  <xsl:template name="ed:oai-record">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <record>
      <xsl:call-template name="ed:oai-header">
        <xsl:with-param name="tei" select="$tei"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <metadata>
        <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
          <dc:title><xsl:value-of select="ed:title($tei)"/></dc:title>
          <xsl:for-each select="ed:senders($tei) ! ed:name-label(.)[.]">
            <dc:creator><xsl:value-of select="."/></dc:creator>
          </xsl:for-each>
          <xsl:for-each select="ed:recipients($tei) ! ed:name-label(.)[.]">
            <dc:contributor><xsl:value-of select="."/> (recipient)</dc:contributor>
          </xsl:for-each>
          <xsl:for-each select="ed:translators($tei) ! ed:name-label(.)[.]">
            <dc:contributor><xsl:value-of select="."/> (translator)</dc:contributor>
          </xsl:for-each>
          <!-- Harvesters parse dc:date as one ISO date: what is known of the date goes there, a range to dc:coverage. -->
          <xsl:for-each select="ed:known-iso-date($tei)[.]">
            <dc:date><xsl:value-of select="."/></dc:date>
          </xsl:for-each>
          <xsl:for-each select="ed:iso-date-range($tei)[.][not(ed:date-is-exact($tei))]">
            <dc:coverage><xsl:value-of select="."/></dc:coverage>
          </xsl:for-each>
          <dc:description>Letter, <xsl:value-of select="ed:date-statement($tei)"/>.</dc:description>
          <xsl:for-each select="ed:language($tei)[. != 'und']">
            <dc:language><xsl:value-of select="."/></dc:language>
          </xsl:for-each>
          <dc:type>Text</dc:type>
          <dc:type>Letter</dc:type>
          <dc:format>application/tei+xml</dc:format>
          <dc:publisher><xsl:value-of select="$publisher"/></dc:publisher>
          <xsl:variable name="rights" select="ed:rights($tei)"/>
          <xsl:for-each select="ed:source-label($tei)[.]">
            <dc:source><xsl:value-of select="."/></dc:source>
          </xsl:for-each>
          <xsl:for-each select="$rights?credit[.]">
            <dc:source><xsl:value-of select="string-join(($rights?credited-title[.], ., $rights?credit-url[.]), ', ')"/></dc:source>
          </xsl:for-each>
          <xsl:for-each select="ed:rights-statements($rights)">
            <dc:rights><xsl:value-of select="."/></dc:rights>
          </xsl:for-each>
          <dc:identifier><xsl:value-of select="ed:letter-url($id)"/></dc:identifier>
          <dc:identifier><xsl:value-of select="ed:letter-url($id), encode-for-uri($id), '.xml'" separator=""/></dc:identifier>
          <dc:relation><xsl:value-of select="$base-url"/>/</dc:relation>
        </oai_dc:dc>
      </metadata>
    </record>
  </xsl:template>

</xsl:stylesheet>
