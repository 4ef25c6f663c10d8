/* Client-side helpers (no inline scripts: the Content-Security-Policy allows scripts from this site only). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  mieruka: {
    setLang: function (state) {
      var locale = state && state.locale === "en" ? "en" : "ja";
      document.documentElement.lang = locale;
      return window.dash_clientside.no_update;
    }
  }
});

/* <iframe> codes are rendered with a site-relative src (the same cached page for every host); when a reader opens
   or focuses one, the src is made absolute with this site's origin so that it can be pasted on another site. */
(function () {
  function absolutise(code) {
    if (!code || !code.classList || !code.classList.contains("embed-code")) { return; }
    if (code.textContent.indexOf('src="/embed/') >= 0) {
      code.textContent = code.textContent.replace('src="/embed/', 'src="' + window.location.origin + "/embed/");
    }
  }
  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target && target.querySelector) { absolutise(target.querySelector(".embed-code")); }
  }, true);
  document.addEventListener("focusin", function (event) {
    var code = event.target;
    absolutise(code);
    if (code && code.classList && code.classList.contains("embed-code")) {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  });
})();

/* The figure a permalink selects (?fig=<key>, finance/viewstate.py): when the page has rendered the section with the
   id "figure-<key>" (layouts/ids.py FIGURE_ANCHOR), it is marked (class figure-selected: an outline), made
   focusable (tabindex=-1), scrolled into view and focused for screen readers. The scroll and focus happen once
   per (path, figure), so later updates (another year, mode or language re-render the page) keep the mark without
   making the page jump. dcc.Loading keeps new content invisible for a moment (it cannot take focus then): the
   section is polled until it is shown, for at most 10 s. */
(function () {
  var PREFIX = "figure-";
  var KEY = /^[a-z0-9_-]{1,64}$/;
  var done = null;
  var pending = false;
  var waiting = { visit: null, tries: 0 };

  function selectedKey() {
    var key = new URLSearchParams(window.location.search).get("fig");
    return key && KEY.test(key) ? key : null;
  }
  function shown(el) {
    return el.getClientRects().length > 0 && window.getComputedStyle(el).visibility === "visible";
  }
  function retry(visit) {
    if (waiting.visit !== visit) { waiting = { visit: visit, tries: 0 }; }
    if (waiting.tries < 100) {
      waiting.tries += 1;
      window.setTimeout(schedule, 100);
    }
  }
  function apply() {
    var key = selectedKey();
    var target = key ? document.getElementById(PREFIX + key) : null;
    document.querySelectorAll(".figure-selected").forEach(function (el) {
      if (el !== target) { el.classList.remove("figure-selected"); }
    });
    if (!key) { done = null; return; }
    if (!target) { return; }
    if (!target.classList.contains("figure-selected")) { target.classList.add("figure-selected"); }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    var visit = window.location.pathname + "?fig=" + key;
    if (done === visit) { return; }
    if (document.querySelector("[data-dash-is-loading='true']") || !shown(target)) { retry(visit); return; }
    done = visit;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      apply();
    });
  }
  function start() {
    schedule();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true,
      attributeFilter: ["data-dash-is-loading"] });
    window.addEventListener("popstate", schedule);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
