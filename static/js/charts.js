// Draw every Plotly figure whose JSON sits in a json_script element named by data-figure.
// Points carry an article URL in customdata; clicking one opens the source sentence.
(function () {
  "use strict";
  function draw(div) {
    var source = document.getElementById(div.dataset.figure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    var config = Object.assign({ responsive: true, displaylogo: false, locale: document.documentElement.lang }, figure.config || {});
    window.Plotly.newPlot(div, figure.data, figure.layout, config).then(function () {
      div.dataset.rendered = "true";
    });
    div.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var url = point && point.customdata && (Array.isArray(point.customdata) ? point.customdata[0] : point.customdata);
      if (typeof url === "string" && url.charAt(0) === "/") { window.location.href = url; }
    });
  }
  document.querySelectorAll("div[data-figure]").forEach(draw);
})();
