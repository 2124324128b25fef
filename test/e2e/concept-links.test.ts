/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { buildTutorialClassifier, runFromPalette, selectNode } from './editor-helpers';

// Issue 16: the tutorial's concept cards "linked from the fields they belong to", and the
// glossary "shown in the help". A learner clicks "What is this?" beside Batch size and reads the
// batch / stochastic / mini-batch card; reaches the same link by keyboard; in Chinese, opens the
// data table's axes card and the glossary from the command palette (Help › Glossary in the menu).

const require = createRequire(import.meta.url);

/** axe-core's WCAG 2 A/AA violations inside the element of this test id (rule ids with the nodes' targets). */
async function axeViolations(page: Page, testId: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses injected <script> tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (id) => {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(`[data-testid="${id}"]`)!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, testId);
}

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('concept links and the glossary (issue 16)', () => {
  it('the batch-size link opens its card by click and by keyboard; the axes and softmax links; the glossary searches both languages', async () => {
    const { page } = app;
    const card = page.getByTestId('concept-card');
    await page.getByTestId('palette-Input').waitFor();

    // The start panel links the glossary beside its lessons; Escape gives the focus back to the link.
    await page.getByTestId('start-glossary').click();
    await page.getByTestId('glossary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('glossary-search');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('glossary').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('start-glossary');

    // Click: the card of batch, stochastic and mini-batch gradient descent.
    expect(await card.count()).toBe(0);
    await page.getByTestId('concept-setting-batchSize').click();
    await card.waitFor();
    expect(await card.getAttribute('data-concept')).toBe('gradient-descent');
    expect(await card.textContent()).toContain('mini-batch gradient descent');
    await app.screenshot('concept-card-batch-size');
    expect(await axeViolations(page, 'concept-card')).toEqual([]);
    await page.getByTestId('concept-card-close').click();
    await expect.poll(() => card.count()).toBe(0);

    // Keyboard: Shift+Tab from the field reaches its link, Enter opens the card, Escape closes it
    // and gives the focus back to the link.
    await page.getByTestId('setting-batchSize').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('concept-setting-batchSize');
    await page.keyboard.press('Enter');
    await card.waitFor();
    expect(await card.getAttribute('data-concept')).toBe('gradient-descent');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('concept-setting-batchSize');

    // The other fit() settings and the loss link their cards.
    for (const [link, concept] of [
      ['concept-setting-epochs', 'epochs'],
      ['concept-setting-validationSplit', 'supervised'],
      ['concept-setting-loss', 'regression'],
    ] as const) {
      await page.getByTestId(link).click();
      await expect.poll(() => card.getAttribute('data-concept')).toBe(concept);
      await page.keyboard.press('Escape');
      await expect.poll(() => card.count()).toBe(0);
    }

    // The loss links the card of what it compares: one-hot rows for categorical crossentropy; no card for binary labels.
    await page.getByTestId('setting-loss').selectOption('categoricalCrossentropy');
    await page.getByTestId('concept-setting-loss').click();
    await expect.poll(() => card.getAttribute('data-concept')).toBe('one-hot');
    await page.keyboard.press('Escape');
    await page.getByTestId('setting-loss').selectOption('binaryCrossentropy');
    await expect.poll(() => page.getByTestId('concept-setting-loss').count()).toBe(0);
    await page.getByTestId('setting-loss').selectOption('meanSquaredError');

    // In Chinese: the data table's axes open the tensors card with the data's own axis sums.
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await page.getByTestId('tab-data').click();
    await page.getByTestId('data-view-table').click();
    await expect.poll(() => page.getByTestId('data-table-axes').textContent()).toContain('轴 0 对应 100 行');
    await page.getByTestId('concept-data-table-axes').click();
    await expect.poll(() => card.getAttribute('data-concept')).toBe('tensors');
    expect(await card.textContent()).toContain('张量和轴');
    expect(await card.getByTestId('lesson-axes').textContent()).toContain('[100, 1]');
    await page.keyboard.press('Escape');

    // A softmax activation links the softmax card; other activations do not.
    await buildTutorialClassifier(page);
    await selectNode(page, 'n3');
    await page.getByTestId('concept-param-n3-activation').click();
    await expect.poll(() => card.getAttribute('data-concept')).toBe('softmax');
    expect(await card.textContent()).toContain('概率');
    await page.keyboard.press('Escape');
    await selectNode(page, 'n2');
    expect(await page.getByTestId('concept-param-n2-activation').count()).toBe(0);

    // Class labels: the one-hot card (to_categorical), from the data table.
    await page.getByTestId('dataset-generator').selectOption('classification');
    await page.getByTestId('concept-data-table-labels').click();
    await expect.poll(() => card.getAttribute('data-concept')).toBe('one-hot');
    expect(await card.textContent()).toContain('to_categorical');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);

    // Help › Glossary (here from the command palette): searchable, the UI language first, both languages.
    await runFromPalette(page, '术语表', 'glossary');
    const glossary = page.getByTestId('glossary');
    await glossary.waitFor();

    await page.getByTestId('glossary-search').fill('batch_size');
    await expect.poll(() => page.getByTestId('glossary-count').textContent()).toMatch(/^共 \d+ 个术语，显示 1 个$/);
    const entry = page.getByTestId('glossary-batch-size');
    expect(await entry.textContent()).toContain('批大小');
    expect(await entry.textContent()).toContain('Batch size');
    expect(await entry.textContent()).toContain('How many rows the model sees before each weight update');
    await page.evaluate(() => document.fonts.ready);
    await app.screenshot('glossary-zh-CN');
    expect(await axeViolations(page, 'glossary')).toEqual([]);
    // From a term to its card.
    await page.getByTestId('glossary-card-batch-size').click();
    await expect.poll(() => card.getAttribute('data-concept')).toBe('gradient-descent');
    expect(await card.textContent()).toContain('小批量梯度下降');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
  });
});
