// Flask-Admin writes a few inline event handlers (onclick="...") and javascript: links into its
// pages. The Content-Security-Policy forbids inline script, so the server renames the handlers
// to data-onclick (admin_views/base.py) and the ones Flask-Admin is known to write are attached
// here as listeners; javascript: links never navigate. Anything not recognised does nothing.
(function () {
  "use strict";

  // JavaScript string literal body between single quotes, as Flask-Admin writes it.
  function unquote(body) {
    return body.replace(/\\(.)/g, "$1");
  }

  var handlers = [
    [/^return false;?$/, function () {
      return function (event) { event.preventDefault(); };
    }],
    [/^return faHelpers\.safeConfirm\('((?:[^'\\]|\\.)*)'\);?$/, function (m) {
      var message = unquote(m[1]);
      return function (event) {
        if (!window.faHelpers.safeConfirm(message)) { event.preventDefault(); }
      };
    }],
    [/^return modelActions\.execute\('((?:[^'\\]|\\.)*)'\);?$/, function (m) {
      var name = unquote(m[1]);
      return function (event) {
        event.preventDefault();
        window.modelActions.execute(name);
      };
    }],
    [/^faForm\.addInlineField\(this, '((?:[^'\\]|\\.)*)'\);?$/, function (m) {
      var id = unquote(m[1]);
      return function (event) {
        event.preventDefault();
        window.faForm.addInlineField(this, id);
      };
    }]
  ];

  document.querySelectorAll("[data-onclick]").forEach(function (el) {
    var code = el.getAttribute("data-onclick").trim();
    for (var i = 0; i < handlers.length; i++) {
      var match = handlers[i][0].exec(code);
      if (match) {
        el.addEventListener("click", handlers[i][1](match));
        return;
      }
    }
  });

  // "javascript:void(0)" links (tabs, dropdown toggles, inline-form buttons, also the ones
  // added later from templates) must not navigate: the policy would refuse the javascript: URL.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='javascript:']");
    if (link) { event.preventDefault(); }
  }, true);
})();
