import { useMemo } from 'react';
import { planOf } from '../../../shared/graph/plan';
import { trainedStatus, type StaleReason } from '../../../shared/project/trained';
import { useT, type MessageKey } from '../i18n';
import { useEditor } from '../store/editor';
import { isActive } from '../store/run';
import { useRun } from '../store/training';

const REASON_KEYS: Record<StaleReason, MessageKey> = { graph: 'trained.changedGraph', settings: 'trained.changedSettings', dataset: 'trained.changedDataset' };

/**
 * Whether the document's trained weights still match it. Retrain starts from fresh weights; when
 * only the settings or the data changed, Keep training continues from the saved ones.
 */
export function TrainedStatus() {
  const doc = useEditor((s) => s.doc);
  const weights = useRun((s) => s.weights);
  const running = useRun((s) => isActive(s.run));
  // A check mark says "this worked": only for weights of a run that learned.
  const learned = useRun((s) => s.run.outcome?.kind === 'learned');
  const t = useT();
  const status = useMemo(() => trainedStatus(doc, planOf(doc.graph)), [doc]);

  // While training the run status says it all; the empty box keeps the panel's buttons in place.
  if (running) return <span className="trained-status" data-testid="trained-status" data-state="training" />;
  if (weights.state === 'loading') {
    return (
      <span className="trained-status loading" data-testid="trained-status" data-state="loading">
        <span className="text">{t('trained.loading')}</span>
      </span>
    );
  }
  if (weights.state === 'failed') {
    return (
      <span className="trained-status failed" data-testid="trained-status" data-state="failed" title={weights.message}>
        <span className="text">{t('trained.failed', { message: weights.message })}</span>
        <RetrainButton />
      </span>
    );
  }
  if (status.state === 'untrained') {
    return (
      <span className="trained-status untrained muted" data-testid="trained-status" data-state="untrained">
        <span className="text">{t('trained.untrained')}</span>
      </span>
    );
  }
  if (status.state === 'fresh') {
    return (
      <span className={`trained-status fresh${learned ? '' : ' not-learned'}`} data-testid="trained-status" data-state="fresh" title={doc.trained ? t('trained.at', { when: new Date(doc.trained.trainedAt).toLocaleString() }) : undefined}>
        <span className="text">
          {learned ? '✓ ' : ''}
          {t('trained.fresh')}
        </span>
      </span>
    );
  }
  const what = status.changed.map((c) => t(REASON_KEYS[c])).join(', ');
  return (
    <span className="trained-status stale" data-testid="trained-status" data-state="stale" data-changed={status.changed.join(',')}>
      <span className="text" title={t('trained.stale', { what })}>
        {t('trained.stale', { what })}
      </span>
      {status.canContinue && <KeepTrainingButton />}
      <RetrainButton />
    </span>
  );
}

/** Offered when only settings or data changed: the saved weights still fit the graph. */
function KeepTrainingButton() {
  const t = useT();
  return (
    <button className="small-btn" onClick={() => void useRun.getState().start({ resume: true })} title={t('trained.keepTrainingTitle')} data-testid="keep-training-button">
      {t('trained.keepTraining')}
    </button>
  );
}

function RetrainButton() {
  const t = useT();
  return (
    <button className="small-btn" onClick={() => void useRun.getState().start()} title={t('trained.retrainTitle')} data-testid="retrain-button">
      {t('trained.retrain')}
    </button>
  );
}
