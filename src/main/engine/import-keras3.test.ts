import * as tf from '@tensorflow/tfjs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayersModel, importModelFile, projectFromImport, weightFilePaths } from '../../shared/import/layers-model';
import type { Project } from '../../shared/project/schema';
import { summarize } from '../../shared/graph/summary';
import { getLayer, resolveParams } from '../../shared/layers';
import { buildModel } from './compile';
import { applyWeights } from './export-model';

/**
 * Real Keras 3 models (test/fixtures/keras3, written by test/tools/make_keras_fixtures.py with
 * Keras 3.15 / TensorFlow 2.21 in the TF.js layers format tensorflowjs_converter produces, with
 * Keras' own predictions on fixed inputs): each is imported, its weights loaded, and the canvas
 * model must predict what Keras predicted, to 1e-5. No Python needed: the fixtures are committed.
 */
const fixtures = join(__dirname, '../../../test/fixtures/keras3');

const BASE: Pick<Project, 'training' | 'dataset' | 'appVersion'> = {
  appVersion: 'test',
  training: { optimizer: { type: 'sgd', learningRate: 0.1 }, loss: 'meanAbsoluteError', metrics: [], epochs: 1, batchSize: 8, validationSplit: 0, splitMode: 'end', testSplit: 0, shuffle: false, seed: 1 },
  dataset: { kind: 'generator', generator: 'linear', seed: 1 },
};

interface Fixture {
  json: Record<string, unknown>;
  weights: Uint8Array;
  expected: { inputs: unknown[]; outputs: number[][] };
}

function readFixture(folder: string): Fixture {
  const dir = join(fixtures, folder);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  const weights = new Uint8Array(Buffer.concat(weightFilePaths(json).map((p) => readFileSync(join(dir, p)))));
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Fixture['expected'];
  return { json, weights, expected };
}

function imported(folder: string): { project: Project; warnings: string[]; fixture: Fixture } {
  const fixture = readFixture(folder);
  const result = importLayersModel(fixture.json);
  if (!result.ok) throw new Error(result.error.message);
  const project = projectFromImport(result.model, BASE, fixture.weights, '2026-01-01T00:00:00Z');
  if (!('format' in project)) throw new Error(project.message);
  return { project, warnings: result.model.warnings, fixture };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FOLDERS = readdirSync(fixtures).sort();

describe('Keras 3 models in the TF.js layers format', () => {
  it('has the fixtures the script writes', () => {
    expect(FOLDERS).toEqual(['constraint-frozen', 'every-layer', 'every-layer-keras-file', 'functional-merge', 'functional-merge-h5', 'quantized', 'quantized-uint16', 'sequential']);
  });

  it.each(FOLDERS)('%s: the imported model predicts what Keras predicted (1e-5)', (folder) => {
    const { project, fixture } = imported(folder);
    expect(project.trained?.weights.length).toBeGreaterThan(0);
    const model = buildModel(project.graph, { seed: 3 });
    applyWeights(model, project.trained!.weights);
    const ours = tf.tidy(() => (model.predict(tf.tensor(fixture.expected.inputs as number[][])) as tf.Tensor).arraySync() as number[][]);
    const diff = Math.max(...ours.flatMap((row, i) => row.map((v, j) => Math.abs(v - fixture.expected.outputs[i][j]))));
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(summarize(project.graph).totalParams).toBe(model.countParams());
    model.dispose();
  });

  it('connects a Keras 3 functional model (keras_history tensors; Add and Concatenate take lists)', () => {
    const { project } = imported('functional-merge');
    const edges = project.graph.edges.map((e) => `${e.source}->${e.target}`).sort();
    expect(edges).toEqual(['a->add', 'a->concat', 'add->concat', 'b->add', 'concat->out', 'features->a', 'features->b']);
  });

  it('reads compile_config: SGD with momentum 0.9 stays SGD with momentum 0.9, with the loss and metrics', () => {
    const { project } = imported('functional-merge');
    expect(project.training.optimizer).toMatchObject({ type: 'momentum', momentum: 0.9 });
    expect(project.training.optimizer.learningRate).toBeCloseTo(0.05, 7);
    expect(project.training.loss).toBe('meanSquaredError');
    expect(project.training.metrics).toEqual(['mae']);
    const seq = imported('sequential').project.training;
    expect(seq).toMatchObject({ loss: 'categoricalCrossentropy', metrics: ['accuracy'], optimizer: { type: 'adam' } });
    expect(seq.optimizer.learningRate).toBeCloseTo(0.002, 7);
    const rms = imported('every-layer').project.training;
    expect(rms).toMatchObject({ loss: 'binaryCrossentropy', optimizer: { type: 'rmsprop', rho: 0.8 } });
  });

  it('reads a Keras 3 model through the legacy .h5 path (tfjs.converters.save_keras_model): training_config, Keras 3 inbound_nodes', () => {
    const { project } = imported('functional-merge-h5');
    expect(project.graph.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(imported('functional-merge').project.graph.edges.map((e) => `${e.source}->${e.target}`).sort());
    expect(project.training).toEqual(imported('functional-merge').project.training);
  });

  it('imports a Sequential model whose input shape is Keras 3 batch_shape', () => {
    const { project } = imported('sequential');
    expect(project.graph.nodes.find((n) => n.type === 'Input')?.params).toEqual({ shape: [4] });
    expect(imported('every-layer').project.graph.nodes.find((n) => n.type === 'Input')?.params).toEqual({ shape: [2, 3] });
  });

  it('names the MaxNorm kernel constraint and the frozen layer in the warnings', () => {
    const { warnings } = imported('constraint-frozen');
    expect(warnings).toEqual([
      'constrained: Dense kernel_constraint {"class_name":"MaxNorm","config":{"max_value":2,"axis":0}} is not carried over; Neurite\'s Dense has no such setting.',
      'frozen: Dense trainable false is not carried over; Neurite\'s Dense has no such setting.',
    ]);
  });

  it('reads the .keras-file weight names (layers/<class>_<n>/vars/<i>) and names the optimizer state it leaves out', () => {
    const { project, warnings } = imported('every-layer-keras-file');
    expect(project.trained?.weights.map((w) => w.name).sort()).toEqual(imported('every-layer').project.trained?.weights.map((w) => w.name).sort());
    expect(warnings).toEqual([
      "The file holds the optimizer's state (2 weights: optimizer/vars/0, optimizer/vars/1); it is not carried over: training in Neurite starts with a fresh optimizer.",
    ]);
  });

  it('the layer registry\'s weightNames are the variables tfjs builds, in order', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['Dense', { units: 2, useBias: true }],
      ['Dense', { units: 2, useBias: false }],
      ['BatchNormalization', {}],
      ['BatchNormalization', { center: false }],
      ['BatchNormalization', { scale: false }],
    ];
    for (const [type, params] of cases) {
      const graph = {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [3] }, position: { x: 0, y: 0 } },
          { id: 'probe', type, params, position: { x: 0, y: 0 } },
        ],
        edges: [{ id: 'e', source: 'in', target: 'probe' }],
      };
      const model = buildModel(graph, { seed: 1 });
      const def = getLayer(type)!;
      const built = model.weights.map((w) => ((w as unknown as { originalName?: string }).originalName ?? w.name).split('/').pop());
      expect(built, `${type} ${JSON.stringify(params)}`).toEqual(def.weightNames!(resolveParams(def, params)));
      model.dispose();
    }
  });

  it('imports every other fixture without a warning (every key is read or neutral)', () => {
    for (const folder of ['sequential', 'functional-merge', 'functional-merge-h5', 'every-layer', 'quantized', 'quantized-uint16']) expect(imported(folder).warnings, folder).toEqual([]);
  });
});

describe('importModelFile (the one-call import for the command line)', () => {
  it('gives the whole project and its warnings; without weights it says so', () => {
    const fixture = readFixture('constraint-frozen');
    const full = importModelFile(fixture.json, fixture.weights, { appVersion: 'test', now: '2026-01-01T00:00:00Z' });
    if (!full.ok) throw new Error(full.error.message);
    expect(full.project.trained?.weights.map((w) => w.name.split('/')[1])).toEqual(['kernel', 'bias', 'kernel', 'bias']);
    expect(full.project.training.optimizer).toMatchObject({ type: 'momentum', momentum: 0.9 });
    // The constraint and the frozen layer, and the fit() settings a Keras file cannot carry (named with the defaults they took).
    expect(full.warnings).toHaveLength(3);
    expect(full.warnings[2]).toMatch(/^The file carries no fit\(\) settings .*epochs 10, batch size 32/);
    const bare = importModelFile(fixture.json, null, { appVersion: 'test' });
    if (!bare.ok) throw new Error(bare.error.message);
    expect(bare.project.trained).toBeUndefined();
    expect(bare.warnings[3]).toBe('The weight files (group1-shard1of1.bin) were not given; the model was imported without its trained weights.');
    const graphModel = importModelFile({ format: 'graph-model', modelTopology: { node: [] } }, null, { appVersion: 'test' });
    expect(graphModel.ok ? 'ok' : graphModel.error.code).toBe('graph-model');
  });
});
