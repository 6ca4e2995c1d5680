// The filing form: show the default due date of the chosen category next to the due date.
(function () {
  var select = document.getElementById("id_category");
  var days = document.querySelectorAll("#default-due [data-category]");
  if (!select) return;
  function show() {
    days.forEach(function (day) { day.hidden = day.dataset.category !== select.value; });
  }
  select.addEventListener("change", show);
  show();
})();
