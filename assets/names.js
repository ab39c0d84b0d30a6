/*
 * tei-edition: the popovers of names on a letter page. A name in the text
 * (or in the header) is a link to its entry on a register page; with this
 * script, activating it (click, Enter) opens a panel beside it instead, with
 * what the page's index of names holds of the entry (its hidden facts: the
 * normalised name, dates, identification and its certainty, authority
 * records) and a link to the entry page. The panel is a non-modal dialog:
 * focus goes into it; Escape or its close button closes it and returns focus
 * to the name; a click outside closes it. Ctrl, Cmd, Shift or a middle click
 * keep the link's own behaviour, and without this script the link leads to
 * the entry page. Loaded deferred: it starts when the page has been parsed.
 */
(function () {
  'use strict';

  var MENTIONS = 'a.name[href], a.further-target[href]';
  var panel = null;
  var opener = null;

  /** The line of the page's index of names whose entry link has the mention's address, or null. */
  function indexLine(mention) {
    var href = mention.getAttribute('href');
    var links = document.querySelectorAll('.name-entry > a.entry-page');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('href') === href) return links[i].parentNode;
    }
    return null;
  }

  /** A term and its description for the panel's list of facts. */
  function fact(list, term, description) {
    var dt = document.createElement('dt');
    dt.textContent = term;
    var dd = document.createElement('dd');
    dd.className = 'certainty';
    dd.textContent = description;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  /** Closes the open panel; focus goes back to its name when `returnFocus` is set. */
  function close(returnFocus) {
    if (!panel) return;
    var name = opener;
    panel.remove();
    panel = null;
    opener = null;
    if (returnFocus && name) name.focus();
  }

  /** Places the panel below the name (above it when there is no room below), inside the viewport. */
  function place(mention) {
    var margin = 8;
    var rect = mention.getBoundingClientRect();
    var width = panel.offsetWidth;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(margin, Math.min(rect.left, viewport - width - margin));
    var below = rect.bottom + 4;
    var top = below + panel.offsetHeight > window.innerHeight && rect.top - panel.offsetHeight - 4 > 0 ? rect.top - panel.offsetHeight - 4 : below;
    var container = panel.offsetParent && panel.offsetParent !== document.body ? panel.offsetParent.getBoundingClientRect() : { left: -window.scrollX, top: -window.scrollY };
    panel.style.left = left - container.left + 'px';
    panel.style.top = top - container.top + 'px';
  }

  /** Opens the panel of a name (line: its line in the index of names): the entry's name and facts, the certainty the mention itself states, and the entry page's link. */
  function open(mention, line) {
    close(false);
    panel = document.createElement('div');
    panel.className = 'name-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'name-panel-title');
    panel.tabIndex = -1;

    var title = document.createElement('p');
    title.id = 'name-panel-title';
    title.className = 'name-panel-title';
    title.textContent = line.querySelector('a.entry-page').textContent;
    var facts = line.querySelector('.name-facts').cloneNode(true);
    facts.removeAttribute('hidden');
    var stated = mention.getAttribute('data-cert');
    if (stated) fact(facts, 'Certainty here', '“' + mention.textContent.trim() + '”: ' + stated);
    else if (!facts.querySelector('.certainty')) fact(facts, 'Certainty', 'not stated');

    var closer = document.createElement('button');
    closer.type = 'button';
    closer.className = 'name-panel-close';
    closer.setAttribute('aria-label', 'Close');
    closer.textContent = '×';
    closer.addEventListener('click', function () { close(true); });

    var entry = document.createElement('a');
    entry.className = 'name-panel-entry';
    entry.href = mention.getAttribute('href');
    entry.textContent = 'Entry page';

    panel.appendChild(closer);
    panel.appendChild(title);
    panel.appendChild(facts);
    panel.appendChild(entry);
    // Right after the name, so that Tab from the panel goes on in the text.
    mention.parentNode.insertBefore(panel, mention.nextSibling);
    opener = mention;
    place(mention);
    panel.focus();
  }

  document.addEventListener('click', function (event) {
    if (panel && !panel.contains(event.target) && !opener.contains(event.target)) close(false);
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var mention = event.target.closest ? event.target.closest(MENTIONS) : null;
    if (!mention || !mention.closest('main')) return;
    var line = indexLine(mention);
    if (!line) return;
    event.preventDefault();
    if (opener === mention) close(true);
    else open(mention, line);
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && panel) {
      event.preventDefault();
      close(true);
    }
  });

  window.addEventListener('resize', function () { if (panel && opener) place(opener); });
})();
