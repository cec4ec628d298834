/* Portal enhancements; every page works without them. */
(function () {
  "use strict";
  // Fold the column navigation on narrow screens (the CSS decides when); without this script it scrolls.
  Array.prototype.forEach.call(document.querySelectorAll(".columns-nav"), function (nav) {
    var toggle = nav.querySelector("[data-action='toggle-nav']");
    if (!toggle) return;
    nav.classList.add("columns-nav--collapsible");
    toggle.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target) return;
    var action = target.getAttribute("data-action");
    if (action === "toggle-nav") {
      // The column navigation on a phone: folded behind its button, opened and closed in place.
      var open = target.getAttribute("aria-expanded") !== "true";
      target.setAttribute("aria-expanded", open ? "true" : "false");
      target.closest(".columns-nav").classList.toggle("is-open", open);
    } else if (action === "print") {
      event.preventDefault();
      window.print();
    } else if (action === "bookmark" || action === "set-home") {
      // Browsers no longer let a page do this itself: tell the visitor how.
      event.preventDefault();
      var isMac = /Mac/.test(navigator.platform);
      window.alert(action === "bookmark"
        ? (document.documentElement.lang === "en" ? "Press " + (isMac ? "Cmd" : "Ctrl") + "+D to bookmark this site." : "请按 " + (isMac ? "Cmd" : "Ctrl") + "+D 将本站加入收藏。")
        : (document.documentElement.lang === "en" ? "Open your browser's settings to make this site your home page." : "请在浏览器的设置中将本站设为首页。"));
    }
  });
})();
