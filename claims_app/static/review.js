// Review queue keys (j/k move, a accept, r reject, e edit, o open, x select) and the claim page's
// "choose" buttons for the link target. Accept and reject are posted in the background (the row
// stays where it is); without scripts they are ordinary form posts with their CSRF token.
(function () {
  "use strict";

  document.querySelectorAll("button.pick-target").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById("target_id");
      if (input) { input.value = button.dataset.target; input.focus(); }
    });
  });

  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.queue-row"));
  var selectAll = document.getElementById("select-all");
  if (selectAll) {
    selectAll.addEventListener("change", function () {
      rows.forEach(function (row) { row.querySelector("input[type=checkbox]").checked = selectAll.checked; });
    });
  }
  if (!rows.length) { return; }

  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].focus({preventScroll: true});
    rows[current].scrollIntoView({block: "nearest"});
  }

  // Accept and reject are posted without a page load; the cursor stays on its row.
  function decide(row, action) {
    var W = window.ClaimsWorkbench;
    var versionInputs = row.querySelectorAll("input[name=version]");
    var badge = row.querySelector(".badge");
    row.classList.add("saving");
    W.post(row.dataset.decide, {action: action, version: versionInputs[0].value}).then(function (answer) {
      row.classList.remove("saving");
      var note = row.querySelector(".row-message");
      note.textContent = "";
      if (answer.ok) {
        var claim = answer.data.claim;
        versionInputs.forEach(function (input) { input.value = String(claim.version); });
        badge.className = "badge st-" + claim.status;
        badge.textContent = W.statusLabel(claim.status);
        row.dataset.saved = String(claim.version);
      } else {
        note.textContent = answer.data.error || "Not saved.";
      }
    });
  }

  function submit(selector) {
    decide(rows[current], selector === "form.accept-form" ? "accept" : "reject");
  }

  rows.forEach(function (row) {
    ["accept", "reject"].forEach(function (action) {
      var form = row.querySelector("form." + action + "-form");
      if (!form) { return; }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        decide(row, action);
      });
    });
  });

  rows.forEach(function (row, i) {
    row.addEventListener("click", function (event) {
      if (!event.target.closest("a, button, input")) { show(i); }
    });
  });

  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var row = rows[current];
    switch (event.key) {
      case "j": show(current + 1); break;
      case "k": show(current - 1); break;
      case "a": submit("form.accept-form"); break;
      case "r": submit("form.reject-form"); break;
      case "e": window.location.href = row.dataset.edit; break;
      case "o": window.location.href = row.dataset.open; break;
      case "x": {
        var box = row.querySelector("input[type=checkbox]");
        box.checked = !box.checked;
        break;
      }
      default: return;
    }
    event.preventDefault();
  });

  show(0);
})();
