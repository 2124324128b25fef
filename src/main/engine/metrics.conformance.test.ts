import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getLoss } from '../../shared/losses';
import { METRIC_REGISTRY, tfjsMetricsCode, type FusedMetricId } from '../../shared/metrics';
import { METRICS, type LossName, type MetricName, type TrainingSettings } from '../../shared/project/schema';
import { chain, node } from '../../shared/graph/fixtures';
import { buildForTraining, compileModel } from './compile';
import { planFastDense } from './fast-dense';

/**
 * Every metric of the registry computed by tfjs through `compileModel` (and through the list the
 * generated TypeScript compiles), checked against values computed by hand, with the history key
 * and the variant (binary / categorical / sparse accuracy) the registry states. A new metric needs
 * its cases in `REFERENCE` (the type makes them required).
 */
interface Case {
  loss: LossName;
  yTrue: number[][];
  yPred: number[][];
  value: number;
  /** The variant tfjs computes for this loss and output (what the fast path must compute too). */
  variant: FusedMetricId;
}
const REFERENCE: Record<MetricName, Case[]> = {
  accuracy: [
    // binary: p > 0.5 → 1; rows right: 1st and 4th of 4
    { loss: 'binaryCrossentropy', yTrue: [[1], [0], [1], [0]], yPred: [[0.9], [0.6], [0.4], [0.1]], value: 2 / 4, variant: 'binaryAccuracy' },
    // categorical: argmax agrees in rows 1 and 3 of 3
    { loss: 'categoricalCrossentropy', yTrue: [[0, 1, 0], [1, 0, 0], [0, 0, 1]], yPred: [[0.2, 0.7, 0.1], [0.3, 0.6, 0.1], [0.1, 0.2, 0.7]], value: 2 / 3, variant: 'categoricalAccuracy' },
    // sparse: class numbers 1, 0, 2 against the same predictions
    { loss: 'sparseCategoricalCrossentropy', yTrue: [[1], [0], [2]], yPred: [[0.2, 0.7, 0.1], [0.3, 0.6, 0.1], [0.1, 0.2, 0.7]], value: 2 / 3, variant: 'sparseCategoricalAccuracy' },
  ],
  // (|2−1| + |4−2| + |3−3|) / 3
  mae: [{ loss: 'meanSquaredError', yTrue: [[1], [2], [3]], yPred: [[2], [4], [3]], value: 1, variant: 'mae' }],
  // (1 + 4 + 0) / 3
  mse: [{ loss: 'meanAbsoluteError', yTrue: [[1], [2], [3]], yPred: [[2], [4], [3]], value: 5 / 3, variant: 'mse' }],
};

const cases = METRICS.flatMap((metric) => REFERENCE[metric].map((c) => ({ name: `${metric} with ${c.loss}`, metric, ...c })));

const settings = (loss: LossName, metric: MetricName): TrainingSettings => ({
  optimizer: { type: 'sgd', learningRate: 0.01 },
  loss,
  metrics: [metric],
  epochs: 1,
  batchSize: 32,
  validationSplit: 0,
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: false,
  seed: 1,
});

function passThrough(width: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.activation({ activation: 'linear', inputShape: [width] }));
  return model;
}

function metricValue(model: tf.LayersModel, c: Case): number {
  const result = model.evaluate(tf.tensor2d(c.yPred), tf.tensor2d(c.yTrue), { batchSize: 32 }) as tf.Scalar[];
  return result[1].dataSync()[0];
}

describe('metric registry conformance (tfjs)', () => {
  it.each(cases)('$name: the compiled model reports the hand-computed value under the registry\'s tfjs key', (c) => {
    const model = passThrough(c.yPred[0].length);
    compileModel(model, settings(c.loss, c.metric));
    expect(model.metricsNames).toEqual(['loss', METRIC_REGISTRY[c.metric].tfjsHistoryKey]);
    expect(metricValue(model, c)).toBeCloseTo(c.value, 6);
    model.dispose();
  });

  it.each(cases)('$name: the metric list of the generated TypeScript computes the same', (c) => {
    const model = passThrough(c.yPred[0].length);
    model.compile({ optimizer: 'sgd', loss: getLoss(c.loss).tfjsName!, metrics: JSON.parse(tfjsMetricsCode([c.metric])) as string[] });
    expect(metricValue(model, c)).toBeCloseTo(c.value, 6);
    model.dispose();
  });

  it.each(cases)('$name: the fast Dense path computes the variant the registry names', (c) => {
    const width = c.yPred[0].length;
    const graph = chain(node('in', 'Input', { shape: [2] }), node('d', 'Dense', { units: width, activation: width === 1 ? 'sigmoid' : 'softmax' }));
    const { model, source } = buildForTraining(graph, settings(c.loss, c.metric));
    const plan = planFastDense(source, model);
    expect(METRIC_REGISTRY[c.metric].variant(getLoss(c.loss), width)).toBe(c.variant);
    expect(typeof plan === 'string' ? plan : plan.metrics).toEqual([c.variant]);
    model.dispose();
  });
});
