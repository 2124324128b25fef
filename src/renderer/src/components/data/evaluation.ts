import { useEffect, useState } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import { predict } from '../../api/predict';
import { classificationResult, regressionResult, rowChunks } from '../../lib/datastats';
import { usableRunId } from '../../store/run';
import { useRun, type Evaluation } from '../../store/training';

/**
 * The trained model's predictions on every row of `data` (the Results view, and issue 14's image
 * grid and confusion-matrix images): predicted in chunks once per run and dataset object, kept in
 * the run store so switching views or tabs does not predict again.
 * `runId` null: no usable model; `evaluation` null while predicting (or `error` when it failed).
 */
export function useEvaluation(data: Dataset): { runId: string | null; evaluation: Evaluation | null; error: string | null } {
  const runId = useRun((s) => usableRunId(s.run));
  const kept = useRun((s) => s.evaluation);
  const evaluation = kept && runId !== null && kept.runId === runId && kept.data === data ? kept : null;
  const [error, setError] = useState<{ runId: string; data: Dataset; message: string } | null>(null);
  const failed = error && error.runId === runId && error.data === data ? error.message : null;
  const needed = runId !== null && evaluation === null && failed === null && data.rows > 0;

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
        if (!cancelled) useRun.setState({ evaluation: { runId, data, result: verdict, outputs } });
      } catch (err) {
        if (!cancelled) setError({ runId, data, message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [needed, runId, data]);

  return { runId, evaluation, error: failed };
}
