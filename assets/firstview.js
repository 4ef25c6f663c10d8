/* The first view (web/firstview.py): the page as HTML, shown while the app starts beside it, hidden.
   Once the app's own page content has arrived and nothing is loading, the first view is removed and the live
   page — the same page — is shown. Without JavaScript the first view is the page.
   What the reader did in the first view survives the swap: a disclosure they opened (「出典」, the phone menu,
   a table) is open in the live page too, matched by its place on the page and its summary text. */
(function () {
  "use strict";
  function ready(first) {
    var root = document.getElementById("react-entry-point");
    var content = root && document.getElementById(first.getAttribute("data-content"));
    if (!content || !root.contains(content) || !content.hasChildNodes()) { return false; }
    return !root.querySelector("[data-dash-is-loading='true']");
  }
  function summaryText(details) {
    var summary = details.querySelector("summary");
    return summary ? summary.textContent.trim() : "";
  }
  function carryOpenDisclosures(first, root) {
    var before = first.querySelectorAll("details");
    var after = root.querySelectorAll("details");
    var next = 0;
    for (var i = 0; i < before.length; i += 1) {
      var text = summaryText(before[i]);
      // the same disclosure is the next one in the live page with the same summary (the live page may hold
      // controls the first view leaves out, never the other way round)
      while (next < after.length && summaryText(after[next]) !== text) { next += 1; }
      if (next >= after.length) { return; }
      if (before[i].open && !after[next].open) { after[next].open = true; }
      next += 1;
    }
  }
  function start() {
    var first = document.getElementById("first-view");
    if (!first) { return; }
    var observer = new MutationObserver(function () {
      if (!ready(first)) { return; }
      observer.disconnect();
      var focused = first.contains(document.activeElement);
      carryOpenDisclosures(first, document.getElementById("react-entry-point"));
      first.remove();
      if (focused) { document.getElementById("main") && document.getElementById("main").focus(); }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true,
      attributeFilter: ["data-dash-is-loading"] });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
