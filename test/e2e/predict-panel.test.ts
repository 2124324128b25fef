import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { fill, loadTemplate } from './editor-helpers';

// Issue 9, the predict panel: every one of the tutorial classifier's 100 features is reachable
// (no "the other 36 features are 0"), dataset rows are predicted by index with the true label
// beside each prediction (the Keras tutorial predicts rows 0 and 1), and another project or model
// starts with fresh values.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('predict panel', () => {
  it('reaches all 100 features, predicts rows 0 and 1 with their true labels, and starts fresh in another project', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-epochs', '2');
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/Done/);

    await page.getByTestId('tab-predict').click();
    const panel = page.getByTestId('predict-panel');
    expect(await page.getByTestId('predict-feature-count').textContent()).toBe('Features: 100');
    expect(await page.getByTestId('predict-inputs').locator('input').count()).toBe(100);
    expect(await panel.textContent()).not.toMatch(/other \d+ features/);
    // The last feature can be scrolled to and typed into.
    await page.getByTestId('predict-input-99').scrollIntoViewIfNeeded();
    await page.getByTestId('predict-input-99').fill('0.75');
    expect(await page.getByTestId('predict-input-99').inputValue()).toBe('0.75');
    // And found by name.
    await page.getByTestId('predict-filter').fill('x99');
    expect(await page.getByTestId('predict-inputs').locator('input').count()).toBe(1);
    await page.getByTestId('predict-filter').fill('');

    // Rows 0 and 1 of the dataset, as the tutorial predicts them, each with its true label.
    await page.getByTestId('predict-rows-input').fill('0, 1');
    await page.getByTestId('predict-rows-button').click();
    const table = page.getByTestId('predict-rows-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['0', '1']);
    const truths = await table.getByTestId('predict-row-truth').allTextContents();
    expect(truths).toHaveLength(2);
    for (const truth of truths) expect(truth).toMatch(/^\d$/);
    const predictions = await table.getByTestId('predict-row-prediction').allTextContents();
    for (const p of predictions) expect(p).toMatch(/\(\d+\.\d%\)$/);
    await app.screenshot('predict-rows');

    // "Use a data row" then Predict gives the same answer as predicting that row by index, and names its true label.
    await page.getByTestId('predict-sample').click();
    const row = await page.getByTestId('predict-rows-input').inputValue();
    expect(row).toMatch(/^\d+$/);
    await page.getByTestId('predict-button').click();
    await page.getByTestId('predict-truth').waitFor();
    const best = page.getByTestId('predict-output').locator('.class-bar.best');
    const bestText = `${await best.locator('.class-name').textContent()} (${await best.locator('.pct').textContent()})`;
    await page.getByTestId('predict-rows-button').click();
    await expect.poll(() => table.locator('tbody tr').getAttribute('data-row')).toBe(row);
    const [rowPrediction] = await table.getByTestId('predict-row-prediction').allTextContents();
    const [rowTruth] = await table.getByTestId('predict-row-truth').allTextContents();
    expect(rowPrediction).toBe(bestText);
    expect(await page.getByTestId('predict-truth').textContent()).toContain(rowTruth);

    // Another project: fresh values, its own features.
    await page.getByTestId('predict-input-0').fill('5');
    page.once('dialog', (dialog) => void dialog.accept());
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.getByTestId('predict-feature-count').textContent()).toBe('Features: 1');
    expect(await page.getByTestId('predict-input-0').inputValue()).toBe('0');
    expect(await page.getByTestId('predict-rows-table').count()).toBe(0);
  });
});
