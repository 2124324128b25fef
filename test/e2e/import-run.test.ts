import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project/load';
import type { Project, WeightTensor } from '../../src/shared/project/schema';
import { applyWeights, encodeWeights } from '../../src/main/engine/export-model';
import { disposeModel, inputTransform, runProject } from '../../src/main/engine/run-project';
import { writePackageResult } from '../tools/package-result';
import { loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 18, back into the app (browser host): "Import training run…" from the command palette
// uploads the three files a training package's train.py wrote (built here from weights of a short
// real run of the template, as train.py writes them: test/tools/package-result.ts); the run
// appears in the Runs tab with its engine and origin, and Predict uses its weights at once: the
// prediction equals those weights' own output for the same input. A result from a changed
// project is refused with the translated message and changes nothing.

let app: App;
let dir: string;
let project: Project;
let weights: WeightTensor[];
const INPUT = 0.75;

function loadProjectFile(): Project {
  const parsed = parseProject(readFileSync(path.resolve(__dirname, '../../resources/templates/keras-tutorial-regression.neurite'), 'utf8'), 'template');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.project;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  project = loadProjectFile();
  // Weights of the template's model (a 2-epoch run here stands in for train.py's training).
  const run = await runProject({ ...project, training: { ...project.training, epochs: 2 } });
  weights = encodeWeights(run.model);
  disposeModel(run.model);
  dir = mkdtempSync(path.join(tmpdir(), 'neurite-e2e-result-'));
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importFromPalette(files: string[]): Promise<void> {
  const { page } = app;
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-palette').waitFor();
  await page.getByTestId('command-input').fill('Import training run');
  await expect.poll(() => page.getByTestId('command-import-run').count()).toBe(1);
  // Clicked: the page's file picker opens only on a user gesture the browser counts (a click).
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('command-import-run').click()]);
  await chooser.setFiles(files);
}

describe('Import training run (browser host)', () => {
  it('refuses a result from a project whose graph changed, in the UI language, and adds nothing', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
    const other = mkdtempSync(path.join(tmpdir(), 'neurite-e2e-other-'));
    try {
      const changed: Project = { ...project, graph: { ...project.graph, nodes: project.graph.nodes.map((n) => (n.type === 'Dense' ? { ...n, params: { ...n.params, units: Number(n.params.units ?? 1) + 1 } } : n)) } };
      await importFromPalette(writePackageResult(other, changed, weights));
      await expect.poll(() => page.getByTestId('toast').textContent(), { timeout: 30_000 }).toMatch(/comes from a training package whose graph \(layers or connections\) differ from this project’s now/);
      expect(await page.getByTestId('tab-runs').getAttribute('data-count')).toBe('0');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('adds the run (Runs tab: its engine and origin) and predicts with its weights at once', async () => {
    const { page } = app;
    // A run trained in the app first, so the runs table has two origins and shows the column.
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('stop-button').isDisabled(), { timeout: 60_000 }).toBe(false);
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 60_000 }).toBe('1');

    await importFromPalette(writePackageResult(dir, project, weights));
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 60_000 }).toBe('2');
    await page.getByTestId('tab-runs').click();
    const row = page.getByTestId('run-row-2');
    await row.waitFor();
    expect(await row.locator('[data-col="run:backend"]').textContent()).toBe('tf.distribute multi-worker ×2');
    expect(await row.locator('[data-col="run:origin"]').textContent()).toBe('Training package');
    expect(await page.getByTestId('run-row-1').locator('[data-col="run:origin"]').textContent()).toBe('Train');
    await expect.poll(() => page.getByTestId('toast').textContent()).toMatch(/Imported run 2 \(tf\.distribute multi-worker ×2, 2 epochs\)/);

    // Predict with the imported weights; the same weights in a model built here give the same output.
    await page.getByTestId('tab-run').click();
    await page.getByTestId('tab-predict').click();
    const inputs = page.getByTestId('predict-inputs').locator('input');
    expect(await inputs.count()).toBe(1);
    await page.getByTestId('predict-input-0').fill(String(INPUT));
    await expect.poll(() => page.getByTestId('predict-button').isDisabled(), { timeout: 30_000 }).toBe(false);
    await page.getByTestId('predict-button').click();
    const shown = page.getByTestId('predict-output').locator('b[data-value]');
    await shown.first().waitFor({ timeout: 30_000 });
    const got = (await shown.evaluateAll((bs) => bs.map((b) => Number(b.getAttribute('data-value'))))) as number[];

    const run = await runProject({ ...project, training: { ...project.training, epochs: 1 } });
    try {
      applyWeights(run.model, weights);
      const numFeatures = run.model.inputs[0].shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
      const rows = inputTransform(project.dataset, numFeatures)([[INPUT]]);
      const want = tf.tidy(() => (run.model.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][])[0];
      expect(got).toHaveLength(want.length);
      got.forEach((v, i) => expect(Math.abs(v - want[i]), `output ${i}: app ${v}, weights ${want[i]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i]))));
    } finally {
      disposeModel(run.model);
    }
  });
});
