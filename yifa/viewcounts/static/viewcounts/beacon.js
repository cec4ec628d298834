/* Count this view of the page at the beacon and show the exact count it answers (see yifa/viewcounts). */
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-view-beacon]");
  Array.prototype.forEach.call(counters, function (counter) {
    if (!window.fetch) return;
    fetch(counter.getAttribute("data-view-beacon"), {
      method: "POST",
      credentials: "omit",
      keepalive: true,
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      // 429: this client has counted enough views of the page for now; the count is still exact.
      return response.ok || response.status === 429 ? response.json() : null;
    }).then(function (answer) {
      if (answer && typeof answer.views === "number") counter.textContent = String(answer.views);
    }).catch(function () { /* the count shown stays the one the page was rendered with */ });
  });
})();
