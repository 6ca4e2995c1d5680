// Buttons that insert a message placeholder ({姓名}) at the cursor of the message text.
document.addEventListener("DOMContentLoaded", () => {
  const bar = document.getElementById("placeholders");
  const text = bar && document.getElementById(bar.dataset.target);
  if (!text) return;
  bar.addEventListener("click", (event) => {
    const token = event.target.dataset && event.target.dataset.insert;
    if (!token) return;
    const start = text.selectionStart ?? text.value.length;
    const end = text.selectionEnd ?? start;
    text.value = text.value.slice(0, start) + token + text.value.slice(end);
    text.focus();
    text.setSelectionRange(start + token.length, start + token.length);
  });
});
