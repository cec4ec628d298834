/* The redaction screen (disclosure/admin/redact.html): draw areas on the pages with the mouse (or a finger once
   框选 is on), list them, remove them, and put them in the form as PDF points from each page's top left. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-redact]");
  if (!form) { return; }
  var field = form.querySelector("input[name=areas]");
  var list = form.querySelector("[data-redact-list]");
  var count = form.querySelector("[data-redact-count]");
  var toggle = form.querySelector("[data-redact-toggle]");
  var sheets = Array.prototype.slice.call(form.querySelectorAll(".yifa-redact__sheet"));
  var areas = [];  // {page, x0, y0, x1, y1} as fractions of the page, and its box element
  var lang = document.documentElement.lang || "zh";
  var english = lang.indexOf("en") === 0;
  var drawing = window.matchMedia && window.matchMedia("(pointer: fine)").matches;

  function text(zh, en) { return english ? en : zh; }

  function pageOf(sheet) {
    var figure = sheet.closest("figure");
    return { index: parseInt(figure.dataset.page, 10), width: parseFloat(figure.dataset.width),
             height: parseFloat(figure.dataset.height) };
  }

  function place(box, area) {
    box.style.left = (area.x0 * 100) + "%";
    box.style.top = (area.y0 * 100) + "%";
    box.style.width = ((area.x1 - area.x0) * 100) + "%";
    box.style.height = ((area.y1 - area.y0) * 100) + "%";
  }

  function save() {
    var points = areas.map(function (area) {
      var page = pageOf(area.sheet);
      var r = function (v) { return Math.round(v * 100) / 100; };
      return { page: page.index, rect: [r(area.x0 * page.width), r(area.y0 * page.height),
                                        r(area.x1 * page.width), r(area.y1 * page.height)] };
    });
    field.value = JSON.stringify(points);
    count.textContent = english ? "Areas marked: " + areas.length : "已框选 " + areas.length + " 处";
    list.textContent = "";
    areas.forEach(function (area, position) {
      var item = document.createElement("li");
      var page = pageOf(area.sheet);
      item.appendChild(document.createTextNode(
        text("第 " + (page.index + 1) + " 页，区域 " + (position + 1) + " ",
             "Page " + (page.index + 1) + ", area " + (position + 1) + " ")));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-small button-secondary";
      remove.textContent = text("取消此处", "Remove");
      remove.addEventListener("click", function () { drop(area); });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function drop(area) {
    areas = areas.filter(function (other) { return other !== area; });
    area.box.remove();
    save();
  }

  function add(sheet, x0, y0, x1, y1) {
    var area = { sheet: sheet, x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
    area.box = document.createElement("div");
    area.box.className = "yifa-redact__box";
    area.box.title = text("点击取消此处框选", "Click to remove this area");
    area.box.addEventListener("click", function (event) { event.stopPropagation(); drop(area); });
    place(area.box, area);
    sheet.appendChild(area.box);
    areas.push(area);
    save();
    return area;
  }

  function clamp(v) { return Math.max(0, Math.min(1, v)); }

  function setDrawing(on) {
    drawing = on;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    sheets.forEach(function (sheet) { sheet.classList.toggle("is-drawing", on); });
  }

  sheets.forEach(function (sheet) {
    var start = null;
    var box = null;
    function at(event) {
      var bounds = sheet.getBoundingClientRect();
      return { x: clamp((event.clientX - bounds.left) / bounds.width), y: clamp((event.clientY - bounds.top) / bounds.height) };
    }
    sheet.addEventListener("pointerdown", function (event) {
      if (!drawing || event.button !== 0 || event.target.classList.contains("yifa-redact__box")) { return; }
      event.preventDefault();
      start = at(event);
      box = document.createElement("div");
      box.className = "yifa-redact__box";
      sheet.appendChild(box);
      place(box, { x0: start.x, y0: start.y, x1: start.x, y1: start.y });
      if (sheet.setPointerCapture) { sheet.setPointerCapture(event.pointerId); }
    });
    sheet.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var now = at(event);
      place(box, { x0: Math.min(start.x, now.x), y0: Math.min(start.y, now.y),
                   x1: Math.max(start.x, now.x), y1: Math.max(start.y, now.y) });
    });
    function finish(event) {
      if (!start) { return; }
      var end = at(event);
      box.remove();
      var page = pageOf(sheet);
      // A click or a tiny slip is not an area: at least 2 points each way.
      if (Math.abs(end.x - start.x) * page.width >= 2 && Math.abs(end.y - start.y) * page.height >= 2) {
        add(sheet, start.x, start.y, end.x, end.y);
      }
      start = null;
      box = null;
    }
    sheet.addEventListener("pointerup", finish);
    sheet.addEventListener("pointercancel", function () { if (box) { box.remove(); } start = null; box = null; });
  });

  toggle.addEventListener("click", function () { setDrawing(!drawing); });
  form.querySelector("[data-redact-clear]").addEventListener("click", function () {
    areas.slice().forEach(drop);
  });

  // Areas sent before (the form came back with a message) are drawn again.
  try {
    JSON.parse(field.value || "[]").forEach(function (saved) {
      var sheet = sheets.filter(function (s) { return pageOf(s).index === saved.page; })[0];
      if (!sheet || !saved.rect) { return; }
      var page = pageOf(sheet);
      add(sheet, saved.rect[0] / page.width, saved.rect[1] / page.height,
          saved.rect[2] / page.width, saved.rect[3] / page.height);
    });
  } catch (error) {
    field.value = "[]";
  }
  setDrawing(drawing);
  save();
}());
