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

  // Issue 13, round trip 2 "and trains": the same exported script, run under real Keras 3 without
  // --predict, trains the model on the project's data (a few epochs): every loss finite, falling.
  itWithPython('real Keras, running the exported Python script, trains the model: finite training and validation losses that fall', findKerasPython(), (python) => {
    const csvPath = path.join(work, 'house-prices.csv');
    writeFileSync(csvPath, CSV_TEXT);
    const file = path.join(work, 'house_keras_train.py');
    writeFileSync(file, toKerasPython(project));
    const epochs = 8;
    const out = execFileSync(python, [file, csvPath], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, EPOCHS: String(epochs), TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: process.env.KERAS_BACKEND ?? 'tensorflow' },
      timeout: 180_000,
    });
    const built = JSON.parse(out.split('\n').find((l) => l.startsWith('{"event": "built"'))!) as { params: number };
    expect(built.params).toBe(4 * 16 + 16 + 16 + 1);
    const done = JSON.parse(out.split('\n').find((l) => l.startsWith('{"event": "done"'))!) as { history: Record<string, number[]> };
    for (const key of ['loss', 'mae', 'val_loss', 'val_mae']) {
      expect(done.history[key], key).toHaveLength(epochs);
      expect(done.history[key].every(Number.isFinite), `${key}: ${done.history[key].join(', ')}`).toBe(true);
    }
    // Adam at 0.05 on z-scored features: prices in the hundreds, so the first epochs' loss is far above the last.
    expect(done.history.loss[epochs - 1], done.history.loss.join(', ')).toBeLessThan(done.history.loss[0] / 2);
    expect(done.history.val_loss[epochs - 1], done.history.val_loss.join(', ')).toBeLessThan(done.history.val_loss[0]);
    expect(existsSync(path.join(work, 'model.keras')), 'the script saves the trained model').toBe(true);
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
      await expect(own.predict(runId, [['purple', 1]])).rejects.toThrow(/column 'colour': unknown category "purple"; expected one of "blue", "green", "red"/);

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

describe('issue 12: a CSV with missing values (drop, mean, median with an indicator) predicts alike on every path', () => {
  // house-prices.csv with holes: rooms 'NA' (mean), distance '' (median + "(missing)" indicator), year '' (drop).
  const lines = CSV_TEXT.trim().split('\n');
  const holed =
    [
      lines[0],
      ...lines.slice(1).map((line, i) => {
        const v = line.split(',');
        if (i % 10 === 3) v[3] = '';
        if (i % 15 === 7) v[2] = 'NA';
        if (i % 40 === 11) v[1] = '';
        return v.join(',');
      }),
    ].join('\n') + '\n';
  const config: CsvParseConfig = {
    delimiter: ',',
    header: true,
    columns: [
      { name: 'area_m2', type: 'numeric', role: 'feature' },
      { name: 'year_built', type: 'numeric', role: 'feature', missing: 'drop' },
      { name: 'rooms', type: 'numeric', role: 'feature', missing: 'mean' },
      { name: 'distance_km', type: 'numeric', role: 'feature', missing: 'median', missingIndicator: true },
      { name: 'price_k', type: 'numeric', role: 'label' },
    ],
  };
  const rows: (string | number)[][] = [
    [151, 2015, '', 16.3],
    [60, 1955, 2, 'NA'],
    [230, 1990, 7, 28],
  ];
  let missingProject: Project;
  let trainedFile: string;
  let outputs: number[][];
  let own: TrainerHost;
  let runId: string;

  beforeAll(async () => {
    const parsed = parseCsvText(holed, config);
    const base = houseProject();
    missingProject = {
      ...base,
      graph: { ...base.graph, nodes: base.graph.nodes.map((n) => (n.id === 'in' ? { ...n, params: { shape: [5] } } : n)) },
      training: { ...base.training, epochs: 20 },
      dataset: {
        kind: 'csv',
        file: { name: 'house-holes.csv', size: Buffer.byteLength(holed), sha256: createHash('sha256').update(holed).digest('hex') },
        ...config,
        normalize: true,
        labelEncoding: 'value',
        transform: parsed.transform,
        rows: parsed.rows,
        droppedRows: parsed.droppedRows,
        embedded: holed,
      },
    };
    let finished: (e: TrainEvent) => void = () => undefined;
    const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
    own = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
      if (event.type === 'done' || event.type === 'failed') finished(event);
    });
    runId = (await own.start(missingProject)).runId;
    const end = await done;
    if (end.type !== 'done') throw new Error(`training failed: ${JSON.stringify(end)}`);
    outputs = decodeRows((await own.predict(runId, rows)).outputs);
    trainedFile = path.join(work, 'holes.neurite');
    writeFileSync(trainedFile, JSON.stringify({ ...missingProject, trained: (await own.exportModel(runId)).trained }));
  }, 120_000);

  afterAll(() => own?.dispose());

  it('the import dropped the rows missing the year and learned the fills; the API fills a missing value exactly as training did', async () => {
    const d = missingProject.dataset as Extract<Project['dataset'], { kind: 'csv' }>;
    expect(d.droppedRows).toBe(6);
    expect(d.rows).toBe(234);
    expect(d.transform.featureNames).toEqual(['area_m2', 'year_built', 'rooms', 'distance_km', 'distance_km (missing)']);
    const fills = d.transform.fills!;
    // The row typed with the fills themselves (rooms: the mean; distance: the median, flag 1 as an encoded row) predicts the same.
    const typed = decodeRows((await own.predict(runId, [[151, 2015, fills.rooms, 16.3], [60, 1955, 2, fills.distance_km as number, 1]])).outputs);
    expectSame(typed, outputs.slice(0, 2), 'API, fills typed in');
  });

  it('a missing value in a "drop" column is refused naming the row and the column (API and command line)', async () => {
    await expect(own.predict(runId, [[151, 2015, 6, 16.3], [60, '', 2, 3.5]])).rejects.toThrow(/Row 2, column 'year_built': the value is missing; rows missing it were dropped at import/);
    const result = neurite('predict', trainedFile, '--input', '60,,2,3.5');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Row 1, column 'year_built': the value is missing/);
  });

  it('the command line on the saved project predicts the same, blanks and NA included', () => {
    const result = neurite('predict', trainedFile, '--input', '151,2015,,16.3', '--input', '60,1955,2,NA', '--input', '230,1990,7,28', '--json');
    expect(result.stderr).not.toMatch(/training|missing|Row/i);
    expect(result.code).toBe(0);
    expectSame((JSON.parse(result.stdout) as { outputs: number[][] }).outputs, outputs, 'CLI with missing values');
  });

  it('the generated TypeScript script predicts the same and prepares the same training rows (rows dropped, holes filled)', () => {
    const lines = runGeneratedTypeScript(missingProject, ['--predict', trainedFile, '--input', '151,2015,,16.3', '--input', '60,1955,2,NA', '--input', '230,1990,7,28']);
    const predicted = lines.find((l) => l.event === 'predict') as { outputs: number[][] } | undefined;
    expect(predicted, JSON.stringify(lines)).toBeDefined();
    expectSame(predicted!.outputs, outputs, 'generated TypeScript with missing values');
    const csvPath = path.join(work, 'house-holes.csv');
    writeFileSync(csvPath, holed);
    const [built] = runGeneratedTypeScript(missingProject, [csvPath, '--check']);
    const data = csvToDataset(parseCsvText(holed, config), missingProject.dataset as never);
    let xsum = 0;
    for (const v of data.x) xsum += v;
    expect(built).toMatchObject({ event: 'built', rows: 234, features: 5 });
    expect(Math.abs((built as { xsum: number }).xsum - xsum)).toBeLessThan(1e-3);
  });

  const python = spawnSync('python3', ['-c', 'import numpy']).status === 0;
  it.skipIf(!python)('the generated Python script preprocesses the rows with holes exactly as the app, and prepares the same training rows', () => {
    const file = path.join(work, 'holes_pre.py');
    writeFileSync(file, toKerasPython(missingProject));
    const code = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("model", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(json.dumps([m.preprocess(r, i + 1).tolist() for i, r in enumerate(json.loads(sys.argv[2]))]))`;
    const out = execFileSync('python3', ['-c', code, file, JSON.stringify(rows)], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(preprocessRows(preprocessingFor(missingProject.dataset), rows));
    const csvPath = path.join(work, 'house-holes.csv');
    writeFileSync(csvPath, holed);
    const checked = JSON.parse(execFileSync('python3', [file, csvPath, '--check'], { encoding: 'utf8' }).trim().split('\n').pop()!) as { rows: number; xsum: number };
    const data = csvToDataset(parseCsvText(holed, config), missingProject.dataset as never);
    let xsum = 0;
    for (const v of data.x) xsum += v;
    expect(checked.rows).toBe(234);
    expect(Math.abs(checked.xsum - xsum)).toBeLessThan(1e-3);
  });

  it.skipIf(!python)('the generated Python script fills a missing category with the most frequent one and flags it, as the app does', () => {
    const text = 'colour,size,price\nred,1,10\n,2,12\nblue,,14\nred,4,16\nNA,5,18\ngreen,6,20\n';
    const columns: CsvParseConfig['columns'] = [
      { name: 'colour', type: 'categorical', role: 'feature', missing: 'most-frequent', missingIndicator: true },
      { name: 'size', type: 'numeric', role: 'feature', missing: 'median', missingIndicator: true },
      { name: 'price', type: 'numeric', role: 'label' },
    ];
    const parsed = parseCsvText(text, { delimiter: ',', header: true, columns });
    // red ×2, blue ×1, green ×1 → red; sizes 1, 2, 4, 5, 6 → median 4.
    expect(parsed.transform.fills).toEqual({ colour: 'red', size: 4 });
    const base = houseProject();
    const categorical: Project = {
      ...base,
      dataset: { kind: 'csv', file: { name: 'c.csv', size: text.length, sha256: 'a'.repeat(64) }, delimiter: ',', header: true, columns, normalize: true, labelEncoding: 'value', transform: parsed.transform, rows: parsed.rows, embedded: text },
    };
    const file = path.join(work, 'categorical_pre.py');
    writeFileSync(file, toKerasPython(categorical));
    const raw = [['', 'NA'], ['blue', 3], ['none', '?']];
    const code = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("model", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(json.dumps([m.preprocess(r, i + 1).tolist() for i, r in enumerate(json.loads(sys.argv[2]))]))`;
    const out = execFileSync('python3', ['-c', code, file, JSON.stringify(raw)], { encoding: 'utf8' });
    const want = preprocessRows(preprocessingFor(categorical.dataset), raw);
    expect(JSON.parse(out)).toEqual(want);
    // Row 1 without normalisation: colour red (one-hot blue, green, red = 0, 0, 1), flagged; size 4, flagged.
    expect(preprocessRows(preprocessingFor({ ...categorical.dataset, normalize: false } as Project['dataset']), [raw[0]])).toEqual([[0, 0, 1, 1, 4, 1]]);
  });

  it('the export carries the impute step in preprocessing.json (no tensor op fills a blank), and it gives the same outputs', async () => {
    const exportedModel = await own.exportModel(runId);
    expect(exportedModel.preprocessing).toMatchObject({ kind: 'file', reason: 'missing-values' });
    if (exportedModel.preprocessing.kind !== 'file') return;
    const pre = JSON.parse(JSON.stringify(exportedModel.preprocessing.json)) as Preprocessing;
    expect(pre.steps.map((s) => s.kind)).toEqual(['impute', 'encode', 'zscore']);
    const json = exportedModel.modelJson as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const bytes = Buffer.from(exportedModel.weightData, 'base64');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }),
    );
    const got = tf.tidy(() => (model.predict(tf.tensor2d(preprocessRows(pre, rows))) as tf.Tensor).arraySync() as number[][]);
    model.dispose();
    expectSame(got, outputs, 'export + preprocessing.json with missing values');
  });
});
