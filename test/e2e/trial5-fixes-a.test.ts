import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { connect, fill, loadTemplate, selectNode } from './editor-helpers';

// Trial 5 (issue 14), findings F8 and F6 through the real browser host and trainer.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('trial 5 fixes A', () => {
  it('F8: an out-of-range image count stays as typed, is counted in the status bar and refuses Train naming the field, limit and value', async () => {
    const { page } = app;
    await loadTemplate(page, 'digits-cnn');
    await expect.poll(() => page.getByTestId('images-set').inputValue()).toBe('digits');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);

    await fill(page, 'images-count', '5000');
    const message = 'Images: expected a whole number from 1 to 1797, got 5000.';
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 1 error /);
    expect(await page.getByTestId('images-count').inputValue()).toBe('5000');
    expect(await page.getByTestId('dataset-settings').textContent()).toContain(message);

    await page.getByTestId('train-button').click();
    const problems = page.getByTestId('train-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(message);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/Not trained/);
    await page.getByTestId('goto-field-images-count').click();
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('images-count');

    // Fixed, the count is taken, the list goes and Train is allowed again.
    await fill(page, 'images-count', '300');
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);
    await expect.poll(() => page.getByTestId('train-problems').count()).toBe(0);
    expect(await page.getByTestId('images-dataset-shape').textContent()).toMatch(/^300 images/);
  });

  it('F6: a Dense straight after a Conv2D as the output refuses Train with the Insert Flatten fix, never a tensor-size error', async () => {
    const { page } = app;
    await loadTemplate(page, 'digits-cnn');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    for (const id of ['pool1', 'conv2', 'pool2', 'flatten']) {
      await selectNode(page, id);
      await page.keyboard.press('Delete');
    }
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await connect(page, page.getByTestId('node-conv1'), page.getByTestId('node-output'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 1 error · 0 warnings/);

    await page.getByTestId('train-button').click();
    const problems = page.getByTestId('train-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain("Dense is the model's output but gets an image shaped (None, 8, 8, 16)");
    expect(await page.getByTestId('run-status').textContent()).not.toMatch(/Size\(|must match the product/);
    await problems.getByTestId('fix-insert-layer:conv1:output:Flatten').click();
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/ 0 errors/);
    await expect.poll(() => page.getByTestId('train-problems').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.getByTestId('node-flatten_output').waitFor();
  });

  it('F7: a Conv2D after a Flatten of the image gives one advice (the problem names the Flatten), not also "give the Input an image shape"', async () => {
    const { page } = app;
    await loadTemplate(page, 'digits-cnn');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    // Flatten the image before a Conv2D: input → flatten → conv2 (and flatten → output).
    for (const id of ['conv1', 'pool1', 'pool2']) {
      await selectNode(page, id);
      await page.keyboard.press('Delete');
    }
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await connect(page, page.getByTestId('node-input'), page.getByTestId('node-flatten'));
    await connect(page, page.getByTestId('node-flatten'), page.getByTestId('node-conv2'));
    await selectNode(page, 'conv2');
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.textContent()).toContain('The Flatten before it turns the image into a flat row');
    expect(await inspector.textContent()).not.toContain('Give the Input layer an image shape');
  });
});
