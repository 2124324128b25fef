import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { ModelProto } from '../../src/main/engine/onnx/builder';
import { fill, loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 13: "ONNX model (.onnx)" beside model.json: disabled until there is a trained model, then
// a download of model.onnx that decodes with onnx.proto3 to the trained graph.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('ONNX export from the toolbar (browser host)', () => {
  it('downloads model.onnx of the trained model, opset 17, input named after the Input layer', async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'keras-tutorial-regression');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.getByTestId('export-onnx').isDisabled()).toBe(true);
    await fill(page, 'setting-epochs', '5');
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/^(Done|Stopped)/);
    expect(await page.getByTestId('export-onnx').isDisabled()).toBe(false);

    const download = new Promise<Download>((resolve) => page.once('download', resolve));
    await page.getByTestId('export-onnx').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('model.onnx');
    const model = ModelProto.toObject(ModelProto.decode(readFileSync((await file.path())!)), { longs: Number }) as unknown as {
      ir_version: number;
      opset_import: { version: number }[];
      graph: { input: { name: string }[]; node: { op_type: string }[] };
    };
    expect(model.ir_version).toBe(8);
    expect(model.opset_import[0].version).toBe(17);
    expect(model.graph.input.map((i) => i.name)).toEqual([expect.stringMatching(/^input/)]);
    expect(model.graph.node.map((n) => n.op_type)).toContain('Gemm');
  });
});
