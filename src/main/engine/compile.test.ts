import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chain, edge, node, tutorialClassifier, tutorialLinear } from '../../shared/graph/fixtures';
import { summarize } from '../../shared/graph/summary';
import type { Graph } from '../../shared/graph/types';
import { OPTIMIZERS, type TrainingSettings } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';
import { buildModel, compileModel, createOptimizer, installSeededMathRandom, lossFunction } from './compile';

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

const residual: Graph = {
  nodes: [
    node('in', 'Input', { shape: [4] }),
    node('a', 'Dense', { units: 4, activation: 'relu' }),
    node('b', 'Dense', { units: 4 }),
    node('sum', 'Add'),
    node('out', 'Dense', { units: 2, activation: 'softmax' }),
  ],
  edges: [edge('in', 'a'), edge('a', 'b'), edge('in', 'sum'), edge('b', 'sum'), edge('sum', 'out')],
};

describe('buildModel', () => {
  it('compiles the tutorial chains to Sequential models with the parameter counts Keras reports', () => {
    const linear = buildModel(tutorialLinear(), { seed: 1 });
    expect(linear).toBeInstanceOf(tf.Sequential);
    expect(linear.countParams()).toBe(2);
    const classifier = buildModel(tutorialClassifier(), { seed: 1 });
    expect(classifier.countParams()).toBe(11_110);
    expect(classifier.outputs[0].shape).toEqual([null, 10]);
    expect(classifier.layers.map((l) => l.name)).toEqual(summarize(tutorialClassifier()).rows.map((r) => r.name));
  });

  it('compiles branches and merges to a functional model whose layer names match the summary', () => {
    const model = buildModel(residual, { seed: 3 });
    expect(model).not.toBeInstanceOf(tf.Sequential);
    const summary = summarize(residual);
    expect(model.layers.map((l) => l.name)).toEqual(summary.rows.map((r) => r.name));
    expect(model.countParams()).toBe(summary.totalParams);
    const y = model.predict(tf.ones([3, 4])) as tf.Tensor;
    expect(y.shape).toEqual([3, 2]);
  });

  it('feeds merge layers their inputs in edge order', () => {
    const graph: Graph = {
      nodes: [node('in', 'Input', { shape: [2] }), node('wide', 'Dense', { units: 3 }), node('cat', 'Concatenate'), node('out', 'Dense', { units: 1 })],
      edges: [edge('wide', 'cat'), edge('in', 'cat'), edge('in', 'wide'), edge('cat', 'out')],
    };
    const model = buildModel(graph, { seed: 1 });
    const cat = model.getLayer('concatenate_cat');
    const inbound = (cat as unknown as { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] }).inboundNodes[0].inboundLayers.map((l) => l.name);
    expect(inbound).toEqual(['dense_wide', 'input_in']);
    expect(model.countParams()).toBe(2 * 3 + 3 + 5 * 1 + 1);
  });

  it('gives the same weights for the same seed, different weights for another seed', () => {
    const a = weightsOf(buildModel(tutorialClassifier(), { seed: 42 }));
    const b = weightsOf(buildModel(tutorialClassifier(), { seed: 42 }));
    const c = weightsOf(buildModel(tutorialClassifier(), { seed: 43 }));
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
  });

  it('does not give two identical layers identical initial weights', () => {
    const graph = chain(node('in', 'Input', { shape: [5] }), node('x', 'Dense', { units: 5 }), node('y', 'Dense', { units: 5 }));
    const [kx, , ky] = weightsOf(buildModel(graph, { seed: 7 }));
    expect(kx).not.toEqual(ky);
  });

  it('compiles Activation(leakyRelu) to a LeakyReLU layer with its alpha', () => {
    const model = buildModel(chain(node('in', 'Input', { shape: [2] }), node('act', 'Activation', { activation: 'leakyRelu', alpha: 0.1 })), { seed: null });
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'LeakyReLU']);
    const y = (model.predict(tf.tensor2d([[-10, 10]])) as tf.Tensor).arraySync() as number[][];
    expect(y[0][0]).toBeCloseTo(-1);
    expect(y[0][1]).toBeCloseTo(10);
  });

  it('refuses an invalid graph with ServiceError invalid-graph carrying the problems', () => {
    const graph: Graph = {
      nodes: [node('in', 'Input', { shape: [2] }), node('a', 'Dense', { units: 3 }), node('b', 'Dense', { units: 4 }), node('sum', 'Add')],
      edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum'), edge('b', 'sum')],
    };
    let caught: unknown;
    try {
      buildModel(graph, { seed: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServiceError);
    const error = caught as ServiceError;
    expect(error.code).toBe('invalid-graph');
    expect(error.message).toContain('(None, 3) and (None, 4)');
    expect(error.details).toEqual([expect.objectContaining({ code: 'shape-mismatch', nodeId: 'sum' })]);
  });

  it('produces a Keras topology that tfjs can load back', async () => {
    const model = buildModel(residual, { seed: 5 });
    const json = model.toJSON(undefined, false) as tf.io.ModelJSON['modelTopology'];
    const restored = await tf.models.modelFromJSON({ modelTopology: json });
    expect(restored.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(restored.countParams()).toBe(model.countParams());
  });
});

describe('summary agrees with the compiled model', () => {
  it('row by row: names, output shapes and parameter counts, for a graph using every layer', () => {
    const graph: Graph = {
      nodes: [
        node('in', 'Input', { shape: [12] }),
        node('r', 'Reshape', { targetShape: [3, -1] }),
        node('f', 'Flatten'),
        node('d1', 'Dense', { units: 6, activation: 'relu', l2: 0.01 }),
        node('bn', 'BatchNormalization'),
        node('drop', 'Dropout', { rate: 0.25 }),
        node('d2', 'Dense', { units: 6, useBias: false }),
        node('sum', 'Add'),
        node('cat', 'Concatenate'),
        node('act', 'Activation', { activation: 'leakyRelu' }),
        node('out', 'Dense', { units: 3, activation: 'softmax' }),
      ],
      edges: [
        edge('in', 'r'), edge('r', 'f'), edge('f', 'd1'), edge('d1', 'bn'), edge('bn', 'drop'), edge('drop', 'd2'),
        edge('d2', 'sum'), edge('d1', 'sum'), edge('sum', 'cat'), edge('in', 'cat'), edge('cat', 'act'), edge('act', 'out'),
      ],
    };
    const model = buildModel(graph, { seed: 9 });
    const summary = summarize(graph);
    expect(model.layers.map((l) => [l.name, l.outputShape, l.countParams()])).toEqual(summary.rows.map((r) => [r.name, r.outputShape, r.params]));
    const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    expect([model.countParams(), trainable]).toEqual([summary.totalParams, summary.trainableParams]);
    expect(summary.nonTrainableParams).toBe(12);
  });

  it('trains a model with Dropout to the same weights twice when Math.random is seeded', async () => {
    const graph = chain(node('in', 'Input', { shape: [3] }), node('h', 'Dense', { units: 8, activation: 'relu' }), node('drop', 'Dropout', { rate: 0.5 }), node('out', 'Dense', { units: 1 }));
    const run = async () => {
      const restore = installSeededMathRandom(11);
      try {
        const model = buildModel(graph, { seed: 11 });
        model.compile({ optimizer: createOptimizer({ type: 'sgd', learningRate: 0.1 }), loss: 'meanSquaredError' });
        await model.fit(tf.tensor2d([[1, 2, 3], [0, 1, 0], [2, 2, 1], [1, 0, 0]]), tf.tensor2d([[1], [0], [1], [0]]), { epochs: 5, batchSize: 2, shuffle: true, verbose: 0 });
        return weightsOf(model);
      } finally {
        restore();
      }
    };
    expect(await run()).toEqual(await run());
  });
});

describe('createOptimizer', () => {
  it.each(OPTIMIZERS)('creates %s and takes a step that lowers a simple loss', (type) => {
    const optimizer = createOptimizer({ type, learningRate: 0.1 });
    const w = tf.variable(tf.scalar(3));
    const loss = () => tf.square(w) as tf.Scalar;
    const before = loss().dataSync()[0];
    for (let i = 0; i < 3; i++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before);
    optimizer.dispose();
    w.dispose();
  });

  it('passes the optimizer options through', () => {
    const adam = createOptimizer({ type: 'adam', learningRate: 0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-6 }).getConfig();
    expect(adam).toMatchObject({ learningRate: 0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-6 });
    const momentum = createOptimizer({ type: 'momentum', learningRate: 0.1, momentum: 0.5, nesterov: true }).getConfig();
    expect(momentum).toMatchObject({ learningRate: 0.1, momentum: 0.5, useNesterov: true });
    const rmsprop = createOptimizer({ type: 'rmsprop', learningRate: 0.1, rho: 0.8, momentum: 0.2 }).getConfig();
    expect(rmsprop).toMatchObject({ decay: 0.8, momentum: 0.2 });
  });
});

describe('lossFunction', () => {
  const value = (name: Parameters<typeof lossFunction>[0], yTrue: number[][], yPred: number[][]) =>
    lossFunction(name)(tf.tensor2d(yTrue), tf.tensor2d(yPred)).dataSync()[0];

  it('matches the Keras values for each loss', () => {
    expect(value('meanSquaredError', [[1], [2]], [[2], [4]])).toBeCloseTo(2.5);
    expect(value('meanAbsoluteError', [[1], [2]], [[2], [4]])).toBeCloseTo(1.5);
    // Huber (delta 1): 0.5·0.5² = 0.125 and 3 − 0.5 = 2.5 → mean 1.3125
    expect(value('huberLoss', [[0], [0]], [[0.5], [3]])).toBeCloseTo(1.3125);
    expect(value('categoricalCrossentropy', [[0, 1], [1, 0]], [[0.2, 0.8], [0.6, 0.4]])).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 5);
    expect(value('sparseCategoricalCrossentropy', [[1], [0]], [[0.2, 0.8], [0.6, 0.4]])).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 5);
    expect(value('binaryCrossentropy', [[1], [0]], [[0.9], [0.2]])).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 4);
  });
});

describe('compileModel', () => {
  const settings = (loss: TrainingSettings['loss'], metrics: TrainingSettings['metrics']): TrainingSettings => ({
    optimizer: { type: 'adam', learningRate: 0.05 },
    loss,
    metrics,
    epochs: 1,
    batchSize: 8,
    validationSplit: 0,
    splitMode: 'end',
    testSplit: 0,
    shuffle: false,
    seed: 1,
  });

  it('compiles for fit with every loss, and fit lowers the loss', async () => {
    const restore = installSeededMathRandom(1);
    try {
      for (const loss of ['meanSquaredError', 'meanAbsoluteError', 'huberLoss'] as const) {
        const model = buildModel(tutorialLinear(), { seed: 1 });
        compileModel(model, settings(loss, ['mae']));
        const x = tf.tensor2d([[0], [1], [2], [3]]);
        const y = tf.tensor2d([[1], [3], [5], [7]]);
        const history = await model.fit(x, y, { epochs: 30, batchSize: 4, verbose: 0 });
        const losses = history.history.loss as number[];
        expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
      }
      const model = buildModel(
        chain(node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 3, activation: 'softmax' })),
        { seed: 1 },
      );
      compileModel(model, settings('sparseCategoricalCrossentropy', ['accuracy']));
      const history = await model.fit(tf.tensor2d([[1, 0], [0, 1], [1, 1]]), tf.tensor2d([[0], [1], [2]]), { epochs: 2, verbose: 0 });
      expect(Object.keys(history.history)).toContain('acc');
    } finally {
      restore();
    }
  });
});
