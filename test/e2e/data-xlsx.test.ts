import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type App } from './harness';
import { fill, loadTemplate, selectNode } from './editor-helpers';

// Issue 12 (xlsx): an Excel workbook with two sheets (written by openpyxl, see
// test/fixtures/xlsx/make-two-sheets.py) is uploaded from the page; the dialog offers its sheets,
// previews the chosen one and imports it into the project.

let app: App;
const WORKBOOK = join(ROOT, 'test', 'fixtures', 'xlsx', 'two-sheets.xlsx');

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('Excel workbook import', () => {
  it('lists the sheets, previews the chosen one, imports it, and the trainer trains on it', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.getByTestId('dataset-import-csv').click();
    expect(await page.getByTestId('csv-file-input').getAttribute('accept')).toContain('.xlsx');
    await page.getByTestId('csv-file-input').setInputFiles(WORKBOOK);
    await page.getByTestId('csv-preview').waitFor();

    // The first sheet is previewed first: its cells as text (a date in ISO 8601, TRUE/FALSE).
    expect(await page.getByTestId('csv-sheet').inputValue()).toBe('Kinds');
    expect(await page.locator('[data-testid="csv-sheet"] option').allTextContents()).toEqual(['Kinds', 'Iris']);
    await expect.poll(() => page.getByTestId('csv-preview').textContent()).toMatch(/2024-03-15.*TRUE/);
    expect(await page.getByTestId('csv-header').isChecked()).toBe(true);

    await page.getByTestId('csv-sheet').selectOption('Iris');
    await expect.poll(() => page.getByTestId('csv-role-species').count()).toBe(1);
    expect(await page.getByTestId('csv-sheet').inputValue()).toBe('Iris');
    expect(await page.getByTestId('csv-role-species').inputValue()).toBe('label');
    expect(await page.getByTestId('csv-type-sepal_length').inputValue()).toBe('numeric');
    await expect.poll(() => page.getByTestId('csv-preview').textContent()).toMatch(/0\.1234567890123456/);
    await app.screenshot('data-xlsx-preview');

    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/two-sheets\.xlsx · 10 rows · 3 feature columns → 3 inputs · 3 classes \(setosa, versicolor, virginica\)/);

    // The trainer process loads the imported sheet (by the workbook's hash and the sheet name) and trains.
    await selectNode(page, 'input');
    await fill(page, 'param-shape', '3');
    await selectNode(page, 'output');
    await fill(page, 'param-units', '3');
    await fill(page, 'setting-epochs', '3');
    await fill(page, 'setting-batchSize', '4');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
  });
});
