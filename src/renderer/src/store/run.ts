import type { EarlyStoppingReport } from '../../../shared/training/early-stopping';
import type { KeepBestReport } from '../../../shared/training/keep-best';
import type { ReduceLrReport } from '../../../shared/training/reduce-lr-on-plateau';
import type { BackendInfo, GraphProblem, TrainEvent } from '../../../shared/api/contract';
import type { Trained } from '../../../shared/project/schema';
import type { RunOutcome } from '../../../shared/training/outcome';
import { divergedWeightsBlewUp, OUTCOME_KIND_KEY } from '../../../shared/training/outcome-text';
import { translator, type Translate } from '../i18n';
import { addBatches, addEpochs, emptySeries, seriesFromHistory, type RunSeries } from './series';
import { messageText } from '../lib/problemText';

const english = translator('en');

export type RunStatus = 'idle' | 'starting' | 'running' | 'done' | 'stopped' | 'diverged' | 'failed';

export interface RunState {
  status: RunStatus;
  /** The run being shown; kept after it ends so Predict can use its model. */
  runId: string | null;
  epochs: number;
  batchesPerEpoch: number;
  /** 0-based epoch in progress. */
  epoch: number;
  batch: number;
  epochsDone: number;
  elapsedMs: number;
  etaMs: number | null;
  backend: BackendInfo | null;
  message: string | null;
  /** Issue 16: `message` as data (a dictionary key and its parameters), rendered in the UI's language by runStatusText. */
  messageId?: string;
  params?: Record<string, string | number>;
  /** Graph problems that refused the last Train. */
  problems: GraphProblem[];
  finalLogs: Record<string, number> | null;
  /** What the run achieved, from the trainer's `done` event or recomputed from a saved history. */
  outcome: RunOutcome | null;
  /** What early stopping did in the last run (issue 15), as the trainer reported it; null without early stopping. */
  earlyStopping: EarlyStoppingReport | null;
  /** Issue 15: where the run writes its TensorBoard logs (from the `started` event), and why they stopped if they did. */
  tensorboard: { runDir: string; logDir: string } | null;
  /** Issue 16: with its words as data when the trainer sent them (rendered by `messageText`). */
  tensorboardError: { message: string; messageId?: string; params?: Record<string, string | number> } | null;
  /** What reduce-on-plateau and keep-best did in the last run (issue 15 callbacks); null when off. */
  reduceLrOnPlateau: ReduceLrReport | null;
  keepBest: KeepBestReport | null;
  /** The run continued saved weights (Keep training) instead of starting from fresh ones. */
  resumed: boolean;
  /** The run's points (per batch and per epoch): a new object whenever points are added. */
  series: RunSeries;
}

export const idleRun = (): RunState => ({
  status: 'idle',
  runId: null,
  epochs: 0,
  batchesPerEpoch: 0,
  epoch: 0,
  batch: 0,
  epochsDone: 0,
  elapsedMs: 0,
  etaMs: null,
  backend: null,
  message: null,
  problems: [],
  finalLogs: null,
  outcome: null,
  earlyStopping: null,
  tensorboard: null,
  tensorboardError: null,
  reduceLrOnPlateau: null,
  keepBest: null,
  resumed: false,
  series: emptySeries,
});

export const isActive = (run: RunState): boolean => run.status === 'starting' || run.status === 'running';

/**
 * The model the shown run left behind, the one answer to "is there a trained model?" for Predict,
 * the Data panel's fit and results, and model export.
 *
 * - `none`: no run, a run still training or starting, a failed run, or saved weights still loading.
 * - `usable` with `weights`:
 *   - `final`: the run completed; `stopped`: the user stopped it, the weights are those of the
 *     last batch trained;
 *   - `last-good`: the run diverged and the trainer put back the weights of the last epoch whose
 *     loss and metrics were all finite (`epoch`, 1-based; src/main/engine/train-loop.ts), or, for
 *     a run that resumed saved weights and diverged in its first epoch, the saved weights.
 * - `unusable`: the run diverged, and the weights it kept are not worth predicting with:
 *   - `diverged-before-first-epoch`: it diverged in its first epoch from fresh weights, so the
 *     trainer kept the initial random ones: nothing was learned;
 *   - `loss-rose`: the last epoch with finite numbers already had a higher training loss than the
 *     first epoch (`firstLoss`, `lastLoss` from the run's outcome): the weights were blowing up
 *     before they overflowed, and predict numbers that mean nothing (or overflow float32 too).
 */
export type TrainedModel =
  | { kind: 'none' }
  | { kind: 'usable'; runId: string; weights: 'final' | 'stopped' | 'last-good'; epoch: number }
  | { kind: 'unusable'; runId: string; reason: 'diverged-before-first-epoch' }
  | { kind: 'unusable'; runId: string; reason: 'loss-rose'; epoch: number; firstLoss: number; lastLoss: number };

const NO_MODEL: TrainedModel = { kind: 'none' };

export function trainedModel(run: RunState): TrainedModel {
  const { runId, status, epochsDone } = run;
  if (runId === null) return NO_MODEL;
  switch (status) {
    case 'done':
      return { kind: 'usable', runId, weights: 'final', epoch: epochsDone };
    case 'stopped':
      return { kind: 'usable', runId, weights: 'stopped', epoch: epochsDone };
    case 'diverged': {
      if (epochsDone === 0) {
        return run.resumed ? { kind: 'usable', runId, weights: 'last-good', epoch: 0 } : { kind: 'unusable', runId, reason: 'diverged-before-first-epoch' };
      }
      const loss = run.outcome?.loss;
      if (loss && divergedWeightsBlewUp(loss)) return { kind: 'unusable', runId, reason: 'loss-rose', epoch: epochsDone, firstLoss: loss.first, lastLoss: loss.last };
      return { kind: 'usable', runId, weights: 'last-good', epoch: epochsDone };
    }
    default:
      return NO_MODEL;
  }
}

/** Whether the run left a model to predict with and export (see {@link trainedModel}). */
export const hasModel = (run: RunState): boolean => trainedModel(run).kind === 'usable';

/** The run id of the usable trained model, or null (see {@link trainedModel}). */
export const usableRunId = (run: RunState): string | null => {
  const model = trainedModel(run);
  return model.kind === 'usable' ? model.runId : null;
};

/**
 * Which weights the Data panel's scatter plot shows the model of: the run's model after each
 * finished epoch while it trains (`final: false`), then the trained model once it ends (`final:
 * true`), or null. Two targets are the same model when {@link sameModel} says so.
 */
export interface ModelSnapshot {
  runId: string;
  /** Epochs done (1-based count) when the snapshot was asked for. */
  epoch: number;
  final: boolean;
}

export function previewModel(run: RunState): ModelSnapshot | null {
  if (run.status === 'running' && run.runId !== null) return run.epochsDone > 0 ? { runId: run.runId, epoch: run.epochsDone, final: false } : null;
  const model = trainedModel(run);
  return model.kind === 'usable' ? { runId: model.runId, epoch: model.epoch, final: true } : null;
}

/** Whether two snapshots name the same weights (field by field; null only equals null). */
export const sameModel = (a: ModelSnapshot | null, b: ModelSnapshot | null): boolean =>
  a === b || (a !== null && b !== null && a.runId === b.runId && a.epoch === b.epoch && a.final === b.final);

const STATUS_OF_REASON: Record<Trained['reason'], RunStatus> = { completed: 'done', stopped: 'stopped', diverged: 'diverged' };

/**
 * The run state of saved weights reopened with `model.load` (`runId` null while they load): a
 * finished run whose history is the saved one, so the charts and Predict work without training.
 */
export function runFromSaved(trained: Pick<Trained, 'reason' | 'history'>, runId: string | null, outcome: RunOutcome | null = null, elapsedMs = 0): RunState {
  const epochs = trained.history.length;
  const last = trained.history[epochs - 1];
  return {
    ...idleRun(),
    status: runId ? STATUS_OF_REASON[trained.reason] : 'idle',
    runId,
    epochs,
    epochsDone: epochs,
    finalLogs: last ? { ...last.logs } : null,
    outcome,
    series: seriesFromHistory(trained.history),
    elapsedMs,
  };
}

/** Folds one trainer event into the run state (its points into `series`). Events of other runs are ignored (the same state is returned). */
export function applyTrainEvent(run: RunState, event: TrainEvent): RunState {
  const waitingForStart = run.status === 'starting' && (run.runId === null || run.runId === event.runId);
  if (event.runId !== run.runId && !(waitingForStart && event.type === 'started')) return run;
  switch (event.type) {
    case 'started':
      return {
        ...run,
        status: 'running',
        runId: event.runId,
        epochs: event.epochs,
        batchesPerEpoch: event.batchesPerEpoch,
        backend: event.backend,
        epoch: 0,
        batch: 0,
        tensorboard: event.tensorboard ?? null,
        tensorboardError: null,
      };
    case 'progress': {
      const perEpoch = Math.max(1, run.batchesPerEpoch);
      const series = addEpochs(
        addBatches(
          run.series,
          event.batches.map((b) => b.epoch + (b.batch + 1) / perEpoch),
          event.batches.map((b) => b.loss),
        ),
        event.epochs,
      );
      let epochsDone = run.epochsDone;
      for (const e of event.epochs) epochsDone = Math.max(epochsDone, e.epoch + 1);
      return {
        ...run,
        status: run.status === 'starting' ? 'running' : run.status,
        series,
        epoch: event.epoch,
        batch: event.batch,
        epochsDone,
        elapsedMs: event.elapsedMs,
        etaMs: event.etaMs,
      };
    }
    case 'done': {
      const status: RunStatus = event.reason === 'completed' ? 'done' : event.reason === 'stopped' ? 'stopped' : 'diverged';
      return {
        ...run,
        status,
        elapsedMs: event.elapsedMs,
        etaMs: 0,
        finalLogs: event.finalLogs,
        message: event.message ?? null,
        messageId: event.messageId,
        params: event.params,
        outcome: event.outcome ?? null,
        earlyStopping: event.earlyStopping ?? null,
        tensorboardError: event.tensorboardError ? { message: event.tensorboardError, ...event.tensorboardErrorWords } : null,
        reduceLrOnPlateau: event.reduceLrOnPlateau ?? null,
        keepBest: event.keepBest ?? null,
      };
    }
    case 'failed':
      return { ...run, status: 'failed', message: event.message, messageId: event.messageId, params: event.params };
  }
}

export function runStatusText(run: RunState, t: Translate = english): string {
  // Train was refused: that is the news, whatever the last run was.
  if (run.problems.length > 0 && !isActive(run)) return t('run.refused');
  switch (run.status) {
    case 'idle':
      return t('run.ready');
    case 'starting':
      return t('run.starting');
    case 'running':
      return t('run.training', { epoch: Math.min(run.epoch + 1, Math.max(1, run.epochs)), epochs: run.epochs });
    case 'done':
      return run.outcome ? t('run.doneOutcome', { outcome: t(OUTCOME_KIND_KEY[run.outcome.kind]) }) : t('run.done');
    case 'stopped':
      return t('run.stopped');
    case 'diverged':
      return t('run.diverged', { message: run.message !== null ? messageText({ ...run, message: run.message }, t) : t('run.divergedDefault') });
    case 'failed':
      return run.problems.length > 0 ? t('run.refused') : t('run.failed', { message: run.message !== null ? messageText({ ...run, message: run.message }, t) : t('run.failedDefault') });
  }
}
