import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { loadTemplate } from './editor-helpers';

// The editor at 1280×720 in light and dark: every toolbar control fits on screen without
// overlapping another, and the canvas controls do not sit on the minimap. Screenshots to look at.

let app: App;

beforeAll(async () => {
  app = await startApp({ width: 1280, height: 720 });
});

afterAll(async () => {
  await app?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => el.getClientRects().length > 0).map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

async function checkLayout(page: Page): Promise<void> {
  const controls = await boxes(page, '.toolbar > button, .toolbar > select, .toolbar > input');
  expect(controls.length).toBeGreaterThan(8);
  for (const [i, a] of controls.entries()) {
    expect(a.x + a.width, `toolbar control ${i} fits`).toBeLessThanOrEqual(1280);
    for (const b of controls.slice(i + 1)) expect(overlaps(a, b), `toolbar controls overlap`).toBe(false);
  }
  const [zoomControls] = await boxes(page, '.react-flow__controls');
  const [minimap] = await boxes(page, '.react-flow__minimap');
  expect(overlaps(zoomControls, minimap)).toBe(false);
  const [train] = await boxes(page, '[data-testid="train-button"]');
  expect(train.x + train.width).toBeLessThanOrEqual(1280);
}

describe('looks at 1280×720', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`lays out the tutorial classifier without overlaps in the ${scheme} theme`, async () => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('palette-Input').waitFor();
      await app.screenshot(`looks-start-${scheme}`);
      await loadTemplate(page, 'keras-tutorial-classifier');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
      await page.getByTestId('tab-summary').click();
      await page.waitForTimeout(300);
      await checkLayout(page);
      const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe(scheme === 'dark' ? 'rgb(21, 24, 29)' : 'rgb(246, 247, 249)');
      await app.screenshot(`looks-classifier-${scheme}`);
      await page.getByTestId('toolbar-new').or(page.getByRole('button', { name: /^New$/ })).first().click();
    });
  }
});
