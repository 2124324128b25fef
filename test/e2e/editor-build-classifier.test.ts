import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { buildTutorialClassifier, fill } from './editor-helpers';

// Issue 5's main journey: the Keras tutorial classifier built from an empty canvas by drag and
// drop and the inspector only, trained with live charts, stopped midway, and used to predict.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const status = (page: Page) => page.getByTestId('run-status').textContent();
const points = async (page: Page) => Number((await page.getByTestId('chart-loss').getAttribute('data-points')) ?? 0);
const progress = async (page: Page) => Number((await page.getByTestId('progress').getAttribute('value')) ?? 0);

/** Samples the charts and the progress bar while a run goes on, to see them move rather than jump to the end. */
async function watchRun(page: Page, until: RegExp): Promise<{ points: Set<number>; progress: Set<number> }> {
  const seen = { points: new Set<number>(), progress: new Set<number>() };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const text = (await status(page)) ?? '';
    seen.points.add(await points(page));
    seen.progress.add(await progress(page));
    if (until.test(text)) return seen;
    await page.waitForTimeout(100);
  }
  throw new Error(`run-status never matched ${until}; last seen: ${await status(page)}`);
}

describe('building the tutorial classifier', () => {
  it('builds it by drag and drop, trains with live charts, stops a run, and predicts', async () => {
    const { page } = app;
    await buildTutorialClassifier(page);

    await page.getByTestId('dataset-generator').selectOption('classification');
    await page.getByTestId('setting-loss').selectOption('categoricalCrossentropy');
    await page.getByTestId('setting-optimizer').selectOption('rmsprop');
    await fill(page, 'setting-learningRate', '0.001');
    await page.getByTestId('setting-metrics-accuracy').check();
    await page.getByTestId('setting-metrics-mae').uncheck();
    await fill(page, 'setting-epochs', '60');
    await fill(page, 'setting-validationSplit', '0');

    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    expect(await page.getByTestId('node-n3').textContent()).toContain('(None, 10)');
    expect(await page.getByTestId('node-n2').textContent()).toContain('10,100');
    await app.screenshot('build-classifier-built');

    await page.getByTestId('train-button').click();
    const seen = await watchRun(page, /Done/);
    // The charts and the bar moved through intermediate values, not straight from empty to full.
    expect([...seen.points].filter((n) => n > 0 && n < 60).length).toBeGreaterThan(1);
    expect([...seen.progress].filter((n) => n > 0 && n < 60).length).toBeGreaterThan(1);
    expect(await points(page)).toBe(60);
    const acc = page.getByTestId('chart-acc');
    await acc.waitFor();
    expect(Number(await acc.getAttribute('data-points'))).toBe(60);
    const first = Number(await page.getByTestId('chart-loss').getAttribute('data-first-loss'));
    const last = Number(await page.getByTestId('chart-loss').getAttribute('data-last-loss'));
    expect(last).toBeLessThan(first);
    await app.screenshot('build-classifier-trained');

    await page.getByTestId('tab-predict').click();
    await page.getByTestId('predict-sample').click();
    expect(Number(await page.getByTestId('predict-input-0').inputValue())).not.toBeNaN();
    await page.getByTestId('predict-button').click();
    const bars = page.getByTestId('predict-output').locator('.class-bar');
    await expect.poll(() => bars.count()).toBe(10);
    const probabilities = await bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    await app.screenshot('build-classifier-predicted');

    // A long run, stopped midway.
    await fill(page, 'setting-epochs', '5000');
    await page.getByTestId('train-button').click();
    await expect.poll(() => points(page), { timeout: 60_000, interval: 100 }).toBeGreaterThan(2);
    await page.getByTestId('stop-button').click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/Stopped/);
    const stoppedAt = await progress(page);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(5000);
    expect(await page.getByTestId('stop-button').isDisabled()).toBe(true);
    await app.screenshot('build-classifier-stopped');
  });
});
