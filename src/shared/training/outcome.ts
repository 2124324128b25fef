import { z } from 'zod';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/types';
import { OPTIMIZERS, type DatasetSpec, type OptimizerName, type TrainingSettings } from '../project/schema';
import { defaultOptimizerSettings } from '../optimizers';
import { isTrainingOnlyType } from '../layers';
import { metricHistoryKeys } from '../metrics';
import { checkSplit, profileLabels } from '../data/split';

/**
 * What a finished run achieved, judged from its history alone: the same pure function runs in
 * the trainer (sent with the `done` event and printed by the CLI) and in the editor for a
 * reopened project's saved `trained.history`, so both say the same thing about the same run.
 *
 * Kinds:
 * - `learned`: the loss fell and (for classification with accuracy) accuracy rose above chance.
 * - `did-not-learn`: the loss fell by less than {@link MIN_LOSS_DROP} of its first-epoch value, or
 *   accuracy stayed within {@link CHANCE_MARGIN} of chance level.
 * - `diverged`: the trainer's NaN watchdog stopped the run (a loss or metric became NaN/±∞).
 * - `overfitting`: validation loss rose for at least {@link OVERFIT_PATIENCE} epochs after its
 *   lowest point, ending more than {@link OVERFIT_MIN_RISE} above it, while training loss fell.
 * - `stopped`: the user stopped the run before its last epoch.
 */

// ---------------------------------------------------------------- thresholds

/**
 * A run whose loss (mean of its last {@link TAIL_EPOCHS} epochs) is not at least 5 % below its
 * first epoch's did not learn. The first epoch's loss is already a running mean over that epoch,
 * so a model that learns at all beats it by far more (the tutorial classifier: −24 % in 30
 * epochs at RMSprop's default rate; the regression tutorial: −90 %); a stuck run (saturated
 * softmax, dead ReLUs, a learning rate that overshoots every step) moves by ~0 % or rises.
 * A one-epoch run has nothing to compare, so only the accuracy test applies to it.
 */
export const MIN_LOSS_DROP = 0.05;
/**
 * Accuracy within 5 points of chance is chance: chance is the share of the most common class
 * (what "always answer the majority class" scores), or 1/classes when the shares are unknown.
 * Five points is well above the epoch-to-epoch noise of a stuck model (±1 point on the tutorial
 * classifier) and well below what a model that learned reaches.
 */
export const CHANCE_MARGIN = 0.05;
/** Epochs averaged for "the end of the run", so one noisy epoch decides nothing. */
export const TAIL_EPOCHS = 3;
/** Keras' `EarlyStopping` is usually given a patience of about 5 epochs; so is this check. */
export const OVERFIT_PATIENCE = 5;
/** Validation loss must end 10 % above its lowest value: smaller rises are common noise. */
export const OVERFIT_MIN_RISE = 0.1;
/** A learning rate this many times the optimizer's Keras default is called high. */
export const HIGH_LEARNING_RATE_FACTOR = 10;
/** ...and this many times below it, low. */
export const LOW_LEARNING_RATE_FACTOR = 10;
/**
 * Unnormalised inputs are a likely cause when a feature's typical magnitude (|mean| + std) is
 * above 10, or the largest feature spread is 100 times the smallest: then the first layer's
 * Glorot-initialised weights turn them into pre-activations in the hundreds, which saturate
 * softmax/sigmoid and make the gradients vanish (the wine data: proline ~750 ± 300, hue ~1 ± 0.2).
 */
export const UNSCALED_MAGNITUDE = 10;
export const UNSCALED_SPREAD_RATIO = 100;
/**
 * Validation loss is smoothed over this many epochs before looking for its lowest point and its
 * rise: one lucky epoch (the xor template dips to 0.032 once among values of 0.033–0.06) is not a
 * "best" that the run then overfits from.
 */
export const OVERFIT_SMOOTHING = 5;
/** Dropout rate the overfitting remedy adds (a common first choice; Keras' examples use 0.2–0.5). */
export const REMEDY_DROPOUT_RATE = 0.2;

// ---------------------------------------------------------------- the outcome, as data

export const OUTCOME_KINDS = ['learned', 'did-not-learn', 'diverged', 'overfitting', 'stopped'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const OptimizerNameSchema = z.enum(OPTIMIZERS);

/** Why a run did not learn, diverged or overfit: each cause with the numbers it rests on. */
export const CauseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('learning-rate-too-high'), optimizer: OptimizerNameSchema, learningRate: z.number(), defaultLearningRate: z.number() }),
  z.object({ kind: z.literal('learning-rate-too-low'), optimizer: OptimizerNameSchema, learningRate: z.number(), defaultLearningRate: z.number() }),
  /** A CSV feature on a large scale while normalisation is off. */
  z.object({ kind: z.literal('inputs-not-normalized'), feature: z.string(), mean: z.number(), std: z.number() }),
  /** The loss was still falling at the last epoch. */
  z.object({ kind: z.literal('still-improving'), epochs: z.number().int() }),
  /** No setting explains it: the model may be too small, or the features may not predict the label. */
  z.object({ kind: z.literal('weak-model-or-data') }),
  /** Training loss kept falling while validation loss rose: the model fits the training rows' noise. */
  z.object({ kind: z.literal('memorizing') }),
  /**
   * Regression: the training loss ended no lower than always answering the labels' mean (MSE) or
   * median (MAE, Huber) would score — the model has learned nothing usable yet.
   */
  z.object({ kind: z.literal('worse-than-constant'), loss: z.number(), baseline: z.number() }),
  /** The held-out rows measure nothing: the file is sorted by the label, or they hold a class never trained on (src/shared/data/split.ts). */
  z.object({ kind: z.literal('unrepresentative-validation'), problem: z.enum(['sorted', 'class-not-trained']) }),
]);
export type Cause = z.infer<typeof CauseSchema>;

/** A one-click remedy; the editor turns each into an undoable command. */
export const RemedySchema = z.discriminatedUnion('kind', [
  /** `basis`: the optimizer's Keras default, or a tenth of the current rate. */
  z.object({ kind: z.literal('set-learning-rate'), learningRate: z.number().positive(), basis: z.enum(['optimizer-default', 'tenth']), optimizer: OptimizerNameSchema }),
  /** Turn the CSV dataset's z-score normalisation on (its means and stds were learned at import). */
  z.object({ kind: z.literal('normalize-inputs') }),
  /** Insert Dropout(rate) before the output layer. */
  z.object({ kind: z.literal('add-dropout'), rate: z.number().gt(0).lt(1) }),
  /** `longer`: more epochs; `best-epoch`: stop where validation loss was lowest. */
  z.object({ kind: z.literal('set-epochs'), epochs: z.number().int().positive(), basis: z.enum(['longer', 'best-epoch']) }),
  /** Hold out rows at random (`shuffle`) or class by class (`stratified`) instead of the file's last rows. */
  z.object({ kind: z.literal('set-split-mode'), mode: z.enum(['shuffle', 'stratified']) }),
]);
export type Remedy = z.infer<typeof RemedySchema>;

export const RunOutcomeSchema = z.object({
  kind: z.enum(OUTCOME_KINDS),
  /** Epochs completed. */
  epochs: z.number().int().nonnegative(),
  /** Epochs asked for. */
  plannedEpochs: z.number().int().nonnegative(),
  /**
   * Training loss of the first and the last epoch, the mean of the last {@link TAIL_EPOCHS} (what
   * the judgement uses, so one noisy epoch decides nothing) and `change` = (tailMean − first) / |first|.
   * Null without epochs.
   */
  loss: z.object({ first: z.number(), last: z.number(), tailMean: z.number(), change: z.number() }).nullable(),
  /** Training accuracy of the last epoch, its mean over the last epochs (judged) and chance level, for classification with accuracy. */
  accuracy: z.object({ last: z.number(), tailMean: z.number(), chance: z.number() }).optional(),
  /** Overfitting: 1-based epoch from which validation loss rose, its lowest and last values. */
  overfitting: z.object({ fromEpoch: z.number().int(), bestValLoss: z.number(), lastValLoss: z.number() }).optional(),
  causes: z.array(CauseSchema),
  remedies: z.array(RemedySchema),
});
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

// ---------------------------------------------------------------- what the judgement needs

export interface UnscaledFeature {
  feature: string;
  mean: number;
  std: number;
}

export interface OutcomeContext {
  /** How the trainer ended the run. */
  reason: 'completed' | 'stopped' | 'diverged';
  plannedEpochs: number;
  task: 'classification' | 'regression';
  numClasses?: number;
  /** Share (0–1) of the most common class over the dataset's rows, when known. */
  majorityShare?: number;
  optimizer: { type: OptimizerName; learningRate: number };
  /** A feature that makes unnormalised inputs a likely cause; only for CSV data with normalisation off. */
  unscaled?: UnscaledFeature;
  hasDropout: boolean;
  /** Regression: the loss of always answering the labels' mean (MSE) or median (MAE, Huber); see {@link constantBaselineLoss}. */
  baselineLoss?: number;
  /** Why the held-out rows measure nothing, when they do not (with the split mode that fixes it). */
  unrepresentative?: { problem: 'sorted' | 'class-not-trained'; fix: 'shuffle' | 'stratified' };
}

type History = readonly { epoch: number; logs: Record<string, number> }[];

/** tfjs names the `accuracy` metric `acc`; projects may carry either. */
const ACCURACY_KEYS = metricHistoryKeys('accuracy');

/**
 * The context of a project's run: settings, graph and dataset spec, plus what only the rows tell
 * (`majorityShare`, from {@link majorityClassShare}; leave it out when the rows are not at hand).
 */
export function outcomeContext(
  project: { graph: Pick<Graph, 'nodes'>; training: TrainingSettings; dataset: DatasetSpec },
  data: { task: 'classification' | 'regression'; numClasses?: number; majorityShare?: number },
  reason: OutcomeContext['reason'],
): OutcomeContext {
  const unscaled = project.dataset.kind === 'csv' && !project.dataset.normalize ? unscaledFeature(project.dataset.transform) : undefined;
  return {
    reason,
    plannedEpochs: project.training.epochs,
    task: data.task,
    ...(data.numClasses !== undefined ? { numClasses: data.numClasses } : {}),
    ...(data.majorityShare !== undefined ? { majorityShare: data.majorityShare } : {}),
    optimizer: { type: project.training.optimizer.type, learningRate: project.training.optimizer.learningRate },
    ...(unscaled ? { unscaled } : {}),
    hasDropout: project.graph.nodes.some((n) => isTrainingOnlyType(n.type)),
  };
}

/**
 * The outcome of a run of `project` on `dataset` from its history (the whole history for a
 * resumed run). The trainer, the command line and the editor (for a reopened project) all call
 * this. `dataset.rows` must be every row for the chance level to use the majority share; pass
 * `complete: false` for a partial sample and chance falls back to 1/classes.
 */
export function assessProjectRun(
  project: { graph: Pick<Graph, 'nodes'>; training: TrainingSettings; dataset: DatasetSpec },
  dataset: Pick<Dataset, 'task' | 'rows' | 'y' | 'labelWidth' | 'labelEncoding' | 'numClasses'>,
  reason: OutcomeContext['reason'],
  history: History,
  options: { plannedEpochs?: number; complete?: boolean; majorityShare?: number } = {},
): RunOutcome {
  const complete = options.complete !== false;
  // A caller holding only a sample of the rows may still know every row's class counts (main's label summary).
  const majorityShare = options.majorityShare ?? (complete ? majorityClassShare(dataset) : undefined);
  const context = outcomeContext(project, { task: dataset.task, numClasses: dataset.numClasses, majorityShare }, reason);
  const baselineLoss = complete ? constantBaselineLoss(dataset, project.training.loss) : undefined;
  const split = complete && project.training.validationSplit + project.training.testSplit > 0 ? checkSplit(profileLabels(dataset), project.training) : [];
  const bad = split.find((p) => p.code === 'split-class-not-trained') ?? split.find((p) => p.code === 'split-sorted-file');
  const unrepresentative = bad ? { problem: bad.code === 'split-sorted-file' ? ('sorted' as const) : ('class-not-trained' as const), fix: bad.fix.mode === 'stratified' ? ('stratified' as const) : ('shuffle' as const) } : undefined;
  return assessRun(history, {
    ...context,
    plannedEpochs: options.plannedEpochs ?? project.training.epochs,
    ...(baselineLoss !== undefined ? { baselineLoss } : {}),
    ...(unrepresentative ? { unrepresentative } : {}),
  });
}

/**
 * Regression only: the loss a model scores by always answering one constant — the labels' mean
 * for mean squared error, their median for mean absolute error and Huber loss (delta 1, as
 * `tf.losses.huberLoss` and Keras' `Huber()` default) — over every row and label column.
 * A trained model that does not beat it has learned nothing usable. Undefined for classification
 * or an empty dataset.
 */
export function constantBaselineLoss(dataset: Pick<Dataset, 'task' | 'rows' | 'y' | 'labelWidth'>, loss: TrainingSettings['loss']): number | undefined {
  if (dataset.task !== 'regression' || dataset.rows === 0) return undefined;
  if (loss !== 'meanSquaredError' && loss !== 'meanAbsoluteError' && loss !== 'huberLoss') return undefined;
  let total = 0;
  for (let c = 0; c < dataset.labelWidth; c++) {
    const column = Float64Array.from({ length: dataset.rows }, (_, r) => dataset.y[r * dataset.labelWidth + c]);
    if (loss === 'meanSquaredError') {
      const m = column.reduce((a, b) => a + b, 0) / column.length;
      total += column.reduce((a, v) => a + (v - m) ** 2, 0) / column.length;
    } else {
      const sorted = Float64Array.from(column).sort();
      const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      const huber = (e: number) => (e <= 1 ? 0.5 * e * e : e - 0.5);
      total += column.reduce((a, v) => a + (loss === 'meanAbsoluteError' ? Math.abs(v - median) : huber(Math.abs(v - median))), 0) / column.length;
    }
  }
  return total / dataset.labelWidth;
}

/** The share of the most common class among all rows of a classification dataset (one-hot or index labels); undefined otherwise. */
export function majorityClassShare(dataset: Pick<Dataset, 'task' | 'rows' | 'y' | 'labelWidth' | 'labelEncoding' | 'numClasses'>): number | undefined {
  if (dataset.task !== 'classification' || dataset.rows === 0) return undefined;
  const counts = new Map<number, number>();
  for (let r = 0; r < dataset.rows; r++) {
    let cls: number;
    if (dataset.labelEncoding === 'onehot') {
      cls = 0;
      for (let c = 1; c < dataset.labelWidth; c++) if (dataset.y[r * dataset.labelWidth + c] > dataset.y[r * dataset.labelWidth + cls]) cls = c;
    } else cls = Math.round(dataset.y[r * dataset.labelWidth]);
    counts.set(cls, (counts.get(cls) ?? 0) + 1);
  }
  return Math.max(...counts.values()) / dataset.rows;
}

/** The feature on the largest scale, when the scales call for normalisation (see {@link UNSCALED_MAGNITUDE}). */
export function unscaledFeature(transform: { featureNames: string[]; means: number[]; stds: number[] }): UnscaledFeature | undefined {
  const n = Math.min(transform.featureNames.length, transform.means.length, transform.stds.length);
  if (n === 0) return undefined;
  let largest = 0;
  let smallestStd = Infinity;
  let largestStd = 0;
  for (let f = 0; f < n; f++) {
    const magnitude = Math.abs(transform.means[f]) + transform.stds[f];
    if (magnitude > Math.abs(transform.means[largest]) + transform.stds[largest]) largest = f;
    smallestStd = Math.min(smallestStd, transform.stds[f]);
    largestStd = Math.max(largestStd, transform.stds[f]);
  }
  const magnitude = Math.abs(transform.means[largest]) + transform.stds[largest];
  if (magnitude <= UNSCALED_MAGNITUDE && largestStd <= UNSCALED_SPREAD_RATIO * smallestStd) return undefined;
  return { feature: transform.featureNames[largest], mean: transform.means[largest], std: transform.stds[largest] };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const tail = (history: History, key: string): number[] =>
  history
    .slice(-TAIL_EPOCHS)
    .map((h) => h.logs[key])
    .filter((v): v is number => Number.isFinite(v));

/** Judges a run from its per-epoch history (epochs in order, logs as the trainer reports them). */
export function assessRun(history: History, context: OutcomeContext): RunOutcome {
  const epochs = history.length;
  const lossValues = history.map((h) => h.logs.loss).filter((v) => Number.isFinite(v));
  const first = lossValues[0];
  const lastLosses = tail(history, 'loss');
  const loss =
    first !== undefined && lastLosses.length > 0
      ? { first, last: lastLosses[lastLosses.length - 1], tailMean: mean(lastLosses), change: first === 0 ? 0 : (mean(lastLosses) - first) / Math.abs(first) }
      : null;

  const accuracyKey = ACCURACY_KEYS.find((k) => history.some((h) => Number.isFinite(h.logs[k])));
  const chance =
    context.task === 'classification' ? (context.majorityShare ?? (context.numClasses ? 1 / context.numClasses : undefined)) : undefined;
  const lastAccuracy = accuracyKey ? tail(history, accuracyKey) : [];
  const accuracy = chance !== undefined && lastAccuracy.length > 0 ? { last: lastAccuracy[lastAccuracy.length - 1], tailMean: mean(lastAccuracy), chance } : undefined;

  const base = { epochs, plannedEpochs: context.plannedEpochs, loss, ...(accuracy ? { accuracy } : {}) };
  const { type: optimizer, learningRate } = context.optimizer;
  const defaultLearningRate = defaultOptimizerSettings(optimizer).learningRate;
  const rateIsHigh = learningRate >= HIGH_LEARNING_RATE_FACTOR * defaultLearningRate;
  const rateIsLow = learningRate * LOW_LEARNING_RATE_FACTOR <= defaultLearningRate;
  // Above the Keras default, the default is the remedy (a tenth of 10 is still 100× RMSprop's
  // default, and the tutorial classifier stays stuck at 1 and 0.1 as it does at 10); at or below
  // it, a tenth of the current rate.
  const lowerRate = (): Remedy[] =>
    learningRate > defaultLearningRate
      ? [{ kind: 'set-learning-rate', learningRate: defaultLearningRate, basis: 'optimizer-default', optimizer }]
      : [{ kind: 'set-learning-rate', learningRate: Number((learningRate / 10).toPrecision(6)), basis: 'tenth', optimizer }];
  const normalizeCause = (): { causes: Cause[]; remedies: Remedy[] } =>
    context.unscaled ? { causes: [{ kind: 'inputs-not-normalized', ...context.unscaled }], remedies: [{ kind: 'normalize-inputs' }] } : { causes: [], remedies: [] };

  if (context.reason === 'stopped') return { kind: 'stopped', ...base, causes: [], remedies: [] };

  if (context.reason === 'diverged') {
    const normalize = normalizeCause();
    const causes: Cause[] = [{ kind: 'learning-rate-too-high', optimizer, learningRate, defaultLearningRate }, ...normalize.causes];
    // Normalising first: with raw inputs in the hundreds no learning rate is safe for long.
    return { kind: 'diverged', ...base, causes, remedies: [...normalize.remedies, ...lowerRate()] };
  }

  const lossStuck = loss !== null && epochs >= 2 && -loss.change < MIN_LOSS_DROP;
  const atChance = accuracy !== undefined && accuracy.tailMean <= accuracy.chance + CHANCE_MARGIN;
  const noBetterThanConstant = loss !== null && context.baselineLoss !== undefined && loss.tailMean >= context.baselineLoss;
  // Held-out rows that measure nothing come first: no other remedy can make them meaningful.
  const splitCause = (): { causes: Cause[]; remedies: Remedy[] } =>
    context.unrepresentative
      ? { causes: [{ kind: 'unrepresentative-validation', problem: context.unrepresentative.problem }], remedies: [{ kind: 'set-split-mode', mode: context.unrepresentative.fix }] }
      : { causes: [], remedies: [] };
  if (lossStuck || atChance || noBetterThanConstant) {
    const causes: Cause[] = [];
    const remedies: Remedy[] = [];
    if (noBetterThanConstant) causes.push({ kind: 'worse-than-constant', loss: loss.tailMean, baseline: context.baselineLoss! });
    const normalize = normalizeCause();
    causes.push(...normalize.causes);
    remedies.push(...normalize.remedies);
    const rose = loss !== null && loss.change > 0;
    if (rateIsHigh || (rose && learningRate > defaultLearningRate)) {
      causes.push({ kind: 'learning-rate-too-high', optimizer, learningRate, defaultLearningRate });
      remedies.push(...lowerRate());
    }
    const falling = stillFalling(history);
    if (rateIsLow && falling) {
      causes.push({ kind: 'learning-rate-too-low', optimizer, learningRate, defaultLearningRate });
      remedies.push({ kind: 'set-learning-rate', learningRate: defaultLearningRate, basis: 'optimizer-default', optimizer });
    }
    if (falling) {
      causes.push({ kind: 'still-improving', epochs });
      remedies.push({ kind: 'set-epochs', epochs: Math.min(100_000, Math.max(epochs * 2, epochs + 10)), basis: 'longer' });
    }
    if (causes.length === 0) causes.push({ kind: 'weak-model-or-data' });
    return { kind: 'did-not-learn', ...base, causes, remedies };
  }

  const overfit = findOverfitting(history);
  if (overfit) {
    const split = splitCause();
    if (split.causes.length > 0) return { kind: 'overfitting', ...base, overfitting: overfit, causes: split.causes, remedies: split.remedies };
    const remedies: Remedy[] = [];
    if (!context.hasDropout) remedies.push({ kind: 'add-dropout', rate: REMEDY_DROPOUT_RATE });
    remedies.push({ kind: 'set-epochs', epochs: Math.max(1, overfit.fromEpoch - 1), basis: 'best-epoch' });
    return { kind: 'overfitting', ...base, overfitting: overfit, causes: [{ kind: 'memorizing' }], remedies };
  }
  return { kind: 'learned', ...base, causes: [], remedies: [] };
}

/** The loss fell in each of the last epochs (by more than float noise): more epochs would help. */
function stillFalling(history: History): boolean {
  const values = history.slice(-TAIL_EPOCHS - 1).map((h) => h.logs.loss);
  if (values.length < 2 || values.some((v) => !Number.isFinite(v))) return false;
  for (let i = 1; i < values.length; i++) if (!(values[i] < values[i - 1] * (1 - 1e-4))) return false;
  return true;
}

/**
 * Validation loss, smoothed over OVERFIT_SMOOTHING epochs, lowest at epoch b, then at least
 * OVERFIT_PATIENCE epochs after it with the last smoothed value OVERFIT_MIN_RISE above the lowest,
 * while training loss at the end is below its value at b. Returns the 1-based epoch after the
 * lowest raw value in b's window (where the rise began), that value and the last epoch's value.
 */
function findOverfitting(history: History): RunOutcome['overfitting'] | undefined {
  const raw = history.map((h) => h.logs.val_loss);
  if (raw.length < OVERFIT_PATIENCE + 1 || raw.some((v) => !Number.isFinite(v))) return undefined;
  // Trailing mean over OVERFIT_SMOOTHING epochs (fewer at the start).
  const val = raw.map((_, i) => mean(raw.slice(Math.max(0, i - OVERFIT_SMOOTHING + 1), i + 1)));
  let best = 0;
  for (let i = 1; i < val.length; i++) if (val[i] < val[best]) best = i;
  const after = val.length - 1 - best;
  if (after < OVERFIT_PATIENCE) return undefined;
  const lastVal = val[val.length - 1];
  if (!(lastVal > val[best] * (1 + OVERFIT_MIN_RISE))) return undefined;
  const trainAtBest = history[best].logs.loss;
  const trainLast = mean(tail(history, 'loss'));
  if (!(trainLast < trainAtBest)) return undefined;
  // Reported in the raw numbers people see in the log: the lowest epoch inside the best window, and the last epoch.
  let rawBest = best;
  for (let i = Math.max(0, best - OVERFIT_SMOOTHING + 1); i <= best; i++) if (raw[i] < raw[rawBest]) rawBest = i;
  return { fromEpoch: rawBest + 2, bestValLoss: raw[rawBest], lastValLoss: raw[raw.length - 1] };
}
