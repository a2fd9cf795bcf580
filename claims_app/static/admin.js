// The admin pages: Flask-Admin's row checkboxes carry only a title; give them an accessible name.
(function () {
  "use strict";
  document.querySelectorAll("input[title]:not([aria-label])").forEach(function (input) {
    input.setAttribute("aria-label", input.title);
  });
})();
