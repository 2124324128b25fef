import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

// Trial 5 F25: the image-folder dialog's Height/Width dropped keystrokes past the limit (typing
// 600 left 60, "Import at 60×40") and ignored 0 without a word. A value outside 1–512 now stays
// as typed with a message naming the field, the limit and the value, and Import is refused.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-folder-size-'));

function png(value: number): Promise<Buffer> {
  return sharp(Buffer.alloc(64, value), { raw: { width: 8, height: 8, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

describe('image folder dialog size fields (trial 5 F25)', () => {
  it('keeps an out-of-range height as typed, says why, and refuses Import until it is fixed', async () => {
    const { page } = app;
    const files: Record<string, Uint8Array> = {};
    for (let k = 0; k < 6; k++) {
      files[`set/dark/${k}.png`] = await png(20 + k);
      files[`set/light/${k}.png`] = await png(200 + k);
    }
    const zip = join(dir, 'set.zip');
    writeFileSync(zip, zipSync(files));
    await page.getByTestId('palette-Input').waitFor();
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-input').fill('image folder');
    await expect.poll(() => page.getByTestId('command-import-images').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('image-folder-file-input').setInputFiles(zip);
    await page.getByTestId('image-folder-grid').waitFor();

    const height = page.getByTestId('image-folder-height');
    const dialog = page.getByTestId('image-folder-dialog');
    const importButton = page.getByTestId('image-folder-import');
    await height.fill('');
    await height.pressSequentially('600');
    expect(await height.inputValue()).toBe('600');
    await height.blur();
    expect(await height.inputValue()).toBe('600');
    expect(await dialog.locator('.field-error').allTextContents()).toEqual([expect.stringMatching(/Height: expected a whole number from 1 to 512, got 600/)]);
    expect(await importButton.isDisabled()).toBe(true);
    await app.screenshot('image-folder-size-out-of-range');

    await height.fill('0');
    expect(await height.inputValue()).toBe('0');
    expect((await dialog.locator('.field-error').allTextContents()).join(' ')).toMatch(/got 0/);
    expect(await importButton.isDisabled()).toBe(true);

    await height.fill('');
    await height.pressSequentially('12');
    expect(await dialog.locator('.field-error').count()).toBe(0);
    expect(await importButton.textContent()).toMatch(/Import at 12×8/);

    const width = page.getByTestId('image-folder-width');
    await width.fill('16');
    expect(await importButton.textContent()).toMatch(/Import at 12×16/);
    expect(await importButton.isDisabled()).toBe(false);
  }, 120_000);
});
