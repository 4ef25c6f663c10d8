/* Presenter mode (/present): the handout's slides, one a screen. ← → and PageUp / PageDown move between slides,
   Home / End go to the first and the last; the counter says where you are. Does nothing on any other page. */
(function () {
  function start() {
    var body = document.body;
    if (!body || !body.classList.contains("presenter")) { return; }
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
    var counter = document.querySelector(".slide-counter");
    if (!slides.length) { return; }
    var current = 0;

    function show(n) {
      if (!counter) { return; }
      var template = counter.getAttribute("data-template") || "{n} / {total}";
      counter.textContent = template.replace("{n}", String(n + 1)).replace("{total}", String(slides.length));
      counter.setAttribute("data-slide", String(n + 1));
    }

    function go(n) {
      current = Math.max(0, Math.min(slides.length - 1, n));
      var slide = slides[current];
      slide.scrollIntoView({ block: "start" });
      slide.focus({ preventScroll: true });
      show(current);
    }

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var target = event.target;
      if (target && target.closest && target.closest("a, button, input, select, textarea")) {
        if (event.key === "Home" || event.key === "End") { return; }
      }
      var moves = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
      if (event.key in moves) {
        event.preventDefault();
        go(current + moves[event.key]);
      } else if (event.key === "Home") {
        event.preventDefault();
        go(0);
      } else if (event.key === "End") {
        event.preventDefault();
        go(slides.length - 1);
      }
    });

    if ("IntersectionObserver" in window) {  // scrolling with a mouse or touch keeps the counter right
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting && entry.intersectionRatio >= 0.6) {
            current = slides.indexOf(entry.target);
            show(current);
          }
        });
      }, { threshold: [0.6] });
      slides.forEach(function (slide) { observer.observe(slide); });
    }
    show(0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
