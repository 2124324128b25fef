import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { loadTemplate } from './editor-helpers';

// Issue 12 (data health report): a CSV with a column that gives the label away and a constant
// column shows both in the import dialog, each with a fix that sets the column to ignored; after
// import, the Data tab's Health view reports features on very different scales once normalisation
// is turned off, and its fix turns it back on as an undoable edit.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-health-'));

function leakyCsv(): string {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['width,income,version,outcome_code,churned'];
  for (let i = 0; i < 60; i++) {
    const churned = random() < 0.5 ? 'yes' : 'no';
    lines.push([(random() * 2).toFixed(3), Math.round(20_000 + random() * 80_000), 3, churned === 'yes' ? 'C' : 'S', churned].join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('data health report', () => {
  it('shows a label leak and a constant column in the import dialog, and fixes each', async () => {
    const { page } = app;
    const file = join(dir, 'churn.csv');
    writeFileSync(file, leakyCsv());
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-role-churned').inputValue()).toBe('label');

    const health = page.getByTestId('data-health');
    const leak = health.getByTestId('health-label-leak');
    const constant = health.getByTestId('health-constant-column');
    await leak.waitFor();
    expect(await leak.getAttribute('data-column')).toBe('outcome_code');
    expect(await leak.textContent()).toMatch(/“outcome_code” maps one-to-one onto the classes of “churned”/);
    expect(await constant.getAttribute('data-column')).toBe('version');
    expect(await constant.textContent()).toMatch(/“version” has the same value, “3”, in all 60 rows/);
    await app.screenshot('data-health-dialog');

    await health.getByTestId('health-fix-set-role:outcome_code:ignored').click();
    expect(await page.getByTestId('csv-role-outcome_code').inputValue()).toBe('ignored');
    await expect.poll(() => health.locator('[data-testid^="health-"][data-column]').count()).toBe(1);

    // The constant column is left in: imported, the Data tab reports it, and its fix (it changes
    // the imported columns) opens the import dialog, which applies it once the file is chosen again.
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/churn\.csv · 60 rows · 3 feature columns/);
    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-health').click();
    const stillConstant = page.getByTestId('health-constant-column');
    await stillConstant.waitFor();
    await stillConstant.getByTestId('health-fix-set-role:version:ignored').click();
    await page.getByTestId('csv-dialog').waitFor();
    expect(await page.getByTestId('csv-reimport-note').textContent()).toBe('Choose “churn.csv” again to import it with this change: Set “version” to ignored.');
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    await expect.poll(() => page.getByTestId('csv-role-version').inputValue()).toBe('ignored');
    expect(await page.getByTestId('csv-role-outcome_code').inputValue()).toBe('ignored');
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('dataset-csv-summary').textContent()).toMatch(/churn\.csv · 60 rows · 2 feature columns/);

    // The Data tab: nothing to report while normalisation is on; turned off, the scales differ.
    await page.getByTestId('health-none').waitFor();
    await page.getByTestId('dataset-csv-normalize').uncheck();
    const spread = page.getByTestId('health-scale-spread');
    await spread.waitFor();
    expect(await spread.textContent()).toMatch(/“income” varies \d+× more than “width”/);
    expect(await page.getByTestId('data-view-health').textContent()).toMatch(/\(1\)/);
    await spread.getByTestId('health-fix-set-normalize').click();
    await page.getByTestId('health-none').waitFor();
    expect(await page.getByTestId('dataset-csv-normalize').isChecked()).toBe(true);
    await page.getByTestId('undo-button').click();
    await spread.waitFor();
    expect(await page.getByTestId('dataset-csv-normalize').isChecked()).toBe(false);
  });
});
