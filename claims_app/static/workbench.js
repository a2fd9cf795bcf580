// Article review mode: the article's candidates beside its text, decided from the keyboard.
//
// j/k move, a accept, r reject, e edit in place, s speaker, u undo, n next article, ? keys.
// Every decision is a form post (CSRF token and the version the editor saw) answered with the
// claim's new state as JSON; a stale version answers 409 with both versions, shown in place.
(function () {
  "use strict";

  var bench = document.querySelector(".workbench");
  if (!bench) { return; }
  var W = window.ClaimsWorkbench;   // shared helpers (claims_common.js)

  var states = {};
  JSON.parse(document.getElementById("candidate-states").textContent || "[]").forEach(function (s) {
    states[s.id] = s;
  });
  var items = Array.prototype.slice.call(document.querySelectorAll("#candidates li.cand"));
  var current = 0;
  var undoStack = [];
  var message = document.getElementById("panel-message");
  var help = document.getElementById("keys-help");
  var REVIEWED = ["accepted", "rejected", "verified", "disputed", "false", "misleading", "unverifiable"];

  function say(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark.hl[data-claims]"), function (mark) {
      return mark.dataset.claims.split(" ").indexOf(String(id)) >= 0;
    });
  }

  function summary(s) {
    if (s.kind === "quote") {
      return s.speaker ? "speaker: " + s.speaker : "speaker unknown";
    }
    var parts = [s.qualifier.replace("_", " ")];
    if (s.value !== null) { parts.push(s.value); }
    if (s.low !== null || s.high !== null) { parts.push("[" + (s.low || "…") + "–" + (s.high || "…") + "]"); }
    if (s.unit) { parts.push(s.unit); }
    if (s.numeric_kind) { parts.push("· " + s.numeric_kind); }
    if (s.speaker) { parts.push("· source: " + s.speaker); }
    return parts.join(" ");
  }

  function render(item) {
    var s = states[item.dataset.id];
    var badge = item.querySelector("[data-role=status]");
    badge.className = "badge st-" + s.status;
    badge.textContent = W.statusLabel(s.status);
    item.querySelector("[data-role=summary]").textContent = summary(s);   // never innerHTML
    item.dataset.status = s.status;
    marksOf(s.id).forEach(function (mark) {
      if (mark.dataset.innermost === String(s.id)) {
        mark.className = mark.className.replace(/\bst-\S+/g, "").trim() + " st-" + s.status;
      }
    });
  }

  function progress() {
    var done = items.filter(function (item) { return REVIEWED.indexOf(states[item.dataset.id].status) >= 0; });
    document.getElementById("reviewed-count").textContent = String(done.length);
  }

  function show(index, scroll) {
    if (!items.length) { return; }
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) {
      item.classList.toggle("current", i === current);
      item.setAttribute("aria-current", i === current ? "true" : "false");
    });
    var id = items[current].dataset.id;
    document.querySelectorAll("mark.hl.current").forEach(function (m) { m.classList.remove("current"); });
    var marks = marksOf(id);
    marks.forEach(function (m) { m.classList.add("current"); });
    items[current].focus({preventScroll: true});
    if (scroll !== false) {
      items[current].scrollIntoView({block: "nearest"});
      if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
    }
  }

  function firstOpen() {
    for (var i = 0; i < items.length; i++) {
      if (states[items[i].dataset.id].status === "suggested") { return i; }
    }
    return 0;
  }

  function url(name, id) {
    return bench.dataset[name].replace(/0(\/[a-z-]+)?$/, function (m, tail) { return String(id) + (tail || ""); });
  }

  function applied(item, data) {
    states[data.claim.id] = data.claim;
    item.classList.remove("saving", "conflict");
    item.dataset.saved = String(data.claim.version);
    render(item);
    progress();
  }

  function showConflict(item, data) {
    item.classList.remove("saving");
    item.classList.add("conflict");
    W.renderConflict(item.querySelector("[data-role=edit]"), data, function () {
      // "Keep theirs": continue from the stored version.
      var s = states[item.dataset.id];
      Object.keys(data.current).forEach(function (key) {
        if (key in s && key !== "speaker") { s[key] = data.current[key]; }
      });
      s.version = data.current.version;
      item.classList.remove("conflict");
      render(item);
      item.focus();
    });
    say(data.error);
  }

  function send(item, endpoint, fields, done) {
    item.classList.add("saving");
    say("");
    W.post(url(endpoint, item.dataset.id), fields).then(function (answer) {
      if (answer.status === 409) {
        showConflict(item, answer.data);
      } else if (answer.ok) {
        applied(item, answer.data);
        if (done) { done(answer.data); }
      } else {
        item.classList.remove("saving");
        say(answer.data.error || "The change was not saved.");
        if (done) { done(null, answer.data); }
      }
    });
  }

  function decide(action) {
    var item = items[current];
    if (!item) { return; }
    var s = states[item.dataset.id];
    send(item, "decideUrl", {action: action, version: s.version}, function (data) {
      undoStack.push({item: item, history: data.history_id});
    });
    show(current + 1);
  }

  function undo() {
    var last = undoStack.pop();
    if (!last) { say("Nothing to undo."); return; }
    send(last.item, "undoUrl", {history_id: last.history}, null);
    show(items.indexOf(last.item));
  }

  // --- edit in place ----------------------------------------------------------------------------
  var FORM_FIELDS = ["value", "low", "high", "qualifier", "numeric_kind", "unit", "period_start", "period_end",
                     "metric", "speaker"];

  function closeEdit(item) {
    var box = item.querySelector("[data-role=edit]");
    box.textContent = "";
    item.classList.remove("editing");
  }

  function openEdit(focusSpeaker) {
    var item = items[current];
    if (!item) { return; }
    var s = states[item.dataset.id];
    var box = item.querySelector("[data-role=edit]");
    box.textContent = "";
    var form = document.getElementById(s.kind === "quote" ? "edit-quote" : "edit-numeric")
      .content.firstElementChild.cloneNode(true);
    box.appendChild(form);
    item.classList.add("editing");
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && s[el.name] !== undefined && s[el.name] !== null) { el.value = String(s[el.name]); }
    });
    var speakerInput = form.querySelector("input[name=speaker]");
    var picker = W.autocomplete(speakerInput, form.querySelector("ul.suggestions"), bench.dataset.suggestUrl);

    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        if (picker.isOpen()) { picker.close(); return; }
        closeEdit(item);
        item.focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        picker.settled().then(function () {
          picker.takeActive();
          save(item, form);
        });
      }
      event.stopPropagation();
    });
    var first = focusSpeaker ? speakerInput : form.elements[0];
    first.focus();
    if (first.select) { first.select(); }
  }

  function save(item, form) {
    var s = states[item.dataset.id];
    var fields = {version: s.version};
    FORM_FIELDS.forEach(function (name) {
      var value = s[name];
      fields[name] = value === null || value === undefined ? "" : String(value);
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) { fields[el.name] = el.value; }
    });
    send(item, "editUrl", fields, function (data, failure) {
      if (data) {
        undoStack.push({item: item, history: data.history_id});
        closeEdit(item);
        show(items.indexOf(item) + 1);
      } else {
        var errors = (failure && failure.fields) || {};
        var lines = Object.keys(errors).map(function (k) { return k + ": " + errors[k].join(" "); });
        form.querySelector(".form-errors").textContent = lines.join(" · ") || (failure && failure.error) || "";
        var bad = Object.keys(errors)[0];
        var field = bad && form.elements[bad];
        (field || form.elements[0]).focus();
      }
    });
  }

  // --- keys ---------------------------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (help.open) { return; }
    switch (event.key) {
      case "j": show(current + 1); break;
      case "k": show(current - 1); break;
      case "a": decide("accept"); break;
      case "r": decide("reject"); break;
      case "e": openEdit(false); break;
      case "s": openEdit(true); break;
      case "u": undo(); break;
      case "n":
        if (bench.dataset.nextUrl) { window.location.href = bench.dataset.nextUrl; }
        else { say("No other article has suggestions left."); }
        break;
      case "?": help.showModal(); break;
      default: return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, i) {
    render(item);
    item.addEventListener("click", function (event) {
      if (!event.target.closest("a, button, input, select, form")) { show(i, false); }
    });
  });
  document.querySelectorAll("mark.hl[data-claims]").forEach(function (mark) {
    mark.addEventListener("click", function () {
      var id = mark.dataset.innermost;
      var index = items.findIndex(function (item) { return item.dataset.id === id; });
      if (index >= 0) { show(index); }
    });
  });
  document.getElementById("show-keys").addEventListener("click", function () { help.showModal(); });
  show(firstOpen());
  document.body.dataset.ready = "1";
})();
