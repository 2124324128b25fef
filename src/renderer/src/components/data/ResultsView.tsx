import { useEffect, useState } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import { predict } from '../../api/predict';
import type { Translate } from '../../i18n';
import { classificationResult, regressionResult, rowChunks } from '../../lib/datastats';
import { usableRunId } from '../../store/run';
import { useRun } from '../../store/training';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PredictedVsTrue } from './PredictedVsTrue';

/**
 * How the trained model does on every row of the dataset: a classifier's confusion matrix, or a
 * regression's predicted-against-true plot. Predicts in chunks and keeps the verdict in the run
 * store for this model and dataset.
 */
export function ResultsView({ data, t }: { data: Dataset; t: Translate }) {
  const runId = useRun((s) => usableRunId(s.run));
  const kept = useRun((s) => s.evaluation);
  const result = kept && runId !== null && kept.runId === runId && kept.data === data ? kept.result : null;
  const [error, setError] = useState<{ runId: string; data: Dataset; message: string } | null>(null);
  const failed = error && error.runId === runId && error.data === data ? error.message : null;
  const needed = runId !== null && result === null && failed === null && data.rows > 0;

  useEffect(() => {
    if (!needed || runId === null) return;
    let cancelled = false;
    (async () => {
      const outputs: number[][] = [];
      try {
        for (const chunk of rowChunks(data)) {
          if (cancelled) return;
          outputs.push(...(await predict(runId, chunk)));
        }
        const verdict = data.task === 'classification' ? classificationResult(data, outputs) : regressionResult(data, outputs);
        if (!cancelled) useRun.setState({ evaluation: { runId, data, result: verdict } });
      } catch (err) {
        if (!cancelled) setError({ runId, data, message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [needed, runId, data]);

  if (runId === null) return <p className="muted small">{t('data.trainForResults')}</p>;
  if (failed !== null) return <p className="field-error">{failed}</p>;
  if (!result) return <p className="muted small">{t('data.evaluating')}</p>;
  if (result.kind === 'regression') return <PredictedVsTrue result={result} t={t} />;
  return <ConfusionMatrix result={result} names={data.classNames ?? []} t={t} />;
}
