import type { Dataset } from '../../../../shared/data/types';
import type { Translate } from '../../i18n';
import { ConfusionMatrix } from './ConfusionMatrix';
import { useEvaluation } from './evaluation';
import { PredictedVsTrue } from './PredictedVsTrue';

/**
 * How the trained model does on every row of the dataset: a classifier's confusion matrix, or a
 * regression's predicted-against-true plot. Predicts in chunks and keeps the verdict in the run
 * store for this model and dataset (`useEvaluation`). `total`: the dataset's rows, when the editor
 * may hold fewer (CSV and image rows arrive from main): with none here yet it says so rather than
 * predicting nothing forever.
 */
export function ResultsView({ data, t, total }: { data: Dataset; t: Translate; total?: number }) {
  return <ResultsBody data={data} t={t} total={total} {...useEvaluation(data)} />;
}

/** What the Results view shows for a model (`runId`), its evaluation of `data` so far, or why there is none. */
export function ResultsBody({ data, t, total, runId, evaluation, error }: { data: Dataset; t: Translate; total?: number } & ReturnType<typeof useEvaluation>) {
  if (runId === null) return <p className="muted small">{t('data.trainForResults')}</p>;
  if (data.rows === 0) return <p className="muted small" data-testid="results-no-rows">{t('data.noRowsYet', { total: (total ?? 0).toLocaleString('en-US') })}</p>;
  if (error !== null) return <p className="field-error">{error}</p>;
  if (!evaluation) return <p className="muted small">{t('data.evaluating')}</p>;
  const result = evaluation.result;
  if (result.kind === 'regression') return <PredictedVsTrue result={result} t={t} />;
  return <ConfusionMatrix result={result} names={data.classNames ?? []} t={t} />;
}
