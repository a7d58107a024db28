// The page of a background job (templates/includes/job_progress.html): asks for the job's
// state every two seconds, shows its step and progress, and reloads the page once its state
// changes (finished, failed, interrupted, relaunched). Without JavaScript the page's
// « Actualiser » link does the same by hand.
(function () {
  "use strict";
  var section = document.getElementById("job-status");
  if (!section || section.dataset.jobActive !== "true") {
    return;
  }
  var url = section.dataset.jobStatusUrl;
  var step = section.querySelector("[data-job-step]");
  var progress = section.querySelector("[data-job-progress]");
  var bar = section.querySelector("[data-job-bar]");
  var delay = 2000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        if (!state.active || state.state !== section.dataset.jobState) {
          window.location.reload();
          return;
        }
        if (step && state.step) {
          step.textContent = state.step;
        }
        if (progress) {
          progress.textContent = state.progress;
        }
        if (bar) {
          bar.value = state.progress;
          bar.textContent = state.progress + " %";
        }
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
