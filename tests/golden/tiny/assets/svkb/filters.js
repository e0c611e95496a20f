/* Filters for index pages: show only matching cards; the state lives in the URL.
   Without JavaScript the form stays hidden and the full list is shown. */
(function () {
  "use strict";
  function setup(form) {
    var list = document.querySelector("[data-svkb-list]");
    var status = document.querySelector("[data-svkb-status]");
    var empty = document.querySelector("[data-svkb-empty]");
    if (!list) { return; }
    var cards = Array.prototype.slice.call(list.querySelectorAll(":scope > [role=listitem]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var noun = form.getAttribute("data-svkb-noun") || "items";

    function apply(updateUrl) {
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
      if (status) { status.textContent = "Showing " + shown + " of " + cards.length + " " + noun + "."; }
      if (empty) { empty.hidden = shown !== 0; }
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
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-svkb-filters]"), setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
