/* The static parts of a page (layouts/statichtml.py): one component renders its root element with the props
   Dash's html components would give it, and the rest as HTML built and escaped on the server. */
(function () {
  "use strict";
  var React = window.React;
  function StaticHtml(props) {
    var attributes = Object.assign({}, props.attributes || {});
    attributes.dangerouslySetInnerHTML = { __html: props.html || "" };
    return React.createElement(props.tag || "div", attributes);
  }
  var memo = React.memo(StaticHtml, function (before, after) {
    return before.tag === after.tag && before.html === after.html &&
      JSON.stringify(before.attributes) === JSON.stringify(after.attributes);
  });
  window.mieruka = Object.assign(window.mieruka || {}, { StaticHtml: memo });
})();
