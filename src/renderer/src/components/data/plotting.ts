import type uPlot from 'uplot';

/** The colours of classes 0–9 (then repeated), in the scatter plot and the decision regions. */
export const CLASS_COLORS = ['#2f7dd1', '#e0802f', '#3aa55d', '#c94f7c', '#8a63d2', '#b59a2a', '#20a5a5', '#d14b3d', '#6b7a8f', '#9c6b3f'];
export const classColor = (cls: number): string => CLASS_COLORS[cls % CLASS_COLORS.length];

/** At most this many rows are drawn in the scatter plot (the table and the results use every row). */
export const MAX_SCATTER_ROWS = 20000;

/** A number in the data views: four significant digits, '—' for NaN and ±∞. */
export const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—');

/**
 * The range of column `offset` of a row-major table (`rows` rows of `stride` values), widened by
 * 8% on each side (or by 0.08 when all values are equal) so points do not sit on the plot's edge.
 */
export function paddedRange(values: ArrayLike<number>, stride: number, offset: number, rows: number): [number, number] {
  const [lo, hi] = valueRange(values, stride, offset, rows);
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

/** The smallest and largest value of column `offset` of a row-major table (`rows` rows of `stride` values); [Infinity, -Infinity] without rows. */
export function valueRange(values: ArrayLike<number>, stride: number, offset: number, rows: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = values[r * stride + offset];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Issue 16: the x range a one-feature model's curve is drawn over, so extrapolation is visible:
 * the data's x range [lo, hi] widened to twice its span (half a span on each side; a span of 0
 * counts as 1), stretched to include `extraX` (the last x predicted, when finite), then padded 4%.
 * Data in 0…1 → −0.58…1.58; with a prediction at 6 → −0.76…6.26.
 */
export function extendedRange(lo: number, hi: number, extraX?: number | null): [number, number] {
  const span = hi - lo || 1;
  let a = lo - span / 2;
  let b = hi + span / 2;
  if (extraX !== undefined && extraX !== null && Number.isFinite(extraX)) {
    a = Math.min(a, extraX);
    b = Math.max(b, extraX);
  }
  const pad = (b - a) * 0.04;
  return [a - pad, b + pad];
}

/** One set of (x, y) points drawn as one uPlot series (a class's points, a fitted curve, a reference line). */
export interface PointLayer {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Several point layers as uPlot's aligned data: column 0 holds every x in ascending order (equal
 * x's kept, one per point), column k+1 holds layer k's y at its own points and null at the
 * others' (and where its y is NaN or ±∞: an overflowing prediction is not drawn). Layers drawn as
 * lines set `spanGaps` so the nulls between their points are bridged.
 */
export function alignedLayers(layers: readonly PointLayer[]): uPlot.AlignedData {
  let total = 0;
  for (const l of layers) total += l.x.length;
  const xs = new Float64Array(total);
  const owner = new Int32Array(total);
  const ys = new Float64Array(total);
  let at = 0;
  layers.forEach((l, k) => {
    for (let i = 0; i < l.x.length; i++, at++) {
      xs[at] = l.x[i];
      ys[at] = l.y[i];
      owner[at] = k;
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
  const x = order.map((i) => xs[i]);
  const columns = layers.map((_, k) => order.map((i) => (owner[i] === k && Number.isFinite(ys[i]) ? ys[i] : null)));
  return [x, ...columns] as uPlot.AlignedData;
}

/** A uPlot series that draws only its points (a scatter): no line between them. */
export function pointSeries(label: string, color: string, size = 5): uPlot.Series {
  return { label, stroke: color, fill: color, paths: () => null, points: { show: true, space: 0, size, width: 0, fill: color, stroke: color } };
}

/**
 * Issue 17: two axis ranges widened about their centres to the larger of their spans, so a square
 * plot box shows both axes at equal pixels per unit (for features in the same unit, such as a
 * generator's x₁/x₂ coordinates: a circle of points then looks round).
 */
export function equalSpans(x: [number, number], y: [number, number]): { x: [number, number]; y: [number, number] } {
  const span = Math.max(x[1] - x[0], y[1] - y[0]);
  const widen = ([lo, hi]: [number, number]): [number, number] => {
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  return { x: widen(x), y: widen(y) };
}

/** One entry of the scatter plot's colour legend: a class (or the data rows, the fitted curve, the last prediction) and its colour. */
export interface LegendEntry {
  label: string;
  color: string;
  shape: 'dot' | 'line';
}

/** Colours of the target bins of a two-feature regression, low to high: 7 stops of Matplotlib's viridis (perceptually uniform, readable in grey and by most colour-blind readers). */
export const TARGET_COLORS = ['#440154', '#443983', '#31688e', '#21918c', '#35b779', '#90d743', '#fde725'];

/**
 * Issue 17: a number target as colour. The target's range [lo, hi] cut into
 * {@link TARGET_COLORS}.length equal bins; `bin(v)` is v's bin (the top value in the last), and
 * `label(i)` its range as the data views print numbers (`0.25 – 0.5`). A constant target is one bin.
 */
export function targetBins(values: ArrayLike<number>, stride: number, rows: number): { bins: number; bin(v: number): number; label(i: number): string } {
  const [lo, hi] = valueRange(values, stride, 0, rows);
  const bins = Number.isFinite(lo) && hi > lo ? TARGET_COLORS.length : 1;
  const width = (hi - lo) / bins;
  return {
    bins,
    bin: (v) => (bins === 1 || !Number.isFinite(v) ? 0 : Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))),
    label: (i) => (bins === 1 ? fmt(lo) : `${fmt(lo + i * width)} – ${fmt(i === bins - 1 ? hi : lo + (i + 1) * width)}`),
  };
}
