import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fill, loadTemplate } from './editor-helpers';
import { launchBrowser, readBackup, webHostAndBrowser } from './harness';

// Trial 10, part B: the in-app charts' ticks at a small height (17), and a project restored from
// the crash backup (19): the run's real duration and a graph fitted into the visible canvas.

const host = webHostAndBrowser();

const backup = () => readBackup<{ project?: { trained?: unknown; runs?: { durationMs: number }[] } }>(host.server.userDir);

async function trainCircles(page: Page, done = /Done/): Promise<void> {
  await loadTemplate(page, 'playground-circles');
  await page.getByTestId('tab-run').click();
  await page.getByTestId('train-button').click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(done);
  await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
}

describe('trial 10 B in the browser', () => {
  it('17: the loss chart at 1280×720 labels at least two ticks on each axis', async () => {
    const page = await host.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(host.server.url);
    await trainCircles(page);
    const plot = page.getByTestId('chart-loss').locator('.uplot');
    await expect.poll(async () => ((await plot.getAttribute('data-y-ticks')) ?? '').split(' ').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => ((await plot.getAttribute('data-x-ticks')) ?? '').split(' ').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const y = ((await plot.getAttribute('data-y-ticks')) ?? '').split(' ').map(Number);
    expect(y.some((v) => v !== 0)).toBe(true);
    await page.close();
  });

  it('19: after restoring the crash backup the run panel shows the run’s duration and every layer lies inside the visible canvas', async () => {
    const page = await host.browser.newPage({ viewport: { width: 1024, height: 640 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(host.server.url);
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
      await page.goto(host.server.url);
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
      // Trial 11 (11): a long one-click fix under the softmax layer's problem (the classifier
      // trained with mean squared error) wraps instead of widening the inspector.
      await loadTemplate(page, 'keras-tutorial-classifier');
      await page.getByTestId('setting-loss').selectOption('meanSquaredError');
      await page.locator('.react-flow__node').nth(2).click();
      await page.locator('.fix-button').first().waitFor();
      const withFix = await page.locator('aside.sidebar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(withFix.scroll).toBeLessThanOrEqual(withFix.client);
    } finally {
      await withBars.close();
    }
  });

  it('2: at 1920×1080 the one-feature data plot uses the panel’s width, is at least 240 px tall with round ticks on both axes, and after predicting x = 6 the line reaches 6 with the data still spread out', async () => {
    const page = await host.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(host.server.url);
    await loadTemplate(page, 'keras-tutorial-regression');
    await fill(page, 'setting-epochs', '20');
    await page.getByTestId('tab-run').click();
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-plot').click();
    const scatter = page.getByTestId('data-scatter');
    await expect.poll(() => scatter.getAttribute('data-fit')).toBe('curve');
    const panel = (await page.locator('#side-tab-panel').boundingBox())!;
    const over = scatter.locator('.u-over');
    await expect.poll(async () => (await over.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(180);
    const box = (await scatter.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(240);
    expect(box.width).toBeGreaterThanOrEqual(panel.width * 0.85);
    const ticks = async (axis: 'x' | 'y') => ((await scatter.locator('.uplot').getAttribute(`data-${axis}-ticks`)) ?? '').split(' ').filter(Boolean);
    for (const axis of ['x', 'y'] as const) {
      await expect.poll(async () => (await ticks(axis)).length).toBeGreaterThanOrEqual(3);
      expect((await ticks(axis)).some((v) => v !== '0')).toBe(true);
    }

    await page.getByTestId('tab-predict').click();
    await page.getByTestId('predict-input-0').fill('6');
    await page.getByTestId('predict-button').click();
    await page.getByTestId('predict-output').locator('b[data-value]').waitFor();
    await page.getByTestId('tab-data').click();
    await expect.poll(() => scatter.getAttribute('data-predicted-x')).toBe('6');
    await expect.poll(async () => Number(await scatter.getAttribute('data-curve-max-x'))).toBeGreaterThan(6);
    await expect.poll(async () => (await ticks('x')).map(Number).some((v) => v >= 6)).toBe(true);
    // The data (x in 0…1) still spans a readable width of the plot, not a dot in the corner.
    const overBox = (await over.boundingBox())!;
    const dataPx = overBox.width / Number(await scatter.getAttribute('data-x-span'));
    expect(dataPx).toBeGreaterThanOrEqual(60);
    await page.close();
  });

  it('22: a Chinese chart exported as SVG shows its title in real glyphs when opened on its own on a machine without CJK fonts', async () => {
    const page = await host.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(host.server.url);
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await trainCircles(page, /完成/);
    const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByTestId('chart-export-svg-loss').click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toMatch(/<text [^>]*data-role="title"[^>]*>[^<]*\p{Script=Han}/u);
    // The title is drawn as outlines; its <text> stays for search and screen readers.
    expect(svg).toMatch(/<g data-role="title-outline"/);
    const dir = mkdtempSync(join(tmpdir(), 'neurite-svg-'));
    const outlined = join(dir, 'outlined.svg');
    const bare = join(dir, 'bare.svg');
    writeFileSync(outlined, svg);
    // The same file with only its <text> (what the export wrote before): boxes on a machine without CJK fonts.
    writeFileSync(bare, svg.replace(/<g data-role="[\w-]+-outline"[\s\S]*?<\/g>\n?/g, '').replace(/fill="#000" fill-opacity="0"/g, 'fill="#111111"'));
    const viewer = await host.browser.newPage({ viewport: { width: 1600, height: 1120 } });
    const titleArea = async (path: string) => {
      await viewer.goto(pathToFileURL(path).href);
      const box = (await viewer.locator('text[data-role="title"]').boundingBox())!;
      return { box, shot: await viewer.screenshot({ clip: { x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8 } }) };
    };
    // And without the glyph outlines (the Latin pieces kept): the outlines must draw the Chinese where the title is.
    const blank = join(dir, 'blank.svg');
    writeFileSync(blank, svg.replace(/<path d="[^"]*" transform="translate\([^)]*\) scale\([^)]*\)"[^>]*\/>/g, ''));
    const drawn = await titleArea(outlined);
    const tofu = await titleArea(bare);
    const empty = await titleArea(blank);
    expect(drawn.box.width).toBeGreaterThan(40);
    expect(drawn.shot.equals(tofu.shot), 'the title is drawn from outlines, not as the boxes of a missing font').toBe(false);
    expect(drawn.shot.equals(empty.shot), 'the outlines draw the title where its text is').toBe(false);
    // And it is the bundled font's drawing: the app's own page shows the same text in 'Neurite CJK' (checked in chinese-font.test.ts).
    await viewer.close();
    await page.close();
  });
});

