import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fill, loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 10, renderer state: "has a trained model" was computed four ways (Predict, model export,
// the Data panel's fit and its results) that disagreed after a divergence. Now one selector
// answers for all of them, and after a diverged run the UI says which weights it uses, if any.
// The regression template also shows the fitted curve and the predicted-against-true plot, both
// drawn by uPlot.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const runStatus = (page: Page) => page.getByTestId('run-status').textContent();
const outcomeKind = (page: Page) => page.getByTestId('run-outcome').getAttribute('data-kind');

async function trainRegression(page: Page, settings: Record<string, string>): Promise<void> {
  await loadTemplate(page, 'keras-tutorial-regression');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
  for (const [testId, value] of Object.entries(settings)) await fill(page, testId, value);
  await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
  await page.getByTestId('train-button').click();
  await expect.poll(() => runStatus(page), { timeout: 120_000, interval: 300 }).toMatch(/^(Done|Stopped)/);
}

describe('the trained model in the Data and Predict panels', () => {
  it('draws the regression template’s fitted curve over its points and its predictions against the truth', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await trainRegression(page, { 'setting-epochs': '40' });
    expect(await outcomeKind(page)).not.toBe('diverged');
    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-plot').click();
    const scatter = page.getByTestId('data-scatter');
    await expect.poll(() => scatter.getAttribute('data-fit'), { timeout: 30_000 }).toBe('curve');
    // uPlot draws it: one canvas with the points and the curve, axes with numbers.
    expect(await scatter.locator('canvas').count()).toBe(1);
    expect(await scatter.locator('.u-axis').count()).toBe(2);
    expect(await page.getByTestId('trained-model-note').count()).toBe(0);
    await app.screenshot('data-regression-curve');

    await page.getByTestId('data-view-results').click();
    const pvt = page.getByTestId('predicted-vs-true');
    await pvt.waitFor({ timeout: 30_000 });
    const rows = Number((await page.getByTestId('data-panel').locator('.data-facts').textContent())!.match(/^([\d,]+) rows/)![1].replace(/,/g, ''));
    expect(Number(await pvt.getAttribute('data-points'))).toBe(rows);
    expect(Number(await page.getByTestId('regression-rmse').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await pvt.locator('canvas').count()).toBe(1);
    await app.screenshot('data-regression-results');
  });

  it('a run whose loss rose for epochs before it diverged offers no model: Predict, export and the Data views all say why', async () => {
    const { page } = app;
    // SGD at learning rate 10 on noisy linear data grows without bound over a few epochs.
    await trainRegression(page, { 'setting-learningRate': '10', 'dataset-noise': '10', 'dataset-samples': '100' });
    expect(await outcomeKind(page)).toBe('diverged');
    const progress = Number(await page.getByTestId('progress').getAttribute('value'));
    expect(progress).toBeGreaterThan(0);

    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-plot').click();
    const note = page.getByTestId('trained-model-note');
    expect(await note.getAttribute('data-reason')).toBe('loss-rose');
    expect(await note.textContent()).toContain(`(epoch ${progress})`);
    expect(await page.getByTestId('data-scatter').getAttribute('data-fit')).toBe('none');
    await page.getByTestId('data-view-results').click();
    expect(await page.getByTestId('data-panel').textContent()).toMatch(/Train a model/);
    await app.screenshot('data-diverged-loss-rose');

    await page.getByTestId('tab-predict').click();
    expect(await page.getByTestId('predict-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('trained-model-note').getAttribute('data-reason')).toBe('loss-rose');
    expect(await page.getByTestId('export-model-json').isDisabled()).toBe(true);
    // Weights not worth using do not become the document's trained model either.
    expect(await page.getByTestId('trained-status').getAttribute('data-state')).toBe('untrained');
  });

  it('Keep training that diverges at once keeps the saved weights, and Predict, export and every Data view use them', async () => {
    const { page } = app;
    await trainRegression(page, { 'setting-epochs': '40' });
    expect(await outcomeKind(page)).toBe('learned');
    // Settings only: the saved weights still fit, so Keep training resumes from them.
    await fill(page, 'setting-learningRate', '10');
    await fill(page, 'setting-batchSize', '1');
    await page.getByTestId('keep-training-button').click();
    await expect.poll(() => outcomeKind(page), { timeout: 120_000, interval: 300 }).toBe('diverged');

    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-plot').click();
    const note = page.getByTestId('trained-model-note');
    expect(await note.getAttribute('data-state')).toBe('last-good');
    expect(await note.textContent()).toMatch(/saved weights/);
    await expect.poll(() => page.getByTestId('data-scatter').getAttribute('data-fit'), { timeout: 30_000 }).toBe('curve');
    await page.getByTestId('data-view-results').click();
    await page.getByTestId('predicted-vs-true').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('regression-rmse').getAttribute('data-value'))).toBeLessThan(1);
    await app.screenshot('data-diverged-last-good');

    await page.getByTestId('tab-predict').click();
    expect(await page.getByTestId('predict-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('trained-model-note').getAttribute('data-state')).toBe('last-good');
    expect(await page.getByTestId('export-model-json').isDisabled()).toBe(false);
  });

  it('a run that diverges in its first epoch has no usable model: Predict, export and the Data views all say so', async () => {
    const { page } = app;
    // One row per batch: the weights overflow long before the first epoch ends.
    await trainRegression(page, { 'setting-learningRate': '10', 'setting-batchSize': '1' });
    expect(await outcomeKind(page)).toBe('diverged');
    expect(Number(await page.getByTestId('progress').getAttribute('value'))).toBe(0);

    await page.getByTestId('tab-predict').click();
    expect(await page.getByTestId('predict-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('trained-model-note').getAttribute('data-state')).toBe('unusable');
    expect(await page.getByTestId('export-model-json').isDisabled()).toBe(true);
    expect(await page.getByTestId('trained-status').getAttribute('data-state')).toBe('untrained');

    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-plot').click();
    expect(await page.getByTestId('trained-model-note').getAttribute('data-state')).toBe('unusable');
    expect(await page.getByTestId('data-scatter').getAttribute('data-fit')).toBe('none');
    await page.getByTestId('data-view-results').click();
    expect(await page.getByTestId('data-panel').textContent()).toMatch(/Train a model/);
    expect(await page.getByTestId('data-results').count()).toBe(0);
    await app.screenshot('data-diverged-unusable');
  });
});
