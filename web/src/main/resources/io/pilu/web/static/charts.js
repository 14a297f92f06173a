// Draws the per-month chart of a company or institution page. The data sits in the page as inert JSON
// (<script type="application/json" id="chart-data">); ECharts comes from Pilu itself (/static/echarts.min.js).
(function () {
  'use strict';
  function draw() {
    var box = document.getElementById('chart');
    var source = document.getElementById('chart-data');
    if (!box || !source || typeof echarts === 'undefined') {
      return;
    }
    var d = JSON.parse(source.textContent);
    var chart = echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      // richText: the tooltip is drawn in the canvas, not as HTML (the CSP allows no inline style)
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { data: [d.visitsName, d.distinctName], top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: d.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: d.visitsName, type: 'bar', barMaxWidth: 48, data: d.visits, itemStyle: { color: '#b3261e' } },
        { name: d.distinctName, type: 'line', data: d.distinct, itemStyle: { color: '#1a56a8' } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    box.setAttribute('data-drawn', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
