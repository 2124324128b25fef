import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropFromPalette } from './editor-helpers';
import { startApp, type App } from './harness';

// The foundation's thin slice, through the real browser host: drag Input, Dense and Activation
// from the palette, connect them, train on the tutorial's y = x + noise data, and watch the
// loss curve come from the real trainer process and go down.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('thin slice', () => {
  it('builds Input → Dense → Activation by drag and drop, trains it, and the loss goes down', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);

    await dropFromPalette(page, 'Input', 120, 160);
    await dropFromPalette(page, 'Dense', 400, 160);
    await dropFromPalette(page, 'Activation', 680, 160);
    const nodes = page.locator('.react-flow__node');
    await expect.poll(() => nodes.count()).toBe(3);
    const [input, dense, activation] = [nodes.nth(0), nodes.nth(1), nodes.nth(2)];
    await expect.poll(() => input.textContent()).toContain('Input');
    await expect.poll(() => dense.textContent()).toContain('Dense');
    await expect.poll(() => activation.textContent()).toContain('Activation');

    await connect(page, input, dense);
    await connect(page, dense, activation);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // One Dense unit, as in the tutorial: y = w·x + b.
    await dense.click();
    await page.getByTestId('param-units').fill('1');
    await page.getByTestId('param-units').blur();
    await activation.click();
    await page.getByTestId('param-activation').selectOption('linear');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);

    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/Done/);

    const chart = page.getByTestId('chart-loss');
    const points = Number(await chart.getAttribute('data-points'));
    const first = Number(await chart.getAttribute('data-first-loss'));
    const last = Number(await chart.getAttribute('data-last-loss'));
    expect(points).toBeGreaterThan(5);
    expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first * 0.5);
    await app.screenshot('thin-slice-trained');
  });
});
