/* Followup: the search-as-you-type combobox of every customer and people picker (issue 13 §1.1, §1.2).
 *
 * Markup: templates/widgets/combobox.html. The page carries only what is chosen; the choices
 * come from the field's search endpoint (data-url, answering ?q= with <li role=option> rows),
 * so a page weighs the same with 5 or 5,000 people. The form posts plain ids: one hidden input
 * (single choice) or one per chip (data-multiple), so without this file nothing new is needed
 * on the server.
 *
 * The rule that matters (§1.2): Enter chooses only an option that answers the text in the box
 * now. Every answer is remembered with the text it was asked for; an answer for older text is
 * thrown away, and Enter pressed before the answer for the current text has come waits for it
 * (typing on cancels the wait). So "Elena Mar" + Enter picks an Elena Mar, never the first
 * entry of the list shown on focus.
 *
 * ARIA 1.2 combobox: role=combobox on the input with aria-expanded, aria-controls and
 * aria-activedescendant; the list is role=listbox with role=option rows. ArrowDown/ArrowUp move
 * (and open), Enter chooses, Escape closes (and, closed, clears unchosen text), Tab leaves
 * without choosing, Backspace in an empty people box removes the last chip.
 */
(function () {
  "use strict";

  var DELAY = 120; // ms of quiet typing before asking the server
  var states = new WeakMap();

  function closest(el, sel) { return el && el.closest ? el.closest(sel) : null; }

  function make(tag, attrs, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    parent.appendChild(node);
    return node;
  }

  // The parts only this script uses (issue 16 §2, a light page): the list of choices, named
  // after the field's label, the clear button of a single choice and the spoken status.
  function build(root, input) {
    var label = root.querySelector("label");
    input.setAttribute("aria-controls", input.id + "-list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    make("ul", { "class": "combo-list", id: input.id + "-list", role: "listbox", hidden: "",
                 "aria-label": label ? label.firstChild.textContent.trim() : "" }, root.querySelector(".combo-anchor"));
    if (!root.hasAttribute("data-multiple")) {
      make("button", { type: "button", "class": "combo-clear", "data-combo-clear": "", tabindex: "-1",
                       "aria-label": followupWord("clear", "Clear") }, input.parentElement).textContent = "×";
    }
    make("span", { "class": "sr-only", role: "status", "data-combo-status": "" }, root);
  }

  function buildAll(scope) {
    if (scope.matches && scope.matches("[data-combobox]")) { parts(scope); }
    scope.querySelectorAll("[data-combobox]").forEach(function (root) { parts(root); });
  }

  function parts(root) {
    var input = root.querySelector("[role=combobox]");
    if (!input.hasAttribute("aria-controls")) { build(root, input); }
    return {
      input: input,
      list: document.getElementById(input.getAttribute("aria-controls")),
      value: root.querySelector("[data-combo-value]"),
      chips: root.querySelector("[data-combo-chips]"),
      multiple: root.hasAttribute("data-multiple")
    };
  }

  function state(root) {
    var st = states.get(root);
    if (!st) {
      var p = parts(root);
      st = { shownFor: null, waitingEnter: false, timer: 0, controller: null, active: -1,
             picked: p.value && p.value.value ? p.input.value : null };
      states.set(root, st);
    }
    return st;
  }

  function text(root) { return parts(root).input.value.trim(); }

  function options(root) {
    return Array.prototype.slice.call(parts(root).list.querySelectorAll("[role=option]:not([aria-disabled=true])"));
  }

  function isOpen(root) { return !parts(root).list.hidden; }

  function open(root) {
    var p = parts(root);
    if (!p.list.children.length) { return; }
    p.list.hidden = false;
    p.input.setAttribute("aria-expanded", "true");
    // Downward, shortened to the room left below; upward only when below is too cramped and
    // above has more room (the batch bar near the bottom of a phone's screen, say).
    root.classList.remove("combo-up");
    p.list.style.maxHeight = "";
    var height = p.list.getBoundingClientRect().height, anchor = p.list.parentElement.getBoundingClientRect();
    var below = window.innerHeight - anchor.bottom - 12, above = anchor.top - 12;
    if (height > below) {
      if (below >= 160 || below >= above) {
        p.list.style.maxHeight = Math.max(below, 120) + "px";
      } else {
        root.classList.add("combo-up");
        p.list.style.maxHeight = Math.min(height, above) + "px";
      }
    }
  }

  function close(root) {
    var p = parts(root);
    p.list.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    setActive(root, -1);
  }

  function setActive(root, index) {
    var st = state(root), p = parts(root), opts = options(root);
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    st.active = index >= 0 && index < opts.length ? index : -1;
    if (st.active >= 0) {
      p.input.setAttribute("aria-activedescendant", opts[st.active].id);
      opts[st.active].scrollIntoView({ block: "nearest" });
    } else {
      p.input.removeAttribute("aria-activedescendant");
    }
  }

  function chosenIds(root) {
    var p = parts(root);
    if (!p.multiple) { return []; }
    return Array.prototype.map.call(p.chips.querySelectorAll("input[type=hidden]"), function (i) { return i.value; });
  }

  function show(root, q, html) {
    var st = state(root), p = parts(root), chosen = chosenIds(root);
    p.list.innerHTML = html; // our own server-rendered fragment: every name in it is escaped there
    p.list.querySelectorAll("[role=option]").forEach(function (o, i) {
      o.id = p.list.id + "-" + i;
      if (chosen.indexOf(o.dataset.value) !== -1) { // already a chip: shown, not offered again
        o.setAttribute("aria-disabled", "true");
        o.classList.add("is-chosen");
      }
    });
    st.shownFor = q;
    st.active = -1;
    p.input.removeAttribute("aria-activedescendant");
  }

  function ask(root, q) {
    var st = state(root);
    if (st.controller) { st.controller.abort(); }
    var controller = st.controller = new AbortController();
    var url = new URL(root.dataset.url, window.location.href);
    url.searchParams.set("q", q);
    return fetch(url.toString(), { credentials: "same-origin", signal: controller.signal, headers: { Accept: "text/html" } })
      .then(function (r) { // signed out meanwhile: the login page is no list of options
        if (!r.ok || r.redirected) { throw new Error(r.status); }
        return r.text();
      })
      .then(function (html) {
        if (text(root) !== q) { return; } // an answer for older text: never shown, never chosen
        show(root, q, html);
        if (st.waitingEnter) {
          st.waitingEnter = false;
          var first = options(root)[0];
          if (first) { choose(root, first); }
          if (st.submit) { var s = st.submit; st.submit = null; s.form.requestSubmit(s.button); }
          if (first) { return; }
        }
        if (st.wantOpen) { open(root); }
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") { return; } // a newer question replaced it
        // Offline or signed out: nothing is chosen, and a form held for this choice goes as it is
        // (the server names the empty field). The next keystroke asks again.
        st.waitingEnter = false;
        if (st.submit) { var s = st.submit; st.submit = null; s.form.requestSubmit(s.button); }
      });
  }

  function schedule(root, immediate) {
    var st = state(root), q = text(root);
    clearTimeout(st.timer);
    if (st.shownFor === q) { if (st.wantOpen) { open(root); } return; }
    st.timer = setTimeout(function () { ask(root, q); }, immediate ? 0 : DELAY);
  }

  function chip(root, value, label) {
    var p = parts(root);
    var li = document.createElement("li");
    li.className = "combo-chip";
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = root.dataset.name;
    hidden.value = value;
    var span = document.createElement("span");
    span.textContent = label;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "combo-chip-remove";
    remove.setAttribute("data-combo-remove", "");
    remove.setAttribute("aria-label", followupWord("remove", "Remove {name}").replace("{name}", label));
    remove.textContent = "×";
    li.appendChild(hidden);
    li.appendChild(span);
    li.appendChild(remove);
    p.chips.appendChild(li);
  }

  function choose(root, option) {
    var st = state(root), p = parts(root);
    var value = option.dataset.value, label = option.dataset.label;
    if (p.multiple) {
      if (chosenIds(root).indexOf(value) === -1) { chip(root, value, label); }
      p.input.value = "";
      st.shownFor = null;
      st.picked = null;
    } else {
      p.value.value = value;
      p.input.value = label;
      st.picked = label;
      st.shownFor = null;
      root.classList.add("is-picked");
      p.value.dispatchEvent(new Event("change", { bubbles: true }));
    }
    st.wantOpen = false;
    close(root);
    announce(root, label);
  }

  function announce(root, label) {
    var live = root.querySelector("[data-combo-status]");
    if (live) { live.textContent = followupWord("chosen", "Chosen: {name}").replace("{name}", label); }
  }

  function unpick(root) {
    var st = state(root), p = parts(root);
    if (!p.multiple && p.value.value) {
      p.value.value = "";
      root.classList.remove("is-picked");
      p.value.dispatchEvent(new Event("change", { bubbles: true }));
    }
    st.picked = null;
  }

  function onKey(root, e) {
    var st = state(root), p = parts(root), opts = options(root), q = text(root);
    var current = st.shownFor === q;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        e.preventDefault();
        st.wantOpen = true;
        if (!isOpen(root) || !current) { schedule(root, true); if (current) { open(root); } return; }
        if (!opts.length) { return; }
        var step = e.key === "ArrowDown" ? 1 : -1;
        setActive(root, st.active < 0 ? (step > 0 ? 0 : opts.length - 1) : (st.active + step + opts.length) % opts.length);
        return;
      case "Enter":
        if (isOpen(root) && current && st.active >= 0) { e.preventDefault(); choose(root, opts[st.active]); return; }
        if (q && st.picked !== p.input.value) {
          // Text that is not a choice yet: choose the best match for exactly this text, now or
          // when its answer comes; never an option listed for other text.
          e.preventDefault();
          if (current) { if (opts[0]) { choose(root, opts[0]); } return; }
          st.waitingEnter = true;
          schedule(root, true);
          return;
        }
        if (isOpen(root)) { e.preventDefault(); close(root); }
        return; // nothing to resolve: Enter submits the form as usual
      case "Escape":
        if (isOpen(root)) { e.preventDefault(); e.stopPropagation(); st.wantOpen = false; close(root); return; }
        if (q && st.picked !== p.input.value) { e.preventDefault(); p.input.value = ""; st.shownFor = null; }
        return;
      case "Tab":
        st.wantOpen = false;
        close(root);
        return;
      case "Backspace":
        if (p.multiple && !p.input.value) {
          var last = p.chips.lastElementChild;
          if (last) { e.preventDefault(); last.remove(); }
        }
        return;
    }
  }

  // Built at once, so a field picked on the server shows its clear button; htmx:load also
  // covers what htmx swaps in later (a dialog's form, an edited row).
  document.addEventListener("DOMContentLoaded", function () { buildAll(document); });
  document.addEventListener("htmx:load", function (e) { buildAll(e.target); });

  document.addEventListener("keydown", function (e) {
    var root = closest(e.target, "[data-combobox]");
    if (root && e.target.getAttribute("role") === "combobox") { onKey(root, e); }
  });

  document.addEventListener("input", function (e) {
    var root = closest(e.target, "[data-combobox]");
    if (!root || e.target.getAttribute("role") !== "combobox") { return; }
    var st = state(root);
    st.waitingEnter = false; // still typing: an Enter pressed before is for text that is gone
    st.submit = null;
    if (st.picked !== null && e.target.value !== st.picked) { unpick(root); }
    st.wantOpen = true;
    if (isOpen(root) && st.shownFor !== text(root)) { setActive(root, -1); }
    schedule(root, false);
  });

  document.addEventListener("focusin", function (e) {
    var root = closest(e.target, "[data-combobox]");
    if (root && e.target.getAttribute("role") === "combobox" && state(root).picked === null) {
      state(root).wantOpen = false;
      schedule(root, true); // fetch the first choices now, show them on a click or a key
    }
  });

  document.addEventListener("focusout", function (e) {
    var root = closest(e.target, "[data-combobox]");
    if (!root) { return; }
    setTimeout(function () {
      // An Enter still waiting for its answer is kept: the choice it makes matches the text.
      if (!root.contains(document.activeElement)) { state(root).wantOpen = false; close(root); }
    }, 0);
  });

  // Keep the focus in the box while an option is clicked; a click on the box opens the list.
  document.addEventListener("mousedown", function (e) {
    if (closest(e.target, "[data-combobox] [role=listbox]")) { e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var root = closest(e.target, "[data-combobox]");
    if (!root) { return; }
    var option = closest(e.target, "[role=option]");
    if (option && option.getAttribute("aria-disabled") !== "true") { choose(root, option); return; }
    var remove = closest(e.target, "[data-combo-remove]");
    if (remove) { remove.parentElement.remove(); parts(root).input.focus(); return; }
    if (closest(e.target, "[data-combo-clear]")) {
      var p = parts(root);
      p.input.value = "";
      unpick(root);
      state(root).shownFor = null;
      p.input.focus();
      return;
    }
    if (e.target.getAttribute("role") === "combobox") { state(root).wantOpen = true; schedule(root, true); }
  });

  // A form sent while a picker still waits for the answer its Enter asked for (typed, Enter,
  // and a click on Save within a tenth of a second) is sent once that choice is made.
  document.addEventListener("submit", function (e) {
    var waiting = Array.prototype.filter.call(e.target.querySelectorAll("[data-combobox]"), function (root) {
      return state(root).waitingEnter;
    })[0];
    if (waiting) {
      e.preventDefault();
      state(waiting).submit = { form: e.target, button: e.submitter || null };
    }
  }, true);

  // A form reset (the reassign dialog, opened for another task) empties its single pickers.
  document.addEventListener("reset", function (e) {
    e.target.querySelectorAll("[data-combobox]:not([data-multiple])").forEach(function (root) {
      var p = parts(root);
      unpick(root);
      close(root);
      state(root).shownFor = null;
      setTimeout(function () { p.input.value = ""; }, 0); // after the browser's own reset
    });
  });
})();
