/*
 * tei-edition: how the search splits text into words and compares them, one
 * definition for both sides: the build indexes the search documents with it
 * (src/search/search-index.ts runs this file in a context of its own) and
 * the search page queries, highlights and checks phrases with it
 * (assets/search.js). A word is a run of characters between spaces and
 * punctuation; words are compared folded: lower case, without accents
 * (Zürich = Zurich), in their compatibility forms (ﬁ = fi, ſ = s), with a
 * few letters that have no decomposition spelled out (ß = ss, ø = o), and
 * with quotation marks and apostrophes unified (’ = ', “ = ").
 */
var TeiEditionSearchTerms = (function () {
  'use strict';

  /* Spaces and punctuation separate words; the modifier letter apostrophe (ʼ, a letter to Unicode) does too, like ’ and '. */
  var SEPARATORS = /[\n\r\p{Z}\p{P}\u02BC]+/u;
  var WORDS = /[^\n\r\p{Z}\p{P}\u02BC]+/gu;
  var MARKS = /\p{M}+/gu;
  var LETTERS = { 'ß': 'ss', 'ẞ': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ı': 'i' };
  var SPECIAL_LETTERS = /[ßẞæÆœŒøØłŁđĐı]/g;
  var APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u2032]/g;
  var QUOTATION_MARKS = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
  var PLAIN = /^[\x20-\x7E]*$/;

  /** Text as the search compares it: lower case, accents removed, special letters spelled out, quotes and apostrophes unified. */
  function fold(text) {
    if (PLAIN.test(text)) return text.toLowerCase();
    return text.normalize('NFKD').replace(MARKS, '')
      .replace(SPECIAL_LETTERS, function (letter) { return LETTERS[letter]; })
      .replace(APOSTROPHES, "'").replace(QUOTATION_MARKS, '"')
      .toLowerCase();
  }

  /** The words of a text, unfolded (MiniSearch's tokenize). */
  function tokenize(text) {
    return text.split(SEPARATORS);
  }

  /** A word as it is indexed and looked up (MiniSearch's processTerm); nothing for an empty word. */
  function processTerm(word) {
    var term = fold(word);
    return term === '' ? null : term;
  }

  /** The words of a text with where each stands: [{ start, end, term }], term folded. */
  function words(text) {
    var found = [];
    var match;
    WORDS.lastIndex = 0;
    while ((match = WORDS.exec(text)) !== null) {
      var term = fold(match[0]);
      if (term !== '') found.push({ start: match.index, end: match.index + match[0].length, term: term });
    }
    return found;
  }

  return Object.freeze({ fold: fold, tokenize: tokenize, processTerm: processTerm, words: words });
})();
