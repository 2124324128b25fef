import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { connect, dropFromPalette, fill, loadTemplate, nodePosition, selectNode } from './editor-helpers';

// Editing the graph the way a user does: undo/redo of every kind of edit from the keyboard and
// the toolbar, copy/paste, auto-layout, the circles template's decision regions, and language.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const nodeCount = (page: Page) => page.locator('.react-flow__node').count();
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

/** Leaves any text field so the canvas shortcuts apply. */
async function focusCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
}

describe('editing', () => {
  it('undoes and redoes add, connect, a parameter edit and delete, from keys and buttons', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await dropFromPalette(page, 'Input', 120, 200);
    await dropFromPalette(page, 'Dense', 420, 200);
    await expect.poll(() => nodeCount(page)).toBe(2);

    // Add
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page)).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeCount(page)).toBe(2);

    // Connect
    await connect(page, page.getByTestId('node-n1'), page.getByTestId('node-n2'));
    await expect.poll(() => edgeCount(page)).toBe(1);
    await page.getByTestId('undo-button').click();
    await expect.poll(() => edgeCount(page)).toBe(0);
    await page.getByTestId('redo-button').click();
    await expect.poll(() => edgeCount(page)).toBe(1);

    // A parameter edit: typing "77" is one step, not two.
    const dense = page.getByTestId('node-n2');
    const before = await dense.locator('.layer-node-params').textContent();
    await selectNode(page, 'n2');
    await page.getByTestId('param-units').fill('7');
    await page.getByTestId('param-units').fill('77');
    await page.getByTestId('param-units').blur();
    await expect.poll(() => dense.locator('.layer-node-params').textContent()).toContain('units 77');
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => dense.locator('.layer-node-params').textContent()).toBe(before);
    await page.keyboard.press('Control+y');
    await expect.poll(() => dense.locator('.layer-node-params').textContent()).toContain('units 77');
    await selectNode(page, 'n2');
    expect(await page.getByTestId('param-units').inputValue()).toBe('77');

    // Delete takes the node's edges with it; undo brings both back.
    await focusCanvas(page);
    await selectNode(page, 'n2');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page)).toBe(1);
    expect(await edgeCount(page)).toBe(0);
    await page.getByTestId('undo-button').click();
    await expect.poll(() => nodeCount(page)).toBe(2);
    await expect.poll(() => edgeCount(page)).toBe(1);
    await app.screenshot('editing-undo-redo');
  });

  it('copies and pastes a connected pair, and auto-layout puts every chain left to right', async () => {
    const { page } = app;
    await focusCanvas(page);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodeCount(page)).toBe(4);
    await expect.poll(() => edgeCount(page)).toBe(2);
    const pasted = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(pasted).toEqual(['n1', 'n2', 'n3', 'n4']);
    await expect.poll(() => page.getByTestId('node-n4').textContent()).toContain('units 77');

    // Drag the first Input to the right of its Dense, so the chain reads backwards.
    await focusCanvas(page);
    const input = await page.getByTestId('node-n1').locator('.layer-node-type').boundingBox();
    const dense = await nodePosition(page, 'n2');
    await page.mouse.move(input!.x + 5, input!.y + 5);
    await page.mouse.down();
    await page.mouse.move(dense.x + 260, input!.y + 120, { steps: 12 });
    await page.mouse.up();
    expect((await nodePosition(page, 'n1')).x).toBeGreaterThan((await nodePosition(page, 'n2')).x);
    await app.screenshot('editing-before-layout');

    await page.getByTestId('auto-layout').click();
    await page.waitForTimeout(400); // the fit-view animation
    const [n1, n2, n3, n4] = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((id) => nodePosition(page, id)));
    expect(n1.x).toBeLessThan(n2.x);
    expect(n3.x).toBeLessThan(n4.x);
    // Both chains are laid out in the same two columns.
    expect(Math.abs(n1.x - n3.x)).toBeLessThan(2);
    expect(Math.abs(n2.x - n4.x)).toBeLessThan(2);
    await app.screenshot('editing-after-layout');

    // The layout is one undo step.
    await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await nodePosition(page, 'n1')).x > (await nodePosition(page, 'n2')).x).toBe(true);
  });

  it('shades the decision regions of the circles template while and after training', async () => {
    const { page } = app;
    await loadTemplate(page, 'playground-circles');
    await expect.poll(() => nodeCount(page)).toBe(3);
    await fill(page, 'setting-epochs', '300');
    await page.getByTestId('tab-data').click();
    const scatter = page.getByTestId('data-scatter');
    expect(await scatter.getAttribute('data-fit')).toBe('none');
    await page.getByTestId('train-button').click();
    // The regions follow the model epoch by epoch while it trains, not only at the end.
    await expect.poll(() => scatter.getAttribute('data-fit'), { timeout: 30_000, interval: 100 }).toBe('regions');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/Training/);
    await app.screenshot('editing-circles-regions-live');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/Done/);
    await expect.poll(() => scatter.getAttribute('data-fit'), { timeout: 30_000 }).toBe('regions');
    await app.screenshot('editing-circles-regions');
  });

  it('switches the whole UI to Simplified Chinese, help included, and remembers the choice', async () => {
    const { page } = app;
    const picker = page.getByTestId('language-picker');
    expect(await picker.inputValue()).toBe('en');
    expect(await page.getByTestId('train-button').textContent()).toContain('Train');

    await picker.selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('train-button').textContent()).toContain('训练');
    expect(await page.getByTestId('tab-data').textContent()).toBe('数据');
    // The run's outcome follows "完成" (done), e.g. "完成 · 已学会".
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^完成 · \p{Script=Han}+$/u);
    expect(await page.getByTestId('status-problems').textContent()).toMatch(/个层/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Template names too (resources/templates/index.json translations).
    expect(await page.getByTestId('template-picker').locator('option[value="mnist-cnn"]').textContent()).toBe('MNIST 子集 CNN');

    // The hover help explains batch, stochastic and mini-batch gradient descent in Chinese.
    const help = page.getByTestId('help-setting-batchSize');
    await help.hover();
    const pop = help.locator('.help-pop');
    await expect.poll(() => pop.isVisible()).toBe(true);
    expect(await pop.textContent()).toMatch(/随机梯度下降.*批量梯度下降.*小批量梯度下降/s);
    await app.screenshot('editing-chinese-help');

    // Remembered across a reload.
    await page.reload();
    await page.getByTestId('palette-Input').waitFor();
    expect(await page.getByTestId('language-picker').inputValue()).toBe('zh-CN');
    expect(await page.getByTestId('palette-search').getAttribute('placeholder')).toBe('搜索层…');
    await page.getByTestId('language-picker').selectOption('en');
    await expect.poll(() => page.getByTestId('train-button').textContent()).toContain('Train');
  });
});
