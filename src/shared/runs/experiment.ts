import { generatorInfo } from '../data/generators';
import { splitCounts } from '../data/split';
import { TRAINING_LIMITS } from '../training/limits';
import type { DatasetSpec, RunRecord, TrainingSettings } from '../project/schema';

/**
 * The learner's batch-size experiment (issue 15): the open model trained three times — batch size
 * = every training row (batch gradient descent), 1 (stochastic gradient descent) and 32
 * (mini-batch, Keras' `fit` default `batch_size=32`) — as the Keras tutorial contrasts them, then
 * the three loss curves overlaid against epochs and against seconds.
 */

/** The three kinds, in the order they run (the order). */
export const EXPERIMENT_KINDS = ['batch', 'stochastic', 'minibatch'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/**
 * At most this many weight updates for the batch-size-1 run (one per training row per epoch): the
 * experiment's epochs are capped so it stays short (about 20 s on the general training step, less
 * on the fused one). 20,000 leaves the Keras tutorial regression's 200 epochs × 100 rows as it is.
 */
export const EXPERIMENT_MAX_SGD_STEPS = 20_000;

/** Keras `Model.fit`'s default `batch_size` (keras/src/trainers/trainer.py): the mini-batch run's size. */
export const KERAS_DEFAULT_BATCH_SIZE = 32;

/** The number of rows of a dataset spec: a CSV or image import's `rows`, a generator's `samples` (or its default). */
export function datasetRowCount(spec: DatasetSpec): number {
  return spec.kind === 'generator' ? generatorInfo(spec).rows : spec.rows;
}

/** The experiment's plan: its three runs' settings and how (and whether) the epochs were capped. */
export interface ExperimentPlan {
  /** Rows each epoch trains on (after the validation and test splits): the batch GD run's batch size. */
  trainRows: number;
  /** Epochs of every run (the same for all three, so the curves compare epoch for epoch). */
  epochs: number;
  /** The project's epochs, when the cap lowered them. */
  cappedFrom: number | null;
  runs: { kind: ExperimentKind; batchSize: number; training: TrainingSettings }[];
}

/**
 * The three runs' settings: the document's, with `batchSize` = trainRows / 1 / 32 and every run
 * at `epochs` = min(the project's epochs, ⌊EXPERIMENT_MAX_SGD_STEPS / trainRows⌋, at least 1),
 * so the batch-size-1 run makes at most EXPERIMENT_MAX_SGD_STEPS updates (one epoch if the
 * training rows alone exceed it). Null when no rows are left for training.
 */
export function planBatchSizeExperiment(training: TrainingSettings, dataset: DatasetSpec): ExperimentPlan | null {
  const trainRows = splitCounts(datasetRowCount(dataset), training).train;
  if (trainRows < 1) return null;
  const epochs = Math.max(1, Math.min(training.epochs, Math.floor(EXPERIMENT_MAX_SGD_STEPS / trainRows)));
  const sizes: Record<ExperimentKind, number> = { batch: Math.min(trainRows, TRAINING_LIMITS.batchSize.max), stochastic: 1, minibatch: KERAS_DEFAULT_BATCH_SIZE };
  return {
    trainRows,
    epochs,
    cappedFrom: epochs < training.epochs ? training.epochs : null,
    runs: EXPERIMENT_KINDS.map((kind) => ({ kind, batchSize: sizes[kind], training: { ...training, batchSize: sizes[kind], epochs } })),
  };
}

/** A new experiment's group id (`origin.groupId` of its runs). */
export function newExperimentId(now: Date = new Date()): string {
  return `experiment-${now.getTime().toString(36)}`;
}

/**
 * The latest experiment's runs, in trial order (one per trial: the latest run of each): the group
 * of the last run whose origin is `experiment`. Empty when the project has none.
 */
export function latestExperimentRuns<R extends Pick<RunRecord, 'origin'>>(runs: readonly R[]): R[] {
  const last = [...runs].reverse().find((r) => r.origin.kind === 'experiment' && r.origin.groupId);
  if (!last) return [];
  const byTrial = new Map<number, R>();
  for (const run of runs) if (run.origin.groupId === last.origin.groupId && run.origin.trial !== undefined) byTrial.set(run.origin.trial, run);
  return [...byTrial.entries()].sort((a, b) => a[0] - b[0]).map(([, run]) => run);
}
