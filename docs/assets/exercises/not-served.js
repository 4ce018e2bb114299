// A classic (non-module) script, so that it still runs when a page is opened as a file, where the
// browser refuses module scripts and workers. It tells the learner why the exercise cannot start.
(function () {
  if (location.protocol !== "file:") return;
  var reason = "This page was opened as a file. The exercises only work when the site is served by a " +
    "web server (for example with scripts/serve).";
  function show() {
    var elements = document.querySelectorAll("[data-exercise]");
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      element.setAttribute("data-engine-state", "failed");
      var status = element.querySelector("[data-status]");
      if (status) status.textContent = "The interactive exercise could not start. A printable version is below.";
      var fallback = element.querySelector("[data-fallback]");
      if (fallback) {
        fallback.hidden = false;
        fallback.querySelector("[data-fallback-reason]").textContent = reason;
        var print = fallback.querySelector("[data-print]");
        if (print) print.addEventListener("click", function () { window.print(); });
      }
    }
    console.error("[exercises] " + reason);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show, { once: true });
  else show();
})();
