import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayersModel, projectFromImport, weightFilePaths } from '../../shared/import/layers-model';
import type { Graph } from '../../shared/graph/types';
import type { Project } from '../../shared/project/schema';
import { summarize } from '../../shared/graph/summary';
import { buildModel } from './compile';
import { applyWeights, exportLayersModel } from './export-model';

/**
 * Imports of layers-model model.json files: one this engine wrote (functional, with branches and a
 * merge) and one in the Keras converter's format with training_config. Each is checked against
 * tfjs' own loader: the imported canvas model with the imported weights must predict what
 * tf.loadLayersModel predicts from the same files.
 */
const fixtures = join(__dirname, '../../../test/fixtures/keras');

const BASE: Pick<Project, 'training' | 'dataset' | 'appVersion'> = {
  appVersion: 'test',
  training: { optimizer: { type: 'sgd', learningRate: 0.1 }, loss: 'meanSquaredError', metrics: [], epochs: 1, batchSize: 8, validationSplit: 0, splitMode: 'end', testSplit: 0, shuffle: false, seed: 1 },
  dataset: { kind: 'generator', generator: 'linear', seed: 1 },
};

/** The functional graph behind test/fixtures/keras/tfjs-functional (regenerate with REGENERATE_FIXTURES=1). */
const FUNCTIONAL: Graph = {
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [3] }, position: { x: 0, y: 0 } },
    { id: 'a', type: 'Dense', params: { units: 5, activation: 'relu' }, position: { x: 0, y: 0 } },
    { id: 'b', type: 'Dense', params: { units: 4, activation: 'tanh' }, position: { x: 0, y: 0 } },
    { id: 'bn', type: 'BatchNormalization', params: {}, position: { x: 0, y: 0 } },
    { id: 'cat', type: 'Concatenate', params: { axis: -1 }, position: { x: 0, y: 0 } },
    { id: 'drop', type: 'Dropout', params: { rate: 0.1 }, position: { x: 0, y: 0 } },
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'a' },
    { id: 'e2', source: 'in', target: 'b' },
    { id: 'e3', source: 'b', target: 'bn' },
    { id: 'e4', source: 'a', target: 'cat' },
    { id: 'e5', source: 'bn', target: 'cat' },
    { id: 'e6', source: 'cat', target: 'drop' },
    { id: 'e7', source: 'drop', target: 'out' },
  ],
};

function readModel(folder: string): { json: Record<string, unknown>; weights: Uint8Array } {
  const json = JSON.parse(readFileSync(join(fixtures, folder, 'model.json'), 'utf8')) as Record<string, unknown>;
  const parts = weightFilePaths(json).map((p) => readFileSync(join(fixtures, folder, p)));
  return { json, weights: new Uint8Array(Buffer.concat(parts)) };
}

async function loadWithTfjs(json: Record<string, unknown>, weights: Uint8Array): Promise<tf.LayersModel> {
  const manifest = json.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[];
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs: manifest.flatMap((g) => g.weights), weightData: weights.slice().buffer }),
  );
}

function inputs(features: number): tf.Tensor2D {
  return tf.tensor2d(Array.from({ length: 5 * features }, (_, i) => Math.sin(i * 1.7) * 2), [5, features]);
}

function predictions(model: tf.LayersModel, features: number): number[][] {
  return tf.tidy(() => (model.predict(inputs(features)) as tf.Tensor).arraySync() as number[][]);
}

function maxDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  if (process.env.REGENERATE_FIXTURES) {
    const model = buildModel(FUNCTIONAL, { seed: 11 });
    const exported = await exportLayersModel(model, 'weights.bin');
    mkdirSync(join(fixtures, 'tfjs-functional'), { recursive: true });
    writeFileSync(join(fixtures, 'tfjs-functional', 'model.json'), JSON.stringify(exported.modelJson, null, 1));
    writeFileSync(join(fixtures, 'tfjs-functional', 'weights.bin'), new Uint8Array(exported.weightData));
    model.dispose();
  }
});

async function checkAgainstTfjs(folder: string, features: number): Promise<Project> {
  const { json, weights } = readModel(folder);
  const result = importLayersModel(json);
  expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  if (!result.ok) throw new Error('import failed');
  const project = projectFromImport(result.model, BASE, weights, '2026-01-01T00:00:00Z');
  if (!('format' in project)) throw new Error(project.message);
  const ours = buildModel(project.graph, { seed: 5 });
  applyWeights(ours, project.trained!.weights);
  const reference = await loadWithTfjs(json, weights);
  expect(maxDiff(predictions(ours, features), predictions(reference, features))).toBeLessThanOrEqual(1e-6);
  expect(summarize(project.graph).totalParams).toBe(reference.countParams());
  ours.dispose();
  reference.dispose();
  return project;
}

describe('importing a layers-model model.json', () => {
  it('imports a functional model written by tfjs (branches, merge) and predicts as tf.loadLayersModel does', async () => {
    const project = await checkAgainstTfjs('tfjs-functional', 3);
    expect(project.graph.nodes.map((n) => n.type).sort()).toEqual(['BatchNormalization', 'Concatenate', 'Dense', 'Dense', 'Dense', 'Dropout', 'Input']);
    // Laid out left to right: every edge goes rightwards.
    const x = new Map(project.graph.nodes.map((n) => [n.id, n.position.x]));
    for (const e of project.graph.edges) expect(x.get(e.target)!).toBeGreaterThan(x.get(e.source)!);
  });

  it('imports a Keras-converted Sequential model with training_config', async () => {
    const project = await checkAgainstTfjs('keras-converter-sequential', 4);
    expect(project.name).toBe('iris_classifier');
    expect(project.training).toMatchObject({
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      optimizer: { type: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    });
    expect(project.training.optimizer.learningRate).toBeCloseTo(0.002, 9);
    const dense = project.graph.nodes.find((n) => n.id === 'dense')!;
    expect(dense.params).toMatchObject({ units: 16, activation: 'relu', kernelInitializer: 'glorotUniform', l2: 0.0010000000474974513 });
  });

  it('lists every unsupported layer and imports nothing', () => {
    const { json } = readModel('unsupported');
    const result = importLayersModel(json);
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'unsupported-layers') throw new Error('expected unsupported-layers');
    expect(result.error.missing).toEqual([
      { name: 'conv3d', className: 'Conv3D' },
      { name: 'max_pooling3d', className: 'MaxPooling3D' },
      { name: 'dense_out', className: 'Dense with activation "exponential"' },
    ]);
    expect(result.error.message).toContain('Conv3D (layer "conv3d"), MaxPooling3D (layer "max_pooling3d")');
  });

  it('says what a file is when it is not a layers model', () => {
    const graphModel = importLayersModel({ format: 'graph-model', modelTopology: undefined });
    expect(graphModel.ok).toBe(false);
    if (!graphModel.ok) expect(graphModel.error.message).toContain('graph model');
    expect(importLayersModel([1, 2]).ok).toBe(false);
  });
});
