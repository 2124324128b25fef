import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LOSS_REGISTRY, tfjsLossCode } from '../../shared/losses';
import { LOSSES, type LossName, type TrainingSettings } from '../../shared/project/schema';
import { chain, node } from '../../shared/graph/fixtures';
import { buildForTraining, compileModel, lossFunction } from './compile';
import { planFastDense } from './fast-dense';

/**
 * Every loss of the registry built in tfjs, three ways — the app's loss function, the loss
 * `compileModel` gives `model.compile`, and the loss the generated TypeScript compiles — each
 * checked against a value computed by hand on a small batch. A new loss needs its row in
 * `REFERENCE` (the type makes it required).
 */
const REFERENCE: Record<LossName, { yTrue: number[][]; yPred: number[][]; value: number; digits: number }> = {
  // ((2−1)² + (4−2)²) / 2
  meanSquaredError: { yTrue: [[1], [2]], yPred: [[2], [4]], value: 2.5, digits: 6 },
  // (|2−1| + |4−2|) / 2
  meanAbsoluteError: { yTrue: [[1], [2]], yPred: [[2], [4]], value: 1.5, digits: 6 },
  // delta 1: 0.5·0.5² = 0.125 and 3 − 0.5 = 2.5 → mean 1.3125
  huberLoss: { yTrue: [[0], [0]], yPred: [[0.5], [3]], value: 1.3125, digits: 6 },
  categoricalCrossentropy: { yTrue: [[0, 1], [1, 0]], yPred: [[0.2, 0.8], [0.6, 0.4]], value: (-Math.log(0.8) - Math.log(0.6)) / 2, digits: 5 },
  sparseCategoricalCrossentropy: { yTrue: [[1], [0]], yPred: [[0.2, 0.8], [0.6, 0.4]], value: (-Math.log(0.8) - Math.log(0.6)) / 2, digits: 5 },
  // clipped to [1e-7, 1 − 1e-7] before the log, hence 4 digits
  binaryCrossentropy: { yTrue: [[1], [0]], yPred: [[0.9], [0.2]], value: (-Math.log(0.9) - Math.log(0.8)) / 2, digits: 4 },
};

const settings = (loss: LossName): TrainingSettings => ({
  optimizer: { type: 'sgd', learningRate: 0.01 },
  loss,
  metrics: [],
  epochs: 1,
  batchSize: 32,
  validationSplit: 0,
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: false,
  seed: 1,
});

/** A model without weights (its output is its input), so `evaluate` returns the loss of yPred itself. */
function passThrough(width: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.activation({ activation: 'linear', inputShape: [width] }));
  return model;
}

function evaluated(model: tf.LayersModel, yTrue: number[][], yPred: number[][]): number {
  const result = model.evaluate(tf.tensor2d(yPred), tf.tensor2d(yTrue), { batchSize: 32 });
  const loss = (Array.isArray(result) ? result[0] : result) as tf.Scalar;
  return loss.dataSync()[0];
}

/** What the generated TypeScript passes as `loss`: a tfjs string, or the helper function it declares. */
function generatedLoss(id: LossName): string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) {
  const { expression, helper } = tfjsLossCode(id);
  if (!helper.length) return JSON.parse(expression) as string;
  const { outputText } = ts.transpileModule(`(tf) => {\n${helper.join('\n')}\nreturn ${expression};\n}`, { compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const make = runInNewContext(outputText) as (ops: typeof tf) => (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
  return make(tf);
}

describe('loss registry conformance (tfjs)', () => {
  it.each(LOSSES)('%s: the loss function gives the hand-computed value', (id) => {
    const { yTrue, yPred, value, digits } = REFERENCE[id];
    expect(lossFunction(id)(tf.tensor2d(yTrue), tf.tensor2d(yPred)).dataSync()[0]).toBeCloseTo(value, digits);
  });

  it.each(LOSSES)('%s: the compiled model evaluates to the hand-computed value', (id) => {
    const { yTrue, yPred, value, digits } = REFERENCE[id];
    const model = passThrough(yPred[0].length);
    compileModel(model, settings(id));
    expect(evaluated(model, yTrue, yPred)).toBeCloseTo(value, digits);
    model.dispose();
  });

  it.each(LOSSES)('%s: the loss the generated TypeScript compiles gives the same value', (id) => {
    const { yTrue, yPred, value, digits } = REFERENCE[id];
    const model = passThrough(yPred[0].length);
    model.compile({ optimizer: 'sgd', loss: generatedLoss(id) });
    expect(evaluated(model, yTrue, yPred)).toBeCloseTo(value, digits);
    model.dispose();
  });

  it.each(LOSSES)('%s: the fast Dense path takes it exactly when the registry names a fused twin', (id) => {
    const graph = chain(node('in', 'Input', { shape: [3] }), node('d', 'Dense', { units: 2, activation: 'softmax' }));
    const { model, source } = buildForTraining(graph, settings(id));
    const plan = planFastDense(source, model);
    const fused = LOSS_REGISTRY[id].fused;
    if (fused) expect(typeof plan === 'string' ? plan : plan.loss).toBe(fused);
    else expect(plan).toMatch(/loss .*not in the fast path/);
    model.dispose();
  });
});
