import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { fill, loadTemplate } from './editor-helpers';

// The run charts: titled, with a hover readout of the epoch under the cursor, and a per-batch loss
// line drawn through a bounded (decimated) view however many batches stream in.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('run charts', () => {
  it('title each chart, read out the hovered epoch, and draw a bounded view of thousands of batch losses', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'playground-circles');
    // The template opens asynchronously; settings typed before it lands would be replaced.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
    await fill(page, 'setting-batchSize', '1');
    await fill(page, 'setting-epochs', '12');
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/Done/);

    const loss = page.getByTestId('chart-loss');
    expect(await loss.getByTestId('chart-title').textContent()).toBe('Loss');
    expect(await page.getByTestId('chart-acc').getByTestId('chart-title').textContent()).toBe('Accuracy');
    await expect.poll(async () => Number(await loss.getAttribute('data-points'))).toBe(12);
    const batches = Number(await loss.getAttribute('data-batch-points'));
    const drawn = Number(await loss.getAttribute('data-drawn-points'));
    expect(batches).toBeGreaterThan(3000);
    // Two points per pixel column of the chart at most for the batches, plus the two ends and one per epoch.
    const width = (await loss.locator('.chart-plot').boundingBox())!.width;
    expect(drawn).toBeLessThanOrEqual(2 * width + 2 + 12);

    // Hover in the middle of epoch 6 (x in (5, 6]): the per-epoch lines have no point at that x, yet
    // the readout shows epoch 6's training loss rather than a dash.
    const over = (await loss.locator('.u-over').boundingBox())!;
    await page.mouse.move(over.x + over.width * (5.5 / 12), over.y + over.height / 2);
    const readout = async (index: number) => (await loss.locator('.u-legend .u-series').nth(index).locator('.u-value').textContent())?.trim() ?? '';
    await expect.poll(() => readout(1)).toMatch(/^-?\d/);
    expect(await readout(3)).toMatch(/^-?\d/);

    await app.screenshot('run-charts-hover');
  });
});
