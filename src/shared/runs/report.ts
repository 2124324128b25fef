import type { RunEpoch, RunRecord, RunsBestBy } from '../project/schema';
import { applyKeepPolicy, runsKeepingWeights } from './policy';

/**
 * Building a run's report as it trains (issue 15), the same for the app's recorder
 * (src/renderer/src/store/training.ts) and the command line (src/main/cli/run.ts).
 */

/** A run's history as it grows: its epochs and the clock behind their `elapsedMs`. */
export interface RunHistoryClock {
  history: RunEpoch[];
  /** Sum of the epochs' `durationMs` so far; NaN once an epoch came without one. */
  epochMs: number;
}

export const newRunHistory = (): RunHistoryClock => ({ history: [], epochMs: 0 });

/**
 * Adds finished epochs to a run's history. An epoch's `elapsedMs` is the sum of the trainer's
 * epoch durations so far (`durationMs`: training and validation of each epoch,
 * src/main/engine/train-loop.ts), the time spent learning without the set-up before the first
 * epoch — what "loss against seconds" compares across runs. When an epoch comes without a
 * duration, `reportedElapsedMs` (the progress report's ms since the run started) stands in from
 * then on.
 */
export function addRunEpochs(clock: RunHistoryClock, epochs: readonly { epoch: number; logs: Record<string, number>; durationMs?: number }[], reportedElapsedMs: number): void {
  for (const e of epochs) {
    clock.epochMs = e.durationMs !== undefined && Number.isFinite(e.durationMs) ? clock.epochMs + e.durationMs : Number.NaN;
    clock.history.push({ epoch: e.epoch, logs: { ...e.logs }, elapsedMs: Number.isFinite(clock.epochMs) ? clock.epochMs : Math.max(0, reportedElapsedMs) });
  }
}

/**
 * The logs of the weights a run left (a run record's `finalLogs`): the best epoch's when early
 * stopping restored its weights (Keras `restore_best_weights`), else the last epoch's as the
 * trainer reported them (`finalLogs`).
 */
export function keptWeightsLogs(history: readonly { epoch: number; logs: Record<string, number> }[], finalLogs: Record<string, number>, earlyStopping?: RunRecord['earlyStopping']): Record<string, number> {
  if (earlyStopping?.restoredBestWeights && earlyStopping.bestEpoch !== null) {
    const best = history.find((h) => h.epoch === earlyStopping.bestEpoch);
    if (best) return { ...best.logs };
  }
  return { ...finalLogs };
}

/** The schema's bound on `Project.runs` (src/shared/project/schema.ts). */
export const MAX_RUNS = 5000;

/**
 * `runs` with `record` appended and the keep policy applied (./policy.ts): the one way the app
 * and the command line add a run. Beyond {@link MAX_RUNS}, the oldest runs that keep no weights
 * (neither pinned nor best) are dropped first, so a file never exceeds what it may hold and no
 * kept weights are lost.
 */
export function addRun<R extends Pick<RunRecord, 'id' | 'status' | 'finalLogs' | 'pinned' | 'number'> & { weights?: unknown; weightsRef?: string }>(
  runs: readonly R[] | undefined,
  record: R,
  bestBy?: RunsBestBy,
): R[] {
  let next = applyKeepPolicy([...(runs ?? []), record], bestBy);
  if (next.length > MAX_RUNS) {
    const keep = runsKeepingWeights(next, bestBy);
    let excess = next.length - MAX_RUNS;
    next = next.filter((run) => {
      if (excess > 0 && run.id !== record.id && !keep.has(run.id)) {
        excess--;
        return false;
      }
      return true;
    });
  }
  return next;
}
