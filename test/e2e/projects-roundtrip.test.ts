import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, loadTemplate, selectNode } from './editor-helpers';
import { startApp, type App } from './harness';
import { FORMAT_VERSION } from '../../src/shared/project/schema';

// Issue 6's done-when through the real browser host: train the Keras tutorial's regression,
// save it (a download), reload the page, open the saved file through the upload route and
// predict the same value without training; export the model as TensorFlow.js JSON and load it
// with tfjs in this process: the same prediction again.

let app: App;
const work = mkdtempSync(join(tmpdir(), 'neurite-roundtrip-'));
const TOLERANCE = 1e-6;

beforeAll(async () => {
  // The server's recent list and crash backup go to a folder of this test's own, so no other
  // run's backup is offered at start (the spawned server inherits this environment).
  process.env.NEURITE_USER_DIR = join(work, 'user');
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

async function predictAt(page: Page, x: number): Promise<number> {
  await page.getByTestId('tab-predict').click();
  await expect.poll(() => page.getByTestId('predict-button').isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.getByTestId('predict-input-0').fill(String(x));
  const output = page.getByTestId('predict-output').locator('b[data-value]').first();
  const before = (await output.count()) ? await output.getAttribute('data-value') : null;
  await page.getByTestId('predict-button').click();
  await expect.poll(async () => ((await output.count()) ? await output.getAttribute('data-value') : null)).not.toBe(before);
  return Number(await output.getAttribute('data-value'));
}

async function saveDownload(download: Download): Promise<string> {
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

const trainedState = (page: Page) => page.getByTestId('trained-status').getAttribute('data-state');

describe('projects round trip', () => {
  let savedPath = '';
  let trainedPrediction = NaN;

  it('trains the regression template, keeps the weights in the project and saves them', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
    await expect.poll(() => page.getByTestId('export-model-json').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-model-json').getAttribute('title')).toMatch(/Train the model/);

    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => trainedState(page)).toBe('untrained');

    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/Done/);
    await expect.poll(() => trainedState(page), { timeout: 30_000 }).toBe('fresh');
    expect(await page.getByTestId('trained-status').textContent()).toMatch(/Trained/);
    // Keeping the result is not an edit: nothing to undo beyond loading the template, but the title says unsaved.
    expect(await page.title()).toMatch(/^• /);

    trainedPrediction = await predictAt(page, 1);
    expect(Number.isFinite(trainedPrediction)).toBe(true);
    await app.screenshot('projects-roundtrip-trained');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    expect(download.suggestedFilename()).toMatch(/\.neurite$/);
    savedPath = await saveDownload(download);
    const saved = JSON.parse(readFileSync(savedPath, 'utf8')) as {
      formatVersion: number;
      trained?: { reason: string; weights: { name: string; shape: number[] }[]; history: unknown[] };
    };
    expect(saved.formatVersion).toBe(FORMAT_VERSION);
    expect(saved.trained?.reason).toBe('completed');
    expect(saved.trained?.weights.map((w) => w.shape)).toEqual([[1, 1], [1]]);
    expect(saved.trained?.history).toHaveLength(200);
    await expect.poll(() => page.title()).not.toMatch(/^• /);
  });

  it('after a page reload, the saved file opens through the upload route and predicts the same without training', async () => {
    const { page } = app;
    expect(savedPath).not.toBe('');
    await page.reload();
    await page.getByTestId('open-button').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(0);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
    await chooser.setFiles(savedPath);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => trainedState(page), { timeout: 30_000 }).toBe('fresh');
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/Done/);
    // The saved history is drawn without training.
    await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBeGreaterThan(5);

    const reopened = await predictAt(page, 1);
    expect(Math.abs(reopened - trainedPrediction)).toBeLessThanOrEqual(TOLERANCE);
    expect(await page.title()).not.toMatch(/^• /);
    await app.screenshot('projects-roundtrip-reopened');
  });

  it('exports model.json + weights.bin that tfjs loads and that predict the same', async () => {
    const { page } = app;
    const downloads: Download[] = [];
    const onDownload = (d: Download) => downloads.push(d);
    page.on('download', onDownload);
    await expect.poll(() => page.getByTestId('export-model-json').isEnabled()).toBe(true);
    await page.getByTestId('export-model-json').click();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
    page.off('download', onDownload);

    const files = new Map<string, Buffer>();
    for (const d of downloads) files.set(d.suggestedFilename(), readFileSync(await saveDownload(d)));
    mkdirSync(join(work, 'exported'), { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(work, 'exported', name), bytes);
    expect([...files.keys()].sort()).toEqual(['model.json', 'weights.bin']);

    const modelJson = JSON.parse(files.get('model.json')!.toString('utf8')) as {
      format: string;
      modelTopology: { class_name?: string; config?: unknown; model_config?: { class_name: string } };
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    expect(modelJson.format).toBe('layers-model');
    // A handler that reads the weight files the manifest names, as tf.loadLayersModel does from a folder.
    const handler: tf.io.IOHandler = {
      load: async () => {
        const buffers = modelJson.weightsManifest.flatMap((group) =>
          group.paths.map((path) => {
            const bytes = files.get(path);
            if (!bytes) throw new Error(`model.json names weight file ${path}, which was not downloaded`);
            return bytes;
          }),
        );
        const joined = Buffer.concat(buffers);
        return {
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
          weightData: joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
        };
      },
    };
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(handler);
    const output = model.predict(tf.tensor2d([[1]])) as tf.Tensor;
    const [value] = Array.from(await output.data());
    expect(Math.abs(value - trainedPrediction)).toBeLessThanOrEqual(TOLERANCE);
    writeFileSync(join(work, 'tf-prediction.txt'), String(value));
    model.dispose();
    output.dispose();
  });

  it('imports the exported model.json with its weights through the page, and predicts the same', async () => {
    const { page } = app;
    const exported = ['model.json', 'weights.bin'].map((name) => join(work, 'exported', name));
    // A project file picked in Import by mistake is named, with where it belongs.
    const [wrong] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-model').click()]);
    await wrong.setFiles(savedPath);
    await expect.poll(() => page.getByTestId('toast').textContent()).toMatch(/Import takes a TensorFlow\.js\/Keras model\.json.*use Open/);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-model').click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(exported);
    // The same layers as the saved project: Input, Dense, Activation.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.getByTestId('predict-button').isEnabled()).toBe(true);
    expect(Math.abs((await predictAt(page, 1)) - trainedPrediction)).toBeLessThanOrEqual(TOLERANCE);
    // With a preprocessing.json picked too (first, as a file dialog may list it): the model.json is
    // still the model, and the import names the file and the inputs the model expects (issue 13 follow-up).
    const steps = { format: 'neurite-preprocessing', version: 1, description: '', inputColumns: ['x'], featureNames: ['x'], steps: [{ kind: 'zscore', means: [0], stds: [1] }] };
    const preprocessingPath = join(work, 'exported', 'preprocessing.json');
    writeFileSync(preprocessingPath, JSON.stringify(steps));
    const [withSteps] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-model').click()]);
    await withSteps.setFiles([preprocessingPath, ...exported]);
    await expect.poll(() => page.getByTestId('toast').textContent()).toMatch(/The model expects preprocessed inputs: preprocessing\.json turns the raw columns \(x\)/);
    // Back to the saved project for the tests that follow.
    const [reopen] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
    await reopen.setFiles(savedPath);
    await expect.poll(() => trainedState(page)).toBe('fresh');
  });

  it('says the weights are stale after a layer parameter changes, and offers to retrain', async () => {
    const { page } = app;
    await selectNode(page, 'dense');
    await fill(page, 'param-units', '2');
    await expect.poll(() => trainedState(page)).toBe('stale');
    const status = page.getByTestId('trained-status');
    expect(await status.getAttribute('data-changed')).toBe('graph');
    expect(await status.textContent()).toMatch(/Weights are stale: the graph changed since training/);
    expect(await page.getByTestId('retrain-button').isVisible()).toBe(true);
    await app.screenshot('projects-roundtrip-stale');

    // Undoing the edit makes the same weights fresh again.
    await page.getByTestId('undo-button').click();
    await expect.poll(() => trainedState(page)).toBe('fresh');
  });

  it('keeps training the saved weights when only the settings changed', async () => {
    const { page } = app;
    await fill(page, 'setting-epochs', '20');
    await expect.poll(() => trainedState(page)).toBe('stale');
    expect(await page.getByTestId('trained-status').getAttribute('data-changed')).toBe('settings');
    await page.getByTestId('keep-training-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 300 }).toMatch(/Done/);
    await expect.poll(() => trainedState(page), { timeout: 30_000 }).toBe('fresh');
    // Twenty more epochs continue the curve from where the saved run ended: the loss does not jump back up.
    const chart = page.getByTestId('chart-loss');
    expect(Number(await chart.getAttribute('data-first-loss'))).toBeLessThan(0.05);
    await app.screenshot('projects-roundtrip-kept-training');
  });

  it('keeps a project open and says why when its saved weights do not fit its graph', async () => {
    const { page } = app;
    const project = JSON.parse(readFileSync(savedPath, 'utf8')) as { name: string; graph: { nodes: { id: string; params: Record<string, unknown> }[] } };
    project.name = 'Weights that do not fit';
    project.graph.nodes.find((n) => n.id === 'dense')!.params.units = 2;
    const badPath = join(work, 'mismatched.neurite');
    writeFileSync(badPath, JSON.stringify(project));

    page.once('dialog', (dialog) => void dialog.accept());
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
    await chooser.setFiles(badPath);
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Weights that do not fit');
    await expect.poll(() => trainedState(page), { timeout: 30_000 }).toBe('failed');
    expect(await page.getByTestId('trained-status').textContent()).toMatch(/Weights not loaded\. .*dense.*expected shape/i);
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.getByTestId('predict-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-model-json').isDisabled()).toBe(true);
    expect(await page.getByTestId('retrain-button').isVisible()).toBe(true);
    expect(await page.getByTestId('predict-output').textContent()).toBe('');
    await app.screenshot('projects-roundtrip-load-failed');
  });

  it('opens a project file dropped on the window', async () => {
    const { page } = app;
    const project = JSON.parse(readFileSync(savedPath, 'utf8')) as { name: string };
    project.name = 'Dropped on the window';
    await page.getByTestId('template-picker').selectOption('keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    page.once('dialog', (dialog) => void dialog.accept());
    // Runs in the page; typed loosely because this file compiles without DOM types.
    const dataTransfer = await page.evaluateHandle((text) => {
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([text], 'dropped.neurite', { type: 'application/json' }));
      return transfer;
    }, JSON.stringify(project));
    await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer });
    await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Dropped on the window');
    // The saved weights come along: it predicts without training.
    await expect.poll(() => trainedState(page), { timeout: 30_000 }).toBe('fresh');
    expect(await page.locator('.react-flow__node').count()).toBe(3);
  });
});
