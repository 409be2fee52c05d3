/* L9: the calendar page. Starts the vendored EventCalendar on #calendar, loads the events of the
   people ticked in the switcher from the calendar API and saves a drag or a resize through it
   (with the task's version, so a stale move is refused). The widget runs in "UTC" so that the
   wall-clock times the server sends (in the user's zone) are shown and sent back unchanged. */
(function () {
  "use strict";

  var root = document.getElementById("calendar");
  if (!root || !window.EventCalendar) { return; }
  var d = root.dataset;
  var phone = window.matchMedia("(max-width: 640px)").matches;
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-person]"));
  var colours = {};
  colours[d.me] = "0";
  boxes.forEach(function (b) { colours[b.value] = b.dataset.colour; });
  var calendar;

  function shownPeople() {
    if (!boxes.length) { return [d.me]; }
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function isoDate(date) { return date.toISOString().slice(0, 10); }
  function isoTime(date) { return date.toISOString().slice(0, 19); }

  function toast(text) {
    var box = document.getElementById("toasts");
    if (!box) { return; }
    var t = document.createElement("div");
    t.className = "toast toast-error";
    t.setAttribute("role", "alert");
    t.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("data-dismiss", "");
    close.setAttribute("aria-label", "×");
    close.textContent = "×";
    t.appendChild(close);
    box.appendChild(t);
  }

  function messageOf(body) {
    if (body && body.detail) { return body.detail; }
    if (body && body.errors) {
      return Object.keys(body.errors).map(function (k) { return body.errors[k].join(" "); }).join(" ");
    }
    return "";
  }

  function toEvent(e) {
    var classes = ["person-" + (colours[e.person_id] || "0")];
    if (e.done) { classes.push("is-done"); }
    return {
      id: e.task_id + "-" + e.person_id, title: e.title, start: e.start, end: e.end, allDay: e.all_day,
      editable: e.editable, classNames: classes,
      extendedProps: {task: e.task_id, version: e.version, url: e.url}
    };
  }

  function load(info) {
    var people = shownPeople();
    if (!people.length) { return Promise.resolve([]); }
    var params = new URLSearchParams({start: isoDate(info.start), end: isoDate(info.end)});
    people.forEach(function (p) { params.append("person", p); });
    return fetch(d.eventsUrl + "?" + params.toString(), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (body) {
        if (body.truncated) { toast(d.tTruncated); }
        return body.events.map(toEvent);
      })
      .catch(function (err) { toast(d.tFailed); throw err; });
  }

  function save(info) {
    var ev = info.event;
    var body = {version: ev.extendedProps.version, all_day: ev.allDay,
                start: ev.allDay ? isoDate(ev.start) : isoTime(ev.start),
                end: ev.allDay || !ev.end ? null : isoTime(ev.end)};
    root.setAttribute("aria-busy", "true");
    fetch(d.moveUrl.replace("/0/", "/" + ev.extendedProps.task + "/"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": d.csrf},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (answer) {
        if (!r.ok) {
          info.revert();
          toast(d.tNotSaved + " " + (messageOf(answer) || r.status));
        }
      });
    }).catch(function () {
      info.revert();
      toast(d.tNotSaved);
    }).then(function () {
      // The task's new version, and its copies on other people's calendars, come with the reload.
      calendar.refetchEvents();
      root.removeAttribute("aria-busy");
    });
  }

  var views = phone ? "timeGridDay,timeGridWeek,listWeek" : "dayGridMonth,timeGridWeek,timeGridDay,listWeek";
  calendar = window.EventCalendar.create(root, {
    view: phone ? "timeGridDay" : "timeGridWeek",
    timeZone: "UTC",
    // English pages write times as 14:30, like the rest of Followup, not 2:30 PM.
    locale: d.locale === "en" ? "en-GB" : d.locale,
    firstDay: 1,
    height: phone ? "calc(100dvh - 190px)" : "760px",
    dayHeaderFormat: {weekday: phone ? "long" : "short", day: "numeric", month: "numeric"},
    // Seven columns on a phone leave room for a letter and the day of the month.
    views: phone ? {timeGridWeek: {dayHeaderFormat: {weekday: "narrow", day: "numeric"}}} : {},
    headerToolbar: {start: "prev,next today", center: "title", end: views},
    buttonText: function (text) {
      return Object.assign({}, text, {today: d.tToday, dayGridMonth: d.tMonth, timeGridWeek: d.tWeek,
                                      timeGridDay: d.tDay, listWeek: d.tList});
    },
    allDayContent: d.tAllDay,
    noEventsContent: d.tNothing,
    scrollTime: "08:00:00",
    slotMinTime: "00:00:00",
    nowIndicator: true,
    editable: true,
    eventStartEditable: true,
    eventDurationEditable: true,
    dayMaxEvents: true,
    eventSources: [{events: load}],
    eventDrop: save,
    eventResize: save,
    eventClick: function (info) { window.location.assign(info.event.extendedProps.url); }
  });

  boxes.forEach(function (b) { b.addEventListener("change", function () { calendar.refetchEvents(); }); });
}());
