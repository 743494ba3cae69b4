// Starts Det Fælles Designsystem's components (mobile menu, accordions, the error summary,
// which takes focus) and marks the page as having JavaScript. Everything works without it.
(function () {
  "use strict";
  document.body.classList.remove("no-js");
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  // A table wider than its box gets a hint above it ("swipe sideways") and a shadow edge.
  function markScrollableTables() {
    var hint = document.body.getAttribute("data-scroll-hint");
    document.querySelectorAll(".table--responsive-scroll").forEach(function (box) {
      var scrollable = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-scrollable", scrollable);
      var previous = box.previousElementSibling;
      var hasHint = previous && previous.classList.contains("scroll-hint");
      if (scrollable && !hasHint && hint) {
        var note = document.createElement("p");
        note.className = "scroll-hint";
        note.textContent = hint;
        box.parentNode.insertBefore(note, box);
      } else if (!scrollable && hasHint) {
        previous.remove();
      }
    });
  }
  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);

  // Pages whose forms come back through htmx get their new error summaries focused too.
  document.addEventListener("htmx:afterSwap", function (event) {
    markScrollableTables();
    var summary = event.target.querySelector('[data-module="error-summary"]');
    if (summary) {
      summary.focus();
    }
  });
})();
