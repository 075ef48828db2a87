// Promotions console: the delivery metrics' charts, drawn with uPlot from /metrics.json.
(function () {
  'use strict';
  var charts = document.getElementById('metrics-charts');
  if (!charts || typeof uPlot === 'undefined') {
    return;
  }
  var series = {
    'lead-time': { label: 'Median lead time (h)', value: function (day) {
      return day.medianLeadTimeSeconds === null ? null : Math.round(day.medianLeadTimeSeconds / 36) / 100;
    }, color: '#2b5ea7' },
    'deployments': { label: 'Deployments', value: function (day) { return day.deployments; }, color: '#1f7a3a' },
    'failures': { label: 'Failures', value: function (day) { return day.failures; }, color: '#b3261e' },
    'restores': { label: 'Restores', value: function (day) { return day.restores; }, color: '#6b3b00' }
  };

  fetch('/metrics.json', { cache: 'no-store', credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (figures) {
      if (!figures || !figures.days) {
        return;
      }
      var days = figures.days.map(function (day) { return Date.parse(day.day + 'T00:00:00Z') / 1000; });
      var drawn = 0;
      Array.prototype.forEach.call(charts.querySelectorAll('.chart'), function (element) {
        var one = series[element.getAttribute('data-series')];
        if (!one) {
          return;
        }
        var width = Math.max(220, Math.min(element.clientWidth || 320, 480));
        new uPlot({
          width: width,
          height: 140,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true } },
          axes: [{ size: 30 }, { size: 40 }],
          series: [{}, { label: one.label, stroke: one.color, width: 2, fill: one.color + '22', spanGaps: false }]
        }, [days, figures.days.map(one.value)], element);
        drawn++;
      });
      charts.setAttribute('data-drawn', String(drawn));
    });
})();
