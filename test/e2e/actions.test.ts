import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptPageErrors, startApp, type App } from './harness';
import { loadTemplate, runFromPalette as runFromPaletteIn } from './editor-helpers';

// Issue 10: one action table behind the toolbar, the keyboard and the menus. The browser host has
// no native menu, so every menu item is reached through the command palette here; the native
// menu is built from the same table (src/main/menu.ts, tested in window-state.test.ts).

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const zoom = async (): Promise<number> => {
  // React Flow writes `translate(Xpx, Ypx) scale(Z)` on the viewport.
  const transform = (await app.page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  return Number(/scale\(([\d.e-]+)\)/.exec(transform)?.[1]);
};

/** The zoom once the viewport's animation (fit, zoom in/out) has finished: two equal reads 100 ms apart. */
const settledZoom = async (): Promise<number> => {
  let last = await zoom();
  for (;;) {
    await app.page.waitForTimeout(100);
    const now = await zoom();
    if (now === last) return now;
    last = now;
  }
};

const runFromPalette = (text: string, id: string) => runFromPaletteIn(app.page, text, id);

describe('actions', () => {
  it('runs the menu items that used to answer "not available yet": zoom, check model, summary, about', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.waitForTimeout(300);

    const before = await settledZoom();
    await runFromPalette('zoom in', 'zoom-in');
    await expect.poll(zoom).toBeGreaterThan(before * 1.1);
    const zoomedIn = await settledZoom();
    await runFromPalette('zoom out', 'zoom-out');
    await expect.poll(zoom).toBeLessThan(zoomedIn * 0.9);

    await runFromPalette('check', 'validate');
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('no problems');

    await runFromPalette('summary', 'summary');
    await expect.poll(() => page.getByTestId('tab-summary').getAttribute('aria-selected')).toBe('true');

    await runFromPalette('about', 'about');
    await expect.poll(() => page.getByTestId('about-box').textContent()).toMatch(/Version \d+\.\d+\.\d+/);
    await page.getByTestId('about-box').getByRole('button').click();
    await expect.poll(() => page.getByTestId('about-box').count()).toBe(0);
  });

  it('shows each shortcut where the action is offered, and Stop is Esc everywhere', async () => {
    const { page } = app;
    expect(await page.getByTestId('stop-button').getAttribute('title')).toContain('(Esc)');
    expect(await page.getByTestId('save-button').getAttribute('title')).toContain('(Ctrl+S)');
    await page.keyboard.press('F1');
    await page.getByTestId('command-input').fill('stop');
    expect(await page.getByTestId('command-stop').textContent()).toContain('not available now');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('command-palette').count()).toBe(0);
  });

  it('fits the view with Shift+1 and zooms with Ctrl+= from the keyboard', async () => {
    const { page } = app;
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const before = await settledZoom();
    await page.keyboard.press('Control+Equal');
    await expect.poll(zoom).toBeGreaterThan(before * 1.1);
    await page.keyboard.press('Shift+Digit1');
    await expect.poll(zoom).toBeCloseTo(before, 1);
  });

  it('says so when the page cannot reach the server (a wrong token), instead of only in the console', async () => {
    const { page } = app;
    const wrong = new URL(app.url);
    wrong.searchParams.set('token', 'x'.repeat(32));
    await page.goto(wrong.toString());
    await expect.poll(() => page.getByTestId('toast').textContent(), { timeout: 15_000 }).toMatch(/Cannot reach the Neurite server\. Open the exact address/);
    // It stays until read: a wrong address is not fixed by waiting.
    await page.waitForTimeout(4500);
    expect(await page.getByTestId('toast').textContent()).toMatch(/Cannot reach the Neurite server/);
    expect(acceptPageErrors(/WebSocket|403/).length).toBeGreaterThan(0);
    await page.goto(app.url);
  });
});
