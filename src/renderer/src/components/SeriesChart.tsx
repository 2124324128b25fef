import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useRun } from '../store/training';
import { column, type RunSeries } from '../store/series';
import { useT } from '../i18n';
import { cssVar, hexAlpha } from '../lib/chartTheme';
import { useResolvedTheme } from '../lib/theme';
import { formatLogValue } from '../../../shared/training/outcome-text';
import { exportOverlayChart, exportRunChart } from './chartExport';
import { chartName as title } from './reportSpec';
import { readableAxis } from '../lib/axisTicks';
import { alignCurves, chartTitleKey, epochIndexAt, epochLabel, lastFinite, logSafe, runChartTable, type Curve } from './chartData';


export interface ChartHandle {
  plot: uPlot | null;
}

/**
 * A live chart of one metric (or the loss with its faint per-batch line). It redraws at most once
 * per animation frame with setData, and draws the per-batch loss through a min/max-decimated view
 * (about two points per pixel of the visible x range), so 100,000 batches stay smooth.
 */
export function SeriesChart({ metric, log, handle }: { metric: string; log: boolean; handle?: ChartHandle }) {
  const root = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const t = useT();
  const theme = useResolvedTheme();
  const titleKey = chartTitleKey(metric);
  const title = titleKey ? t(titleKey) : metric;

  useEffect(() => {
    const el = holder.current!;
    const rootEl = root.current!;
    const isLoss = metric === 'loss';
    const trainColor = cssVar('--chart-train', '#2f7dd1');
    const valColor = cssVar('--chart-val', '#e0802f');
    // The per-epoch columns are null at batch x's; the readout shows the epoch the cursor is in.
    // Away from the chart (idx null) the legend shows the last value, so a finished run reads its final numbers.
    // The series drawn last: legends read it as the chart shows it.
    let shown: RunSeries = useRun.getState().run.series;
    const epochValue = (key: string) => (u: uPlot, v: number | null, _series: number, idx: number | null) => {
      if (idx == null) return fmt(lastFinite(column(shown, key)));
      if (v != null) return fmt(v);
      const x = u.data[0][idx];
      if (x == null) return fmt(null);
      const i = epochIndexAt(shown.epochX, x);
      const value = i < 0 ? undefined : column(shown, key)[i];
      return fmt(value === undefined || !Number.isFinite(value) ? null : value);
    };
    const series: uPlot.Series[] = [
      {
        label: t('chart.epoch'),
        value: (_u, v, _series, idx) => {
          if (idx == null || v == null) {
            const last = shown.epochX[shown.epochX.length - 1];
            return last === undefined ? '—' : String(last);
          }
          return epochLabel(v);
        },
      },
      { label: t('chart.train'), stroke: trainColor, width: 2, spanGaps: true, points: { show: !isLoss, size: 4 }, value: epochValue(metric) },
      { label: t('chart.validation'), stroke: valColor, width: 2, spanGaps: true, points: { show: !isLoss, size: 4 }, value: epochValue(`val_${metric}`) },
    ];
    if (isLoss) {
      series.push({
        label: t('chart.batch'),
        // Batch losses are finite (the trainer reports NaN/∞ as a divergence, not as a point): the last chunk holds the last one.
        stroke: hexAlpha(trainColor, 0.25),
        width: 1,
        spanGaps: true,
        points: { show: false },
        value: (_u, v, _series, idx) => fmt(idx == null ? lastFinite(shown.batches.chunks[shown.batches.chunks.length - 1]?.loss ?? []) : v),
      });
    }

    let zoomed: { min: number; max: number } | null = null;
    let settingData = false;
    const build = (): uPlot.AlignedData => {
      const width = Math.max(200, el.clientWidth);
      const table = runChartTable(shown, metric, width, zoomed?.min ?? -Infinity, zoomed?.max ?? Infinity);
      return (log ? logSafe(table) : table) as unknown as uPlot.AlignedData;
    };
    const setData = (plot: uPlot) => {
      settingData = true;
      if (zoomed) {
        plot.setData(build(), false);
        plot.setScale('x', zoomed);
      } else plot.setData(build());
      settingData = false;
    };

    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series,
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: themedAxes(log),
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: isLoss
        ? {
            // A drag-zoom redecimates the batch loss for the new range, so zooming in shows every batch.
            setScale: [
              (u, key) => {
                if (key !== 'x' || settingData) return;
                const { min, max } = u.scales.x;
                const xs = u.data[0];
                if (min == null || max == null || xs.length < 2) return;
                // The data's own range is uPlot's autoscale, not a zoom.
                const next = min <= xs[0] && max >= xs[xs.length - 1] ? null : { min, max };
                if (JSON.stringify(next) === JSON.stringify(zoomed)) return;
                zoomed = next;
                queueMicrotask(() => setData(u));
              },
            ],
          }
        : {},
    };
    const empty: uPlot.AlignedData = isLoss ? [[], [], [], []] : [[], [], []];
    const { plot, dispose } = mountPlot(opts, empty, el);
    if (handle) handle.plot = plot;
    // A double-click resets uPlot's zoom; forget ours with it.
    const unzoom = () => {
      if (!zoomed) return;
      zoomed = null;
      setData(plot);
    };
    plot.over.addEventListener('dblclick', unzoom);

    let drawn: RunSeries | null = null;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const series = useRun.getState().run.series;
      if (drawn === series) return;
      drawn = shown = series;
      if (series.batches.length === 0 && series.epochX.length === 0) zoomed = null;
      setData(plot);
      const values = column(series, metric);
      rootEl.dataset.points = String(values.length);
      rootEl.dataset.batchPoints = String(series.batches.length);
      rootEl.dataset.drawnPoints = String(plot.data[0].length);
      if (values.length) {
        rootEl.dataset.firstLoss = String(values[0]);
        rootEl.dataset.lastLoss = String(values[values.length - 1]);
        rootEl.dataset.firstValue = String(values[0]);
        rootEl.dataset.lastValue = String(values[values.length - 1]);
      } else {
        for (const k of ['firstLoss', 'lastLoss', 'firstValue', 'lastValue']) delete rootEl.dataset[k];
      }
    };
    draw();
    // At most one redraw per animation frame, and only when the series is a new one (new points).
    const unsubscribe = useRun.subscribe((state) => {
      if (!frame && drawn !== state.run.series) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      plot.over.removeEventListener('dblclick', unzoom);
      if (frame) cancelAnimationFrame(frame);
      dispose();
      if (handle) handle.plot = null;
    };
    // `theme`: the colours are read from the CSS variables once per chart; a theme switch rebuilds it.
  }, [metric, log, handle, t, theme]);

  return (
    <div ref={root} className="chart" data-testid={metric === 'loss' ? 'chart-loss' : `chart-${metric}`} data-points="0">
      <div className="chart-head">
        <div className="chart-title" data-testid="chart-title">
          {title}
        </div>
        <ReportExportButtons metric={metric} log={log} />
      </div>
      <div ref={holder} className="chart-plot" />
    </div>
  );
}

/** Issue 17: the chart's PNG and SVG report exports (drawn off-screen from the run's data: src/renderer/src/components/chartExport.ts). */
function ReportExportButtons({ metric, log }: { metric: string; log: boolean }) {
  const t = useT();
  const empty = useRun((s) => s.run.epochsDone === 0);
  return (
    <span className="chart-export">
      <button className="small-btn" onClick={() => void exportRunChart(metric, log, 'png')} disabled={empty} title={t('report.png')} aria-label={`${title(metric, t)}: ${t('report.png')}`} data-testid={`chart-export-png-${metric}`}>
        PNG
      </button>
      <button className="small-btn" onClick={() => void exportRunChart(metric, log, 'svg')} disabled={empty} title={t('report.svg')} aria-label={`${title(metric, t)}: ${t('report.svg')}`} data-testid={`chart-export-svg-${metric}`}>
        SVG
      </button>
    </span>
  );
}

/** The charts' axes in the theme's colours (values axis wide enough for four decimals, labels true on a log scale too). */
function themedAxes(log = false): uPlot.Axis[] {
  const axis = cssVar('--fg-muted', '#888');
  const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
  // Trial 10 (17): at least two labelled ticks per linear axis, however small the chart (uPlot's own choice left "0" alone).
  return [
    { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, ...readableAxis('x') },
    { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56, ...readableAxis('y', { log }) },
  ];
}

/**
 * A plot filling `el`: the legend (the hover readout) wraps in a narrow chart and the plot gets
 * the height it leaves; both follow resizes. `dispose` stops following and destroys the plot.
 */
export function mountPlot(opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, el: HTMLElement): { plot: uPlot; dispose(): void } {
  const size = (legend: number) => ({ width: Math.max(200, el.clientWidth), height: Math.max(100, el.clientHeight - legend) });
  const plot = new uPlot({ ...opts, ...size(30) }, data, el);
  const legendEl = plot.root.querySelector<HTMLElement>('.u-legend');
  const fit = () => plot.setSize(size((legendEl?.offsetHeight ?? 26) + 4));
  fit();
  const resize = new ResizeObserver(fit);
  resize.observe(el);
  if (legendEl) resize.observe(legendEl);
  return {
    plot,
    dispose() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

/** One run's line on an overlay chart: its label in the hover readout, its colour and its curve. */
export interface OverlayLine {
  label: string;
  color: string;
  /** A dash pattern (px on, px off) for lines whose colour repeats an earlier line's. */
  dash?: number[];
  curve: Curve;
}

/**
 * Several runs' curves of one log on one chart (issue 15's runs view, the learner's experiment):
 * the live chart's axes, legend and sizing, one coloured line per run, x = epoch or seconds.
 * `data-series` on the box counts the lines drawn, `data-points` their points.
 */
/** `title`: the chart's heading; by default the metric's name. */
export function OverlayChart({
  metric,
  axis,
  lines,
  log,
  testId = 'runs-overlay',
  title: heading,
  caption,
}: {
  metric: string;
  axis: 'epoch' | 'seconds';
  lines: readonly OverlayLine[];
  log: boolean;
  testId?: string;
  title?: string;
  /** Issue 17: the runs' settings for a report export; with it the chart offers PNG and SVG (src/renderer/src/components/chartExport.ts). */
  caption?: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const t = useT();
  const theme = useResolvedTheme();
  const titleKey = chartTitleKey(metric.replace(/^(val_|test_)/, ''));
  const yName = `${titleKey ? t(titleKey) : metric}${metric.startsWith('val_') ? ` (${t('chart.validation')})` : ''}`;
  const title = heading ?? yName;
  useEffect(() => {
    const el = holder.current!;
    const table = alignCurves(lines.map((l) => l.curve));
    const data = (log ? logSafe(table) : table) as unknown as uPlot.AlignedData;
    const xLabel = axis === 'epoch' ? t('chart.epoch') : t('chart.seconds');
    // Away from the chart the readout shows each run's last value, as the live charts do.
    const lasts = lines.map((l) => lastFinite(l.curve.y.map((v) => v ?? NaN)));
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : axis === 'epoch' ? epochLabel(v) : `${Number(v.toPrecision(3))} s`) },
        ...lines.map((line, i) => ({
          label: line.label,
          stroke: line.color,
          ...(line.dash ? { dash: line.dash } : {}),
          width: 2,
          spanGaps: true,
          points: { show: line.curve.x.length <= 60, size: 4 },
          value: (_u: uPlot, v: number | null, _s: number, idx: number | null) => fmt(idx == null ? lasts[i] : v),
        })),
      ],
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: themedAxes(log),
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    const { plot, dispose } = mountPlot(opts, data, el);
    const box = el.parentElement!;
    box.dataset.series = String(plot.series.length - 1);
    box.dataset.points = String(lines.reduce((n, l) => n + l.curve.x.length, 0));
    return dispose;
    // `theme`: the colours are read from the CSS variables; a theme switch rebuilds the chart.
  }, [lines, axis, log, t, theme]);
  return (
    <div className="chart runs-overlay-chart" data-testid={testId} data-metric={metric} data-axis={axis}>
      <div className="chart-head">
        <div className="chart-title">{title}</div>
        {caption !== undefined && (
          <span className="chart-export">
            {(['png', 'svg'] as const).map((format) => (
              <button
                key={format}
                className="small-btn"
                onClick={() => void exportOverlayChart({ metric, title, yLabel: yName, axis, lines, log, caption }, format)}
                disabled={lines.length === 0}
                title={t(format === 'png' ? 'report.png' : 'report.svg')}
                aria-label={`${title}: ${t(format === 'png' ? 'report.png' : 'report.svg')}`}
                data-testid={`${testId}-export-${format}`}
              >
                {format.toUpperCase()}
              </button>
            ))}
          </span>
        )}
      </div>
      <div ref={holder} className="chart-plot" />
    </div>
  );
}

/** Legends print values as the final-metrics row and the log do (Keras' four decimals), so the same number reads the same everywhere. */
function fmt(v: number | null | undefined): string {
  return v == null ? '—' : formatLogValue(v);
}
