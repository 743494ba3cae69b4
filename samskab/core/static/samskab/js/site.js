// Starts Det Fælles Designsystem's components (mobile menu, accordions, the error summary,
// which takes focus) and marks the page as having JavaScript. Everything works without it.
(function () {
  "use strict";
  document.body.classList.remove("no-js");
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  // Pages whose forms come back through htmx get their new error summaries focused too.
  document.addEventListener("htmx:afterSwap", function (event) {
    var summary = event.target.querySelector('[data-module="error-summary"]');
    if (summary) {
      summary.focus();
    }
  });
})();
