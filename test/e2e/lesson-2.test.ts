/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { buildTutorialClassifier, fill } from './editor-helpers';

// Issue 16, guided lessons: "Example 2: 10 classes" in English, opened from the start panel; the
// tutorial classifier is built with the mouse and the inspector (the editor's shared gestures),
// and each step of the panel turns done by the app's state as the gestures go.

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('lesson 2 (issue 16)', () => {
  it('advances through data, the three layers, the settings and a real run', async () => {
    const { page } = app;
    const panel = page.getByTestId('lesson-panel');
    const stepId = () => panel.getAttribute('data-step');
    await page.getByTestId('palette-Input').waitFor();
    await page.getByTestId('lesson-card-ten-classes').click();
    await expect.poll(stepId).toBe('intro');
    expect(await page.getByTestId('lesson-step-count').textContent()).toBe('Step 1 of 11');
    await page.getByTestId('lesson-next').click();

    await expect.poll(stepId).toBe('data');
    await page.getByTestId('lesson-concept-one-hot').click();
    expect(await page.getByTestId('lesson-card').textContent()).toContain('to_categorical');
    await page.getByTestId('dataset-generator').selectOption('classification');
    await expect.poll(stepId).toBe('input');

    // The helper drops Input, Dense, Dense, connects them and sets units and activations: the
    // panel follows, step by step, as each part of the model comes true.
    await buildTutorialClassifier(page);
    await expect.poll(stepId).toBe('optimizer');
    expect(await page.getByTestId('lesson-step-status').textContent()).toContain('Done');
    await page.getByTestId('lesson-next').click();
    await expect.poll(stepId).toBe('loss');
    await page.getByTestId('setting-loss').selectOption('categoricalCrossentropy');
    await expect.poll(stepId).toBe('metrics');
    // Accuracy beside the new project's mae is not the tutorial's metrics=['accuracy']: the step waits.
    await page.getByTestId('setting-metrics-accuracy').check();
    expect(await page.getByTestId('lesson-step-status').textContent()).toContain('Waiting');
    expect(await stepId()).toBe('metrics');
    await page.getByTestId('setting-metrics-mae').uncheck();
    await expect.poll(stepId).toBe('epochs');
    // Undoing an earlier step moves the lesson back to it; redoing brings the learner forward again.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(stepId).toBe('metrics');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(stepId).toBe('epochs');
    await fill(page, 'setting-epochs', '10');
    await expect.poll(stepId).toBe('train');
    await page.getByTestId('train-button').click();
    await expect.poll(stepId, { timeout: 150_000, interval: 300 }).toBe('done');
    expect(await page.getByTestId('run-status').getAttribute('class')).toMatch(/status-done/);
    await page.getByTestId('lesson-finish').click();
    await expect.poll(() => panel.count()).toBe(0);
  });
});
