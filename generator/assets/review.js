/* Review dates: show the overdue notice and mark dashboard rows once the review date has passed,
   in the reader's browser, so content ages without a rebuild. */
(function () {
  "use strict";
  function overdue(isoDate) {
    var parts = isoDate.split("-");
    var due = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]), 23, 59, 59);
    return Date.now() > due.getTime();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-svkb-review-by]"), function (el) {
      if (!overdue(el.getAttribute("data-svkb-review-by"))) { return; }
      if (el.classList.contains("svkb-due")) {
        el.textContent = "Overdue";
        el.classList.add("svkb-overdue");
      } else {
        el.hidden = false;
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
