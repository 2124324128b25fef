import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { connect, dropFromPalette, fill, selectNode } from './editor-helpers';

// Issue 14's done-when, through the real browser host and trainer: a small CNN on the built-in
// 8×8 digits built by drag and drop, trained to validation accuracy ≥ 0.95; a confusion-matrix
// cell opens the images behind it; a digit drawn with the mouse is predicted.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const status = (page: Page) => page.getByTestId('run-status').textContent();

/** One stroke with the mouse on the drawing canvas, from and to fractions of its size. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('predict-draw-canvas').boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 12 });
  await page.mouse.up();
}

describe('a CNN on the 8×8 digits (issue 14)', () => {
  it('builds it by drag and drop, trains to val accuracy ≥ 0.95, shows a confusion cell\'s images, and predicts a drawn digit', async () => {
    const { page } = app;
    await page.getByTestId('palette-Conv2D').waitFor();
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);

    // The built-in set, chosen beside the generators.
    await page.getByTestId('dataset-images-digits').click();
    await expect.poll(() => page.getByTestId('images-set').inputValue()).toBe('digits');
    expect(await page.getByTestId('images-dataset-shape').textContent()).toMatch(/1797 images of 8×8×1, 10 classes/);
    expect(await page.getByTestId('images-step').textContent()).toContain('pixels ÷ 16 → 0–1');

    await dropFromPalette(page, 'Input', 90, 200);
    await dropFromPalette(page, 'Conv2D', 300, 200);
    await dropFromPalette(page, 'MaxPooling2D', 510, 200);
    await dropFromPalette(page, 'Flatten', 720, 200);
    await dropFromPalette(page, 'Dense', 930, 200);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => page.getByTestId(`node-${id}`));
    for (let i = 0; i < 4; i++) await connect(page, nodes[i], nodes[i + 1]);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    // A new Input takes the images' shape.
    await selectNode(page, 'n1');
    expect(await page.getByTestId('param-shape').inputValue()).toMatch(/^\[?8, ?8, ?1\]?$/);
    await selectNode(page, 'n2');
    await fill(page, 'param-filters', '16');
    await page.getByTestId('param-padding').selectOption('same');
    await page.getByTestId('param-activation').selectOption('relu');
    await selectNode(page, 'n5');
    await fill(page, 'param-units', '10');
    await page.getByTestId('param-activation').selectOption('softmax');
    // Keras: Conv2D(16, 3, padding='same') on (8, 8, 1) → (None, 8, 8, 16), 160 parameters; pooled (None, 4, 4, 16); Flatten 256.
    await expect.poll(() => nodes[1].textContent()).toMatch(/8, 8, 16/);
    await expect.poll(() => nodes[3].textContent()).toMatch(/256/);

    await page.getByTestId('setting-loss').selectOption('sparseCategoricalCrossentropy');
    await page.getByTestId('setting-optimizer').selectOption('adam');
    await fill(page, 'setting-learningRate', '0.01');
    await page.getByTestId('setting-metrics-accuracy').check();
    await page.getByTestId('setting-metrics-mae').uncheck();
    await fill(page, 'setting-epochs', '15');
    await fill(page, 'setting-batchSize', '32');
    await fill(page, 'setting-validationSplit', '0.2');
    await fill(page, 'setting-seed', '7');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await app.screenshot('images-digits-built');

    await page.getByTestId('train-button').click();
    await expect.poll(() => status(page), { timeout: 180_000, interval: 500 }).toMatch(/Done/);
    const valAcc = Number(await page.getByTestId('final-metrics').locator('[data-key="val_acc"]').getAttribute('data-value'));
    expect(valAcc).toBeGreaterThanOrEqual(0.95);
    await app.screenshot('images-digits-trained');

    // A taller bottom area, as a user looking at images would drag it.
    const splitter = (await page.getByTestId('bottom-resizer').boundingBox())!;
    await page.mouse.move(splitter.x + splitter.width / 2, splitter.y + splitter.height / 2);
    await page.mouse.down();
    await page.mouse.move(splitter.x + splitter.width / 2, splitter.y - 200, { steps: 5 });
    await page.mouse.up();

    // The data view shows images (not a scatter plot), with true and predicted labels.
    await page.getByTestId('tab-data').click();
    await expect.poll(() => page.getByTestId('image-cell').count()).toBe(48);
    await expect.poll(() => page.getByTestId('image-cell').first().getAttribute('data-predicted')).toMatch(/^\d$/);
    expect(await page.locator('.scatter').count()).toBe(0);
    // Image 5 in detail: the model's top classes as the data view computed them (every row through model.predict).
    await page.getByTestId('image-cell').nth(5).click();
    const gridTop = await page.getByTestId('image-details-top').locator('.class-bar').evaluateAll((els) => els.map((el) => [el.getAttribute('data-class'), Number(el.getAttribute('data-value'))]));
    await page.getByTestId('image-cell').nth(3).click();
    await expect.poll(() => page.getByTestId('image-details').getAttribute('data-row')).toBe('3');
    expect(await page.getByTestId('image-details-truth').textContent()).toBe('true: 3');
    await app.screenshot('images-grid');

    // The confusion matrix: a cell opens the images behind it, as many as it counts.
    await page.getByTestId('data-view-results').click();
    await page.getByTestId('confusion-matrix').waitFor();
    const cells = await page.locator('[data-testid^="confusion-cell-"]').evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-testid')!, n: Number(el.getAttribute('data-value')) })),
    );
    expect(cells.reduce((a, c) => a + c.n, 0)).toBe(1797);
    // The off-diagonal cell with the most mistakes (there are a few on the training rows too), else the biggest diagonal one.
    const off = cells.filter((c) => { const [, , i, j] = c.id.split('-'); return i !== j && c.n > 0; }).sort((a, b) => b.n - a.n);
    const pick = off[0] ?? cells.sort((a, b) => b.n - a.n)[0];
    const [, , truth, predicted] = pick.id.split('-');
    await page.getByTestId(pick.id).locator('button').click();
    await expect.poll(() => page.getByTestId('confusion-cell-image').count()).toBe(Math.min(pick.n, 120));
    expect(await page.getByTestId('confusion-cell-title').textContent()).toContain(`True ${truth}, predicted ${predicted}`);
    await page.getByTestId('confusion-cell-image').first().click();
    await expect.poll(() => page.getByTestId('image-details-truth').textContent()).toBe(`true: ${truth}`);
    expect(await page.getByTestId('image-details-predicted').textContent()).toContain(`predicted: ${predicted}`);
    await app.screenshot('images-confusion-cell');

    // What the network sees of the selected image: the Conv2D's and the pooling layer's 16 maps
    // (8×8, then 4×4) and the Conv2D's 16 learned 3×3 filters.
    const maps = page.getByTestId('feature-maps');
    await expect.poll(() => maps.getByTestId('feature-maps-layer').count(), { timeout: 20_000 }).toBe(2);
    expect(await maps.getByTestId('feature-maps-error').count()).toBe(0);
    const layerTitles = await maps.getByTestId('feature-maps-layer').locator('h4').allTextContents();
    expect(layerTitles[0]).toMatch(/Conv2D.*8×8×16/);
    expect(layerTitles[1]).toMatch(/MaxPooling2D.*4×4×16/);
    expect(await maps.getByTestId('feature-maps-layer').first().getByTestId('feature-maps-tile').count()).toBe(16);
    expect(await maps.getByTestId('feature-maps-filters').locator('h4').textContent()).toMatch(/3×3/);
    expect(await maps.getByTestId('feature-maps-filters').getByTestId('feature-maps-tile').count()).toBe(16);
    await maps.scrollIntoViewIfNeeded();
    await app.screenshot('images-feature-maps');
    // Trial 5, F4: the details and feature maps use the tab's width, not a 170 px column.
    expect((await page.getByTestId('image-details').boundingBox())!.width).toBeGreaterThan(300);

    // Trial 5, F3: the accuracy says which images it covers, and the validation images can be shown alone.
    expect(await page.getByTestId('results-scope').textContent()).toBe('Over all 1,797 images: 1,437 (80%) were used for training, 360 held out for validation.');
    await page.getByTestId('results-part').selectOption('validation');
    await expect.poll(() => page.getByTestId('results-scope').textContent()).toContain('Over the 360 validation images only');
    const validationCells = await page.locator('[data-testid^="confusion-cell-"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
    expect(validationCells.reduce((a, n) => a + n, 0)).toBe(360);
    // The same accuracy the run reported for its validation rows (val_acc, over the same 360 images).
    const shownAcc = Number(await page.getByTestId('overall-accuracy').getAttribute('data-value'));
    expect(shownAcc).toBeCloseTo(valAcc, 4);
    await page.getByTestId('results-part').selectOption('all');

    // Predict a digit drawn with the mouse: a "1", one vertical stroke.
    await page.getByTestId('tab-predict').click();
    await page.getByTestId('predict-draw-canvas').waitFor();
    await stroke(page, [
      [0.5, 0.12],
      [0.5, 0.88],
    ]);
    await page.getByTestId('predict-image-input').waitFor();
    await page.getByTestId('predict-button').click();
    const bars = page.getByTestId('predict-top').locator('.class-bar');
    await expect.poll(() => bars.count()).toBe(3);
    const top = await bars.evaluateAll((els) => els.map((el) => ({ cls: el.getAttribute('data-class'), p: Number(el.getAttribute('data-value')) })));
    expect(top[0].p).toBeGreaterThanOrEqual(top[1].p);
    expect(top[1].p).toBeGreaterThanOrEqual(top[2].p);
    expect(top.reduce((a, c) => a + c.p, 0)).toBeLessThanOrEqual(1 + 1e-6);
    // With this seed the model reads the stroke as a 1 (92 % in every run so far; wasm training is deterministic).
    expect(top[0].cls).toBe('1');
    await app.screenshot('images-predict-drawn');
    await page.getByTestId('predict-draw-clear').click();
    await expect.poll(() => page.getByTestId('predict-image-input').count()).toBe(0);

    // A dataset image, with its true label beside the prediction.
    await page.getByTestId('predict-source-dataset').click();
    await fill(page, 'predict-image-row', '5');
    await page.getByTestId('predict-button').click();
    await expect.poll(() => page.getByTestId('predict-top').locator('.class-bar').count()).toBe(3);
    expect(await page.getByTestId('predict-truth').textContent()).toBe('true: 5');
    // The same raw pixels through the same pipeline and model: the Predict panel agrees with the data view.
    const predictTop = await page.getByTestId('predict-top').locator('.class-bar').evaluateAll((els) => els.map((el) => [el.getAttribute('data-class'), Number(el.getAttribute('data-value'))]));
    expect(predictTop).toEqual(gridTop);

    // An image file: a dark stroke on white paper, 64×64 PNG made by the browser itself.
    const png = await page.evaluate<string>(`(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, 64, 64);
      context.fillStyle = '#000';
      context.fillRect(26, 6, 12, 52);
      return canvas.toDataURL('image/png').split(',')[1];
    })()`);
    await page.getByTestId('predict-source-file').click();
    await page.getByTestId('predict-image-file').setInputFiles({ name: 'stroke.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await expect.poll(() => page.getByTestId('predict-image-note').textContent()).toMatch(/stroke\.png: decoded by the browser, 64×64 resized to 8×8 \(height × width, stretched, by the import’s own resize\), grayscale .*0–255 mapped to 0–16, inverted/);
    expect(await page.getByTestId('predict-image-invert').isChecked()).toBe(true);
    await page.getByTestId('predict-button').click();
    await expect.poll(() => page.getByTestId('predict-top').locator('.class-bar').count()).toBe(3);
    await app.screenshot('images-predict-file');
    // Trial 5, F5: an unreadable file clears the previous file's image, note and Predict button.
    await page.getByTestId('predict-image-file').setInputFiles({ name: 'not-an-image.png', mimeType: 'image/png', buffer: Buffer.from('just some text\n') });
    await expect.poll(() => page.getByTestId('predict-image-error').textContent()).toBe('Cannot read not-an-image.png as an image: the browser cannot decode it (damaged, or not an image). Drop a PNG, JPEG, GIF, WebP or BMP file.');
    expect(await page.getByTestId('predict-image-note').count()).toBe(0);
    expect(await page.getByTestId('predict-button').count()).toBe(0);
    expect(await page.getByTestId('predict-image-invert').count()).toBe(0);

    // Trial 5, F1: after training with 0–1 scaling, the scaling becomes z-score. The trainer still
    // predicts through the trained ÷16 step: the predict view says so, and the result is unchanged.
    await page.getByTestId('images-scaling').selectOption('zscore');
    await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('stale');
    // Said in the predict view and in the dataset panel that chose the new step.
    await expect.poll(() => page.getByTestId('trained-step-note').count(), { timeout: 30_000 }).toBe(2);
    for (const note of await page.getByTestId('trained-step-note').all()) {
      expect(await note.textContent()).toMatch(/trained with the pixel step pixels ÷ 16, .*not the step now chosen \(\(pixel − 4\.88\d*\) ÷ 6\.01\d*\)/);
    }
    expect(await page.getByTestId('dataset-settings').getByTestId('trained-step-note').count()).toBe(1);
    await page.getByTestId('predict-source-dataset').click();
    await fill(page, 'predict-image-row', '5');
    expect(await page.getByTestId('predict-image-note').textContent()).toContain('then its trained step: pixels ÷ 16.');
    await page.getByTestId('predict-button').click();
    await expect.poll(() => page.getByTestId('predict-top').locator('.class-bar').count()).toBe(3);
    expect(await page.getByTestId('predict-top').locator('.class-bar').evaluateAll((els) => els.map((el) => [el.getAttribute('data-class'), Number(el.getAttribute('data-value'))]))).toEqual(gridTop);
    // The run panel's stale notice is read in full (it was squeezed to "W a" at 1440 px).
    const notice = (await page.getByTestId('trained-status').locator('.text').boundingBox())!;
    expect(notice.width).toBeGreaterThan(250);
    expect(notice.height).toBeLessThan(40);
    await app.screenshot('images-zscore-after-training');
  }, 300_000);

  it('picking a set offers the Input its shape; the count and the z-score scaling are undoable edits that state the pipeline step', async () => {
    const second = await startApp();
    try {
      await datasetEdits(second);
    } finally {
      await second.close();
    }
  }, 120_000);
});

/** Picks the MNIST subset with an Input already on the canvas, applies the shape fix, changes the count and the scaling, and undoes. */
async function datasetEdits(app: App): Promise<void> {
  const { page } = app;
  await page.getByTestId('palette-Input').waitFor();
  await dropFromPalette(page, 'Input', 200, 200);
  await dropFromPalette(page, 'Dense', 500, 200);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
  await connect(page, page.getByTestId('node-n1'), page.getByTestId('node-n2'));
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
  // The Input was made for the generator's features; the MNIST subset needs [28, 28, 1].
  await page.getByTestId('dataset-images-mnist').click();
  const fix = page.getByTestId('images-input-shape').getByRole('button');
  await expect.poll(() => fix.textContent()).toBe('Set the Input shape to [28, 28, 1]');
  await fix.click();
  await expect.poll(() => page.getByTestId('node-n1').textContent()).toMatch(/28, 28, 1/);
  await expect.poll(() => page.getByTestId('images-input-shape').count()).toBe(0);

  await fill(page, 'images-count', '2000');
  await expect.poll(() => page.getByTestId('images-dataset-shape').textContent()).toMatch(/^2000 images of 28×28×1/);
  expect(await page.getByTestId('images-step').textContent()).toContain('pixels ÷ 255 → 0–1');
  await page.getByTestId('images-scaling').selectOption('zscore');
  // The mean and std of the 2,000 images' pixels, computed in main (MNIST: about 33 and 78 on 0–255).
  await expect.poll(() => page.getByTestId('images-step').textContent(), { timeout: 30_000 }).toMatch(/\(pixel − 3\d(\.\d+)?\) ÷ 7\d(\.\d+)? → mean 0, std 1 \(the mean and std of the dataset’s 2,000 images\)/);
  await page.getByTestId('tab-data').click();
  await expect.poll(() => page.getByTestId('image-cell').count(), { timeout: 30_000 }).toBe(48);
  await app.screenshot('images-mnist-zscore');

  await page.getByTestId('undo-button').click();
  await expect.poll(() => page.getByTestId('images-step').textContent()).toContain('pixels ÷ 255 → 0–1');
  await page.getByTestId('undo-button').click();
  await expect.poll(() => page.getByTestId('images-dataset-shape').textContent()).toMatch(/^10,?000 images/);
}
