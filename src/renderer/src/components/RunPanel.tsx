import { ProblemFix } from './ProblemFix';
import { useMemo, useState } from 'react';
import { download } from '../lib/download';
import { isActive, runStatusText } from '../store/run';
import { runSeries, useRun } from '../store/training';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import { SeriesChart, type ChartHandle } from './SeriesChart';
import { TrainedStatus } from './TrainedStatus';

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Puts the cursor in the settings field a problem is pinned to (`batchSize`, `optimizer.learningRate`…). */
function focusSetting(field: string): void {
  const input = document.getElementById(`setting-${field.replace(/^optimizer\./, '')}`);
  input?.scrollIntoView({ block: 'nearest' });
  input?.focus();
}

export function RunPanel() {
  const run = useRun((s) => s.run);
  const selectNode = useEditor((s) => s.setSelection);
  const settingsMetrics = useEditor((s) => s.doc.training.metrics);
  const [log, setLog] = useState(false);
  const t = useT();
  const lossHandle = useMemo<ChartHandle>(() => ({ plot: null }), []);
  const seriesMetrics = runSeries.metricNames().filter((m) => m !== 'loss');
  const metrics = run.epochsDone > 0 ? seriesMetrics : settingsMetrics;

  const batchFraction = run.batchesPerEpoch > 0 ? Math.min(1, (run.batch + 1) / run.batchesPerEpoch) : 0;
  const epochProgress = run.status === 'done' ? run.epochs : run.epochsDone;

  const exportPng = () => {
    const canvas = lossHandle.plot?.ctx.canvas;
    canvas?.toBlob((blob) => blob && download(blob, 'neurite-loss.png'));
  };
  const exportCsv = () => download(new Blob([runSeries.toCsv()], { type: 'text/csv' }), 'neurite-history.csv');

  return (
    <section className="run-panel" data-testid="run-panel">
      <div className="run-head">
        <span className={`run-status status-${run.status}`} data-testid="run-status" title={run.message ?? runStatusText(run, t)}>
          {runStatusText(run, t)}
        </span>
        <TrainedStatus />
        <label className="check small" title={t('run.logTitle')}>
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="log-scale" /> {t('run.log')}
        </label>
        <button className="small-btn" onClick={exportPng} disabled={run.epochsDone === 0} title={t('run.pngTitle')} data-testid="export-png">
          PNG
        </button>
        <button className="small-btn" onClick={exportCsv} disabled={run.epochsDone === 0} title={t('run.csvTitle')} data-testid="export-csv">
          CSV
        </button>
      </div>
      <div className="run-progress">
        <div className="progress-wrap">
          <progress data-testid="progress" max={Math.max(1, run.epochs)} value={epochProgress} title={t('run.epochsBar')} />
          <progress className="batch-progress" data-testid="progress-batch" max={1} value={isActive(run) ? batchFraction : 0} title={t('run.batchesBar')} />
        </div>
        <span className="run-times small muted" data-testid="run-times">
          {run.epochs > 0 ? t('run.epochsDone', { done: epochProgress, epochs: run.epochs }) : t('run.noRun')}
          {run.batchesPerEpoch > 0 && isActive(run) ? ` · ${t('run.batch', { batch: run.batch + 1, batches: run.batchesPerEpoch })}` : ''} ·{' '}
          {t('run.elapsed', { time: formatDuration(run.elapsedMs) })}
          {isActive(run) ? ` · ${t('run.eta', { time: formatDuration(run.etaMs) })}` : ''}
        </span>
      </div>
      {run.problems.length > 0 && (
        <ul className="train-problems" data-testid="train-problems">
          {run.problems.map((p, i) => (
            <li key={i} className={p.severity}>
              {p.nodeId ? (
                <button className="link" onClick={() => selectNode({ nodes: [p.nodeId!], edges: [] })}>
                  {p.nodeId}
                </button>
              ) : p.code === 'invalid-setting' && p.field ? (
                <button className="link" onClick={() => focusSetting(p.field!)} data-testid={`goto-setting-${p.field}`}>
                  {t('settings.title')}
                </button>
              ) : null}{' '}
              {p.message} <ProblemFix problem={p} />
            </li>
          ))}
        </ul>
      )}
      <div className="charts">
        <SeriesChart metric="loss" log={log} handle={lossHandle} />
        {metrics.map((m) => (
          <SeriesChart key={m} metric={m} log={log} />
        ))}
      </div>
    </section>
  );
}
