import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../shared/data/generators';
import type { Dataset } from '../../shared/data/types';
import { initBackend } from './backend';
import { chain, node } from '../../shared/graph/fixtures';
import type { TrainingSettings } from '../../shared/project/schema';
import { buildForTraining } from './compile';
import type { FastPathSource } from './fast-dense';
import { splitRows } from '../../shared/data/split';
import { earlyStoppingStep, initialEarlyStoppingState } from '../../shared/training/early-stopping';
import { learningRateAt } from '../../shared/training/lr-schedule';
import { renderTemplate } from '../../shared/graph/problem-text';
import { RUN_MESSAGES_EN } from '../../shared/training/run-messages';
import { translator, type MessageKey } from '../../shared/i18n/translate';
import { checkTrainable, planRun, predictRows, trainModel, TrainDataError, type TrainProgress } from './train-loop';

beforeAll(async () => {
  await initBackend();
});

/** Training settings for the graph-built models (the loop's own settings are passed to trainModel). */
const TRAINING: TrainingSettings = { optimizer: { type: 'sgd', learningRate: 0.1 }, loss: 'meanSquaredError', metrics: ['mae'], epochs: 1, batchSize: 32, validationSplit: 0, splitMode: 'shuffle', testSplit: 0, shuffle: false, seed: 1 };

/** Input(1) → Dense(1), sgd, mean squared error, mae: built from a graph as a run builds it. */
function regressionModel(seed: number, learningRate = 0.1): { model: tf.LayersModel; source: FastPathSource } {
  return buildForTraining(chain(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 1 })), { ...TRAINING, optimizer: { type: 'sgd', learningRate }, seed });
}

/** Input → Dense(16, relu) → Dropout(0.1) → Dense(classes, softmax), adam, categorical cross-entropy, accuracy. */
function classifierModel(seed: number, inputs: number, classes: number): { model: tf.LayersModel; source: FastPathSource } {
  const graph = chain(
    node('in', 'Input', { shape: [inputs] }),
    node('h', 'Dense', { units: 16, activation: 'relu' }),
    node('drop', 'Dropout', { rate: 0.1 }),
    node('out', 'Dense', { units: classes, activation: 'softmax' }),
  );
  return buildForTraining(graph, { ...TRAINING, optimizer: { type: 'adam', learningRate: 0.05 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed });
}

function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

const settings = { epochs: 20, batchSize: 32, validationSplit: 0, shuffle: true, seed: 1 };

describe('planRun', () => {
  it('takes the validation rows from the end and keeps the last partial batch', () => {
    expect(planRun({ rows: 100 }, { ...settings, validationSplit: 0.2 })).toEqual({
      epochs: 20,
      batchesPerEpoch: 3,
      trainSamples: 80,
      validationSamples: 20,
      testSamples: 0,
    });
    expect(planRun({ rows: 1000 }, { ...settings, validationSplit: 0.25 }).validationSamples).toBe(250);
  });
});

describe('checkTrainable', () => {
  it('refuses a NaN naming the row and column', () => {
    const data = generateDataset({ kind: 'generator', generator: 'circles', seed: 1, samples: 20 });
    data.x[13] = Number.NaN;
    expect(() => checkTrainable(data, settings)).toThrow(TrainDataError);
    expect(() => checkTrainable(data, settings)).toThrow(/row 7, column "x2"/);
  });

  it('refuses a split that leaves no training rows', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 1, samples: 1 });
    expect(() => checkTrainable(data, { ...settings, validationSplit: 0.5 })).toThrow(/No rows are left for training/);
  });

  it('says so in Chinese too (issue 16): the refusal carries its id and params', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 1, samples: 1 });
    let error: unknown;
    try {
      checkTrainable(data, { ...settings, validationSplit: 0.5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainDataError);
    const { messageId, params, message } = error as TrainDataError;
    expect(messageId).toBe('train.data.noTrainRows');
    expect(translator('en')(messageId as MessageKey, params)).toBe(message);
    expect(translator('zh-CN')(messageId as MessageKey, params)).toBe('没有留给训练的行：数据集有 1 行，验证集比例 0.5 占去 1 行。请降低验证集比例或添加数据。');
  });
});

describe('trainModel', () => {
  it('refuses an output that keeps image axes with a message naming both shapes, not a tensor-size error (trial 5 F6)', async () => {
    const graph = chain(node('in', 'Input', { shape: [4, 4, 1] }), node('conv', 'Conv2D', { filters: 2 }), node('out', 'Dense', { units: 3, activation: 'softmax' }));
    const { model, source } = buildForTraining(graph, { ...TRAINING, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const rows = 8;
    const data: Dataset = { rows, numFeatures: 16, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: 3, featureNames: Array.from({ length: 16 }, (_, i) => `p${i}`), inputShape: [4, 4, 1], x: new Float32Array(rows * 16).fill(0.5), y: Float32Array.from({ length: rows }, (_, i) => i % 3) };
    const run = trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 1 } });
    await expect(run).rejects.toThrow(TrainDataError);
    await expect(run).rejects.toThrow(
      "The model's output is shaped (None, 2, 2, 3), but the labels are 1 value per example, so the output must be shaped (None, …) with no image or sequence axes. Insert a Flatten (or a global pooling layer) before the output Dense.",
    );
    disposeModel(model);
  });

  it('fits the tutorial line: loss goes down and every batch and epoch is reported', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    const { model, source } = regressionModel(3);
    const progress: TrainProgress[] = [];
    const outcome = await trainModel({ model, source, dataset: data, settings: { ...settings, validationSplit: 0.2 }, onProgress: (p) => progress.push(p) });
    expect(outcome.reason).toBe('completed');
    expect(outcome.history).toHaveLength(20);
    expect(Object.keys(outcome.finalLogs).sort()).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
    expect(outcome.history[19].logs.loss).toBeLessThan(outcome.history[0].logs.loss);
    const batches = progress.flatMap((p) => p.batches);
    expect(batches).toHaveLength(20 * 3);
    expect(batches.slice(0, 3).map((b) => [b.epoch, b.batch])).toEqual([[0, 0], [0, 1], [0, 2]]);
    expect(progress.flatMap((p) => p.epochs).map((e) => e.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(progress[progress.length - 1].etaMs).toBe(0);
    const [[y]] = predictRows(model, [[1]], 1);
    expect(y).toBeGreaterThan(0.5);
    disposeModel(model);
  });

  it('reports categorical accuracy for one-hot labels, and val_ metrics', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'gaussians', seed: 4, noise: 0 });
    const { model, source } = classifierModel(5, 2, 2);
    const outcome = await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 10, validationSplit: 0.25 } });
    expect(Object.keys(outcome.finalLogs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(outcome.finalLogs.acc).toBeGreaterThan(0.9);
    expect(outcome.finalLogs.val_acc).toBeGreaterThan(0.9);
    disposeModel(model);
  });

  it('names the training step it took: the fast Dense path on wasm unless the general one is asked for', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'gaussians', seed: 4 });
    const { model: auto, source } = classifierModel(5, 2, 2);
    const { model: general } = classifierModel(5, 2, 2);
    const a = await trainModel({ model: auto, source, dataset: data, settings: { ...settings, epochs: 2 } });
    const g = await trainModel({ model: general, dataset: data, settings: { ...settings, epochs: 2 }, path: 'general' });
    expect(a.path.kind).toBe(tf.getBackend() === 'wasm' ? 'fast' : 'general');
    expect(g.path).toEqual({ kind: 'general', description: 'general tfjs step (the general path was asked for)' });
    if (a.path.kind === 'fast') expect(a.path.description).toBe('fast Dense path: Dense(16, relu) → Dropout(0.1) → Dense(2, softmax), categoricalCrossentropy, adam');
    disposeModel(auto);
    disposeModel(general);
  });

  it('gives the same history for the same seed', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const { model, source } = regressionModel(3);
      runs.push((await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 5 } })).history);
      disposeModel(model);
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('stops when asked, after the current batch', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    const { model, source } = regressionModel(3);
    let polls = 0;
    const outcome = await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 1000 }, shouldStop: () => ++polls >= 10 });
    expect(outcome.reason).toBe('stopped');
    expect(polls).toBe(10);
    expect(outcome.history.length).toBe(2); // 4 batches per epoch: 10 batches = 2 epochs + 2 batches
    disposeModel(model);
  });

  it('stops at once on a NaN loss, keeps the last good weights and explains why', async () => {
    const data: Dataset = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    for (let i = 0; i < data.rows; i++) data.x[i] *= 1e4;
    const { model, source } = regressionModel(3, 5);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    const outcome = await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 50 } });
    expect(outcome.reason).toBe('diverged');
    expect(outcome.message).toMatch(/learning rate is too high/);
    expect(outcome.message).toMatch(/not normalised/);
    // Issue 16: the message as data; in zh-CN it reads in Chinese, its English is exactly `message`.
    expect(outcome.messageId).toMatch(/^train\.diverged\.(batch|epoch)$/);
    expect(renderTemplate(RUN_MESSAGES_EN, outcome.messageId!, outcome.params)).toBe(outcome.message);
    const chinese = translator('zh-CN')(outcome.messageId as MessageKey, outcome.params);
    expect(chinese).toMatch(/训练已停止。可能的原因：学习率太高/);
    expect(chinese).not.toMatch(/became|training was stopped/);
    expect(outcome.history.length).toBeLessThan(50);
    const after = model.getWeights().map((w) => Array.from(w.dataSync()));
    for (const values of after) for (const v of values) expect(Number.isFinite(v)).toBe(true);
    if (outcome.history.length === 0) expect(after).toEqual(before.map((w) => Array.from(w)));
    disposeModel(model);
  });

  it('coalesces progress to about one message per interval', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42, samples: 2000 });
    const { model, source } = regressionModel(3);
    let messages = 0;
    const outcome = await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 8, batchSize: 8 }, onProgress: () => messages++, progressIntervalMs: 50 });
    expect(messages).toBeLessThanOrEqual(outcome.elapsedMs / 50 + 2);
    disposeModel(model);
  });

  it('returns tf.memory().numTensors to its start after train, predict, dispose cycles', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'xor', seed: 2, samples: 200 });
    const start = tf.memory().numTensors;
    for (let cycle = 0; cycle < 3; cycle++) {
      const { model, source } = classifierModel(cycle, 2, 2);
      await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 3, validationSplit: 0.2 } });
      predictRows(model, [[0.5, 0.5], [-0.5, 0.5]], 2);
      disposeModel(model);
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('returns tf.memory().numTensors to its start after a diverged run', async () => {
    const data: Dataset = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    for (let i = 0; i < data.rows; i++) data.x[i] *= 1e4;
    const start = tf.memory().numTensors;
    const { model, source } = regressionModel(3, 5);
    await trainModel({ model, source, dataset: data, settings: { ...settings, epochs: 50, validationSplit: 0.1 } });
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('held-out rows come from splitRows (issue 9)', () => {
  it('the val_ and test_ logs are the model evaluated on exactly the rows splitRows picks', async () => {
    const data = generateDataset({ kind: 'generator', generator: 'circles', seed: 3, samples: 200 });
    const loop = { epochs: 3, batchSize: 16, validationSplit: 0.2, testSplit: 0.1, splitMode: 'stratified' as const, shuffle: true, seed: 5 };
    const { model, source } = classifierModel(1, 2, 2);
    try {
      const outcome = await trainModel({ model, source, dataset: data, settings: loop, path: 'general' });
      const split = splitRows(data, loop);
      expect(planRun(data, loop)).toMatchObject({ trainSamples: split.train.length, validationSamples: split.validation.length, testSamples: split.test.length });
      const evaluateOn = (rows: Int32Array) =>
        tf.tidy(() => {
          const x = tf.tensor2d(Array.from(rows, (r) => Array.from(data.x.subarray(r * 2, r * 2 + 2))));
          const y = tf.tensor2d(Array.from(rows, (r) => Array.from(data.y.subarray(r * 2, r * 2 + 2))));
          return (model.evaluate(x, y) as tf.Scalar[]).map((t) => t.dataSync()[0]);
        });
      // The model is in inference mode here (dropout off), as in the loop's evaluation.
      expect(outcome.finalLogs.val_loss).toBeCloseTo(evaluateOn(split.validation)[0], 5);
      expect(outcome.testLogs?.test_loss).toBeCloseTo(evaluateOn(split.test)[0], 5);
      expect(outcome.testLogs?.test_acc).toBeCloseTo(evaluateOn(split.test)[1], 5);
    } finally {
      disposeModel(model);
    }
  });
});

describe('early stopping (Keras 3 EarlyStopping)', () => {
  const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 3, samples: 200 });
  const probe = [[-1], [0], [0.5], [2]];
  const base = { epochs: 60, batchSize: 32, validationSplit: 0.2, shuffle: true, seed: 7 };
  const es = { monitor: 'val_loss', patience: 2, minDelta: 0.01, mode: 'auto' as const, restoreBestWeights: true };

  async function run(loop: Parameters<typeof trainModel>[0]['settings']) {
    const { model, source } = regressionModel(5, 0.05);
    try {
      const outcome = await trainModel({ model, dataset: data, settings: loop, source });
      return { outcome, predictions: predictRows(model, probe, 1) };
    } finally {
      disposeModel(model);
    }
  }

  it('stops after the epoch the rule names, and restoreBestWeights ends with the best epoch weights', async () => {
    const { outcome, predictions } = await run({ ...base, earlyStopping: es });
    const result = outcome.earlyStopping!;
    expect(result.stoppedEpoch).not.toBeNull();
    expect(result.stoppedEpoch!).toBeLessThan(base.epochs - 1);
    expect(outcome.history).toHaveLength(result.stoppedEpoch! + 1);
    // Replaying the rule over the history stops at the same epoch and names the same best one.
    let state = initialEarlyStoppingState();
    const stops = outcome.history.map((h) => {
      const step = earlyStoppingStep(state, h.epoch, h.logs, es);
      state = step.state;
      return step.stop;
    });
    expect(stops.indexOf(true)).toBe(result.stoppedEpoch);
    expect(result.bestEpoch).toBe(state.bestEpoch);
    expect(result.bestEpoch!).toBeLessThan(result.stoppedEpoch!);
    expect(result.restoredBestWeights).toBe(true);
    // The same run cut at the best epoch, without early stopping, predicts exactly the same.
    const best = await run({ ...base, epochs: result.bestEpoch! + 1 });
    expect(predictions).toEqual(best.predictions);
    expect(best.outcome.earlyStopping).toBeUndefined();
    // Without restoreBestWeights the last epoch's weights stay (the same run cut at the stopping epoch).
    const last = await run({ ...base, earlyStopping: { ...es, restoreBestWeights: false } });
    const cut = await run({ ...base, epochs: result.stoppedEpoch! + 1 });
    expect(last.outcome.earlyStopping!.restoredBestWeights).toBe(false);
    expect(last.predictions).toEqual(cut.predictions);
    expect(last.predictions).not.toEqual(predictions);
  });

  it('restores the best weights at the end even when it never stops early (Keras 3.15 on_train_end)', async () => {
    const { outcome, predictions } = await run({ ...base, epochs: 4, earlyStopping: { ...es, patience: 10, minDelta: 0, monitor: 'loss' } });
    expect(outcome.earlyStopping).toMatchObject({ stoppedEpoch: null, restoredBestWeights: true });
    const best = await run({ ...base, epochs: outcome.earlyStopping!.bestEpoch! + 1 });
    expect(predictions).toEqual(best.predictions);
  });
});

describe('keep best and learning-rate schedules (issue 15)', () => {
  const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 3, samples: 200 });
  const probe = [[-1], [0], [0.5], [2]];
  const base = { epochs: 12, batchSize: 32, validationSplit: 0.2, shuffle: true, seed: 7 };

  async function run(loop: Parameters<typeof trainModel>[0]['settings'], path: 'auto' | 'general' = 'auto', learningRate = 0.05) {
    const { model, source } = regressionModel(5, learningRate);
    try {
      const outcome = await trainModel({ model, dataset: data, settings: loop, source, path });
      return { outcome, predictions: predictRows(model, probe, 1) };
    } finally {
      disposeModel(model);
    }
  }

  it('keepBest ends with the weights of the epoch with the best monitored value (Keras ModelCheckpoint save_best_only, loaded after fit)', async () => {
    // A high rate makes val_loss jump about, so the best epoch is not the last one.
    const { outcome, predictions } = await run({ ...base, keepBest: { monitor: 'val_loss', mode: 'auto' } }, 'auto', 0.9);
    const losses = outcome.history.map((h) => h.logs.val_loss);
    const bestEpoch = losses.indexOf(Math.min(...losses));
    expect(outcome.keepBest).toEqual({ monitor: 'val_loss', bestEpoch, best: losses[bestEpoch], restored: true });
    expect(outcome.history).toHaveLength(base.epochs);
    const cut = await run({ ...base, epochs: bestEpoch + 1 }, 'auto', 0.9);
    expect(predictions).toEqual(cut.predictions);
    if (bestEpoch < base.epochs - 1) {
      const last = await run(base, 'auto', 0.9);
      expect(last.predictions).not.toEqual(predictions);
    }
  });

  it('the general path trains each step with the rate the schedule gives for it', async () => {
    const { model, source } = regressionModel(5, 0.05);
    const seen: number[] = [];
    const optimizer = model.optimizer as unknown as { learningRate: number; c?: tf.Scalar; applyGradients: (...a: unknown[]) => unknown };
    const apply = optimizer.applyGradients.bind(optimizer);
    // SGD applies -c (tfjs keeps the rate as a scalar): read what the update really uses.
    optimizer.applyGradients = (...args: unknown[]) => {
      seen.push(-optimizer.c!.dataSync()[0]);
      return apply(...args);
    };
    const schedule = { kind: 'step' as const, factor: 0.5, everyEpochs: 1, warmupSteps: 3 };
    try {
      const outcome = await trainModel({ model, dataset: data, settings: { ...base, epochs: 3, lrSchedule: schedule }, source, path: 'general' });
      const steps = planRun(data, base).batchesPerEpoch * 3;
      expect(seen).toHaveLength(steps);
      expect(seen).toEqual(Array.from({ length: steps }, (_, s) => Math.fround(learningRateAt(schedule, Math.fround(0.05), s, planRun(data, base).batchesPerEpoch))));
      expect(seen.slice(0, 4)).toEqual([0, 0.05 / 3, (2 * 0.05) / 3, 0.05].map(Math.fround));
      expect(outcome.history[0].logs.learning_rate).toBeUndefined();
    } finally {
      disposeModel(model);
    }
  });
});
