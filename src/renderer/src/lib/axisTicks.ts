import uPlot from 'uplot';
import { axisTickLabels, linearSplits, TICK_SPACE } from '../components/chartData';

/**
 * Trial 10 (17, 2): a uPlot axis with readable ticks however small the chart — at least two
 * labelled ticks on a linear axis at round steps (`linearSplits`; a log axis keeps uPlot's decades)
 * written by `axisTickLabels` — and the labels drawn, as text in the plot root's
 * `data-x-ticks` / `data-y-ticks` (uPlot draws axes as pixels), for tests and tools.
 */
export function readableAxis(dim: 'x' | 'y', { log = false }: { log?: boolean } = {}): Pick<uPlot.Axis, 'space' | 'splits' | 'values'> {
  const space = TICK_SPACE[dim];
  const length = (u: uPlot) => (dim === 'x' ? u.bbox.width : u.bbox.height) / (uPlot.pxRatio || 1);
  return {
    space,
    ...(log ? {} : { splits: (u: uPlot, _axis: number, min: number, max: number) => linearSplits(min, max, length(u), space) }),
    values: (u: uPlot, splits: number[]) => {
      const labels = axisTickLabels(splits);
      u.root.dataset[dim === 'x' ? 'xTicks' : 'yTicks'] = labels.filter(Boolean).join(' ');
      return labels;
    },
  };
}
