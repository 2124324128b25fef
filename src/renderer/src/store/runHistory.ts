import type { RunEpoch, RunRecord } from '../../../shared/project/schema';
import type { TrainedRef, WireRunRecord, WireTrained } from '../../../shared/project/wire';
export { addRun, MAX_RUNS } from '../../../shared/runs/report';

/**
 * Pure helpers of the renderer's run history (issue 15), shared by the recorder
 * (store/training.ts) and the runs commands (store/runs.ts).
 */

/** Two epoch logs are the same numbers under the same names. */
function sameLogs(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * The run the document's trained weights came from, when it can be told (a resumed run's
 * `origin.parent`): the run whose kept weights are the same reference, else the latest run (not
 * failed) that trained the same graph, settings and data and whose history has the same last
 * logs as the weights' history (a reopened file gives every reference anew). Null when unknown.
 */
export function runOfTrained(runs: readonly (WireRunRecord | RunRecord)[] | undefined, trained: WireTrained | undefined): string | null {
  if (!runs || !trained) return null;
  if ('ref' in trained) {
    const same = runs.find((run) => 'weightsRef' in run && run.weightsRef === trained.ref);
    if (same) return same.id;
  }
  const last = trained.history[trained.history.length - 1];
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (run.status === 'failed' || run.graphHash !== trained.graphHash || run.settingsHash !== trained.settingsHash || run.datasetHash !== trained.datasetHash) continue;
    const runLast = run.history[run.history.length - 1];
    if (run.history.length === trained.history.length && (last === undefined || (runLast !== undefined && sameLogs(runLast.logs, last.logs)))) return run.id;
  }
  return null;
}

/**
 * Trial 10 (19): the wall-clock duration (ms) of the run the trained weights came from
 * (`runOfTrained`), from its record: what the run panel shows as "elapsed" after a project is
 * opened or restored (the `trained` section keeps no time). 0 when the run is unknown.
 */
export function trainedRunDurationMs(runs: readonly (WireRunRecord | RunRecord)[] | undefined, trained: WireTrained | undefined): number {
  const id = runOfTrained(runs, trained);
  return runs?.find((run) => run.id === id)?.durationMs ?? 0;
}

/**
 * The document's `trained` section for a run's kept weights (restoring a run): its reference,
 * hashes, end and history (without the runs' `elapsedMs`). `tensors`/`values` are 0 until main's
 * `model.load` answers with the counts.
 * @throws Error when the run keeps no weights or failed (nothing to restore).
 */
export function trainedOfRun(run: WireRunRecord): TrainedRef {
  if (!run.weightsRef || run.status === 'failed') throw new Error(`Run ${run.number} keeps no weights.`);
  return {
    trainedAt: run.startedAt,
    reason: run.status,
    graphHash: run.graphHash,
    settingsHash: run.settingsHash,
    datasetHash: run.datasetHash,
    history: run.history.map(({ epoch, logs }: RunEpoch) => ({ epoch, logs: { ...logs } })),
    ...(run.test ? { test: { ...run.test } } : {}),
    ref: run.weightsRef,
    tensors: 0,
    values: 0,
  };
}

/** Every weights reference the document holds (its `trained` section's and its runs'). */
export function heldRefs(doc: { trained?: WireTrained; runs?: readonly WireRunRecord[] }): Set<string> {
  const refs = new Set<string>();
  if (doc.trained && 'ref' in doc.trained) refs.add(doc.trained.ref);
  for (const run of doc.runs ?? []) if (run.weightsRef) refs.add(run.weightsRef);
  return refs;
}
