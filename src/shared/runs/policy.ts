import { earlyStoppingDirection } from '../training/early-stopping';
import type { RunRecord, RunsBestBy } from '../project/schema';

/** The fields of a run record the policy reads; works on file records and wire records alike. */
type PolicyRun = Pick<RunRecord, 'id' | 'status' | 'finalLogs' | 'pinned' | 'number'>;

/** A resolved "best by": the log and its direction. */
export interface BestBy {
  monitor: string;
  mode: 'min' | 'max';
}

/**
 * The metric that picks the best run: the project's `runsBestBy`, or by default `val_loss` when
 * any run logged it, else `loss`, minimised. `auto` resolves as Keras' callbacks do (accuracy-like
 * logs maximised, the rest minimised: `earlyStoppingDirection`).
 */
export function resolveBestBy(runs: readonly PolicyRun[], bestBy?: RunsBestBy): BestBy {
  const monitor = bestBy?.monitor ?? (runs.some((r) => Number.isFinite(r.finalLogs.val_loss)) ? 'val_loss' : 'loss');
  return { monitor, mode: earlyStoppingDirection(monitor, bestBy?.mode ?? 'auto') };
}

/**
 * The best run's id: among runs that left a model (not `failed`; a `diverged` run's kept weights
 * are last-good ones and count) with a finite final value of the monitor, the lowest (min) or
 * highest (max); ties go to the earlier run. Null when no run qualifies.
 */
export function bestRunId(runs: readonly PolicyRun[], bestBy: BestBy): string | null {
  let best: PolicyRun | null = null;
  for (const run of runs) {
    if (run.status === 'failed') continue;
    const value = run.finalLogs[bestBy.monitor];
    if (!Number.isFinite(value)) continue;
    const current = best?.finalLogs[bestBy.monitor];
    if (best === null || current === undefined || (bestBy.mode === 'min' ? value < current : value > current)) best = run;
  }
  return best?.id ?? null;
}

/**
 * The newest run that left a model (the highest number that did not fail), or null. Its weights
 * stay until the next run, so a run can still be pinned after it ends (trial 8, finding 4).
 */
export function latestRunId(runs: readonly PolicyRun[]): string | null {
  let latest: PolicyRun | null = null;
  for (const run of runs) if (run.status !== 'failed' && (!latest || run.number > latest.number)) latest = run;
  return latest?.id ?? null;
}

/**
 * The keep policy (issue 15: "weights are kept for the runs the user pins and the best run; the
 * rest are dropped so files stay small"): the ids whose weights stay — the pinned runs, the best
 * by `bestBy`, and the latest run (until the next one ends, so it can be pinned).
 */
export function runsKeepingWeights(runs: readonly PolicyRun[], bestBy?: RunsBestBy): Set<string> {
  const keep = new Set(runs.filter((r) => r.pinned).map((r) => r.id));
  const best = bestRunId(runs, resolveBestBy(runs, bestBy));
  if (best) keep.add(best);
  const latest = latestRunId(runs);
  if (latest) keep.add(latest);
  return keep;
}

/**
 * The runs with the keep policy applied: every run outside {@link runsKeepingWeights} loses its
 * weights (inline `weights` and a wire `weightsRef`). Runs that change are new objects; the
 * others are the same objects. Dropped weights do not come back.
 */
export function applyKeepPolicy<R extends PolicyRun & { weights?: unknown; weightsRef?: string }>(runs: readonly R[], bestBy?: RunsBestBy): R[] {
  const keep = runsKeepingWeights(runs, bestBy);
  return runs.map((run) => {
    if (keep.has(run.id) || (run.weights === undefined && run.weightsRef === undefined)) return run;
    const { weights: _w, weightsRef: _r, ...rest } = run;
    return rest as R;
  });
}
