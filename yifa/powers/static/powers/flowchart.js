/* Zoom buttons for the full-size flowchart (powers/portal/flowchart.html); the chart scrolls both ways. */
(function () {
  "use strict";
  var tools = document.querySelector("[data-zoom-for]");
  if (!tools) return;
  var viewer = document.getElementById(tools.getAttribute("data-zoom-for"));
  var svg = viewer && viewer.querySelector("svg");
  if (!svg) return;
  var box = svg.viewBox && svg.viewBox.baseVal;
  // Graphviz gives the size in points; the chart's own size in CSS pixels is 4/3 of it.
  var natural = box && box.width ? box.width * 4 / 3 : svg.getBoundingClientRect().width;
  var ratio = box && box.width ? box.height / box.width : 1;
  var level = document.querySelector("[data-zoom-level]");
  var scale = 1;

  function show(next) {
    scale = Math.min(4, Math.max(0.25, next));
    svg.style.width = Math.round(natural * scale) + "px";
    svg.style.height = Math.round(natural * scale * ratio) + "px";
    if (level) level.textContent = Math.round(scale * 100) + "%";
  }
  tools.hidden = false;
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-zoom]");
    if (!button) return;
    var how = button.getAttribute("data-zoom");
    if (how === "in") show(scale * 1.25);
    else if (how === "out") show(scale / 1.25);
    else if (how === "reset") show(1);
    else if (how === "fit") show((viewer.clientWidth - 16) / natural);
  });
  show(1);
})();
