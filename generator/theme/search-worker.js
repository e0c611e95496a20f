/* svkb search: put before Material's search worker (generator/searchhooks.py). Material's worker
   builds a lunr index of every page before it can answer; with thousands of pages that took
   seconds on a phone. This script answers the queries itself from the split index
   (generator/searchindex.py), fetching only what a query needs:
   1. each word is trimmed, stop words and question words dropped, stemmed (lunr's Porter stemmer,
      the one the index was built with) and joined with its synonyms ("criteria" -> "criterion",
      "bid" -> "tender"); the last word (being typed) or a stem of five letters or more matches
      as a prefix; a word of four letters or more that matches nothing is looked up with one
      typing error allowed (two from seven letters), among words with the same first letters;
   2. the term file of each word gives the documents holding it and their weights, which are
      lunr's (BM25, field and page boosts, idf over the whole index); documents are scored as
      lunr scores them, then as Material does (pages over sections, more of the words matched);
   3. the best pages are fetched (the first six are shown as soon as they are in, then the
      list grows to twenty), results whose title is the query (or contains it, or whose address
      does) come first, and the matched words are marked.
   Online the files are fetched; from file:// (the offline copy, where the worker runs in an
   iframe) they are loaded with script tags. Messages other than queries go to Material. */
(function () {
  "use strict";
  var SYNONYMS = __SVKB_SYNONYMS__;
  var RESULTS = 20, FIRST = 6;  // pages listed, and how many are shown first while the rest load
  var PAUSE = 100;  // ms to wait for the next key before looking up typing errors and fetching pages
  var FILLER = { mean: 1, meaning: 1, means: 1, tell: 1, explain: 1, please: 1, know: 1 };  // question words, not topics
  var SETUP = 0, QUERY = 2, RESULT = 3;  // Material's message types
  var setup = null, root = null, latest = 0, files = {}, waiting = {}, known = {};

  function split() { return setup && setup.config && setup.config.svkb; }
  function rootUrl() {
    var script = typeof document !== "undefined" && document.querySelector("script[src]");
    return new URL("../../../", script ? script.src : self.location.href);  // the worker is in assets/javascripts/workers/
  }
  function offline() { return root.protocol === "file:"; }

  self.__svkbSearch = function (name, data) {
    if (waiting[name]) { waiting[name](data); delete waiting[name]; }
  };
  function parse(text) { return JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(");"))); }
  function load(name) {
    if (name.indexOf("t-") === 0 && !known[name]) { return Promise.resolve(null); }  // no word starts so
    if (!files[name]) {
      files[name] = new Promise(function (resolve) {
        var url = new URL(split().folder + name + ".js", root).href;
        if (offline()) {
          var tag = document.createElement("script");
          waiting[name] = resolve;
          tag.onerror = function () { delete waiting[name]; resolve(null); };
          tag.src = url;
          document.head.appendChild(tag);
          return;
        }
        fetch(url).then(function (response) { return response.ok ? response.text() : null; })
          .then(function (text) { resolve(text ? parse(text) : null); }, function () { resolve(null); });
      });
    }
    return files[name];
  }

  function canonical(word) {
    var stem = self.lunr.stemmer(new self.lunr.Token(word)).toString();
    return Object.prototype.hasOwnProperty.call(SYNONYMS, stem) ? SYNONYMS[stem] : stem;
  }
  function trim(word) { return word.replace(/^\W+/, "").replace(/\W+$/, ""); }
  function fileKey(term) {
    return "t-" + term.slice(0, split().prefix).replace(/[^a-z0-9]/g, function (c) { return "_" + c.charCodeAt(0).toString(16); });
  }
  function clausesOf(query) {
    var words = query.toLowerCase().split(/[\s\-]+/).map(function (w) { return w.replace(/[*+~^:"]/g, ""); })
      .filter(function (w) { return w.length; });
    var clauses = [];
    words.forEach(function (token, i) {
      var base = trim(token);
      if (!base || !self.lunr.stopWordFilter(base) || (FILLER[base] && words.length > 1)) { return; }
      var stem = canonical(base);
      var prefix = base.length >= 3 && (i === words.length - 1 || stem.length >= 5);
      clauses.push({ typed: base, term: stem, prefix: prefix });
    });
    return clauses;
  }
  function distance(a, b, most) {  // edit distance with transpositions, as lunr's fuzzy match counts it
    if (Math.abs(a.length - b.length) > most) { return most + 1; }
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows[i] = [i];
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[i][j] = j; continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1); }
      }
    }
    return rows[a.length][b.length];
  }
  function expand(clause, terms) {
    var all = Object.keys(terms || {});
    return clause.prefix
      ? all.filter(function (t) { return t.indexOf(clause.term) === 0; })
      : all.filter(function (t) { return t === clause.term; });
  }
  function nearKeys(term) {  // the term files that may hold a word one typing error from this one
    var head = term.slice(0, split().prefix + 1), letters = "abcdefghijklmnopqrstuvwxyz0123456789", seen = {};
    function add(text) { var key = fileKey(text); if (known[key]) { seen[key] = true; } }
    for (var i = 0; i <= head.length; i++) {
      add(head.slice(0, i) + head.slice(i + 1));  // deletion
      if (i < head.length - 1) { add(head.slice(0, i) + head[i + 1] + head[i] + head.slice(i + 2)); }  // transposition
      for (var j = 0; j < letters.length; j++) {
        add(head.slice(0, i) + letters[j] + head.slice(i));  // insertion
        add(head.slice(0, i) + letters[j] + head.slice(i + 1));  // substitution
      }
    }
    return Object.keys(seen);
  }
  function fuzzy(clause) {  // a word that matches nothing: the words one typing error away (two from seven letters)
    if (clause.expanded.length || clause.term.length < 4 || /[^a-z0-9]/.test(clause.term)) { return Promise.resolve(); }
    var most = clause.term.length >= 7 ? 2 : 1;
    return Promise.all(nearKeys(clause.term).map(load)).then(function (shards) {
      clause.near = {};
      shards.forEach(function (terms) {
        Object.keys(terms || {}).forEach(function (t) {
          if (distance(clause.term, t, most) <= most) { clause.expanded.push(t); clause.near[t] = terms[t]; }
        });
      });
    });
  }

  function score(clauses, shards) {
    var counts = {}, postings = {}, docs = {};
    clauses.forEach(function (clause, c) {
      shards[c] = clause.near || shards[c];
      clause.expanded.forEach(function (term) { counts[term] = (counts[term] || 0) + 1; postings[term] = shards[c][term]; });
    });
    var magnitude = Math.sqrt(Object.keys(counts).reduce(function (sum, t) { return sum + counts[t] * counts[t]; }, 0)) || 1;
    clauses.forEach(function (clause, c) {
      clause.expanded.forEach(function (term) {
        var posting = postings[term];
        if (!posting) { return; }
        postings[term] = null;  // a term found by two words counts once in each document
        for (var i = 0; i < posting.length; i += 2) {
          var doc = docs[posting[i]] || (docs[posting[i]] = { id: posting[i], score: 0, words: {} });
          doc.score += counts[term] * posting[i + 1] / magnitude;
        }
      });
      clause.expanded.forEach(function (term) {  // which words each document matched
        var posting = shards[c][term];
        for (var i = 0; i < posting.length; i += 2) { docs[posting[i]].words[c] = true; }
      });
    });
    var pages = {};
    Object.keys(docs).forEach(function (id) {
      var doc = docs[id], page = Math.floor(doc.id / split().sections);
      var boost = (doc.id % split().sections === 0 ? 1 : 0) + Object.keys(doc.words).length / clauses.length;
      doc.score *= 1 + boost * boost;  // Material's boost: pages over sections, more words matched
      var group = pages[page] || (pages[page] = { page: page, score: 0, docs: [] });
      group.docs.push(doc);
      group.score = Math.max(group.score, doc.score);
    });
    return Object.keys(pages).map(function (p) { return pages[p]; })
      .sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  function words(text) {
    return " " + String(text).toLowerCase().replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/[^a-z0-9%&]+/g, " ").trim() + " ";
  }
  function phraseBoost(entry, phrase) {
    var slug = String(entry.location).split(/[?#]/)[0].replace(/index\.html$/, "").replace(/\/$/, "").split("/").pop();
    var title = words(entry.title);
    if (title === phrase) { return 20; }
    if (phrase.trim().indexOf(" ") === -1) { return 1; }
    return title.indexOf(phrase.slice(0, -1)) !== -1 || words(slug) === phrase ? 8 : 1;
  }
  function mark(html, marked) {
    return String(html).replace(/(<[^>]*>)|([^<]+)/g, function (all, tag, text) {
      return tag || text.replace(/[^\s\-]+/g, function (token) {
        var word = trim(token), at = token.indexOf(word);
        if (!word || !marked[canonical(word.toLowerCase())]) { return token; }
        return token.slice(0, at) + "<mark>" + word + "</mark>" + token.slice(at + word.length);
      });
    });
  }
  function fileAddress(location) {
    if (!offline()) { return location; }
    var parts = location.split("#"), path = parts[0];
    path = path === "" || /\/$/.test(path) ? path + "index.html" : path;
    return parts.length > 1 ? path + "#" + parts.slice(1).join("#") : path;
  }
  function item(entry, doc, clauses, marked) {
    var terms = {};
    if (doc) { clauses.forEach(function (clause, c) { terms[clause.typed] = !!doc.words[c]; }); }
    var out = { location: fileAddress(entry.location), title: mark(entry.title, marked), text: mark(entry.text || "", marked), score: doc ? doc.score : 0, terms: terms };
    if (entry.tags) { out.tags = entry.tags.map(function (tag) { return mark(tag, marked); }); }
    return out;
  }
  function results(query, clauses, groups, stores) {
    var marked = {};
    clauses.forEach(function (clause) { clause.expanded.forEach(function (term) { marked[term] = true; }); });
    var phrase = words(query.replace(/[*+]/g, " "));
    return groups.map(function (group, order) {
      var entries = stores[order] || [];
      var boost = entries.length && phrase.length >= 4 ? phraseBoost(entries[0], phrase) : 1;
      var items = group.docs.filter(function (doc) { return entries[doc.id % split().sections]; })
        .sort(function (a, b) { return b.score - a.score; })
        .map(function (doc) { return item(entries[doc.id % split().sections], doc, clauses, marked); });
      if (entries.length && !group.docs.some(function (doc) { return doc.id % split().sections === 0; })) {
        items.push(item(entries[0], null, clauses, marked));
      }
      return { items: items, order: order, score: group.score * boost };
    }).filter(function (group) { return group.items.length; })
      .sort(function (a, b) { return b.score - a.score || a.order - b.order; })
      .map(function (group) { return group.items; });
  }

  function answer(query, ticket) {
    var clauses = clausesOf(query);
    if (!clauses.length) { return Promise.resolve({ items: [] }); }
    var shards;
    return Promise.all(clauses.map(function (clause) { return load(fileKey(clause.term)); })).then(function (loaded) {
      shards = loaded;
      clauses.forEach(function (clause, c) { clause.expanded = expand(clause, shards[c]); });
      return new Promise(function (resolve) { setTimeout(resolve, PAUSE); });
    }).then(function () {
      if (ticket !== latest) { return null; }  // the reader has typed on: look up no typing errors and fetch no pages
      return Promise.all(clauses.map(fuzzy));
    }).then(function (done) {
      if (!done || ticket !== latest) { return null; }
      var groups = score(clauses, shards).slice(0, RESULTS);
      var stores = groups.map(function (group) { return load("d-" + group.page); });
      return Promise.all(stores.slice(0, FIRST)).then(function (first) {  // the first screen as soon as its pages are in
        if (ticket === latest && groups.length > FIRST) { post(ticket, { items: results(query, clauses, groups.slice(0, FIRST), first) }); }
        return Promise.all(stores);
      }).then(function (all) {
        return { items: results(query, clauses, groups, all) };
      });
    });
  }
  function post(ticket, data) {
    if (data && ticket === latest) { self.postMessage({ type: RESULT, data: data }); }
  }

  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") { return listen.call(self, type, listener, options); }
    return listen.call(self, type, function (event) {
      var message = event.data || {};
      if (message.type === SETUP) {
        setup = message.data;
        root = rootUrl();
        ((split() || {}).keys || []).forEach(function (key) { known[key] = true; });
      }
      if (message.type !== QUERY || !split()) { return listener.call(this, event); }
      var ticket = ++latest;
      answer(String(message.data), ticket).then(function (data) { post(ticket, data); }, function (error) {
        console.warn(error);
        post(ticket, { items: [] });
      });
    }, options);
  };
})();
