import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { Translate } from '../../i18n';
import { cssVar } from '../../lib/chartTheme';
import { useResolvedTheme } from '../../lib/theme';
import type { RegressionResult } from '../../lib/datastats';
import { alignedLayers, classColor, fmt, pointSeries } from './plotting';
import { UPlotView } from './UPlotView';

/**
 * A regression's results on every row: the RMSE and each row's prediction against its true value
 * (uPlot scatter, equal ranges on both axes, the dashed diagonal where a perfect model's points lie).
 */
export function PredictedVsTrue({ result, t }: { result: RegressionResult; t: Translate }) {
  const theme = useResolvedTheme();
  const range = useMemo((): [number, number] => {
    const all = [...result.truth, ...result.predicted].filter(Number.isFinite);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const pad = (hi - lo || 1) * 0.08;
    return [lo - pad, hi + pad];
  }, [result]);
  const data = useMemo(() => alignedLayers([{ x: result.truth, y: result.predicted }, { x: range, y: range }]), [result, range]);
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const axisStyle = { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, font: '10px system-ui, sans-serif', size: 28 };
    return {
      series: [{}, pointSeries(t('data.predicted'), classColor(0)), { label: 'y = x', stroke: 'rgba(128,128,128,0.6)', dash: [4, 4], width: 1, spanGaps: true, points: { show: false } }],
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, auto: false, range }, y: { auto: false, range } },
      axes: [axisStyle, { ...axisStyle, size: 40 }],
    };
    // `theme`: the colours come from the CSS variables, which a theme switch changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range, t, theme]);
  return (
    <div className="results" data-testid="data-results">
      <div className="small">
        <b data-testid="regression-rmse" data-value={result.rmse}>
          {t('data.rmse', { value: fmt(result.rmse) })}
        </b>{' '}
        <span className="muted">
          · {t('data.predictedVsTrue')} (x: {t('data.true')}, y: {t('data.predicted')})
        </span>
      </div>
      <UPlotView options={options} data={data} className="pvt" data-testid="predicted-vs-true" data-points={result.truth.length} />
    </div>
  );
}
