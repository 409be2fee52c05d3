// B3: the Repeat control of the task forms (recurrence/_repeat_fields.html) shows only the parts
// that apply: every N and the end once it repeats, the weekdays for a weekly rule, the date or the
// number of times for the end chosen. Without this script every part shows, and the server
// ignores the parts that do not apply.
(function () {
  "use strict";

  function applies(when, freq, ends) {
    if (freq === "") return false;
    if (when === "weekly") return freq === "WEEKLY";
    if (when === "until" || when === "count") return ends === when;
    return true;
  }

  function update(box) {
    var freq = box.querySelector("[name=repeat]").value;
    var chosen = box.querySelector("[name=repeat_ends]:checked");
    var ends = chosen ? chosen.value : "never";
    box.querySelectorAll("[data-repeat-when]").forEach(function (part) {
      part.hidden = !applies(part.getAttribute("data-repeat-when"), freq, ends);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-repeat]").forEach(function (box) {
      update(box);
      box.addEventListener("change", function () { update(box); });
    });
  });
})();
