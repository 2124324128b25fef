import * as tf from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../shared/project/schema';
import { findNonFinite } from '../../shared/data/generators';
import { createRandom } from '../../shared/data/random';
import type { Dataset } from '../../shared/data/types';
import { splitCounts, splitRows, type RowSplit } from '../../shared/data/split';
import { FastDenseTrainer, type FastPathSource } from './fast-dense';
import { formatShape } from '../../shared/layers/params';
import { earlyStoppingStep, initialEarlyStoppingState, type EarlyStoppingReport } from '../../shared/training/early-stopping';
import { initialReduceLrState, LEARNING_RATE_LOG, reduceLrStep, type ReduceLrReport } from '../../shared/training/reduce-lr-on-plateau';
import { learningRateAt } from '../../shared/training/lr-schedule';
import { initialKeepBestState, keepBestStep, type KeepBestReport } from '../../shared/training/keep-best';
import { optimizerLearningRate, setLearningRate } from './learning-rate';
import { runWords, type MessageWords } from '../../shared/training/run-messages';
import type { MessageParams } from '../../shared/graph/problem-text';

/**
 * Our own training loop, replacing `model.fit`. It keeps Keras' semantics (shuffle every epoch,
 * keep the last partial batch, validation rows held out before shuffling — Keras' last rows, or
 * as `splitRows` chooses for the other split modes — running
 * means of loss and metrics per epoch, `val_` metrics at each epoch end) but builds batches by
 * copying Float32Array rows instead of `tf.gather`, never awaits per batch and reads the
 * per-batch losses back in bulk, which is most of what makes `fit` slow on wasm and cpu.
 *
 * Epochs and batches are counted from 0, as tfjs callbacks do.
 */

export type EpochLogs = Record<string, number>;
export interface EpochRecord {
  epoch: number;
  logs: EpochLogs;
}

export interface TrainProgress {
  /** Per-batch training loss since the last progress message. */
  batches: { epoch: number; batch: number; loss: number }[];
  /** Epochs completed since the last progress message, each with its wall-clock duration (training and validation). */
  epochs: (EpochRecord & { durationMs: number })[];
  epoch: number;
  batch: number;
  elapsedMs: number;
  etaMs: number | null;
}

export interface RunPlan {
  epochs: number;
  batchesPerEpoch: number;
  trainSamples: number;
  validationSamples: number;
  /** Rows held out for the test, evaluated once after training. */
  testSamples: number;
}

/** `splitMode` and `testSplit` may be left out: Keras' last rows, no test split. */
export type LoopSettings = Pick<TrainingSettings, 'epochs' | 'batchSize' | 'validationSplit' | 'shuffle' | 'seed'> &
  Partial<Pick<TrainingSettings, 'splitMode' | 'testSplit' | 'earlyStopping' | 'reduceLrOnPlateau' | 'lrSchedule' | 'keepBest'>>;

export interface TrainLoopOptions {
  /** A compiled model: `compileModel` (or `model.compile`) has set its optimizer, loss and metrics. */
  model: tf.LayersModel;
  dataset: Dataset;
  settings: LoopSettings;
  /** Called at most once per `progressIntervalMs`, and once at the end with whatever is left. */
  onProgress?: (progress: TrainProgress) => void;
  /** Polled after every batch; the loop yields to the event loop often enough for a stop message to arrive. */
  shouldStop?: () => boolean;
  progressIntervalMs?: number;
  /**
   * The graph's plan and the training settings the model was built and compiled from: the fast
   * Dense path reads its layers and optimizer there. Without it the general path runs.
   */
  source?: FastPathSource;
  /**
   * `auto` (default) takes the fast Dense path when the model, loss, optimizer and backend allow
   * it, else the general one; `general` always uses tfjs' own training step (tests, benchmarks).
   */
  path?: 'auto' | 'general';
}

/** Which training step ran, and for `general`, why the fast path could not. */
export interface TrainPath {
  kind: 'fast' | 'general';
  description: string;
}

export interface TrainOutcome {
  reason: 'completed' | 'stopped' | 'diverged';
  /** For `diverged`: what happened and what to try (English, rendered from `messageId` + `params`). */
  message?: string;
  /** For `diverged`: the message's id in RUN_MESSAGES_EN (src/shared/training/run-messages.ts) and its parameters. */
  messageId?: string;
  params?: MessageParams;
  history: EpochRecord[];
  /** Logs of the last completed epoch ({} when none completed). */
  finalLogs: EpochLogs;
  /**
   * The test split evaluated once with the final weights (`test_loss`, `test_<metric>`), kept
   * apart from the `val_` logs; absent without a test split or when no epoch completed.
   */
  testLogs?: EpochLogs;
  elapsedMs: number;
  path: TrainPath;
  /** Present when the settings asked for early stopping and at least one epoch completed. */
  earlyStopping?: EarlyStoppingOutcome;
  /** Present when the settings asked for reduce-on-plateau and at least one epoch completed. */
  reduceLrOnPlateau?: ReduceLrOutcome;
  /** Present when the settings asked to keep the best epoch's weights and at least one epoch completed. */
  keepBest?: KeepBestReport;
}

/** What reduce-on-plateau did (Keras 3 `ReduceLROnPlateau`): each reduction after epoch `epoch` (0-based) to `lr`, and the rate training ended with. */
export type ReduceLrOutcome = ReduceLrReport;

/** What early stopping did in a run (Keras 3 `EarlyStopping`; epochs counted from 0). */
export type EarlyStoppingOutcome = EarlyStoppingReport;

/** The data cannot be trained on; the message names the row and column or the setting at fault. */
export class TrainDataError extends Error {
  readonly code = 'bad-data';
  /** Issue 16: the message as data (RUN_MESSAGES_EN in src/shared/training/run-messages.ts). */
  readonly messageId: string;
  readonly params: MessageParams;
  constructor(words: MessageWords) {
    super(words.message);
    this.name = 'TrainDataError';
    this.messageId = words.messageId;
    this.params = words.params;
  }
}

/** Row counts from `splitCounts` (Keras: `split_at = int(n * (1 - validation_split))`), batches per epoch. */
export function planRun(dataset: Pick<Dataset, 'rows'>, settings: LoopSettings): RunPlan {
  const counts = splitCounts(dataset.rows, settings);
  return {
    epochs: settings.epochs,
    batchesPerEpoch: Math.ceil(Math.max(0, counts.train) / settings.batchSize),
    trainSamples: counts.train,
    validationSamples: counts.validation,
    testSamples: counts.test,
  };
}

/** Refuses data that cannot train, before any tensor is made. */
export function checkTrainable(dataset: Dataset, settings: LoopSettings): RunPlan {
  const bad = findNonFinite(dataset);
  if (bad) {
    const value = (bad.where === 'feature' ? dataset.x : dataset.y)[bad.row * (bad.where === 'feature' ? dataset.numFeatures : dataset.labelWidth) + bad.column];
    throw new TrainDataError(
      runWords(bad.where === 'feature' ? 'train.data.nonFinite.feature' : 'train.data.nonFinite.label', { row: bad.row + 1, column: bad.name, index: bad.column + 1, value: String(value) }),
    );
  }
  if (dataset.x.length !== dataset.rows * dataset.numFeatures || dataset.y.length !== dataset.rows * dataset.labelWidth) {
    throw new TrainDataError(
      runWords('train.data.arraySizes', { rows: dataset.rows, features: dataset.numFeatures, labelWidth: dataset.labelWidth, gotFeatures: dataset.x.length, gotLabels: dataset.y.length }),
    );
  }
  const plan = planRun(dataset, settings);
  if (plan.trainSamples < 1) {
    const split = { rows: dataset.rows, validationSplit: settings.validationSplit, validationRows: plan.validationSamples };
    throw new TrainDataError(
      plan.testSamples > 0
        ? runWords('train.data.noTrainRowsTest', { ...split, testSplit: settings.testSplit ?? 0, testRows: plan.testSamples })
        : runWords('train.data.noTrainRows', split),
    );
  }
  return plan;
}


/** One tfjs training step on `[x, y]`: `[loss, ...metrics]` as batch means (`makeTrainFunction`'s contract). */
export type TrainStep = (data: tf.Tensor[]) => tf.Scalar[];

/**
 * The general tfjs training step of a compiled model: what `fit` and `trainOnBatch` use —
 * training-mode forward pass (dropout on), loss + regulariser penalties, `optimizer.minimize`,
 * metrics as batch means. A Sequential keeps its compiled state on an inner functional model.
 */
export function generalTrainStep(model: tf.LayersModel): TrainStep {
  const compiled = model instanceof tf.Sequential ? (model as unknown as { model: tf.LayersModel }).model : model;
  return (compiled as unknown as { makeTrainFunction(): TrainStep }).makeTrainFunction();
}

/**
 * Copies rows `order[begin … begin+size)` of the dataset into the batch buffers `xb`
 * (`size × numFeatures`) and `yb` (`size × labelWidth`), row-major.
 */
export function fillBatch(dataset: Dataset, order: ArrayLike<number>, begin: number, size: number, xb: Float32Array, yb: Float32Array): void {
  const features = dataset.numFeatures;
  const labelWidth = dataset.labelWidth;
  for (let r = 0; r < size; r++) {
    const row = order[begin + r];
    xb.set(dataset.x.subarray(row * features, (row + 1) * features), r * features);
    yb.set(dataset.y.subarray(row * labelWidth, (row + 1) * labelWidth), r * labelWidth);
  }
}

/**
 * Refuses a model whose output keeps image or sequence axes (rank > 2, e.g. `(None, 6, 6, 10)`
 * from a Dense straight after a Conv2D): labels are one row of `labelWidth` values per example,
 * so tfjs would fail mid-step with a bare "Size(…) must match the product of shape …". Validation
 * (`output-keeps-axes`) refuses this before Train with the fix; this is the loop's own guard for
 * any caller that skipped it.
 * @throws TrainDataError naming the output's shape and the labels' width.
 */
export function checkOutputFitsLabels(model: tf.LayersModel, labelWidth: number): void {
  const shape = model.outputs[0].shape;
  if (shape.length <= 2) return;
  throw new TrainDataError(runWords('train.data.outputKeepsAxes', { shape: formatShape(shape), labelWidth }));
}

export async function trainModel(options: TrainLoopOptions): Promise<TrainOutcome> {
  const { model, dataset, settings } = options;
  const plan = checkTrainable(dataset, settings);
  checkOutputFitsLabels(model, dataset.labelWidth);
  const progressIntervalMs = options.progressIntervalMs ?? 50;
  const started = performance.now();
  const rng = createRandom(settings.seed ?? Math.floor(Math.random() * 2 ** 31));
  const names = model.metricsNames.length > 0 ? model.metricsNames : ['loss'];
  // makeTrainFunction is what fit and trainOnBatch use for one step: training-mode forward pass
  // (dropout on), loss + regulariser penalties, optimizer.minimize, metrics as batch means.
  // A Sequential keeps its compiled state on an inner functional model.
  const compiled = model instanceof tf.Sequential ? (model as unknown as { model: tf.LayersModel }).model : model;
  const fastOrReason =
    options.path === 'general'
      ? 'the general path was asked for'
      : !options.source
        ? 'the model came without its graph plan'
        : FastDenseTrainer.create(compiled, options.source, Math.min(settings.batchSize, plan.trainSamples));
  const fast = typeof fastOrReason === 'string' ? null : fastOrReason;
  const path: TrainPath = fast ? { kind: 'fast', description: fast.description } : { kind: 'general', description: `general tfjs step (${fastOrReason})` };
  const step = fast ? null : generalTrainStep(model);
  const fastValues = new Float64Array(names.length);

  const features = dataset.numFeatures;
  const labelWidth = dataset.labelWidth;
  const split = splitRows(dataset, settings);
  // Training draws its batches (fast and general step alike) from these rows.
  const order = Int32Array.from(split.train);

  // Rows are flat; the model takes each as its Input shape (e.g. [28, 28, 1] for images), row-major.
  const exampleShape = modelExampleShape(model, features);
  const validation = heldOutTensors(dataset, split.validation, exampleShape);

  let snapshot = snapshotWeights(model);
  const history: EpochRecord[] = [];
  /** Per-batch outputs not yet read back: [loss, ...metrics] scalars kept outside tidy, or numbers from the fast path. */
  let pending: { epoch: number; batch: number; size: number; values: tf.Scalar[] | number[] }[] = [];
  let pendingEpochs: TrainProgress['epochs'] = [];
  let reportedBatches: TrainProgress['batches'] = [];
  let sums = new Float64Array(names.length);
  let seen = 0;
  let lastFlush = performance.now();
  let lastEpoch = 0;
  let lastBatch = 0;
  let completedBatches = 0;
  const totalBatches = plan.epochs * plan.batchesPerEpoch;
  let diverged: MessageWords | null = null;
  let testLogs: EpochLogs | undefined;
  const earlyStopping = settings.earlyStopping;
  let esState = initialEarlyStoppingState();
  let earlyStopped = false;
  /** restoreBestWeights: a copy of the best epoch's weights (Keras `best_weights`). */
  let bestWeights: tf.Tensor[] | null = null;
  let restoredBestWeights = false;
  // Issue 15 callbacks. The rate is Keras' float32 optimizer variable; both paths get every change.
  const plateau = settings.reduceLrOnPlateau;
  const schedule = settings.lrSchedule;
  const baseLr = plateau || schedule ? Math.fround(optimizerLearningRate(model.optimizer)) : 0;
  let lr = baseLr;
  let plateauState = initialReduceLrState();
  const reductions: ReduceLrOutcome['reductions'] = [];
  const keepBest = settings.keepBest;
  let keepState = initialKeepBestState();
  /** keepBest: the last checkpoint's weights (Keras' `ModelCheckpoint(save_best_only=True)` file). */
  let keptWeights: tf.Tensor[] | null = null;
  let keptRestored = false;
  let optimizerStep = 0;
  if (plateau) setLearningRate(model.optimizer, lr, fast);

  /** Reads pending batch values in one go and folds them into the epoch's running sums. */
  const drain = (): void => {
    if (pending.length === 0) return;
    const flat = pending.flatMap((p): (tf.Scalar | number)[] => p.values);
    let values: ArrayLike<number>;
    if (typeof flat[0] === 'number') {
      values = flat as number[];
    } else {
      values = tf.tidy(() => tf.stack(flat as tf.Scalar[]).dataSync());
      tf.dispose(flat as tf.Scalar[]);
    }
    let offset = 0;
    for (const p of pending) {
      const loss = values[offset];
      if (!Number.isFinite(loss) && diverged === null) {
        diverged = runWords('train.diverged.batch', { value: String(loss), epoch: p.epoch + 1, batch: p.batch + 1 });
      }
      // Non-finite values cannot cross the wire (the contract wants finite numbers); the diverged message names them.
      if (Number.isFinite(loss)) reportedBatches.push({ epoch: p.epoch, batch: p.batch, loss });
      for (let i = 0; i < names.length; i++) sums[i] += values[offset + i] * p.size;
      seen += p.size;
      offset += names.length;
    }
    pending = [];
  };

  const report = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastFlush < progressIntervalMs) return;
    lastFlush = now;
    drain();
    if (!options.onProgress || (reportedBatches.length === 0 && pendingEpochs.length === 0)) {
      reportedBatches = [];
      return;
    }
    const elapsedMs = now - started;
    const etaMs = completedBatches > 0 ? (elapsedMs / completedBatches) * (totalBatches - completedBatches) : null;
    options.onProgress({ batches: reportedBatches, epochs: pendingEpochs, epoch: lastEpoch, batch: lastBatch, elapsedMs, etaMs });
    reportedBatches = [];
    pendingEpochs = [];
  };

  const batchRows = Math.min(settings.batchSize, plan.trainSamples);
  const xBatch = new Float32Array(batchRows * features);
  const yBatch = new Float32Array(batchRows * labelWidth);
  let stopped = false;
  let lastYield = performance.now();
  try {
    epochs: for (let epoch = 0; epoch < plan.epochs; epoch++) {
      if (settings.shuffle) rng.shuffle(order);
      const epochStarted = performance.now();
      sums = new Float64Array(names.length);
      seen = 0;
      for (let batch = 0; batch < plan.batchesPerEpoch; batch++) {
        const begin = batch * settings.batchSize;
        const size = Math.min(settings.batchSize, plan.trainSamples - begin);
        const xb = size === batchRows ? xBatch : xBatch.subarray(0, size * features);
        const yb = size === batchRows ? yBatch : yBatch.subarray(0, size * labelWidth);
        fillBatch(dataset, order, begin, size, xb, yb);
        if (schedule) {
          // Keras evaluates the schedule at optimizer.iterations before each update.
          const next = learningRateAt(schedule, baseLr, optimizerStep, plan.batchesPerEpoch);
          if (next !== lr || optimizerStep === 0) setLearningRate(model.optimizer, next, fast);
          lr = next;
        }
        optimizerStep++;
        if (fast) {
          fast.step(xb, yb, size, fastValues);
          pending.push({ epoch, batch, size, values: Array.from(fastValues) });
        } else {
          const values = tf.tidy(() => {
            // tf.tensor copies the values, so the batch buffers can be refilled next step.
            const outs = step!([tf.tensor(xb, [size, ...exampleShape]), tf.tensor2d(yb, [size, labelWidth])]);
            return outs.map((t) => tf.keep(t));
          });
          pending.push({ epoch, batch, size, values });
        }
        lastEpoch = epoch;
        lastBatch = batch;
        completedBatches++;
        report(false);
        if (diverged) break epochs;
        if (performance.now() - lastYield > progressIntervalMs) {
          // Lets stop and predict messages in; costs one macrotask per ~50 ms.
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        if (options.shouldStop?.()) {
          stopped = true;
          break epochs;
        }
      }
      drain();
      if (diverged) break;
      fast?.syncToModel();
      const logs: EpochLogs = {};
      names.forEach((name, i) => (logs[name] = sums[i] / seen));
      if (validation) Object.assign(logs, evaluate(model, validation.x, validation.y, names, settings.batchSize));
      // Keras' ReduceLROnPlateau adds the rate this epoch trained with to the logs (History, TensorBoard).
      if (plateau) logs[LEARNING_RATE_LOG] = lr;
      const bad = Object.entries(logs).find(([, v]) => !Number.isFinite(v));
      if (bad) {
        diverged = runWords('train.diverged.epoch', { log: bad[0], value: String(bad[1]), epoch: epoch + 1 });
        break;
      }
      history.push({ epoch, logs });
      pendingEpochs.push({ epoch, logs, durationMs: performance.now() - epochStarted });
      tf.dispose(snapshot);
      snapshot = snapshotWeights(model);
      // Callbacks in the order the exported Keras script lists them: ReduceLROnPlateau, EarlyStopping, ModelCheckpoint.
      if (plateau) {
        const r = reduceLrStep(plateauState, logs, plateau, lr);
        plateauState = r.state;
        if (r.reduced) {
          lr = r.lr;
          reductions.push({ epoch, lr });
          setLearningRate(model.optimizer, lr, fast);
        }
      }
      if (keepBest) {
        const k = keepBestStep(keepState, epoch, logs, keepBest);
        keepState = k.state;
        if (k.save) {
          if (keptWeights) tf.dispose(keptWeights);
          keptWeights = snapshotWeights(model);
        }
      }
      if (earlyStopping) {
        const es = earlyStoppingStep(esState, epoch, logs, earlyStopping);
        esState = es.state;
        if (es.improved && earlyStopping.restoreBestWeights) {
          if (bestWeights) tf.dispose(bestWeights);
          bestWeights = snapshotWeights(model);
        }
        if (es.stop) {
          earlyStopped = true;
          break;
        }
      }
    }
    if (diverged) model.setWeights(snapshot);
    else if (stopped) fast?.syncToModel();
    else if (bestWeights) {
      // Keras 3.15 on_train_end: restore_best_weights puts the best epoch's weights back at the
      // end of training, whether it stopped early or ran all its epochs.
      model.setWeights(bestWeights);
      restoredBestWeights = true;
    }
    if (!diverged && !stopped && keptWeights) {
      // The exported script loads the best checkpoint after fit, so it wins over EarlyStopping's restore.
      model.setWeights(keptWeights);
      keptRestored = true;
    }
    report(true);
    if (history.length > 0 && split.test.length > 0) {
      const test = heldOutTensors(dataset, split.test, exampleShape)!;
      try {
        testLogs = prefixLogs(evaluate(model, test.x, test.y, names, settings.batchSize), 'test_');
      } finally {
        tf.dispose([test.x, test.y]);
      }
    }
  } finally {
    tf.dispose(pending.flatMap((p): (tf.Scalar | number)[] => p.values).filter((v): v is tf.Scalar => typeof v !== 'number'));
    tf.dispose(snapshot);
    if (bestWeights) tf.dispose(bestWeights);
    if (keptWeights) tf.dispose(keptWeights);
    if (validation) tf.dispose([validation.x, validation.y]);
  }
  const elapsedMs = performance.now() - started;
  const finalLogs = history.length > 0 ? history[history.length - 1].logs : {};
  const test = {
    ...(testLogs ? { testLogs } : {}),
    ...(earlyStopping && history.length > 0
      ? {
          earlyStopping: {
            monitor: earlyStopping.monitor,
            stoppedEpoch: earlyStopped ? esState.stoppedEpoch : null,
            bestEpoch: esState.best === null ? null : esState.bestEpoch,
            best: esState.best,
            restoredBestWeights,
          },
        }
      : {}),
    ...(plateau && history.length > 0 ? { reduceLrOnPlateau: { monitor: plateau.monitor, reductions, finalLr: lr } } : {}),
    ...(keepBest && history.length > 0
      ? { keepBest: { monitor: keepBest.monitor, bestEpoch: keepState.savedEpoch, best: keepState.best, restored: keptRestored } }
      : {}),
  };
  if (diverged) return { reason: 'diverged', message: diverged.message, messageId: diverged.messageId, params: diverged.params, history, finalLogs, elapsedMs, path, ...test };
  return { reason: stopped ? 'stopped' : 'completed', history, finalLogs, elapsedMs, path, ...test };
}

/** The held-out rows as tensors (copied out of the dataset in `rows` order), or null when there are none. */
function heldOutTensors(dataset: Dataset, rows: RowSplit['validation'], exampleShape: number[]): { x: tf.Tensor; y: tf.Tensor } | null {
  if (rows.length === 0) return null;
  const features = dataset.numFeatures;
  const labelWidth = dataset.labelWidth;
  const x = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length * labelWidth);
  rows.forEach((row, i) => {
    x.set(dataset.x.subarray(row * features, (row + 1) * features), i * features);
    y.set(dataset.y.subarray(row * labelWidth, (row + 1) * labelWidth), i * labelWidth);
  });
  return { x: tf.tensor(x, [rows.length, ...exampleShape]), y: tf.tensor2d(y, [rows.length, labelWidth]) };
}

function prefixLogs(valLogs: EpochLogs, prefix: string): EpochLogs {
  return Object.fromEntries(Object.entries(valLogs).map(([name, value]) => [prefix + name.replace(/^val_/, ''), value]));
}

function snapshotWeights(model: tf.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

function evaluate(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, names: string[], batchSize: number): EpochLogs {
  const result = model.evaluate(x, y, { batchSize: Math.max(batchSize, 1024) });
  const scalars = Array.isArray(result) ? result : [result];
  const values = tf.tidy(() => tf.stack(scalars).dataSync());
  tf.dispose(scalars);
  const logs: EpochLogs = {};
  names.forEach((name, i) => (logs[`val_${name}`] = values[i]));
  return logs;
}

/**
 * The shape of one example as the model's (first) Input takes it, e.g. `[28, 28, 1]`: flat data
 * rows of `numFeatures` values are reshaped to it row-major (an HWC image row is exactly that).
 * @throws TrainDataError when the Input's shape does not hold `numFeatures` values.
 */
export function modelExampleShape(model: tf.LayersModel, numFeatures: number): number[] {
  const shape = model.inputs[0].shape.slice(1).map((d) => d ?? -1);
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.some((d) => d < 1) || size !== numFeatures) {
    throw new TrainDataError(runWords('train.data.inputShape', { shape: shape.join(', '), size, features: numFeatures }));
  }
  return shape;
}

/** Runs the model on rows of raw feature values. */
/** @throws TrainDataError naming the first row whose width is not `numFeatures`. */
export function checkInputWidth(inputs: number[][], numFeatures: number): void {
  inputs.forEach((row, i) => {
    if (row.length !== numFeatures) {
      throw new TrainDataError(runWords('train.data.rowWidth', { row: i + 1, got: row.length, features: numFeatures }));
    }
  });
}

export function predictRows(model: tf.LayersModel, inputs: number[][], numFeatures: number): number[][] {
  checkInputWidth(inputs, numFeatures);
  const exampleShape = modelExampleShape(model, numFeatures);
  return tf.tidy(() => {
    const out = model.predict(tf.tensor(inputs.flat(), [inputs.length, ...exampleShape])) as tf.Tensor;
    return out.arraySync() as number[][];
  });
}
