import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15 "Done when": early stopping restores the best epoch. The settings group turns it on,
// a monitor the run will not log is named before Train, and the run panel says where the run
// stopped and which epoch's weights it kept.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('early stopping in the app', () => {
  it('refuses val_loss without a validation split, then stops after epoch 2 and keeps the best epoch', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-validationSplit', '0');
    await page.getByTestId('setting-early-stopping').check();
    // No validation rows: the panel proposes loss; choosing val_loss is named as a problem.
    expect(await page.getByTestId('setting-early-stopping-monitor').inputValue()).toBe('loss');
    await fill(page, 'setting-validationSplit', '0.2');
    await page.getByTestId('setting-early-stopping-monitor').selectOption('val_loss');
    await fill(page, 'setting-validationSplit', '0');
    await expect.poll(() => page.getByTestId('early-stopping').textContent()).toMatch(/must name a log this run records \(loss, accuracy\); it is "val_loss"/);
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/1 error/);

    await fill(page, 'setting-validationSplit', '0.2');
    await fill(page, 'setting-early-stopping-patience', '0');
    // min_delta 10: nothing improves on the first epoch by that much, so Keras stops after epoch 2.
    await fill(page, 'setting-early-stopping-minDelta', '10');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-early-stopping').textContent(), { timeout: 120_000, interval: 300 }).toMatch(
      /^Early stopping: val_loss stopped improving, so training stopped after epoch 2 of \d+; best val_loss \d+\.\d+ at epoch 1\. Kept the weights of epoch 1 \(the best\)\.$/,
    );
    await app.screenshot('early-stopping-run');
  });
});
