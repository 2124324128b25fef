import type { RunOrigin } from '../../shared/project/schema';
import type { RunReport } from '../../shared/runs/record';
import { keptWeightsLogs, type RunHistoryClock } from '../../shared/runs/report';
import type { TrainOutcome } from '../engine/train-loop';
import { keptWeightsEpoch } from '../../shared/training/keep-best';

/**
 * The run report of a command-line run (`train --save`, each trial of `neurite sweep`) from the
 * engine's outcome: its epochs with `elapsedMs` as the progress reports gave them (`clock`,
 * src/shared/runs/report.ts; the outcome's history when no report was seen), the logs of the
 * weights it left (`keptWeightsLogs`), and the outcome's kind as judged (`outcomeKind`).
 */
export function outcomeRunReport(args: { startedAt: string; backend: string; clock: RunHistoryClock; outcome: TrainOutcome; outcomeKind: string; origin: RunOrigin }): RunReport {
  const { outcome, clock } = args;
  return {
    startedAt: args.startedAt,
    durationMs: outcome.elapsedMs,
    backend: args.backend,
    trainingStep: outcome.path,
    history: clock.history.length === outcome.history.length ? clock.history : outcome.history.map((h) => ({ epoch: h.epoch, logs: { ...h.logs } })),
    status: outcome.reason,
    ...(outcome.message ? { message: outcome.message } : {}),
    outcomeKind: args.outcomeKind,
    finalLogs: keptWeightsLogs(outcome.history, outcome.finalLogs, outcome.earlyStopping, keptWeightsEpoch(outcome)),
    ...(outcome.testLogs ? { test: { ...outcome.testLogs } } : {}),
    ...(outcome.earlyStopping ? { earlyStopping: outcome.earlyStopping } : {}),
    origin: args.origin,
  };
}
