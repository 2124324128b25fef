import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../shared/data/generators';
import type { Dataset } from '../../shared/data/types';
import { chain, node } from '../../shared/graph/fixtures';
import type { LossName, MetricName, OptimizerSettings, TrainingSettings } from '../../shared/project/schema';
import { initBackend } from './backend';
import { buildForTraining, installSeededMathRandom } from './compile';
import { planFastDense, type FastPathSource } from './fast-dense';
import { trainModel, type TrainOutcome } from './train-loop';

beforeAll(async () => {
  process.env.NEURITE_BACKEND ??= 'wasm';
  const backend = await initBackend();
  expect(backend.name).toBe('wasm');
});

/** Training settings a run would have; each test overrides what it is about. */
const TRAINING: TrainingSettings = { optimizer: { type: 'sgd', learningRate: 0.01 }, loss: 'meanSquaredError', metrics: [], epochs: 1, batchSize: 32, validationSplit: 0, splitMode: 'shuffle', testSplit: 0, shuffle: false, seed: 1 };

interface Spec {
  inputs: number;
  hidden: { units: number; activation: string; l1?: number; l2?: number }[];
  dropout?: number;
  extraActivation?: string;
  outputs: number;
  outputActivation: string;
  loss: LossName;
  metrics: MetricName[];
  optimizer: OptimizerSettings;
}

/** The spec as a canvas graph, built and compiled the way a run builds it (non-zero biases, so their gradients count). */
function build(spec: Spec, seed: number): { model: tf.LayersModel; source: FastPathSource } {
  const nodes = [node('in', 'Input', { shape: [spec.inputs] })];
  spec.hidden.forEach((h, i) => {
    nodes.push(node(`h${i}`, 'Dense', { units: h.units, activation: h.activation, l1: h.l1 ?? 0, l2: h.l2 ?? 0, biasInitializer: 'randomNormal' }));
    if (i === 0 && spec.dropout) nodes.push(node('drop', 'Dropout', { rate: spec.dropout }));
  });
  if (spec.extraActivation) nodes.push(node('act', 'Activation', { activation: spec.extraActivation }));
  nodes.push(node('out', 'Dense', { units: spec.outputs, activation: spec.outputActivation }));
  const training: TrainingSettings = { ...TRAINING, optimizer: spec.optimizer, loss: spec.loss, metrics: spec.metrics, seed };
  return buildForTraining(chain(...nodes), training);
}

function dispose(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer.dispose();
}

type Callbacks = Partial<Pick<TrainingSettings, 'lrSchedule' | 'reduceLrOnPlateau' | 'keepBest'>>;

async function run(spec: Spec, data: Dataset, path: 'auto' | 'general', epochs = 3, callbacks: Callbacks = {}): Promise<{ outcome: TrainOutcome; weights: number[][] }> {
  const { model, source } = build(spec, 7);
  const restore = installSeededMathRandom(11);
  try {
    const outcome = await trainModel({ model, source, dataset: data, settings: { epochs, batchSize: 16, validationSplit: 0.2, shuffle: true, seed: 3, ...callbacks }, path });
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    dispose(model);
    return { outcome, weights };
  } finally {
    restore();
  }
}

function expectClose(a: number[][], b: number[][], tolerance: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((values, i) => values.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b[i][j]) / Math.max(1, Math.abs(b[i][j]))))));
  expect(worst).toBeLessThan(tolerance);
}

async function expectSameAsGeneral(spec: Spec, data: Dataset, callbacks: Callbacks = {}, epochs = 3): Promise<TrainOutcome> {
  const general = await run(spec, data, 'general', epochs, callbacks);
  const fast = await run(spec, data, 'auto', epochs, callbacks);
  expect(general.outcome.path.kind).toBe('general');
  expect(fast.outcome.path.kind).toBe('fast');
  expectClose(fast.weights, general.weights, 1e-4);
  expect(Object.keys(fast.outcome.finalLogs).sort()).toEqual(Object.keys(general.outcome.finalLogs).sort());
  fast.outcome.history.forEach((epoch, e) => {
    for (const [name, value] of Object.entries(epoch.logs)) expect(value, `${name} at epoch ${e}`).toBeCloseTo(general.outcome.history[e].logs[name], 4);
  });
  return fast.outcome;
}

const classes = generateDataset({ kind: 'generator', generator: 'classification', seed: 5, samples: 200 });
const regression = generateDataset({ kind: 'generator', generator: 'circles', seed: 6, samples: 200 });
const binary: Dataset = { ...regression, labelWidth: 1 };
binary.y = Float32Array.from({ length: binary.rows }, (_, r) => (regression.y[r * regression.labelWidth] > 0.5 ? 1 : 0));
const sparse: Dataset = { ...classes, labelWidth: 1 };
sparse.y = Float32Array.from({ length: classes.rows }, (_, r) => {
  const row = classes.y.subarray(r * classes.labelWidth, (r + 1) * classes.labelWidth);
  return row.indexOf(Math.max(...row));
});

const classifier = (optimizer: OptimizerSettings): Spec => ({
  inputs: classes.numFeatures,
  hidden: [{ units: 12, activation: 'relu' }],
  outputs: classes.labelWidth,
  outputActivation: 'softmax',
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
  optimizer,
});

describe('fast Dense path gives the general path’s weights and logs', () => {
  const optimizers: OptimizerSettings[] = [
    { type: 'sgd', learningRate: 0.1 },
    { type: 'momentum', learningRate: 0.05, momentum: 0.9 },
    { type: 'momentum', learningRate: 0.05, momentum: 0.9, nesterov: true },
    { type: 'rmsprop', learningRate: 0.01 },
    { type: 'rmsprop', learningRate: 0.01, momentum: 0.5 },
    { type: 'adam', learningRate: 0.01 },
    { type: 'adagrad', learningRate: 0.1 },
    { type: 'adadelta', learningRate: 1 },
    { type: 'adamax', learningRate: 0.02 },
  ];
  for (const optimizer of optimizers) {
    it(`${optimizer.type}${optimizer.nesterov ? ' nesterov' : ''}${optimizer.momentum !== undefined ? ` m=${optimizer.momentum}` : ''}, categorical CE`, async () => {
      await expectSameAsGeneral(classifier(optimizer), classes);
    });
  }

  it('mean squared error with sigmoid, tanh and an Activation layer, mae and mse metrics', async () => {
    await expectSameAsGeneral(
      { inputs: 2, hidden: [{ units: 8, activation: 'sigmoid' }, { units: 6, activation: 'elu' }], extraActivation: 'tanh', outputs: regression.labelWidth, outputActivation: 'linear', loss: 'meanSquaredError', metrics: ['mae', 'mse'], optimizer: { type: 'adam', learningRate: 0.02 } },
      regression,
    );
  });

  it('mean absolute error', async () => {
    await expectSameAsGeneral(
      { inputs: 2, hidden: [{ units: 8, activation: 'tanh' }], outputs: regression.labelWidth, outputActivation: 'linear', loss: 'meanAbsoluteError', metrics: ['mse'], optimizer: { type: 'sgd', learningRate: 0.1 } },
      regression,
    );
  });

  it('binary cross-entropy with binary accuracy', async () => {
    await expectSameAsGeneral(
      { inputs: 2, hidden: [{ units: 8, activation: 'relu' }], outputs: 1, outputActivation: 'sigmoid', loss: 'binaryCrossentropy', metrics: ['accuracy'], optimizer: { type: 'rmsprop', learningRate: 0.01 } },
      binary,
    );
  });

  it('sparse categorical cross-entropy with sparse accuracy', async () => {
    await expectSameAsGeneral({ ...classifier({ type: 'adam', learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' }, sparse);
  });

  it('sparse labels with mae and mse metrics, as a new project’s defaults leave them (was NaN: read past the labels)', async () => {
    await expectSameAsGeneral({ ...classifier({ type: 'rmsprop', learningRate: 0.001 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'mae', 'mse'] }, sparse);
  });

  it('l1/l2 kernel regularisation in loss and gradient', async () => {
    const outcome = await expectSameAsGeneral({ ...classifier({ type: 'sgd', learningRate: 0.05 }), hidden: [{ units: 12, activation: 'relu', l1: 0.01, l2: 0.02 }] }, classes);
    expect(outcome.path.description).toMatch(/fast Dense path/);
  });

  it('dropout in training mode draws the same masks as tfjs', async () => {
    await expectSameAsGeneral({ ...classifier({ type: 'adam', learningRate: 0.01 }), dropout: 0.3 }, classes);
  });
});

describe('fast Dense path coverage', () => {
  it('falls back to the general path, and says why, for a loss without a fused twin', async () => {
    const { outcome } = await run({ ...classifier({ type: 'sgd', learningRate: 0.1 }), loss: 'huberLoss' }, classes, 'auto', 1);
    expect(outcome.path.kind).toBe('general');
    expect(outcome.path.description).toMatch(/loss/);
  });

  it('falls back for layers outside the chain of Dense/Activation/Dropout', () => {
    const graph = chain(node('in', 'Input', { shape: [3] }), node('d', 'Dense', { units: 4 }), node('bn', 'BatchNormalization'), node('out', 'Dense', { units: 1 }));
    const { model, source } = buildForTraining(graph, { ...TRAINING, loss: 'meanSquaredError', metrics: [] });
    expect(planFastDense(source, model)).toBe('layer type BatchNormalization is not in the fast path');
    dispose(model);
  });

  it('reads every layer from the graph plan: the description names the graph’s layers, sizes and activations', () => {
    const graph = chain(
      node('in', 'Input', { shape: [5] }),
      node('a', 'Dense', { units: 7, activation: 'tanh', useBias: false }),
      node('drop', 'Dropout', { rate: 0.25 }),
      node('act', 'Activation', { activation: 'sigmoid' }),
      node('out', 'Dense', { units: 3, activation: 'softmax' }),
    );
    const { model, source } = buildForTraining(graph, { ...TRAINING, optimizer: { type: 'adamax', learningRate: 0.002 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const plan = planFastDense(source, model);
    if (typeof plan === 'string') throw new Error(plan);
    expect(plan.ops.map((op) => (op.kind === 'dense' ? [op.kind, op.inDim, op.outDim, op.activation, op.bias !== null] : op.kind === 'dropout' ? [op.kind, op.dim, op.rate] : [op.kind, op.dim, op.activation]))).toEqual([
      ['dense', 5, 7, 'tanh', false],
      ['dropout', 7, 0.25],
      ['activation', 7, 'sigmoid'],
      ['dense', 7, 3, 'softmax', true],
    ]);
    expect([plan.inputDim, plan.outputDim, plan.loss, plan.metrics]).toEqual([5, 3, 'categoricalCrossentropy', ['categoricalAccuracy']]);
    dispose(model);
  });

  it('takes the general path for a model that came without its graph plan, and says so', async () => {
    const { model } = build(classifier({ type: 'adam', learningRate: 0.01 }), 7);
    const outcome = await trainModel({ model, dataset: classes, settings: { epochs: 1, batchSize: 16, validationSplit: 0, shuffle: false, seed: 3 } });
    expect(outcome.path).toEqual({ kind: 'general', description: 'general tfjs step (the model came without its graph plan)' });
    dispose(model);
  });

  it('keeps optimizer state across two runs on the same model, as two fit calls do', async () => {
    const spec = classifier({ type: 'adam', learningRate: 0.01 });
    const results: number[][][] = [];
    for (const path of ['general', 'auto'] as const) {
      const { model, source } = build(spec, 7);
      const settings = { epochs: 2, batchSize: 16, validationSplit: 0, shuffle: false, seed: 3 };
      await trainModel({ model, source, dataset: classes, settings, path });
      await trainModel({ model, source, dataset: classes, settings, path });
      results.push(model.getWeights().map((w) => Array.from(w.dataSync())));
      dispose(model);
    }
    expectClose(results[1], results[0], 1e-4);
  });

  it('returns tf.memory().numTensors to its start', async () => {
    const start = tf.memory().numTensors;
    await run({ ...classifier({ type: 'adam', learningRate: 0.01 }), dropout: 0.2 }, classes, 'auto', 2);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('learning-rate callbacks give the same weights on the fast and the general path (issue 15)', () => {
  const optimizers: OptimizerSettings[] = [
    { type: 'sgd', learningRate: 0.1 },
    { type: 'momentum', learningRate: 0.05, momentum: 0.9 },
    { type: 'rmsprop', learningRate: 0.01 },
    { type: 'adam', learningRate: 0.01 },
    { type: 'adagrad', learningRate: 0.1 },
    { type: 'adadelta', learningRate: 1 },
    { type: 'adamax', learningRate: 0.02 },
  ];
  for (const optimizer of optimizers) {
    it(`${optimizer.type}: cosine schedule with warm-up, and reduce-on-plateau`, async () => {
      const scheduled = await expectSameAsGeneral(classifier(optimizer), classes, { lrSchedule: { kind: 'cosine', decaySteps: 20, alpha: 0.1, warmupSteps: 5 } });
      const plain = await run(classifier(optimizer), classes, 'auto');
      // The schedule changed the run (it is not ignored on either path).
      expect(scheduled.finalLogs.loss).not.toBe(plain.outcome.finalLogs.loss);
      // A min_delta of 100 makes every epoch after the first no improvement: the rate halves after epochs 1, 2 and 3.
      const reduced = await expectSameAsGeneral(classifier(optimizer), classes, { reduceLrOnPlateau: { monitor: 'loss', factor: 0.5, patience: 0, mode: 'min', minDelta: 100, cooldown: 0, minLr: 0 } }, 4);
      const lr0 = Math.fround(optimizer.learningRate);
      const lr1 = Math.fround(lr0 * 0.5);
      const lr2 = Math.fround(lr1 * 0.5);
      expect(reduced.reduceLrOnPlateau!.reductions).toEqual([
        { epoch: 1, lr: lr1 },
        { epoch: 2, lr: lr2 },
        { epoch: 3, lr: Math.fround(lr2 * 0.5) },
      ]);
      // Keras logs the rate each epoch trained with (before that epoch's reduction).
      expect(reduced.history.map((h) => h.logs.learning_rate)).toEqual([lr0, lr0, lr1, lr2]);
    });
  }
});
