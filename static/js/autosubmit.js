// A list filter or the language choice sends its form as soon as another option is chosen
// (marked data-autosubmit: the Content-Security-Policy allows no inline onchange handlers).
document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
