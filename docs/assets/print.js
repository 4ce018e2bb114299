// Open every folded section before printing (answers, notes), and fold them again afterwards.
// Buttons marked data-print-page print the page.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < folded.length; i++) {
      folded[i].open = true;
      opened.push(folded[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) opened.pop().open = false;
  });
  // A "Print" button on a page meant for paper (session packs, the handbook): shown only when this script runs.
  function printButtons() {
    var buttons = document.querySelectorAll("button[data-print-page]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", printButtons, { once: true });
  else printButtons();
})();
