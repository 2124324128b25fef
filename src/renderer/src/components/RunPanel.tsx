import { describeEarlyStopping } from '../../../shared/training/early-stopping';
import { useTensorBoardPref } from '../lib/tensorboardPref';
import { describeKeepBest } from '../../../shared/training/keep-best';
import { describeReduceLr } from '../../../shared/training/reduce-lr-on-plateau';
import { ProblemFix } from './ProblemFix';
import { useMemo, useState } from 'react';
import { kerasLogName } from '../../../shared/training/epoch-log';
import type { Remedy, RunOutcome } from '../../../shared/training/outcome';
import { causeText, formatLogValue, OUTCOME_KIND_KEY, outcomeMessage, remedyLabel } from '../../../shared/training/outcome-text';
import { download } from '../lib/download';
import { isActive, runStatusText } from '../store/run';
import { useRun } from '../store/training';
import { logLines, metricNames, seriesCsv } from '../store/series';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import { messageText, problemText } from '../lib/problemText';
import { SeriesChart } from './SeriesChart';
import { exportRunChart } from './chartExport';
import { TrainedStatus } from './TrainedStatus';
import { formatDuration } from '../lib/duration';

/** Puts the cursor in the settings field a problem is pinned to (`batchSize`, `optimizer.learningRate`…). */
function focusSetting(field: string): void {
  // Input ids: setting-<field>, setting-<optimizer field>, setting-early-stopping-<field>, setting-<callback>-<field> (issue 15).
  const id = field.replace(/^optimizer\./, '').replace(/^earlyStopping\./, 'early-stopping-').replace('.', '-');
  const input = document.getElementById(`setting-${id}`);
  input?.scrollIntoView({ block: 'nearest' });
  input?.focus();
}

/** Focuses a field holding a refused value (its key is the input's id, src/renderer/src/store/fieldDrafts.ts). */
function focusField(id: string): void {
  const input = document.getElementById(id);
  input?.scrollIntoView({ block: 'nearest' });
  input?.focus();
}

export function RunPanel() {
  const run = useRun((s) => s.run);
  const selectNode = useEditor((s) => s.setSelection);
  const settingsMetrics = useEditor((s) => s.doc.training.metrics);
  const [log, setLog] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const tensorboard = useTensorBoardPref((s) => s.on);
  const t = useT();
  const seriesMetrics = metricNames(run.series).filter((m) => m !== 'loss');
  const metrics = run.epochsDone > 0 ? seriesMetrics : settingsMetrics;

  const batchFraction = run.batchesPerEpoch > 0 ? Math.min(1, (run.batch + 1) / run.batchesPerEpoch) : 0;
  const epochProgress = run.status === 'done' ? run.epochs : run.epochsDone;

  // Issue 17: the report PNG of the loss chart (title, axes, legend, the run's settings), drawn off-screen at 2×.
  const exportPng = () => void exportRunChart('loss', log, 'png');
  const exportCsv = () => download(new Blob([seriesCsv(run.series)], { type: 'text/csv' }), 'neurite-history.csv');

  return (
    <section className="run-panel" data-testid="run-panel">
      <div className="run-head">
        <span
          className={`run-status status-${run.status}${run.outcome ? ` outcome-${run.outcome.kind}` : ''}`}
          data-testid="run-status"
          data-outcome={run.outcome?.kind}
          title={run.message !== null ? messageText({ ...run, message: run.message }, t) : run.outcome ? outcomeMessage(run.outcome, t) : runStatusText(run, t)}
        >
          {runStatusText(run, t)}
        </span>
        <TrainedStatus />
        <label className="check small" title={t('run.tensorboardTitle')}>
          <input type="checkbox" checked={tensorboard} onChange={(e) => useTensorBoardPref.getState().setOn(e.target.checked)} data-testid="tensorboard-toggle" /> TensorBoard
        </label>
        <label className="check small" title={t('run.logTitle')}>
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="log-scale" /> {t('run.log')}
        </label>
        <button
          className={`small-btn${showLog ? ' active' : ''}`}
          onClick={() => setShowLog(!showLog)}
          aria-pressed={showLog}
          title={t('run.logViewTitle')}
          data-testid="log-toggle"
        >
          {t('run.logView')}
        </button>
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
          {run.batchesPerEpoch > 0 && isActive(run) ? ` · ${t('run.batch', { batch: run.batch + 1, batches: run.batchesPerEpoch })}` : ''}
          {/* No run (e.g. a model opened or imported with its weights): no time to show, rather than a wrong 0. */}
          {run.epochs > 0 ? ` · ${t('run.elapsed', { time: formatDuration(run.elapsedMs) })}` : ''}
          {isActive(run) ? ` · ${t('run.eta', { time: formatDuration(run.etaMs) })}` : ''}
        </span>
      </div>
      {!isActive(run) && run.finalLogs && Object.keys(run.finalLogs).length > 0 && <FinalMetrics logs={run.finalLogs} epoch={run.epochsDone} />}
      {!isActive(run) && run.outcome && <OutcomeBanner outcome={run.outcome} />}
      {run.tensorboard && (
        <div className="run-tensorboard muted small" data-testid="run-tensorboard" data-run-dir={run.tensorboard.runDir}>
          {t('run.tensorboardAt', { dir: run.tensorboard.runDir })} <code>tensorboard --logdir "{run.tensorboard.logDir}"</code>
        </div>
      )}
      {run.tensorboardError && (
        <div className="run-tensorboard-error small" data-testid="run-tensorboard-error" role="alert">
          {messageText(run.tensorboardError, t)}
        </div>
      )}
      {!isActive(run) && run.earlyStopping && (
        <div className="run-early-stopping muted small" data-testid="run-early-stopping" role="status">
          {describeEarlyStopping(run.earlyStopping, run.epochs, t as (key: string, vars?: Record<string, string | number>) => string)}
        </div>
      )}
      {!isActive(run) && run.reduceLrOnPlateau && (
        <div className="run-reduce-lr muted small" data-testid="run-reduce-lr" role="status">
          {describeReduceLr(run.reduceLrOnPlateau, t as (key: string, vars?: Record<string, string | number>) => string)}
        </div>
      )}
      {!isActive(run) && run.keepBest && (
        <div className="run-keep-best muted small" data-testid="run-keep-best" role="status">
          {describeKeepBest(run.keepBest, t as (key: string, vars?: Record<string, string | number>) => string)}
        </div>
      )}
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
              ) : p.code === 'invalid-field' && p.field ? (
                <button className="link" onClick={() => focusField(p.field!)} data-testid={`goto-field-${p.field}`}>
                  {t('problems.goToField')}
                </button>
              ) : null}{' '}
              {problemText(p, t)} <ProblemFix problem={p} />
            </li>
          ))}
        </ul>
      )}
      {/* issue 15 runs core */}
      {showLog ? (
        <EpochLog />
      ) : (
        <div className="charts">
          <SeriesChart metric="loss" log={log} />
          {metrics.map((m) => (
            <SeriesChart key={m} metric={m} log={log} />
          ))}
        </div>
      )}
    </section>
  );
}

/** The last completed epoch's loss, metrics and val_ metrics, always in view after a run: `loss 0.0412 · accuracy 0.8810`. */
function FinalMetrics({ logs, epoch }: { logs: Record<string, number>; epoch: number }) {
  const t = useT();
  return (
    <div className="final-metrics small" data-testid="final-metrics" title={t('run.finalTitle')}>
      <span className="muted">{t('run.final', { epoch })}</span>{' '}
      {Object.entries(logs).map(([key, value], i) => (
        <span key={key} className="final-metric" data-key={key} data-value={value}>
          {i > 0 ? ' · ' : ''}
          {kerasLogName(key)} <b>{formatLogValue(value)}</b>
        </span>
      ))}
    </div>
  );
}

/** What the run achieved, why, and one-click remedies (each an undoable command, then a fresh run). */
function OutcomeBanner({ outcome }: { outcome: RunOutcome }) {
  const t = useT();
  const [refused, setRefused] = useState<string | null>(null);
  const apply = (remedy: Remedy) => {
    const result = useEditor.getState().applyRemedy(remedy);
    if (result.refused) {
      setRefused(result.refused);
      return;
    }
    setRefused(null);
    void useRun.getState().start();
  };
  return (
    <div className={`run-outcome outcome-${outcome.kind}`} data-testid="run-outcome" data-kind={outcome.kind} role="status">
      {/* issue 17: long advice scrolls here; the keyboard can scroll it too (tab stop) */}
      <div className="run-outcome-text" tabIndex={0}>
        <div className="run-outcome-head">
          <b data-testid="run-outcome-kind">{t(OUTCOME_KIND_KEY[outcome.kind])}</b> <span data-testid="run-outcome-message">{outcomeMessage(outcome, t)}</span>
        </div>
        {outcome.causes.length > 0 && (
          <ul className="run-outcome-causes" aria-label={t('run.causes')} data-testid="run-outcome-causes">
            {outcome.causes.map((cause, i) => (
              <li key={i} data-cause={cause.kind}>
                {causeText(cause, t)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="run-outcome-actions">
        {outcome.remedies.map((remedy, i) => (
          <button
            key={i}
            className="small-btn remedy"
            onClick={() => apply(remedy)}
            title={`${t('run.remedies')}: ${remedyLabel(remedy, t)}. ${t('run.remedyTitle')}`}
            data-testid={`remedy-${i}`}
            data-remedy={remedy.kind}
          >
            {remedyLabel(remedy, t)}
          </button>
        ))}
        <button className="small-btn" onClick={() => void useRun.getState().start()} title={t('run.trainAgainTitle')} data-testid="train-again">
          ↻ {t('run.trainAgain')}
        </button>
        {refused && <span className="run-outcome-refused">{refused}</span>}
      </div>
    </div>
  );
}

/** The Keras-like per-epoch log, selectable and copyable. */
function EpochLog() {
  const t = useT();
  const epochs = useRun((s) => s.run.epochs);
  const series = useRun((s) => s.run.series);
  const [copied, setCopied] = useState(false);
  const epochWord = t('epochLog.epoch');
  const lines = useMemo(() => logLines(series, epochs, epochWord), [series, epochs, epochWord]);
  const text = lines.join('\n');
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="epoch-log">
      <button className="small-btn epoch-log-copy" onClick={copy} disabled={lines.length === 0} title={t('run.copyLogTitle')} data-testid="copy-log">
        {copied ? t('run.copied') : t('run.copyLog')}
      </button>
      <pre data-testid="run-log" tabIndex={0}>
        {lines.length > 0 ? text : t('run.logEmpty')}
      </pre>
    </div>
  );
}
