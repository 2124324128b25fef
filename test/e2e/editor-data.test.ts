import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { connect, dropFromPalette, fill, selectNode } from './editor-helpers';

// The data view: a virtualised table, per-column statistics, and after training a confusion
// matrix computed from the real model's predictions on every row.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('data view', () => {
  it('shows the circles data as a virtualised table and statistics, then the confusion matrix of a trained model', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await page.getByTestId('dataset-generator').selectOption('circles');
    await page.getByTestId('tab-data').click();

    await page.getByTestId('data-view-table').click();
    const table = page.getByTestId('data-table');
    expect(await table.getAttribute('data-total-rows')).toBe('400');
    const rendered = Number(await table.getAttribute('data-rendered-rows'));
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(60);
    expect(await table.locator('.data-table-row').count()).toBe(rendered);
    await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => table.locator('[data-row="399"]').count()).toBe(1);
    expect(await table.locator('[data-row="0"]').count()).toBe(0);
    await app.screenshot('data-table');

    await page.getByTestId('data-view-stats').click();
    const stats = page.getByTestId('data-stats');
    expect(await stats.locator('tbody tr').count()).toBe(3);
    const label = await stats.locator('[data-column="label"] td').allTextContents();
    expect(label).toEqual(['label', '0', '1', '0.5', '0.5', '2']);
    await app.screenshot('data-stats');

    await page.getByTestId('data-view-results').click();
    expect(await page.getByTestId('data-panel').textContent()).toMatch(/Train a model/);

    await dropFromPalette(page, 'Input', 110, 200);
    await dropFromPalette(page, 'Dense', 380, 200);
    await dropFromPalette(page, 'Dense', 650, 200);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    const [input, hidden, output] = ['n1', 'n2', 'n3'].map((id) => page.getByTestId(`node-${id}`));
    await connect(page, input, hidden);
    await connect(page, hidden, output);
    await selectNode(page, 'n2');
    await fill(page, 'param-units', '8');
    await page.getByTestId('param-activation').selectOption('tanh');
    await selectNode(page, 'n3');
    await fill(page, 'param-units', '2');
    await page.getByTestId('param-activation').selectOption('softmax');
    await page.getByTestId('setting-loss').selectOption('categoricalCrossentropy');
    await page.getByTestId('setting-optimizer').selectOption('adam');
    await fill(page, 'setting-learningRate', '0.03');
    await page.getByTestId('setting-metrics-accuracy').check();
    await fill(page, 'setting-epochs', '40');
    await fill(page, 'setting-batchSize', '16');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/Done/);

    const matrix = page.getByTestId('confusion-matrix');
    await matrix.waitFor({ timeout: 30_000 });
    expect(await matrix.getAttribute('data-classes')).toBe('2');
    const cells = (await matrix.locator('td').allTextContents()).map(Number);
    expect(cells).toHaveLength(4);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(400);
    const accuracy = Number(await page.getByTestId('overall-accuracy').getAttribute('data-value'));
    expect(accuracy).toBeCloseTo((cells[0] + cells[3]) / 400, 6);
    expect(accuracy).toBeGreaterThan(0.8);
    expect(await page.getByTestId('per-class-accuracy').locator('.class-bar').count()).toBe(2);
    await app.screenshot('data-results');
  });
});
