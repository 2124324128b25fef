import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { runSeries, useRun } from '../store/training';
import type { RunSeries } from '../store/run';

type Column = (number | null)[];

/** Merges the per-batch x (fractional epochs) with the per-epoch x into one aligned table, as uPlot wants. */
export function lossTable(series: RunSeries): [number[], Column, Column, Column] {
  const bx = series.batchX;
  const ex = series.epochX;
  const loss = series.series('loss');
  const val = series.series('val_loss');
  const x: number[] = [];
  const batch: Column = [];
  const train: Column = [];
  const valid: Column = [];
  let i = 0;
  let j = 0;
  while (i < bx.length || j < ex.length) {
    const b = i < bx.length ? bx[i] : Infinity;
    const e = j < ex.length ? ex[j] : Infinity;
    const at = Math.min(b, e);
    x.push(at);
    if (Math.abs(b - at) < 1e-9) batch.push(finite(series.batchLoss[i++]));
    else batch.push(null);
    if (Math.abs(e - at) < 1e-9) {
      train.push(finite(loss[j]));
      valid.push(finite(val[j]));
      j++;
    } else {
      train.push(null);
      valid.push(null);
    }
  }
  return [x, train, valid, batch];
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartHandle {
  plot: uPlot | null;
}

/**
 * A live chart of one metric (or the loss with its faint per-batch line). It redraws at most once
 * per animation frame with setData, so thousands of events a minute stay smooth.
 */
export function SeriesChart({ metric, log, handle }: { metric: string; log: boolean; handle?: ChartHandle }) {
  const root = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current!;
    const rootEl = root.current!;
    const isLoss = metric === 'loss';
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const trainColor = cssVar('--chart-train', '#2f7dd1');
    const valColor = cssVar('--chart-val', '#e0802f');
    const series: uPlot.Series[] = [
      { label: 'epoch', value: (_u, v) => (v == null ? '—' : isLoss ? v.toFixed(2) : String(v)) },
      { label: isLoss ? 'loss' : metric, stroke: trainColor, width: 2, spanGaps: true, points: { show: false }, value: (_u, v) => fmt(v) },
      { label: `val_${metric}`, stroke: valColor, width: 2, spanGaps: true, points: { show: false }, value: (_u, v) => fmt(v) },
    ];
    if (isLoss) series.push({ label: 'batch loss', stroke: hexAlpha(trainColor, 0.25), width: 1, spanGaps: true, points: { show: false }, value: (_u, v) => fmt(v) });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: Math.max(120, el.clientHeight - 30),
      series,
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: [
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56 },
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    const empty: uPlot.AlignedData = isLoss ? [[], [], [], []] : [[], [], []];
    const plot = new uPlot(opts, empty, el);
    if (handle) handle.plot = plot;

    let drawn = -1;
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (drawn === runSeries.version) return;
      drawn = runSeries.version;
      let data: uPlot.AlignedData;
      if (isLoss) data = lossTable(runSeries) as unknown as uPlot.AlignedData;
      else data = [runSeries.epochX, runSeries.series(metric).map(finite), runSeries.series(`val_${metric}`).map(finite)] as unknown as uPlot.AlignedData;
      if (log) data = data.map((col, i) => (i === 0 ? col : (col as Column).map((v) => (v !== null && v > 0 ? v : null)))) as unknown as uPlot.AlignedData;
      plot.setData(data);
      const values = runSeries.series(metric);
      rootEl.dataset.points = String(values.length);
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
    const unsubscribe = useRun.subscribe(() => {
      if (!frame && drawn !== runSeries.version) frame = requestAnimationFrame(draw);
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: Math.max(120, el.clientHeight - 30) }));
    resize.observe(el);
    return () => {
      unsubscribe();
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      plot.destroy();
      if (handle) handle.plot = null;
    };
  }, [metric, log, handle]);

  return (
    <div ref={root} className="chart" data-testid={metric === 'loss' ? 'chart-loss' : `chart-${metric}`} data-points="0">
      <div ref={holder} className="chart-plot" />
    </div>
  );
}

function fmt(v: number | null | undefined): string {
  if (v == null) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toPrecision(4);
}

function hexAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
