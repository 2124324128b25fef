import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseProject } from '../../src/shared/project/load';
import { runsKeepingWeights } from '../../src/shared/runs/policy';
import { fill, loadTemplate } from './editor-helpers';
import { ROOT, startApp, type App } from './harness';

// Issue 15 "Done when" (runs core): train three runs with different settings, see three records,
// restore the second one and predict with its weights — the prediction equals the one made right
// after the second run trained. Restore is one undo step; the runs (pinned run and best run with
// their weights, the third without) are saved with the project.
//
// Through the Runs view (components/runs/*: tab-runs, run-row-N, run-pin, run-restore);
// runs-view-done.test.ts also overlays the three runs.

let app: App;
const work = mkdtempSync(join(tmpdir(), 'neurite-runs-e2e-'));

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

async function train(page: Page, runs: number): Promise<void> {
  // The run panel (run-status) shows under the Run tab; the Runs view replaces it.
  await page.getByTestId('tab-run').click();
  await page.getByTestId('train-button').click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
  // The run is recorded once its weights are kept in main.
  await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(runs));
}

async function predictOne(page: Page): Promise<string> {
  await page.getByTestId('tab-run').click();
  await page.getByTestId('tab-predict').click();
  await fill(page, 'predict-input-0', '1');
  const before = await page.getByTestId('predict-output').textContent();
  await page.getByTestId('predict-button').click();
  await expect.poll(() => page.getByTestId('predict-output').textContent()).not.toBe(before);
  const text = (await page.getByTestId('predict-output').textContent()) ?? '';
  expect(text).toMatch(/\d/);
  return text;
}

describe('run history: three runs, restore the second, predict with its weights', () => {
  it('records every run, restores run 2 (graph, settings, weights) as one undo step, predicts as right after it trained, and saves the runs', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);

    await fill(page, 'setting-epochs', '3');
    await train(page, 1);

    await fill(page, 'setting-epochs', '8');
    await train(page, 2);
    const afterSecond = await predictOne(page);
    // Keep run 2's weights whichever run ends up best.
    await page.getByTestId('tab-runs').click();
    await page.getByTestId('run-row-2').getByTestId('run-pin').click();
    await expect.poll(() => page.getByTestId('run-row-2').getByTestId('run-pin').getAttribute('aria-pressed')).toBe('true');

    await fill(page, 'setting-epochs', '20');
    await train(page, 3);
    const afterThird = await predictOne(page);
    expect(afterThird).not.toBe(afterSecond);

    await page.getByTestId('tab-runs').click();
    for (const n of [1, 2, 3]) await expect.poll(() => page.getByTestId(`run-row-${n}`).getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('run-row-2').getByTestId('run-weights').getAttribute('data-kept')).toBe('true');

    await page.getByTestId('run-row-2').getByTestId('run-restore').click();
    await expect.poll(() => page.getByTestId('setting-epochs').inputValue()).toBe('8');
    // The restored weights are rebuilt in the trainer; then Predict uses them.
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/Done/);
    expect(await predictOne(page)).toBe(afterSecond);
    await app.screenshot('runs-restored-second');

    // Restore is one undo step: the third run's settings come back, the runs stay.
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('setting-epochs').inputValue()).toBe('20');
    expect(await page.getByTestId('tab-runs').getAttribute('data-count')).toBe('3');
    await page.getByTestId('redo-button').click();
    await expect.poll(() => page.getByTestId('setting-epochs').inputValue()).toBe('8');

    // Saved with the project: three runs; the pinned run and the best keep weights, the rest none.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    const parsed = parseProject(readFileSync(path, 'utf8'), 'saved');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const runs = parsed.project.runs!;
    expect(runs.map((r) => [r.number, r.training.epochs, r.origin.kind, r.status])).toEqual([
      [1, 3, 'train', 'completed'],
      [2, 8, 'train', 'completed'],
      [3, 20, 'train', 'completed'],
    ]);
    expect(runs.map((r) => r.pinned)).toEqual([false, true, false]);
    const keep = runsKeepingWeights(runs, parsed.project.runsBestBy);
    expect(runs.map((r) => r.weights !== undefined)).toEqual(runs.map((r) => keep.has(r.id)));
    expect(runs[1].weights).toBeDefined();
    // The document's trained weights are run 2's again.
    expect(parsed.project.trained?.weights).toEqual(runs[1].weights);
    for (const run of runs) {
      expect(run.history.map((h) => h.epoch)).toEqual([...Array(run.training.epochs).keys()]);
      expect(run.history.every((h, i) => h.elapsedMs !== undefined && (i === 0 || h.elapsedMs >= run.history[i - 1].elapsedMs!))).toBe(true);
    }
  });

  it('records a run that failed (its data cannot be read) with its message and no weights', async () => {
    const { page } = app;
    // A CSV project whose file main does not hold (not embedded, an unknown sha256): the trainer cannot load its data.
    const project = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/projects/v4-colours-index.neurite'), 'utf8'));
    delete project.dataset.embedded;
    delete project.dataset.path;
    project.dataset.file.sha256 = 'f'.repeat(64);
    project.name = 'missing data';
    const file = join(work, 'missing-data.neurite');
    writeFileSync(file, JSON.stringify(project));
    await page.getByTestId('tab-run').click();
    page.once('dialog', (dialog) => void dialog.accept());
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
    await chooser.setFiles(file);
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('missing data');
    expect(await page.getByTestId('tab-runs').getAttribute('data-count')).toBe('0');

    // Train at once, while the saved weights may still be loading: the run is shown and recorded, not the saved one.
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 200 }).toMatch(/Failed/);
    const message = (await page.getByTestId('run-status').textContent()) ?? '';
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    await page.getByTestId('tab-runs').click();
    expect(await page.getByTestId('run-row-1').getAttribute('data-status')).toBe('failed');
    await page.getByTestId('tab-run').click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    const path = join(work, `failed-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const parsed = parseProject(readFileSync(path, 'utf8'), 'saved');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [run] = parsed.project.runs!;
    expect(run).toMatchObject({ number: 1, status: 'failed', finalLogs: {}, history: [], origin: { kind: 'train' } });
    expect(run.weights).toBeUndefined();
    expect(run.message).toBeTruthy();
    expect(message).toContain(run.message!.slice(0, 40));
  });
});
