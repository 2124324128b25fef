import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildModel } from '../../src/main/engine/compile';
import { encodeWeights } from '../../src/main/engine/export-model';
import { exportOnnx } from '../../src/main/engine/export-onnx';
import { inputTransform } from '../../src/main/engine/run-project';
import { predictRows } from '../../src/main/engine/train-loop';
import { branchedGraph, digitsCnnGraph, digitsSpec, flatGraph, imageProject, rawDigitRows } from '../tools/image-project';
import { describeWithPython, findOnnxPython } from '../tools/python';

/**
 * Issue 14: the ONNX export of an image model takes raw pixels. ONNX Runtime, given the raw
 * digits pixels (0–16) in the Input's shape, predicts what Neurite's predict (the trainer's path,
 * inputTransform → predictRows) predicts on the same raw rows, to 1e-5, for 0–1 and z-score
 * scaling and a sequential, a branched and a flat model. Before: the export stated `none` and
 * the model expected scaled pixels.
 */
const SCRIPT = join(__dirname, '..', 'tools', 'onnx_run.py');

describeWithPython('image models in ONNX Runtime take raw pixels (issue 14)', findOnnxPython(), (python) => {
  let work: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    work = mkdtempSync(join(tmpdir(), 'neurite-onnx-images-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('predicts what Neurite predicts on raw pixels (1e-5), the pixel scaling being Mul/Add at the input', () => {
    const raw = rawDigitRows(10, 200);
    const expected = new Map<string, number[][]>();
    const requests = (['unit', 'zscore'] as const).flatMap((scaling) =>
      ([['cnn', digitsCnnGraph()], ['branched', branchedGraph()], ['flat', flatGraph()]] as const).map(([kind, graph]) => {
        const id = `${scaling}-${kind}`;
        const spec = digitsSpec(scaling);
        const model = buildModel(graph, { seed: 5 });
        expected.set(id, predictRows(model, inputTransform(spec, 64)(raw), 64));
        const { bytes, notes } = exportOnnx(imageProject(spec, graph), encodeWeights(model), { producerVersion: 'test' });
        model.dispose();
        expect(notes.preprocessing.kind).toBe('rescaling');
        const path = join(work, `${id}.onnx`);
        writeFileSync(path, bytes);
        const shape = notes.inputs[0].shape.slice(1) as number[];
        return { id, path, input: notes.inputs[0].name, rows: shape.length === 1 ? raw : raw.map((r) => Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => [r[y * 8 + x]]))) };
      }),
    );
    const run = spawnSync(python, [SCRIPT], { input: JSON.stringify(requests), encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { results: Record<string, { outputs: number[][]; checker: string | null }> };
    const problems: string[] = [];
    for (const [id, want] of expected) {
      const got = result.results[id];
      if (got.checker) problems.push(`${id}: onnx.checker: ${got.checker}`);
      want.forEach((row, i) => row.forEach((v, j) => {
        if (!(Math.abs(got.outputs[i][j] - v) <= 1e-5)) problems.push(`${id} row ${i} output ${j}: onnxruntime ${got.outputs[i][j]}, Neurite ${v}`);
      }));
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
