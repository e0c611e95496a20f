/* Filters for index pages: show only matching cards; the state lives in the URL.
   Without JavaScript the form stays hidden and the full list (or, for a long index, this page of
   it with links to the others) is shown.
   A long index comes in pages; there the list names a script with every card's data
   (data-svkb-all). It is loaded, with a script tag so that it works from file:// too, the first
   time a filter is chosen, and the matching cards from every page are shown in place of this
   page's, a batch at a time. */
(function () {
  "use strict";
  var BATCH = 50;

  function siteBase() {
    var config = document.getElementById("__config");
    return ((config && JSON.parse(config.textContent).base) || ".").replace(/\/$/, "");
  }

  function setup(form) {
    var list = document.querySelector("[data-svkb-list]");
    var status = document.querySelector("[data-svkb-status]");
    var empty = document.querySelector("[data-svkb-empty]");
    if (!list) { return; }
    var cards = Array.prototype.slice.call(list.querySelectorAll(":scope > [role=listitem]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var noun = form.getAttribute("data-svkb-noun") || "items";
    var all = list.getAttribute("data-svkb-all");
    if (all && !/^[a-z0-9_-]+(\/[a-z0-9_-]+)*\.js$/.test(all)) { all = null; }  // our own cards file, a plain relative path
    var total = all ? Number(list.getAttribute("data-svkb-total")) : cards.length;
    var pager = document.querySelector("[data-svkb-pager]");
    var more = null;
    var limit = BATCH;
    var waiting = null;

    function say(text) { if (status) { status.textContent = text; } }

    function active() { return selects.some(function (s) { return !!s.value; }); }

    function showPage() {
      var shown = 0;
      cards.forEach(function (card) {
        var match = selects.every(function (s) {
          if (!s.value) { return true; }
          var values = (card.getAttribute("data-" + s.name) || "").split(" ");
          return values.indexOf(s.value) !== -1;
        });
        card.hidden = !match;
        if (match) { shown += 1; }
      });
      say("Showing " + shown + " of " + total + " " + noun + ".");
      if (empty) { empty.hidden = shown !== 0; }
    }

    function matching(data) {
      return data.items.filter(function (item) {
        return selects.every(function (s) {
          if (!s.value) { return true; }
          var term = data.terms[s.name].indexOf(s.value);
          return term !== -1 && item[3 + data.facets.indexOf(s.name)].indexOf(term) !== -1;
        });
      });
    }

    function card(data, item, base) {
      var div = document.createElement("div");
      div.className = "svkb-card";
      div.setAttribute("role", "listitem");
      div.setAttribute("data-svkb-loaded", "");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = base + "/" + data.folder + "/" + item[0] + "/" + (window.location.protocol === "file:" ? "index.html" : "");
      link.textContent = item[1];
      heading.appendChild(link);
      var meta = document.createElement("p");
      meta.textContent = item[2];
      div.appendChild(heading);
      div.appendChild(meta);
      return div;
    }

    function clearLoaded() {
      Array.prototype.forEach.call(list.querySelectorAll(":scope > [data-svkb-loaded]"), function (el) { list.removeChild(el); });
      if (more) { more.hidden = true; }
    }

    function showAll(focusFrom) {
      var data = window.svkbCards;
      var found = matching(data);
      var base = siteBase();
      cards.forEach(function (c) { c.hidden = true; });
      clearLoaded();
      found.slice(0, limit).forEach(function (item) { list.appendChild(card(data, item, base)); });
      if (pager) { pager.hidden = true; }
      if (found.length > limit) {
        say(found.length + " of " + total + " " + noun + " match; showing the first " + limit + ".");
        if (!more) {
          more = document.createElement("button");
          more.type = "button";
          more.className = "md-button";
          more.textContent = "Show more";
          more.addEventListener("click", function () { var from = limit; limit += BATCH; showAll(from); });
          list.parentNode.insertBefore(more, list.nextSibling);
        }
        more.hidden = false;
      } else {
        say("Showing " + found.length + " of " + total + " " + noun + ".");
      }
      if (empty) { empty.hidden = found.length !== 0; }
      if (focusFrom !== undefined) {
        var next = list.querySelectorAll(":scope > [data-svkb-loaded] a")[focusFrom];
        if (next) { next.focus(); }
      }
    }

    function load(then) {
      if (window.svkbCards) { then(); return; }
      if (waiting) { waiting = then; return; }
      waiting = then;
      say("Loading every " + noun.replace(/s$/, "") + " to filter…");
      var script = document.createElement("script");
      script.src = siteBase() + "/" + all;
      script.onload = function () { var run = waiting; waiting = null; run(); };
      script.onerror = function () { waiting = null; say("The filters could not load the full list; showing this page only."); showPage(); };
      document.head.appendChild(script);
    }

    function apply(updateUrl) {
      if (all && active()) {
        limit = BATCH;
        load(function () { showAll(); });
      } else {
        clearLoaded();
        if (pager) { pager.hidden = false; }
        showPage();
      }
      showPack();
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) { params.set(s.name, s.value); } else { params.delete(s.name); } });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    // The pack for the current filter, where one filter is set and a pack exists for its value.
    function showPack() {
      var pack = document.querySelector("[data-svkb-pack]");
      if (!pack) { return; }
      var set = selects.filter(function (s) { return s.value; });
      var option = set.length === 1 ? set[0].options[set[0].selectedIndex] : null;
      var base = option ? option.getAttribute("data-pack") : null;
      if (base && !/^[A-Za-z0-9._\/-]+$/.test(base)) { base = null; }  // a plain relative path, never a scheme
      pack.hidden = !base;
      if (base) {
        Array.prototype.forEach.call(pack.querySelectorAll("a[data-format]"), function (a) { a.href = base + "." + a.getAttribute("data-format"); });
      }
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) { s.value = wanted; }
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
    foldOnPhones(form, selects);
  }
  // On a phone the filters fold away behind a button, open when a filter is already set.
  function foldOnPhones(form, selects) {
    if (!window.matchMedia) { return; }
    form.id = form.id || "svkb-filters";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button svkb-filters-toggle";
    toggle.setAttribute("aria-controls", form.id);
    function fold(folded) {
      form.classList.toggle("svkb-collapsed", folded);
      toggle.setAttribute("aria-expanded", String(!folded));
      toggle.textContent = folded ? "Show filters" : "Hide filters";
    }
    toggle.addEventListener("click", function () { fold(!form.classList.contains("svkb-collapsed")); });
    form.parentNode.insertBefore(toggle, form);
    fold(window.matchMedia("(max-width: 44.9375em)").matches && !selects.some(function (s) { return s.value; }));
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-svkb-filters]"), setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
