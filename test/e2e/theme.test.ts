/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

/** Issue 16 (desktop convention): a theme switch — light, dark, or the system's — remembered across reloads. */
let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(21, 24, 29)';

describe('theme switch (issue 16)', () => {
  it('follows the system by default, and a choice wins over it and is remembered', async () => {
    const { page } = app;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const theme = () => page.locator('html').getAttribute('data-theme');
    const picker = page.getByTestId('theme-picker');

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await picker.inputValue()).toBe('system');
    await expect.poll(theme).toBe('light');
    expect(await background()).toBe(LIGHT_BG);
    // The OS switching to dark while the app runs.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    expect(await background()).toBe(DARK_BG);

    await picker.selectOption('light');
    await expect.poll(theme).toBe('light');
    expect(await background()).toBe(LIGHT_BG);
    await app.screenshot('theme-light-over-dark-os');

    await page.emulateMedia({ colorScheme: 'light' });
    await picker.selectOption('dark');
    await expect.poll(theme).toBe('dark');
    await page.reload();
    await page.getByTestId('palette-Input').waitFor();
    expect(await page.getByTestId('theme-picker').inputValue()).toBe('dark');
    expect(await background()).toBe(DARK_BG);
    await app.screenshot('theme-dark');

    await page.getByTestId('theme-picker').selectOption('system');
    await expect.poll(theme).toBe('light');
  });
});
