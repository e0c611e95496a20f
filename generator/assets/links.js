/* Permanent links: the pilcrow beside each heading copies the heading's address and says so;
   an address with a renamed heading's old anchor jumps to the heading's new place. */
(function () {
  "use strict";
  function announce(message) {
    var region = document.getElementById("svkb-announce");
    if (!region) {
      region = document.createElement("p");
      region.id = "svkb-announce";
      region.className = "svkb-visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }
  function followAlias() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var alias = id && document.getElementById(id);
    if (alias && alias.hasAttribute("data-svkb-alias-for")) {
      var target = document.getElementById(alias.getAttribute("data-svkb-alias-for"));
      if (target) { target.scrollIntoView(); }
    }
  }
  function fixRootLinks() {
    // Links to files written after MkDocs (Markdown packs, the offline zip) are raw HTML, so MkDocs
    // cannot adjust them; resolve them against the theme's base, which is right in every build.
    var config = document.getElementById("__config");
    if (!config) { return; }
    var base = JSON.parse(config.textContent).base || ".";
    Array.prototype.forEach.call(document.querySelectorAll("[data-svkb-root-href]"), function (link) {
      link.setAttribute("href", base.replace(/\/$/, "") + "/" + link.getAttribute("data-svkb-root-href"));
    });
  }
  function init() {
    fixRootLinks();
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a.headerlink"), function (link) {
      var heading = link.parentElement ? link.parentElement.textContent.replace("¶", "").trim() : "";
      if (link.classList.contains("svkb-para-link")) { heading = link.getAttribute("aria-label").replace("Copy link to ", ""); }
      link.setAttribute("aria-label", "Copy link to " + (link.classList.contains("svkb-para-link") ? heading : "the section: " + heading));
      link.setAttribute("title", "Copy link to this section");
      link.addEventListener("click", function (event) {
        var url = link.href;
        if (!navigator.clipboard || !window.isSecureContext) { return; }
        event.preventDefault();
        history.replaceState(null, "", link.getAttribute("href"));
        navigator.clipboard.writeText(url).then(function () { announce("Link to \u201c" + heading + "\u201d copied."); }, function () { window.location.hash = link.hash; });
      });
    });
    followAlias();
    Array.prototype.forEach.call(document.querySelectorAll("[data-svkb-cite]"), function (box) {
      var url = citationAddress();
      var text = box.getAttribute("data-svkb-cite") + " " + url;
      var output = box.querySelector("[data-svkb-cite-output]");
      var button = box.querySelector("[data-svkb-cite-copy]");
      var status = box.querySelector("[data-svkb-cite-status]");
      output.textContent = text;
      if (!navigator.clipboard || !window.isSecureContext) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied the citation."; }, function () { status.textContent = "Could not copy: select the citation and copy it by hand."; });
      });
    });
  }
  function citationAddress() {
    // The configured address (canonical link) in every copy, online and offline; without one, the
    // page's path from the site root, never a file:// or localhost address.
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical) { return canonical.href.split("#")[0].split("?")[0].replace(/index\.html$/, ""); }
    var config = document.getElementById("__config");
    var base = new URL((config ? JSON.parse(config.textContent).base : ".").replace(/\/?$/, "/"), window.location.href).href;
    var here = window.location.href.split("#")[0].split("?")[0].replace(/index\.html$/, "");
    return "/" + (here.indexOf(base) === 0 ? here.slice(base.length) : "");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
