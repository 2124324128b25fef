import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { fill, flowerRows, loadTemplate, selectNode } from './editor-helpers';

// Issue 4's CSV journey in the browser host: a small iris-like CSV made here is uploaded from the
// page, previewed, given roles, imported with a progress bar, trained on, and used to predict
// with the class names from the file. A broken file shows its line and column.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-csv-'));

function irisLike(): string {
  const lines = ['row_id;sepal length;sepal width;petal length;petal width;species', ...flowerRows(3).map((r) => [r.id, ...r.values, r.species].join(';'))];
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('CSV import', () => {
  it('imports a CSV with roles, trains a classifier on it and predicts with class names', async () => {
    const { page } = app;
    const file = join(dir, 'flowers.csv');
    writeFileSync(file, irisLike());
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);

    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-delimiter').inputValue()).toBe(';');
    expect(await page.getByTestId('csv-header').isChecked()).toBe(true);
    expect(await page.getByTestId('csv-role-species').inputValue()).toBe('label');
    expect(await page.getByTestId('csv-type-species').inputValue()).toBe('categorical');
    // Issue 12: the row number is named like an identifier, so it is ignored, and says why.
    expect(await page.getByTestId('csv-role-row_id').inputValue()).toBe('ignored');
    await page.locator('[data-testid="csv-decisions"] li[data-kind="id-column"][data-column="row_id"]').waitFor();
    expect(await page.getByTestId('csv-role-sepal length').inputValue()).toBe('feature');
    await page.getByTestId('csv-normalize').check();
    await page.getByTestId('csv-class-labels').selectOption('onehot');
    expect(Number(await page.getByTestId('csv-progress').getAttribute('value'))).toBeGreaterThan(0);
    await app.screenshot('data-csv-preview');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/flowers\.csv · 150 rows · 4 feature columns → 4 inputs · 3 classes \(setosa, versicolor, virginica\)/);

    // Validation now uses the CSV's shape: 4 inputs and 3 classes.
    await selectNode(page, 'input');
    await fill(page, 'param-shape', '4');
    await selectNode(page, 'hidden');
    await fill(page, 'param-units', '16');
    await selectNode(page, 'output');
    await fill(page, 'param-units', '5');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/[1-9]\d* errors?/);
    await fill(page, 'param-units', '3');
    await page.getByTestId('setting-optimizer').selectOption('adam');
    await fill(page, 'setting-learningRate', '0.03');
    await fill(page, 'setting-epochs', '40');
    await fill(page, 'setting-batchSize', '16');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);

    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);

    await page.getByTestId('tab-predict').click();
    // A virginica-like flower, typed raw: prediction applies the stored z-score.
    const values = ['6.7', '3.0', '5.7', '2.1'];
    for (let i = 0; i < values.length; i++) await page.getByTestId(`predict-input-${i}`).fill(values[i]);
    await page.getByTestId('predict-button').click();
    const bars = page.getByTestId('predict-output').locator('.class-bar');
    await expect.poll(() => bars.count()).toBe(3);
    expect(await bars.locator('.class-name').allTextContents()).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(await page.getByTestId('predict-output').locator('.class-bar.best .class-name').textContent()).toBe('virginica');
    await app.screenshot('data-csv-predicted');

    // Issue 9: the exported model takes raw rows too (the z-score is folded into the first Dense layer), and the toast says so.
    const downloads: string[] = [];
    const onDownload = (d: { suggestedFilename(): string }) => downloads.push(d.suggestedFilename());
    page.on('download', onDownload);
    await page.getByTestId('export-model-json').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toMatch(/normalisation is built into the first layer \(dense_hidden\): model\.json takes raw rows/);
    await expect.poll(() => [...downloads].sort()).toEqual(['model.json', 'weights.bin']);
    page.off('download', onDownload);
  });

  it('shows a bad file’s line and column and keeps the dialog usable', async () => {
    const { page } = app;
    const lines = ['a,b,label', ...Array.from({ length: 30 }, (_, i) => `${i},${i * 2},${i % 2 ? 'x' : 'y'}`)];
    lines[25] = '24,oops,x';
    const file = join(dir, 'broken.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    // One word among numbers makes the preview call the column text; the user says it holds numbers.
    expect(await page.getByTestId('csv-type-b').inputValue()).toBe('categorical');
    await page.getByTestId('csv-type-b').selectOption('numeric');
    // All 30 values differ, so the preview took it for an identifier and ignored it.
    expect(await page.getByTestId('csv-role-b').inputValue()).toBe('ignored');
    await page.getByTestId('csv-role-b').selectOption('feature');
    await page.getByTestId('csv-import').click();
    const error = page.getByTestId('csv-error');
    await expect.poll(() => error.textContent()).toContain("Line 26, column 'b': expected a number, got 'oops'");
    expect(await error.getAttribute('data-line')).toBe('26');
    expect(await page.getByTestId('csv-import').isDisabled()).toBe(false);
    await app.screenshot('data-csv-error');
    await page.getByTestId('csv-cancel').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
  });
});
