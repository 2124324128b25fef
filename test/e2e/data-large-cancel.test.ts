import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

// Issue 12 (scale): a large CSV (~160 MB) is uploaded from the page and its import started; the
// progress bar moves while the worker parses, the Cancel import button stops it, and the
// project's dataset is what it was before.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-large-'));
const file = join(dir, 'large.csv');

async function writeLargeCsv(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,species\n');
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const names = ['setosa', 'versicolor', 'virginica'];
  for (let bytes = 0, row = 0; bytes < megabytes * 1e6; ) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, row++) lines.push(`${Array.from({ length: 10 }, () => ((row % 3) + random()).toFixed(4)).join(',')},${names[row % 3]}`);
    const text = `${lines.join('\n')}\n`;
    bytes += text.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

beforeAll(async () => {
  await writeLargeCsv(file, 160);
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('large CSV import', () => {
  it('shows progress while importing, cancels, and leaves the project unchanged', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    const datasetBefore = await page.getByTestId('dataset-generator').inputValue();
    const undoBefore = await page.getByTestId('undo-button').isDisabled();

    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor({ timeout: 150_000 });
    expect(await page.getByTestId('csv-role-species').inputValue()).toBe('label');
    await page.getByTestId('csv-import').click();

    const progress = page.getByTestId('csv-progress');
    const value = async () => Number(await progress.getAttribute('value'));
    await page.getByTestId('csv-import-cancel').waitFor();
    await expect.poll(value, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    const first = await value();
    await expect.poll(value, { timeout: 60_000, interval: 50 }).toBeGreaterThan(first);
    expect(await value()).toBeLessThan(Number(await progress.getAttribute('max')));
    expect(await page.locator('.csv-progress').textContent()).toMatch(/Parsing… [\d,]+ rows/);
    await app.screenshot('data-large-importing');

    await page.getByTestId('csv-import-cancel').click();
    await expect.poll(() => page.getByTestId('csv-error').textContent(), { timeout: 30_000 }).toBe('Import cancelled; the project is unchanged.');
    expect(await page.getByTestId('csv-import-cancel').count()).toBe(0);
    // The dialog stays usable: Import is offered again, and closing it leaves the document as it was.
    expect(await page.getByTestId('csv-import').isEnabled()).toBe(true);
    await page.getByTestId('csv-cancel').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('dataset-csv-summary').count()).toBe(0);
    expect(await page.getByTestId('dataset-generator').inputValue()).toBe(datasetBefore);
    expect(await page.getByTestId('undo-button').isDisabled()).toBe(undoBefore);
  });
});
