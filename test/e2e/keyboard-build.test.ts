import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { dropFromPalette } from './editor-helpers';

// Issue 17: a model built and trained with the keyboard alone. Every step goes through
// page.keyboard; focus moves only by Tab, arrow keys and the app's shortcuts (no clicks, no
// element.click(), no fill()). Reading the page (counts, values) is how the test checks.

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** What has focus: its test id, else its role and text (for the failure messages). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'nothing';
    return el.dataset.testid ?? `${el.tagName.toLowerCase()}[role=${el.getAttribute('role')}] ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40)}`;
  });

/** Presses Tab until the focused element matches `selector` (at most `max` times); fails naming where focus went. */
async function tabTo(page: Page, selector: string, max = 150, backwards = false): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    visited.push(await focused(page));
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses; focus went through: ${visited.slice(0, 60).join(' | ')}`);
}

/** Presses F6 (next pane) until focus is inside `region` (at most once per pane). */
async function paneTo(page: Page, region: string): Promise<void> {
  for (let i = 0; i < 6; i++) {
    if (await page.evaluate((r) => document.activeElement?.closest(r) !== null && document.activeElement?.closest(r) !== undefined, region)) return;
    await page.keyboard.press('F6');
  }
  throw new Error(`F6 never reached ${region}; focus is on ${await focused(page)}`);
}

/** The focused <select> moved to `value` with the arrow keys (as a keyboard user does with a closed list). */
async function chooseWithArrows(page: Page, value: string): Promise<void> {
  const { from, to } = await page.evaluate((v) => {
    const select = document.activeElement as HTMLSelectElement;
    return { from: select.selectedIndex, to: Array.from(select.options).findIndex((o) => o.value === v) };
  }, value);
  if (to < 0) throw new Error(`the focused element (${await focused(page)}) has no option "${value}"`);
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe(value);
}

/** Replaces the focused text field's text by typing. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const selectedNodes = (page: Page) => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const nodeCount = (page: Page) => page.locator('.react-flow__node').count();
const edgeIds = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());

/** Ids of the nodes not wholly inside the canvas' box. */
async function offCanvas(page: Page): Promise<string[]> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id')!, ...e.getBoundingClientRect().toJSON() as DOMRect })));
  return boxes.filter((b) => b.x < canvas.x || b.y < canvas.y || b.x + b.width > canvas.x + canvas.width || b.y + b.height > canvas.y + canvas.height).map((b) => b.id);
}

async function ready(): Promise<Page> {
  app = await startApp();
  const { page } = app;
  await page.getByTestId('palette-Input').waitFor();
  await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
  return page;
}

describe('keyboard-only building (issue 17)', () => {
  it('the palette is a focusable list: Tab from the search reaches its layers, arrows move, Enter adds', async () => {
    const page = await ready();
    await tabTo(page, '[data-testid="palette-search"]');
    // Was: the palette's layers could not be focused; Tab left the palette.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('palette-Input');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('option');
    // Focus is visible: an outline on the focused layer.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    const second = await focused(page);
    expect(second).toMatch(/^palette-/);
    expect(second).not.toBe('palette-Input');
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('palette-Input');
    // Typing in the list searches.
    await page.keyboard.type('Drop');
    expect(await focused(page)).toBe('palette-search');
    expect(await page.getByTestId('palette-search').inputValue()).toBe('Drop');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('palette-Dropout');
    // ↑ from the first layer goes back to the search; clear it.
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('palette-search');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    expect(await page.getByTestId('palette-search').inputValue()).toBe('');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('palette-Input');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeCount(page)).toBe(1);
    expect(await page.getByTestId('node-n1').getAttribute('data-type')).toBe('Input');
  });

  it('search + Enter adds the first match after the selected layer and connects it; Ctrl+Z takes it back', async () => {
    const page = await ready();
    await tabTo(page, '[data-testid="palette-search"]');
    await page.keyboard.type('Input');
    // Was: Enter in the search added nothing.
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeCount(page)).toBe(1);
    await page.keyboard.type('Dense');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeCount(page)).toBe(2);
    expect(await page.getByTestId('node-n2').getAttribute('data-type')).toBe('Dense');
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2']);
    // ↓ from the search reaches the first match; Enter there adds it too.
    await page.keyboard.type('Dense');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('palette-Dense');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodeCount(page)).toBe(3);
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2', 'e-n2-n3']);
    // The canvas follows: every layer added to the right is on screen.
    await expect.poll(() => offCanvas(page)).toEqual([]);
    // One undo step takes back the layer and its connection together.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => nodeCount(page)).toBe(2);
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2']);
  });

  it('connects and disconnects the selected layer from the keyboard; refused targets say why', async () => {
    const page = await ready();
    // Setup only (not what is checked): three unconnected layers dropped with the mouse.
    await dropFromPalette(page, 'Input', 110, 200);
    await dropFromPalette(page, 'Dense', 380, 200);
    await dropFromPalette(page, 'Dense', 650, 200);
    await expect.poll(() => nodeCount(page)).toBe(3);
    await page.keyboard.press('Escape');

    // Was: connecting needed a mouse drag between handles. Select n1 by Tab + Enter, Ctrl+E, Enter.
    await tabTo(page, '.react-flow__node[data-id="n1"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedNodes(page)).toEqual(['n1']);
    // Arrow keys move the selected layer (one undo step each).
    const before = (await page.getByTestId('node-n1').boundingBox())!;
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await page.getByTestId('node-n1').boundingBox())!.x).toBeGreaterThan(before.x);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await page.getByTestId('node-n1').boundingBox())!.x).toBeCloseTo(before.x, 0);
    await tabTo(page, '.react-flow__node[data-id="n1"]', 10, true);
    await page.keyboard.press('Control+E');
    await page.getByTestId('connect-picker').waitFor();
    expect(await focused(page)).toBe('connect-list');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2']);
    expect(await page.getByTestId('connect-picker').count()).toBe(0);
    expect(await focused(page)).toBe('rf__node-n1');

    // n2 → n3: n3 is offered first; n1 (an Input takes no connections in) is listed as refused, with the reason.
    await tabTo(page, '.react-flow__node[data-id="n2"]', 10);
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedNodes(page)).toEqual(['n2']);
    await page.keyboard.press('Control+E');
    await page.getByTestId('connect-picker').waitFor();
    const options = page.getByTestId('connect-list').locator('[role=option]');
    expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['connect-choice-n3', 'connect-choice-n1']);
    const refused = page.getByTestId('connect-choice-n1');
    expect(await refused.getAttribute('aria-disabled')).toBe('true');
    expect(await refused.locator('.connect-refused').textContent()).toMatch(/Input/);
    await app!.screenshot('keyboard-connect-picker');
    // Enter on a refused entry does nothing; the picker stays open.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('connect-picker').count()).toBe(1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2', 'e-n2-n3']);

    // Disconnect… (Ctrl+Shift+E) lists n2's two connections; Enter removes the first; Ctrl+Z brings it back.
    await page.keyboard.press('Control+Shift+E');
    await page.getByTestId('connect-picker').waitFor();
    expect(await page.getByTestId('connect-list').locator('[role=option]').count()).toBe(2);
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeIds(page)).toEqual(['e-n2-n3']);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2', 'e-n2-n3']);
  });

  it('builds the tutorial classifier with the keyboard only and trains it to a finished run', async () => {
    const page = await ready();
    // Input → Dense → Dense, each added after the previous one and connected to it.
    await page.keyboard.press('Control+I');
    for (const type of ['Input', 'Dense', 'Dense']) {
      await page.keyboard.type(type);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => nodeCount(page)).toBe(3);
    await expect.poll(() => edgeIds(page)).toEqual(['e-n1-n2', 'e-n2-n3']);

    // F6 from the palette's search goes to the canvas, onto the selected layer (n3, the last added).
    await page.keyboard.press('F6');
    expect(await focused(page)).toBe('rf__node-n3');
    // Each layer: Tab (Shift+Tab) to it on the canvas, Enter selects it, F6 to the inspector, Tab to its fields.
    await tabTo(page, '.react-flow__node[data-id="n1"]', 10, true);
    await page.keyboard.press('Enter');
    await paneTo(page, '.sidebar');
    await tabTo(page, '[data-testid="param-shape"]', 20);
    await retype(page, '100');

    await page.keyboard.press('Shift+F6');
    await paneTo(page, '.canvas');
    await tabTo(page, '.react-flow__node[data-id="n2"]', 10);
    await page.keyboard.press('Enter');
    await paneTo(page, '.sidebar');
    await tabTo(page, '[data-testid="param-units"]', 20);
    await retype(page, '100');
    await tabTo(page, '[data-testid="param-activation"]', 10);
    await chooseWithArrows(page, 'relu');

    await paneTo(page, '.canvas');
    await tabTo(page, '.react-flow__node[data-id="n3"]', 10);
    await page.keyboard.press('Enter');
    await paneTo(page, '.sidebar');
    await tabTo(page, '[data-testid="param-units"]', 20);
    await retype(page, '10');
    await tabTo(page, '[data-testid="param-activation"]', 10);
    await chooseWithArrows(page, 'softmax');

    // Training settings: the built-in 10-class data, RMSprop, categorical crossentropy.
    await tabTo(page, '[data-testid="setting-optimizer"]');
    await chooseWithArrows(page, 'rmsprop');
    await tabTo(page, '[data-testid="setting-loss"]', 20);
    await chooseWithArrows(page, 'categoricalCrossentropy');
    await tabTo(page, '[data-testid="setting-metrics-accuracy"]', 20);
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="setting-metrics-mae"]', 5);
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="setting-epochs"]', 40);
    await retype(page, '20');
    await tabTo(page, '[data-testid="dataset-generator"]', 60);
    await chooseWithArrows(page, 'classification');

    expect(await page.getByTestId('node-n1').textContent()).toContain('(None, 100)');
    expect(await page.getByTestId('node-n2').textContent()).toContain('(None, 100)');
    expect(await page.getByTestId('node-n3').textContent()).toContain('(None, 10)');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await app!.screenshot('keyboard-build-built');

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);
    expect(Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBe(20);
    expect(Number(await page.getByTestId('chart-acc').getAttribute('data-points'))).toBe(20);
    await app!.screenshot('keyboard-build-trained');

    // Train again from the toolbar's button: while it runs the focus is on Stop, then back on
    // Train — never lost to the page when the pressed button turns disabled (trial 11).
    await paneTo(page, '.toolbar');
    await tabTo(page, '[data-testid="train-button"]', 40);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 120_000 }).toBe('2');
    await expect.poll(() => page.getByTestId('train-button').isDisabled()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName)).toMatch(/^(train-button|stop-button)$/);
  });
});
