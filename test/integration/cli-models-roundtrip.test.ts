import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/shared/project/schema';

/**
 * A fresh user's trial of `neurite export` / `neurite import` (issue 13 follow-up), run as a user
 * runs them (the built bin/neurite.js): a TF.js export re-imported keeps saying what its inputs
 * are and keeps its fit() settings; export paths; predict's --input as one CSV record.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/neurite.js');
const CSV = path.join(ROOT, 'test/fixtures/csv');
const TEMPLATE = path.join(ROOT, 'resources/templates/keras-tutorial-classifier.neurite');
const KERAS3 = path.join(ROOT, 'test/fixtures/keras3/sequential/model.json');
const work = mkdtempSync(path.join(tmpdir(), 'neurite-cli-roundtrip-'));

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const titanic = path.join(work, 'titanic.neurite');

/** The classifier template, its Input and output sized for a table (`features` wide, `classes` classes). */
function classifier(name: string, features: number, classes: number): string {
  const project = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Project;
  for (const node of project.graph.nodes) {
    if (node.id === 'input') node.params = { ...node.params, shape: [features] };
    if (node.id === 'output') node.params = { ...node.params, units: classes };
  }
  const file = path.join(work, name);
  writeFileSync(file, JSON.stringify(project));
  return file;
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run npm run build first.');
  const trained = neurite('train', classifier('t0.neurite', 5, 2), '--csv', path.join(CSV, 'titanic-like.csv'), '--label', 'Survived', '--ignore', 'PassengerId', '--epochs', '2', '--save', titanic, '--json');
  if (trained.code !== 0) throw new Error(trained.stderr || trained.stdout);
  // The fit() settings the user had chosen: different from every default.
  const project = JSON.parse(readFileSync(titanic, 'utf8')) as Project;
  project.training = { ...project.training, epochs: 100, batchSize: 16, validationSplit: 0.2, testSplit: 0.1, shuffle: false, seed: 42 };
  writeFileSync(titanic, JSON.stringify(project));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('TF.js export, re-imported', () => {
  const folder = path.join(work, 'tfjs');

  it('model.json records that the model expects preprocessed inputs and its fit() settings; stock TF.js still loads it', async () => {
    const result = neurite('export', titanic, '--format', 'tfjs', '--out', folder);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    const json = JSON.parse(readFileSync(path.join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(json.userDefinedMetadata).toEqual({
      neurite: { preprocessing: 'file', preprocessingFile: 'preprocessing.json', fit: { epochs: 100, batchSize: 16, validationSplit: 0.2, splitMode: 'shuffle', testSplit: 0.1, shuffle: false, seed: 42 } },
    });
    const bytes = readFileSync(path.join(folder, 'weights.bin'));
    await tf.setBackend('cpu');
    const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => [manifest.flatMap((g) => g.weights), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)]);
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(model.inputs[0].shape[1]).toBeGreaterThan(4);
    model.dispose();
  });

  it('neurite import reads preprocessing.json beside model.json and says what the model expects; the fit() settings come back', () => {
    const out = path.join(work, 'r.neurite');
    const imported = neurite('import', path.join(folder, 'model.json'), '--out', out, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { warnings: string[] };
    const warning = report.warnings.find((w) => w.includes('preprocessing.json'));
    expect(warning, report.warnings.join('\n')).toMatch(/expects preprocessed inputs/);
    expect(warning).toMatch(/Sex/);
    expect(report.warnings.some((w) => /fit\(\) settings/.test(w))).toBe(false);
    expect(report).toMatchObject({ training: 'from-file', fit: 'from-file' });
    const text = neurite('import', path.join(folder, 'model.json'), '--out', path.join(work, 'new-folder', 'r2.neurite'));
    expect(text.stdout).toMatch(/Created the folder .*new-folder\./);
    expect(text.stdout).toMatch(/fit\(\) settings from the file: epochs 100, batch size 16, validation split 0\.2, split mode shuffle, test split 0\.1, shuffle false, seed 42\./);
    const project = JSON.parse(readFileSync(out, 'utf8')) as Project;
    expect(project.training).toMatchObject({ epochs: 100, batchSize: 16, validationSplit: 0.2, splitMode: 'shuffle', testSplit: 0.1, shuffle: false, seed: 42 });
  });

  it('without preprocessing.json beside it, the import says the model expects it and that it is missing', () => {
    const alone = path.join(work, 'alone');
    mkdirSync(alone, { recursive: true });
    for (const f of ['model.json', 'weights.bin']) copyFileSync(path.join(folder, f), path.join(alone, f));
    const imported = neurite('import', path.join(alone, 'model.json'), '--out', path.join(work, 'alone.neurite'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/neurite: warning: model\.json says the model expects inputs preprocessed by preprocessing\.json, which was not found/);
  });

  it('a file without fit() settings (Keras) names each setting that took a default', () => {
    const imported = neurite('import', KERAS3, '--out', path.join(work, 'k.neurite'), '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { warnings: string[] };
    const warning = report.warnings.find((w) => /fit\(\) settings/.test(w));
    expect(warning, report.warnings.join('\n')).toMatch(/epochs 10, batch size 32, validation split 0, split mode shuffle, test split 0, shuffle true, seed 1/);
  });
});

describe('export paths', () => {
  it('onnx --out without an extension writes NAME.onnx and NAME.preprocessing.json, and says it created the folder', () => {
    const out = path.join(work, 'made', 'exp-onnx');
    const result = neurite('export', titanic, '--format', 'onnx', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(path.join(work, 'made')).sort()).toEqual(['exp-onnx.onnx', 'exp-onnx.preprocessing.json']);
    expect(result.stdout).toMatch(/Created the folder .*made\./);
    expect(result.stdout).toMatch(/has no extension: wrote exp-onnx\.onnx/);
  });

  it('--out under a folder that cannot be created fails at once with exit 3, not a hang', () => {
    const result = neurite('export', titanic, '--format', 'onnx', '--out', '/proc/nope/x.onnx');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Cannot create the folder \/proc\/nope/);
  });

  it('--out inside a file says it is a file, not a folder', () => {
    const file = path.join(work, 'file.csv');
    writeFileSync(file, 'a\n1\n');
    const result = neurite('export', titanic, '--format', 'onnx', '--out', path.join(file, 'm.onnx'));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/file\.csv is a file, not a folder/);
  });

  it('keras: the header says a script without weights, not "trained weights"', () => {
    const result = neurite('export', titanic, '--format', 'keras', '--out', path.join(work, 'm.py'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/as keras \(a script, without weights\)/);
    expect(result.stdout).not.toMatch(/trained weights\)/);
  });
});

describe('predict --input', () => {
  it('reads one CSV record: a quoted decimal comma is one value, parsed in the dataset\'s number format', () => {
    const trained = path.join(work, 'comma.neurite');
    const t = neurite('train', classifier('c0.neurite', 4, 3), '--csv', path.join(CSV, 'decimal-comma.csv'), '--label', 'species', '--epochs', '1', '--save', trained);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/Train|epoch/i);
    const p = neurite('predict', trained, '--input', '"4,9","3,2","1,5","0,6"', '--json');
    expect(p.code, p.stderr).toBe(0);
    expect((JSON.parse(p.stdout) as { outputs: number[][] }).outputs[0].length).toBe(3);
  });
});
