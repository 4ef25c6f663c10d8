/* The first view (web/firstview.py): the page as HTML, shown while the app starts beside it, hidden.
   Once the app's own page content has arrived and nothing is loading, the first view is removed and the live
   page — the same page — is shown. Without JavaScript the first view is the page.
   What the reader did in the first view survives the swap: a disclosure they opened (「出典」, the phone menu,
   a table) is open in the live page too, matched by its place on the page and its summary text.
   The app starts from the page (web/boot.py): the renderer's first requests — the layout, the callback graph and
   each callback the page fires as it starts — are answered from the page's data blocks, each once, when the
   request is exactly the one the server answered; any other request goes to the network. */
(function () {
  "use strict";
  function canonical(value) {  // JSON with sorted keys; a missing value is null, as the server reads it
    if (value === undefined) { return "null"; }
    if (Array.isArray(value)) { return "[" + value.map(canonical).join(",") + "]"; }
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canonical(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }
  function props(list) {
    return canonical((list || []).map(function (i) { return [i.id, i.property, i.value]; }));
  }
  function answerFrom(text) {  // in a later task, as a network answer would come: never before the renderer is ready
    return new Promise(function (resolve) {
      window.setTimeout(function () {
        resolve(new Response(text, { status: 200, headers: { "Content-Type": "application/json" } }));
      }, 0);
    });
  }
  function startFromPage() {
    var gets = {};
    var calls = [];
    document.querySelectorAll('script[type="application/json"][data-get]').forEach(function (block) {
      gets[block.getAttribute("data-get")] = block.textContent;
    });
    document.querySelectorAll("script.boot-answer").forEach(function (block) {
      try {
        var call = JSON.parse(block.getAttribute("data-call"));
        calls.push({ output: call.output, inputs: props(call.inputs), state: props(call.state),
          text: block.textContent });
      } catch (e) { /* a block that cannot be read is left to the network */ }
    });
    if (!window.fetch || (!calls.length && !Object.keys(gets).length)) { return; }
    var network = window.fetch.bind(window);
    window.fetch = function (input, init) {
      try {
        var url = new URL(typeof input === "string" ? input : input.url, window.location.href);
        var name = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
        var method = ((init && init.method) || "GET").toUpperCase();
        if (method === "GET" && gets[name] !== undefined) {
          var text = gets[name];
          delete gets[name];
          return answerFrom(text);
        }
        if (method === "POST" && name === "_dash-update-component" && init && typeof init.body === "string") {
          var body = JSON.parse(init.body);
          var inputs = props(body.inputs);
          var state = props(body.state);
          for (var i = 0; i < calls.length; i += 1) {
            var call = calls[i];
            if (call.output === body.output && call.inputs === inputs && call.state === state) {
              calls.splice(i, 1);
              return answerFrom(call.text);
            }
          }
        }
      } catch (e) { /* anything unexpected: the network answers */ }
      return network(input, init);
    };
  }
  startFromPage();
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
