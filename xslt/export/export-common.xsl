<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the archive exports share beyond the common layer: authority URIs of
  names, ISO dates, date ranges and what is known of a ranged date, and the report of a fallback (an
  xsl:message the build turns into a warning).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="https://tei-edition.example.org/ns/xslt"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- True for an http(s) URI (an authority record), false for local pointers and keys. -->
  <xsl:function name="ed:is-authority-uri" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="matches($value, '^https?://[^\s]+$')"/>
  </xsl:function>

  <!--
    The authority files correspSearch links by, each with the pattern of its
    URIs (any scheme, host variant, trailing slash or suffix such as
    "/about", "/about.rdf", "/munich.html", "#…"; lobid-gnd for the GND) and
    the one form the exports write: GND https://d-nb.info/gnd/ID, VIAF
    https://viaf.org/viaf/ID, Wikidata http://www.wikidata.org/entity/QID
    (the entity, not its /wiki/ page), GeoNames https://www.geonames.org/ID.
  -->
  <xsl:variable name="ed:authority-files" as="map(xs:string, xs:string)*" select="(
    map{'name': 'gnd', 'pattern': '^https?://(www\.)?(d-nb\.info|lobid\.org)/gnd/([0-9][0-9X-]*[0-9X])([/.#?].*)?$', 'form': 'https://d-nb.info/gnd/$3'},
    map{'name': 'viaf', 'pattern': '^https?://(www\.)?viaf\.org/viaf/([0-9]+)([/.#?].*)?$', 'form': 'https://viaf.org/viaf/$2'},
    map{'name': 'wikidata', 'pattern': '^https?://(www\.|m\.)?wikidata\.org/(wiki|entity)/(Special:EntityPage/)?(Q[0-9]+)([/.#?].*)?$', 'form': 'http://www.wikidata.org/entity/$4'},
    map{'name': 'geonames', 'pattern': '^https?://(www\.|sws\.)?geonames\.org/([0-9]+)([/.#?].*)?$', 'form': 'https://www.geonames.org/$2'})"/>

  <!-- An authority URI in its normalised form, with the authority file it is of: map{'authority' (a name of $ed:authority-files, '' for any other), 'uri'}. -->
  <xsl:function name="ed:normalised-authority-uri" as="map(xs:string, xs:string)">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="file" select="$ed:authority-files[matches($uri, ?pattern, 'i')][1]"/>
    <xsl:sequence select="if (exists($file)) then map{'authority': $file?name, 'uri': replace($uri, $file?pattern, $file?form, 'i')}
      else map{'authority': '', 'uri': $uri}"/>
  </xsl:function>

  <!--
    The authority URI of a name, normalised (ed:normalised-authority-uri):
    of the http(s) URIs of its @ref and of its register entry's @ref,
    @sameAs and idno, the one of the most preferred authority file (persons
    and organisations: GND, VIAF, Wikidata; places: GeoNames, GND,
    Wikidata), else the first other URI; '' when the TEI has none.
  -->
  <xsl:function name="ed:authority-uri" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:register-entry($name)"/>
    <xsl:sequence select="ed:preferred-authority-uri((tokenize(normalize-space($name/@ref), ' '), ed:entry-uris($entry)),
      ed:is-place-name($name) or exists($entry/self::tei:place))"/>
  </xsl:function>

  <!-- The authority URI of a register entry (its @ref, @sameAs and idno; see ed:authority-uri), '' when it has none. -->
  <xsl:function name="ed:entry-authority-uri" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:preferred-authority-uri(ed:entry-uris($entry), exists($entry/self::tei:place))"/>
  </xsl:function>

  <!-- The URIs a register entry gives: its @ref and @sameAs tokens and its idno values. -->
  <xsl:function name="ed:entry-uris" as="xs:string*">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="($entry/(@ref, @sameAs) ! tokenize(normalize-space(.), ' '), $entry/tei:idno ! normalize-space(.))"/>
  </xsl:function>

  <!-- Of some values, the normalised authority URI of the most preferred authority file (places: GeoNames, GND, Wikidata; else GND, VIAF, Wikidata), else the first other URI; ''. -->
  <xsl:function name="ed:preferred-authority-uri" as="xs:string">
    <xsl:param name="values" as="xs:string*"/>
    <xsl:param name="place" as="xs:boolean"/>
    <xsl:variable name="uris" select="$values[ed:is-authority-uri(.)] ! ed:normalised-authority-uri(.)"/>
    <xsl:variable name="preference" select="if ($place) then ('geonames', 'gnd', 'wikidata') else ('gnd', 'viaf', 'wikidata')"/>
    <xsl:sequence select="((for $authority in $preference return $uris[?authority = $authority]), $uris[not(?authority = $preference)], map{'uri': ''})[1]?uri"/>
  </xsl:function>

  <!-- The letter's exact date (YYYY, YYYY-MM or YYYY-MM-DD), '' when it is a range, undated or not ISO. -->
  <xsl:function name="ed:iso-date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if (ed:date-is-exact($tei)) then ed:iso-date-range($tei) else ''"/>
  </xsl:function>

  <!--
    What is known of the letter's date as one ISO date: the parts both bounds
    agree on (ed:agreed-date-parts: the exact date; 1916 for a letter written
    between 3 October and 2 November 1916, 1916-10 for one between 3 and 20
    October 1916); '' when an end is open or the bounds share no year.
  -->
  <xsl:function name="ed:known-iso-date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="parts" select="ed:agreed-date-parts($tei)"/>
    <xsl:variable name="iso" select="string-join(($parts[1] ! format-number(., '0000'), subsequence($parts, 2) ! format-number(., '00')), '-')"/>
    <xsl:sequence select="if (ed:is-iso-date($iso)) then $iso else ''"/>
  </xsl:function>

  <!-- Reports a fallback an export (the registry's format name) used for a letter, or a problem of the letter's encoding (format '', a rule with its stage, e.g. "metadata/…", and a hint): a JSON object the build turns into a warning naming the letter and the export. -->
  <xsl:template name="ed:report-fallback">
    <xsl:param name="format" as="xs:string"/>
    <xsl:param name="letter-id" as="xs:string"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <!-- What to do about it; '' for the build's hint on export fallbacks. -->
    <xsl:param name="hint" as="xs:string" select="''"/>
    <xsl:message select="serialize(map:merge((map{'format': $format, 'letter': $letter-id, 'rule': $rule, 'message': $message}, $hint[.] ! map{'hint': .})), map{'method': 'json'})"/>
  </xsl:template>

</xsl:stylesheet>
