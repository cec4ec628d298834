/* 长者模式 (适老化): large type and high contrast, switched in the top bar and kept in this browser.
   Loaded in <head>, not deferred, so that the class is on <html> before the page is drawn. The choice lives
   in localStorage, not on the server: cached pages (yifa.pagecache) are the same for everyone, and switching
   never reloads the page (a reload would count another view at the view-count beacon). */
(function () {
  "use strict";
  var KEY = "yifa-elderly-mode";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function store(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "on"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage refused (private browsing): the mode lasts for this page only */ }
  }
  function label(button, on) {
    button.textContent = button.getAttribute(on ? "data-label-on" : "data-label-off") || button.textContent;
  }
  function apply(on) {
    root.classList.toggle("elderly", on);
    Array.prototype.forEach.call(document.querySelectorAll("[data-action='elderly-mode']"), function (button) {
      label(button, on);
    });
  }

  root.classList.toggle("elderly", stored());
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-action='elderly-mode']");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var on = !root.classList.contains("elderly");
        store(on);
        apply(on);
      });
    });
    apply(root.classList.contains("elderly"));
  });
})();
