import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Gestures shared by the editor's end-to-end tests: only what a user does with mouse and keyboard. */

export async function dropFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '.react-flow__pane', { targetPosition: { x, y } });
}

export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = await from.locator('.react-flow__handle.source').boundingBox();
  const target = await to.locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error('handle not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Types into an inspector or settings field and leaves it, as a user would. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.blur();
}

/** Clicks a node on its title, away from the handles. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).locator('.layer-node-type').click();
}

export async function loadTemplate(page: Page, id: string): Promise<void> {
  await page.getByTestId('template-picker').selectOption(id);
}

export async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(`node-${id}`).boundingBox();
  if (!box) throw new Error(`node ${id} is not visible`);
  return { x: box.x, y: box.y };
}

/**
 * Builds the Keras tutorial classifier's graph by hand: Input(100) → Dense(100, relu) →
 * Dense(10, softmax), nodes n1–n3, with the mouse and the inspector only.
 */
export async function buildTutorialClassifier(page: Page): Promise<void> {
    await page.getByTestId('palette-Input').waitFor();
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
    // Spread over the canvas as it is: narrower when a lesson panel is docked beside it.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const scale = Math.min(1, (pane.width - 90) / 650);
    await dropFromPalette(page, 'Input', Math.round(110 * scale), 200);
    await dropFromPalette(page, 'Dense', Math.round(380 * scale), 200);
    await dropFromPalette(page, 'Dense', Math.round(650 * scale), 200);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    const [input, hidden, output] = ['n1', 'n2', 'n3'].map((id) => page.getByTestId(`node-${id}`));
    await connect(page, input, hidden);
    await connect(page, hidden, output);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await selectNode(page, 'n1');
    await fill(page, 'param-shape', '100');
    await selectNode(page, 'n2');
    await fill(page, 'param-units', '100');
    await page.getByTestId('param-activation').selectOption('relu');
    await selectNode(page, 'n3');
    await fill(page, 'param-units', '10');
    await page.getByTestId('param-activation').selectOption('softmax');
}

/**
 * Iris-like flowers for the CSV tests: 50 rounds of one row per species, each measurement its
 * species' centre ± 0.2 drawn from a seeded linear congruential generator, ids from 1. Returned as
 * rows of [id, four measurements (2 decimals), species]; each test writes them with its delimiter.
 */
export function flowerRows(seed: number): { id: number; values: string[]; species: string }[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const centres: Record<string, number[]> = { setosa: [5.0, 3.4, 1.5, 0.25], versicolor: [5.9, 2.8, 4.3, 1.3], virginica: [6.6, 3.0, 5.6, 2.0] };
  const rows: { id: number; values: string[]; species: string }[] = [];
  let id = 1;
  for (let i = 0; i < 50; i++) {
    for (const [species, centre] of Object.entries(centres)) rows.push({ id: id++, values: centre.map((c) => (c + (random() - 0.5) * 0.4).toFixed(2)), species });
  }
  return rows;
}

/** Runs an action from the command palette (Ctrl+Shift+P): types `text`, expects exactly the entry `command-<id>`, presses Enter. */
export async function runFromPalette(page: Page, text: string, id: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-palette').waitFor();
  await page.getByTestId('command-input').fill(text);
  await expect.poll(() => page.getByTestId(`command-${id}`).count()).toBe(1);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('command-palette').count()).toBe(0);
}
