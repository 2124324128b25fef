import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

// Issue 14 (image folders) in the browser host: a small zip of two classes made here (real PNGs
// written by sharp, zipped by fflate) is uploaded from the page through the command palette's
// "Import image folder…", shows its preview grid, class counts and health warnings, and imports:
// the project's dataset becomes the image dataset.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-images-'));

/** An 8×8 grayscale PNG: a bright vertical bar (class "bars") or a bright horizontal one ("lines") at `at`. */
function png(kind: 'bars' | 'lines', at: number): Promise<Buffer> {
  const pixels = Buffer.alloc(64, 30);
  for (let i = 0; i < 8; i++) pixels[kind === 'bars' ? i * 8 + at : at * 8 + i] = 240;
  return sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('image folder import', () => {
  it('uploads a zip of two classes, shows the grid, counts and health warnings, and imports it as the dataset', async () => {
    const { page } = app;
    const files: Record<string, Uint8Array> = {};
    for (let k = 0; k < 24; k++) files[`strokes/bars/${k}.png`] = await png('bars', k % 8);
    for (let k = 0; k < 5; k++) files[`strokes/lines/${k}.png`] = await png('lines', k % 8);
    files['strokes/lines/broken.png'] = new TextEncoder().encode('not a png');
    const zip = join(dir, 'strokes.zip');
    writeFileSync(zip, zipSync(files));

    await page.getByTestId('palette-Input').waitFor();
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-input').fill('image folder');
    await expect.poll(() => page.getByTestId('command-import-images').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('image-folder-dialog').waitFor();
    await page.getByTestId('image-folder-file-input').setInputFiles(zip);
    await page.getByTestId('image-folder-grid').waitFor();

    expect(await page.getByTestId('image-folder-count-bars').textContent()).toBe('(24)');
    expect(await page.getByTestId('image-folder-count-lines').textContent()).toBe('(5)');
    // The grid: up to 8 decoded images per class.
    expect(await page.getByTestId('image-folder-class-bars').locator('canvas').count()).toBe(8);
    expect(await page.getByTestId('image-folder-class-lines').locator('canvas').count()).toBe(5);
    expect(await page.getByTestId('image-folder-height').inputValue()).toBe('8');
    expect(await page.getByTestId('image-folder-channels').inputValue()).toBe('1');
    // Health: 24 vs 5 is imbalanced, 5 is few, and the broken file is named.
    expect(await page.getByTestId('image-folder-health-class-imbalance').textContent()).toMatch(/Class “bars” has 24 images, 4\.8× the 5 of class “lines”/);
    expect(await page.getByTestId('image-folder-health-unreadable-files').textContent()).toMatch(/1 image file could not be read and is left out \(e\.g\. lines\/broken\.png: it is not an image/);
    await app.screenshot('data-image-folder-preview');

    await page.getByTestId('image-folder-import').click();
    await page.getByTestId('image-folder-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('images-dataset-source').textContent()).toBe('strokes.zip');
    expect(await page.getByTestId('images-dataset-shape').textContent()).toMatch(/29 images of 8×8×1, 2 classes/);
    // Trial 5, F10: the report is still there after the import, in the Data tab's Health view.
    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-health').click();
    expect(await page.getByTestId('image-folder-health-class-imbalance').textContent()).toMatch(/Class “bars” has 24 images/);
    expect(await page.getByTestId('image-folder-health-unreadable-files').textContent()).toMatch(/lines\/broken\.png: it is not an image/);
    expect(await page.getByTestId('image-health-counts').locator('tr').count()).toBe(2);
    await app.screenshot('data-image-folder-health');
    // One undoable command: Undo brings the generated dataset back, Redo the images.
    await page.getByTestId('undo-button').click();
    await page.getByTestId('dataset-generator').waitFor();
    await page.getByTestId('redo-button').click();
    await expect.poll(() => page.getByTestId('images-dataset-source').textContent()).toBe('strokes.zip');
  }, 120_000);

  it('uploads a picked folder (webkitdirectory) as a zip made in the page, with the same checks', async () => {
    const { page } = app;
    const root = join(dir, 'marks');
    for (const kind of ['bars', 'lines'] as const) {
      mkdirSync(join(root, kind), { recursive: true });
      for (let k = 0; k < 10; k++) writeFileSync(join(root, kind, `${k}.png`), await png(kind, k % 8));
    }
    writeFileSync(join(root, 'notes.txt'), 'outside the classes');
    // The File menu's item, reached from the command palette (the browser host has no native menu).
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-input').fill('image folder');
    await page.keyboard.press('Enter');
    await page.getByTestId('image-folder-dialog').waitFor();
    await page.getByTestId('image-folder-folder-input').setInputFiles(root);
    await page.getByTestId('image-folder-grid').waitFor();
    expect(await page.getByTestId('image-folder-name').textContent()).toBe('marks.zip');
    expect(await page.getByTestId('image-folder-count-bars').textContent()).toBe('(10)');
    expect(await page.getByTestId('image-folder-count-lines').textContent()).toBe('(10)');
    expect(await page.getByTestId('image-folder-health-skipped-files').textContent()).toMatch(/1 file skipped: 0 not an image, 1 outside a class folder \(e\.g\. notes\.txt\)/);
    await page.getByTestId('image-folder-import').click();
    await page.getByTestId('image-folder-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('images-dataset-source').textContent()).toBe('marks.zip');
  }, 120_000);
});
