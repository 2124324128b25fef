import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, loadTemplate, runFromPalette as runFromPaletteIn } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15: a small sweep from the Sweep window (its trials queue one after another as recorded
// runs, the progress view ranks them, the saved project holds the sweep and its runs), and the
// learner's batch-size experiment (three runs, three curves against epochs and against seconds).

let app: App;
const work = mkdtempSync(join(tmpdir(), 'neurite-sweeps-'));

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

const runFromPalette = (text: string, id: string) => runFromPaletteIn(app.page, text, id);

async function saveProject(): Promise<{ runs: { number: number; origin: { kind: string; groupId?: string; trial?: number }; training: { batchSize: number; epochs: number; optimizer: { learningRate: number } }; history: { elapsedMs?: number }[]; status: string }[]; sweeps?: { id: string; status: string; params: unknown[] }[]; training: { batchSize: number; epochs: number; optimizer: { learningRate: number } } }> {
  const { page } = app;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
  const path = join(work, `${Date.now()}-${(download as Download).suggestedFilename()}`);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('sweeps in the app', () => {
  it('runs a 3-trial grid sweep from the Sweep window; its runs are recorded and ranked, and the document is unchanged', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-epochs', '5');

    await runFromPalette('sweep', 'sweep');
    await page.getByTestId('sweep-setup').waitFor();
    await page.getByTestId('sweep-on-learningRate').check();
    await page.getByTestId('sweep-values-learningRate').fill('0.1, 0.01, 0.001');
    await expect.poll(() => page.getByTestId('sweep-plan-count').textContent()).toBe('3 runs');
    // A value outside its limit is named before anything runs, and Start waits.
    await page.getByTestId('sweep-values-learningRate').fill('0.1, 0.01, 20');
    await expect.poll(() => page.getByTestId('sweep-problems').textContent()).toMatch(/Learning rate: expected a number above 0 and at most 10; got 20\./);
    expect(await page.getByTestId('sweep-start').isDisabled()).toBe(true);
    await page.getByTestId('sweep-values-learningRate').fill('0.1, 0.01, 0.001');
    // A second key (one value) gives the parallel-coordinates view two axes besides the metric.
    await page.getByTestId('sweep-on-epochs').check();
    await page.getByTestId('sweep-values-epochs').fill('5');
    await expect.poll(() => page.getByTestId('sweep-plan-count').textContent()).toBe('3 runs');
    await app.screenshot('sweep-setup');
    await page.getByTestId('sweep-start').click();

    await page.getByTestId('sweep-progress').waitFor();
    await expect.poll(() => page.getByTestId('sweep-progress').getAttribute('data-status'), { timeout: 120_000, interval: 300 }).toBe('done');
    await expect.poll(() => page.locator('[data-testid^="sweep-result-"]').count()).toBe(3);
    // Ranked by loss, lowest first; the best line names it.
    const losses = await page.locator('[data-testid^="sweep-result-"] td:nth-child(4)').allTextContents();
    const values = losses.map(Number);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(await page.getByTestId('sweep-best').textContent()).toMatch(new RegExp(`^Best so far: loss ${losses[0].replace('.', '\\.')}, trial \\d \\(run \\d\\)`));
    await expect.poll(() => page.getByTestId('sweep-scatter').getAttribute('data-points')).toBe('3');
    expect(await page.getByTestId('sweep-parallel').getAttribute('data-lines')).toBe('3');
    await app.screenshot('sweep-done');

    const saved = await saveProject();
    const sweep = saved.sweeps![0];
    expect(sweep.status).toBe('done');
    const runs = saved.runs.filter((r) => r.origin.groupId === sweep.id);
    expect(runs.map((r) => [r.origin.kind, r.origin.trial, r.training.optimizer.learningRate, r.training.epochs, r.status])).toEqual([
      ['sweep', 0, 0.1, 5, 'completed'],
      ['sweep', 1, 0.01, 5, 'completed'],
      ['sweep', 2, 0.001, 5, 'completed'],
    ]);
    // The trials are variants: the document keeps its own learning rate.
    expect(saved.training.optimizer.learningRate).toBe(0.01);

    // Issue 15 done-when: the sweep's runs are in the runs table, origin Sweep, the learning rate a column.
    await page.getByTestId('tab-runs').click();
    for (const run of runs) {
      const row = page.getByTestId(`run-row-${run.number}`);
      await expect.poll(() => row.getAttribute('data-status')).toBe('completed');
    }
    await page.getByTestId('runs-filter').fill('origin=sweep');
    await expect.poll(() => page.getByTestId('runs-view').getAttribute('data-shown')).toBe('3');
    await app.screenshot('sweep-runs-table');
    await page.getByTestId('runs-filter').fill('');
    await page.getByTestId('tab-run').click();
  });

  it('stops a sweep after the current run and resumes the rest', async () => {
    const { page } = app;
    await page.getByTestId('sweep-tab-setup').click();
    await page.getByTestId('sweep-on-learningRate').waitFor();
    // Batch size 1 over 100 rows for 300 epochs is the long trial: Stop is pressed while it runs.
    await fill(page, 'setting-epochs', '300');
    await page.getByTestId('sweep-on-batchSize').check();
    await page.getByTestId('sweep-values-batchSize').fill('1, 64, 128');
    await page.getByTestId('sweep-on-learningRate').uncheck();
    await page.getByTestId('sweep-start').click();
    await page.getByTestId('sweep-trial-text').waitFor();
    await page.getByTestId('sweep-stop').click();
    // Once stopping, the queue starts no other run: the run showing is the last.
    const stopping = (await page.getByTestId('sweep-trial-text').textContent()) ?? '';
    expect(stopping).toMatch(/^Run (\d) of 3 \(trial \d\): Batch size \d+ — stops after this run$/);
    const ran = Number(/^Run (\d)/.exec(stopping)![1]);
    await expect.poll(() => page.getByTestId('sweep-progress').getAttribute('data-status'), { timeout: 120_000, interval: 300 }).toBe(ran === 3 ? 'done' : 'stopped');
    await expect.poll(() => page.locator('[data-testid^="sweep-result-"]').count()).toBe(ran);
    expect(ran).toBeLessThan(3);
    expect(await page.getByTestId('sweep-resume').textContent()).toBe(`Resume (${3 - ran} run${3 - ran === 1 ? '' : 's'} left)`);
    await page.getByTestId('sweep-resume').click();
    await expect.poll(() => page.getByTestId('sweep-progress').getAttribute('data-status'), { timeout: 120_000, interval: 300 }).toBe('done');
    await expect.poll(() => page.locator('[data-testid^="sweep-result-"]').count()).toBe(3);
    const saved = await saveProject();
    const sweep = saved.sweeps![1];
    expect(saved.runs.filter((r) => r.origin.groupId === sweep.id).map((r) => [r.origin.trial, r.training.batchSize])).toEqual([[0, 1], [1, 64], [2, 128]]);
  });

  it("the toolbar's Stop stops the sweep's current run and the sweep; Resume runs that trial again", async () => {
    const { page } = app;
    await page.getByTestId('sweep-tab-setup').click();
    // 3,000 epochs at batch size 1: long enough to be stopped while it trains.
    await fill(page, 'setting-epochs', '3000');
    await page.getByTestId('sweep-on-batchSize').check();
    await page.getByTestId('sweep-values-batchSize').fill('1, 64');
    await page.getByTestId('sweep-start').click();
    await page.getByTestId('sweep-trial-text').waitFor();
    await expect.poll(() => page.getByTestId('stop-button').isDisabled()).toBe(false);
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('sweep-progress').getAttribute('data-status'), { timeout: 60_000, interval: 300 }).toBe('stopped');
    await expect.poll(() => page.getByTestId('sweep-result-1').locator('td').nth(3).textContent()).toBe('stopped');
    expect(await page.locator('[data-testid^="sweep-result-"]').count()).toBe(1);
    // The stopped trial did not finish: Resume runs it again, with the other.
    expect(await page.getByTestId('sweep-resume').textContent()).toBe('Resume (2 runs left)');
    await fill(page, 'setting-epochs', '5');
  });

  it("runs the learner's batch-size experiment on the Keras regression template and draws three curves", async () => {
    const { page } = app;
    // Before anything runs, the panel says how the epochs are capped: the tutorial classifier's 1,000 rows × 100 epochs would be 100,000 updates at batch size 1.
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await runFromPalette('batch size', 'batch-experiment');
    await expect.poll(() => page.getByTestId('experiment-plan').textContent()).toMatch(
      /^Each run trains 20 epochs on 1000 training rows\. The epochs are lowered from your 100 to 20 for all three runs so that batch size 1 stays short \(20000 updates; at most 20000\)\. Your settings are not changed\.$/,
    );
    await loadTemplate(page, 'keras-tutorial-regression');
    // The classifier has three nodes too: wait for the regression template's own settings (200 epochs).
    await expect.poll(() => page.getByTestId('setting-epochs').inputValue()).toBe('200');
    await fill(page, 'setting-epochs', '20');
    await page.getByTestId('experiment-panel').waitFor();
    expect(await page.getByTestId('experiment-plan').textContent()).toBe('Each run trains 20 epochs on 100 training rows. ');
    await page.getByTestId('experiment-start').click();
    await expect.poll(() => page.getByTestId('experiment-epochs').getAttribute('data-series'), { timeout: 120_000, interval: 300 }).toBe('3');
    await expect.poll(() => page.getByTestId('experiment-progress').count(), { timeout: 120_000 }).toBe(0);
    expect(await page.getByTestId('experiment-epochs').getAttribute('data-points')).toBe('60');
    expect(await page.getByTestId('experiment-seconds').getAttribute('data-series')).toBe('3');
    const finals = await page.getByTestId('experiment-finals').locator('li').allTextContents();
    expect(finals.map((f) => f.replace(/:.*/, ''))).toEqual(['Batch GD (batch size 100)', 'SGD (batch size 1)', 'Mini-batch (batch size 32)']);
    await app.screenshot('batch-size-experiment');
    await page.getByTestId('experiment-seconds').scrollIntoViewIfNeeded();
    await app.screenshot('batch-size-experiment-seconds');
    const saved = await saveProject();
    const runs = saved.runs.filter((r) => r.origin.kind === 'experiment');
    expect(runs.map((r) => [r.training.batchSize, r.training.epochs, r.history.length])).toEqual([[100, 20, 20], [1, 20, 20], [32, 20, 20]]);
    expect(runs.every((r) => r.history.every((h) => typeof h.elapsedMs === 'number'))).toBe(true);
    expect(saved.training.batchSize).toBe(32);
  });
});
