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
