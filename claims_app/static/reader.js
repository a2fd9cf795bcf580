// Article reader: open a claim by clicking its highlight; turn a text selection into a new claim.
//
// Offsets sent to the server are UTF-16 code units from the start of the article (what the
// browser counts); the server converts them to code points and checks the selected text
// against the stored text, so a wrong offset is refused rather than stored.
(function () {
  "use strict";

  var reader = document.querySelector("article.reader");
  if (!reader) { return; }
  var textBox = reader.querySelector(".reader-text");
  var info = {};
  try {
    info = JSON.parse(document.getElementById("claim-info").textContent || "{}");
  } catch (e) { info = {}; }

  function claimUrl(id) {
    return reader.dataset.claimUrl.replace(/0$/, String(id));
  }

  var paras = Array.prototype.slice.call(textBox.querySelectorAll("p[data-start]"));

  function paragraphOf(node) {
    var el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return el ? el.closest(".reader-text p[data-start]") : null;
  }

  // A paragraph's start in UTF-16 units. data-start counts code points; the text between
  // paragraphs is line breaks and blanks (one unit each), so the two differ only by the
  // characters outside the BMP (emoji: two units, one code point) in the paragraphs before it.
  function start16(para) {
    var extra = 0;
    for (var i = 0; i < paras.length && paras[i] !== para; i++) {
      var t = paras[i].textContent;
      extra += t.length - Array.from(t).length;
    }
    return parseInt(para.dataset.start, 10) + extra;
  }

  // UTF-16 offset of (node, offset) from the start of the article.
  function articleOffset(para, node, offset) {
    var range = document.createRange();
    range.setStart(para, 0);
    range.setEnd(node, offset);
    return start16(para) + range.toString().length;
  }

  // --- clicking a highlight ---------------------------------------------------------------------
  var menu = null;

  function closeMenu() {
    if (menu) { menu.remove(); menu = null; }
  }

  function openMenu(mark, ids) {
    closeMenu();
    menu = document.createElement("div");
    menu.className = "claim-menu";
    menu.setAttribute("role", "menu");
    ids.forEach(function (id) {
      var a = document.createElement("a");
      var c = info[id] || {};
      a.href = claimUrl(id);
      a.setAttribute("role", "menuitem");
      // textContent, never innerHTML: claim text comes from the article.
      a.textContent = "#" + id + " " + (c.kind || "") + " · " + (c.status || "") + " — " + (c.exact || "");
      a.dir = "auto";
      menu.appendChild(a);
    });
    document.body.appendChild(menu);
    var box = mark.getBoundingClientRect();
    menu.style.top = (window.scrollY + box.bottom + 4) + "px";
    menu.style.left = Math.max(4, window.scrollX + box.left) + "px";
  }

  textBox.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (!mark) { return; }
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed && sel.toString().trim()) { return; }  // a selection, not a click
    var ids = (mark.dataset.claims || "").split(" ").filter(Boolean);
    if (ids.length === 1) {
      window.location.href = claimUrl(ids[0]);
    } else if (ids.length > 1) {
      event.stopPropagation();
      openMenu(mark, ids);
    }
  });
  document.addEventListener("click", function (event) {
    if (menu && !menu.contains(event.target)) { closeMenu(); }
  });
  // Highlights are in the tab order: Enter or Space on one opens it as a click does.
  textBox.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (!mark || (event.key !== "Enter" && event.key !== " ")) { return; }
    event.preventDefault();
    mark.click();
    if (menu) { var first = menu.querySelector("a"); if (first) { first.focus(); } }
  });

  // --- new claims from a selection --------------------------------------------------------------
  var newUrl = reader.dataset.newUrl;
  var toolbar = null;

  function closeToolbar() {
    if (toolbar) { toolbar.remove(); toolbar = null; }
  }

  function currentSelection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    var startPara = paragraphOf(range.startContainer);
    var endPara = paragraphOf(range.endContainer);
    if (!startPara || !textBox.contains(startPara)) { return null; }
    if (!endPara) {
      // A triple click ends the range at the start of the next block: keep to the first paragraph.
      endPara = startPara;
      range = range.cloneRange();
      range.setEnd(startPara, startPara.childNodes.length);
    }
    if (startPara !== endPara) { return {error: "Select text inside one paragraph."}; }
    var text = range.toString();
    var start = articleOffset(startPara, range.startContainer, range.startOffset);
    var end = articleOffset(endPara, range.endContainer, range.endOffset);
    // Leading and trailing spaces are not part of a claim; .length counts UTF-16 units like the offsets.
    var lead = text.length - text.replace(/^\s+/, "").length;
    var trail = text.length - text.replace(/\s+$/, "").length;
    text = text.slice(lead, text.length - trail);
    if (!text) { return null; }
    return {start: start + lead, end: end - trail, exact: text, rect: range.getBoundingClientRect()};
  }

  function go(kind, picked) {
    var params = new URLSearchParams({article_id: reader.dataset.articleId, kind: kind,
                                      start: String(picked.start), end: String(picked.end), exact: picked.exact});
    window.location.href = newUrl + "?" + params.toString();
  }

  function showToolbar(picked) {
    closeToolbar();
    toolbar = document.createElement("div");
    toolbar.className = "selection-toolbar";
    toolbar.setAttribute("role", "toolbar");
    if (picked.error) {
      toolbar.textContent = picked.error;
    } else {
      [["quote", "New quote"], ["numeric", "New numeric claim"]].forEach(function (pair) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "small";
        b.dataset.kind = pair[0];
        b.textContent = pair[1];
        b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection
        b.addEventListener("click", function () { go(pair[0], picked); });
        toolbar.appendChild(b);
      });
    }
    document.body.appendChild(toolbar);
    var box = picked.rect || {bottom: 0, left: 0};
    toolbar.style.top = (window.scrollY + box.bottom + 6) + "px";
    toolbar.style.left = Math.max(4, window.scrollX + box.left) + "px";
  }

  function onSelectionDone() {
    if (!newUrl) { return; }
    var picked = currentSelection();
    if (picked) { showToolbar(picked); } else { closeToolbar(); }
  }

  textBox.addEventListener("mouseup", function () { window.setTimeout(onSelectionDone, 0); });
  textBox.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") { onSelectionDone(); }
  });
  document.addEventListener("mousedown", function (event) {
    if (toolbar && !toolbar.contains(event.target)) { closeToolbar(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeToolbar(); closeMenu(); }
  });

  // --- a link from a claim page lands on its highlight ------------------------------------------
  // (?claim=ID marks it on the server; #claim-ID is the same request made as a fragment.)
  var wanted = /^#claim-(\d+)$/.exec(window.location.hash);
  if (wanted) {
    textBox.querySelectorAll("mark.hl[data-claims]").forEach(function (mark) {
      if (mark.dataset.claims.split(" ").indexOf(wanted[1]) >= 0) { mark.classList.add("focus"); }
    });
  }
  var focused = textBox.querySelector("mark.focus");
  if (focused) { focused.scrollIntoView({block: "center"}); }
})();
