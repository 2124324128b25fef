import { batchLoss, batchX, column, type BatchPoints, type RunSeries } from '../store/series';

export type Column = (number | null)[];

/** Points read by index (flat arrays, or a run's chunked batch points): `x` ascending. */
export interface Points {
  readonly length: number;
  x(i: number): number;
  y(i: number): number;
}

/** Two aligned arrays as {@link Points}. */
export const arrayPoints = (x: readonly number[], y: readonly number[]): Points => ({ length: x.length, x: (i) => x[i], y: (i) => y[i] });

/** A run's batch points (x = fractional epoch, y = batch loss) as {@link Points}, read in place. */
export const batchPoints = (points: BatchPoints): Points => ({ length: points.length, x: (i) => batchX(points, i), y: (i) => batchLoss(points, i) });

/** Index of the first x ≥ value among `length` ascending values read by `at` (length when there is none). */
function lowerBoundBy(length: number, at: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first x ≥ value in an ascending array (x.length when there is none). */
export function lowerBound(x: readonly number[], value: number): number {
  return lowerBoundBy(x.length, (i) => x[i], value);
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/**
 * A min/max-decimated view of the points of (x, y) whose x lies in [from, to]: the range is cut into
 * `buckets` runs of equal length, and each run keeps only its lowest and highest point, in order.
 * A line through them looks the same as one through every point at ~1 bucket per pixel, spikes
 * included, while 100,000 points become a few thousand. Non-finite y values are left out.
 */
export function decimateMinMax(points: Points, from: number, to: number, buckets: number): { x: number[]; y: number[] } {
  const { x, y } = points;
  const start = lowerBoundBy(points.length, x, from);
  const end = Math.min(points.length, lowerBoundBy(points.length, x, to) + 1);
  const outX: number[] = [];
  const outY: number[] = [];
  const count = end - start;
  if (count <= Math.max(2, buckets * 2)) {
    for (let i = start; i < end; i++) {
      if (!Number.isFinite(y(i))) continue;
      outX.push(x(i));
      outY.push(y(i));
    }
    return { x: outX, y: outY };
  }
  // The ends are kept whatever their values, so the view spans the same x range as the data.
  const keep = (i: number) => {
    const xi = x(i);
    const yi = y(i);
    if (!Number.isFinite(yi) || outX[outX.length - 1] === xi) return;
    outX.push(xi);
    outY.push(yi);
  };
  keep(start);
  const size = count / buckets;
  for (let b = 0; b < buckets; b++) {
    const lo = start + Math.floor(b * size);
    const hi = Math.min(end, start + Math.floor((b + 1) * size));
    let minI = -1;
    let maxI = -1;
    let min = Infinity;
    let max = -Infinity;
    for (let i = lo; i < hi; i++) {
      const v = y(i);
      if (!Number.isFinite(v)) continue;
      if (minI < 0 || v < min) {
        minI = i;
        min = v;
      }
      if (maxI < 0 || v > max) {
        maxI = i;
        max = v;
      }
    }
    if (minI < 0) continue;
    keep(Math.min(minI, maxI));
    keep(Math.max(minI, maxI));
  }
  keep(end - 1);
  return { x: outX, y: outY };
}

/**
 * The loss chart's table as uPlot wants it (one x column, every series aligned to it): the
 * per-epoch loss and val_loss merged with a decimated view of the per-batch loss over [from, to]
 * (the whole run when omitted). `buckets` is about the plot's width in pixels.
 */
export function lossTable(series: RunSeries, buckets = 2000, from = -Infinity, to = Infinity): [number[], Column, Column, Column] {
  const batches = decimateMinMax(batchPoints(series.batches), from, to, buckets);
  const bx = batches.x;
  const ex = series.epochX;
  const loss = column(series, 'loss');
  const val = column(series, 'val_loss');
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
    if (Math.abs(b - at) < 1e-9) batch.push(batches.y[i++]);
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

/**
 * A run chart's table (x = fractional epoch): for `loss`, {@link lossTable} (training, validation,
 * per-batch columns); for a metric, its per-epoch training and `val_` columns. The live chart and
 * the report export (issue 17) both draw this, so the exported file shows what the chart shows.
 */
export function runChartTable(series: RunSeries, metric: string, buckets: number, from = -Infinity, to = Infinity): [readonly number[], ...Column[]] {
  if (metric === 'loss') return lossTable(series, buckets, from, to);
  return [series.epochX, column(series, metric).map(finite), column(series, `val_${metric}`).map(finite)];
}

/** The table with every value ≤ 0 as null: what a log axis can draw (the live charts and the export). */
export function logSafe<T extends readonly (readonly (number | null)[])[]>(table: T): T {
  return table.map((col, i) => (i === 0 ? col : col.map((v) => (v !== null && v > 0 ? v : null)))) as unknown as T;
}

/**
 * The epoch a point at fractional-epoch `x` belongs to, as an index into `epochX` (1-based epoch
 * ends): batches of epoch k lie in (k-1, k], so x belongs to the first epoch end at or after it.
 * -1 when that epoch has not finished yet.
 */
export function epochIndexAt(epochX: readonly number[], x: number): number {
  const i = lowerBound(epochX, x - 1e-9);
  return i < epochX.length ? i : -1;
}

/** The message key of a chart's title, for the metric names tfjs reports. */
export function chartTitleKey(metric: string): 'chart.loss' | 'chart.accuracy' | 'chart.mae' | 'chart.mse' | null {
  switch (metric) {
    case 'loss':
      return 'chart.loss';
    case 'acc':
    case 'accuracy':
      return 'chart.accuracy';
    case 'mae':
    case 'meanAbsoluteError':
      return 'chart.mae';
    case 'mse':
    case 'meanSquaredError':
      return 'chart.mse';
    default:
      return null;
  }
}

/**
 * The epoch a point at fractional-epoch `x` belongs to, as the legend shows it: a 1-based whole
 * number (batches of epoch k lie in (k-1, k]), so an epoch end reads `140`, never `140.00`.
 */
export function epochLabel(x: number): string {
  return String(Math.max(1, Math.ceil(x - 1e-9)));
}

/**
 * The value axis' tick labels. uPlot's default prints at most three decimals, so on a log scale
 * every decade below 0.001 read "0" (issue 17). Magnitudes below 0.001 or from 10⁶ up are written
 * as `2.5e-5` (JavaScript's exponent notation, mantissa to 6 significant digits); others as the
 * shortest decimal (`0.3`, not `0.30000000000000004`). `null` (a split uPlot's log filter drops) → ''.
 */
export function axisTickLabels(splits: readonly (number | null)[]): string[] {
  return splits.map((v) => {
    if (v == null) return '';
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential().replace(/^(-?[\d.]+)e/, (_m, mant: string) => `${Number(Number(mant).toPrecision(6))}e`).replace('e+', 'e');
    return String(Number(v.toPrecision(6)));
  });
}

/** The last finite value of a column, or null: what a legend shows when the cursor is not on the chart. */
export function lastFinite(values: readonly number[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return null;
}

// ---- issue 15: several runs' curves on one chart (the runs view's overlay)

/** One run's curve of one log: x = epoch (1-based) or seconds since the run started, y = the log's value (null where not finite). */
export interface Curve {
  x: number[];
  y: Column;
}

/**
 * A run history's curve of `key` against `axis`: `epoch` (1-based, as the live charts) or
 * `seconds` (`elapsedMs` / 1000 at the end of each epoch). Null when the history never logged
 * `key`, or, against seconds, when any of its epochs has no time.
 */
export function historyCurve(history: readonly { epoch: number; logs: Record<string, number>; elapsedMs?: number }[], key: string, axis: 'epoch' | 'seconds'): Curve | null {
  if (!history.some((e) => key in e.logs)) return null;
  if (axis === 'seconds' && history.some((e) => e.elapsedMs === undefined)) return null;
  const x = history.map((e) => (axis === 'epoch' ? e.epoch + 1 : e.elapsedMs! / 1000));
  const y = history.map((e) => finite(e.logs[key]));
  return { x, y };
}

/**
 * Curves as one uPlot table: the union of their x values, ascending, and one column per curve
 * with null where that curve has no point (drawn with spanGaps, so each line stays whole).
 */
export function alignCurves(curves: readonly Curve[]): [number[], ...Column[]] {
  const xs = [...new Set(curves.flatMap((c) => c.x))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const columns = curves.map((c) => {
    const col: Column = new Array<number | null>(xs.length).fill(null);
    c.x.forEach((x, i) => {
      col[at.get(x)!] = c.y[i];
    });
    return col;
  });
  return [xs, ...columns];
}

/** Distinct line colours for overlaid runs (Tableau 10, as Matplotlib's default cycle); the i-th run takes the i-th, cycling. */
export const RUN_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

/** The i-th overlaid run's line: its colour, dashed from the second round of colours on so no two lines look alike. */
export function runLineStyle(i: number): { color: string; dash?: number[] } {
  const round = Math.floor(i / RUN_COLORS.length) % 3;
  return { color: RUN_COLORS[i % RUN_COLORS.length], ...(round === 1 ? { dash: [6, 3] } : round === 2 ? { dash: [2, 3] } : {}) };
}

/** uPlot's default least spacing between ticks (CSS px): 50 along x, 30 along y. */
export const TICK_SPACE = { x: 50, y: 30 } as const;

/**
 * Trial 10 (17): tick positions of a linear axis from `min` to `max` that is `px` CSS pixels long.
 * uPlot picks one step for the axis' least spacing, which on a 90 px loss chart left a single
 * tick ("0"). Here the step is the largest "nice" number (1, 2, 2.5 or 5 × 10^k) giving at least
 * two ticks inside [min, max] and at most px / space of them, so every axis has two labelled
 * ticks however small. Ticks are rounded to the step's decimals (no 0.30000000000000004).
 * A degenerate range (min = max, or non-finite) gives its one value.
 */
export function linearSplits(min: number, max: number, px: number, space: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [min] : [];
  const most = Math.max(2, Math.floor(px / space));
  const span = max - min;
  const ticks = (step: number) => {
    const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
    const out: number[] = [];
    for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) out.push(Number((k * step).toFixed(digits)));
    return out;
  };
  // From coarse to fine: the first step that fits at most `most` ticks and still has two.
  let best: number[] | null = null;
  for (let e = Math.ceil(Math.log10(span)) + 1; e >= Math.floor(Math.log10(span)) - 2; e--) {
    for (const m of [5, 2.5, 2, 1]) {
      const candidate = ticks(m * 10 ** e);
      if (candidate.length > most) return best ?? candidate.slice(0, most);
      if (candidate.length >= 2) best = candidate;
    }
  }
  return best ?? [min, max];
}
