/* Followup: the calendar beside every date field (issue 13 §1.13, C2).
 *
 * Markup: templates/widgets/date_field.html, a text field in the user's format (data-date-sep:
 * "/" gives 06/11/2026, "." gives 06.11.2026; ISO is understood too) and a button that opens
 * this calendar. The server reads and checks what is typed (followup/core/dates.py), so the
 * field works without this file; the calendar only fills it in.
 *
 * The calendar is a non-modal dialog with a grid of day buttons (WAI-ARIA APG "date picker
 * dialog"): arrows move a day or a week, Home/End to the week's start or end, PageUp/PageDown a
 * month (with Shift a year), Enter or Space chooses, Escape closes and gives the focus back to
 * the button. Month and weekday names come from the browser's Intl in the page's language
 * (<html lang>); the week starts on Monday, as in English (GB) and Polish calendars.
 */
(function () {
  "use strict";

  var current = null; // the open calendar: {field, input, button, panel, focus}

  // English pages show dates day first ("6 Nov 2026"), so the calendar speaks British English.
  function lang() { var l = document.documentElement.lang || "en"; return l === "en" ? "en-GB" : l; }
  function pad(n, width) { return String(n).padStart(width || 2, "0"); }

  function makeDate(y, m, d) {
    var date = new Date(2000, 0, 1);
    date.setFullYear(y, m, d);
    return date;
  }
  function sameDay(a, b) { return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate(); }
  function addDays(date, n) { return makeDate(date.getFullYear(), date.getMonth(), date.getDate() + n); }
  function addMonths(date, n) {
    var last = makeDate(date.getFullYear(), date.getMonth() + n + 1, 0).getDate();
    return makeDate(date.getFullYear(), date.getMonth() + n, Math.min(date.getDate(), last));
  }
  function today() { var now = new Date(); return makeDate(now.getFullYear(), now.getMonth(), now.getDate()); }

  function parse(text) {
    text = (text || "").trim();
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text), y, mo, d;
    if (m) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else if ((m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text))) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    else { return null; }
    var date = makeDate(y, mo - 1, d);
    return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
  }

  function format(date, sep) {
    return pad(date.getDate()) + sep + pad(date.getMonth() + 1) + sep + pad(date.getFullYear(), 4);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function build(button) {
    var panel = el("div", { "class": "datepicker", role: "dialog", "aria-modal": "false", "aria-label": button.getAttribute("aria-label") });
    var head = el("div", { "class": "datepicker-head" });
    var titleId = "datepicker-title-" + Date.now();
    head.appendChild(el("button", { type: "button", "class": "datepicker-nav", "data-dp-move": "-1", "aria-label": followupWord("prev", "Previous month") }, "‹"));
    head.appendChild(el("h2", { "class": "datepicker-title", id: titleId, "aria-live": "polite" }));
    head.appendChild(el("button", { type: "button", "class": "datepicker-nav", "data-dp-move": "1", "aria-label": followupWord("next", "Next month") }, "›"));
    panel.appendChild(head);
    var grid = el("table", { "class": "datepicker-grid", role: "grid", "aria-labelledby": titleId });
    var row = el("tr");
    var long = new Intl.DateTimeFormat(lang(), { weekday: "long" });
    var short = new Intl.DateTimeFormat(lang(), { weekday: "short" });
    for (var i = 0; i < 7; i++) {
      var monday = makeDate(2024, 0, 1 + i); // 1 January 2024 was a Monday
      row.appendChild(el("th", { scope: "col", abbr: long.format(monday) }, short.format(monday)));
    }
    var thead = el("thead");
    thead.appendChild(row);
    grid.appendChild(thead);
    grid.appendChild(el("tbody"));
    panel.appendChild(grid);
    var foot = el("div", { "class": "datepicker-foot" });
    foot.appendChild(el("button", { type: "button", "class": "btn btn-sm", "data-dp-today": "" }, followupWord("today", "Today")));
    foot.appendChild(el("button", { type: "button", "class": "btn btn-sm", "data-dp-close": "" }, followupWord("close", "Close")));
    panel.appendChild(foot);
    return panel;
  }

  function render(focusDate, moveFocus) {
    var c = current;
    c.focus = focusDate;
    var chosen = parse(c.input.value), now = today();
    c.panel.querySelector(".datepicker-title").textContent =
      new Intl.DateTimeFormat(lang(), { month: "long", year: "numeric" }).format(focusDate);
    var label = new Intl.DateTimeFormat(lang(), { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    var first = makeDate(focusDate.getFullYear(), focusDate.getMonth(), 1);
    var start = addDays(first, -((first.getDay() + 6) % 7)); // back to Monday
    var tbody = c.panel.querySelector("tbody");
    tbody.textContent = "";
    for (var week = 0; week < 6; week++) { // always six rows, so the calendar keeps its size
      var tr = el("tr");
      for (var day = 0; day < 7; day++) {
        var date = addDays(start, week * 7 + day);
        var b = el("button", { type: "button", tabindex: sameDay(date, focusDate) ? "0" : "-1",
                               "data-dp-day": date.getFullYear() + "-" + (date.getMonth() + 1) + "-" + date.getDate(),
                               "aria-label": label.format(date) }, String(date.getDate()));
        if (date.getMonth() !== focusDate.getMonth()) { b.className = "is-other"; }
        if (sameDay(date, chosen)) { b.setAttribute("aria-pressed", "true"); }
        if (sameDay(date, now)) { b.setAttribute("aria-current", "date"); }
        var td = el("td", { role: "gridcell" });
        td.appendChild(b);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    if (moveFocus) { tbody.querySelector("[tabindex='0']").focus(); }
  }

  function place(panel, field) {
    panel.classList.remove("datepicker-right");
    var box = panel.getBoundingClientRect();
    if (box.right > document.documentElement.clientWidth - 8 && field.getBoundingClientRect().right - box.width > 8) {
      panel.classList.add("datepicker-right");
    }
    panel.scrollIntoView({ block: "nearest" });
  }

  function openFor(button) {
    closeCalendar(false);
    var field = button.closest("[data-datefield]");
    var input = field.querySelector("[data-date-input]");
    var panel = build(button);
    field.appendChild(panel);
    current = { field: field, input: input, button: button, panel: panel };
    button.setAttribute("aria-expanded", "true");
    render(parse(input.value) || today(), true);
    place(panel, field);
  }

  function closeCalendar(refocus) {
    if (!current) { return; }
    var c = current;
    current = null;
    c.panel.remove();
    c.button.setAttribute("aria-expanded", "false");
    if (refocus) { c.button.focus(); }
  }

  function choose(date) {
    var c = current;
    c.input.value = format(date, c.input.dataset.dateSep || "/");
    c.input.dispatchEvent(new Event("input", { bubbles: true }));
    c.input.dispatchEvent(new Event("change", { bubbles: true }));
    closeCalendar(false);
    c.input.focus();
  }

  // Each date field's calendar button, added here (it means nothing without this file), at once
  // and in what htmx swaps in later.
  function addButtons(scope) {
    var fields = Array.prototype.slice.call(scope.querySelectorAll("[data-datefield]"));
    if (scope.matches && scope.matches("[data-datefield]")) { fields.push(scope); }
    fields.forEach(function (field) {
      if (field.querySelector("[data-date-open]")) { return; }
      field.appendChild(el("button", { type: "button", "class": "datefield-open", "data-date-open": "",
                                       "aria-expanded": "false",
                                       "aria-label": followupWord("calendar", "Choose a date in the calendar") }));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { addButtons(document); });
  document.addEventListener("htmx:load", function (e) { addButtons(e.target); });

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : null;
    if (!t) { return; }
    var opener = t.closest("[data-date-open]");
    if (opener) {
      if (current && current.button === opener) { closeCalendar(true); } else { openFor(opener); }
      return;
    }
    if (!current) { return; }
    if (!current.panel.contains(t)) { closeCalendar(false); return; }
    var day = t.closest("[data-dp-day]");
    if (day) {
      var p = day.dataset.dpDay.split("-");
      choose(makeDate(+p[0], +p[1] - 1, +p[2]));
      return;
    }
    var move = t.closest("[data-dp-move]");
    if (move) { render(addMonths(current.focus, +move.dataset.dpMove), false); return; }
    if (t.closest("[data-dp-today]")) { choose(today()); return; }
    if (t.closest("[data-dp-close]")) { closeCalendar(true); }
  });

  document.addEventListener("keydown", function (e) {
    if (!current) { return; }
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); closeCalendar(true); return; }
    if (!e.target.closest || !e.target.closest("[data-dp-day]")) { return; }
    var f = current.focus, next = null;
    switch (e.key) {
      case "ArrowLeft": next = addDays(f, -1); break;
      case "ArrowRight": next = addDays(f, 1); break;
      case "ArrowUp": next = addDays(f, -7); break;
      case "ArrowDown": next = addDays(f, 7); break;
      case "Home": next = addDays(f, -((f.getDay() + 6) % 7)); break;
      case "End": next = addDays(f, 6 - ((f.getDay() + 6) % 7)); break;
      case "PageUp": next = addMonths(f, e.shiftKey ? -12 : -1); break;
      case "PageDown": next = addMonths(f, e.shiftKey ? 12 : 1); break;
      default: return;
    }
    e.preventDefault();
    render(next, true);
  });

  // The calendar closes when the focus leaves it and its field (Tab away, a click elsewhere).
  document.addEventListener("focusin", function (e) {
    if (current && !current.field.contains(e.target)) { closeCalendar(false); }
  });
})();
