/* Followup: small progressive enhancements. Every action also works without this file. */
(function () {
  "use strict";

  function closest(el, sel) { return el && el.closest ? el.closest(sel) : null; }

  // Confirm before destructive plain submits (htmx forms use hx-confirm instead).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches("form[data-confirm]:not([hx-post])") && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  }, true);
  document.addEventListener("click", function (e) {
    var btn = closest(e.target, "button[data-confirm]");
    if (btn && !window.confirm(btn.dataset.confirm)) { e.preventDefault(); }
  }, true);

  // One-click values: <button data-fill="#input-id" data-value="..."> fills that input.
  document.addEventListener("click", function (e) {
    var btn = closest(e.target, "[data-fill]");
    var input = btn && document.querySelector(btn.dataset.fill);
    if (input) { input.value = btn.dataset.value; input.focus(); }
  });

  // Toasts: dismiss on click, fade after a few seconds.
  document.addEventListener("click", function (e) {
    var close = closest(e.target, "[data-dismiss]");
    if (close) { close.parentElement.remove(); }
  });
  function ageToasts() {
    document.querySelectorAll(".toast:not([data-aging])").forEach(function (t) {
      t.setAttribute("data-aging", "1");
      if (!t.classList.contains("toast-error")) { setTimeout(function () { t.classList.add("toast-out"); setTimeout(function () { t.remove(); }, 400); }, 5000); }
    });
  }

  // Batch bar: shows when rows are checked (D10).
  function syncBatch() {
    var bar = document.querySelector("[data-batchbar]");
    if (!bar) { return; }
    var n = document.querySelectorAll("[data-row-check]:checked").length;
    bar.classList.toggle("is-visible", n > 0);
    var count = bar.querySelector("[data-batch-count]");
    if (count) { count.textContent = n; }
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-check-all]")) {
      document.querySelectorAll("[data-row-check]").forEach(function (c) { c.checked = e.target.checked; });
    }
    if (e.target.matches("[data-row-check], [data-check-all]")) { syncBatch(); }
  });

  // Mobile filter bar toggle.
  document.addEventListener("click", function (e) {
    var t = closest(e.target, "[data-toggle-filters]");
    if (!t) { return; }
    var bar = closest(t, ".filterbar");
    var open = !bar.classList.contains("is-open");
    bar.classList.toggle("is-open", open);
    t.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // Reassign dialog: one shared form instead of a people list in every row.
  document.addEventListener("click", function (e) {
    var link = closest(e.target, "[data-reassign]");
    if (link) {
      var dialog = document.getElementById("reassign-dialog");
      if (!dialog || !dialog.showModal) { return; } // no dialog support: the link opens the edit page
      e.preventDefault();
      var form = dialog.querySelector("form");
      form.action = link.dataset.reassign;
      dialog.querySelector("[data-reassign-title]").textContent = link.dataset.title || "";
      var menu = closest(link, "details"); if (menu) { menu.open = false; }
      dialog.showModal();
    }
    if (closest(e.target, "[data-close-dialog]")) { closest(e.target, "dialog").close(); }
  });

  // Close open menus on outside click / Escape.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) { if (!d.contains(e.target)) { d.open = false; } });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { document.querySelectorAll("details.menu[open]").forEach(function (d) { d.open = false; }); }
  });

  // Customer picker: choosing a suggestion stores its id in the hidden input.
  document.addEventListener("click", function (e) {
    var opt = closest(e.target, "[data-pick-id]");
    if (!opt) { return; }
    var picker = closest(opt, "[data-picker]");
    picker.querySelector("[data-picker-value]").value = opt.dataset.pickId;
    var input = picker.querySelector("[data-picker-input]");
    input.value = opt.dataset.pickLabel;
    input.setAttribute("aria-expanded", "false");
    picker.querySelector(".picker-results").innerHTML = "";
    picker.classList.add("is-picked");
  });
  document.addEventListener("input", function (e) {
    if (e.target.matches("[data-picker-input]")) {
      var picker = closest(e.target, "[data-picker]");
      picker.querySelector("[data-picker-value]").value = "";
      picker.classList.remove("is-picked");
      e.target.setAttribute("aria-expanded", "true");
    }
    if (e.target.matches("[data-people-filter]")) {
      var needle = e.target.value.toLowerCase();
      var list = closest(e.target, "fieldset").querySelector("[data-people-list]");
      list.querySelectorAll(".person-option").forEach(function (o) {
        o.hidden = needle && o.textContent.toLowerCase().indexOf(needle) === -1;
      });
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.matches("[data-picker-input]")) {
      e.preventDefault(); // Enter picks the first suggestion instead of submitting the form.
      var first = closest(e.target, "[data-picker]").querySelector("[data-pick-id]");
      if (first) { first.click(); }
    }
  });

  // The Content-Security-Policy lets htmx eval nothing (no hx-on, no js: values), so the few
  // bits of behaviour that lived in attributes are here.
  // Pickers send what is typed as q.
  document.addEventListener("htmx:configRequest", function (e) {
    var elt = e.detail.elt;
    if (elt.matches && elt.matches("[data-picker-input]")) { e.detail.parameters.q = elt.value; }
  });
  // A chat message that went through empties its form and the "no messages yet" line.
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (!form.matches || !form.matches("[data-chat-form]") || !e.detail.successful) { return; }
    if (e.detail.xhr.getResponseHeader("HX-Reswap") === "none") { return; }
    form.reset();
    var empty = form.parentElement.querySelector(".chat-empty");
    if (empty) { empty.remove(); }
  });
  // "Go back" links return to the previous page when there is one (else they follow their href).
  document.addEventListener("click", function (e) {
    if (closest(e.target, "[data-back]") && window.history.length > 1) { e.preventDefault(); window.history.back(); }
  });

  function init() { ageToasts(); syncBatch(); }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", function () { ageToasts(); syncBatch(); });
})();
