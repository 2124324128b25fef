import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { connect, dropFromPalette, fill, selectNode } from './editor-helpers';

// Issue 14 through the real browser host: the image layers are in the palette under their own
// groups, a Conv2D shows Keras' output shape, and a Dense fed an image offers "Insert Flatten",
// an undoable fix that puts a Flatten on the connection.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('image layers in the editor', () => {
  it('builds Input → Conv2D → Dense, and the Dense warning\'s fix inserts a Flatten (undoable)', async () => {
    const { page } = app;
    await page.getByTestId('palette-Conv2D').waitFor();
    for (const type of ['MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Rescaling', 'Conv1D', 'MaxPooling1D', 'GlobalAveragePooling1D', 'ZeroPadding2D', 'UpSampling2D', 'SeparableConv2D', 'DepthwiseConv2D']) expect(await page.getByTestId(`palette-${type}`).count(), type).toBe(1);
    await dropFromPalette(page, 'Input', 110, 220);
    await dropFromPalette(page, 'Conv2D', 380, 220);
    await dropFromPalette(page, 'Dense', 660, 220);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    const [input, conv, dense] = ['n1', 'n2', 'n3'].map((id) => page.getByTestId(`node-${id}`));
    await selectNode(page, 'n1');
    await fill(page, 'param-shape', '8, 8, 1');
    await connect(page, input, conv);
    await connect(page, conv, dense);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // Keras: Conv2D(8, 3) on (8, 8, 1) gives (None, 6, 6, 8) with 80 parameters.
    await expect.poll(() => conv.textContent()).toMatch(/6, 6, 8/);

    await selectNode(page, 'n3');
    const fix = page.getByTestId('fix-insert-layer:n2:n3:Flatten');
    await fix.waitFor();
    expect(await fix.textContent()).toBe('Insert Flatten before Dense');
    await app.screenshot('image-layers-dense-on-image');
    await fix.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.getByTestId('node-flatten_n3').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await expect.poll(() => page.getByTestId('fix-insert-layer:n2:n3:Flatten').count()).toBe(0);
    await expect.poll(() => page.getByTestId('node-flatten_n3').textContent()).toMatch(/288/);
    await app.screenshot('image-layers-flatten-inserted');

    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
  });
});
