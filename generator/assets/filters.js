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
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) { params.set(s.name, s.value); } else { params.delete(s.name); } });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
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
