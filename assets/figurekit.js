/* 「この図を使う」: the figure's permalink shown with this site's origin, and the copy button.
   Links are rendered site-relative (the same cached page for every host); the origin is added when a reader opens
   the block. Copying uses the Clipboard API and falls back to a selected text field where it is not available. */
(function () {
  function absolute(path) { return window.location.origin + path; }

  document.addEventListener("toggle", function (event) {
    var block = event.target;
    if (!block || !block.classList || !block.classList.contains("figure-kit") || !block.open) { return; }
    var link = block.querySelector(".figure-permalink");
    if (link && link.textContent.charAt(0) === "/") { link.textContent = absolute(link.textContent); }
  }, true);

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".copy-link") : null;
    if (!button) { return; }
    var text = absolute(button.getAttribute("data-copy") || "");
    var status = button.parentNode.querySelector(".copy-status");
    function report(ok) {
      if (status) { status.textContent = ok ? (button.getAttribute("data-done") || "") : text; }
      button.setAttribute("data-copied", ok ? "yes" : "no");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { report(true); }, function () { report(fallbackCopy(text)); });
    } else {
      report(fallbackCopy(text));
    }
  });
})();
