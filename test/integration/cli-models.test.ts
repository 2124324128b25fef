import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProto } from '../../src/main/engine/onnx/builder';
import type { Project } from '../../src/shared/project/schema';
import { findOnnxPython, itWithPython } from '../tools/python';

/**
 * `neurite import` and `neurite export` (src/main/cli/model-files.ts), run as a user runs them
 * (the built bin/neurite.js, plain Node): a committed Keras 3 fixture imported and predicted
 * with, to Keras' own predictions; each export format written from the trained project and
 * loaded (stock tf.loadLayersModel; the ONNX file decoded with the export's own onnx.proto and,
 * with a Python that has onnxruntime, run; the scripts parsed).
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/neurite.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/keras3');
const TEMPLATES = path.join(ROOT, 'resources/templates');
const work = mkdtempSync(path.join(tmpdir(), 'neurite-cli-models-'));

interface Expected {
  inputs: number[][];
  outputs: number[][];
}
const expected = (fixture: string) => JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'expected.json'), 'utf8')) as Expected;

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Same numbers to 1e-5 (Keras' float32 outputs). */
function expectSame(got: number[][], want: number[][], what: string): void {
  expect(got.length, what).toBe(want.length);
  got.forEach((row, i) => {
    expect(row.length, `${what}: row ${i}`).toBe(want[i].length);
    row.forEach((v, j) => expect(Math.abs(v - want[i][j]), `${what}: row ${i}: ${v} vs ${want[i][j]}`).toBeLessThanOrEqual(1e-5));
  });
}

const inputArgs = (rows: number[][]) => rows.flatMap((r) => ['--input', r.map(String).join(',')]);

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run npm run build first.');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('neurite import', () => {
  for (const fixture of ['sequential', 'functional-merge']) {
    it(`imports the Keras 3 ${fixture} fixture with its weights; neurite predict then gives Keras' predictions (1e-5)`, () => {
      const out = path.join(work, `${fixture}.neurite`);
      const imported = neurite('import', path.join(FIXTURES, fixture, 'model.json'), '--out', out, '--json');
      expect(imported.code, imported.stderr).toBe(0);
      const report = JSON.parse(imported.stdout) as { ok: boolean; project: string; weights: string; training: string; warnings: string[] };
      expect(report).toMatchObject({ ok: true, project: out, weights: 'trained', training: 'from-file' });
      const project = JSON.parse(readFileSync(out, 'utf8')) as Project;
      expect(project.trained?.weights.length).toBeGreaterThan(0);
      const { inputs, outputs } = expected(fixture);
      const predicted = neurite('predict', out, ...inputArgs(inputs), '--json');
      expect(predicted.code, predicted.stderr).toBe(0);
      const answer = JSON.parse(predicted.stdout) as { weights: string; outputs: number[][] };
      expect(answer.weights).toBe('saved');
      expect(predicted.stderr).toMatch(/the rows go to the model as they are/);
      expectSame(answer.outputs, outputs, `${fixture}: neurite predict vs Keras`);
    });
  }

  it('names every setting not carried over: on stderr in text mode, in "warnings" with --json', () => {
    const model = path.join(FIXTURES, 'constraint-frozen', 'model.json');
    const text = neurite('import', model, '--out', path.join(work, 'cf.neurite'));
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/neurite: warning: .*MaxNorm.*not carried over/);
    expect(text.stderr).toMatch(/neurite: warning: .*trainable false is not carried over/);
    expect(text.stdout).toMatch(/^Imported .* with its trained weights\./m);
    const json = JSON.parse(neurite('import', model, '--out', path.join(work, 'cf2.neurite'), '--json').stdout) as { warnings: string[] };
    expect(json.warnings.some((w) => /MaxNorm/.test(w))).toBe(true);
    expect(json.warnings.some((w) => /trainable false/.test(w))).toBe(true);
  });

  it('without its weight file beside it, imports the architecture untrained and says which file was missing', () => {
    const folder = path.join(work, 'no-weights');
    mkdirSync(folder, { recursive: true });
    copyFileSync(path.join(FIXTURES, 'sequential', 'model.json'), path.join(folder, 'model.json'));
    const result = neurite('import', path.join(folder, 'model.json'), '--out', path.join(folder, 'arch.neurite'), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { weights: string; warnings: string[] };
    expect(report.weights).toBe('untrained');
    expect(report.warnings.join('\n')).toMatch(/Weight file group1-shard1of1\.bin was not found beside model\.json/);
    expect((JSON.parse(readFileSync(path.join(folder, 'arch.neurite'), 'utf8')) as Project).trained).toBeUndefined();
  });

  it('refuses a missing file, a file that is not JSON and a TF.js graph model with exit 2 and a message saying what to do', () => {
    const missing = neurite('import', path.join(work, 'nope', 'model.json'), '--out', path.join(work, 'x.neurite'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^neurite: Cannot read .*nope.*model\.json/);
    const notJson = path.join(work, 'bad.json');
    writeFileSync(notJson, '{"modelTopology": ');
    const bad = neurite('import', notJson, '--out', path.join(work, 'x.neurite'), '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: 'not-a-model' });
    const graph = path.join(work, 'graph-model.json');
    writeFileSync(graph, JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }));
    const refused = neurite('import', graph, '--out', path.join(work, 'x.neurite'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/TF\.js graph model.*tensorflowjs_converter --input_format keras/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(work, 'x.neurite'))).toBe(false);
  });
});

describe('neurite export', () => {
  const trained = path.join(work, 'trained.neurite');
  const { inputs, outputs } = expected('sequential');

  beforeAll(() => {
    const imported = neurite('import', path.join(FIXTURES, 'sequential', 'model.json'), '--out', trained);
    if (imported.code !== 0) throw new Error(imported.stderr);
  });

  it('tfjs: model.json + weights.bin that stock tf.loadLayersModel loads, compiled with the training settings, predicting what Keras predicts', async () => {
    const folder = path.join(work, 'tfjs');
    const result = neurite('export', trained, '--format', 'tfjs', '--out', folder, '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[]; weights: string; training: { kind: string } };
    expect(report).toMatchObject({ weights: 'trained', training: { kind: 'written' } });
    expect(report.files.map((f) => path.basename(f))).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(readFileSync(path.join(folder, 'model.json'), 'utf8')) as { modelTopology: object; trainingConfig: tf.io.TrainingConfig; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const bytes = readFileSync(path.join(folder, 'weights.bin'));
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), trainingConfig: json.trainingConfig }),
    );
    try {
      expect(model.optimizer, 'compiled from trainingConfig').toBeDefined();
      const got = tf.tidy(() => (model.predict(tf.tensor2d(inputs)) as tf.Tensor).arraySync() as number[][]);
      expectSame(got, outputs, 'tf.loadLayersModel on the exported model.json vs Keras');
    } finally {
      model.dispose();
    }
  });

  it('onnx: model.onnx, an opset-17 ModelProto (decoded with the export\'s own onnx.proto) with one [batch, 4] input', () => {
    const file = path.join(work, 'onnx', 'seq.onnx');
    const result = neurite('export', trained, '--format', 'onnx', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Exported .* as onnx \(trained weights\): .*seq\.onnx/);
    const proto = ModelProto.toObject(ModelProto.decode(readFileSync(file)), { longs: Number, arrays: true }) as unknown as {
      opset_import: { domain?: string; version: number }[];
      graph: { input: { name: string; type: { tensor_type: { shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[]; output: unknown[]; initializer: unknown[] };
    };
    expect(proto.opset_import.find((o) => !o.domain)?.version).toBe(17);
    expect(proto.graph.input).toHaveLength(1);
    expect(proto.graph.input[0].type.tensor_type.shape.dim.map((d) => d.dim_value ?? d.dim_param)).toEqual(['batch', 4]);
    expect(proto.graph.output).toHaveLength(1);
    expect(proto.graph.initializer.length).toBeGreaterThan(0);
  });

  itWithPython('onnx: the exported model.onnx, run in ONNX Runtime, predicts what Keras predicts (1e-5)', findOnnxPython(), (python) => {
    const file = path.join(work, 'onnx-folder');
    mkdirSync(file, { recursive: true });
    const result = neurite('export', trained, '--format', 'onnx', '--out', file, '--json');
    expect(result.code, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { files: string[] }).files[0];
    expect(path.basename(written)).toBe('model.onnx');
    const run = spawnSync(python, [path.join(ROOT, 'test/tools/onnx_run.py')], { input: JSON.stringify([{ id: 'seq', path: written, input: null, rows: inputs }]), encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const got = JSON.parse(run.stdout.trim().split('\n').pop()!) as { results: { seq: { outputs: number[][]; checker: string | null } } };
    expect(got.results.seq.checker).toBeNull();
    expectSame(got.results.seq.outputs, outputs, 'ONNX Runtime vs Keras');
  }, 130_000);

  it('keras and ts: the scripts are written, parse, and say how to predict with the project\'s weights', () => {
    const py = path.join(work, 'scripts', 'model.py');
    const keras = neurite('export', trained, '--format', 'keras', '--out', py);
    expect(keras.code, keras.stderr).toBe(0);
    expect(keras.stdout).toMatch(/--predict .*trained\.neurite/);
    const source = readFileSync(py, 'utf8');
    expect(source).toMatch(/def build_model\(\):/);
    const python = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', py], { encoding: 'utf8' });
    if (python.error === undefined) expect(python.status, python.stderr).toBe(0);
    const tsFile = path.join(work, 'scripts', 'model.ts');
    const typescript = neurite('export', trained, '--format', 'ts', '--out', tsFile, '--json');
    expect(typescript.code, typescript.stderr).toBe(0);
    expect(JSON.parse(typescript.stdout)).toMatchObject({ ok: true, format: 'ts', weights: 'trained' });
    const parsed = ts.transpileModule(readFileSync(tsFile, 'utf8'), { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect(parsed.diagnostics ?? []).toEqual([]);
  });

  it('a project without trained weights: tfjs, keras and ts export the architecture and say "untrained"; onnx refuses, saying to train first (exit 3)', () => {
    const untrained = path.join(TEMPLATES, 'keras-tutorial-regression.neurite');
    const tfjs = neurite('export', untrained, '--format', 'tfjs', '--out', path.join(work, 'untrained-tfjs'));
    expect(tfjs.code, tfjs.stderr).toBe(0);
    expect(tfjs.stdout).toMatch(/as tfjs \(untrained\)/);
    expect(tfjs.stdout).toMatch(/untrained: the project has no trained weights/);
    expect(existsSync(path.join(work, 'untrained-tfjs', 'model.json'))).toBe(true);
    for (const format of ['keras', 'ts']) {
      const script = neurite('export', untrained, '--format', format, '--out', path.join(work, `untrained.${format}`), '--json');
      expect(script.code, script.stderr).toBe(0);
      expect(JSON.parse(script.stdout)).toMatchObject({ weights: 'untrained' });
    }
    const onnx = neurite('export', untrained, '--format', 'onnx', '--out', path.join(work, 'untrained.onnx'));
    expect(onnx.code).toBe(3);
    expect(onnx.stderr).toMatch(/^neurite: There is no trained model to export as ONNX: .*Train it first \(neurite train PROJECT --save PROJECT\)/);
    expect(existsSync(path.join(work, 'untrained.onnx'))).toBe(false);
  });

  it('--help lists the formats; a bad format is a usage error (exit 2); a missing project exits 3', () => {
    const help = neurite('export', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--format <format>\s+the format: tfjs, onnx, keras, ts, keras-distributed/);
    expect(help.stdout).toMatch(/Exit codes:/);
    const importHelp = neurite('import', '--help');
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/--out <file>/);
    const top = neurite('--help');
    expect(top.stdout).toMatch(/import \[options\] <model>/);
    expect(top.stdout).toMatch(/export \[options\] <project>/);
    const bad = neurite('export', trained, '--format', 'h5', '--out', path.join(work, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'h5' is invalid\. expected one of tfjs, onnx, keras, ts, keras-distributed; got "h5"/);
    const missing = neurite('export', path.join(work, 'missing.neurite'), '--format', 'tfjs', '--out', path.join(work, 'y'), '--json');
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: 'bad-project' });
    const noOut = neurite('export', trained, '--format', 'tfjs');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '--out <path>' not specified/);
  });
});
