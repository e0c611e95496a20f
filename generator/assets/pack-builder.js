/* The pack builder: choose clauses, fill their variables once, preview them and download a pack
   as DOCX, ODT or Markdown, written in the browser exactly as `svkb pack` writes it.
   The rendering and the writers are ports of generator/clausedoc.py, generator/office/*.py and
   generator/packs/*.py; tests/test_pack_builder.py holds them to identical output.
   State (clauses and values) lives only in the page's URL fragment: nothing is stored or sent. */
(function () {
  "use strict";
  // The builder's data and zip library sit beside this script: never take a script address from the page.
  var HERE = document.currentScript ? document.currentScript.src : "";

  // ---- Values as a tender shows them (clausetext.format_value) -------------------------------
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function group(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function fixed(amount, places) {
    var text = Math.abs(amount).toFixed(places).split(".");
    return (amount < 0 ? "-" : "") + group(text[0]) + (places ? "." + text[1] : "");
  }
  function pyG(x) {
    if (Number.isInteger(x) && Math.abs(x) < 1e6) { return String(x); }
    return String(Number(x.toPrecision(6)));
  }
  function formatValue(variable, value) {
    if (variable.type === "money") {
      var amount = Number(value);
      return "£" + (Number.isInteger(amount) ? fixed(amount, 0) : fixed(amount, 2));
    }
    if (variable.type === "percentage") { return pyG(Number(value)) + "%"; }
    if (variable.type === "integer") { return fixed(Math.trunc(Number(value)), 0); }
    if (variable.type === "date") {
      var parts = String(value).split("-");
      return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + Number(parts[0]);
    }
    return String(value);
  }
  function checkValue(variable, value) {
    var numeric = ["integer", "percentage", "money"].indexOf(variable.type) !== -1;
    if (numeric) {
      if (typeof value !== "number" || !isFinite(value)) { return "Enter a number."; }
      if (variable.type === "integer" && !Number.isInteger(value)) { return "Enter a whole number."; }
      var low = variable.minimum !== null ? variable.minimum : 0;
      var high = variable.type === "percentage" && variable.maximum === null ? 100 : variable.maximum;
      if (value < low || (high !== null && value > high)) {
        return high !== null ? "Enter a number between " + pyG(low) + " and " + pyG(high) + "." : "Enter a number of at least " + pyG(low) + ".";
      }
    }
    if (variable.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) { return "Enter a date as YYYY-MM-DD."; }
    if (variable.type === "date") {
      var d = new Date(value + "T00:00:00Z");
      if (isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) { return "Enter a real date as YYYY-MM-DD."; }
    }
    if (variable.type === "choice" && variable.choices.indexOf(value) === -1) { return "Choose one of the options."; }
    if (variable.type === "text" && variable.max_length && value.length > variable.max_length) { return "Use at most " + variable.max_length + " characters."; }
    return null;
  }

  // ---- Clause bodies into blocks (clausedoc.py) ---------------------------------------------------
  var UNDECIDED = {};
  var FILTERS = {
    upper: function (s) { return String(s).toUpperCase(); },
    lower: function (s) { return String(s).toLowerCase(); },
    capitalize: function (s) { s = String(s); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); }
  };
  var OPERATORS = {
    eq: function (a, b) { return a === b; }, ne: function (a, b) { return a !== b; },
    lt: function (a, b) { return a < b; }, lteq: function (a, b) { return a <= b; },
    gt: function (a, b) { return a > b; }, gteq: function (a, b) { return a >= b; },
    "in": function (a, b) { return b.indexOf(a) !== -1; }, notin: function (a, b) { return b.indexOf(a) === -1; }
  };
  function isBlank(s) { return !/\S/.test(s); }

  function Walker(variables, context) { this.variables = variables; this.context = context; }
  Walker.prototype.nodes = function (list) {
    var tokens = [], self = this;
    list.forEach(function (node) {
      if (node[0] === "out") { node[1].forEach(function (e) { tokens = tokens.concat(self.expression(e)); }); }
      else if (node[0] === "text") { tokens.push([node[1], ""]); }
      else if (node[0] === "if") { tokens = tokens.concat(self.chain(node)); }
    });
    return tokens;
  };
  Walker.prototype.expression = function (node) {
    if (node[0] === "text") { return [[node[1], ""]]; }
    if (node[0] === "if") { return this.chain(node); }
    var value = this.value(node);
    if (value === UNDECIDED) { return [[this.placeholder(node), "placeholder"]]; }
    return [[value === null || value === undefined ? "" : String(value), ""]];
  };
  Walker.prototype.placeholder = function (node) {
    var inner = node, text;
    while (inner[0] === "filter") { inner = inner[2]; }
    text = "[" + this.variables[firstName(inner)].label + "]";
    while (node[0] === "filter") { text = FILTERS[node[1]](text); node = node[2]; }
    return text;
  };
  function firstName(node) {
    if (node[0] === "name") { return node[1]; }
    for (var i = 1; i < node.length; i++) {
      if (Array.isArray(node[i])) {
        var found = Array.isArray(node[i][0]) ? node[i].map(firstName).filter(Boolean)[0] : firstName(node[i]);
        if (found) { return found; }
      }
    }
    return null;
  }
  Walker.prototype.value = function (node) {
    var kind = node[0], left, right;
    if (kind === "const") { return node[1]; }
    if (kind === "name") { return Object.prototype.hasOwnProperty.call(this.context, node[1]) ? this.context[node[1]] : UNDECIDED; }
    if (kind === "filter") { left = this.value(node[2]); return left === UNDECIDED ? left : FILTERS[node[1]](left); }
    if (kind === "not") { left = this.value(node[1]); return left === UNDECIDED ? left : !truthy(left); }
    if (kind === "and" || kind === "or") {
      left = this.value(node[1]); right = this.value(node[2]);
      if (left === UNDECIDED || right === UNDECIDED) { return UNDECIDED; }
      return kind === "and" ? (truthy(left) ? right : left) : (truthy(left) ? left : right);
    }
    if (kind === "cmp") {
      left = this.value(node[1]);
      for (var i = 0; i < node[2].length; i++) {
        right = this.value(node[2][i][1]);
        if (left === UNDECIDED || right === UNDECIDED) { return UNDECIDED; }
        if (!OPERATORS[node[2][i][0]](left, right)) { return false; }
        left = right;
      }
      return true;
    }
    if (kind === "if") {  // an inline a if b else c inside an expression
      var test = this.value(node[1][0][0]);
      if (test === UNDECIDED) { return UNDECIDED; }
      return truthy(test) ? this.value(node[1][0][1][0][1][0]) : (node[1][1][1][0][1].length ? this.value(node[1][1][1][0][1][0]) : null);
    }
    throw new Error("unknown node " + kind);
  };
  function truthy(v) { return !(v === false || v === null || v === undefined || v === "" || v === 0); }
  Walker.prototype.chain = function (node) {
    var branches = node[1], labels = node[2], choose = node[3], self = this;
    for (var i = 0; i < branches.length; i++) {
      var test = branches[i][0];
      var decided = test === null ? true : this.value(test);
      if (decided === UNDECIDED) {
        return [{ labels: choose[i], branches: branches.slice(i).map(function (b, j) { return [labels[i + j], self.nodes(b[1])]; }) }];
      }
      if (truthy(decided)) { return this.nodes(branches[i][1]); }
    }
    return [];
  };

  function plain(tokens) {
    return tokens.map(function (t) { return Array.isArray(t) ? t[0] : t.branches.map(function (b) { return plain(b[1]); }).join(""); }).join("");
  }
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  function optionName(i) { return i < LETTERS.length ? LETTERS[i] : String(i + 1); }

  function Lines() { this.lines = []; this.current = []; }
  Lines.prototype.add = function (tokens, depth) {
    var self = this;
    tokens.forEach(function (token) {
      if (!Array.isArray(token)) { self.choice(token, depth); return; }
      token[0].split("\n").forEach(function (piece, i) {
        if (i) { self.endLine(depth); }
        if (piece) { self.current.push([piece, token[1]]); }
      });
    });
  };
  Lines.prototype.endLine = function (depth) {
    if (this.current.some(function (r) { return !isBlank(r[0]); })) { this.lines.push(["", trimmed(this.current), depth]); }
    this.current = [];
  };
  Lines.prototype.choice = function (choice, depth) {
    var self = this;
    var block = choice.branches.some(function (b) { return plain(b[1]).indexOf("\n") !== -1; });
    if (!block) {
      choice.branches.forEach(function (b, i) {
        var lead = i && self.current.length ? " " : "";
        if (isBlank(plain(b[1]))) { self.current.push([lead + "[Option " + optionName(i) + " – " + b[0] + " – leave this out]", "option"]); return; }
        self.current.push([lead + "[Option " + optionName(i) + " – " + b[0] + "] ", "option"]);
        self.add(b[1], depth);
      });
      this.current.push([" [end of options]", "option"]);
      return;
    }
    this.endLine(depth);
    this.lines.push(["choice", [["[Choose one option: " + choice.labels.join(", ") + "]", "option"]], depth]);
    choice.branches.forEach(function (b, i) {
      var empty = isBlank(plain(b[1]));
      var text = "[Option " + optionName(i) + " – " + b[0] + (empty ? " – leave this out]" : "]");
      self.lines.push(["option", [[text, "option"]], depth]);
      self.add(b[1], depth + 1);
      self.endLine(depth + 1);
    });
    this.lines.push(["end", [["[End of options]", "option"]], depth]);
  };
  function trimmed(runs) {
    var merged = [];
    runs.forEach(function (r) {
      if (merged.length && merged[merged.length - 1][1] === r[1]) { merged[merged.length - 1] = [merged[merged.length - 1][0] + r[0], r[1]]; }
      else { merged.push([r[0], r[1]]); }
    });
    if (merged.length) {
      merged[0] = [merged[0][0].replace(/^\s+/, ""), merged[0][1]];
      var last = merged.length - 1;
      merged[last] = [merged[last][0].replace(/\s+$/, ""), merged[last][1]];
    }
    return merged.filter(function (r) { return r[0]; });
  }

  var MARKER = /^(\((?:[a-z]{1,2}|[ivxl]{1,5})\)|\d{1,3}\.|[A-Z]\d{1,3}\.|[-•])[ \t]+/;
  var ROMAN = /^\([ivxl]+\)$/;
  function isHeading(text) {
    var s = text.trim();
    return Boolean(s) && s.split(/\s+/).length <= 12 && s.indexOf(":") === -1 && !/[.:;,?!]$/.test(s) && !MARKER.test(s);
  }
  function Structure() { this.numbered = false; this.lastLetter = ""; }
  Structure.prototype.block = function (runs, depth) {
    var first = runs.length && runs[0][1] === "" ? runs[0][0] : "";
    var m = MARKER.exec(first);
    if (m) {
      var rest = [[first.slice(m[0].length), ""]].concat(runs.slice(1)).filter(function (r) { return r[0]; });
      return { kind: "item", runs: rest, marker: m[1], level: this.level(m[1]), depth: depth };
    }
    var text = runs.map(function (r) { return r[0]; }).join("");
    if (isHeading(text)) { this.numbered = false; return { kind: "heading", runs: runs, marker: "", level: 0, depth: depth }; }
    return { kind: "paragraph", runs: runs, marker: "", level: 0, depth: depth };
  };
  Structure.prototype.level = function (marker) {
    var c = marker.charAt(0);
    if (/[0-9]/.test(c) || (c !== c.toLowerCase())) { this.numbered = true; return 1; }
    if (c === "(") {
      var roman = ROMAN.test(marker) && !(marker === "(i)" && this.lastLetter === "(h)");
      if (!roman) { this.lastLetter = marker; }
      var base = this.numbered ? 2 : 1;
      return roman ? base + 1 : base;
    }
    return this.numbered ? 2 : 1;
  };

  function clauseDocument(clause, values) {
    var variables = {}, context = {};
    clause.variables.forEach(function (v) {
      variables[v.name] = v;
      if (values[v.name] !== undefined && values[v.name] !== null && values[v.name] !== "") { context[v.name] = formatValue(v, values[v.name]); }
    });
    var lines = new Lines();
    lines.add(new Walker(variables, context).nodes(clause.program), 0);
    lines.endLine(0);
    var structure = new Structure();
    return lines.lines.map(function (l) {
      return l[0] ? { kind: l[0], runs: l[1], marker: "", level: 0, depth: l[2] } : structure.block(l[1], l[2]);
    });
  }

  // ---- The pack document (packs/document.py) ---------------------------------------------------
  function packDocument(data, clauses, values, title, edition) {
    var n = clauses.length;
    return {
      title: title || data.title,
      subtitle: data.siteName + (edition ? ", " + edition : "") + ". " + n + " clause" + (n === 1 ? "" : "s") + ". Built " + data.date + ".",
      description: data.description, howTo: data.howTo,
      sections: clauses.map(function (c) { return { clause: c, blocks: clauseDocument(c, values) }; })
    };
  }
  function heading(number, section) { return number + ". " + section.clause.title; }
  var CLAUSE_KINDS = { heading: "clause-heading", paragraph: "clause-text", item: "item", choice: "option", option: "option", end: "option" };
  function textBlock(kind, text, extra) {
    var b = { kind: kind, runs: text ? [[text, ""]] : [], marker: "", level: 0, newPage: false, anchor: "" };
    Object.keys(extra || {}).forEach(function (k) { b[k] = extra[k]; });
    return b;
  }
  function officeBlocks(pack) {
    var blocks = [textBlock("title", pack.title), textBlock("subtitle", pack.subtitle), textBlock("p", pack.description), textBlock("h1", "How to use this pack", { anchor: "svkb0" })];
    pack.howTo.forEach(function (t) { blocks.push(textBlock("p", t)); });
    blocks.push(textBlock("contents-title", "Contents", { newPage: true }), textBlock("toc", ""));
    pack.sections.forEach(function (s, i) {
      var number = i + 1;
      blocks.push(textBlock("h1", heading(number, s), { newPage: number === 1, anchor: "svkb" + number }));
      s.blocks.forEach(function (b) { blocks.push({ kind: CLAUSE_KINDS[b.kind], runs: b.runs, marker: b.marker, level: b.level, newPage: false, anchor: "" }); });
      s.clause.guidance.forEach(function (g) { blocks.push({ kind: "guidance", runs: [[g[0] + ": ", "strong"], [g[1], ""]], marker: "", level: 0, newPage: false, anchor: "" }); });
    });
    return blocks;
  }

  // ---- XML helpers (office/zipfiles.py) ----------------------------------------------------------
  var XML_INVALID = new RegExp("[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\ufdd0-\\ufdef\\ufffe\\uffff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?:[^\\ud800-\\udbff]|^)[\\udc00-\\udfff]|[\\ud83f\\ud87f\\ud8bf\\ud8ff\\ud93f\\ud97f\\ud9bf\\ud9ff\\uda3f\\uda7f\\udabf\\udaff\\udb3f\\udb7f\\udbbf\\udbff][\\udffe\\udfff]", "g");
  function xmlSafe(text) {
    return String(text).replace(XML_INVALID, function (m) { return m.length === 2 && !/^[\ud800-\udbff]/.test(m) ? m.charAt(0) : ""; });
  }
  function escapeText(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function lookOf(data, kind, level) { return data.looks[kind === "item" ? "item" + Math.min(Math.max(level, 1), 3) : kind]; }

  // ---- DOCX (office/docx.py) ------------------------------------------------------------------
  var DOCX_RUN = {
    "": "", placeholder: '<w:b/><w:highlight w:val="yellow"/>',
    option: '<w:b/><w:shd w:val="clear" w:color="auto" w:fill="D2E8FA"/>', strong: "<w:b/>"
  };
  function docxRun(text, properties) {
    var content = xmlSafe(text).split(/(\t|\r|\n)/).map(function (piece) {
      if (piece === "\t") { return "<w:tab/>"; }
      if (piece === "\r" || piece === "\n") { return "<w:br/>"; }
      if (!piece) { return ""; }
      var space = piece.trim().length < piece.length ? ' xml:space="preserve"' : "";
      return "<w:t" + space + ">" + escapeText(piece) + "</w:t>";
    }).join("");
    var inner = (properties ? "<w:rPr>" + properties + "</w:rPr>" : "") + content;
    return inner ? "<w:r>" + inner + "</w:r>" : "<w:r/>";
  }
  function docxBlock(data, b) {
    var properties = '<w:pStyle w:val="' + lookOf(data, b.kind, b.level).id + '"/>' + (b.newPage ? "<w:pageBreakBefore/>" : "");
    var inner = "<w:pPr>" + properties + "</w:pPr>";
    if (b.kind === "item") { inner += docxRun(b.marker + "\t", ""); }
    var runs = b.runs.map(function (r) { return docxRun(r[0], DOCX_RUN[r[1]]); }).join("");
    if (b.anchor) {
      var number = b.anchor.replace(/^svkb/, "");
      runs = '<w:bookmarkStart w:id="' + number + '" w:name="' + b.anchor + '"/>' + runs + '<w:bookmarkEnd w:id="' + number + '"/>';
    }
    return "<w:p>" + inner + runs + "</w:p>";
  }
  function textOf(b) { return b.runs.map(function (r) { return r[0]; }).join(""); }
  function docxContents(data, blocks) {
    var style = '<w:pPr><w:pStyle w:val="' + lookOf(data, "toc", 0).id + '"/></w:pPr>';
    var begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>';
    var entries = blocks.filter(function (b) { return b.kind === "h1"; }).map(function (h) {
      return '<w:hyperlink w:anchor="' + h.anchor + '" w:history="1">' + docxRun(textOf(h), "") + "</w:hyperlink>";
    });
    if (!entries.length) { return ""; }
    return entries.map(function (e, i) { return "<w:p>" + style + (i === 0 ? begin : "") + e + "</w:p>"; }).join("") +
      "<w:p>" + style + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
  }
  function docxValues(data, pack, blocks) {
    var footer = docxRun(pack.title + " · Page ", "") + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' +
      docxRun(" of ", "") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>';
    return {
      body: blocks.map(function (b) { return b.kind === "toc" ? docxContents(data, blocks) : docxBlock(data, b); }).join(""),
      footer: footer, settings: data.docx.settings,
      title: "<dc:title>" + escapeText(xmlSafe(pack.title)) + "</dc:title>", subject: "<dc:subject>" + escapeText(xmlSafe(data.subject)) + "</dc:subject>"
    };
  }

  // ---- ODT (office/odt.py) ---------------------------------------------------------------------
  var SPANS = { placeholder: "Placeholder", option: "Option", strong: "Strong" };
  function odtText(text) {
    return escapeText(xmlSafe(text)).replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(/\n/g, "<text:line-break/>").replace(/\t/g, "<text:tab/>");
  }
  function element(opening, content) {
    var name = opening.split(" ")[0];
    return content ? "<" + opening + ">" + content + "</" + name + ">" : "<" + opening + "/>";
  }
  function odtBlock(data, b) {
    var style = lookOf(data, b.kind, b.level).odf + (b.newPage ? "_20_New_20_Page" : "");
    var content = b.kind === "item" ? odtText(b.marker + "\t") : "";
    b.runs.forEach(function (r) { content += r[1] ? element('text:span text:style-name="' + SPANS[r[1]] + '"', odtText(r[0])) : odtText(r[0]); });
    if (b.anchor) { content = '<text:bookmark text:name="' + b.anchor + '"/>' + content; }
    if (b.kind === "h1" || b.kind === "h2") { return element('text:h text:outline-level="' + b.kind.charAt(1) + '" text:style-name="' + style + '"', content); }
    return element('text:p text:style-name="' + style + '"', content);
  }
  function odtContents(data, blocks) {
    var entries = blocks.filter(function (b) { return b.kind === "h1"; });
    if (!entries.length) { return ""; }
    var style = lookOf(data, "toc", 0).odf;
    var template = '<text:table-of-content-entry-template text:outline-level="1" text:style-name="' + style + '"><text:index-entry-link-start/>' +
      '<text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/>' +
      "<text:index-entry-link-end/></text:table-of-content-entry-template>";
    var body = entries.map(function (h) { return '<text:p text:style-name="' + style + '"><text:a xlink:type="simple" xlink:href="#' + h.anchor + '">' + odtText(textOf(h)) + "</text:a></text:p>"; }).join("");
    return '<text:table-of-content text:protected="true" text:name="Contents"><text:table-of-content-source text:outline-level="1">' +
      "<text:index-title-template/>" + template + "</text:table-of-content-source><text:index-body>" + body + "</text:index-body></text:table-of-content>";
  }
  function odtValues(data, pack, blocks) {
    return {
      body: blocks.map(function (b) { return b.kind === "toc" ? odtContents(data, blocks) : odtBlock(data, b); }).join(""),
      footer: "<text:p>" + odtText(pack.title) + ' · Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p>',
      title: "<dc:title>" + escapeText(xmlSafe(pack.title)) + "</dc:title>", subject: "<dc:subject>" + escapeText(xmlSafe(data.subject)) + "</dc:subject>"
    };
  }
  var XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

  // ---- Packages: the build's parts with the markers replaced ------------------------------------
  function fromBase64(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }
  function packageParts(spec, values, fixups) {
    var utf8 = new TextDecoder("utf-8"), encode = new TextEncoder();
    return spec.parts.map(function (part) {
      var name = part[0], bytes = window.fflate.inflateSync(fromBase64(part[1]));
      var edits = spec.edits.filter(function (e) { return e[0] === name; });
      if (edits.length || fixups[name]) {
        var xml = utf8.decode(bytes);
        edits.forEach(function (e) { var at = xml.indexOf(e[1]); if (at !== -1) { xml = xml.slice(0, at) + values[e[2]] + xml.slice(at + e[1].length); } });
        if (fixups[name]) { xml = fixups[name](xml); }
        bytes = encode.encode(xml);
      }
      return [name, bytes, part[2]];
    });
  }
  function writeDocx(data, pack) {
    var blocks = officeBlocks(pack);
    return packageParts(data.docx, docxValues(data, pack, blocks), {});
  }
  function writeOdt(data, pack) {
    var blocks = officeBlocks(pack);
    return packageParts(data.odt, odtValues(data, pack, blocks), {
      "content.xml": function (xml) { return xml.indexOf(XLINK) !== -1 ? xml : xml.replace("<office:document-content ", "<office:document-content " + XLINK + " "); }
    });
  }

  // ---- Markdown (packs/markdown.py) ------------------------------------------------------------
  function mdText(text) {
    text = text.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    text = text.split("](").join("]\\(").split("][").join("]\\[").split("]:").join("]\\:").replace(/`/g, "\\`");
    text = text.split(/\s+/).filter(Boolean).join(" ");
    return text.replace(/^(\s*)([#>+\-*=|]|\d+[.)]|\[)/, function (m, space, mark) {
      return /^\d/.test(mark) ? space + mark.slice(0, -1) + "\\" + mark.slice(-1) : space + "\\" + mark;
    });
  }
  function mdBlock(b) {
    var text = mdText(textOf(b));
    if (b.kind === "heading") { return "### " + text; }
    if (b.kind === "choice" || b.kind === "option" || b.kind === "end") { return "**" + text + "**"; }
    if (b.kind === "item") { return mdText(b.marker + " " + textOf(b)); }
    return text;
  }
  function writeMarkdown(pack) {
    var lines = ["# " + mdText(pack.title), "", mdText(pack.subtitle), "", mdText(pack.description), "", "## How to use this pack", ""];
    pack.howTo.forEach(function (t) { lines.push(mdText(t), ""); });
    lines.push("## Contents", "");
    pack.sections.forEach(function (s, i) { lines.push("- " + mdText(heading(i + 1, s))); });
    lines.push("");
    pack.sections.forEach(function (s, i) {
      lines.push("## " + mdText(heading(i + 1, s)), "");
      s.blocks.forEach(function (b) { lines.push(mdBlock(b), ""); });
      s.clause.guidance.forEach(function (g) { lines.push("> **" + mdText(g[0]) + ":** " + mdText(g[1]), ">"); });
      lines[lines.length - 1] = "";
    });
    return lines.join("\n");
  }

  // The writers, for tests and for the page.
  window.SVKBPacks = {
    clauseDocument: clauseDocument, packDocument: packDocument, writeDocx: writeDocx, writeOdt: writeOdt,
    writeMarkdown: writeMarkdown, formatValue: formatValue, checkValue: checkValue
  };

  // Links to the builder that name clauses open it with those clauses chosen.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-svkb-pack-clauses]"), function (link) {
    link.href = link.href.split("#")[0] + "#clauses=" + encodeURIComponent(link.getAttribute("data-svkb-pack-clauses")).replace(/%2C/g, ",");
  });

  var root = document.querySelector("[data-svkb-pack-builder]");
  if (!root) { return; }
  function load(src, then) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = then;
    script.onerror = function () { root.querySelector("p").textContent = "The pack builder could not load its data. Reload the page to try again."; };
    document.head.appendChild(script);
  }
  load(HERE.replace(/pack-builder\.js([?#].*)?$/, "pack-builder-data.js"), function () {
    load(HERE.replace(/pack-builder\.js([?#].*)?$/, "fflate.js"), function () {
      if (window.SVKBPackBuilderUI) { window.SVKBPackBuilderUI(root, window.SVKB_PACK_DATA); }
    });
  });
})();

/* The pack builder's page: the form, the preview, the downloads and the link that reopens them. */
(function () {
  "use strict";
  var P = window.SVKBPacks;
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  var NUMERIC = ["integer", "percentage", "money"];
  function hint(v) {
    var parts = [v.description || ""];
    if (v.type === "percentage") { parts.push("A percentage, for example 10."); }
    if (v.type === "money") { parts.push("An amount in pounds, for example 250000."); }
    if (v.type === "date") { parts.push("A date."); }
    if (v.minimum !== null || v.maximum !== null) {
      var high = v.maximum !== null ? v.maximum : (v.type === "percentage" ? 100 : null);
      parts.push(high !== null ? "Between " + (v.minimum !== null ? v.minimum : 0) + " and " + high + "." : "At least " + v.minimum + ".");
    }
    if (v.type === "choice") { parts.push("Leave it as “Not decided yet” to keep every option in the text."); }
    return parts.filter(Boolean).join(" ");
  }

  window.SVKBPackBuilderUI = function (root, data) {
    var byId = {};
    data.clauses.forEach(function (c) { byId[c.id] = c; });
    var state = readState();
    root.textContent = "";

    // 1. Clauses
    var count = el("p", { "class": "svkb-builder__count", role: "status", "aria-live": "polite" });
    var choose = el("fieldset", { "class": "svkb-builder__clauses" }, [el("legend", { text: "1. Choose the clauses" })]);
    data.stages.forEach(function (stage) {
      var own = data.clauses.filter(function (c) { return c.stage === stage.id; });
      if (!own.length) { return; }
      var group = el("fieldset", { "class": "svkb-builder__stage" }, [el("legend", { text: stage.label })]);
      own.forEach(function (c) {
        var id = "svkb-pick-" + c.slug;
        var box = el("input", { type: "checkbox", id: id, value: c.id });
        box.checked = state.clauses.indexOf(c.id) !== -1;
        box.addEventListener("change", function () { state.clauses = picked(); update(true); });
        group.appendChild(el("div", { "class": "svkb-builder__pick" }, [box, el("label", { "for": id, text: c.id + ": " + c.title })]));
      });
      choose.appendChild(group);
    });
    choose.appendChild(count);

    // 2. Details
    var details = el("fieldset", { "class": "svkb-builder__details" }, [el("legend", { text: "2. Fill in your details" })]);
    var fields = el("div");
    var title = field("svkb-pack-title", "Title of the pack", "text", state.title, "Shown on the title page and in the footer. Leave it empty for “" + data.title + "”.");
    var edition = field("svkb-pack-edition", "Edition or organisation (optional)", "text", state.edition, "For example your council's name; shown under the title.");
    details.appendChild(title.wrap);
    details.appendChild(edition.wrap);
    details.appendChild(el("p", { "class": "svkb-builder__note", text: "Each detail is asked once, however many clauses use it. Leave a detail empty to keep its placeholder in the text." }));
    details.appendChild(fields);

    // 3. Preview, 4. Download and link
    var preview = el("div", { "class": "svkb-builder__preview", tabindex: "0", role: "region", "aria-label": "Preview of the chosen clauses" });
    var previewBox = el("section", { "class": "svkb-builder__section", "aria-labelledby": "svkb-builder-preview" }, [el("h2", { id: "svkb-builder-preview", text: "3. Preview" }), preview]);
    var status = el("p", { "class": "svkb-builder__status", role: "status", "aria-live": "polite" });
    var buttons = el("div", { "class": "svkb-builder__buttons" });
    [["docx", "Download Word (DOCX)"], ["odt", "Download OpenDocument (ODT)"], ["md", "Download Markdown"]].forEach(function (f) {
      var b = el("button", { type: "button", "class": "md-button" + (f[0] === "docx" ? " md-button--primary" : ""), "data-format": f[0], text: f[1] });
      b.addEventListener("click", function () { download(f[0]); });
      buttons.appendChild(b);
    });
    var link = el("input", { type: "text", id: "svkb-pack-link", readonly: "readonly", "class": "svkb-builder__link" });
    var linkBox = el("div", {}, [el("label", { "for": "svkb-pack-link", text: "Link that reopens this pack with your details (nothing is stored anywhere else)" }), link]);
    var downloadBox = el("section", { "class": "svkb-builder__section", "aria-labelledby": "svkb-builder-download" }, [el("h2", { id: "svkb-builder-download", text: "4. Download" }), buttons, status, linkBox]);

    root.appendChild(choose);
    root.appendChild(details);
    root.appendChild(previewBox);
    root.appendChild(downloadBox);

    var inputs = {};
    title.input.addEventListener("input", function () { state.title = title.input.value; update(false); });
    edition.input.addEventListener("input", function () { state.edition = edition.input.value; update(false); });
    update(false);

    function field(id, label, type, value, help) {
      var input = el(type === "choice" ? "select" : "input", type === "choice" ? { id: id } : { id: id, type: "text", autocomplete: "off" });
      var helpNode = el("p", { id: id + "-hint", "class": "svkb-builder__hint", text: help || "" });
      var error = el("p", { id: id + "-error", "class": "svkb-builder__error", hidden: "hidden" });
      input.setAttribute("aria-describedby", id + "-hint " + id + "-error");
      if (value !== undefined && value !== null) { input.value = value; }
      return { input: input, error: error, wrap: el("div", { "class": "svkb-builder__field" }, [el("label", { "for": id, text: label }), helpNode, input, error]) };
    }
    function picked() {
      return Array.prototype.filter.call(choose.querySelectorAll("input[type=checkbox]"), function (b) { return b.checked; }).map(function (b) { return b.value; });
    }
    function chosen() {
      return state.clauses.filter(function (id) { return byId[id]; }).map(function (id) { return byId[id]; }).sort(function (a, b) { return a.order - b.order; });
    }
    function variables() {
      var seen = {}, list = [];
      chosen().forEach(function (c) { c.variables.forEach(function (v) { if (!seen[v.name]) { seen[v.name] = true; list.push(v); } }); });
      return list;
    }
    function sameName(name) {  // every chosen clause's variable of this name: a value must suit them all, as svkb check requires
      var found = [];
      chosen().forEach(function (c) { c.variables.forEach(function (v) { if (v.name === name) { found.push(v); } }); });
      return found;
    }
    function renderFields() {
      var wanted = variables();
      fields.textContent = "";
      wanted.forEach(function (v) {
        if (!inputs[v.name]) {
          var f = field("svkb-var-" + v.name, v.label, v.type, undefined, hint(v));
          if (v.type === "choice") {
            f.input.appendChild(el("option", { value: "", text: "Not decided yet" }));
            v.choices.forEach(function (c) { f.input.appendChild(el("option", { value: c, text: c })); });
          } else if (NUMERIC.indexOf(v.type) !== -1) {
            f.input.setAttribute("inputmode", "decimal");
          } else if (v.type === "date") {
            f.input.setAttribute("placeholder", "YYYY-MM-DD");
          }
          var start = state.values[v.name] !== undefined ? state.values[v.name] : (data.defaults[v.name] !== undefined ? String(data.defaults[v.name]) : "");
          f.input.value = start;
          state.values[v.name] = f.input.value;
          f.input.addEventListener(v.type === "choice" ? "change" : "input", function () { state.values[v.name] = f.input.value; update(false); });
          inputs[v.name] = { field: f, variable: v };
        }
        fields.appendChild(inputs[v.name].field.wrap);
      });
    }
    function values() {
      var out = {}, errors = [];
      variables().forEach(function (v) {
        var raw = (state.values[v.name] || "").trim(), f = inputs[v.name].field, problem = null, value = raw;
        if (raw !== "") {
          if (NUMERIC.indexOf(v.type) !== -1) { value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN; }
          problem = sameName(v.name).map(function (each) { return P.checkValue(each, value); }).filter(Boolean)[0] || null;
        }
        f.error.textContent = problem ? v.label + ": " + problem : "";
        f.error.hidden = !problem;
        if (problem) { f.input.setAttribute("aria-invalid", "true"); errors.push(v.label); } else { f.input.removeAttribute("aria-invalid"); }
        if (raw !== "" && !problem) { out[v.name] = value; }
      });
      return { values: out, errors: errors };
    }
    function update(clausesChanged) {
      count.textContent = state.clauses.length + " clause" + (state.clauses.length === 1 ? "" : "s") + " chosen.";
      if (clausesChanged || !fields.childNodes.length) { renderFields(); }
      var result = values();
      renderPreview(result.values);
      writeState();
      return result;
    }
    function renderPreview(vals) {
      preview.textContent = "";
      var clauses = chosen();
      if (!clauses.length) { preview.appendChild(el("p", { text: "Choose at least one clause to see it here." })); return; }
      clauses.forEach(function (c, i) {
        preview.appendChild(el("h3", { text: (i + 1) + ". " + c.title }));
        P.clauseDocument(c, vals).forEach(function (b) {
          var node = el(b.kind === "heading" ? "h4" : "p", { "class": "svkb-builder__block svkb-builder__" + b.kind + (b.depth ? " svkb-depth-" + Math.min(b.depth, 4) : "") + (b.kind === "item" ? " svkb-item--l" + b.level : "") });
          var holder = node;
          if (b.marker) { node.appendChild(el("span", { "class": "svkb-item__marker", text: b.marker })); holder = node.appendChild(el("span", { "class": "svkb-item__text" })); }
          b.runs.forEach(function (r) { holder.appendChild(r[1] === "placeholder" || r[1] === "option" ? el("mark", { "class": "svkb-" + r[1], text: r[0] }) : document.createTextNode(r[0])); });
          preview.appendChild(node);
        });
      });
    }
    function download(format) {
      var result = update(false);
      var clauses = chosen();
      if (!clauses.length) { status.textContent = "Choose at least one clause first."; return; }
      if (result.errors.length) {
        status.textContent = "Correct " + result.errors.length + " detail" + (result.errors.length === 1 ? "" : "s") + " first: " + result.errors.join(", ") + ".";
        inputs[variables().filter(function (v) { return result.errors.indexOf(v.label) !== -1; })[0].name].field.input.focus();
        return;
      }
      var pack = P.packDocument(data, clauses, result.values, state.title.trim(), state.edition.trim());
      var name = "svkb-clauses-" + data.slug + "." + format;
      var blob;
      if (format === "md") {
        blob = new Blob([P.writeMarkdown(pack)], { type: "text/markdown;charset=utf-8" });
      } else {
        var parts = format === "docx" ? P.writeDocx(data, pack) : P.writeOdt(data, pack);
        var files = {};
        parts.forEach(function (p) { files[p[0]] = [p[1], { level: p[2] ? 6 : 0 }]; });
        var zipped = window.fflate.zipSync(files, { mtime: new Date(data.created + "Z") });
        blob = new Blob([zipped], { type: format === "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/vnd.oasis.opendocument.text" });
      }
      var a = el("a", { href: URL.createObjectURL(blob), download: name });
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      status.textContent = "Downloaded " + name + " with " + clauses.length + " clause" + (clauses.length === 1 ? "" : "s") + ".";
    }
    function readState() {
      var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      var s = { clauses: (params.get("clauses") || "").split(",").filter(Boolean), values: {}, title: params.get("title") || "", edition: params.get("edition") || "" };
      params.forEach(function (value, key) { if (key.indexOf("v.") === 0) { s.values[key.slice(2)] = value; } });
      return s;
    }
    function writeState() {
      var params = new URLSearchParams();
      if (state.clauses.length) { params.set("clauses", state.clauses.join(",")); }
      if (state.title) { params.set("title", state.title); }
      if (state.edition) { params.set("edition", state.edition); }
      variables().forEach(function (v) { if (state.values[v.name]) { params.set("v." + v.name, state.values[v.name]); } });
      var hash = params.toString();
      history.replaceState(null, "", window.location.pathname + window.location.search + (hash ? "#" + hash : ""));
      link.value = window.location.href;
    }
  };
})();
