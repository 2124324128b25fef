import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15 callbacks in the app: the Callbacks group beside early stopping refuses a schedule
// together with reduce-on-plateau (named on the field), and a run with reduce-on-plateau and
// keep-best logs learning_rate (its own chart) and says in the run panel what both did.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('callbacks in the app', () => {
  it('names a schedule with reduce-on-plateau as a problem; trains with reduce-on-plateau and keep best and reports both', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'playground-circles');
    // The template loads asynchronously: edit its settings only once it is there.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-epochs', '5');
    await page.getByTestId('setting-reduce-lr').check();
    expect(await page.getByTestId('setting-reduceLrOnPlateau-monitor').inputValue()).toBe('val_loss');
    await page.getByTestId('setting-lrSchedule-kind').selectOption('cosine');
    await expect.poll(() => page.getByTestId('callbacks').textContent()).toMatch(/Learning-rate schedule cannot be used together with reduce learning rate on plateau/);
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/1 error/);
    // Train is refused with the problem, whose link puts the cursor on the field.
    await page.getByTestId('train-button').click();
    await page.getByTestId('goto-setting-lrSchedule.kind').click();
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('setting-lrSchedule-kind');
    await page.getByTestId('setting-lrSchedule-kind').selectOption('none');
    await page.getByTestId('setting-reduceLrOnPlateau-monitor').selectOption('loss');
    await fill(page, 'setting-reduceLrOnPlateau-factor', '0.5');
    await fill(page, 'setting-reduceLrOnPlateau-patience', '0');
    // min_delta 100: no epoch after the first improves, so the rate halves after epochs 2 to 5.
    await fill(page, 'setting-reduceLrOnPlateau-minDelta', '100');
    await page.getByTestId('setting-keep-best').check();
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    expect(await page.getByTestId('setting-epochs').inputValue()).toBe('5');
    expect(await page.getByTestId('setting-reduceLrOnPlateau-minDelta').inputValue()).toBe('100');

    await page.getByTestId('train-button').click();
    await page.getByTestId('run-reduce-lr').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('run-reduce-lr').textContent()).toMatch(
      /^Reduce LR on plateau \(loss\): lowered the learning rate 4 time\(s\), after epoch\(s\) 2, 3, 4, 5, to [\d.e-]+\.$/,
    );
    await expect.poll(() => page.getByTestId('run-keep-best').textContent()).toMatch(/^Keep best \(val_loss\): the model holds the weights of epoch [1-5] \(val_loss \d+\.\d+\)\.$/);
    await expect.poll(() => page.getByTestId('chart-learning_rate').count()).toBe(1);
    await app.screenshot('callbacks-run');
  });
});
