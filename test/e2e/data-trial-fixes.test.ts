import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type App } from './harness';
import { loadTemplate } from './editor-helpers';

// Trial fixes (P3), found by a fresh user's trial of the import dialog: the health report follows
// the dialog's missing-value choices, the preview grid keeps its height under many column options,
// and workbooks open their first sheet with data.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-trial-'));

/** 12 columns, 60 rows: numeric features with missing values, a text column with missing values, one column with exactly one. */
function wideWithHoles(): string {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const names = ['Age', 'Fare', 'SibSp', 'Parch', 'Height', 'Weight', 'Score', 'Cabin', 'Deck', 'Port', 'Once', 'Survived'];
  const lines = [names.join(',')];
  for (let i = 0; i < 60; i++) {
    const row = [
      i % 7 === 2 ? '' : (20 + random() * 40).toFixed(0),
      i % 9 === 3 ? '' : (random() * 100).toFixed(2),
      (random() * 3).toFixed(0),
      i % 11 === 5 ? '' : (random() * 2).toFixed(0),
      (150 + random() * 40).toFixed(1),
      i % 13 === 4 ? '' : (50 + random() * 40).toFixed(1),
      (random() * 10).toFixed(2),
      i % 5 === 1 ? '' : ['A', 'B', 'C'][Math.floor(random() * 3)],
      ['upper', 'lower'][Math.floor(random() * 2)],
      ['S', 'C', 'Q'][Math.floor(random() * 3)],
      i === 17 ? '' : (random() * 5).toFixed(2),
      random() < 0.5 ? 'yes' : 'no',
    ];
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('import dialog trial fixes', () => {
  it('at 1400×900 with 12 columns and missing values, the grid keeps its height; the health report follows the chosen strategies', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1400, height: 900 });
    const file = join(dir, 'wide.csv');
    writeFileSync(file, wideWithHoles());
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    const health = page.getByTestId('data-health');
    await expect.poll(() => health.locator('[data-testid="health-missing-values"][data-column="Age"]').count()).toBe(1);

    // The preview is not squeezed by the column options and health items: the dialog body scrolls.
    const role = page.getByTestId('csv-role-Age');
    expect(await role.isVisible()).toBe(true);
    expect((await role.boundingBox())!.height).toBeGreaterThan(20);
    expect((await page.getByTestId('csv-preview').boundingBox())!.height).toBeGreaterThan(200);
    await app.screenshot('data-trial-wide-preview');

    // A text column's missing values are kept as a category: the item says so and offers what is offered.
    const cabin = health.locator('[data-testid="health-missing-values"][data-column="Cabin"]');
    await expect.poll(() => cabin.textContent()).toMatch(/kept as a category of their own.*most frequent value or drop/);
    expect(await cabin.textContent()).not.toMatch(/mean|median/);
    // One missing value is singular.
    await expect.poll(() => health.locator('[data-testid="health-missing-values"][data-column="Once"]').textContent()).toMatch(/“Once” has 1 missing value in 60 rows/);

    // Choosing a strategy in the column's menu handles the column: its item goes.
    await page.getByTestId('csv-missing-Age').selectOption('mean');
    await expect.poll(() => health.locator('[data-testid="health-missing-values"][data-column="Age"]').count()).toBe(0);
    // So does the health report's own fix.
    await health.getByTestId('health-fix-set-missing:Fare:mean').click();
    await expect.poll(() => health.locator('[data-testid="health-missing-values"][data-column="Fare"]').count()).toBe(0);
    expect(await page.getByTestId('csv-missing-Fare').inputValue()).toBe('mean');
    await page.getByTestId('csv-cancel').click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a workbook opens its first sheet with data rows and says so; no encoding menus; a failed import bar clears on switching sheets', async () => {
    const { page } = app;
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(join(ROOT, 'test', 'fixtures', 'xlsx', 'empty-first.xlsx'));
    await page.getByTestId('csv-preview').waitFor();
    await expect.poll(() => page.getByTestId('csv-sheet').inputValue()).toBe('Iris');
    expect(await page.getByTestId('csv-sheet-note').textContent()).toMatch(/“Iris”, the first with data rows/);
    expect(await page.getByTestId('csv-encoding').isVisible()).toBe(false);
    expect(await page.getByTestId('csv-number-format').isVisible()).toBe(false);

    // The header-only sheet, imported, fails; switching back to Iris clears the "Failed" bar.
    await page.getByTestId('csv-sheet').selectOption('Notes');
    await expect.poll(() => page.getByTestId('csv-sheet').inputValue()).toBe('Notes');
    expect(await page.getByTestId('csv-sheet-note').count()).toBe(0);
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-error').waitFor();
    await page.getByTestId('csv-sheet').selectOption('Iris');
    await expect.poll(() => page.getByTestId('csv-role-species').count()).toBe(1);
    await expect.poll(() => page.getByTestId('csv-progress').count()).toBe(0);
    await page.getByTestId('csv-cancel').click();
  });
});
