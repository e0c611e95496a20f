/* The measurement calculators (calculators/index.html): SROI ratio, Local Multiplier 3 and proxy
   valuation, worked out in the browser as the reader types, with the working shown step by step.
   The forms come from the page (generator/pagetemplates/calculators.md.j2); this script only reads
   their field names and values, loads nothing and never takes a script or an address from the page.
   Nothing entered is sent or stored. tests/test_calculator.py holds the results to the worked examples. */
(function () {
  "use strict";
  var ANNOUNCE_AFTER = 700;  // ms of quiet before the live region speaks, so typing is not read out key by key
  var MOST_YEARS = 30;       // the Green Book's standard discount rate covers years 0 to 30
  var MAX_TEXT = 200;        // characters in a commitment's description
  var MOST = 1e12;           // the largest figure accepted: keeps every product finite and readable

  // ---- Numbers, the en-GB way -------------------------------------------------------------------
  var MONEY = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function decimal(places) { return new Intl.NumberFormat("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: places }); }
  var FACTOR = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 4 });

  /* Round as a person would on paper (1.685 to 1.69), not as the binary double happens to lie. */
  function round(x, places) {
    var sign = x < 0 ? -1 : 1, text = String(Math.abs(x));
    var shifted = text.indexOf("e") === -1 ? Number(text + "e" + places) : Math.abs(x) * Math.pow(10, places);
    var out = Math.round(shifted) / Math.pow(10, places);
    return out === 0 ? 0 : sign * out;
  }
  function money(x) { return MONEY.format(round(x, 2)); }
  function plain(x, places) { return decimal(places === undefined ? 2 : places).format(round(x, places === undefined ? 2 : places)); }
  function percent(x, places) { return plain(x, places) + "%"; }
  function share(x, places) { return fixed(x, places) + "%"; }  // always with its decimals: 4.0%
  function fixed(x, places) { return round(x, places).toFixed(places); }

  /* A figure as typed: "£40,000", "40000", "3.5%" and " 12.21 " are all numbers; "" is blank. */
  function parse(text) {
    var cleaned = String(text).replace(/[\s\u00a0]/g, "").replace(/^£/, "").replace(/%$/, "");
    if (!cleaned) { return { blank: true }; }
    if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(cleaned) || /^-?\.\d+$/.test(cleaned)) {
      return { value: Number(cleaned.replace(/,/g, "")) };
    }
    return { bad: true };
  }

  // ---- What each field accepts ------------------------------------------------------------------
  /* kind: money, count, percent or years; need: "positive" when the calculation divides by it. */
  var FIELDS = {
    sroi: {
      investment: { noun: "the investment", kind: "money", need: "positive" },
      quantity: { noun: "the number of outcomes", kind: "count" },
      proxy: { noun: "the value of one outcome", kind: "money" },
      deadweight: { noun: "deadweight", kind: "percent" },
      attribution: { noun: "attribution", kind: "percent" },
      displacement: { noun: "displacement", kind: "percent" },
      years: { noun: "the number of years", kind: "years" },
      dropoff: { noun: "drop-off", kind: "percent" },
      rate: { noun: "the discount rate", kind: "percent" }
    },
    lm3: {
      round1: { noun: "round 1 income", kind: "money", need: "positive" },
      round2: { noun: "round 2 spending", kind: "money" },
      round3: { noun: "round 3 spending", kind: "money" }
    },
    proxy: {
      quantity: { noun: "the quantity", kind: "count" },
      proxy: { noun: "the proxy value", kind: "money" },
      contract: { noun: "the contract value", kind: "money", need: "positive", optional: true },
      best: { noun: "the highest total", kind: "money", need: "positive", optional: true },
      marks: { noun: "the marks available", kind: "count", need: "positive", optional: true }
    }
  };
  var EXAMPLE = { money: "40,000", count: "10", percent: "25", years: "3" };

  function check(spec, text) {
    var read = parse(text);
    if (read.blank) { return spec.optional ? { value: null } : { error: "Enter " + spec.noun + "." }; }
    if (read.bad) { return { error: "Enter " + spec.noun + " as a number, like " + EXAMPLE[spec.kind] + "." }; }
    var x = read.value;
    if (!isFinite(x) || x > MOST) { return { error: "Enter " + spec.noun + " below " + plain(MOST, 0) + "." }; }
    if (x < 0) { return { error: capital(spec.noun) + " cannot be negative." }; }
    if (spec.kind === "percent" && x > 100) { return { error: "Enter a percentage from 0 to 100." }; }
    if (spec.kind === "years" && (!Number.isInteger(x) || x < 1 || x > MOST_YEARS)) {
      return { error: "Enter a whole number of years from 1 to " + MOST_YEARS + "." };
    }
    if (spec.need === "positive" && x === 0) { return { error: capital(spec.noun) + " must be more than 0: the calculation divides by it." }; }
    return { value: x };
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // ---- Showing a field's problem beside it ----------------------------------------------------------
  function errorFor(input) { return document.getElementById(input.id + "-error"); }
  function showError(input, message) {
    var box = errorFor(input), hint = input.id + "-hint", ids = [];
    if (document.getElementById(hint)) { ids.push(hint); }
    if (box) {
      box.textContent = message || "";
      box.hidden = !message;
      if (message) { ids.push(box.id); }
    }
    if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  /* Read and check every number field of a form (or a row); problems are shown beside their fields. */
  function readFields(scope, specs, values, problems) {
    Array.prototype.forEach.call(scope.querySelectorAll("input[name]"), function (input) {
      var spec = specs[input.name];
      if (!spec) { return; }
      var result = check(spec, input.value);
      showError(input, result.error);
      if (result.error) { problems.push(input); } else { values[input.name] = result.value; }
    });
    return values;
  }

  // ---- The calculations: each returns the working as steps, and a one-line summary ----------------
  function step(label, working, result) { return { label: label, working: working, result: result }; }

  function sroi(v) {
    var steps = [], gross = v.quantity * v.proxy, keep;
    steps.push(step("Gross value", plain(v.quantity) + " × " + money(v.proxy), money(gross)));
    var value = gross;
    [["deadweight", "Less deadweight"], ["attribution", "Less attribution"], ["displacement", "Less displacement"]].forEach(function (pair) {
      keep = 1 - v[pair[0]] / 100;
      steps.push(step(pair[1] + " (keep " + percent(keep * 100) + ")", money(value) + " × " + FACTOR.format(round(keep, 4)), money(value * keep)));
      value *= keep;
    });
    var present = 0, yearValue = value;
    for (var year = 1; year <= v.years; year += 1) {
      if (year > 1) { yearValue *= 1 - v.dropoff / 100; }
      var factor = Math.pow(1 + v.rate / 100, year - 1), discounted = yearValue / factor;
      present += discounted;
      if (v.years > 1) {
        steps.push(year === 1
          ? step("Year 1 (this year, not discounted)", "", money(discounted))
          : step("Year " + year, money(yearValue) + " after drop-off, ÷ " + FACTOR.format(round(factor, 4)) + " to discount it", money(discounted)));
      }
    }
    var net = present - v.investment, ratio = present / v.investment;
    steps.push(v.years > 1
      ? step("Present value", "the " + v.years + " years added together", money(present))
      : step("Present value (one year, this year: not discounted)", "", money(present)));
    steps.push(step("Net present value", money(present) + " − " + money(v.investment), money(net)));
    steps.push(step("SROI ratio", money(present) + " ÷ " + money(v.investment), fixed(ratio, 2) + " : 1"));
    return { steps: steps, summary: "SROI ratio " + fixed(ratio, 2) + " : 1. Present value " + money(present) + ", net present value " + money(net) + "." };
  }

  function lm3(v) {
    var total = v.round1 + v.round2 + v.round3, score = total / v.round1;
    var exact = round(score, 4), shown = fixed(score, 2);
    var note = Number(shown) === exact ? "" : " (" + plain(exact, 4) + " before rounding)";
    var steps = [
      step("Round 2 as a share of round 1", money(v.round2) + " ÷ " + money(v.round1), share(v.round2 / v.round1 * 100, 1)),
      step("Round 3 as a share of round 2", v.round2 ? money(v.round3) + " ÷ " + money(v.round2) : "", v.round2 ? share(v.round3 / v.round2 * 100, 1) : "none, as there is no round 2 spending"),
      step("Total of the three rounds", money(v.round1) + " + " + money(v.round2) + " + " + money(v.round3), money(total)),
      step("LM3 score", money(total) + " ÷ " + money(v.round1), shown + note)
    ];
    return { steps: steps, summary: "LM3 score " + shown + note + "." };
  }

  function proxy(v, rows) {
    var steps = [], total = 0, largest = null;
    rows.forEach(function (row, i) {
      var value = row.quantity * row.proxy;
      total += value;
      if (!largest || value > largest.value) { largest = { name: row.what || "Commitment " + (i + 1), value: value }; }
      steps.push(step(row.what || "Commitment " + (i + 1), plain(row.quantity) + " × " + money(row.proxy), money(value)));
    });
    steps.push(step("Total", rows.length > 1 ? rows.map(function (r) { return money(r.quantity * r.proxy); }).join(" + ") : "one commitment", money(total)));
    var summary = "Total " + money(total) + ".";
    if (rows.length > 1 && total > 0) {
      steps.push(step("Largest line", largest.name + ": " + money(largest.value) + " ÷ " + money(total), share(largest.value / total * 100, 0) + " of the total"));
    }
    if (v.contract) {
      var part = share(total / v.contract * 100, 1);
      steps.push(step("Share of the contract value", money(total) + " ÷ " + money(v.contract), part));
      summary += " " + part + " of the contract value.";
    }
    if (v.best && v.marks) {
      var marks = Math.min(total / v.best, 1) * v.marks;
      steps.push(step("Proportional score", money(total) + " ÷ " + money(v.best) + " × " + plain(v.marks) + (total > v.best ? " (this bid is the highest: full marks)" : ""), plain(marks, 2) + " marks"));
      summary += " Score " + plain(marks, 2) + " out of " + plain(v.marks) + " marks.";
    }
    return { steps: steps, summary: summary };
  }

  // ---- Cross-field checks (shown beside the later field) ---------------------------------------------
  function lm3Rules(form, v, problems) {
    [["round2", "round1", "Round 2 is spent out of round 1, so it cannot be more than "],
     ["round3", "round2", "Round 3 is re-spent out of round 2, so it cannot be more than "]].forEach(function (rule) {
      var input = form.querySelector("input[name='" + rule[0] + "']");
      if (input && v[rule[0]] !== undefined && v[rule[1]] !== undefined && v[rule[0]] > v[rule[1]]) {
        showError(input, rule[2] + money(v[rule[1]]) + ".");
        problems.push(input);
      }
    });
  }
  function proxyRules(form, v, problems) {
    var marks = form.querySelector("input[name='marks']"), best = form.querySelector("input[name='best']");
    if (marks && best && (v.marks === null) !== (v.best === null) && !problems.length) {
      var missing = v.marks === null ? marks : best;
      showError(missing, "Enter both the highest total and the marks available, or neither.");
      problems.push(missing);
    }
  }

  // ---- Rows of commitments ----------------------------------------------------------------------------
  function rowsOf(form) { return Array.prototype.slice.call(form.querySelectorAll("[data-svkb-calc-row]")); }

  /* Rows left entirely blank (such as one just added) are skipped; at least one row must be filled in. */
  function readRows(form, problems) {
    var rows = rowsOf(form), read = [];
    rows.forEach(function (row) {
      var inputs = Array.prototype.slice.call(row.querySelectorAll("input"));
      if (inputs.every(function (input) { return !input.value.trim(); })) {
        inputs.forEach(function (input) { showError(input, ""); });
        return;
      }
      var what = row.querySelector("input[name='what']"), values = readFields(row, FIELDS.proxy, {}, problems);
      read.push({ what: what ? what.value.trim().slice(0, MAX_TEXT) : "", quantity: values.quantity, proxy: values.proxy });
    });
    if (!read.length && rows.length) {
      var first = rows[0].querySelector("input[name='quantity']");
      showError(first, "Enter at least one commitment: its quantity and proxy value.");
      problems.push(first);
    }
    return read;
  }

  /* Give every row its number again: ids, labels, legends and the remove button's name. */
  function renumber(form) {
    var rows = rowsOf(form);
    rows.forEach(function (row, i) {
      var n = i + 1;
      row.querySelector("legend").textContent = "Commitment " + n;
      Array.prototype.forEach.call(row.querySelectorAll("[id]"), function (el) { el.id = el.id.replace(/^proxy-\d+-/, "proxy-" + n + "-"); });
      Array.prototype.forEach.call(row.querySelectorAll("label[for]"), function (el) { el.htmlFor = el.htmlFor.replace(/^proxy-\d+-/, "proxy-" + n + "-"); });
      Array.prototype.forEach.call(row.querySelectorAll("[aria-describedby]"), function (el) {
        el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").replace(/proxy-\d+-/g, "proxy-" + n + "-"));
      });
      var remove = row.querySelector("[data-svkb-calc-remove]");
      remove.textContent = "Remove commitment " + n;
      remove.hidden = rows.length === 1;
    });
  }

  function addRow(calc) {
    var rows = rowsOf(calc.form), row = rows[rows.length - 1].cloneNode(true);
    Array.prototype.forEach.call(row.querySelectorAll("input"), function (input) { input.value = ""; input.removeAttribute("value"); showError(input, ""); });
    rows[rows.length - 1].parentNode.appendChild(row);
    renumber(calc.form);
    row.querySelector("input").focus();
    update(calc, "Commitment " + (rows.length + 1) + " added.");
  }

  function removeRow(calc, row) {
    var rows = rowsOf(calc.form), index = rows.indexOf(row);
    if (rows.length < 2) { return; }
    row.parentNode.removeChild(row);
    renumber(calc.form);
    var left = rowsOf(calc.form), next = left[Math.min(index, left.length - 1)];
    next.querySelector("input").focus();
    update(calc, "Commitment " + (index + 1) + " removed.");
  }

  // ---- Putting it together ---------------------------------------------------------------------------
  var CALCULATE = { sroi: sroi, lm3: lm3, proxy: proxy };
  var RULES = { lm3: lm3Rules, proxy: proxyRules };

  function render(list, steps) {
    list.textContent = "";
    steps.forEach(function (s) {
      var item = document.createElement("li"), label = document.createElement("span"), result = document.createElement("strong");
      label.className = "svkb-calc__step";
      label.textContent = s.label + ": ";
      result.textContent = s.result;
      item.appendChild(label);
      if (s.working) { item.appendChild(document.createTextNode(s.working + " = ")); }
      item.appendChild(result);
      list.appendChild(item);
    });
  }

  function update(calc, note) {
    var problems = [], form = calc.form, name = calc.name;
    var values = readFields(form.querySelector("[data-svkb-calc-rows]") ? formOnly(form) : form, FIELDS[name], {}, problems);
    var rows = name === "proxy" ? readRows(form, problems) : null;
    if (RULES[name]) { RULES[name](form, values, problems); }
    var outcome = problems.length ? null : CALCULATE[name](values, rows);
    if (outcome) {
      render(calc.working, outcome.steps);
      calc.working.hidden = false;
    } else {
      calc.working.textContent = "";
      calc.working.hidden = true;
    }
    var message = outcome ? outcome.summary : "Correct the " + (problems.length === 1 ? "entry" : problems.length + " entries") + " marked above to see the result.";
    calc.summary.textContent = message;
    announce(calc, (note ? note + " " : "") + message);
    calc.container.setAttribute("data-svkb-calc-state", outcome ? "ok" : "invalid");
  }

  /* The proxy form's own fields, leaving out those inside rows (read by readRows). */
  function formOnly(form) {
    return { querySelectorAll: function (selector) {
      return Array.prototype.filter.call(form.querySelectorAll(selector), function (el) { return !el.closest("[data-svkb-calc-row]"); });
    } };
  }

  /* Speak the result once typing pauses; the first result, written as the page opens, is not spoken. */
  function announce(calc, message) {
    clearTimeout(calc.timer);
    if (!calc.started) { calc.started = true; return; }
    calc.status.setAttribute("data-svkb-calc-pending", "");
    calc.timer = setTimeout(function () {
      calc.status.textContent = message;
      calc.status.removeAttribute("data-svkb-calc-pending");
    }, ANNOUNCE_AFTER);
  }

  function reset(calc) {
    var rows = calc.form.querySelector("[data-svkb-calc-rows]");
    if (rows) {
      rows.textContent = "";
      calc.startRows.forEach(function (row) { rows.appendChild(row.cloneNode(true)); });
    }
    calc.form.reset();
    Array.prototype.forEach.call(calc.form.querySelectorAll("input"), function (input) { showError(input, ""); });
    if (rows) { renumber(calc.form); }
    update(calc, "Back to the worked example.");
  }

  function start(container) {
    var name = container.getAttribute("data-svkb-calc"), form = container.querySelector("form[data-svkb-calc-form]");
    if (!CALCULATE.hasOwnProperty(name) || !form) { return; }
    var calc = {
      name: name, container: container, form: form, timer: null, started: false,
      status: container.querySelector("[data-svkb-calc-status]"),
      summary: container.querySelector("[data-svkb-calc-summary]"),
      working: container.querySelector("[data-svkb-calc-working]"),
      startRows: rowsOf(form).map(function (row) { return row.cloneNode(true); })
    };
    form.addEventListener("submit", function (event) { event.preventDefault(); update(calc); });
    form.addEventListener("input", function () { update(calc); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.hasAttribute("data-svkb-calc-reset")) { reset(calc); }
      else if (button.hasAttribute("data-svkb-calc-add")) { addRow(calc); }
      else if (button.hasAttribute("data-svkb-calc-remove")) { removeRow(calc, button.closest("[data-svkb-calc-row]")); }
    });
    if (name === "proxy") { renumber(form); }
    container.hidden = false;
    update(calc);
  }

  function startAll() {
    var calcs = document.querySelectorAll("[data-svkb-calc]");
    Array.prototype.forEach.call(calcs, start);
    if (calcs.length) { Array.prototype.forEach.call(document.querySelectorAll(".svkb-calc-nojs"), function (p) { p.hidden = true; }); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); } else { startAll(); }
})();
