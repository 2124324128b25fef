import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill, loadTemplate, selectNode } from './editor-helpers';
import { ROOT, startApp, type App } from './harness';

// Issue 9, "a failed run says so": the tutorial classifier at learning rate 10 no longer ends in
// "Done ✓ Trained". The run panel and the status bar name the outcome, the final numbers stay in
// view, the log has one Keras-like line per epoch, and a remedy button trains it to `learned`.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const runStatus = (page: Page) => page.getByTestId('run-status').textContent();
const outcomeKind = (page: Page) => page.getByTestId('run-outcome').getAttribute('data-kind');

/** The values of a chart's legend (epoch, training, validation[, batch]) as the user sees them. */
const legend = (page: Page, chart: string) => page.getByTestId(chart).locator('.u-legend .u-series .u-value').allTextContents();

/**
 * Waits for the trained weights to be in the document, reads `before` (anything the test wants
 * from the page as it was), saves the project as a download, reloads the page (a fresh renderer:
 * no rows, no caches) and opens the file again, then waits for its weights to load.
 */
async function saveReloadAndOpen<T>(page: Page, before: () => Promise<T> = async () => undefined as T): Promise<T> {
  await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('fresh');
  const value = await before();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
  const saved = join(mkdtempSync(join(tmpdir(), 'neurite-e2e-outcome-')), download.suggestedFilename());
  await download.saveAs(saved);
  await page.reload();
  await page.getByTestId('open-button').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
  await chooser.setFiles(saved);
  await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('fresh');
  return value;
}

describe('the outcome of a run', () => {
  it('the classifier at learning rate 10 says it did not learn, keeps its final numbers and log, and a remedy trains it to learned', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-learningRate', '10');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);

    await page.getByTestId('train-button').click();
    await expect.poll(() => runStatus(page), { timeout: 120_000, interval: 300 }).toMatch(/^Done/);
    // What the issue saw was "Done ✓ Trained" at accuracy 0.11.
    expect(await outcomeKind(page)).toBe('did-not-learn');
    expect(await runStatus(page)).toBe('Done · Did not learn');
    expect(await page.getByTestId('trained-status').textContent()).not.toContain('✓');
    expect(await page.getByTestId('status-run').textContent()).toBe('Last run: Did not learn');
    expect(await page.getByTestId('run-outcome-message').textContent()).toMatch(/accuracy 0\.\d{4} is no better than chance level/);
    expect(await page.getByTestId('run-outcome-causes').textContent()).toMatch(/learning rate 10 is too high for RMSprop/);

    // Final numbers in view without hovering, in the legends too; epochs read as whole numbers.
    expect(await page.getByTestId('final-metrics').textContent()).toMatch(/Final \(epoch 100\) loss \d+\.\d{4} · accuracy 0\.\d{4}/);
    const idle = await legend(page, 'chart-loss');
    expect(idle[0]).toBe('100');
    expect(idle[1]).toMatch(/^\d/);
    expect((await legend(page, 'chart-acc'))[1]).toMatch(/^0\.\d+/);
    await page.getByTestId('chart-loss').locator('.u-over').scrollIntoViewIfNeeded();
    const plot = await page.getByTestId('chart-loss').locator('.u-over').boundingBox();
    await page.mouse.move(plot!.x + plot!.width * 0.6, plot!.y + plot!.height / 2);
    // The readout follows the cursor on the next frame: wait for it to leave the last epoch.
    await expect.poll(async () => (await legend(page, 'chart-loss'))[0]).not.toBe('100');
    expect((await legend(page, 'chart-loss'))[0]).toMatch(/^\d+$/);
    await app.screenshot('run-outcome-did-not-learn');

    // The log: one Keras-like line per epoch.
    await page.getByTestId('log-toggle').click();
    const log = (await page.getByTestId('run-log').textContent())!.split('\n');
    expect(log).toHaveLength(100);
    expect(log[0]).toMatch(/^Epoch 1\/100 - \d+(ms|\.\ds) - loss: \d+\.\d{4} - accuracy: 0\.\d{4}$/);
    expect(log[99]).toMatch(/^Epoch 100\/100 - /);
    await page.getByTestId('log-toggle').click();

    // Saved and reopened, the project shows the same outcome, recomputed from its saved history.
    const message = await saveReloadAndOpen(page, () => page.getByTestId('run-outcome-message').textContent());
    await expect.poll(() => runStatus(page)).toBe('Done · Did not learn');
    expect(await outcomeKind(page)).toBe('did-not-learn');
    expect(await page.getByTestId('run-outcome-message').textContent()).toBe(message);
    expect(await page.getByTestId('status-run').textContent()).toBe('Last run: Did not learn');
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('10');

    // The remedy: RMSprop's default learning rate, applied as an undoable edit, then a fresh run.
    const remedy = page.getByTestId('remedy-0');
    expect(await remedy.getAttribute('data-remedy')).toBe('set-learning-rate');
    expect(await remedy.textContent()).toBe('Use RMSprop’s default learning rate (0.001)');
    await remedy.click();
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('0.001');
    await expect.poll(() => runStatus(page), { timeout: 120_000, interval: 300 }).toBe('Done · Learned');
    expect(await outcomeKind(page)).toBe('learned');
    expect(await page.getByTestId('status-run').textContent()).toBe('Last run: Learned');
    const accuracy = Number(await page.getByTestId('final-metrics').locator('[data-key="acc"]').getAttribute('data-value'));
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
    await app.screenshot('run-outcome-learned');

    // The remedy was one undo step.
    await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } }).catch(() => undefined);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('setting-learningRate').inputValue()).toBe('10');
  });

  it('unnormalised wine-like data did not learn; the normalise remedy (no re-import) trains it to learned', async () => {
    const { page } = app;
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(join(ROOT, 'test', 'fixtures', 'csv', 'wine-like.csv'));
    await page.getByTestId('csv-preview').waitFor();
    await page.getByTestId('csv-role-Class').selectOption('label');
    await page.getByTestId('csv-type-Class').selectOption('categorical');
    await page.getByTestId('csv-role-Proline').selectOption('feature');
    await page.getByTestId('csv-normalize').uncheck();
    await page.getByTestId('csv-class-labels').selectOption('onehot');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/178 rows · 13 feature columns → 13 inputs · 3 classes/);
    expect(await page.getByTestId('dataset-csv-normalize').isChecked()).toBe(false);

    await selectNode(page, 'input');
    await fill(page, 'param-shape', '13');
    await selectNode(page, 'hidden');
    await fill(page, 'param-units', '16');
    await selectNode(page, 'output');
    await fill(page, 'param-units', '3');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);

    await page.getByTestId('train-button').click();
    await expect.poll(() => runStatus(page), { timeout: 120_000, interval: 300 }).toMatch(/^Done/);
    // What the issue saw: one loss from epoch 1 on, reported as completed.
    expect(await outcomeKind(page)).toBe('did-not-learn');
    expect(await page.getByTestId('run-outcome-causes').textContent()).toMatch(/not normalised: “Proline” is around/);
    const remedy = page.getByTestId('remedy-0');
    expect(await remedy.getAttribute('data-remedy')).toBe('normalize-inputs');
    await app.screenshot('run-outcome-wine-raw');
    await remedy.click();
    expect(await page.getByTestId('dataset-csv-normalize').isChecked()).toBe(true);
    await expect.poll(() => runStatus(page), { timeout: 120_000, interval: 300 }).toBe('Done · Learned');
    const accuracy = Number(await page.getByTestId('final-metrics').locator('[data-key="acc"]').getAttribute('data-value'));
    expect(accuracy).toBeGreaterThan(0.9);
    await app.screenshot('run-outcome-wine-normalised');
    const message = await page.getByTestId('run-outcome-message').textContent();
    expect(message).toMatch(/chance level 0\.3989\)/);

    // Reopened in a fresh page, before the editor holds any of the file's rows: the same outcome
    // (chance is the largest class's share, 71 of 178 rows, not 1/3), and Predict reaches every row.
    await saveReloadAndOpen(page);
    await expect.poll(() => page.getByTestId('run-outcome-message').textContent()).toBe(message);
    await page.getByTestId('tab-predict').click();
    await page.getByTestId('predict-rows-input').fill('0, 177');
    await page.getByTestId('predict-rows-button').click();
    await expect.poll(() => page.getByTestId('predict-row-prediction').count()).toBe(2);
  });
});
