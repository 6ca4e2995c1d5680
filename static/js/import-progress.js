// An import job's page: while the file is checked or applied, ask its status every two
// seconds and move the <progress> bar; once it is done, reload to show the outcome.
(function () {
  "use strict";

  const job = document.querySelector("[data-import-status]");
  if (!job || job.dataset.finished === "1") return;
  const bar = job.querySelector("progress");
  const count = job.querySelector("[data-import-count]");
  const label = job.querySelector("[data-import-label]");
  const EVERY_MS = 2000;

  function show(status) {
    if (status.rows_total) bar.max = status.rows_total;
    bar.value = status.rows_done;
    count.textContent = status.rows_total
      ? status.rows_done + " / " + status.rows_total
      : String(status.rows_done);
    label.textContent = status.status_label;
  }

  function ask() {
    fetch(job.dataset.importStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) return;
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          setTimeout(ask, EVERY_MS);
        }
      })
      .catch(function () { setTimeout(ask, EVERY_MS * 2); });
  }

  setTimeout(ask, EVERY_MS);
})();
