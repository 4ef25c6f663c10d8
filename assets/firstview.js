/* The first view (callbacks/firstview.py): the page as HTML, shown while the app starts beside it, hidden.
   Once the app's own page content has arrived and nothing is loading, the first view is removed and the live
   page — the same page — is shown. Without JavaScript the first view is the page. */
(function () {
  "use strict";
  function ready(first) {
    var root = document.getElementById("react-entry-point");
    var content = root && document.getElementById(first.getAttribute("data-content"));
    if (!content || !root.contains(content) || !content.hasChildNodes()) { return false; }
    return !root.querySelector("[data-dash-is-loading='true']");
  }
  function start() {
    var first = document.getElementById("first-view");
    if (!first) { return; }
    var observer = new MutationObserver(function () {
      if (!ready(first)) { return; }
      observer.disconnect();
      var focused = first.contains(document.activeElement);
      first.remove();
      if (focused) { document.getElementById("main") && document.getElementById("main").focus(); }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true,
      attributeFilter: ["data-dash-is-loading"] });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
