import { useMemo, useState } from 'react';
import { EXPERIMENT_MAX_SGD_STEPS, latestExperimentRuns, planBatchSizeExperiment, type ExperimentKind, EXPERIMENT_KINDS } from '../../../../shared/runs/experiment';
import { formatLogValue } from '../../../../shared/training/outcome-text';
import { useT, type MessageKey } from '../../i18n';
import { useEditor } from '../../store/editor';
import { OverlayChart, type OverlayLine } from '../SeriesChart';
import { historyCurve } from '../chartData';
import { startExperiment, stopQueue, useSweepQueue } from './queue';

/** One colour per kind (Tableau 10's first three, as Matplotlib's default cycle). */
const KIND_COLORS: Record<ExperimentKind, string> = { batch: '#1f77b4', stochastic: '#ff7f0e', minibatch: '#2ca02c' };

/**
 * The learner's batch-size experiment: what it does and what to look for (batch gradient
 * descent, stochastic gradient descent, mini-batches, as the Keras tutorial explains them), one
 * button that queues the three runs, the epochs cap stated, and the three loss curves overlaid
 * against epochs and against seconds (each run's `history[].elapsedMs`).
 */
export function ExperimentPanel() {
  const t = useT();
  const training = useEditor((s) => s.doc.training);
  const dataset = useEditor((s) => s.doc.dataset);
  const allRuns = useEditor((s) => s.doc.runs);
  const active = useSweepQueue((s) => (s.active?.kind === 'experiment' ? s.active : null));
  const ended = useSweepQueue((s) => (s.ended?.groupId.startsWith('experiment-') ? s.ended : null));
  const [message, setMessage] = useState<string | null>(null);
  const plan = useMemo(() => planBatchSizeExperiment(training, dataset), [training, dataset]);
  const runs = useMemo(() => latestExperimentRuns(allRuns ?? []), [allRuns]);
  const kindOf = (batchSize: number, trial: number | undefined): ExperimentKind => EXPERIMENT_KINDS[trial ?? 0] ?? (batchSize === 1 ? 'stochastic' : 'minibatch');
  const label = (batchSize: number, trial: number | undefined) => t(`experiment.kind.${kindOf(batchSize, trial)}` as MessageKey, { size: batchSize });
  const charts = useMemo(() => {
    // The runs view's overlay chart and curves (one chart component for run curves).
    const lines = (axis: 'epoch' | 'seconds'): OverlayLine[] =>
      runs.flatMap((r) => {
        const curve = historyCurve(r.history, 'loss', axis);
        return curve ? [{ label: label(r.training.batchSize, r.origin.trial), color: KIND_COLORS[kindOf(r.training.batchSize, r.origin.trial)], curve }] : [];
      });
    return { epoch: lines('epoch'), seconds: lines('seconds') };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, t]);
  const start = () => {
    setMessage(null);
    const result = startExperiment();
    if (!result.ok) setMessage(result.message === 'busy' ? t('sweep.busy') : result.message === 'no-rows' ? t('experiment.noRows') : t('sweep.trialRefused', { message: result.message }));
  };
  return (
    <div className="experiment-panel" data-testid="experiment-panel">
      <p>{t('experiment.intro')}</p>
      <ul className="experiment-kinds">
        <li>
          <strong style={{ color: KIND_COLORS.batch }}>{t('experiment.batchTitle')}</strong> {t('experiment.batchText')}
        </li>
        <li>
          <strong style={{ color: KIND_COLORS.stochastic }}>{t('experiment.sgdTitle')}</strong> {t('experiment.sgdText')}
        </li>
        <li>
          <strong style={{ color: KIND_COLORS.minibatch }}>{t('experiment.miniTitle')}</strong> {t('experiment.miniText')}
        </li>
      </ul>
      {plan && (
        <p data-testid="experiment-plan">
          {t('experiment.plan', { rows: plan.trainRows, epochs: plan.epochs })}{' '}
          {plan.cappedFrom !== null && t('experiment.capped', { from: plan.cappedFrom, epochs: plan.epochs, steps: plan.epochs * plan.trainRows, max: EXPERIMENT_MAX_SGD_STEPS })}
        </p>
      )}
      <div className="sweep-form-row">
        {active ? (
          <>
            <span data-testid="experiment-progress">
              {t('experiment.running', { k: active.position + 1, n: active.total, run: active.current ? label(active.current.training.batchSize, active.current.index) : '' })}
            </span>
            <span className="spacer" />
            <button className="danger" onClick={() => stopQueue('now')} data-testid="experiment-stop">
              {t('sweep.stopNow')}
            </button>
          </>
        ) : (
          <button className="primary" onClick={start} disabled={!plan} data-testid="experiment-start">
            {runs.length > 0 ? t('experiment.runAgain') : t('experiment.run')}
          </button>
        )}
      </div>
      {ended && !active && ended.reason === 'refused' && <div className="field-error">{t('sweep.endedRefused', { message: ended.message })}</div>}
      {message && (
        <div className="field-error" role="alert">
          {message}
        </div>
      )}
      {runs.length > 0 && (
        <>
          <ul className="experiment-finals" data-testid="experiment-finals">
            {runs.map((r) => (
              <li key={r.id}>
                {t('experiment.final', {
                  label: label(r.training.batchSize, r.origin.trial),
                  run: r.number,
                  loss: Number.isFinite(r.finalLogs.loss) ? formatLogValue(r.finalLogs.loss) : '—',
                  seconds: Number((r.durationMs / 1000).toPrecision(2)),
                  status: t(`sweep.runStatus.${r.status}`),
                })}
              </li>
            ))}
          </ul>
          <div className="experiment-charts">
            <OverlayChart metric="loss" axis="epoch" lines={charts.epoch} log={false} title={t('experiment.lossByEpoch')} testId="experiment-epochs" />
            <OverlayChart metric="loss" axis="seconds" lines={charts.seconds} log={false} title={t('experiment.lossBySeconds')} testId="experiment-seconds" />
          </div>
          <p className="sweep-hint">{t('experiment.read')}</p>
        </>
      )}
    </div>
  );
}
