// Helpers shared by the review screens: posting a form without a page load, status labels,
// the in-place conflict view and the speaker autocomplete. Text from the database is always set
// with textContent, never parsed as HTML.
(function () {
  "use strict";

  var SIGNS = {suggested: "○", accepted: "✓", rejected: "✗", verified: "✔", disputed: "⚠", "false": "✗",
               misleading: "⚠", unverifiable: "?"};

  function token() {
    var input = document.querySelector("#action-token input[name=csrf_token]");
    if (input) { return input.value; }
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  // POST form fields; resolves to {ok, status, data} (data: the JSON answer or {error}).
  function post(url, fields) {
    var body = new URLSearchParams();
    body.append("csrf_token", token());
    Object.keys(fields).forEach(function (k) { body.append(k, fields[k] === null ? "" : String(fields[k])); });
    return fetch(url, {method: "POST", body: body, credentials: "same-origin",
                       headers: {"Accept": "application/json", "X-Requested-With": "fetch"}})
      .then(function (response) {
        return response.json().catch(function () {
          return {error: "The server answered " + response.status + "; reload the page."};
        }).then(function (data) { return {ok: response.ok, status: response.status, data: data}; });
      })
      .catch(function () { return {ok: false, status: 0, data: {error: "No connection; the change was not saved."}}; });
  }

  function statusLabel(status) {
    return (SIGNS[status] || "·") + " " + status;
  }

  // Both versions side by side, the fields that differ first; onKeep continues from theirs.
  function renderConflict(box, data, onKeep) {
    box.textContent = "";
    var wrap = document.createElement("div");
    wrap.className = "conflict-box";
    var title = document.createElement("p");
    title.textContent = "Someone else changed this claim. Their version is stored; yours was not saved.";
    wrap.appendChild(title);
    var table = document.createElement("table");
    table.className = "grid conflict";
    var head = table.insertRow();
    ["field", "stored (theirs)", "yours"].forEach(function (t) {
      var th = document.createElement("th");
      th.textContent = t;
      head.appendChild(th);
    });
    var attempted = data.attempted || {};
    Object.keys(attempted).forEach(function (key) {
      var row = table.insertRow();
      var theirs = data.current ? data.current[key] : undefined;
      [key, theirs === undefined || theirs === null ? "—" : String(theirs),
       attempted[key] === null ? "—" : String(attempted[key])].forEach(function (t) {
        row.insertCell().textContent = t;
      });
      if (String(theirs) !== String(attempted[key])) { row.className = "differs"; }
    });
    wrap.appendChild(table);
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "small";
    keep.textContent = "Continue from their version";
    keep.addEventListener("click", function () { box.textContent = ""; onKeep(); });
    wrap.appendChild(keep);
    box.appendChild(wrap);
    keep.focus();
  }

  // A combobox over /speakers/suggest: the first suggestion that starts with what was typed is
  // active; ↓/↑ move; takeActive() puts the active one into the field.
  function autocomplete(input, list, suggestUrl) {
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    var pending = Promise.resolve();
    var settle = function () {};

    function paint() {
      list.textContent = "";
      options.forEach(function (o, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = input.id ? input.id + "-opt-" + i : "";
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.dir = "auto";
        li.textContent = o.alias ? o.name + " (" + o.alias + ")" : o.name;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); input.value = o.name; close(); });
        list.appendChild(li);
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
    }

    function close() { options = []; active = -1; paint(); }

    function fold(s) { return (s || "").toLocaleLowerCase(); }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      settle();
      var typed = input.value.trim();
      if (!typed) { close(); return; }
      pending = new Promise(function (resolve) { settle = resolve; });
      timer = window.setTimeout(function () {
        var n = ++asked;
        fetch(suggestUrl + "?q=" + encodeURIComponent(typed), {credentials: "same-origin",
                                                                headers: {"Accept": "application/json"}})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (found) {
            if (n !== asked) { return; }
            settle();
            options = found;
            active = -1;
            for (var i = 0; i < found.length; i++) {
              if (fold(found[i].name).indexOf(fold(typed)) === 0 ||
                  (found[i].alias && fold(found[i].alias).indexOf(fold(typed)) === 0)) { active = i; break; }
            }
            paint();
          })
          .catch(function () { close(); settle(); });
      }, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (!options.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + options.length) % options.length;
        paint();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });

    return {
      isOpen: function () { return options.length > 0; },
      // Resolves once the suggestions for what was typed last have arrived.
      settled: function () { return pending; },
      close: close,
      takeActive: function () {
        if (active >= 0 && options[active]) { input.value = options[active].name; }
        close();
      }
    };
  }

  window.ClaimsWorkbench = {post: post, statusLabel: statusLabel, renderConflict: renderConflict,
                            autocomplete: autocomplete};
})();
