/* Portal enhancements; every page works without them. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target) return;
    var action = target.getAttribute("data-action");
    if (action === "print") {
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
