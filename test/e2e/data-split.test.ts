import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { fill, loadTemplate, selectNode } from './editor-helpers';

// Issue 9 in the browser host: the sorted wine-like fixture is imported (its numeric class column
// proposed as classes, with one click to switch), Keras' last-rows split is flagged on the
// validation split, and the one-click fix switches to stratified (undoable).

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-split-'));

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('validation you can believe', () => {
  it('flags a file sorted by class under the last-rows split and fixes it in one click', async () => {
    const { page } = app;
    const file = join(dir, 'wine-sorted.csv');
    copyFileSync(resolve(__dirname, '../fixtures/csv/wine-sorted.csv'), file);
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');

    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-type-class').inputValue()).toBe('categorical');
    await expect.poll(() => page.getByTestId('csv-label-classes').textContent()).toMatch(/“class” holds only 1, 2, 3/);
    await page.getByTestId('csv-label-switch').click();
    expect(await page.getByTestId('csv-type-class').inputValue()).toBe('numeric');
    await page.getByTestId('csv-label-switch').click();
    expect(await page.getByTestId('csv-type-class').inputValue()).toBe('categorical');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });

    // New work holds out shuffled rows: nothing to warn about.
    expect(await page.getByTestId('setting-splitMode').inputValue()).toBe('shuffle');
    expect(await page.getByTestId('split-problem-split-sorted-file').count()).toBe(0);

    // The tutorial template trains on every row; hold out 20%, the last rows as Keras does.
    await fill(page, 'setting-validationSplit', '0.2');
    await page.getByTestId('setting-splitMode').selectOption('end');
    const warning = page.getByTestId('split-problem-split-sorted-file');
    await expect.poll(() => warning.textContent()).toMatch(/look sorted by the label: the labels form 3 runs/);
    await app.screenshot('split-sorted-warning');
    await warning.getByTestId('fix-set-split-mode:stratified').click();
    expect(await page.getByTestId('setting-splitMode').inputValue()).toBe('stratified');
    await expect.poll(() => warning.count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('setting-splitMode').inputValue()).toBe('end');

    // A held-out test split: trained with the model fitted to the file, its numbers are shown apart from validation.
    await page.getByTestId('setting-splitMode').selectOption('stratified');
    await fill(page, 'setting-testSplit', '0.2');
    await selectNode(page, 'input');
    await fill(page, 'param-shape', '4');
    await selectNode(page, 'output');
    await fill(page, 'param-units', '3');
    await fill(page, 'setting-epochs', '30');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
    await expect.poll(() => page.getByTestId('split-test-result').textContent(), { timeout: 30_000 }).toMatch(/test_loss \d\.\d+ · test_acc \d\.\d+/);
    await app.screenshot('split-test-result');
  });
});
