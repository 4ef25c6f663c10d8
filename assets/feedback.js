/* Clarity feedback (市民モニター): 「この説明はわかりましたか？」 under each explanation (layouts/components.py).
 *
 * はい posts at once; いいえ opens the optional comment (at most 200 characters) and posts with 送る.
 * The answer goes to POST /feedback as JSON with the X-Mieruka-Feedback header (web/feedback.py explains why),
 * without cookies; the thanks (or error) text comes from the form's data-* attributes and is announced by its
 * polite live region. Delegated listeners: Dash replaces page content, the handlers stay.
 */
(function () {
  function send(form, understood) {
    var status = form.querySelector(".feedback-status");
    var comment = form.querySelector(".feedback-comment");
    var body = {
      key: form.getAttribute("data-key"),
      page: window.location.pathname,
      locale: form.getAttribute("data-locale"),
      understood: understood,
      comment: understood || !comment ? "" : comment.value.slice(0, 200)
    };
    fetch("/feedback", {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", "X-Mieruka-Feedback": "1" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      if (comment) comment.disabled = true;
      status.textContent = form.getAttribute("data-thanks");
    }).catch(function () {
      status.textContent = form.getAttribute("data-error");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("form.feedback .feedback-answer");
    if (!button) return;
    var form = button.closest("form.feedback");
    form.querySelectorAll(".feedback-answer").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    var more = form.querySelector(".feedback-more");
    if (button.getAttribute("data-understood") === "true") {
      more.hidden = true;
      send(form, true);
    } else {
      more.hidden = false;
      form.querySelector(".feedback-comment").focus();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form.feedback");
    if (!form) return;
    event.preventDefault();
    send(form, false);
  });
})();
