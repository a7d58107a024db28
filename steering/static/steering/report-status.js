// The page of a report being built: asks for its state every two seconds, shows the step and
// the progress, and reloads the page once the report is ready or has failed. Without
// JavaScript the page's "Actualiser" link does the same by hand.
(function () {
  "use strict";
  var section = document.getElementById("report-status");
  if (!section || section.dataset.active !== "true") {
    return;
  }
  var url = section.dataset.statusUrl;
  var step = section.querySelector("[data-report-step]");
  var progress = section.querySelector("[data-report-progress]");
  var bar = section.querySelector("[data-report-bar]");
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
        // Finished, or its state changed (interrupted, relaunched): the page says the new truth.
        if (!state.active || state.state !== section.dataset.state) {
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
        // A network hiccup: try again, more slowly.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
