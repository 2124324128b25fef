import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15 "Done when": run the learning-rate finder and apply its suggestion. The "Find…" button
// beside the learning rate opens the dialog, the range test runs in the trainer, its curve and
// reason are shown, "Use …" sets the learning-rate field, and Undo puts the old rate back.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('learning-rate finder in the app', () => {
  it('runs on the circles template, applies its suggestion to the learning-rate field, and Undo restores the old rate', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'playground-circles');
    await expect.poll(() => page.getByTestId('setting-learningRate').inputValue()).toBe('0.03');

    await page.getByTestId('lr-finder-open').click();
    const dialog = page.getByTestId('lr-finder-dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/learning rate rises exponentially through the range below.*Optimizer: Adam/);
    expect(await page.getByTestId('lr-finder-current').textContent()).toBe('Learning rate now: 0.03');
    // fastai's range over 300 batches; a range that is not one is named before anything runs.
    expect([await page.getByTestId('lr-finder-start').inputValue(), await page.getByTestId('lr-finder-end').inputValue(), await page.getByTestId('lr-finder-steps').inputValue()]).toEqual(['1e-7', '10', '300']);
    await page.getByTestId('lr-finder-end').fill('1e-8');
    expect(await page.getByTestId('lr-finder-range-problem').textContent()).toBe('To (1e-8) must be above From (1e-7).');
    expect(await page.getByTestId('lr-finder-run').isDisabled()).toBe(true);
    await page.getByTestId('lr-finder-steps').fill('5');
    await page.getByTestId('lr-finder-end').fill('10');
    expect(await page.getByTestId('lr-finder-range-problem').textContent()).toBe('Batches: expected a whole number from 10 to 1000, got “5”.');
    await page.getByTestId('lr-finder-steps').fill('300');
    await expect.poll(() => page.getByTestId('lr-finder-range-problem').count()).toBe(0);
    await page.getByTestId('lr-finder-run').click();
    const use = page.getByTestId('lr-finder-use');
    await use.waitFor({ timeout: 120_000 });

    const chart = page.getByTestId('lr-finder-chart');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(200);
    expect(Number(await chart.getAttribute('data-first-lr'))).toBe(1e-7);
    // uPlot drew the curves: its canvas is there and sized.
    expect(await chart.locator('canvas').count()).toBe(1);
    const suggested = Number(await chart.getAttribute('data-suggested'));
    expect(suggested).toBeGreaterThan(1e-7);
    expect(suggested).toBeLessThan(10);

    const reason = (await page.getByTestId('lr-finder-reason').textContent()) ?? '';
    const shown = /A tenth of that, (\S+), is where the loss is still falling fast/.exec(reason);
    expect(shown, reason).not.toBeNull();
    // The rate the reason names is the one the button sets.
    expect(await use.textContent()).toBe(`Use ${shown![1]}`);
    expect(Number(shown![1])).toBeCloseTo(suggested, 12);
    expect(await page.getByTestId('lr-finder-summary').textContent()).toMatch(/^Batches trained: \d+ of 300 \(16 rows each\)/);
    await app.screenshot('lr-finder');

    await use.click();
    await expect.poll(() => page.getByTestId('lr-finder-used').textContent()).toBe(`The learning rate is now ${shown![1]} (Undo: Ctrl/Cmd+Z).`);
    await page.getByTestId('lr-finder-close').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(Number(await page.getByTestId('setting-learningRate').inputValue())).toBe(suggested);

    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('setting-learningRate').inputValue()).toBe('0.03');
  });

  it('shows its progress and can be stopped, keeping the curve so far', async () => {
    const { page } = app;
    await loadTemplate(page, 'digits-cnn');
    await page.getByTestId('lr-finder-open').click();
    await page.getByTestId('lr-finder-steps').fill('1000');
    await page.getByTestId('lr-finder-run').click();
    await expect.poll(() => page.getByTestId('lr-finder-running').textContent(), { timeout: 60_000, interval: 50 }).toMatch(/^ ?Batch \d+ of 1000: learning rate \S+, smoothed loss \d+\.\d{4}$/);
    await page.getByTestId('lr-finder-stop').click();
    await expect.poll(() => page.getByTestId('lr-finder-stopped').textContent(), { timeout: 60_000 }).toMatch(/^You stopped the test at batch \d+ of 1000\.$/);
    const stoppedAt = Number(/batch (\d+)/.exec((await page.getByTestId('lr-finder-stopped').textContent())!)![1]);
    expect(Number(await page.getByTestId('lr-finder-chart').getAttribute('data-points'))).toBe(stoppedAt);
    await page.getByTestId('lr-finder-close').click();
  });

  it('says plainly why the finder cannot run on an invalid model', async () => {
    const { page } = app;
    await loadTemplate(page, 'playground-circles');
    // The Input's shape no longer fits the data's two features.
    await page.getByTestId('node-input').locator('.layer-node-type').click();
    await page.getByTestId('param-shape').fill('3');
    await page.getByTestId('param-shape').blur();
    await page.getByTestId('lr-finder-open').click();
    await page.getByTestId('lr-finder-run').click();
    await expect.poll(() => page.getByTestId('lr-finder-error').textContent(), { timeout: 60_000 }).toMatch(/^The learning-rate finder could not run: The model cannot be trained: .+/);
    expect(await page.getByTestId('lr-finder-use').count()).toBe(0);
    await page.getByTestId('lr-finder-close').click();
  });
});
