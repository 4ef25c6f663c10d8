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
