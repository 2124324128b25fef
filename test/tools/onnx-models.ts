import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_LIST } from '../../src/shared/activations';
import { LAYERS, resolveParams } from '../../src/shared/layers';
import type { LayerDefinition, LayerExample } from '../../src/shared/layers/types';
import type { Graph } from '../../src/shared/graph/types';
import type { DatasetSpec, Project, WeightTensor } from '../../src/shared/project/schema';
import { applyPreprocessing, hasCategoricalInputs, preprocessingFor, zscoreStep } from '../../src/shared/data/preprocess';
import { buildModel } from '../../src/main/engine/compile';
import { applyWeights, encodeWeights } from '../../src/main/engine/export-model';
import { float32ToBase64 } from '../../src/shared/project/base64';
import { createRandom } from '../../src/shared/data/random';

/**
 * Models for the ONNX export tests, together covering every layer type and every activation,
 * built by the app's own compiler (buildModel) and given seeded random weights, with the
 * predictions the app's tfjs model makes on fixed raw inputs.
 */
export interface OnnxCase {
  id: string;
  project: Pick<Project, 'name' | 'graph' | 'dataset'>;
  weights: WeightTensor[];
  /** Raw rows (before preprocessing), each of the Input's shape. */
  inputs: number[][] | number[][][];
  /** tfjs' predictions on `inputs` after the project's preprocessing, flattened per row. */
  expected: number[][];
}

type Spec = { type: string; params?: Record<string, unknown>; from?: string[] };

/** A graph from named layer specs; each feeds on `from` (default: the previous one). */
function graph(specs: [string, Spec][]): Graph {
  const nodes = specs.map(([id, s], i) => ({ id, type: s.type, params: s.params ?? {}, position: { x: 0, y: i * 80 } }));
  const edges = specs.flatMap(([id, s], i) => (s.from ?? (i === 0 ? [] : [specs[i - 1][0]])).map((source, k) => ({ id: `e_${id}_${k}`, source, target: id })));
  return { nodes, edges };
}

const GENERATOR: DatasetSpec = { kind: 'generator', generator: 'circles', seed: 1 };

/** A CSV dataset spec with 3 numeric features and a z-score (the file itself is never read by an export). */
const ZSCORED: DatasetSpec = {
  kind: 'csv',
  file: { name: 'fixture.csv', size: 1, sha256: '0'.repeat(64) },
  delimiter: ',',
  header: true,
  columns: [
    { name: 'a', type: 'numeric', role: 'feature' },
    { name: 'b', type: 'numeric', role: 'feature' },
    { name: 'c', type: 'numeric', role: 'feature' },
    { name: 'y', type: 'numeric', role: 'label' },
  ],
  normalize: true,
  labelEncoding: 'value',
  transform: { featureNames: ['a', 'b', 'c'], means: [10, -3, 0.5], stds: [4, 0.25, 2], categories: {} },
  rows: 10,
};


/** The model's weights replaced by seeded values in [-1, 1] (moving variances in [0.5, 2]), so that BatchNormalization's statistics matter too. */
function randomWeights(model: tf.LayersModel, seed: number): WeightTensor[] {
  const next = createRandom(seed).next;
  return encodeWeights(model).map((w) => {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () => (w.name.endsWith('moving_variance') ? 0.5 + 1.5 * next() : 2 * next() - 1));
    return { ...w, data: float32ToBase64(values) };
  });
}

function rows(shape: number[], count: number, seed: number, scale: number): number[][] | number[][][] {
  const next = createRandom(seed).next;
  const value = () => Math.round((2 * next() - 1) * scale * 1000) / 1000;
  if (shape.length === 1) return Array.from({ length: count }, () => Array.from({ length: shape[0] }, value));
  return Array.from({ length: count }, () => Array.from({ length: shape[0] }, () => Array.from({ length: shape[1] }, value)));
}

/** Whether the dataset's pipeline changes numbers (a z-score or categories); generators' rows are model inputs as they are. */
function preprocesses(dataset: DatasetSpec): boolean {
  const p = preprocessingFor(dataset);
  return zscoreStep(p) !== null || hasCategoricalInputs(p);
}

function makeCase(id: string, g: Graph, dataset: DatasetSpec, seed: number, scale: number): OnnxCase {
  const project = { name: id, graph: g, dataset };
  const model = buildModel(g, { seed });
  try {
    const weights = randomWeights(model, seed);
    applyWeights(model, weights);
    const shape = g.nodes[0].params.shape as number[];
    const inputs = rows(shape, 6, seed + 1, scale);
    const flat = preprocesses(dataset) ? applyPreprocessing(preprocessingFor(dataset), inputs as number[][]) : Float32Array.from((inputs as number[][]).flat(2));
    const expected = tf.tidy(() => {
      const out = model.predict(tf.tensor(flat, [inputs.length, ...shape])) as tf.Tensor;
      return out.reshape([inputs.length, -1]).arraySync() as number[][];
    });
    return { id, project, weights, inputs, expected };
  } finally {
    model.dispose();
  }
}

/** The node id of the layer under test in a layer-example case. */
export const UNDER_TEST = 'under_test';

/**
 * A graph applying a layer file's example to its example's input shapes: an Input of that shape
 * when the example has one input `[batch, n]`; otherwise one Input [4] feeding, for each example
 * input, a Dense and a Reshape to that input's shape. The Input's own examples feed a linear
 * Activation.
 */
function exampleGraph(def: LayerDefinition, example: LayerExample): Graph {
  if (def.role === 'input') return graph([['in', { type: def.type, params: resolveParams(def, example.params) }], [UNDER_TEST, { type: 'Activation', params: { activation: 'linear' } }]]);
  if (example.inputs.length === 1 && example.inputs[0].length === 2) {
    return graph([['in', { type: 'Input', params: { shape: [example.inputs[0][1]] } }], [UNDER_TEST, { type: def.type, params: example.params }]]);
  }
  const specs: [string, Spec][] = [['in', { type: 'Input', params: { shape: [4] } }]];
  example.inputs.forEach((shape, k) => {
    const dims = shape.slice(1) as number[];
    specs.push([`feed${k}`, { type: 'Dense', params: { units: dims.reduce((a, b) => a * b, 1) }, from: ['in'] }]);
    specs.push([`shape${k}`, { type: 'Reshape', params: { targetShape: dims } }]);
  });
  specs.push([UNDER_TEST, { type: def.type, params: example.params, from: example.inputs.map((_, k) => `shape${k}`) }]);
  return graph(specs);
}

/** The id of the case for example `index` of a layer file. */
export const layerExampleCaseId = (type: string, index: number): string => `layer-${type}-${index}`;

/** Every case: each activation on Dense and on the Activation layer, every example of every layer file, every layer type together, and the preprocessing variants. */
export function onnxCases(): OnnxCase[] {
  const cases: OnnxCase[] = [];
  ACTIVATION_LIST.forEach((a, i) => {
    const specs: [string, Spec][] = [['in', { type: 'Input', params: { shape: [3] } }]];
    specs.push(['d', { type: 'Dense', params: { units: 4, activation: a.dense ? a.id : 'linear' } }]);
    if (a.activationLayer) specs.push(['act', { type: 'Activation', params: { activation: a.id, alpha: 0.15 } }]);
    // Inputs up to ±8 reach relu6's and hardSigmoid's clipping.
    cases.push(makeCase(`activation-${a.id}`, graph(specs), GENERATOR, 100 + i, 8));
  });
  LAYERS.forEach((def, i) => def.examples.forEach((example, k) => cases.push(makeCase(layerExampleCaseId(def.type, k), exampleGraph(def, example), GENERATOR, 200 + 10 * i + k, 2))));
  cases.push(
    makeCase(
      'every-layer',
      graph([
        ['in', { type: 'Input', params: { shape: [6] } }],
        ['d1', { type: 'Dense', params: { units: 8, activation: 'relu' } }],
        ['bn1', { type: 'BatchNormalization', params: { epsilon: 0.01 } }],
        ['drop', { type: 'Dropout', params: { rate: 0.3 } }],
        ['rs', { type: 'Reshape', params: { targetShape: [2, -1] } }],
        ['d2', { type: 'Dense', params: { units: 3, activation: 'tanh' } }],
        ['d2b', { type: 'Dense', params: { units: 3, useBias: false }, from: ['rs'] }],
        ['bn2', { type: 'BatchNormalization', params: { center: false }, from: ['d2'] }],
        ['bn3', { type: 'BatchNormalization', params: { scale: false }, from: ['d2b'] }],
        ['cat1', { type: 'Concatenate', params: { axis: 1 }, from: ['bn2', 'bn3'] }],
        ['flat', { type: 'Flatten', from: ['cat1'] }],
        ['a', { type: 'Dense', params: { units: 5, activation: 'sigmoid', useBias: false }, from: ['flat'] }],
        ['b', { type: 'Dense', params: { units: 5, activation: 'elu' }, from: ['flat'] }],
        ['c', { type: 'Dense', params: { units: 5 }, from: ['flat'] }],
        ['sum', { type: 'Add', from: ['a', 'b', 'c'] }],
        ['cat2', { type: 'Concatenate', from: ['sum', 'a'] }],
        ['out', { type: 'Dense', params: { units: 3, activation: 'softmax' } }],
      ]),
      GENERATOR,
      7,
      2,
    ),
    makeCase(
      'image-input',
      graph([
        ['in', { type: 'Input', params: { shape: [2, 3] } }],
        ['d', { type: 'Dense', params: { units: 4, activation: 'gelu' } }],
        ['bn', { type: 'BatchNormalization' }],
        ['flat', { type: 'Flatten' }],
        ['out', { type: 'Dense', params: { units: 2 } }],
      ]),
      GENERATOR,
      8,
      2,
    ),
    // The z-score folds into the first Dense layers (both branches): the ONNX model takes raw rows.
    makeCase(
      'zscore-folded',
      graph([
        ['in', { type: 'Input', params: { shape: [3] } }],
        ['d1', { type: 'Dense', params: { units: 4, activation: 'relu' } }],
        ['d2', { type: 'Dense', params: { units: 4, activation: 'tanh' }, from: ['in'] }],
        ['cat', { type: 'Concatenate', from: ['d1', 'd2'] }],
        ['out', { type: 'Dense', params: { units: 1 } }],
      ]),
      ZSCORED,
      9,
      12,
    ),
    // A first layer that is not a Dense: the z-score is stated (preprocessing.json), the ONNX model takes z-scored rows.
    makeCase(
      'zscore-stated',
      graph([
        ['in', { type: 'Input', params: { shape: [3] } }],
        ['bn', { type: 'BatchNormalization' }],
        ['out', { type: 'Dense', params: { units: 2 } }],
      ]),
      ZSCORED,
      10,
      12,
    ),
  );
  return cases;
}

/** The rows an exported ONNX model takes for a case: raw rows, or after the preprocessing its notes state. */
export function onnxInputRows(c: OnnxCase, stated: boolean): number[][] | number[][][] {
  if (!stated) return c.inputs;
  const shape = c.project.graph.nodes[0].params.shape as number[];
  const flat = Array.from(applyPreprocessing(preprocessingFor(c.project.dataset), c.inputs as number[][]));
  return Array.from({ length: c.inputs.length }, (_, i) => flat.slice(i * shape[0], (i + 1) * shape[0]));
}
