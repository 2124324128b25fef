import { useMemo } from 'react';
import type { WireRunRecord } from '../../../../shared/project/wire';
import { diffRunSetups } from '../../../../shared/runs/diff';
import { useT } from '../../i18n';
import { historyCurve, runLineStyle } from '../chartData';
import { OverlayChart, type OverlayLine } from '../SeriesChart';
import { runChangeText } from './runChangeText';
import { orderLogKeys } from './runsTable';
import { useRunsView } from './runsViewState';
import { overlayCaption } from '../reportSpec';

/**
 * The selected runs' curves of one log on the live charts' component, one colour per run, and a
 * legend naming each run and how its setup differs from the first selected run's.
 */
export function RunsOverlay({ runs, selected }: { runs: readonly WireRunRecord[]; selected: readonly string[] }) {
  const t = useT();
  const metricChoice = useRunsView((s) => s.metric);
  const axis = useRunsView((s) => s.axis);
  const logScale = useRunsView((s) => s.logScale);
  const setMetric = useRunsView((s) => s.setMetric);
  const setAxis = useRunsView((s) => s.setAxis);
  const setLogScale = useRunsView((s) => s.setLogScale);

  const chosen = useMemo(() => selected.map((id) => runs.find((r) => r.id === id)).filter((r): r is WireRunRecord => r !== undefined), [runs, selected]);
  const keys = useMemo(() => {
    const all = new Set<string>();
    for (const run of chosen) for (const epoch of run.history) for (const k of Object.keys(epoch.logs)) all.add(k);
    return orderLogKeys(all);
  }, [chosen]);
  const metric = metricChoice && keys.includes(metricChoice) ? metricChoice : keys.includes('val_loss') ? 'val_loss' : (keys[0] ?? 'loss');

  const { lines, missing } = useMemo(() => {
    const lines: OverlayLine[] = [];
    const missing: { number: number; reason: 'metric' | 'times' }[] = [];
    chosen.forEach((run, i) => {
      const curve = historyCurve(run.history, metric, axis);
      if (!curve) {
        missing.push({ number: run.number, reason: historyCurve(run.history, metric, 'epoch') ? 'times' : 'metric' });
        return;
      }
      lines.push({ label: t('runs.runLabel', { number: run.number }), ...runLineStyle(i), curve });
    });
    return { lines, missing };
  }, [chosen, metric, axis, t]);

  // Issue 17: the report export's caption, each drawn run's settings.
  const caption = useMemo(() => overlayCaption(chosen.filter((run) => historyCurve(run.history, metric, axis)), t), [chosen, metric, axis, t]);

  const legend = useMemo(() => {
    const reference = chosen[0];
    return chosen.map((run, i) => {
      const changes = i === 0 ? [] : diffRunSetups(reference, run);
      return { run, ...runLineStyle(i), text: i === 0 ? t('runs.reference') : changes.length === 0 ? t('runs.sameSetup') : changes.map((c) => runChangeText(c, t)).join('; ') };
    });
  }, [chosen, t]);

  return (
    <div className="runs-overlay">
      <div className="runs-overlay-head small">
        <label>
          {t('runs.metric')}{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="runs-metric">
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runs.against')}{' '}
          <select value={axis} onChange={(e) => setAxis(e.target.value as 'epoch' | 'seconds')} data-testid="runs-axis">
            <option value="epoch">{t('chart.epoch')}</option>
            <option value="seconds">{t('chart.seconds')}</option>
          </select>
        </label>
        <label className="check" title={t('run.logTitle')}>
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} data-testid="runs-log" /> {t('run.log')}
        </label>
      </div>
      <OverlayChart metric={metric} axis={axis} lines={lines} log={logScale} caption={caption} />
      <ul className="runs-legend small" data-testid="runs-overlay-legend">
        {legend.map(({ run, color, dash, text }) => (
          <li key={run.id} data-testid={`runs-legend-${run.number}`}>
            <span className="swatch" style={{ background: dash ? `repeating-linear-gradient(90deg, ${color} 0 ${dash[0]}px, transparent ${dash[0]}px ${dash[0] + dash[1]}px)` : color }} /> <b>{t('runs.runLabel', { number: run.number })}</b> <span className="muted">{text}</span>
          </li>
        ))}
        {missing.map((m) => (
          <li key={`missing-${m.number}`} className="muted" data-testid={`runs-missing-${m.number}`}>
            {t(m.reason === 'times' ? 'runs.noTimes' : 'runs.noMetric', { number: m.number, metric })}
          </li>
        ))}
      </ul>
    </div>
  );
}
