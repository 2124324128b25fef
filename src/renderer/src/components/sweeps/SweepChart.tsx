import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar } from '../../lib/chartTheme';
import { formatLogValue } from '../../../../shared/training/outcome-text';

/** One line (or set of points) of a {@link SweepChart}: its label in the legend, colour and points. */
export interface ChartLine {
  label: string;
  color: string;
  x: readonly number[];
  y: readonly (number | null)[];
}

/**
 * The lines as one uPlot table (mode 1): `points` keeps every point (x ascending, repeats kept:
 * two trials may share a learning rate), `lines` takes the union of the lines' x values with null
 * where a line has no point (drawn with spanGaps, so each line stays whole).
 */
export function chartTable(lines: readonly ChartLine[], mode: 'points' | 'lines'): uPlot.AlignedData {
  if (mode === 'points') {
    const points = lines.flatMap((l, s) => l.x.map((x, i) => ({ x, s, y: l.y[i] })));
    points.sort((a, b) => a.x - b.x);
    return [points.map((p) => p.x), ...lines.map((_, s) => points.map((p) => (p.s === s ? p.y : null)))] as uPlot.AlignedData;
  }
  const xs = [...new Set(lines.flatMap((l) => l.x))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const columns = lines.map((l) => {
    const column: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    l.x.forEach((x, i) => (column[at.get(x)!] = l.y[i]));
    return column;
  });
  return [xs, ...columns] as uPlot.AlignedData;
}

/**
 * A small uPlot chart for sweeps: a scatter of one hyperparameter against the sweep's metric
 * (`points`), or several runs' curves on one chart (`lines`, the learner's experiment). `xLog`
 * puts x on a log10 scale (a learning rate); `xNames` labels whole-number x positions (the
 * optimizers of a sweep). `data-series` counts the lines, `data-points` the points drawn.
 */
export function SweepChart({
  lines,
  mode,
  xLabel,
  title,
  xLog = false,
  xNames,
  testId,
}: {
  lines: readonly ChartLine[];
  mode: 'points' | 'lines';
  xLabel: string;
  title: string;
  xLog?: boolean;
  xNames?: readonly string[];
  testId: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = holder.current!;
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const data = chartTable(lines, mode);
    const xValue = (v: number | null) => (v == null ? '—' : xNames ? (xNames[Math.round(v)] ?? '') : String(Number(v.toPrecision(4))));
    // Away from the chart the readout shows each line's last value (as the live charts do); a scatter has no last point.
    const lasts = lines.map((l) => (mode === 'lines' ? ([...l.y].reverse().find((v) => v !== null && Number.isFinite(v)) ?? null) : null));
    // The legend wraps in a narrow window; the plot gets the height it leaves.
    const size = (legend: number) => ({ width: Math.max(200, el.clientWidth), height: Math.max(120, el.clientHeight - legend) });
    const opts: uPlot.Options = {
      ...size(30),
      series: [
        { label: xLabel, value: (_u, v) => xValue(v) },
        ...lines.map((line, i) => ({
          label: line.label,
          stroke: line.color,
          fill: mode === 'points' ? line.color : undefined,
          width: mode === 'points' ? 0 : 2,
          spanGaps: true,
          ...(mode === 'points' ? { paths: () => null } : {}),
          points: { show: mode === 'points' || line.x.length <= 40, size: mode === 'points' ? 9 : 4, fill: line.color },
          value: (_u: uPlot, v: number | null, _s: number, idx: number | null) => {
            const shown = idx == null ? lasts[i] : v;
            return shown == null ? '—' : formatLogValue(shown);
          },
        })),
      ],
      scales: { x: xLog ? { time: false, distr: 3 } : { time: false, ...(xNames ? { range: [-0.5, xNames.length - 0.5] as uPlot.Range.MinMax } : {}) } },
      axes: [
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, ...(xNames ? { splits: () => xNames.map((_, i) => i), values: (_u: uPlot, splits: number[]) => splits.map((v) => xNames[v] ?? '') } : {}) },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56 },
      ],
      legend: { live: true },
    };
    const plot = new uPlot(opts, data, el);
    const box = el.parentElement!;
    box.dataset.series = String(lines.length);
    box.dataset.points = String(lines.reduce((n, l) => n + l.y.filter((v) => v !== null).length, 0));
    const legendEl = plot.root.querySelector<HTMLElement>('.u-legend');
    const fit = () => plot.setSize(size((legendEl?.offsetHeight ?? 26) + 4));
    fit();
    const resize = new ResizeObserver(fit);
    resize.observe(el);
    if (legendEl) resize.observe(legendEl);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [lines, mode, xLabel, xLog, xNames]);
  return (
    <div className="chart sweep-chart" data-testid={testId}>
      <div className="chart-title">{title}</div>
      <div ref={holder} className="chart-plot" />
    </div>
  );
}
