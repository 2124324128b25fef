import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from './editor-helpers';
import { launchBrowser, startWebServer } from './harness';

// Trial 10, part B: the in-app charts' ticks at a small height (17), and a project restored from
// the crash backup (19): the run's real duration and a graph fitted into the visible canvas.

let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  server?.server.kill('SIGTERM');
});

const backup = () => {
  const path = join(server.userDir, 'recovery', 'backup.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { project?: { trained?: unknown; runs?: { durationMs: number }[] } } | null) : null;
};

async function trainCircles(page: Page): Promise<void> {
  await loadTemplate(page, 'playground-circles');
  await page.getByTestId('tab-run').click();
  await page.getByTestId('train-button').click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
  await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
}

describe('trial 10 B in the browser', () => {
  it('17: the loss chart at 1280×720 labels at least two ticks on each axis', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
    await trainCircles(page);
    const plot = page.getByTestId('chart-loss').locator('.uplot');
    await expect.poll(async () => ((await plot.getAttribute('data-y-ticks')) ?? '').split(' ').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => ((await plot.getAttribute('data-x-ticks')) ?? '').split(' ').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const y = ((await plot.getAttribute('data-y-ticks')) ?? '').split(' ').map(Number);
    expect(y.some((v) => v !== 0)).toBe(true);
    await page.close();
  });

  it('19: after restoring the crash backup the run panel shows the run’s duration and every layer lies inside the visible canvas', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(server.url);
    await trainCircles(page);
    const live = (await page.getByTestId('run-times').textContent()) ?? '';
    expect(live).toMatch(/elapsed/);
    expect(live).not.toMatch(/\b0 s elapsed/);
    // The debounced crash backup holds this run (the page's own backup: the run's record and weights).
    await expect.poll(() => (backup()?.project?.runs?.length ?? 0) > 0 && backup()?.project?.trained != null, { timeout: 20_000 }).toBe(true);

    await page.reload();
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(3);
    await page.getByTestId('tab-run').click();
    // The same duration as the run showed when it ended (was "0 s elapsed").
    await expect.poll(() => page.getByTestId('run-times').textContent(), { timeout: 20_000 }).toBe(live);

    // The graph is framed inside the part of the canvas that the bottom panels leave visible.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const bottomPanel = await page.locator('.bottom-area').boundingBox();
    const visibleBottom = Math.min(canvas.y + canvas.height, bottomPanel?.y ?? Infinity);
    await expect
      .poll(async () => {
        const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
        return boxes.every((b) => b.top >= canvas.y && b.bottom <= visibleBottom);
      }, { timeout: 5_000 })
      .toBe(true);
    await page.close();
  });

  it('6: at 1024×640 with scrollbars the sidebar does not scroll sideways and palette names wrap only between words, in both languages and themes', async () => {
    const withBars = await launchBrowser({ showScrollbars: true });
    try {
      const page = await withBars.newPage({ viewport: { width: 1024, height: 640 } });
      page.on('dialog', (dialog) => void dialog.dismiss());
      await page.goto(server.url);
      await loadTemplate(page, 'keras-tutorial-regression');
      await page.locator('.react-flow__node').nth(1).click();
      for (const language of ['en', 'zh-CN']) {
        for (const theme of ['light', 'dark']) {
          await page.getByTestId('language-picker').selectOption(language);
          await page.getByTestId('theme-picker').selectOption(theme);
          const side = await page.locator('aside.sidebar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
          expect(side.scroll, `${language} ${theme}`).toBeLessThanOrEqual(side.client);
          // Every word of a palette name is one text node (between <wbr>s); none is split over two lines.
          const split = await page.locator('.palette-item').evaluateAll((items) =>
            items.flatMap((item) =>
              [...item.childNodes]
                .filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())
                .filter((n) => {
                  const range = document.createRange();
                  range.selectNodeContents(n);
                  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
                })
                .map((n) => `${item.textContent}: ${n.textContent}`),
            ),
          );
          expect(split, `${language} ${theme}`).toEqual([]);
        }
      }
    } finally {
      await withBars.close();
    }
  });
});
