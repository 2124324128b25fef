import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type App } from './harness';
import { loadTemplate } from './editor-helpers';

// Issue 12 (B1): files as Excel writes them, in the browser host's import dialog: what was
// detected is listed, the number format and the encoding can be overridden (the file is read
// again), the label is marked as a guess until confirmed, and a UTF-16 "Unicode text" file imports.

let app: App;
const FIXTURES = join(ROOT, 'test', 'fixtures', 'csv');

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('CSV import decisions', () => {
  it('grouped numbers: detected, overridable, and the label is a guess until kept', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(join(FIXTURES, 'grouped-numbers.csv'));
    await page.getByTestId('csv-decisions').waitFor();
    const thousands = page.locator('[data-testid="csv-decisions"] li[data-kind="thousands"]');
    expect(await thousands.textContent()).toContain('“1,099” reads as 1099');
    expect(await page.getByTestId('csv-type-price').inputValue()).toBe('numeric');
    expect(await page.getByTestId('csv-role-price').inputValue()).toBe('label');
    expect(await page.getByTestId('csv-label-guess').getAttribute('data-confirmed')).toBe('false');
    await app.screenshot('data-csv-decisions');

    // Read as plain numbers, "1,099" is text: the preview changes, and back again.
    await page.getByTestId('csv-number-format').selectOption({ label: '1234.5' });
    await expect.poll(() => page.getByTestId('csv-type-price').inputValue()).toBe('categorical');
    expect(await thousands.count()).toBe(0);
    await page.getByTestId('csv-number-format').selectOption({ label: '1,234.5' });
    await expect.poll(() => page.getByTestId('csv-type-price').inputValue()).toBe('numeric');

    await page.getByTestId('csv-label-keep').click();
    expect(await page.getByTestId('csv-label-guess').getAttribute('data-confirmed')).toBe('true');
    await page.getByTestId('csv-cancel').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
  });

  it('UTF-16 "Unicode text" is decoded, can be read otherwise on request, and imports', async () => {
    const { page } = app;
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(join(FIXTURES, 'utf16le-bom.txt'));
    await page.getByTestId('csv-decisions').waitFor();
    expect(await page.locator('[data-testid="csv-decisions"] li[data-kind="utf16"]').textContent()).toContain('UTF-16 LE');
    expect(await page.getByTestId('csv-encoding').inputValue()).toBe('utf-16le');
    expect(await page.getByTestId('csv-delimiter').inputValue()).toBe('\t');
    await page.getByTestId('csv-encoding').selectOption('utf-8');
    await expect.poll(() => page.locator('[data-testid="csv-decisions"] li[data-kind="utf16"]').count()).toBe(0);
    await page.getByTestId('csv-encoding').selectOption('utf-16le');
    await expect.poll(() => page.getByTestId('csv-role-shape').inputValue()).toBe('label');
    // Choosing the label confirms it.
    await page.getByTestId('csv-role-height').selectOption('label');
    await page.getByTestId('csv-role-shape').selectOption('feature');
    expect(await page.getByTestId('csv-label-guess').getAttribute('data-confirmed')).toBe('true');
    await page.getByTestId('csv-role-height').selectOption('feature');
    await page.getByTestId('csv-role-shape').selectOption('label');
    expect(await page.getByTestId('csv-label-guess').getAttribute('data-confirmed')).toBe('true');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/utf16le-bom\.txt · 25 rows · 2 feature columns → 2 inputs · 3 classes/);
  });
});
