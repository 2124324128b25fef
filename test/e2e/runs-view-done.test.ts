import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fill, loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15 "Done when", through the Runs view: train three runs with different settings, overlay
// them (three lines, the legend naming what differs from the first), restore the second one from
// the table and predict with its weights — the same prediction as right after it trained.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

async function train(page: Page, runs: number): Promise<void> {
  await page.getByTestId('train-button').click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
  // The run is in the table once it is recorded (its weights kept in main).
  await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(runs));
}

async function predictOne(page: Page): Promise<string> {
  await page.getByTestId('tab-predict').click();
  await fill(page, 'predict-input-0', '1');
  const before = await page.getByTestId('predict-output').textContent();
  await page.getByTestId('predict-button').click();
  await expect.poll(() => page.getByTestId('predict-output').textContent()).not.toBe(before);
  return (await page.getByTestId('predict-output').textContent()) ?? '';
}

describe('runs view: three runs, overlaid, the second restored', () => {
  it('overlays three trained runs with their differences and restores the second, which predicts as right after it trained', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);

    await fill(page, 'setting-epochs', '5');
    await train(page, 1);
    await fill(page, 'setting-epochs', '12');
    await train(page, 2);
    const afterSecond = await predictOne(page);
    expect(afterSecond).toMatch(/\d/);
    // Keep run 2's weights whichever run ends up best (the keep policy drops the others' for good).
    await page.getByTestId('tab-runs').click();
    await page.getByTestId('run-row-2').getByTestId('run-pin').click();
    await expect.poll(() => page.getByTestId('run-row-2').getByTestId('run-weights').getAttribute('data-kept')).toBe('true');
    await page.getByTestId('tab-run').click();
    await fill(page, 'setting-epochs', '20');
    await fill(page, 'setting-learningRate', '0.05');
    await train(page, 3);
    expect(await predictOne(page)).not.toBe(afterSecond);

    await page.getByTestId('tab-runs').click();
    for (const n of [1, 2, 3]) expect(await page.getByTestId(`run-row-${n}`).locator('[data-col="run:status"]').textContent()).toBe('Completed');
    expect(await page.getByTestId('run-row-2').getByTestId('run-weights').getAttribute('data-kept')).toBe('true');
    expect(await page.getByTestId('run-row-1').getByTestId('run-weights').getAttribute('data-kept')).toBe('false');

    for (const n of [1, 2, 3]) await page.getByTestId(`run-select-${n}`).check();
    const overlay = page.getByTestId('runs-overlay');
    await expect.poll(() => overlay.getAttribute('data-series')).toBe('3');
    // The regression template logs no validation: the overlay shows the loss, 5 + 12 + 20 epochs of it.
    expect(await overlay.getAttribute('data-metric')).toBe('loss');
    expect(await overlay.getAttribute('data-points')).toBe(String(5 + 12 + 20));
    expect((await page.getByTestId('runs-legend-2').textContent())?.trim()).toBe('Run 2 Epochs 5 → 12');
    expect((await page.getByTestId('runs-legend-3').textContent())?.trim()).toBe('Run 3 Epochs 5 → 20; Learning rate 0.01 → 0.05');
    // Against seconds too: every recorded epoch has its time.
    await page.getByTestId('runs-axis').selectOption('seconds');
    await expect.poll(() => overlay.getAttribute('data-axis')).toBe('seconds');
    expect(await overlay.getAttribute('data-series')).toBe('3');
    await app.screenshot('runs-view-three-runs');

    await page.getByTestId('run-row-2').getByTestId('run-restore').click();
    await expect.poll(() => page.getByTestId('setting-epochs').inputValue()).toBe('12');
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('0.01');
    await expect.poll(() => page.getByTestId('tab-run').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/Done/);
    expect(await predictOne(page)).toBe(afterSecond);
  });
});
