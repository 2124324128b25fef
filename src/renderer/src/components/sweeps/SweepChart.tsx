import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar } from '../../lib/chartTheme';
import { useResolvedTheme } from '../../lib/theme';
import { mountPlot } from '../SeriesChart';
import { axisTickLabels } from '../chartData';
import { chartTable, type ChartLine } from './sweepChartData';

export type { ChartLine } from './sweepChartData';
import { formatLogValue } from '../../../../shared/training/outcome-text';

/**
 * A sweep's scatter (uPlot): one hyperparameter against the sweep's metric, a point per run (runs'
 * curves go in the runs view's `OverlayChart`, src/renderer/src/components/SeriesChart.tsx). `xLog`
 * puts x on a log10 scale (a learning rate); `xNames` labels whole-number x positions (the
 * optimizers of a sweep). `data-series` counts the lines, `data-points` the points drawn.
 */
export function SweepChart({
  lines,
  xLabel,
  title,
  xLog = false,
  xNames,
  testId,
}: {
  lines: readonly ChartLine[];
  xLabel: string;
  title: string;
  xLog?: boolean;
  xNames?: readonly string[];
  testId: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();
  useEffect(() => {
    const el = holder.current!;
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const data = chartTable(lines);
    const xValue = (v: number | null) => (v == null ? '—' : xNames ? (xNames[Math.round(v)] ?? '') : String(Number(v.toPrecision(4))));
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        { label: xLabel, value: (_u, v) => xValue(v) },
        ...lines.map((line) => ({
          label: line.label,
          stroke: line.color,
          fill: line.color,
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, fill: line.color },
          // Away from the chart a scatter has no "last" point to show.
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatLogValue(v)),
        })),
      ],
      scales: { x: xLog ? { time: false, distr: 3 } : { time: false, ...(xNames ? { range: [-0.5, xNames.length - 0.5] as uPlot.Range.MinMax } : {}) } },
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid },
          ticks: { stroke: grid },
          // Optimizer names, or numbers that stay readable below 0.001 on a log axis (issue 17: "0" before).
          ...(xNames ? { splits: () => xNames.map((_, i) => i), values: (_u: uPlot, splits: number[]) => splits.map((v) => xNames[v] ?? '') } : { values: (_u: uPlot, splits: number[]) => axisTickLabels(splits) }),
        },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56 },
      ],
      legend: { live: true },
    };
    // The live charts' sizing: the legend wraps in a narrow window, the plot gets the height it leaves.
    const { dispose } = mountPlot(opts, data, el);
    const box = el.parentElement!;
    box.dataset.series = String(lines.length);
    box.dataset.points = String(lines.reduce((n, l) => n + l.y.filter((v) => v !== null).length, 0));
    return dispose;
    // `theme`: the colours are read from the CSS variables; a theme switch rebuilds the chart.
  }, [lines, xLabel, xLog, xNames, theme]);
  return (
    <div className="chart sweep-chart" data-testid={testId}>
      <div className="chart-title">{title}</div>
      <div ref={holder} className="chart-plot" />
    </div>
  );
}
