// Form enhancements: a speaker field with data-suggest-url autocompletes over every speaker's
// names and aliases; Enter with a suggestion highlighted takes it instead of submitting.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = input.parentElement.querySelector("ul.suggestions");
    if (!list || !window.ClaimsWorkbench) { return; }
    var picker = window.ClaimsWorkbench.autocomplete(input, list, input.dataset.suggestUrl);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && picker.isOpen()) {
        event.preventDefault();
        picker.takeActive();
      } else if (event.key === "Escape" && picker.isOpen()) {
        event.preventDefault();
        picker.close();
      }
    });
  });
})();
