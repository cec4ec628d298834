// Keeps a background task's progress bar (backoffice/task_progress.html) up to date: polls the task's status
// once a second, and reloads the screen when the task has finished, which then shows its result.
(function () {
  "use strict";
  var box = document.querySelector("[data-task-progress]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var stage = box.querySelector("[data-task-stage]");
  var count = box.querySelector("[data-task-count]");
  function poll() {
    fetch(box.getAttribute("data-task-progress"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 5000); return; }
        if (data.finished) { window.location.reload(); return; }
        if (data.total) {
          bar.max = data.total;
          bar.value = data.done;
          bar.textContent = data.percent + "%";
          count.textContent = data.done + " / " + data.total;
        } else {
          bar.removeAttribute("value");
        }
        if (data.stage) { stage.textContent = data.stage; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
})();
