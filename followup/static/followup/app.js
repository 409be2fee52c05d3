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

  // One-click values: <button data-fill="#input-id" data-value="..."> fills that input (and
  // data-fill-time="#other-id" data-time="09:00" a second one: the reminder's date and time).
  document.addEventListener("click", function (e) {
    var btn = closest(e.target, "[data-fill]");
    var input = btn && document.querySelector(btn.dataset.fill);
    if (!input) { return; }
    input.value = btn.dataset.value;
    var time = btn.dataset.fillTime && document.querySelector(btn.dataset.fillTime);
    if (time) { time.value = btn.dataset.time; }
    input.focus();
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

  // Batch bar: shows when rows are checked (D10). A task row's box is known by its name.
  var ROW_CHECK = "[data-row-check], tbody [name=task_ids]";
  function syncBatch() {
    var bar = document.querySelector("[data-batchbar]");
    if (!bar) { return; }
    var n = Array.prototype.filter.call(document.querySelectorAll(ROW_CHECK), function (c) { return c.checked; }).length;
    bar.classList.toggle("is-visible", n > 0);
    var count = bar.querySelector("[data-batch-count]");
    if (count) { count.textContent = n; }
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-check-all]")) {
      document.querySelectorAll(ROW_CHECK).forEach(function (c) { c.checked = e.target.checked; });
    }
    if (e.target.matches(ROW_CHECK + ", [data-check-all]")) { syncBatch(); }
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

  // Reassign dialog: one shared form instead of a people list in every row. Its form is fetched
  // the first time it opens (data-src; issue 16 §2, a light page); until then, or if that fails,
  // the link opens the task's edit page.
  function withDialogForm(dialog) {
    if (dialog.querySelector("form")) { return Promise.resolve(dialog.querySelector("form")); }
    return fetch(dialog.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) {
        if (!r.ok || r.redirected) { throw new Error(r.status); }
        return r.text();
      })
      .then(function (html) {
        dialog.innerHTML = html; // our own server-rendered fragment
        if (window.htmx) { window.htmx.process(dialog); }
        return dialog.querySelector("form");
      });
  }
  document.addEventListener("click", function (e) {
    var link = closest(e.target, "[data-reassign]");
    if (link) {
      var dialog = document.getElementById("reassign-dialog");
      if (!dialog || !dialog.showModal) { return; } // no dialog support: the link opens the edit page
      e.preventDefault();
      var menu = closest(link, "details"); if (menu) { menu.open = false; }
      withDialogForm(dialog).then(function (form) {
        form.reset(); // the picker starts empty for each task (combobox.js listens)
        form.action = link.dataset.reassign;
        dialog.querySelector("[data-reassign-title]").textContent = link.dataset.title || "";
        dialog.showModal();
      }, function () { window.location.href = link.href; });
    }
    if (closest(e.target, "[data-close-dialog]")) { closest(e.target, "dialog").close(); }
  });

  // Issue 16 §2: the task list has one row menu (Edit, Reassign, Delete) for the whole page. When a
  // row's "⋯" opens, the menu moves into that row and its items point at the row's task; before
  // htmx replaces a row that holds it, it goes back home. The "⋯" itself is made here, for every
  // row but a read-only one: without this file it would open nothing (the task's page, which the
  // row's title links to, has the same actions), so the server does not send it.
  var MENU_ROWS = "tbody[data-tasks-url] > tr:not(.is-readonly)";
  function addRowMenus(root) {
    var rows = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll(MENU_ROWS) : []);
    if (root.matches && root.matches(MENU_ROWS)) { rows.push(root); }
    rows.forEach(function (row) {
      var title = row.querySelector("td:nth-child(2) > a");
      if (!title || row.querySelector("details.row-menu")) { return; }
      var details = document.createElement("details"), summary = document.createElement("summary");
      details.className = "row-menu";
      summary.setAttribute("aria-labelledby", "l-more " + title.id);
      summary.textContent = "⋯";
      details.appendChild(summary);
      row.lastElementChild.appendChild(details);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { addRowMenus(document); });
  document.addEventListener("htmx:load", function (e) { addRowMenus(e.target); });
  function rowMenu() { return document.querySelector("[data-row-menu]"); }
  function sendMenuHome(menu) {
    var home = document.querySelector("[data-row-menu-home]");
    if (menu && home && menu.parentElement !== home) { home.appendChild(menu); }
  }
  document.addEventListener("toggle", function (e) {
    var details = e.target;
    if (!details.matches || !details.matches("details.row-menu") || !details.open) { return; }
    var menu = rowMenu(), row = closest(details, "tr"), body = closest(details, "tbody");
    if (!menu || !row || !body) { return; }
    document.querySelectorAll("details.row-menu[open]").forEach(function (d) {
      if (d !== details) { d.open = false; }
    });
    var url = body.dataset.tasksUrl + row.querySelector("[name=task_ids]").value + "/";
    var title = row.querySelector("td:nth-child(2) > a").textContent;
    menu.querySelectorAll("a[data-to]").forEach(function (a) {
      a.href = url + a.dataset.to + "?next=" + body.dataset.next;
    });
    var reassign = menu.querySelector("[data-reassign]");
    reassign.dataset.reassign = url + "reassign/";
    reassign.dataset.title = title;
    var del = menu.querySelector("[data-action]");
    del.setAttribute("formaction", url + del.dataset.action);
    del.setAttribute("hx-post", url + del.dataset.action);
    del.setAttribute("hx-confirm", menu.dataset.confirm + " " + title);
    details.appendChild(menu);
    if (window.htmx) { window.htmx.process(menu); }
  }, true);
  // A row's ✓ gets its tooltip when the pointer first comes (its name, for a screen reader, is in
  // the row already: aria-labelledby): one word for the page, not one per row (issue 16 §2).
  document.addEventListener("mouseover", function (e) {
    var btn = closest(e.target, "tbody .icon-complete:not([title])");
    if (btn) { btn.title = followupWord("complete", "Complete"); }
  });
  // A row's Complete and Reopen submit the batch form to the task's URL (their formaction) without
  // this file; with it, htmx sends them and swaps the row (the table's body names the target).
  document.addEventListener("click", function (e) {
    var btn = closest(e.target, "tbody[data-tasks-url] > tr button[formaction]:not([hx-post])");
    if (!btn || !window.htmx || e.defaultPrevented) { return; }
    e.preventDefault();
    var row = closest(btn, "tr");
    window.htmx.ajax("POST", btn.getAttribute("formaction"), { source: btn, target: row, swap: "outerHTML" });
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    var menu = rowMenu();
    if (menu && e.detail.target && e.detail.target.contains(menu)) { sendMenuHome(menu); }
  });

  // Close open menus on outside click / Escape.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open], details.row-menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) { d.open = false; }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("details.menu[open], details.row-menu[open]").forEach(function (d) { d.open = false; });
  });

  // The Content-Security-Policy lets htmx eval nothing (no hx-on, no js: values), so the few
  // bits of behaviour that lived in attributes are here (the pickers are combobox.js).
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
