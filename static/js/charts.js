// Draw every Plotly figure whose JSON sits in a json_script element named by data-figure, and wire the
// chart/table tabs and the copy-link button. No inline scripts anywhere: the CSP allows only 'self'.
// Points carry their source URL in customdata[0]; clicking one opens the sentence it came from.
(function () {
  "use strict";

  if (window.Plotly) {
    window.Plotly.register({
      moduleType: "locale",
      name: "zh-CN",
      dictionary: {
        "Download plot as a PNG": "下载图片（PNG）",
        "Taking snapshot - this may take a few seconds": "正在生成图片，请稍候",
        "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
        "Image download succeeded": "图片已下载",
        "Download plot": "下载图片",
        "Zoom": "缩放",
        "Pan": "平移",
        "Zoom in": "放大",
        "Zoom out": "缩小",
        "Reset axes": "还原坐标轴",
        "Autoscale": "自动缩放",
        "Reset view": "还原视图",
        "Toggle Spike Lines": "显示/隐藏辅助线",
        "Toggle show closest data on hover": "切换悬停显示方式",
        "Show closest data on hover": "悬停显示最近的数据",
        "Compare data on hover": "悬停比较数据",
        "Double-click to zoom back out": "双击还原",
        "Click to enter Colorscale title": "点击输入色标标题",
        "Click to enter Plot title": "点击输入图表标题"
      },
      format: { decimal: ".", thousands: ",", days: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        shortDays: ["日", "一", "二", "三", "四", "五", "六"],
        months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        date: "%Y-%m-%d" }
    });
  }

  var CLOUD_BUTTONS = ["sendDataToCloud", "editInChartStudio"];

  function sourceUrl(point) {
    var data = point && point.customdata;
    var url = Array.isArray(data) ? data[0] : data;
    return typeof url === "string" && url.charAt(0) === "/" ? url : null;
  }

  var SOURCE_BAND = 36;

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // A copy of the drawn figure, taller by a band at the bottom that carries the source (site and page address)
  // and the download date, so a PNG shared on its own still says where and when it came from.
  function downloadWithSource(gd, options) {
    var body = document.body.dataset;
    var note = (body.pngSource || "Source") + ": " + (body.pngSite || "govdash") + " " + window.location.href +
      " · " + (body.pngDate || "Downloaded") + " " + today();
    var size = gd._fullLayout._size;
    var layout = JSON.parse(JSON.stringify(gd.layout));
    var margin = Object.assign({}, layout.margin || {});
    margin.b = size.b + SOURCE_BAND;
    layout.margin = margin;
    layout.height = gd._fullLayout.height + SOURCE_BAND;
    layout.annotations = (layout.annotations || []).concat([{
      text: note.replace(/&/g, "&amp;").replace(/</g, "&lt;"), xref: "paper", yref: "paper", x: 0, y: 0,
      xanchor: "left", yanchor: "top", yshift: -(size.b + 8), showarrow: false, align: "left",
      font: { size: 10, color: "#616e7c" }
    }]);
    gd.dataset.pngNote = note;
    return window.Plotly.downloadImage({ data: gd.data, layout: layout, config: {} }, {
      format: "png", filename: options.filename || "chart", scale: options.scale || 2,
      width: gd._fullLayout.width, height: layout.height
    });
  }

  // ---- Narrow screens (phones) -----------------------------------------------------------------------------
  var NARROW = 600;

  function textWidth(text, size) {
    var width = 0;
    for (var i = 0; i < text.length; i += 1) {
      var code = text.charCodeAt(i);
      width += (code > 0x2e80 ? 1.0 : code === 32 ? 0.3 : 0.58) * size;
    }
    return width;
  }

  // Break a title into lines no wider than maxPx: at spaces in English, between any two characters in Chinese.
  function wrap(text, maxPx, size) {
    if (!text || text.indexOf("<br>") !== -1 || textWidth(text, size) <= maxPx) { return { text: text, lines: 1 }; }
    var tokens = /[\u2e80-\uffff]/.test(text) ? text.match(/[\u2e80-\uffff]|[^\u2e80-\uffff]+?(?=[\u2e80-\uffff]|$)/g)
      : text.split(/(?= )/);
    var lines = [""];
    tokens.forEach(function (token) {
      var line = lines[lines.length - 1];
      if (line && textWidth(line + token, size) > maxPx) { lines.push(token.replace(/^ /, "")); }
      else { lines[lines.length - 1] = line + token; }
    });
    return { text: lines.join("<br>"), lines: lines.length };
  }

  // Small multiples side by side (one x axis per metric, one shared category axis) become one panel per row:
  // on a phone, four panels of 80 px would be unreadable.
  function stackPanels(figure) {
    var layout = figure.layout;
    var axes = Object.keys(layout).filter(function (k) { return /^xaxis\d*$/.test(k); }).sort(function (a, b) {
      return (parseInt(a.slice(5), 10) || 1) - (parseInt(b.slice(5), 10) || 1);
    });
    if (axes.length < 2 || !layout.yaxis || layout.yaxis.type !== "category") { return figure; }
    var rows = Math.max(3, (layout.yaxis.categoryarray || []).length);
    var header = 58;
    var twoLine = (layout.yaxis.categoryarray || []).some(function (c) { return String(c).indexOf("<br>") !== -1; });
    var panel = header + (twoLine ? 42 : 30) * rows;
    var plot = axes.length * panel;
    var margin = Object.assign({}, layout.margin || {}, { t: 50, b: 20 });
    layout.margin = margin;
    layout.height = margin.t + plot + margin.b;
    var panelTitles = (layout.annotations || []).filter(function (a) { return a.yshift === 28; });
    axes.forEach(function (key, index) {
      var suffix = key.slice(5);
      var top = 1 - index * panel / plot;
      var bottom = top - panel / plot;
      layout[key] = Object.assign({}, layout[key], { domain: [0, 1], anchor: "y" + suffix });
      layout["yaxis" + suffix] = Object.assign({}, layout.yaxis, { domain: [bottom, top - header / plot],
        anchor: "x" + suffix });
      var title = panelTitles[index];
      if (title) { Object.assign(title, { x: 0, y: top, yanchor: "top", yshift: 0 }); }
    });
    figure.data.forEach(function (trace) { trace.yaxis = "y" + (trace.xaxis || "x").slice(1); });
    return figure;
  }

  // Widen each value axis until the labels printed after the bars (133个（2023）) fit inside the chart.
  function fitBarLabels(figure, width) {
    var layout = figure.layout;
    var categories = (layout.yaxis && layout.yaxis.categoryarray) || [];
    var labelPx = categories.reduce(function (most, c) {
      return String(c).split("<br>").reduce(function (m, line) { return Math.max(m, textWidth(line, 12)); }, most);
    }, 0);
    var plot = width - labelPx - 20 - ((layout.margin && layout.margin.r) || 30) + 20;
    figure.data.forEach(function (trace) {
      var horizontal = trace.orientation === "h" || (trace.mode === "text" && trace.textposition === "middle right");
      if (!horizontal || !Array.isArray(trace.text) || !Array.isArray(trace.x)) { return; }
      var key = "xaxis" + (trace.xaxis || "x").slice(1);
      var axis = layout[key];
      if (!axis || !Array.isArray(axis.range)) { return; }
      // A size smaller on a phone leaves the bars more of the width.
      trace.textfont = Object.assign({}, trace.textfont || {}, { size: 10 });
      trace.x.forEach(function (value, i) {
        var room = plot - textWidth(String(trace.text[i] || ""), 10) - 8;
        if (typeof value === "number" && value > 0 && room > plot / 6) {
          axis.range[1] = Math.max(axis.range[1], value * plot / room);
        }
      });
    });
  }

  // English place labels carry their pinyin, "圣泉街道 (Shengquan Jiedao)": on a phone the pinyin goes on a second
  // line of a category label, and the name at the end of a line keeps the Chinese only (the legend has both).
  var PINYIN = / \(([A-Z][^()]*)\)$/;

  function twoLines(value) {
    return typeof value === "string" && PINYIN.test(value) ? value.replace(PINYIN, "<br>($1)") : value;
  }

  function shortenPlaceLabels(figure) {
    var layout = figure.layout;
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (/^yaxis\d*$/.test(key) && axis && Array.isArray(axis.categoryarray)) {
        var before = axis.categoryarray.join("|");
        axis.categoryarray = axis.categoryarray.map(twoLines);
        // Rows of two-line labels need more height than the 30 px the server allowed for one.
        if (key === "yaxis" && layout.height && axis.categoryarray.join("|") !== before) {
          layout.height += 12 * axis.categoryarray.length;
        }
      }
    });
    figure.data.forEach(function (trace) {
      // Category coordinates are strings (place labels); values are numbers and stay as they are.
      if (Array.isArray(trace.y) && trace.y.some(function (v) { return typeof v === "string"; })) {
        trace.y = trace.y.map(twoLines);
      }
      if ((trace.mode || "").indexOf("lines") !== -1 && Array.isArray(trace.text)) {
        trace.text = trace.text.map(function (t) { return typeof t === "string" ? t.replace(PINYIN, "") : t; });
      }
    });
  }

  function fitNarrow(figure, width) {
    var layout = figure.layout;
    shortenPlaceLabels(figure);
    figure = stackPanels(figure);
    fitBarLabels(figure, width);
    var title = layout.title;
    if (title && title.text) {
      var size = (title.font && title.font.size) || 15;
      var wrapped = wrap(title.text, width - 20, size);
      title.text = wrapped.text;
      if (wrapped.lines > 1) {
        var extra = (wrapped.lines - 1) * Math.round(size * 1.3);
        layout.margin = Object.assign({}, layout.margin || {});
        layout.margin.t = (layout.margin.t || 70) + extra;
        if (layout.height) { layout.height += extra; }
      }
    }
    (layout.annotations || []).forEach(function (note) {
      if (note.textangle) { return; }
      var size = (note.font && note.font.size) || 12;
      note.text = wrap(note.text, width - 20, size).text;
    });
    return figure;
  }

  function draw(div) {
    var source = document.getElementById(div.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    var narrow = div.clientWidth > 0 && div.clientWidth < NARROW;
    div.dataset.narrow = narrow ? "true" : "false";
    if (narrow) { figure = fitNarrow(figure, div.clientWidth); }
    var locale = document.documentElement.lang === "en" ? "en" : "zh-CN";
    var config = Object.assign({ responsive: true, locale: locale }, figure.config || {});
    // Whatever a figure asks for, no button or logo may link to plot.ly or send data to Chart Studio.
    Object.assign(config, { displaylogo: false, showLink: false, showSendToCloud: false,
      showEditInChartStudio: false, plotlyServerURL: "" });
    config.modeBarButtonsToRemove = (config.modeBarButtonsToRemove || []).concat(CLOUD_BUTTONS, ["toImage"]);
    // plotly's own PNG button draws the chart alone; this one adds a line naming the page and the date.
    config.modeBarButtonsToAdd = [{
      name: "downloadWithSource",
      title: document.body.dataset.pngTitle || "PNG",
      icon: window.Plotly.Icons.camera,
      click: function (gd) { downloadWithSource(gd, config.toImageButtonOptions || {}); }
    }];
    window.Plotly.newPlot(div, figure.data, figure.layout, config).then(function () {
      div.dataset.rendered = "true";
    });
    div.on("plotly_click", function (event) {
      var url = sourceUrl(event.points && event.points[0]);
      if (url) { window.location.href = url; }
    });
    div.on("plotly_hover", function (event) {
      div.style.cursor = sourceUrl(event.points && event.points[0]) ? "pointer" : "";
    });
    div.on("plotly_unhover", function () { div.style.cursor = ""; });
  }

  function show(root, view) {
    root.querySelectorAll("[data-view]").forEach(function (tab) {
      tab.setAttribute("aria-selected", tab.dataset.view === view ? "true" : "false");
    });
    root.querySelectorAll("[data-pane]").forEach(function (pane) {
      pane.hidden = pane.dataset.pane !== view;
      if (!pane.hidden && window.Plotly) {
        // A chart drawn while hidden has no width; fit it now that it is visible.
        pane.querySelectorAll("div[data-rendered]").forEach(function (div) { window.Plotly.Plots.resize(div); });
      }
    });
    document.querySelectorAll("input[name=view]").forEach(function (input) { input.value = view; });
    var url = new URL(window.location.href);
    url.searchParams.set("view", view);
    window.history.replaceState(null, "", url.toString());
  }

  document.querySelectorAll("div[data-figure]").forEach(draw);

  // A window turned or resized across the phone width is drawn again in the layout that fits it.
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      document.querySelectorAll("div[data-figure][data-rendered]").forEach(function (div) {
        var narrow = div.clientWidth > 0 && div.clientWidth < NARROW;
        if ((div.dataset.narrow === "true") !== narrow) { window.Plotly.purge(div); draw(div); }
      });
    }, 200);
  });

  document.querySelectorAll("[data-toggle-root]").forEach(function (root) {
    root.querySelectorAll("[data-view]").forEach(function (tab) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        show(root, tab.dataset.view);
      });
    });
  });

  // The compare page's link names every choice the server made (the default places too), so the address bar
  // and the copied link reproduce this exact view; the chart/table tab is kept as switched.
  function shareUrl(button) {
    var url = new URL(button.dataset.share || window.location.search, window.location.href);
    var view = new URL(window.location.href).searchParams.get("view");
    if (view) { url.searchParams.set("view", view); }
    return url.toString();
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    if (button.dataset.share) { window.history.replaceState(null, "", shareUrl(button)); }
    var status = document.querySelector("[data-copy-status]");
    button.addEventListener("click", function () {
      var link = shareUrl(button);
      var done = function () {
        button.dataset.copied = "true";
        if (status) { status.textContent = button.dataset.done || ""; }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(done, function () { window.prompt(button.textContent, link); });
      } else {
        window.prompt(button.textContent, link);
      }
    });
  });

  // The place picker: the search box hides places whose name, district or pinyin lacks the typed text, and no
  // more than data-max places can be ticked.
  function placePicker(picker) {
    var search = picker.querySelector("[data-place-search]");
    var none = picker.querySelector("[data-place-none]");
    var count = picker.querySelector("[data-place-count]");
    var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[name=subdistrict]"));
    var limit = parseInt(picker.dataset.max, 10) || 12;

    function filter() {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      picker.querySelectorAll(".picker-group").forEach(function (group) {
        var visible = 0;
        group.querySelectorAll(".picker-place").forEach(function (label) {
          var text = label.dataset.search || "";
          var match = words.every(function (w) { return text.indexOf(w) !== -1 || text.replace(/[\s']/g, "").indexOf(w) !== -1; });
          label.hidden = !match;
          if (match) { visible += 1; }
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      if (none) { none.hidden = shown !== 0; }
    }

    function limitChoices() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= limit; });
      if (count && count.dataset.template) { count.textContent = count.dataset.template.replace("__N__", ticked); }
    }

    if (search) {
      search.addEventListener("input", filter);
      search.addEventListener("keydown", function (event) {
        // Enter ticks the only place left rather than submitting a half-made choice.
        if (event.key !== "Enter") { return; }
        event.preventDefault();
        var visible = boxes.filter(function (box) { return !box.closest(".picker-place").hidden; });
        if (visible.length === 1 && !visible[0].disabled) { visible[0].checked = true; limitChoices(); }
      });
    }
    boxes.forEach(function (box) { box.addEventListener("change", limitChoices); });
    limitChoices();
  }

  document.querySelectorAll("[data-place-picker]").forEach(function (picker) {
    var rest = picker.querySelector("[data-place-rest]");
    if (!rest) { placePicker(picker); return; }
    // The places beyond the chosen ones come from their own cached URL (reports/views/compare.py), so the
    // page does not carry thousands of them; the chosen ones, listed already, are dropped from it. Should
    // it fail, the link it replaces (every place in the page itself) stays.
    rest.hidden = true;
    fetch(rest.dataset.src, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      var chosen = {};
      picker.querySelectorAll("input[name=subdistrict]").forEach(function (box) { chosen[box.value] = true; });
      var holder = document.createElement("div");
      holder.innerHTML = html;
      holder.querySelectorAll("input[name=subdistrict]").forEach(function (box) {
        if (chosen[box.value]) { box.closest(".picker-place").remove(); }
      });
      holder.querySelectorAll(".picker-group").forEach(function (group) {
        if (!group.querySelector(".picker-place")) { group.remove(); }
      });
      rest.replaceWith.apply(rest, Array.prototype.slice.call(holder.childNodes));
    }).catch(function () {
      rest.hidden = false;
    }).then(function () {
      placePicker(picker);
    });
  });

  var current = document.querySelector(".is-current");
  if (current && current.scrollIntoView) { current.scrollIntoView({ block: "center" }); }
})();
