/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { dropFromPalette, selectNode } from './editor-helpers';

// Issue 16 (trial 9, N1): in 简体中文 the inspector (layer description, parameter names and help)
// and the graph problems ("Dense is not connected to the Input…") were English. A learner switches
// to Chinese, drops an Input and a Dense without connecting them, and selects the Dense.

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('registry texts and graph problems in Chinese (issue 16)', () => {
  it('the inspector describes Dense, names its params and pins its problem in Chinese', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The palette tooltip is the translated label and description.
    expect(await page.getByTestId('palette-Dense').getAttribute('title')).toContain('全连接层 (Dense)');

    await dropFromPalette(page, 'Input', 200, 200);
    await dropFromPalette(page, 'Dense', 500, 200);
    await page.getByTestId('node-n2').waitFor();
    await selectNode(page, 'n2');

    const inspector = page.getByTestId('inspector');
    await expect.poll(() => page.getByTestId('inspector-layer-label').textContent()).toBe('全连接层 (Dense)');
    expect(await page.getByTestId('inspector-description').textContent()).toBe('全连接层：每个输出都是所有输入的加权和再加上偏置，然后经过激活函数。');
    const text = (await inspector.textContent()) ?? '';
    expect(text).toContain('单元数 (units)');
    expect(text).toContain('激活函数 (activation)');
    expect(text).toContain('Dense 没有连接到 Input，没有数据能到达它。请连接或删除它。');
    expect(text).not.toContain('is not connected to the Input');
    expect(text).not.toContain('A fully connected layer');
    // The node's problem badge reads the same Chinese sentence.
    expect(await page.getByTestId('node-n2').getByTestId('node-problem').getAttribute('title')).toContain('Dense 没有连接到 Input');
    await page.evaluate(() => document.fonts.ready);
    await app.screenshot('inspector-zh-CN-dense');

    // Back in English the registry's own words return.
    await page.getByTestId('language-picker').selectOption('en');
    await expect.poll(() => page.getByTestId('inspector-description').textContent()).toBe('A fully connected layer: every output is a weighted sum of all inputs plus a bias, then an activation.');
    expect(await inspector.textContent()).toContain('Dense is not connected to the Input, so no data reaches it. Connect it or delete it.');
  });

  // Issue 16 (part 2): a bad parameter value was refused in English ("Dense units must be a whole
  // number…") in the Chinese UI.
  it('typing units = 0 in the inspector is refused in Chinese', async () => {
    const { page } = app;
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await selectNode(page, 'n2');
    const units = page.getByTestId('param-units');
    await units.fill('0');
    await units.blur();
    const error = page.getByTestId('inspector').locator('.field.invalid .field-error');
    await expect.poll(() => error.textContent()).toBe('Dense 的单元数 (units) 必须是介于 1 到 100000 之间的整数；现在是 0。');
    await app.screenshot('inspector-zh-CN-units-0');

    // The same refusal in English, worded by the shared check.
    await page.getByTestId('language-picker').selectOption('en');
    await units.fill('3');
    await units.fill('0');
    await units.blur();
    await expect.poll(() => error.textContent()).toBe('Dense units must be a whole number between 1 and 100000; got 0.');
  });
});
