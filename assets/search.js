/*
 * tei-edition: the search page. Loads search-index.json (built with the site)
 * into MiniSearch (assets/minisearch.js), with the words split and folded as
 * the build indexed them (assets/search-terms.js: Zürich = Zurich, ’ = ').
 * All words must match, the last also by its beginning; "quoted words" must
 * occur as a phrase. Results: the register entries first (an entry found by
 * one of its names above one that only mentions it), then the passages
 * grouped by letter, the letter with the best passage first; each shows a
 * snippet cut at word boundaries around its matches, with the matched words
 * marked, so every result shows why it was found. The filters (correspondent,
 * year, kind) narrow the results, and without words list the letters. The
 * query and filters are kept in the URL (?q=…&correspondent=…&year=…&kind=…),
 * so a reload or a shared link shows the same results. The form is hidden
 * in the page and shown here: without JavaScript, the page's noscript
 * message leads to the index and the registers instead.
 * Loaded in the page's head: it starts when the page has been parsed.
 */
document.addEventListener('DOMContentLoaded', function () {
  'use strict';

  var terms = window.TeiEditionSearchTerms;
  var form = document.querySelector('.search-form');
  var resultsSection = document.querySelector('.search-results');
  var input = document.getElementById('search-query');
  var filters = {
    correspondent: document.getElementById('search-correspondent'),
    year: document.getElementById('search-year'),
    kind: document.getElementById('search-kind'),
  };
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var REGISTER_GROUP = 'Register entries';
  var SNIPPET_LENGTH = 180;
  /* An entry found by one of its names ranks above one whose description mentions the word. */
  var BOOST = { names: 3 };
  var search;
  var letters = [];

  /** The query split into phrases (in straight or typographic double quotes) and single words. */
  function parseQuery(query) {
    var phrases = [];
    var rest = query.replace(/["“”„«»]([^"“”„«»]+)["“”„«»]/g, function (match, phrase) {
      var phraseTerms = terms.words(phrase).map(function (word) { return word.term; });
      if (phraseTerms.length) phrases.push(phraseTerms);
      return ' ';
    });
    return { phrases: phrases, words: terms.words(rest).map(function (word) { return word.term; }) };
  }

  /** Whether the words of a text hold the phrase's terms one after the other. */
  function hasPhrase(textTerms, phrase) {
    for (var at = 0; at + phrase.length <= textTerms.length; at++) {
      var found = true;
      for (var i = 0; i < phrase.length && found; i++) found = textTerms[at + i] === phrase[i];
      if (found) return true;
    }
    return false;
  }

  /**
   * The part of a text to show: the stretch of at most SNIPPET_LENGTH
   * characters, from the start of a word to the end of one, that holds the
   * most different matched terms (the first such), with "…" where it cuts.
   * Returns the text of the snippet and its words, each marked when matched.
   */
  function snippet(text, matched) {
    var words = terms.words(text);
    var hits = words.filter(function (word) { return matched[word.term]; });
    var first = 0;
    var last = words.length - 1;
    if (text.length > SNIPPET_LENGTH && hits.length) {
      var best = -1;
      var clusterEnd = 0;
      hits.forEach(function (hit) {
        var seen = {};
        var count = 0;
        var end = hit.end;
        hits.forEach(function (other) {
          if (other.start < hit.start || other.end - hit.start > SNIPPET_LENGTH) return;
          end = Math.max(end, other.end);
          if (!seen[other.term]) { seen[other.term] = true; count++; }
        });
        if (count > best) { best = count; first = words.indexOf(hit); clusterEnd = end; }
      });
      /* Words before the first match take up to half the room the matches leave, so that they are read in context. */
      var anchor = words[first].start;
      var room = SNIPPET_LENGTH - (clusterEnd - anchor);
      while (first > 0 && anchor - words[first - 1].start <= room / 2) first--;
    }
    if (text.length > SNIPPET_LENGTH && words.length) {
      last = first;
      while (last + 1 < words.length && words[last + 1].end - words[first].start <= SNIPPET_LENGTH) last++;
    }
    var start = first > 0 ? words[first].start : 0;
    var end = last < words.length - 1 ? words[last].end : text.length;
    return {
      before: start > 0,
      after: end < text.length,
      text: text.slice(start, end),
      marks: words.slice(first, last + 1).filter(function (word) { return matched[word.term]; })
        .map(function (word) { return [word.start - start, word.end - start]; }),
    };
  }

  /** A paragraph showing a snippet with its matched words in <mark>. */
  function passage(text, matched) {
    var shown = snippet(text, matched);
    var element = document.createElement('p');
    element.className = 'result-passage';
    var position = 0;
    if (shown.before) element.appendChild(document.createTextNode('… '));
    shown.marks.forEach(function (mark) {
      element.appendChild(document.createTextNode(shown.text.slice(position, mark[0])));
      var highlighted = document.createElement('mark');
      highlighted.textContent = shown.text.slice(mark[0], mark[1]);
      element.appendChild(highlighted);
      position = mark[1];
    });
    element.appendChild(document.createTextNode(shown.text.slice(position)));
    if (shown.after) element.appendChild(document.createTextNode(' …'));
    return element;
  }

  function link(href, text) {
    var anchor = document.createElement('a');
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  function element(name, className, text) {
    var made = document.createElement(name);
    made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  /** A group of results: its heading (a letter's title with its date, or "Register entries") and its list. */
  function group(className, heading, facts) {
    var item = element('li', 'result-group ' + className);
    var title = element('h3', 'group-title');
    title.appendChild(heading);
    item.appendChild(title);
    if (facts) item.appendChild(element('p', 'group-facts', facts));
    return item;
  }

  function letterFacts(letter) {
    return [letter.date, letter.correspondents.join(', ')].filter(Boolean).join(' · ');
  }

  /** The results, grouped: register entries first, then letters by their best passage. */
  function showResults(results) {
    var groups = [];
    var byKey = {};
    results.forEach(function (result) {
      var key = result.kind === 'register' ? REGISTER_GROUP : result.letter;
      if (!byKey.hasOwnProperty(key)) {
        byKey[key] = { key: key, results: [] };
        if (key === REGISTER_GROUP) groups.unshift(byKey[key]); else groups.push(byKey[key]);
      }
      byKey[key].results.push(result);
    });
    list.textContent = '';
    groups.forEach(function (found) {
      var letter = letters[found.key];
      var item = found.key === REGISTER_GROUP
        ? group('registers', document.createTextNode(REGISTER_GROUP))
        : group('letter', link(letter.url, letter.title), letterFacts(letter));
      var passages = element('ol', 'group-results');
      found.results.forEach(function (result) {
        var entry = element('li', 'result ' + result.kind);
        var heading = element('p', 'result-title');
        heading.appendChild(link(result.url, result.kind === 'register' ? result.title : result.place));
        heading.appendChild(element('span', 'result-kind', result.kind === 'register' ? ' ' + result.place : result.kind === 'note' ? ' in the notes' : ''));
        entry.appendChild(heading);
        entry.appendChild(passage(result.text, result.matched));
        passages.appendChild(entry);
      });
      item.appendChild(passages);
      list.appendChild(item);
    });
    return groups.length - (byKey.hasOwnProperty(REGISTER_GROUP) ? 1 : 0);
  }

  /** Whether a letter passes the correspondent and year filters. */
  function letterPasses(letter, chosen) {
    return (!chosen.correspondent || letter.correspondents.indexOf(chosen.correspondent) >= 0) && (!chosen.year || letter.year === chosen.year);
  }

  /** Without words: the letters that pass the filters, in date order. */
  function listLetters(chosen) {
    list.textContent = '';
    if (chosen.kind === 'register') {
      status.textContent = 'Register entries are found by words; browse them in the registers, linked at the top of the page.';
      return;
    }
    var shown = letters.filter(function (letter) { return letterPasses(letter, chosen) && (chosen.kind !== 'note' || letter.notes > 0); });
    shown.forEach(function (letter) {
      var item = group('letter', link(letter.url, letter.title), letterFacts(letter));
      list.appendChild(item);
    });
    status.textContent = (shown.length === 0 ? 'No letter' : plural(shown.length, 'letter', 'letters')) + (chosen.kind === 'note' ? ' with notes' : '') + ' ' + (shown.length === 1 ? 'matches' : 'match') + ' the filters.';
  }

  function chosenFilters() {
    return { correspondent: filters.correspondent.value, year: filters.year.value, kind: filters.kind.value };
  }

  function run() {
    var query = input.value.trim();
    var chosen = chosenFilters();
    var parsed = parseQuery(query);
    var queryTerms = [].concat.apply(parsed.words, parsed.phrases);
    if (queryTerms.length === 0) {
      if (chosen.correspondent || chosen.year || chosen.kind) { listLetters(chosen); return; }
      list.textContent = '';
      status.textContent = 'Enter a word or a phrase, or choose a filter to list letters.';
      return;
    }
    var results = search.search(queryTerms.join(' '), {
      combineWith: 'AND',
      boost: BOOST,
      prefix: function (term, index) { return index === parsed.words.length - 1; },
      filter: function (result) {
        if (chosen.kind && result.kind !== chosen.kind) return false;
        if (chosen.correspondent || chosen.year) {
          if (result.kind === 'register' || !letterPasses(letters[result.letter], chosen)) return false;
        }
        if (parsed.phrases.length === 0) return true;
        var textTerms = terms.words(result.text).map(function (word) { return word.term; });
        return parsed.phrases.every(function (phrase) { return hasPhrase(textTerms, phrase); });
      },
    });
    results.forEach(function (result) {
      result.matched = {};
      Object.keys(result.match).forEach(function (term) { result.matched[term] = true; });
    });
    var letterCount = showResults(results);
    var entries = results.filter(function (result) { return result.kind === 'register'; }).length;
    var passages = results.length - entries;
    var found = [];
    if (entries) found.push(plural(entries, 'register entry', 'register entries'));
    if (passages) found.push(plural(passages, 'passage', 'passages') + ' in ' + plural(letterCount, 'letter', 'letters'));
    status.textContent = results.length === 0
      ? 'Nothing matches “' + query + '”' + (chosen.correspondent || chosen.year || chosen.kind ? ' with these filters.' : '.')
      : found.join(' and ') + ' ' + (results.length === 1 ? 'matches' : 'match') + ' “' + query + '”.';
  }

  /** The query and filters from the page's URL. */
  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    Object.keys(filters).forEach(function (name) {
      var value = params.get(name) || '';
      var select = filters[name];
      select.value = value;
      if (select.value !== value) select.value = '';
    });
  }

  /** Keeps the query and filters in the URL, so that a reload or a shared link restores them. */
  function toUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    Object.keys(filters).forEach(function (name) { if (filters[name].value) params.set(name, filters[name].value); });
    var query = params.toString();
    window.history.replaceState(null, '', query ? '?' + query : window.location.pathname);
  }

  fromUrl();
  form.hidden = false;
  resultsSection.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    toUrl();
    if (search) run();
  });
  Object.keys(filters).forEach(function (name) {
    filters[name].addEventListener('change', function () {
      toUrl();
      if (search) run();
    });
  });

  status.textContent = 'Loading the search index …';
  fetch('search-index.json')
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (file) {
      letters = file.letters;
      search = window.MiniSearch.loadJS(file.index, Object.assign({}, file.options, { tokenize: terms.tokenize, processTerm: terms.processTerm }));
      run();
    })
    .catch(function (error) {
      status.textContent = 'The search index could not be loaded (' + error.message + ').';
    })
    .finally(function () {
      resultsSection.setAttribute('aria-busy', 'false');
    });
});
