/* Check a clause you already have: find the library clause and version that pasted text came from,
   compare them word by word and say whether a newer version exists. Runs only in the browser: the
   text is never sent anywhere. The clause texts come from clause-texts.js (window.SVKB_CLAUSE_TEXTS).

   Method: pasted words are shortlisted against every clause version by shared three-word sequences,
   then aligned with each shortlisted version by a longest-common-subsequence table in which a
   placeholder may stand for a few pasted words (the filled-in value) and the options a clause offers
   may be left out at no cost. The match figure is the share of pasted words (not counting filled-in
   values) that sit in runs of at least three words found in the library text in the same order:
   unrelated prose shares words with a clause, but seldom runs of them. */
(function () {
  "use strict";
  var THRESHOLD = 0.5;   // below this share of matching words, report no match
  var MIN_RUN = 3;       // words in a row that count as a match
  var MIN_WORDS = 8;     // the least text worth checking
  var MAX_WORDS = 3000;  // keeps the comparison table small enough for a phone
  var SHORTLIST = 4;     // clauses compared in full
  var GAP_SHOWN = 12;    // library words outside the pasted extract shown in full up to this many
  var CONTINUE = 1000, START = 0, FILL = 400, NONE = -1000000000;  // alignment scores (see align)
  var MATCHED_FROM_RUN = 1, MATCHED_FROM_APART = 2, FILLED_FROM_RUN = 3, FILLED_FROM_APART = 4, KEPT_RUN = 5;
  var LEFT_OUT_FROM_RUN = 6, LEFT_OUT_FROM_APART = 7, ADDED_FROM_RUN = 8, ADDED_FROM_APART = 9, KEPT_APART = 10;
  var runs = 0;           // checks made, so tests and scripts can tell a new result from the last

  // --- Words -----------------------------------------------------------------------------------

  function key(word) {
    return word.normalize("NFKC").toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033]/g, "\"")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  /* Tokens keep their text (with the spacing before it), so joining them gives the text back.
     A token with no letters or digits (a lone dash or bracket) is glued to the one before it. */
  function glue(tokens) {
    var out = [];
    tokens.forEach(function (token) {
      if (token.kind === "w" && !token.k && out.length) { out[out.length - 1].t += token.t; }
      else if (token.kind === "w" && !token.k) { token.pending = true; out.push(token); }
      else if (out.length && out[out.length - 1].pending) { token.t = out.pop().t + token.t; out.push(token); }
      else { out.push(token); }
    });
    return out.filter(function (token) { return !token.pending; });
  }

  function words(text, optional) {
    var out = [], pattern = /(\s*)(\S+)/g, found, end = 0;
    while ((found = pattern.exec(text))) {
      out.push({ kind: "w", t: found[0], k: key(found[2]), opt: optional });
      end = pattern.lastIndex;
    }
    if (end < text.length) { out.push({ kind: "w", t: text.slice(end), k: "", opt: optional }); }
    return out;
  }

  function libraryTokens(parts) {
    var tokens = [];
    parts.forEach(function (part) {
      if (part[0] === "p") { tokens.push({ kind: "p", t: part[1], label: part[1], max: part[2], k: "" }); }
      else if (part[0] === "o") { tokens.push({ kind: "o", t: part[1], k: "", opt: true }); }
      else { tokens = tokens.concat(words(part[1], part[0] === "q")); }
    });
    return glue(tokens);
  }

  function shingles(tokens) {
    var out = [];
    for (var i = 0; i + 2 < tokens.length; i += 1) {
      if (tokens[i].kind === "w" && tokens[i + 1].kind === "w" && tokens[i + 2].kind === "w") {
        out.push(tokens[i].k + " " + tokens[i + 1].k + " " + tokens[i + 2].k);
      }
    }
    return out;
  }

  // --- Aligning two texts ----------------------------------------------------------------------

  /* Operations, in text order: "=" same word, "-" library word missing from the pasted text,
     "+" pasted word not in the library, "~" pasted word standing for a placeholder.

     Two scores per cell, as in alignment with affine gaps: "inRun" where the last word was matched
     (or filled a placeholder), "apart" otherwise. Only a match that continues a run scores, so the
     alignment keeps runs of words together rather than picking common words ("the", "of") out of a
     filled-in value, which a placeholder takes instead. Leaving out a placeholder, an option label
     or text inside an option keeps the state it was in. Tuned on the generated variants in
     tests/checkvariants.py: fewest words marked as changed in unedited pastes. */
  function align(lib, paste) {
    var n = lib.length, m = paste.length, width = m + 1, size = (n + 1) * width;
    var inRun = new Int32Array(size), apart = new Int32Array(size);
    var fromRun = new Uint8Array(size), fromApart = new Uint8Array(size);
    var i, j, cell, a, free;
    inRun[0] = NONE;
    for (j = 1; j <= m; j += 1) { inRun[j] = NONE; apart[j] = 0; fromApart[j] = ADDED_FROM_APART; }
    for (i = 1; i <= n; i += 1) {
      a = lib[i - 1];
      free = a.kind !== "w" || a.opt;
      for (j = 0; j <= m; j += 1) {
        cell = i * width + j;
        var up = cell - width, left = cell - 1, diagonal = up - 1;
        var run = NONE, runWay = 0, gap, gapWay;
        if (free) {
          run = inRun[up]; runWay = KEPT_RUN;
          gap = apart[up]; gapWay = KEPT_APART;
        } else if (inRun[up] >= apart[up]) { gap = inRun[up]; gapWay = LEFT_OUT_FROM_RUN; }
        else { gap = apart[up]; gapWay = LEFT_OUT_FROM_APART; }
        if (j > 0) {
          var before = Math.max(inRun[left], apart[left]);
          var beforeWay = inRun[left] >= apart[left];
          if (a.kind === "p" && before + FILL > run) { run = before + FILL; runWay = beforeWay ? FILLED_FROM_RUN : FILLED_FROM_APART; }
          if (before > gap) { gap = before; gapWay = beforeWay ? ADDED_FROM_RUN : ADDED_FROM_APART; }
          if (a.kind === "w" && a.k === paste[j - 1].k) {
            if (inRun[diagonal] + CONTINUE >= run) { run = inRun[diagonal] + CONTINUE; runWay = MATCHED_FROM_RUN; }
            if (apart[diagonal] + START > run) { run = apart[diagonal] + START; runWay = MATCHED_FROM_APART; }
          }
        }
        inRun[cell] = run; fromRun[cell] = runWay;
        apart[cell] = gap; fromApart[cell] = gapWay;
      }
    }
    return limitFills(trace(lib, width, n, m, inRun, apart, fromRun, fromApart), lib);
  }

  function trace(lib, width, n, m, inRun, apart, fromRun, fromApart) {
    var ops = [], i = n, j = m, running = inRun[n * width + m] > apart[n * width + m];
    while (i > 0 || j > 0) {
      var way = (running ? fromRun : fromApart)[i * width + j];
      if (way === MATCHED_FROM_RUN || way === MATCHED_FROM_APART) { ops.push({ op: "=", a: i - 1, b: j - 1 }); i -= 1; j -= 1; }
      else if (way === FILLED_FROM_RUN || way === FILLED_FROM_APART) { ops.push({ op: "~", a: i - 1, b: j - 1 }); j -= 1; }
      else if (way === ADDED_FROM_RUN || way === ADDED_FROM_APART) { ops.push({ op: "+", b: j - 1 }); j -= 1; }
      else { ops.push({ op: "-", a: i - 1 }); i -= 1; }
      running = way === MATCHED_FROM_RUN || way === FILLED_FROM_RUN || way === ADDED_FROM_RUN || way === LEFT_OUT_FROM_RUN || (way === KEPT_RUN);
    }
    return ops.reverse();
  }

  /* A placeholder stands for at most its value's length in words, and only where library words
     match right beside it; other pasted words the table gave it are additions. */
  function limitFills(ops, lib) {
    var index = 0;
    while (index < ops.length) {
      var end = index;
      while (end < ops.length && ops[end].op === "~" && ops[end].a === ops[index].a) { end += 1; }
      if (end === index) { index += 1; continue; }
      var keep = anchored(ops, index, end, lib) ? lib[ops[index].a].max : 0;
      for (var k = index + keep; k < end; k += 1) { ops[k].op = "+"; }
      index = end;
    }
    return ops;
  }

  function skippable(o, lib) {
    return o.op === "~" || (o.op === "-" && (lib[o.a].kind !== "w" || lib[o.a].opt));
  }

  function anchored(ops, start, end, lib) {
    var before = start - 1, after = end;
    while (before >= 0 && skippable(ops[before], lib)) { before -= 1; }
    while (after < ops.length && skippable(ops[after], lib)) { after += 1; }
    return (before >= 0 && ops[before].op === "=") || (after < ops.length && ops[after].op === "=");
  }

  function breaksRun(o, lib) {
    if (o.op === "+") { return true; }
    return o.op === "-" && lib[o.a].kind === "w" && !lib[o.a].opt;
  }

  function score(ops, lib, pasteCount) {
    var inRuns = 0, run = 0, filled = 0, matched = 0, removed = 0, pending = 0;
    ops.forEach(function (o) {
      if (o.op === "=") { run += 1; matched += 1; removed += pending; pending = 0; }
      else if (o.op === "~") { filled += 1; }
      if (breaksRun(o, lib)) { inRuns += run >= MIN_RUN ? run : 0; run = 0; }
      if (o.op === "-" && breaksRun(o, lib) && matched) { pending += 1; }  // counted once a later word matches: inside the extract
    });
    inRuns += run >= MIN_RUN ? run : 0;
    var required = lib.filter(function (t) { return t.kind === "w" && !t.opt; }).length;
    return {
      // Filled-in values may explain at most twice as many words as the library text itself matched.
      confidence: inRuns / Math.max(1, pasteCount - Math.min(filled, 2 * inRuns)),
      inRuns: inRuns,
      removed: removed,
      coverage: Math.min(1, matched / Math.max(1, required))
    };
  }

  // --- The library -----------------------------------------------------------------------------

  function prepare(data) {
    var entries = [];
    data.clauses.forEach(function (clause) {
      clause.versions.forEach(function (version) {
        var tokens = libraryTokens(version.parts);
        entries.push({ clause: clause, version: version, tokens: tokens, shingles: new Set(shingles(tokens)) });
      });
    });
    return entries;
  }

  function shortlist(entries, pasteShingles) {
    var best = {};
    entries.forEach(function (entry) {
      var shared = 0;
      pasteShingles.forEach(function (s) { if (entry.shingles.has(s)) { shared += 1; } });
      if (shared > 0 && shared > (best[entry.clause.id] || 0)) { best[entry.clause.id] = shared; }
    });
    var ids = Object.keys(best).sort(function (x, y) { return best[y] - best[x] || (x < y ? -1 : 1); }).slice(0, SHORTLIST);
    return entries.filter(function (entry) { return ids.indexOf(entry.clause.id) >= 0; });
  }

  function newerFirst(x, y) {
    return y.version.major - x.version.major;
  }

  /* Every shortlisted clause with its best version, best match first; versions that match equally
     well are listed as ties. */
  function check(entries, text) {
    var paste = glue(words(text, false));
    if (paste.length < MIN_WORDS) { return { tooShort: true, matches: [] }; }
    if (paste.length > MAX_WORDS) { return { tooLong: true, matches: [] }; }
    var results = shortlist(entries, shingles(paste)).map(function (entry) {
      var ops = align(entry.tokens, paste);
      var s = score(ops, entry.tokens, paste.length);
      return { entry: entry, ops: ops, paste: paste, confidence: s.confidence, inRuns: s.inRuns, removed: s.removed, coverage: s.coverage };
    });
    results.sort(function (x, y) {
      return y.confidence - x.confidence || y.inRuns - x.inRuns || x.removed - y.removed || newerFirst(x.entry, y.entry);
    });
    var byClause = {}, matches = [];
    results.forEach(function (r) {
      var id = r.entry.clause.id;
      if (!byClause[id]) { byClause[id] = r; r.ties = [r.entry.version.version]; matches.push(r); }
      else if (byClause[id].confidence === r.confidence && byClause[id].inRuns === r.inRuns && byClause[id].removed === r.removed) { byClause[id].ties.push(r.entry.version.version); }
    });
    return {
      matches: matches.filter(function (r) { return r.confidence >= THRESHOLD && r.inRuns >= Math.min(MIN_WORDS, paste.length); }),
      closest: matches[0] || null
    };
  }

  // --- Showing the result ----------------------------------------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }

  function hidden(text) { return el("span", { "class": "svkb-visually-hidden" }, [text]); }

  function percent(x) { return Math.round(x * 100) + "%"; }

  function compareVersions(x, y) {
    var a = x.split("."), b = y.split(".");
    for (var i = 0; i < 3; i += 1) {
      var d = (parseInt(a[i], 10) || 0) - (parseInt(b[i], 10) || 0);
      if (d) { return d; }
    }
    return 0;
  }

  function pageUrl(path) {
    var config = document.getElementById("__config");
    var base = config ? (JSON.parse(config.textContent).base || ".") : "..";
    var probe = document.querySelector("[data-svkb-check-probe]");
    var href = probe ? probe.getAttribute("href") : "";
    // Served: folder addresses; the offline copy: folder/index.html (older copies: page.html).
    var ending = /\/index\.html$/.test(href) ? "/index.html" : (/\.html$/.test(href) ? ".html" : "/");
    return base.replace(/\/$/, "") + "/" + path + ending;
  }

  function spaceAndWord(text) {
    var found = /^(\s*)([\s\S]*)$/.exec(text);
    return [found[1], found[2]];
  }

  /* Consecutive operations of one kind become one element: plain text, <del>, <ins> or a filled placeholder. */
  function diffSegments(result) {
    var lib = result.entry.tokens, paste = result.paste, ops = result.ops, segments = [];
    var first = -1, last = -1, filled = {};
    ops.forEach(function (o, index) {
      if (o.op === "=" || o.op === "~") { if (first < 0) { first = index; } last = index; }
      if (o.op === "~") { filled[o.a] = true; }
    });
    ops.forEach(function (o, index) {
      if (o.op === "-" && filled[o.a]) { return; }  // the placeholder is shown with its value
      var outside = o.op === "-" && (index < first || index > last);
      var kind, text;
      if (o.op === "=") { kind = "same"; text = lib[o.a].t; }
      else if (o.op === "+") { kind = "added"; text = paste[o.b].t; }
      else if (o.op === "~") { kind = "filled:" + o.a; text = paste[o.b].t; }
      else if (lib[o.a].kind === "p") { kind = outside ? "outside" : "removed"; text = lib[o.a].t; }
      else { kind = outside ? "outside" : lib[o.a].opt ? "unused" : "removed"; text = lib[o.a].t; }
      var tail = segments[segments.length - 1];
      if (tail && tail.kind === kind && !(kind === "outside" && (index < first) !== tail.before)) { tail.text += text; tail.count += 1; }
      else { segments.push({ kind: kind, text: text, count: 1, a: o.a, before: index < first }); }
    });
    return segments;
  }

  function segmentNode(segment, lib) {
    var parts = spaceAndWord(segment.text), space = document.createTextNode(parts[0]), word = parts[1];
    var node;
    if (segment.kind === "same") { return document.createTextNode(segment.text); }
    if (segment.kind === "added") { node = el("ins", {}, [hidden("added: "), word]); }
    else if (segment.kind === "removed") { node = el("del", {}, [hidden("removed: "), word]); }
    else if (segment.kind === "unused") { node = el("del", { "class": "svkb-check__unused" }, [hidden("option not used: "), word]); }
    else if (segment.kind === "outside") {
      if (segment.count > GAP_SHOWN) {
        var where = segment.before ? "before" : "after";
        node = el("span", { "class": "svkb-check__gap" }, [" [" + segment.count + " words of the library text come " + where + " your extract] "]);
        return node;
      }
      node = el("del", {}, [hidden("not in your extract: "), word]);
    } else {
      var label = lib[segment.a].label;
      var unfilled = segment.text.replace(/\s+/g, " ").trim() === label;
      node = el("mark", { "class": "svkb-placeholder svkb-check__filled" }, unfilled ? [label] : [el("span", { "class": "svkb-check__label" }, [label.replace(/^\[|\]$/g, "") + ":"]), " " + word]);
    }
    var wrapper = document.createDocumentFragment();
    wrapper.appendChild(space);
    wrapper.appendChild(node);
    return wrapper;
  }

  function diffCounts(segments) {
    var counts = { added: 0, removed: 0, filled: 0 };
    segments.forEach(function (s) {
      if (s.kind === "added") { counts.added += s.count; }
      else if (s.kind === "removed") { counts.removed += s.count; }
      else if (s.kind.indexOf("filled:") === 0) { counts.filled += 1; }
    });
    return counts;
  }

  function versionNotes(result) {
    var clause = result.entry.clause, newest = result.ties.slice().sort(compareVersions).pop();
    var nodes = [];
    if (compareVersions(newest, clause.version) < 0) {
      var notes = clause.changelog.filter(function (e) { return compareVersions(e.version, newest) > 0; });
      nodes.push(el("p", { "class": "svkb-check__newer", "data-svkb-check-newer": clause.version }, [
        el("strong", {}, ["A newer version exists: version " + clause.version + "."]),
        " ", el("a", { href: pageUrl(clause.url) }, ["Read the current " + clause.id]), "."
      ]));
      if (notes.length) {
        nodes.push(el("p", {}, ["What changed since version " + newest + ":"]));
        nodes.push(el("ul", {}, notes.map(function (e) { return el("li", {}, [el("strong", {}, [e.version]), " (" + e.date + "): " + e.note]); })));
      }
    } else {
      nodes.push(el("p", {}, ["This is the current version of " + clause.id + "."]));
    }
    if (clause.status === "superseded") { nodes.push(el("p", {}, [clause.id + " has been superseded" + (clause.superseded_by ? " by " + clause.superseded_by : "") + ": do not use it in new tenders."])); }
    if (clause.status === "withdrawn") { nodes.push(el("p", {}, [clause.id + " has been withdrawn: do not use it in new tenders."])); }
    if (clause.status === "under-review") { nodes.push(el("p", {}, [clause.id + " is under review: check its page for changes."])); }
    return nodes;
  }

  function describe(confidence) {
    return confidence >= 0.9 ? "almost word for word" : confidence >= 0.75 ? "closely, with some edits" : "with substantial edits";
  }

  function bestMatch(result) {
    var clause = result.entry.clause, version = result.entry.version, segments = diffSegments(result), counts = diffCounts(segments);
    var versions = result.ties.length > 1 ? "versions " + result.ties.join(" and ") : "version " + version.version;
    var section = el("section", {
      "class": "svkb-check__match", "aria-labelledby": "svkb-check-best",
      "data-svkb-check-clause": clause.id, "data-svkb-check-version": version.version, "data-svkb-check-confidence": result.confidence.toFixed(3)
    }, [
      el("h2", { id: "svkb-check-best" }, ["Best match: " + clause.id + " " + versions]),
      el("p", {}, [el("a", { href: pageUrl(version.major === parseInt(clause.version, 10) ? clause.url : version.url) }, [clause.id + ": " + version.title]),
        ". Your text matches " + versions + " " + describe(result.confidence) + ": " + percent(result.confidence) + " of your words, covering about " + percent(result.coverage) + " of the clause."])
    ]);
    if (result.ties.length > 1) { section.appendChild(el("p", {}, ["The part you pasted reads the same in " + versions + "."])); }
    versionNotes(result).forEach(function (node) { section.appendChild(node); });
    section.appendChild(el("h3", {}, ["Your text compared with the library"]));
    section.appendChild(el("p", {}, [counts.added + " word(s) added, " + counts.removed + " word(s) removed, " + counts.filled + " placeholder(s) filled in."]));
    var text = el("p", {});
    segments.forEach(function (s) { text.appendChild(segmentNode(s, result.entry.tokens)); });
    section.appendChild(el("div", { "class": "svkb-diff svkb-check__diff" }, [text]));
    return section;
  }

  function otherMatches(matches) {
    if (!matches.length) { return null; }
    return el("section", { "aria-labelledby": "svkb-check-others" }, [
      el("h2", { id: "svkb-check-others" }, ["Other possible matches"]),
      el("ul", {}, matches.map(function (r) {
        var newer = compareVersions(r.entry.version.version, r.entry.clause.version) < 0 ? "; a newer version, " + r.entry.clause.version + ", exists" : "";
        return el("li", { "data-svkb-check-other": r.entry.clause.id }, [el("a", { href: pageUrl(r.entry.clause.url) }, [r.entry.clause.id + ": " + r.entry.clause.title]), " (version " + r.entry.version.version + ", " + percent(r.confidence) + newer + ")"]);
      }))
    ]);
  }

  function show(form, entries) {
    var status = document.querySelector("[data-svkb-check-status]");
    var results = document.querySelector("[data-svkb-check-results]");
    var outcome = check(entries, form.querySelector("textarea").value);
    results.textContent = "";
    var message;
    if (outcome.tooShort) { message = "Paste at least a sentence of the clause (" + MIN_WORDS + " words or more) to check it."; }
    else if (outcome.tooLong) { message = "That is more than " + MAX_WORDS + " words. Paste one clause at a time."; }
    else if (!outcome.matches.length) {
      message = "No clause in the library matches this text.";
      results.appendChild(el("p", { "data-svkb-check-none": "" }, [message + " It may come from another source, or have been rewritten too much to recognise. Browse the clause library to compare by hand."]));
    } else {
      var best = outcome.matches[0];
      results.appendChild(bestMatch(best));
      var others = otherMatches(outcome.matches.slice(1, 3));
      if (others) { results.appendChild(others); }
      message = "Best match: " + best.entry.clause.id + " version " + best.entry.version.version + ", " + percent(best.confidence) + " of your words match." +
        (compareVersions(best.ties.slice().sort(compareVersions).pop(), best.entry.clause.version) < 0 ? " A newer version exists." : "");
    }
    runs += 1;
    results.setAttribute("data-svkb-check-run", String(runs));
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Loaded on every page (mkdocs.yml): the clause texts sit beside this script and are fetched only
  // on the check page, by a script element, which also works from file:// in the offline copy.
  var HERE = document.currentScript ? document.currentScript.src : "";
  function init() {
    var form = document.querySelector("[data-svkb-check]");
    if (!form) { return; }
    if (!window.SVKB_CLAUSE_TEXTS && HERE) {
      var script = document.createElement("script");
      script.src = HERE.replace(/checkcopy\.js([?#].*)?$/, "clause-texts.js");
      script.onload = start;
      script.onerror = start;
      document.head.appendChild(script);
      return;
    }
    start();
  }
  function start() {
    var form = document.querySelector("[data-svkb-check]");
    var status = document.querySelector("[data-svkb-check-status]");
    if (!window.SVKB_CLAUSE_TEXTS) { status.textContent = "The clause texts could not be loaded, so the check cannot run."; return; }
    var entries = prepare(window.SVKB_CLAUSE_TEXTS);
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); show(form, entries); });
    form.addEventListener("reset", function () {
      document.querySelector("[data-svkb-check-results]").textContent = "";
      status.textContent = "Cleared.";
    });
  }

  window.SVKB_CHECK = { key: key, align: align, check: check, prepare: prepare, libraryTokens: libraryTokens, words: words, glue: glue };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
