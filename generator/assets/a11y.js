/* Accessibility fixes to Material's markup that axe's best-practice rules ask for:
   - the search dialog gets a name;
   - a menu section whose page has its own link (navigation.indexes) is labelled by an icon-only
     toggle, so its landmark has no name; it takes the name of its link;
   - the tag lists inside search results are named after their result, so no two landmarks share
     a name. */
(function () {
  "use strict";
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search this site"); }
  }
  function nameMenuSections() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) { return; }
      var container = label.closest(".md-nav__container");
      var link = container && container.querySelector("a.md-nav__link");
      if (link && link.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", link.textContent.trim());
      }
    });
  }
  function nameResultTags(list) {
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__article"), function (article) {
      var tags = article.querySelector("nav.md-tags");
      var title = article.querySelector("h1, h2");
      if (tags && title && !tags.hasAttribute("aria-label")) {
        tags.setAttribute("aria-label", "Tags: " + title.textContent.replace(/^[^:]*: /, "").trim());
      }
    });
  }
  function init() {
    nameSearch();
    nameMenuSections();
    var list = document.querySelector(".md-search-result__list");
    if (list && window.MutationObserver) {
      new MutationObserver(function () { nameResultTags(list); }).observe(list, { childList: true, subtree: true });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
