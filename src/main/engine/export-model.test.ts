import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayersModel, projectFromImport } from '../../shared/import/layers-model';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { trainedStatus } from '../../shared/project/trained';
import { planCount, planGraph } from '../../shared/graph/plan';
import { buildModel } from './compile';
import { applyWeights, exportLayersModel, trainedSection } from './export-model';
import { disposeModel, loadTrainedModel, runProject } from './run-project';
import { preprocessingFor, preprocessRows, type Preprocessing } from '../../shared/data/preprocess';

const fixtures = join(__dirname, '../../../test/fixtures');

function loadFixture(name: string): Project {
  const result = parseProject(readFileSync(join(fixtures, 'projects', name), 'utf8'), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const INPUTS = [
  [0.1, -0.7],
  [0.9, 0.4],
  [-0.5, -0.5],
  [0.0, 1.0],
];

function predict(model: tf.LayersModel): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(INPUTS)) as tf.Tensor).arraySync() as number[][]);
}

function expectClose(a: number[][], b: number[][], tolerance: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - b[i][j]), `row ${i} col ${j}: ${v} vs ${b[i][j]}`).toBeLessThanOrEqual(tolerance)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model export and reload', () => {
  let project: Project;
  let trained: tf.LayersModel;

  beforeAll(async () => {
    project = loadFixture('v1-partial-params.neurite');
    const run = await runProject(project);
    trained = run.model;
    project = { ...project, trained: trainedSection(run.model, project, { reason: run.outcome.reason, history: run.outcome.history }) };
  });

  it('exports a layers model that tf.loadLayersModel reloads with the same predictions (1e-6)', async () => {
    const exported = await exportLayersModel(trained);
    expect(exported.modelJson.format).toBe('layers-model');
    expect(exported.modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    // Through JSON text, as it would be written to disk.
    const json = JSON.parse(JSON.stringify(exported.modelJson)) as typeof exported.modelJson;
    const reloaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: exported.weightData }),
    );
    expectClose(predict(reloaded), predict(trained), 1e-6);
    reloaded.dispose();
  });

  it('saves weights in the project; reopening and rebuilding predicts the same values', () => {
    const text = JSON.stringify(project);
    const reopened = parseProject(text, 'trained.neurite');
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    expect(trainedStatus(reopened.project)).toEqual({ state: 'fresh' });
    expect(reopened.project.trained!.history.length).toBe(project.training.epochs);
    const rebuilt = buildModel(reopened.project.graph, { seed: 12345 });
    applyWeights(rebuilt, reopened.project.trained!.weights);
    expectClose(predict(rebuilt), predict(trained), 1e-6);
    rebuilt.dispose();
  });

  it('plans the graph once per operation: loading a trained model, and an export with its trained section', async () => {
    let start = planCount();
    const loaded = loadTrainedModel(project);
    expect(planCount() - start, 'loadTrainedModel').toBe(1);
    disposeModel(loaded.model);
    start = planCount();
    const plan = planGraph(project.graph);
    await exportLayersModel(trained, 'weights.bin', { pipeline: preprocessingFor(project.dataset), plan });
    trainedSection(trained, project, { reason: 'completed', history: [] }, undefined, plan);
    expect(planCount() - start, 'export').toBe(1);
  });

  it('refuses weights that do not fit the graph, naming the weight', () => {
    const changed = { ...project.graph, nodes: project.graph.nodes.map((n) => (n.id === 'h' ? { ...n, params: { ...n.params, units: 5 } } : n)) };
    const other = buildModel(changed, { seed: 1 });
    expect(() => applyWeights(other, project.trained!.weights)).toThrow(/dense_h\/kernel: expected shape \[2, 5\], the file has \[2, 4\]/);
    other.dispose();
  });

  it('imports its own export back onto the canvas with the weights', async () => {
    const exported = await exportLayersModel(trained);
    const imported = importLayersModel(JSON.parse(JSON.stringify(exported.modelJson)));
    expect(imported.ok ? 'ok' : imported.error.message).toBe('ok');
    if (!imported.ok) return;
    const result = projectFromImport(imported.model, project, new Uint8Array(exported.weightData), '2026-01-01T00:00:00Z');
    if (!('format' in result)) throw new Error(result.message);
    const model = buildModel(result.graph, { seed: 3 });
    applyWeights(model, result.trained!.weights);
    expectClose(predict(model), predict(trained), 1e-6);
    disposeModel(model);
  });
});

describe('exports that predict right on raw rows (issue 9)', () => {
  const zscore = { means: [100, 2000], stds: [40, 15] };
  const pipeline: Preprocessing = {
    inputColumns: ['area', 'year'],
    featureNames: ['area', 'year'],
    steps: [
      { kind: 'encode', columns: [{ column: 'area', kind: 'numeric' }, { column: 'year', kind: 'numeric' }] },
      { kind: 'zscore', ...zscore },
    ],
  };
  const RAW = [
    [120, 2010],
    [55, 1961],
    [210, 1999],
  ];
  const node = (id: string, type: string, params: Record<string, unknown>) => ({ id, type, params, position: { x: 0, y: 0 } });
  const edges = (pairs: [string, string][]) => pairs.map(([source, target], i) => ({ id: `e${i}`, source, target }));

  async function reload(exported: Awaited<ReturnType<typeof exportLayersModel>>): Promise<tf.LayersModel> {
    const json = JSON.parse(JSON.stringify(exported.modelJson)) as typeof exported.modelJson;
    return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: exported.weightData }));
  }

  function run(model: tf.LayersModel, rows: number[][]): number[][] {
    return tf.tidy(() => (model.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][]);
  }

  it('folds the z-score into every Dense layer the Input feeds: the reloaded model on raw rows equals the model on normalised rows', async () => {
    const graph = {
      nodes: [node('in', 'Input', { shape: [2] }), node('a', 'Dense', { units: 3, activation: 'tanh' }), node('b', 'Dense', { units: 3 }), node('sum', 'Add', {}), node('out', 'Dense', { units: 1 })],
      edges: edges([['in', 'a'], ['in', 'b'], ['a', 'sum'], ['b', 'sum'], ['sum', 'out']]),
    };
    const model = buildModel(graph, { seed: 5 });
    const exported = await exportLayersModel(model, 'weights.bin', { pipeline, plan: planGraph(graph) });
    expect(exported.preprocessing).toEqual({ kind: 'folded', layers: ['dense_a', 'dense_b'] });
    const reloaded = await reload(exported);
    // Folding trades (x − m)/s for x·(W/s) − (m/s)·W: float32 cancellation costs ~|m/s|·|W|·2⁻²⁴ (here m/s ≈ 133).
    expectClose(run(reloaded, RAW), run(model, preprocessRows(pipeline, RAW)), 1e-4);
    // The model in the trainer keeps its own weights (predict and later exports are unchanged).
    expect(run(model, preprocessRows(pipeline, RAW))).toEqual(run(model, preprocessRows(pipeline, RAW)));
    reloaded.dispose();
    model.dispose();
  });

  it('writes preprocessing.json when the first layer is not affine, or the inputs are categories, with the pipeline step list', async () => {
    const graph = {
      nodes: [node('in', 'Input', { shape: [2] }), node('act', 'Activation', { activation: 'tanh' }), node('out', 'Dense', { units: 1 })],
      edges: edges([['in', 'act'], ['act', 'out']]),
    };
    const model = buildModel(graph, { seed: 5 });
    const exported = await exportLayersModel(model, 'weights.bin', { pipeline, plan: planGraph(graph) });
    expect(exported.preprocessing).toMatchObject({ kind: 'file', reason: 'not-dense', json: { format: 'neurite-preprocessing', version: 1, steps: pipeline.steps } });
    // Weights untouched: the reloaded model on normalised rows is the model.
    const reloaded = await reload(exported);
    expectClose(run(reloaded, preprocessRows(pipeline, RAW)), run(model, preprocessRows(pipeline, RAW)), 1e-6);
    reloaded.dispose();
    const categorical: Preprocessing = {
      inputColumns: ['colour'],
      featureNames: ['colour=blue', 'colour=red'],
      steps: [{ kind: 'encode', columns: [{ column: 'colour', kind: 'onehot', categories: ['blue', 'red'] }] }],
    };
    expect((await exportLayersModel(model, 'weights.bin', { pipeline: categorical, plan: planGraph(graph) })).preprocessing).toMatchObject({ kind: 'file', reason: 'categorical' });
    model.dispose();
  });

  it('says there is nothing to do for data that is not normalised', async () => {
    const graph = { nodes: [node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 1 })], edges: edges([['in', 'out']]) };
    const model = buildModel(graph, { seed: 1 });
    expect((await exportLayersModel(model, 'weights.bin', { pipeline: { ...pipeline, steps: [pipeline.steps[0]] }, plan: planGraph(graph) })).preprocessing).toEqual({ kind: 'none' });
    model.dispose();
  });
});
