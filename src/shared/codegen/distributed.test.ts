import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProject } from '../project/load';
import { projectHashes } from '../project/hash';
import type { Project } from '../project/schema';
import { planLayers } from './common';
import { packageCsvName, toKerasDistributed } from './distributed';
import { buildModelCode, imageFilesCode, toKerasPython } from './python';
import { scriptStem } from './image-data';

/**
 * Issue 18: the training package's train.py shares its model code with the Keras script export,
 * carries the project's hashes (for import-run), picks Keras' metric variant for the loss and
 * output, and compiles for every template. Running it with TensorFlow: test/integration/keras-distributed.test.ts.
 */

const root = join(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'neurite-distributed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function load(path: string): Project {
  const result = parseProject(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const templates = readdirSync(join(root, 'resources/templates'))
  .filter((f) => f.endsWith('.neurite'))
  .map((f) => ({ name: f, project: load(join(root, 'resources/templates', f)) }));

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe('training package (keras-distributed)', () => {
  it('builds the model with the very code of the Keras script export', () => {
    for (const { name, project } of templates) {
      const block = buildModelCode(planLayers(project));
      expect(toKerasDistributed(project).trainPy, name).toContain(block);
      expect(toKerasPython(project), name).toContain(block);
    }
  });

  it("carries the project's hashes, and the epochs, batch size, loss and metrics it trains with", () => {
    const project = templates.find((t) => t.name === 'keras-tutorial-classifier.neurite')!.project;
    const text = toKerasDistributed(project, { appVersion: '9.9.9' }).trainPy;
    const neurite = JSON.parse(JSON.parse(/^NEURITE = json\.loads\((".*")\)$/m.exec(text)![1]) as string) as Record<string, string>;
    expect(neurite).toMatchObject({ ...projectHashes(project), appVersion: '9.9.9', project: project.name });
    const settings = JSON.parse(JSON.parse(/^SETTINGS = json\.loads\((".*")\)$/m.exec(text)![1]) as string) as Record<string, unknown>;
    expect(settings).toMatchObject({ epochs: project.training.epochs, batchSize: project.training.batchSize, loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    // Keras' rule for "accuracy" with one-hot labels and a softmax output.
    expect(text).toContain('return [("accuracy", keras.metrics.categorical_accuracy)]');
  });

  it('picks binary accuracy for one sigmoid unit under binary crossentropy, and sparse for class indices', () => {
    const circles = templates.find((t) => t.name === 'playground-circles.neurite')!.project;
    const withLoss = (loss: Project['training']['loss'], units: number, activation: string): Project => ({
      ...circles,
      graph: { ...circles.graph, nodes: circles.graph.nodes.map((n, i, all) => (i === all.length - 1 ? { ...n, params: { ...n.params, units, activation } } : n)) },
      training: { ...circles.training, loss, metrics: ['accuracy'] },
    });
    expect(toKerasDistributed(withLoss('binaryCrossentropy', 1, 'sigmoid')).trainPy).toContain('keras.metrics.binary_accuracy');
  });

  it('streams image data: the .npy opened memory-mapped by the Keras script export\'s own image_files, never make_data()', () => {
    const images = templates.filter((t) => t.project.dataset.kind === 'images');
    expect(images.length).toBeGreaterThan(0);
    for (const { name, project } of images) {
      const block = imageFilesCode(project.dataset as never, scriptStem(project.name));
      const text = toKerasDistributed(project).trainPy;
      expect(text, name).toContain(block);
      expect(toKerasPython(project), name).toContain(block);
      expect(text, name).toContain('image_files(path, mmap_mode="r"');
      expect(text, name).not.toContain('make_data()');
    }
  });

  it('names the CSV after the imported file, made safe for a path', () => {
    expect(packageCsvName('my data (2024).csv')).toBe('my_data_2024_.csv');
    expect(packageCsvName('C:\\Users\\x\\wine.tsv')).toBe('wine.tsv');
    expect(packageCsvName('Sheet1')).toBe('Sheet1.csv');
    expect(packageCsvName('..')).toBe('data.csv');
  });

  it.skipIf(!python)('compiles for every template (py_compile), with early stopping when the project has it', () => {
    for (const { name, project } of templates) {
      const withStopping = { ...project, training: { ...project.training, earlyStopping: { monitor: 'val_loss', patience: 2, minDelta: 0, mode: 'auto' as const, restoreBestWeights: true } } };
      const text = toKerasDistributed(withStopping).trainPy;
      expect(text).toContain('callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=2');
      const file = join(work, `${name}.py`);
      writeFileSync(file, text);
      const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
    }
  });
});
