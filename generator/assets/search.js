/* Search results: label each result with the kind of page it is (Guidance, Stage, Case study,
   Clause, Indicator, Course...), from its address, so readers can tell a clause from a case study. */
(function () {
  "use strict";
  var KINDS = [
    [/^case-studies\/$/, "Case studies"], [/^case-studies\/./, "Case study"],
    [/^clauses\/$/, "Clause library"], [/^clauses\/./, "Clause"],
    [/^indicators\/$/, "Indicators"], [/^indicators\/./, "Indicator"],
    [/^courses\/[^/]+\/[^/]+\/$/, "Course module"], [/^courses\/./, "Course"], [/^courses\/$/, "Courses"],
    [/^stages\//, "Stage"], [/^themes\//, "Theme"], [/^guidance\//, "Guidance"]
  ];
  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href).href;
  }
  function kindOf(href, base) {
    if (href.indexOf(base) !== 0) { return "Page"; }
    var path = href.slice(base.length).split("#")[0].split("?")[0].replace(/index\.html$/, "");
    for (var i = 0; i < KINDS.length; i++) {
      if (KINDS[i][0].test(path)) { return KINDS[i][1]; }
    }
    return "Page";
  }
  function label(list, base) {
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__item > .md-search-result__link"), function (link) {
      var title = link.querySelector(".md-search-result__article h1");
      if (!title || title.querySelector(".svkb-result-type")) { return; }
      var tag = document.createElement("span");
      tag.className = "svkb-result-type";
      tag.textContent = kindOf(link.href, base);
      var gap = document.createElement("span");
      gap.className = "svkb-visually-hidden";
      gap.textContent = ": ";
      tag.appendChild(gap);
      title.insertBefore(tag, title.firstChild);
    });
  }
  function init() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || !window.MutationObserver) { return; }
    var base = siteBase();
    new MutationObserver(function () { label(list, base); }).observe(list, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
