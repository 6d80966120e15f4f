// The cumulative view's plot: one test's released values over time (uPlot), the reference range shaded
// between its limits. Reads the series as JSON from the element's data-series-url
// (/patients/{id}/lab/series?test=CODE: times in epoch seconds, values, low, high). The table on the same page
// holds every value, so without this script nothing is lost. Sets data-state to "drawn" or "failed".
(function () {
  'use strict';

  var ZONE = 'Europe/Brussels';

  function finite(values) {
    return values.filter(function (v) { return v !== null && isFinite(v); });
  }

  // A band needs both edges at every point: a missing lower limit is 0 (CRP "<5"), a missing upper one the
  // top of the plot.
  function bandEdges(series) {
    var lows = finite(series.low);
    var highs = finite(series.high);
    if (lows.length === 0 && highs.length === 0) {
      return null;
    }
    var top = Math.max.apply(null, finite(series.values).concat(highs, lows)) * 1.15;
    return {
      low: series.low.map(function (v) { return v === null ? 0 : v; }),
      high: series.high.map(function (v) { return v === null ? top : v; })
    };
  }

  function plot(element, series) {
    if (series.times.length === 0) {
      element.textContent = 'No released numeric result of this test.';
      element.dataset.state = 'drawn';
      return;
    }
    var label = series.name + (series.unit ? ' (' + series.unit + ')' : '');
    var data = [series.times, series.values];
    var options = {
      width: Math.max(320, element.clientWidth - 16),
      height: 300,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), ZONE); },
      scales: { x: { time: true } },
      axes: [{}, { label: label }],
      series: [
        { label: 'Observed' },
        { label: label, stroke: '#0b57d0', width: 2, points: { show: true, size: 8, fill: '#0b57d0' } }
      ]
    };
    var edges = bandEdges(series);
    if (edges !== null) {
      data.push(edges.high, edges.low);
      options.series.push(
        { label: 'Upper limit', stroke: 'rgba(46,125,50,0.6)', width: 1, dash: [4, 4], points: { show: false } },
        { label: 'Lower limit', stroke: 'rgba(46,125,50,0.6)', width: 1, dash: [4, 4], points: { show: false } });
      options.bands = [{ series: [2, 3], fill: 'rgba(46,125,50,0.15)' }];
    }
    element.textContent = '';
    new uPlot(options, data, element);
    element.dataset.state = 'drawn';
  }

  function draw(element) {
    fetch(element.dataset.seriesUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('the server answered ' + response.status);
        }
        return response.json();
      })
      .then(function (series) { plot(element, series); })
      .catch(function (error) {
        element.textContent = 'The plot could not be drawn (' + error.message + '); the table holds every value.';
        element.dataset.state = 'failed';
      });
  }

  document.querySelectorAll('[data-series-url]').forEach(draw);
}());
