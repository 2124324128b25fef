import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { decodeRows } from '../../src/shared/api/numbers';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKerasPython } from '../tools/keras-python';
import { findOnnxPython, itWithPython } from '../tools/python';
import type { TrainEvent } from '../../src/shared/api/contract';
import { toKerasPython, toTfjsTypeScript } from '../../src/shared/codegen';
import { parseCsvText, type CsvParseConfig } from '../../src/shared/data/csv';
import { csvToDataset } from '../../src/shared/data/csv-dataset';
import { preprocessingFor, preprocessRows, type Preprocessing } from '../../src/shared/data/preprocess';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';

/**
 * Issue 9, the predict-path matrix: a project whose CSV is z-score normalised on import
 * (test/fixtures/csv/house-prices.csv: area in m², year built, rooms, distance; price) must give
 * the same outputs for the same raw rows through every path: the app's API (the real trainer
 * process), the command line on the saved project, stock tf.loadLayersModel on the exported
 * model.json, and the generated TypeScript script. Build first: `npm run build`.
 */
const ROOT = path.resolve(__dirname, '../..');
const TRAINER = path.join(ROOT, 'out/main/trainer.js');
const BIN = path.join(ROOT, 'bin/neurite.js');
const CSV_TEXT = readFileSync(path.join(ROOT, 'test/fixtures/csv/house-prices.csv'), 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'neurite-predict-paths-'));
process.env.NEURITE_DATA_DIR = path.join(work, 'data');

/** Raw rows as a user types them: square metres, a year, rooms, kilometres. */
const RAW = [
  [151, 2015, 6, 16.3],
  [60, 1955, 2, 3.5],
  [230, 1990, 7, 28],
];

const HOUSE: CsvParseConfig = {
  delimiter: ',',
  header: true,
  oneHotFeatures: false,
  columns: [
    { name: 'area_m2', type: 'numeric', role: 'feature' },
    { name: 'year_built', type: 'numeric', role: 'feature' },
    { name: 'rooms', type: 'numeric', role: 'feature' },
    { name: 'distance_km', type: 'numeric', role: 'feature' },
    { name: 'price_k', type: 'numeric', role: 'label' },
  ],
};

function houseProject(): Project {
  const template = parseProject(readFileSync(path.join(ROOT, 'resources/templates/keras-tutorial-regression.neurite'), 'utf8'), 'template');
  if (!template.ok) throw new Error(template.error.message);
  const parsed = parseCsvText(CSV_TEXT, HOUSE);
  const dense = (id: string, units: number, activation: string, x: number) => ({
    id,
    type: 'Dense',
    params: { units, activation, useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 },
    position: { x, y: 100 },
  });
  return {
    ...template.project,
    name: 'house prices',
    graph: {
      nodes: [{ id: 'in', type: 'Input', params: { shape: [4] }, position: { x: 0, y: 100 } }, dense('h', 16, 'relu', 200), dense('out', 1, 'linear', 400)],
      edges: [
        { id: 'e1', source: 'in', target: 'h' },
        { id: 'e2', source: 'h', target: 'out' },
      ],
    },
    training: { ...template.project.training, optimizer: { type: 'adam', learningRate: 0.05 }, loss: 'meanSquaredError', metrics: ['mae'], epochs: 60, batchSize: 32, validationSplit: 0.2, shuffle: true, seed: 7 },
    dataset: {
      kind: 'csv',
      file: { name: 'house-prices.csv', size: Buffer.byteLength(CSV_TEXT), sha256: createHash('sha256').update(CSV_TEXT).digest('hex') },
      ...HOUSE,
      normalize: true,
      labelEncoding: 'value',
      transform: parsed.transform,
      rows: parsed.rows,
      embedded: CSV_TEXT,
    },
  };
}

function neurite(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEURITE_BACKEND: 'cpu' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function runGeneratedTypeScript(project: Project, args: string[]): Record<string, unknown>[] {
  const { outputText } = ts.transpileModule(toTfjsTypeScript(project), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true } });
  const file = path.join(work, 'model.cjs');
  writeFileSync(file, outputText);
  const out = execFileSync(process.execPath, [file, ...args], { env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', timeout: 120_000 });
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Same numbers to 1e-5, relative to the size of the output (prices are in the hundreds). */
function expectSame(got: number[][], want: number[][], path: string): void {
  expect(got.length, path).toBe(want.length);
  got.forEach((row, i) =>
    row.forEach((v, j) => expect(Math.abs(v - want[i][j]), `${path}: row ${i}: ${v} vs ${want[i][j]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i][j])))),
  );
}

let host: TrainerHost;
let project: Project;
let saved: string;
let apiOutputs: number[][];
let exported: Awaited<ReturnType<TrainerHost['exportModel']>>;
let exportedOnnx: Awaited<ReturnType<TrainerHost['exportOnnx']>>;

beforeAll(async () => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  await tf.setBackend('cpu');
  const events: TrainEvent[] = [];
  let finished: (e: TrainEvent) => void = () => undefined;
  const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
  host = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
    events.push(event);
    if (event.type === 'done' || event.type === 'failed') finished(event);
  });
  project = houseProject();
  const { runId } = await host.start(project);
  const end = await done;
  if (end.type !== 'done') throw new Error(`training failed: ${JSON.stringify(end)}`);
  apiOutputs = decodeRows((await host.predict(runId, RAW)).outputs);
  exported = await host.exportModel(runId);
  exportedOnnx = await host.exportOnnx(runId);
  saved = path.join(work, 'house.neurite');
  writeFileSync(saved, JSON.stringify({ ...project, trained: exported.trained }));
}, 120_000);

afterAll(() => {
  host?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('every predict path gives the same answer on raw rows of a normalised CSV project', () => {
  it('the API (trainer process) applies the z-score: its predictions are prices near the training labels, not far off', () => {
    // The label range of the fixture: 150–1000 thousand. Raw values fed unnormalised would land far outside it.
    const data = csvToDataset(parseCsvText(CSV_TEXT, HOUSE), project.dataset as never);
    const labels = Array.from(data.y);
    const [min, max] = [Math.min(...labels), Math.max(...labels)];
    for (const [v] of apiOutputs) {
      expect(v).toBeGreaterThan(min - 100);
      expect(v).toBeLessThan(max + 100);
    }
  });

  it('the command line on the saved project: the saved weights, no training, the same outputs', () => {
    const result = neurite('predict', saved, ...RAW.flatMap((r) => ['--input', r.join(',')]), '--json');
    expect(result.stderr).not.toMatch(/training/i);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { ok: boolean; weights: string; outputs: number[][]; history?: unknown };
    expect(out.weights).toBe('saved');
    expect(out.history).toBeUndefined();
    expectSame(out.outputs, apiOutputs, 'CLI');
  });

  it('stock tf.loadLayersModel on the exported model.json takes raw rows: the z-score is folded into the first Dense layer', async () => {
    expect(exported.preprocessing).toEqual({ kind: 'folded', layers: ['dense_h'] });
    const json = JSON.parse(JSON.stringify(exported.modelJson)) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const bytes = Buffer.from(exported.weightData, 'base64');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }),
    );
    const outputs = tf.tidy(() => (model.predict(tf.tensor2d(RAW)) as tf.Tensor).arraySync() as number[][]);
    model.dispose();
    expectSame(outputs, apiOutputs, 'tf.loadLayersModel');
  });

  it('the generated TypeScript script, with the saved weights, applies the same preprocessing', () => {
    const lines = runGeneratedTypeScript(project, ['--predict', saved, ...RAW.flatMap((r) => ['--input', r.join(',')])]);
    const predicted = lines.find((l) => l.event === 'predict') as { outputs: number[][] } | undefined;
    expect(predicted, JSON.stringify(lines)).toBeDefined();
    expectSame(predicted!.outputs, apiOutputs, 'generated TypeScript');
  });

  it('the generated TypeScript script prepares the same training rows as the app', () => {
    const csvPath = path.join(work, 'house-prices.csv');
    writeFileSync(csvPath, CSV_TEXT);
    const [built] = runGeneratedTypeScript(project, [csvPath, '--check']);
    const data = csvToDataset(parseCsvText(CSV_TEXT, HOUSE), project.dataset as never);
    let xsum = 0;
    for (const v of data.x) xsum += v;
    expect(built).toMatchObject({ event: 'built', rows: 240, features: 4, xsum });
  });

  const python = spawnSync('python3', ['-c', 'import numpy']).status === 0;
  it.skipIf(!python)('the generated Python script prepares the same training rows (numpy, --check)', () => {
    const csvPath = path.join(work, 'house-prices.csv');
    writeFileSync(csvPath, CSV_TEXT);
    const file = path.join(work, 'model.py');
    writeFileSync(file, toKerasPython(project));
    const out = execFileSync('python3', [file, csvPath, '--check'], { encoding: 'utf8' });
    const got = JSON.parse(out.trim().split('\n').pop()!) as { rows: number; xsum: number };
    const data = csvToDataset(parseCsvText(CSV_TEXT, HOUSE), project.dataset as never);
    let xsum = 0;
    for (const v of data.x) xsum += v;
    expect(got.rows).toBe(240);
    expect(Math.abs(got.xsum - xsum)).toBeLessThan(1e-3);
  });

  it.skipIf(!python)('the generated Python script preprocesses raw rows exactly as the app does (its preprocess function, numpy)', () => {
    const file = path.join(work, 'model_pre.py');
    writeFileSync(file, toKerasPython(project));
    const code = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("model", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(json.dumps([m.preprocess(r, i + 1).tolist() for i, r in enumerate(json.loads(sys.argv[2]))]))`;
    const out = execFileSync('python3', ['-c', code, file, JSON.stringify(RAW)], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(preprocessRows(preprocessingFor(project.dataset), RAW));
  });

  // The oracle: real Keras 3 runs the exported script's forward pass with the weights the app saved.
  itWithPython('real Keras, running the exported Python script with the saved weights, predicts what the app predicts', findKerasPython(), (python) => {
    const file = path.join(work, 'house_keras.py');
    writeFileSync(file, toKerasPython(project));
    const out = execFileSync(python, [file, '--predict', saved, ...RAW.flatMap((r) => ['--input', r.join(',')])], {
      encoding: 'utf8',
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: process.env.KERAS_BACKEND ?? 'tensorflow' },
      timeout: 180_000,
    });
    const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{"event": "predict"'))!;
    expectSame((JSON.parse(line) as { outputs: number[][] }).outputs, apiOutputs, 'Keras 3 on the exported script');
  }, 200_000);

  // Issue 13: the ONNX export (z-score folded into the first Dense) run by ONNX Runtime on raw rows.
  itWithPython('ONNX Runtime, running the exported model.onnx on raw rows, predicts what the app predicts', findOnnxPython(), (python) => {
    expect(exportedOnnx.preprocessing).toMatchObject({ kind: 'folded' });
    const file = path.join(work, 'house.onnx');
    writeFileSync(file, Buffer.from(exportedOnnx.onnx, 'base64'));
    const run = spawnSync(python, [path.join(ROOT, 'test/tools/onnx_run.py')], { input: JSON.stringify([{ id: 'house', path: file, input: null, rows: RAW }]), encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { results: { house: { outputs: number[][]; checker: string | null } } };
    expect(result.results.house.checker).toBeNull();
    expectSame(result.results.house.outputs, apiOutputs, 'ONNX Runtime on the exported model.onnx');
  }, 130_000);

  it('both scripts embed exactly the app\'s step list', () => {
    const steps = JSON.stringify(preprocessingFor(project.dataset));
    expect(toTfjsTypeScript(project)).toContain(`const PREPROCESSING = ${steps} as`);
    expect(toKerasPython(project)).toContain(`PREPROCESSING = json.loads(${JSON.stringify(steps)})`);
  });

  it('the command line trains only when the project has no saved weights, says so on stderr and in --json, and feeds the model normalised rows', () => {
    const bare = path.join(work, 'bare.neurite');
    writeFileSync(bare, JSON.stringify(project));
    const result = neurite('predict', bare, ...RAW.flatMap((r) => ['--input', r.join(',')]), '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no saved weights; training it now \(60 epochs\)/);
    const out = JSON.parse(result.stdout) as { weights: string; outputs: number[][] };
    expect(out.weights).toBe('trained-now');
    // Raw values fed unnormalised (year 2015 where training saw about 0) answer far outside the prices.
    out.outputs.forEach(([v], i) => expect(Math.abs(v - apiOutputs[i][0]), `row ${i}: ${v} vs ${apiOutputs[i][0]}`).toBeLessThan(100));
  });

  it('the command line keeps the saved weights when only the settings changed (noting it), and trains when the graph changed', () => {
    const trained = JSON.parse(readFileSync(saved, 'utf8')) as Project;
    const settings = path.join(work, 'settings-changed.neurite');
    writeFileSync(settings, JSON.stringify({ ...trained, training: { ...trained.training, batchSize: 16 } }));
    const kept = neurite('predict', settings, ...RAW.flatMap((r) => ['--input', r.join(',')]), '--json');
    expect(kept.stderr).toMatch(/saved weights were trained before the settings changed/);
    const out = JSON.parse(kept.stdout) as { weights: string; outputs: number[][]; staleBecause: string[] };
    expect(out).toMatchObject({ weights: 'saved', staleBecause: ['settings'] });
    expectSame(out.outputs, apiOutputs, 'CLI, settings changed');
    const graph = path.join(work, 'graph-changed.neurite');
    const nodes = trained.graph.nodes.map((n) => (n.id === 'h' ? { ...n, params: { ...n.params, activation: 'tanh' } } : n));
    writeFileSync(graph, JSON.stringify({ ...trained, graph: { ...trained.graph, nodes }, training: { ...trained.training, epochs: 1 } }));
    const retrained = neurite('predict', graph, '--input', RAW[0].join(','), '--json');
    expect(retrained.stderr).toMatch(/saved weights do not fit the graph \(it changed since training\); training it now/);
    expect(JSON.parse(retrained.stdout).weights).toBe('trained-now');
  });

  it('the command line refuses a row of the wrong width, naming expected and got (exit 2)', () => {
    const result = neurite('predict', saved, '--input', '1,2');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Row 1 has 2 values; expected 4 \(one per feature: area_m2, year_built, rooms, distance_km\)/);
  });
});

describe('a CSV with a categorical feature (one-hot) through the real trainer', () => {
  const colours = ['blue', 'green', 'red'];
  const text = ['colour,size,price', ...Array.from({ length: 60 }, (_, i) => `${colours[i % 3]},${(i * 7) % 11},${10 + (i % 3) * 5 + ((i * 7) % 11) * 2}`)].join('\n') + '\n';
  const config: CsvParseConfig = {
    delimiter: ',',
    header: true,
    oneHotFeatures: true,
    columns: [
      { name: 'colour', type: 'categorical', role: 'feature' },
      { name: 'size', type: 'numeric', role: 'feature' },
      { name: 'price', type: 'numeric', role: 'label' },
    ],
  };

  it('predicts category names and their one-hot rows alike; the export writes preprocessing.json, which makes the exported model agree', async () => {
    const parsed = parseCsvText(text, config);
    const base = houseProject();
    const categorical: Project = {
      ...base,
      graph: { ...base.graph, nodes: base.graph.nodes.map((n) => (n.id === 'in' ? { ...n, params: { shape: [4] } } : n)) },
      training: { ...base.training, epochs: 5 },
      dataset: {
        kind: 'csv',
        file: { name: 'colours.csv', size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') },
        ...config,
        normalize: true,
        labelEncoding: 'value',
        transform: parsed.transform,
        rows: parsed.rows,
        embedded: text,
      },
    };
    let finished: (e: TrainEvent) => void = () => undefined;
    const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
    const own = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
      if (event.type === 'done' || event.type === 'failed') finished(event);
    });
    try {
      const { runId } = await own.start(categorical);
      expect((await done).type).toBe('done');
      const outputs = decodeRows((await own.predict(runId, [['green', 3.5], [0, 1, 0, 3.5], ['red', 10]])).outputs);
      expect(outputs[0][0]).toBeCloseTo(outputs[1][0], 6);
      await expect(own.predict(runId, [['purple', 1]])).rejects.toThrow(/column 'colour': unknown category "purple"; expected one of blue, green, red/);

      const exported = await own.exportModel(runId);
      expect(exported.preprocessing).toMatchObject({ kind: 'file', reason: 'categorical' });
      if (exported.preprocessing.kind !== 'file') return;
      // Someone holding only model.json, weights.bin and preprocessing.json: apply the steps, then predict.
      const pre = JSON.parse(JSON.stringify(exported.preprocessing.json)) as Preprocessing;
      expect(pre.steps).toEqual(preprocessingFor(categorical.dataset).steps);
      const json = exported.modelJson as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
      const bytes = Buffer.from(exported.weightData, 'base64');
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }),
      );
      const rows = [['green', 3.5], ['red', 10]];
      const got = tf.tidy(() => (model.predict(tf.tensor2d(preprocessRows(pre, rows))) as tf.Tensor).arraySync() as number[][]);
      model.dispose();
      expectSame(got, [outputs[0], outputs[2]], 'export + preprocessing.json');
    } finally {
      own.dispose();
    }
  });
});
