import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinImages } from '../../src/main/data/builtin-images';
import { runExport } from '../../src/main/cli/model-files';
import { loadImagesDataset, loadRawImages } from '../../src/main/data/load-images';
import { toKerasPython, toTfjsTypeScript } from '../../src/shared/codegen';
import { imageDataFiles, npyBytes } from '../../src/shared/codegen/image-data';
import { splitRows } from '../../src/shared/data/split';
import { summarize } from '../../src/shared/graph/summary';
import type { Project } from '../../src/shared/project/schema';
import { digitsSpec, imageProject } from '../tools/image-project';
import { findKerasPython } from '../tools/keras-python';
import { findPython, itWithPython } from '../tools/python';

/**
 * Issue 14: code export for image datasets. The export writes the raw images and labels as .npy
 * files beside the script (src/shared/codegen/image-data.ts); the generated TypeScript and Python
 * read them, scale the pixels by the pipeline's `rescale` step, hold out the rows the app holds
 * out and build the same CNN. Checked: row 0 after preprocessing equals the app's training row 0
 * (unit and z-score scaling), the sums and the split equal the app's, the TypeScript script
 * trains one epoch in tfjs, the Python one in Keras 3 (NEURITE_KERAS_PYTHON). Before: both
 * generators threw IMAGES_CODEGEN_TODO.
 */
const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'neurite-image-codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes the script and its data files into a folder of its own; returns the script's path. */
function exported(project: Project, language: 'py' | 'ts', name: string): string {
  const folder = mkdtempSync(join(work, `${name}-`));
  for (const f of imageDataFiles(project.dataset as never, loadRawImages(project.dataset as never), name)) writeFileSync(join(folder, f.name), f.bytes);
  if (language === 'py') {
    const file = join(folder, `${name}.py`);
    writeFileSync(file, toKerasPython(project, { dataStem: name }));
    return file;
  }
  const { outputText, diagnostics } = ts.transpileModule(toTfjsTypeScript(project, { dataStem: name }), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true }, reportDiagnostics: true });
  expect(diagnostics ?? []).toEqual([]);
  const file = join(folder, `${name}.cjs`);
  writeFileSync(file, outputText);
  return file;
}

function events(out: string): Record<string, unknown>[] {
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function app(project: Project) {
  const data = loadImagesDataset(project.dataset as never);
  const split = splitRows(data, project.training);
  let xsum = 0;
  for (const v of data.x) xsum += v;
  return { data, xsum, first: Array.from(data.x.subarray(0, data.numFeatures)), split: { train: split.train.length, validation: Array.from(split.validation), test: Array.from(split.test) } };
}

const projects = (['unit', 'zscore'] as const).map((scaling) => ({ scaling, project: imageProject(digitsSpec(scaling, 300)) }));

describe('code export for image datasets (issue 14)', () => {
  it('writes .npy files numpy reads back: uint8 images [rows, 8, 8, 1] and int32 labels', () => {
    const bytes = npyBytes('<i4', [3], Int32Array.from([1, -2, 300]));
    expect(Buffer.from(bytes.subarray(0, 6)).toString('latin1')).toBe('\x93NUMPY');
    expect((10 + (bytes[8] | (bytes[9] << 8))) % 64).toBe(0);
    const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0 ? 'python3' : null;
    if (!python) return;
    const file = join(work, 'labels.npy');
    writeFileSync(file, bytes);
    const [images] = imageDataFiles(digitsSpec('unit', 5), loadBuiltinImages('digits'), 'x');
    writeFileSync(join(work, 'x.npy'), images.bytes);
    const out = execFileSync(python, ['-c', `import numpy as np, json; a = np.load(${JSON.stringify(file)}); b = np.load(${JSON.stringify(join(work, 'x.npy'))}); print(json.dumps([a.dtype.str, a.tolist(), b.dtype.str, list(b.shape), b[0, 0].ravel().tolist()]))`], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['<i4', [1, -2, 300], '|u1', [5, 8, 8, 1], [0, 0, 5, 13, 9, 1, 0, 0]]);
  });

  for (const { scaling, project } of projects) {
    it(`TypeScript, ${scaling}: row 0 after preprocessing, the sums, the split and the parameter count are the app's`, () => {
      const want = app(project);
      const [built] = events(execFileSync(process.execPath, [exported(project, 'ts', `ts_${scaling}`), '--check'], { env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, encoding: 'utf8', timeout: 120_000 }));
      expect(built.event).toBe('built');
      expect(built.params).toBe(summarize(project.graph).totalParams);
      expect([built.rows, built.features, built.labelWidth]).toEqual([300, 64, 1]);
      expect(built.first).toEqual(want.first);
      expect(built.xsum).toBe(want.xsum);
      expect(built.split).toEqual(want.split);
    });
  }

  // The shipped image templates (resources/templates; the other templates: src/shared/codegen/codegen.test.ts).
  const templateDir = join(root, 'resources/templates');
  const imageTemplates = readdirSync(templateDir)
    .filter((f) => f.endsWith('.neurite'))
    .map((f) => ({ name: f, project: JSON.parse(readFileSync(join(templateDir, f), 'utf8')) as Project }))
    .filter((t) => t.project.dataset.kind === 'images');
  it('there are image templates to check', () => expect(imageTemplates.map((t) => t.name).sort()).toEqual(['digits-cnn.neurite', 'digits-dense.neurite', 'mnist-cnn.neurite']));
  for (const { name, project } of imageTemplates) {
    it(`template ${name}: the TypeScript script's row 0, sums, split and parameter count are the app's`, () => {
      const want = app(project);
      const [built] = events(execFileSync(process.execPath, [exported(project, 'ts', name.replace(/\W/g, '_')), '--check'], { env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, encoding: 'utf8', timeout: 120_000 }));
      expect(built.params).toBe(summarize(project.graph).totalParams);
      expect(built.rows).toBe(want.data.rows);
      expect(built.first).toEqual(want.first);
      expect(built.xsum).toBe(want.xsum);
      expect(built.split).toEqual(want.split);
    });
  }

  it('TypeScript: trains the CNN one epoch in tfjs on the images', () => {
    const file = exported(projects[0].project, 'ts', 'ts_train');
    const lines = events(execFileSync(process.execPath, [file], { cwd: dirname(file), env: { ...process.env, NODE_PATH: join(root, 'node_modules'), EPOCHS: '1' }, encoding: 'utf8', timeout: 300_000 }));
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['built', 'epoch', 'done']));
    const epoch = lines.find((l) => l.event === 'epoch') as { logs: Record<string, number> };
    expect(Number.isFinite(epoch.logs.loss)).toBe(true);
    expect(Number.isFinite(epoch.logs.val_acc ?? epoch.logs.val_accuracy)).toBe(true);
  }, 300_000);

  const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
  for (const { scaling, project } of projects) {
    it.skipIf(!numpy)(`Python, ${scaling}: row 0 after preprocessing and the split are the app's (numpy, --check)`, () => {
      const want = app(project);
      const data = events(execFileSync('python3', [exported(project, 'py', `py_${scaling}`), '--check'], { encoding: 'utf8', timeout: 120_000 })).pop() as { rows: number; features: number; first: number[]; xsum: number; split: unknown };
      expect([data.rows, data.features]).toEqual([300, 64]);
      expect(data.first).toEqual(want.first);
      // numpy sums float32 pairwise, the app sequentially.
      expect(Math.abs(data.xsum - want.xsum)).toBeLessThan(1e-6 * Math.abs(want.xsum) + 1e-3);
      expect(data.split).toEqual(want.split);
    });
  }

  itWithPython('Python: builds the same CNN in Keras 3 and trains it one epoch on the images', findKerasPython(), (python) => {
    const project = projects[0].project;
    const file = exported(project, 'py', 'py_train');
    // cwd: the script's folder, where it saves model.keras.
    const run = spawnSync(python, [file], { cwd: dirname(file), env: { ...process.env, EPOCHS: '1', TF_CPP_MIN_LOG_LEVEL: '3' }, encoding: 'utf8', timeout: 600_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const lines = events(run.stdout);
    expect((lines.find((l) => l.event === 'built') as { params: number }).params).toBe(summarize(project.graph).totalParams);
    const done = lines.find((l) => l.event === 'done') as { history: Record<string, number[]> };
    expect(done.history.loss).toHaveLength(1);
    expect(Number.isFinite(done.history.val_accuracy[0])).toBe(true);
  }, 600_000);

  it('neurite export --format keras|ts writes the script and its two .npy files beside it, and says so', async () => {
    const folder = mkdtempSync(join(work, 'cli-'));
    const projectFile = join(folder, 'digits.neurite');
    writeFileSync(projectFile, JSON.stringify(projects[0].project));
    for (const [format, name] of [['keras', 'digits_cnn.py'], ['ts', 'digits_cnn.ts']] as const) {
      const lines: string[] = [];
      const code = await runExport(projectFile, { format, out: join(folder, format, name) }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      expect(code, lines.join('\n')).toBe(0);
      expect(readdirSync(join(folder, format)).sort()).toEqual([name, 'digits_cnn.images.npy', 'digits_cnn.labels.npy'].sort());
      expect(lines.join('\n')).toMatch(/digits_cnn\.images\.npy and digits_cnn\.labels\.npy/);
    }
    const lines: string[] = [];
    expect(await runExport(projectFile, { format: 'tfjs', out: join(folder, 'tfjs') }, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines.join('\n')).toMatch(/the pixel scaling is the model's first layer \(pixel_rescaling, Rescaling x \* 0\.0625 \+ 0\); the model takes raw pixels/);
    const data = events(execFileSync('python3', [join(folder, 'keras', 'digits_cnn.py'), '--check'], { encoding: 'utf8', timeout: 120_000 })).pop() as { first: number[] };
    expect(data.first).toEqual(app(projects[0].project).first);
  });

  // The oracle is scikit-learn itself: load_digits() (.ci/run installs scikit-learn into its venv).
  const sklearn = findPython(
    [process.env.NEURITE_KERAS_PYTHON, process.env.NEURITE_ONNX_PYTHON, 'python3'],
    'import sklearn, numpy; print(sklearn.__version__)',
    (out) => /^\d+\./.test(out),
    'scikit-learn and numpy',
    'NEURITE_KERAS_PYTHON',
  );
  itWithPython("the exported digits are scikit-learn's load_digits(), pixel for pixel and label for label", sklearn, (python) => {
    const folder = mkdtempSync(join(work, 'sklearn-'));
    const spec = digitsSpec('unit', 1797);
    for (const f of imageDataFiles(spec, loadBuiltinImages('digits'), 'd')) writeFileSync(join(folder, f.name), f.bytes);
    const code = `import json, sys, numpy as np
from sklearn.datasets import load_digits
d = load_digits()
images, labels = np.load(sys.argv[1]), np.load(sys.argv[2])
print(json.dumps([list(images.shape), bool((images.reshape(len(images), -1) == d.data).all()), bool((labels == d.target).all())]))`;
    const out = execFileSync(python, ['-c', code, join(folder, 'd.images.npy'), join(folder, 'd.labels.npy')], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([[1797, 8, 8, 1], true, true]);
  });

  it('a missing data file is named, with what to do', () => {
    const file = exported(projects[0].project, 'ts', 'ts_missing');
    rmSync(file.replace(/\.cjs$/, '.labels.npy'));
    const run = spawnSync(process.execPath, [file, '--check'], { env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/ts_missing\.labels\.npy/);
  });
});
