package dev.murmur.load.report;

/** The inline style sheet and chart script of the HTML report (vanilla JS drawing SVG). */
final class HtmlAssets {
    private HtmlAssets() {
    }

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;
              padding:0 1em;color:#1d2430;background:#fff}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #dde3ea}
            code{background:#f1f4f8;padding:0 .3em;border-radius:3px}
            .pass{color:#fff;background:#2e8540;padding:.1em .5em;border-radius:4px;font-size:.8em}
            .fail{color:#fff;background:#c0392b;padding:.1em .5em;border-radius:4px;font-size:.8em}
            td.fail{background:#fde2df;color:#a12a1d;font-weight:600;border-radius:0}
            .muted{color:#6b7785}.problems{color:#a12a1d;font-weight:600}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
            th,td{border:1px solid #dde3ea;padding:.3em .6em;text-align:right}
            th{background:#f6f8fa;text-align:left}
            .cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
            .card{border:1px solid #dde3ea;border-radius:6px;padding:.6em 1em;min-width:9em}
            .card .label{color:#6b7785;font-size:.8em}.card .value{font-size:1.3em;font-weight:600}
            .chart svg{width:100%;height:auto;border:1px solid #eef1f5;border-radius:6px}
            .chart text{font-size:11px;fill:#4a5563}
            """;

    static final String SCRIPT = """
            (function () {
              'use strict';
              var data = JSON.parse(document.getElementById('report-data').textContent);
              var NS = 'http://www.w3.org/2000/svg';
              var W = 960, H = 320, L = 70, R = 20, T = 20, B = 40;
              var COLORS = ['#2f6fdf', '#e07b00', '#2e8540', '#8e44ad', '#c0392b'];

              function el(name, attrs, text) {
                var e = document.createElementNS(NS, name);
                for (var k in attrs) { e.setAttribute(k, attrs[k]); }
                if (text !== undefined) { e.textContent = text; }
                return e;
              }
              function nice(v) {
                if (!(v > 0)) { return 1; }
                var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
                return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
              }
              function fmt(v) {
                if (v >= 1e9) { return (v / 1e9).toFixed(1) + 'G'; }
                if (v >= 1e6) { return (v / 1e6).toFixed(1) + 'M'; }
                if (v >= 1e3) { return (v / 1e3).toFixed(1) + 'k'; }
                return (Math.round(v * 100) / 100).toString();
              }
              function micros(us) {
                return us >= 1e6 ? (us / 1e6).toFixed(2) + ' s' : us >= 1e3 ? (us / 1e3).toFixed(2) + ' ms'
                  : Math.round(us) + ' µs';
              }

              // opts: series [{name, points [[x, y]]}], xMax, xTicks [[x, label]], yLabel, yFormat, markers
              function chart(id, opts) {
                var host = document.getElementById(id);
                if (!host) { return; }
                var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': opts.title});
                var yMax = 0;
                opts.series.forEach(function (s) { s.points.forEach(function (p) { yMax = Math.max(yMax, p[1]); }); });
                yMax = nice(yMax * 1.05);
                var xMax = opts.xMax > 0 ? opts.xMax : 1;
                function X(x) { return L + (W - L - R) * x / xMax; }
                function Y(y) { return H - B - (H - T - B) * y / yMax; }
                for (var i = 0; i <= 5; i++) {
                  var yv = yMax * i / 5;
                  svg.appendChild(el('line', {x1: L, x2: W - R, y1: Y(yv), y2: Y(yv), stroke: '#eef1f5'}));
                  svg.appendChild(el('text', {x: L - 6, y: Y(yv) + 4, 'text-anchor': 'end'}, opts.yFormat(yv)));
                }
                opts.xTicks.forEach(function (t) {
                  svg.appendChild(el('line', {x1: X(t[0]), x2: X(t[0]), y1: T, y2: H - B, stroke: '#f3f5f8'}));
                  svg.appendChild(el('text', {x: X(t[0]), y: H - B + 16, 'text-anchor': 'middle'}, t[1]));
                });
                svg.appendChild(el('text', {x: 14, y: T + (H - T - B) / 2, transform: 'rotate(-90 14 ' + (T + (H - T - B) / 2) + ')',
                  'text-anchor': 'middle'}, opts.yLabel));
                svg.appendChild(el('text', {x: L + (W - L - R) / 2, y: H - 6, 'text-anchor': 'middle'}, opts.xLabel));
                (opts.windows || []).forEach(function (w) {
                  var x1 = X(Math.max(0, w[0])), x2 = X(Math.min(xMax, w[1]));
                  if (x2 <= x1) { return; }
                  var band = el('rect', {x: x1, y: T, width: x2 - x1, height: H - T - B, fill: '#c0392b',
                    'fill-opacity': 0.12, 'class': 'fault-window'});
                  band.appendChild(el('title', {}, 'fault: ' + w[2]));
                  svg.appendChild(band);
                  svg.appendChild(el('text', {x: x1 + 4, y: H - B - 6}, 'fault: ' + w[2]));
                });
                (opts.markers || []).forEach(function (m) {
                  if (m[0] < 0 || m[0] > xMax) { return; }
                  svg.appendChild(el('line', {x1: X(m[0]), x2: X(m[0]), y1: T, y2: H - B, stroke: '#b0b8c4',
                    'stroke-dasharray': '4 3'}));
                  var label = el('title', {}, m[1]);
                  var dot = el('circle', {cx: X(m[0]), cy: T + 4, r: 4, fill: '#b0b8c4'});
                  dot.appendChild(label);
                  svg.appendChild(dot);
                });
                opts.series.forEach(function (s, n) {
                  if (s.points.length === 0) { return; }
                  var d = s.points.map(function (p, k) { return (k ? 'L' : 'M') + X(p[0]).toFixed(1) + ' ' + Y(p[1]).toFixed(1); });
                  svg.appendChild(el('path', {d: d.join(' '), fill: 'none', stroke: COLORS[n % COLORS.length],
                    'stroke-width': 2}));
                  svg.appendChild(el('rect', {x: L + 10 + n * 170, y: T + 2, width: 12, height: 12, fill: COLORS[n % COLORS.length]}));
                  svg.appendChild(el('text', {x: L + 26 + n * 170, y: T + 12}, s.name));
                });
                host.appendChild(svg);
              }

              var cols = data.seriesColumns, rows = data.series;
              function column(name) { var i = cols.indexOf(name); return rows.map(function (r) { return [r[0], r[i]]; }); }
              var last = rows.length ? rows[rows.length - 1][0] : 1;
              var step = nice(last / 10);
              var timeTicks = [];
              for (var t = 0; t <= last; t += step) { timeTicks.push([t, t + ' s']); }
              var markers = data.events.map(function (e) { return [e.second, e.what]; });

              chart('throughput', {title: 'messages per second', xMax: last, xTicks: timeTicks, xLabel: 'seconds',
                yLabel: 'messages / s', yFormat: fmt, markers: markers, windows: data.faultWindows || [], series: [
                  {name: 'sent', points: column('sent')},
                  {name: 'acknowledged', points: column('acknowledged')},
                  {name: 'delivered', points: column('delivered')}]});

              chart('conns', {title: 'open connections', xMax: last, xTicks: timeTicks, xLabel: 'seconds',
                yLabel: 'connections', yFormat: fmt, markers: markers, series: [
                  {name: 'open connections', points: column('connections')}]});

              // Percentiles on a log scale of 1/(1-p): 90% at 1, 99% at 2, 99.9% at 3, ...
              var latSeries = [], deepest = 2;
              data.qos.forEach(function (q) {
                var pts = q.latencyMicros.percentiles.filter(function (p) { return p[0] < 100; }).map(function (p) {
                  var x = -Math.log10(1 - p[0] / 100);
                  deepest = Math.max(deepest, x);
                  return [x, p[1] / 1000];
                });
                latSeries.push({name: 'QoS ' + q.qos + ' (ms)', points: pts});
              });
              var labels = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%', '99.9999%'];
              var latTicks = [];
              for (var k = 0; k <= Math.ceil(deepest) && k < labels.length; k++) { latTicks.push([k, labels[k]]); }
              chart('latency', {title: 'latency by percentile', xMax: Math.ceil(deepest), xTicks: latTicks,
                xLabel: 'percentile', yLabel: 'latency (ms)', yFormat: function (v) { return micros(v * 1000); },
                series: latSeries});

              if (data.target) {
                chart('memory', {title: 'target RSS', xMax: last, xTicks: timeTicks, xLabel: 'seconds',
                  yLabel: 'RSS (MiB)', yFormat: fmt, markers: markers, series: [{name: 'target RSS (MiB)',
                    points: column('targetRssBytes').filter(function (p) { return p[1] > 0; })
                      .map(function (p) { return [p[0], p[1] / 1048576]; })}]});
              }
            })();
            """;
}
