import type uPlot from 'uplot';

/** One line (or set of points) of a `SweepChart`: its label in the legend, colour and points. */
export interface ChartLine {
  label: string;
  color: string;
  x: readonly number[];
  y: readonly (number | null)[];
}

/** The points as one uPlot table (mode 1): every point kept, x ascending, repeats kept (two trials may share a learning rate). */
export function chartTable(lines: readonly ChartLine[]): uPlot.AlignedData {
  const points = lines.flatMap((l, s) => l.x.map((x, i) => ({ x, s, y: l.y[i] })));
  points.sort((a, b) => a.x - b.x);
  return [points.map((p) => p.x), ...lines.map((_, s) => points.map((p) => (p.s === s ? p.y : null)))] as uPlot.AlignedData;
}

