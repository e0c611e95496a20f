/* Copy buttons on clause pages: copy the clause text, or the text with a citation line,
   and say so in a live region so screen-reader users hear that it worked. */
(function () {
  "use strict";
  function permalink() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = canonical ? canonical.href : window.location.href;
    return url.split("#")[0].split("?")[0];
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  function setup(block) {
    var source = block.querySelector("[data-svkb-source]");
    var status = block.querySelector("[data-svkb-status]");
    Array.prototype.forEach.call(block.querySelectorAll("[data-svkb-copy]"), function (button) {
      button.addEventListener("click", function () {
        var withCitation = button.getAttribute("data-svkb-copy") === "citation";
        var text = source.value;
        if (withCitation) {
          text += "\n\nSource: " + block.getAttribute("data-svkb-citation") + ". " + permalink();
        }
        copy(text).then(function () {
          status.textContent = withCitation ? "Copied the clause text with its citation." : "Copied the clause text.";
          button.setAttribute("data-copied", "true");
          // The button itself says so for a moment, where the eye already is.
          var label = button.getAttribute("data-label") || button.textContent;
          button.setAttribute("data-label", label);
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          status.textContent = "Could not copy automatically. Select the clause text and copy it by hand.";
        });
      });
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-svkb-clause]"), setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
