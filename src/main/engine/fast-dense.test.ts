import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../shared/data/generators';
import type { Dataset } from '../../shared/data/types';
import type { LossName, OptimizerSettings } from '../../shared/project/schema';
import { initBackend } from './backend';
import { createOptimizer, installSeededMathRandom } from './compile';
import { planFastDense } from './fast-dense';
import { trainModel, type TrainOutcome } from './train-loop';

beforeAll(async () => {
  process.env.NEURITE_BACKEND ??= 'wasm';
  const backend = await initBackend();
  expect(backend.name).toBe('wasm');
});

interface Spec {
  inputs: number;
  hidden: { units: number; activation: string; l1?: number; l2?: number }[];
  dropout?: number;
  extraActivation?: string;
  outputs: number;
  outputActivation: string;
  loss: LossName | 'huber';
  metrics: string[];
  optimizer: OptimizerSettings;
}

function build(spec: Spec, seed: number): tf.LayersModel {
  const model = tf.sequential();
  spec.hidden.forEach((h, i) => {
    const regularizer = h.l1 || h.l2 ? tf.regularizers.l1l2({ l1: h.l1 ?? 0, l2: h.l2 ?? 0 }) : undefined;
    model.add(
      tf.layers.dense({
        units: h.units,
        activation: h.activation as 'relu',
        kernelRegularizer: regularizer,
        biasInitializer: tf.initializers.randomNormal({ stddev: 0.1, seed: seed + 50 + i }),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 ? { inputShape: [spec.inputs] } : {}),
      }),
    );
    if (i === 0 && spec.dropout) model.add(tf.layers.dropout({ rate: spec.dropout }));
  });
  if (spec.extraActivation) model.add(tf.layers.activation({ activation: spec.extraActivation as 'tanh' }));
  model.add(tf.layers.dense({ units: spec.outputs, activation: spec.outputActivation as 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }) }));
  model.compile({
    optimizer: createOptimizer(spec.optimizer),
    loss: spec.loss === 'huber' ? (t: tf.Tensor, p: tf.Tensor) => tf.losses.huberLoss(t, p) : spec.loss,
    metrics: spec.metrics,
  });
  return model;
}

function dispose(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer.dispose();
}

async function run(spec: Spec, data: Dataset, path: 'auto' | 'general', epochs = 3): Promise<{ outcome: TrainOutcome; weights: number[][] }> {
  const model = build(spec, 7);
  const restore = installSeededMathRandom(11);
  try {
    const outcome = await trainModel({ model, dataset: data, settings: { epochs, batchSize: 16, validationSplit: 0.2, shuffle: true, seed: 3 }, path });
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

async function expectSameAsGeneral(spec: Spec, data: Dataset): Promise<TrainOutcome> {
  const general = await run(spec, data, 'general');
  const fast = await run(spec, data, 'auto');
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
  it('falls back to the general path, and says why, for a custom loss', async () => {
    const { outcome } = await run({ ...classifier({ type: 'sgd', learningRate: 0.1 }), loss: 'huber' }, classes, 'auto', 1);
    expect(outcome.path.kind).toBe('general');
    expect(outcome.path.description).toMatch(/loss/);
  });

  it('falls back for layers outside the chain of Dense/Activation/Dropout', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [3] }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    expect(planFastDense(model)).toMatch(/BatchNormalization/);
    dispose(model);
  });

  it('keeps optimizer state across two runs on the same model, as two fit calls do', async () => {
    const spec = classifier({ type: 'adam', learningRate: 0.01 });
    const results: number[][][] = [];
    for (const path of ['general', 'auto'] as const) {
      const model = build(spec, 7);
      const settings = { epochs: 2, batchSize: 16, validationSplit: 0, shuffle: false, seed: 3 };
      await trainModel({ model, dataset: classes, settings, path });
      await trainModel({ model, dataset: classes, settings, path });
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
