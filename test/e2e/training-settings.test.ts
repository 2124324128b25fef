import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { buildTutorialClassifier, fill, selectNode } from './editor-helpers';

// Issue 9: Keras defaults come with the optimizer, and invalid training settings refuse Train.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const status = (page: Page) => page.getByTestId('run-status').textContent();

describe('training settings', () => {
  it('the tutorial classifier, built with only the choices the tutorial names, learns (accuracy ≥ 0.75)', async () => {
    const { page } = app;
    await buildTutorialClassifier(page);
    // model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
    // model.fit(data, labels, epochs=100, batch_size=32): nothing else is typed, the learning rate included.
    await page.getByTestId('dataset-generator').selectOption('classification');
    await page.getByTestId('setting-optimizer').selectOption('rmsprop');
    await page.getByTestId('setting-loss').selectOption('categoricalCrossentropy');
    await page.getByTestId('setting-metrics-accuracy').check();
    await page.getByTestId('setting-metrics-mae').uncheck();
    await fill(page, 'setting-epochs', '100');
    await fill(page, 'setting-batchSize', '32');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);

    await page.getByTestId('train-button').click();
    await expect.poll(() => status(page), { timeout: 170_000, interval: 500 }).toMatch(/Done/);
    const acc = page.getByTestId('chart-acc');
    await expect.poll(() => acc.getAttribute('data-points')).toBe('100');
    const accuracy = Number(await acc.getAttribute('data-last-value'));
    console.log(`tutorial classifier from an empty canvas: final accuracy ${accuracy}, loss ${await page.getByTestId('chart-loss').getAttribute('data-last-loss')}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
    const first = Number(await page.getByTestId('chart-loss').getAttribute('data-first-loss'));
    const last = Number(await page.getByTestId('chart-loss').getAttribute('data-last-loss'));
    expect(last).toBeLessThan(first * 0.5);
    // It learned because choosing rmsprop brought Keras' default learning rate.
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('0.001');
    // And the run says so (issue 9's done-when): the outcome is `learned`.
    expect(await page.getByTestId('run-outcome').getAttribute('data-kind')).toBe('learned');
    await app.screenshot('training-settings-tutorial-learned');
  });

  it('the same model at learning rate 10 does not learn, and the remedy button trains it to learned', async () => {
    const { page } = app;
    await fill(page, 'setting-learningRate', '10');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => status(page), { timeout: 170_000, interval: 500 }).toMatch(/Done|Diverged/);
    expect(['did-not-learn', 'diverged']).toContain(await page.getByTestId('run-outcome').getAttribute('data-kind'));
    const remedy = page.getByTestId('remedy-0');
    expect(await remedy.getAttribute('data-remedy')).toBe('set-learning-rate');
    await remedy.click();
    await expect.poll(() => page.getByTestId('run-outcome').getAttribute('data-kind'), { timeout: 170_000, interval: 500 }).toBe('learned');
    expect(Number(await page.getByTestId('chart-acc').getAttribute('data-last-value'))).toBeGreaterThanOrEqual(0.75);
  });

  it('switching optimizer brings its Keras default learning rate unless one was typed', async () => {
    const { page } = app;
    const lr = () => page.getByTestId('setting-learningRate').inputValue();
    await page.getByTestId('setting-optimizer').selectOption('sgd');
    expect(await lr()).toBe('0.01');
    await page.getByTestId('setting-optimizer').selectOption('adam');
    expect(await lr()).toBe('0.001');
    await fill(page, 'setting-learningRate', '0.02');
    await page.getByTestId('setting-optimizer').selectOption('rmsprop');
    expect(await lr()).toBe('0.02');
    await fill(page, 'setting-learningRate', '0.001');
  });

  it('batch size 0 stays in the field, is counted in the status bar and refuses Train with the message', async () => {
    const { page } = app;
    const before = (await page.getByTestId('status-problems').textContent()) ?? '';
    expect(before).toMatch(/ 0 errors/);
    await fill(page, 'setting-batchSize', '0');
    const message = 'Batch size must be a whole number of at least 1; it is 0.';
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 1 error /);
    expect(await page.getByTestId('setting-batchSize').inputValue()).toBe('0');
    expect(await page.getByTestId('training-settings').textContent()).toContain(message);

    const pointsBefore = await page.getByTestId('chart-acc').getAttribute('data-points');
    await page.getByTestId('train-button').click();
    const problems = page.getByTestId('train-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(message);
    expect(await status(page)).toMatch(/Not trained/);
    // The refusal leaves the last run alone: its history, charts and model stay.
    expect(await page.getByTestId('chart-acc').getAttribute('data-points')).toBe(pointsBefore);
    expect(await page.getByTestId('predict-button').isEnabled()).toBe(true);
    await page.getByTestId('goto-setting-batchSize').click();
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('setting-batchSize');
    await app.screenshot('training-settings-batch-0-refused');

    // 1e9 epochs as well: both are listed.
    await fill(page, 'setting-epochs', '1e9');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 2 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => problems.textContent()).toContain('Epochs must be a whole number of at most 100000; it is 1000000000.');
    expect(await problems.textContent()).toContain(message);

    // In Chinese too.
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('training-settings').textContent()).toContain('必须是不小于 1 的整数；当前为 0。');
    await page.getByTestId('language-picker').selectOption('en');

    // Fixed, the list goes and the last run reads as before; then it trains.
    await fill(page, 'setting-batchSize', '32');
    await fill(page, 'setting-epochs', '3');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);
    await expect.poll(() => page.getByTestId('train-problems').count()).toBe(0);
    expect(await status(page)).toMatch(/^Done · Learned/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(/Done/);
    expect(await page.getByTestId('train-problems').count()).toBe(0);
  });

  it('the loss help explains the chosen loss and each metric has its own help, which does not toggle it (issue 10)', async () => {
    const { page } = app;
    await page.getByTestId('setting-loss').selectOption('sparseCategoricalCrossentropy');
    await expect.poll(() => page.getByTestId('help-setting-loss').textContent()).toMatch(/class number \(0, 1, 2, …\)/);
    await page.getByTestId('setting-loss').selectOption('huberLoss');
    await expect.poll(() => page.getByTestId('help-setting-loss').textContent()).toMatch(/keras\.losses\.Huber/);
    const accuracy = page.getByTestId('setting-metrics-accuracy');
    const before = await accuracy.isChecked();
    await page.getByTestId('help-setting-metrics-accuracy').click();
    expect(await page.getByTestId('help-setting-metrics-accuracy').textContent()).toMatch(/share of rows classified right/);
    expect(await accuracy.isChecked()).toBe(before);
    // The same for the optimizer's on/off field.
    await page.getByTestId('setting-optimizer').selectOption('momentum');
    const nesterov = page.getByTestId('setting-nesterov');
    const was = await nesterov.isChecked();
    await page.getByTestId('help-setting-nesterov').click();
    expect(await nesterov.isChecked()).toBe(was);
  });

  it('a loss that does not fit the labels is shown under the loss, with its fix (was only counted in the status bar)', async () => {
    const { page } = app;
    // The tutorial classifier's graph with a linear output and mean squared error: a regression loss on classes.
    await selectNode(page, 'n3');
    await page.getByTestId('param-activation').selectOption('linear');
    await page.getByTestId('setting-loss').selectOption('meanSquaredError');
    const problems = page.getByTestId('loss-problems');
    await expect.poll(() => problems.textContent()).toMatch(/is a loss for predicting numbers\. Crossentropy is the loss made for classes/);
    await problems.locator('.fix-button').first().click();
    await expect.poll(() => page.getByTestId('setting-loss').inputValue()).toBe('categoricalCrossentropy');
    await expect.poll(() => page.getByTestId('loss-problems').count()).toBe(0);
  });
});
