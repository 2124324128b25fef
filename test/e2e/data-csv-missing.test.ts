import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { fill, flowerRows, loadTemplate, selectNode } from './editor-helpers';

// Issue 12 (Done when): a CSV with missing values and an identifier column. In the import dialog
// the identifier is detected and shown as ignored, with the decision in words; the user sees the
// missing count, takes the health report's fix, then chooses "fill with the median" and the
// "(missing)" indicator, imports, trains, and predicts a row with a missing value left blank.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-csv-missing-'));

function flowersWithHoles(): string {
  const lines = ['id,sepal length,sepal width,petal length,petal width,species'];
  for (const { id, values, species } of flowerRows(5)) {
    if (id % 9 === 4) values[3] = id % 2 ? '' : 'NA';
    lines.push([id, ...values, species].join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('CSV import with missing values', () => {
  it('shows the missing count, fills with the median plus an indicator, trains, and predicts a row with a blank', async () => {
    const { page } = app;
    const file = join(dir, 'holes.csv');
    const text = flowersWithHoles();
    writeFileSync(file, text);
    const holes = text.split('\n').slice(1).filter((l) => /,(|NA),[a-z]+$/.test(l)).length;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    // The preview counts the missing values before the user chooses.
    await expect.poll(() => page.getByTestId('csv-missing-count-petal width').textContent()).toBe(`${holes} missing`);
    // The identifier column: detected, ignored, and the decision says so (with how to undo it).
    expect(await page.getByTestId('csv-role-id').inputValue()).toBe('ignored');
    const idDecision = page.getByTestId('csv-decisions').locator('li[data-kind="id-column"][data-column="id"]');
    await expect.poll(() => idDecision.textContent()).toMatch(/“id”.*ignored/);
    // Without a strategy, the import stops naming the line and the column.
    await page.getByTestId('csv-import').click();
    await expect.poll(() => page.getByTestId('csv-error').textContent()).toMatch(/Line 5, column 'petal width': the value is missing/);
    // The health report names the missing values with a fix that sets the column's strategy.
    const health = page.getByTestId('data-health');
    await expect.poll(() => health.locator('[data-testid="health-missing-values"][data-column="petal width"]').count()).toBe(1);
    await health.getByTestId('health-fix-set-missing:petal width:mean').click();
    expect(await page.getByTestId('csv-missing-petal width').inputValue()).toBe('mean');
    await page.getByTestId('csv-missing-petal width').selectOption('median');
    await page.getByTestId('csv-missing-indicator-petal width').check();
    await page.getByTestId('csv-normalize').check();
    await page.getByTestId('csv-class-labels').selectOption('onehot');
    await app.screenshot('data-csv-missing-options');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/holes\.csv · 150 rows · 4 feature columns → 5 inputs · 3 classes/);
    // The panel shows the learned fill: the median of the 133 present petal widths (the 67th of them sorted, as float32).
    const present = text.trim().split('\n').slice(1).map((l) => l.split(',')[4]).filter((v) => v !== '' && v !== 'NA').map((v) => Math.fround(Number(v))).sort((a, b) => a - b);
    expect(present.length).toBe(150 - holes);
    const median = present[(present.length - 1) / 2];
    await expect.poll(() => page.getByTestId('dataset-csv-fill-petal width').textContent()).toBe(`'petal width': missing values: fill with the median (${Number(median.toPrecision(6))}), learned from the imported rows.`);

    await selectNode(page, 'input');
    await fill(page, 'param-shape', '5');
    await selectNode(page, 'hidden');
    await fill(page, 'param-units', '16');
    await selectNode(page, 'output');
    await fill(page, 'param-units', '3');
    await page.getByTestId('setting-optimizer').selectOption('adam');
    await fill(page, 'setting-learningRate', '0.03');
    await fill(page, 'setting-epochs', '40');
    await fill(page, 'setting-batchSize', '16');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);

    await page.getByTestId('tab-predict').click();
    // A virginica-like flower with its petal width missing: the stored median fills it.
    const values = ['6.7', '3.0', '5.7', ''];
    for (let i = 0; i < values.length; i++) await page.getByTestId(`predict-input-${i}`).fill(values[i]);
    await page.getByTestId('predict-button').click();
    await expect.poll(() => page.getByTestId('predict-output').locator('.class-bar').count()).toBe(3);
    expect(await page.getByTestId('predict-output').locator('.class-bar.best .class-name').textContent()).toBe('virginica');
    await app.screenshot('data-csv-missing-predicted');
  });
});
