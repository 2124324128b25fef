import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { readPngInfo } from '../../src/shared/report/png-text';
import { fill, loadTemplate } from './editor-helpers';
import { ARTIFACTS, startApp, type App } from './harness';

// Issue 17, "charts people can put in a report": the exported loss PNG was the small on-screen
// canvas (271×139 px, no title, no axis names); the 2-D data plot was not square and had no
// axis names nor a colour legend. Here a short run of the circles template is trained, its
// charts are saved through the UI and the files read back; then the data plot is measured at
// two window sizes.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

async function saved(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByTestId(testId).click()]);
  const path = await download.path();
  if (!path) throw new Error(`the download of ${testId} has no file`);
  const bytes = readFileSync(path);
  // Kept for a look: test/artifacts/chart-export-<file name>.
  writeFileSync(join(ARTIFACTS, `chart-export-${download.suggestedFilename()}`), bytes);
  return { name: download.suggestedFilename(), bytes };
}

/** The texts of an SVG's `<text>` elements, entities decoded. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));

describe('report charts', () => {
  it('saves the loss chart as a 2× PNG with its title and as a vector SVG with title, axis names, legend and the run’s settings', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'playground-circles');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await fill(page, 'setting-epochs', '4');
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/^Done/);

    // The run panel's PNG button (the one that saved the 271×139 canvas).
    const png = await saved(page, 'export-png');
    expect(png.name).toMatch(/\.png$/);
    const info = readPngInfo(new Uint8Array(png.bytes));
    expect(info.width).toBeGreaterThanOrEqual(1200);
    expect(info.tEXt.Title).toBe('Loss - Playground: circles, run 1');
    expect(info.texts.Title).toBe('Loss — Playground: circles, run 1');
    expect(info.texts.Description).toMatch(/batch size \d+ · 4 epochs · data circles/);

    const svgFile = await saved(page, 'chart-export-svg-loss');
    expect(svgFile.name).toBe('Playground_circles-loss-run1.svg');
    const svg = svgFile.bytes.toString('utf8');
    expect(svg).toContain('<title>Loss — Playground: circles, run 1</title>');
    const texts = svgTexts(svg);
    expect(texts).toContain('Loss — Playground: circles, run 1');
    expect(texts).toContain('Epoch');
    expect(texts).toContain('Loss');
    expect(texts).toContain('training');
    expect(texts).toContain('validation');
    expect(texts.join(' ')).toMatch(/Optimizer \w+, learning rate [\d.e-]+ · loss categorical_crossentropy · batch size \d+ · 4 epochs · data circles \(noise [\d.]+, seed \d+, \d+ rows\) · \d{4}-\d\d-\d\d · validation \d+ % \([^)]+\)/);
    expect((svg.match(/<path [^>]*data-role="series"/g) ?? []).length).toBeGreaterThanOrEqual(2);

    // Log scale: the y axis says so, and no tick reads "0".
    await page.getByTestId('log-scale').check();
    const logSvg = (await saved(page, 'chart-export-svg-loss')).bytes.toString('utf8');
    expect(svgTexts(logSvg)).toContain('Loss (log scale)');
    const ticks = [...logSvg.matchAll(/<text [^>]*data-role="y-tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks).not.toContain('0');
    await page.getByTestId('log-scale').uncheck();

    // A metric chart has its own export, in the same form.
    const metricPng = await saved(page, 'chart-export-png-acc');
    const metricInfo = readPngInfo(new Uint8Array(metricPng.bytes));
    expect(metricInfo.width).toBeGreaterThanOrEqual(1200);
    expect(metricInfo.texts.Title).toBe('Accuracy — Playground: circles, run 1');

    // In the UI language: Chinese texts, the PNG's title as UTF-8 iTXt.
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('chart-loss').getByTestId('chart-title').textContent()).toBe('损失');
    const zhPng = readPngInfo(new Uint8Array((await saved(page, 'chart-export-png-loss')).bytes));
    expect(zhPng.texts.Title).toBe('损失 — Playground: circles，第 1 次运行');
    const zhSvg = svgTexts((await saved(page, 'chart-export-svg-loss')).bytes.toString('utf8'));
    expect(zhSvg).toEqual(expect.arrayContaining(['损失 — Playground: circles，第 1 次运行', '轮次', '损失', '训练', '验证']));
    expect(zhSvg.join('')).toContain('批大小');
    await page.getByTestId('language-picker').selectOption('en');
    await expect.poll(() => page.getByTestId('chart-loss').getByTestId('chart-title').textContent()).toBe('Loss');

    // The runs view's overlay exports through the same path, its caption naming each run's settings.
    await page.getByTestId('tab-runs').click();
    await page.getByTestId('run-select-1').check();
    await expect.poll(() => page.getByTestId('runs-overlay').getAttribute('data-series')).toBe('1');
    const overlay = svgTexts((await saved(page, 'runs-overlay-export-svg')).bytes.toString('utf8'));
    expect(overlay).toContain('Loss (validation) — Playground: circles');
    expect(overlay).toContain('Run 1');
    expect(overlay.join(' ')).toMatch(/Run 1: Optimizer Adam, learning rate [\d.]+ · loss categorical_crossentropy/);
    await page.getByTestId('tab-run').click();

    // And the learning-rate finder's chart: a log x axis, its suggestion, the test's settings.
    await page.getByTestId('lr-finder-open').click();
    await page.getByTestId('lr-finder-steps').fill('60');
    await page.getByTestId('lr-finder-run').click();
    await page.getByTestId('lr-finder-export-svg').waitFor({ timeout: 60_000 });
    const lrSvg = svgTexts((await saved(page, 'lr-finder-export-svg')).bytes.toString('utf8'));
    expect(lrSvg).toContain('Find a learning rate — Playground: circles');
    expect(lrSvg).toContain('learning rate (log scale)');
    expect(lrSvg).toContain('smoothed loss');
    expect(lrSvg.join(' ')).toMatch(/Optimizer Adam · loss categorical_crossentropy · batch size 16 · learning rate from 1e-7 to 10, \d+ batches · data circles/);
    const lrPng = readPngInfo(new Uint8Array((await saved(page, 'lr-finder-export-png')).bytes));
    expect(lrPng.width).toBeGreaterThanOrEqual(1200);
    expect(lrPng.texts.Title).toBe('Find a learning rate — Playground: circles');
    await page.getByTestId('lr-finder-close').click();
  });

  it('draws the 2-D data plot in a square box with equal units, named axes and a colour legend, at two window sizes', async () => {
    const { page } = app;
    await page.getByTestId('tab-data').click();
    const plotButton = page.getByTestId('data-view-plot');
    if (await plotButton.count()) await plotButton.click();
    const scatter = page.getByTestId('data-scatter');
    await scatter.locator('.u-over').waitFor();
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(viewport);
      await expect
        .poll(async () => {
          const box = await scatter.locator('.u-over').boundingBox();
          return box ? Math.abs(box.width - box.height) : Infinity;
        })
        .toBeLessThanOrEqual(2);
      const box = (await scatter.locator('.u-over').boundingBox())!;
      expect(box.width).toBeGreaterThan(120);
      // Equal pixels per unit on both axes (the circles' two coordinates share a unit).
      const xSpan = Number(await scatter.getAttribute('data-x-span'));
      const ySpan = Number(await scatter.getAttribute('data-y-span'));
      expect(box.width / xSpan).toBeCloseTo(box.height / ySpan, 0);
      // Both axes named (the features), as page text beside the plot area.
      for (const axis of ['x', 'y']) {
        const name = scatter.getByTestId(`scatter-axis-${axis}`);
        expect((await name.textContent())?.trim()).toMatch(/\S/);
        const at = (await name.boundingBox())!;
        if (axis === 'x') expect(at.y).toBeGreaterThan(box.y + box.height);
        else expect(at.x + at.width).toBeLessThan(box.x);
      }
      const legend = await page.getByTestId('scatter-legend').locator('li').allTextContents();
      expect(legend.length).toBe(2);
      // The run charts' export buttons never crowd their titles (they wrap under them in a narrow chart).
      for (const chart of ['chart-loss', 'chart-acc']) {
        const title = page.getByTestId(chart).getByTestId('chart-title');
        expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      await app.screenshot(`chart-export-scatter-${viewport.width}`);
    }
  });
});
