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
  // 机构信息: the filter box hides the agencies whose name does not contain what is typed.
  Array.prototype.forEach.call(document.querySelectorAll("[data-agency-filter]"), function (box) {
    var input = box.querySelector("input");
    var status = box.querySelector("[role='status']");
    var none = document.querySelector("[data-agency-none]");
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(document.querySelectorAll(".agency-group"), function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll(".agency-card"), function (card) {
          var match = !wanted || card.getAttribute("data-name").toLowerCase().indexOf(wanted) !== -1;
          card.hidden = !match;
          if (match) visible += 1;
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      if (none) none.hidden = shown !== 0;
      status.textContent = wanted ? box.getAttribute("data-found").replace("%s", shown) : "";
    });
  });
})();
