// B1: "Copy" next to a feed address copies it (a static file: the CSP allows no inline script).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!button) { return; }
    var field = document.getElementById(button.dataset.copy);
    if (!field) { return; }
    field.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).catch(function () { document.execCommand("copy"); });
    } else {
      document.execCommand("copy");
    }
  });
}());
