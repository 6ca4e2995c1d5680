// The export job page follows its job: asks the status URL every two seconds, moves the
// progress bar and, once the file is written (or writing failed), reloads to show the link.
(function () {
  var card = document.getElementById("export-job");
  if (!card || card.dataset.status === "done" || card.dataset.status === "failed") {
    return;
  }
  var bar = document.getElementById("export-progress");
  var status = document.getElementById("export-status");
  function poll() {
    fetch(card.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        status.textContent = job.label;
        if (job.rows_total) {
          bar.max = job.rows_total;
        }
        bar.value = job.rows_done;
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
