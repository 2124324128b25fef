import { useMemo, useState } from 'react';
import type { Sweep } from '../../../../shared/project/schema';
import { describeAssignments, remainingTrials, sweepPlan, sweepResults, tidyNumber } from '../../../../shared/runs/sweep';
import { earlyStoppingDirection } from '../../../../shared/training/early-stopping';
import { formatLogValue } from '../../../../shared/training/outcome-text';
import { useT } from '../../i18n';
import { cssVar } from '../../lib/chartTheme';
import { useEditor } from '../../store/editor';
import { keyLabel } from './SweepSetup';
import { SweepChart, type ChartLine } from './SweepChart';
import { ParallelCoordinates, type ParallelAxis } from './ParallelCoordinates';
import { resumeSweep, stopQueue, useSweepQueue } from './queue';

/**
 * A sweep's progress and results: trial k of n with its settings and the best run so far while
 * it runs; Stop (after this trial, or now) and Resume; the trials ranked by the sweep's metric;
 * and a scatter of one swept hyperparameter against the metric (uPlot, points).
 */
export function SweepProgress({ sweepId }: { sweepId: string }) {
  const t = useT();
  const sweep = useEditor((s) => s.doc.sweeps?.find((w) => w.id === sweepId));
  const runs = useEditor((s) => s.doc.runs);
  const graph = useEditor((s) => s.doc.graph);
  const active = useSweepQueue((s) => (s.active?.groupId === sweepId ? s.active : null));
  const ended = useSweepQueue((s) => (s.ended?.groupId === sweepId ? s.ended : null));
  const [xKey, setXKey] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const types = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.type])), [graph]);
  const results = useMemo(() => (sweep ? sweepResults(sweep, runs ?? []) : []), [sweep, runs]);
  if (!sweep) return <p>{t('sweep.missing')}</p>;
  const plan = sweepPlan(sweep);
  const left = remainingTrials(sweep, runs ?? []).length;
  const best = results.find((r) => r.value !== null);
  const direction = earlyStoppingDirection(sweep.metric.monitor, sweep.metric.mode);
  const status = active ? 'running' : sweep.status === 'running' ? 'stopped' : sweep.status;
  const describe = (a: Record<string, number | string>) =>
    Object.entries(a)
      .map(([k, v]) => `${keyLabel(k, types, t)} ${typeof v === 'number' ? tidyNumber(v) : v}`)
      .join(' · ');
  const x = xKey && sweep.params.some((p) => p.key === xKey) ? xKey : sweep.params[0].key;
  const resume = () => {
    setMessage(null);
    const result = resumeSweep(sweep.id);
    if (!result.ok) setMessage(result.message === 'busy' ? t('sweep.busy') : t('sweep.trialRefused', { message: result.message }));
  };
  return (
    <div className="sweep-progress" data-testid="sweep-progress" data-status={status}>
      <div className="sweep-form-row">
        <strong>{t(sweep.method === 'grid' ? 'sweep.titleGrid' : 'sweep.titleRandom', { count: plan.trials.length })}</strong>
        <span data-testid="sweep-status">{t(`sweep.status.${status}`)}</span>
        <span className="spacer" />
        {active ? (
          <>
            <button onClick={() => stopQueue('after')} disabled={active.stopping !== null} data-testid="sweep-stop">
              {t('sweep.stopAfter')}
            </button>
            <button className="danger" onClick={() => stopQueue('now')} disabled={active.stopping === 'now'} data-testid="sweep-stop-now">
              {t('sweep.stopNow')}
            </button>
          </>
        ) : (
          left > 0 && (
            <button className="primary" onClick={resume} data-testid="sweep-resume">
              {t('sweep.resume', { count: left })}
            </button>
          )
        )}
      </div>
      {active?.current && (
        <div data-testid="sweep-trial-text">
          {t('sweep.trialOf', { k: active.position + 1, n: active.total, trial: active.current.index + 1 })}: {describe(active.current.assignments)}
          {active.stopping === 'after' && ` — ${t('sweep.stoppingAfter')}`}
        </div>
      )}
      {ended && !active && <div className="field-error">{ended.reason === 'refused' ? t('sweep.endedRefused', { message: ended.message }) : t('sweep.endedClosed')}</div>}
      {message && <div className="field-error">{message}</div>}
      <div data-testid="sweep-best">
        {best
          ? t('sweep.best', { monitor: sweep.metric.monitor, value: formatLogValue(best.value!), trial: best.trial.index + 1, run: best.run.number, settings: describe(best.trial.assignments) })
          : t('sweep.noBest', { monitor: sweep.metric.monitor })}
        {' '}
        <span className="sweep-hint">{t(direction === 'min' ? 'sweep.lowerBetter' : 'sweep.higherBetter')}</span>
      </div>
      <div className="sweep-results">
        <table data-testid="sweep-results">
          <thead>
            <tr>
              <th>{t('sweep.col.trial')}</th>
              {sweep.params.map((p) => (
                <th key={p.key}>{keyLabel(p.key, types, t)}</th>
              ))}
              <th>{sweep.metric.monitor}</th>
              <th>{t('sweep.col.status')}</th>
              <th>{t('sweep.col.run')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.run.id} data-testid={`sweep-result-${r.trial.index + 1}`} title={describeAssignments(r.trial.assignments)}>
                <td>{r.trial.index + 1}</td>
                {sweep.params.map((p) => (
                  <td key={p.key}>{String(typeof r.trial.assignments[p.key] === 'number' ? tidyNumber(r.trial.assignments[p.key] as number) : r.trial.assignments[p.key])}</td>
                ))}
                <td>{r.value === null ? '—' : formatLogValue(r.value)}</td>
                <td>{t(`sweep.runStatus.${r.run.status}`)}</td>
                <td>{r.run.number}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sweep.params.length > 1 && (
        <label>
          {t('sweep.scatterX')}{' '}
          <select value={x} onChange={(e) => setXKey(e.target.value)} data-testid="sweep-scatter-x">
            {sweep.params.map((p) => (
              <option key={p.key} value={p.key}>
                {keyLabel(p.key, types, t)}
              </option>
            ))}
          </select>
        </label>
      )}
      <SweepScatter sweep={sweep} results={results} xKey={x} xLabel={keyLabel(x, types, t)} />
      {sweep.params.length > 1 && <SweepParallel sweep={sweep} results={results} label={(key) => keyLabel(key, types, t)} />}
    </div>
  );
}

/** The scatter: x = the trial's value of one key (optimizer names at whole-number positions; log10 axis for a log range or values spanning two decades), y = the metric. */
function SweepScatter({ sweep, results, xKey, xLabel }: { sweep: Sweep; results: ReturnType<typeof sweepResults>; xKey: string; xLabel: string }) {
  const t = useT();
  const line = useMemo(() => {
    const points = results.filter((r) => r.value !== null);
    const raw = points.map((r) => r.trial.assignments[xKey]);
    const names = raw.some((v) => typeof v === 'string') ? [...new Set(raw.map(String))] : undefined;
    const xs = raw.map((v) => (names ? names.indexOf(String(v)) : (v as number)));
    const param = sweep.params.find((p) => p.key === xKey);
    const positive = xs.length > 0 && xs.every((v) => v > 0);
    const xLog = !names && positive && ((param?.kind === 'range' && param.scale === 'log') || Math.max(...xs) / Math.min(...xs) >= 100);
    const chartLine: ChartLine = { label: sweep.metric.monitor, color: cssVar('--chart-train', '#2f7dd1'), x: xs, y: points.map((r) => r.value) };
    return { lines: [chartLine], names, xLog };
  }, [results, xKey, sweep]);
  return <SweepChart lines={line.lines} xLabel={xLabel} title={t('sweep.scatterTitle', { monitor: sweep.metric.monitor, key: xLabel })} xLog={line.xLog} xNames={line.names} testId="sweep-scatter" />;
}

/** Parallel coordinates: every swept key and the metric, one line per trial with a value, the best darkest. */
function SweepParallel({ sweep, results, label }: { sweep: Sweep; results: ReturnType<typeof sweepResults>; label: (key: string) => string }) {
  const t = useT();
  const points = results.filter((r) => r.value !== null);
  if (points.length === 0) return null;
  const axes: ParallelAxis[] = [
    ...sweep.params.map((p) => {
      const values = points.map((r) => r.trial.assignments[p.key]);
      const numbers = values.every((v) => typeof v === 'number') ? (values as number[]) : null;
      const log = numbers !== null && numbers.every((v) => v > 0) && ((p.kind === 'range' && p.scale === 'log') || Math.max(...numbers) / Math.min(...numbers) >= 100);
      return { label: label(p.key), values, log };
    }),
    { label: sweep.metric.monitor, values: points.map((r) => r.value!) },
  ];
  // sweepResults ranks best first: a line's rank is its place in that order.
  return <ParallelCoordinates axes={axes} rank={points.map((_, i) => i)} title={t('sweep.parallelTitle', { monitor: sweep.metric.monitor })} testId="sweep-parallel" />;
}
