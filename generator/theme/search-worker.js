/* svkb search: appended to Material's search worker (generator/searchhooks.py), after lunr is loaded
   and before the index is built.
   - Words are reduced to their stem in the index and in the query ("constructing" and
     "construction" both become "construct"), and a few words used interchangeably in procurement
     are joined ("criteria" finds "criterion", "bid" finds "tender", "company" finds "supplier").
     Material's own query adds a trailing wildcard to every word, which skips lunr's stemmer; the
     parser below stems each word first.
   - Only the last word of a query, or a stem of five letters or more, matches as a prefix (so
     "be" no longer finds "Best" and "marks" no longer finds "market"); stop words are skipped. */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || lunr.svkbPatched) { return; }
  lunr.svkbPatched = true;
  var SYNONYMS = __SVKB_SYNONYMS__;
  var porter = lunr.stemmer;
  function canonical(word) {
    var stem = porter(new lunr.Token(word)).toString();
    return Object.prototype.hasOwnProperty.call(SYNONYMS, stem) ? SYNONYMS[stem] : stem;
  }
  var stemmer = function (token) { return token.update(canonical); };
  lunr.Pipeline.registerFunction(stemmer, "svkbStemmer");
  lunr.stemmer = stemmer;

  var typed = {};  // stem -> the word as typed, so "Missing: ..." shows the reader's words
  var FILLER = { mean: 1, meaning: 1, means: 1, tell: 1, explain: 1, please: 1, know: 1 };  // question words, not topics
  function trim(word) { return word.replace(/^\W+/, "").replace(/\W+$/, ""); }
  function rewrite(clauses) {
    var kept = [];
    for (var i = 0; i < clauses.length; i++) {
      var clause = clauses[i];
      var term = clause.term;
      if (typeof term !== "string" || term.charAt(term.length - 1) !== "*" || term.charAt(0) === "*") {
        kept.push(clause);
        continue;
      }
      var base = trim(term.slice(0, -1));
      if (!base || !lunr.stopWordFilter(base) || (FILLER[base] && clauses.length > 1)) { continue; }
      var stem = canonical(base);
      typed[stem] = base;
      var prefix = base.length >= 3 && (i === clauses.length - 1 || stem.length >= 5);
      clause.term = prefix ? stem + "*" : stem;
      clause.usePipeline = false;
      kept.push(clause);
    }
    return kept;
  }
  function restoreTerms(message) {
    var items = message && message.data && message.data.items;
    if (!Array.isArray(items)) { return message; }
    items = message.data.items = rerank(items);
    items.forEach(function (group) {
      group.forEach(function (item) {
        if (!item.terms) { return; }
        var terms = {};
        Object.keys(item.terms).forEach(function (term) { terms[typed[term] || term] = item.terms[term]; });
        item.terms = terms;
      });
    });
    return message;
  }
  var lastQuery = "";
  function words(text) {
    return " " + String(text).toLowerCase().replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/[^a-z0-9%&]+/g, " ").trim() + " ";
  }
  function phraseBoost(item, phrase) {
    var slug = String(item.location).split(/[?#]/)[0].replace(/index\.html$/, "").replace(/\/$/, "").split("/").pop();
    var title = words(item.title);
    if (title === phrase) { return 20; }
    if (phrase.trim().indexOf(" ") === -1) { return 1; }
    return title.indexOf(phrase.slice(0, -1)) !== -1 || words(slug) === phrase ? 8 : 1;
  }
  function rerank(items) {
    var phrase = words(lastQuery);
    if (phrase.length < 4) { return items; }
    return items.map(function (group, order) {
      var article = group.filter(function (item) { return !item.parent; })[0] || group[0];
      var best = Math.max.apply(null, group.map(function (item) { return item.score || 0; }));
      return { group: group, order: order, score: best * phraseBoost(article, phrase) };
    }).sort(function (a, b) { return b.score - a.score || a.order - b.order; })
      .map(function (entry) { return entry.group; });
  }
  var post = self.postMessage;
  self.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    args[0] = restoreTerms(message);
    return post.apply(self, args);
  };
  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    lastQuery = this.lexer.str.replace(/[*+]/g, " ");
    var query = parse.call(this);
    query.clauses = rewrite(query.clauses);
    return query;
  };

  function allowTypos(index, clauses) {
    clauses.forEach(function (clause) {
      var term = String(clause.term).replace(/\*$/, "");
      if (term.length < 4 || /[*~^]/.test(term) || "editDistance" in clause) { return; }
      if (index.tokenSet.intersect(lunr.TokenSet.fromString(clause.term)).toArray().length) { return; }
      clause.term = term;
      clause.editDistance = term.length >= 7 ? 2 : 1;
      clause.usePipeline = false;
      clause.wildcard = lunr.Query.wildcard.NONE;
    });
  }
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var index = this;
    return query.call(this, function (q) {
      fn.call(q, q);
      allowTypos(index, q.clauses);
    });
  };
})();
