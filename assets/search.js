/*
 * tei-edition: the search page. Loads search-index.json (built with the site)
 * into MiniSearch (assets/minisearch.js) and shows the passages that match:
 * words match by prefix, and all words must match; "quoted words" must occur
 * as a phrase in the passage. Filters by correspondent and year. The query is
 * kept in the URL (?q=…&correspondent=…&year=…), so results can be linked.
 * Loaded in the page's head: it starts when the page has been parsed.
 */
document.addEventListener('DOMContentLoaded', function () {
  'use strict';

  var form = document.querySelector('.search-form');
  var input = document.getElementById('search-query');
  var correspondent = document.getElementById('search-correspondent');
  var year = document.getElementById('search-year');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var KIND_LABELS = { letter: 'Letter', note: 'Note', register: 'Register' };
  var SNIPPET_RADIUS = 90;
  var search;

  /** Lower case, accents removed, whitespace collapsed: how phrases and highlights are compared. */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  /** The query split into phrases (quoted) and single words. */
  function parseQuery(query) {
    var phrases = [];
    var rest = query.replace(/["“”„]([^"“”„]+)["“”„]/g, function (match, phrase) {
      if (phrase.trim()) phrases.push(phrase.trim().replace(/\s+/g, ' '));
      return ' ';
    });
    var words = rest.split(/\s+/).filter(Boolean);
    return { phrases: phrases, words: words };
  }

  /** Where to cut the passage: around the first phrase or matched term. */
  function snippet(text, needles) {
    var folded = fold(text);
    var at = -1;
    for (var i = 0; i < needles.length && at < 0; i++) at = folded.indexOf(fold(needles[i]));
    if (text.length <= 2 * SNIPPET_RADIUS) return text;
    if (at < 0) return text.slice(0, 2 * SNIPPET_RADIUS) + ' …';
    var start = Math.max(0, at - SNIPPET_RADIUS);
    var end = Math.min(text.length, at + SNIPPET_RADIUS);
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  /** Appends text to an element with every occurrence of the needles in <mark>. */
  function appendHighlighted(element, text, needles) {
    var folded = fold(text);
    var marks = [];
    needles.forEach(function (needle) {
      var target = fold(needle);
      if (!target) return;
      for (var at = folded.indexOf(target); at >= 0; at = folded.indexOf(target, at + target.length)) marks.push([at, at + target.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    marks.forEach(function (mark) {
      if (mark[0] < position) return;
      element.appendChild(document.createTextNode(text.slice(position, mark[0])));
      var highlighted = document.createElement('mark');
      highlighted.textContent = text.slice(mark[0], mark[1]);
      element.appendChild(highlighted);
      position = mark[1];
    });
    element.appendChild(document.createTextNode(text.slice(position)));
  }

  function showResults(results, needles) {
    list.textContent = '';
    results.forEach(function (result) {
      var item = document.createElement('li');
      item.className = 'result ' + result.kind;
      var heading = document.createElement('p');
      heading.className = 'result-title';
      var link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.title + ', ' + result.place;
      heading.appendChild(link);
      var kind = document.createElement('span');
      kind.className = 'result-kind';
      kind.textContent = ' ' + KIND_LABELS[result.kind] + (result.date ? ', ' + result.date : '');
      heading.appendChild(kind);
      var passage = document.createElement('p');
      passage.className = 'result-passage';
      appendHighlighted(passage, snippet(result.text, needles), needles);
      item.appendChild(heading);
      item.appendChild(passage);
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var parsed = parseQuery(query);
    var terms = parsed.phrases.join(' ').split(/\s+/).filter(Boolean).concat(parsed.words);
    if (terms.length === 0) {
      list.textContent = '';
      status.textContent = 'Enter a word or a phrase.';
      return;
    }
    var foldedPhrases = parsed.phrases.map(fold);
    var results = search.search(terms.join(' '), {
      combineWith: 'AND',
      prefix: function (term, index, all) { return parsed.words.length > 0 && index === all.length - 1; },
      filter: function (result) {
        if (correspondent.value && result.correspondents.indexOf(correspondent.value) < 0) return false;
        if (year.value && result.year !== year.value) return false;
        var text = fold(result.text.replace(/\s+/g, ' '));
        return foldedPhrases.every(function (phrase) { return text.indexOf(phrase) >= 0; });
      },
    });
    var needles = parsed.phrases.concat(results.length ? Object.keys(results[0].match) : parsed.words);
    results.forEach(function (result) { Object.keys(result.match).forEach(function (term) { if (needles.indexOf(term) < 0) needles.push(term); }); });
    showResults(results, needles);
    status.textContent = results.length === 0 ? 'No passage matches “' + query + '”.' : results.length + (results.length === 1 ? ' passage matches' : ' passages match') + ' “' + query + '”.';
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    correspondent.value = params.get('correspondent') || '';
    year.value = params.get('year') || '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (correspondent.value) params.set('correspondent', correspondent.value);
    if (year.value) params.set('year', year.value);
    var query = params.toString();
    window.history.replaceState(null, '', query ? '?' + query : window.location.pathname);
    if (search) run();
  });
  [correspondent, year].forEach(function (select) {
    select.addEventListener('change', function () { if (search && input.value.trim()) run(); });
  });

  status.textContent = 'Loading the search index …';
  fetch('search-index.json')
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (file) {
      search = window.MiniSearch.loadJS(file.index, file.options);
      fromUrl();
      run();
    })
    .catch(function (error) {
      status.textContent = 'The search index could not be loaded (' + error.message + ').';
    });
});
