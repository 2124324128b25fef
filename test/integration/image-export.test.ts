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
import { describeWithPython, findOnnxPython, itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';
import { exportLayersModel } from '../../src/main/engine/export-model';
import { preprocessingFor } from '../../src/shared/data/preprocess';
import { planGraph } from '../../src/shared/graph/plan';
import { IMAGE_SETTINGS } from '../tools/image-project';

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

itWithPython('Keras 3 reads the exported Rescaling layer as the pipeline means it (scale and offset, scalar and per channel)', findKerasPython(), async (python) => {
  await tf.setBackend('cpu');
  const raw = rawDigitRows(2, 300);
  const cases = [];
  for (const scaling of ['unit', 'zscore'] as const) {
    const spec = digitsSpec(scaling);
    const model = buildModel(digitsCnnGraph(), { seed: 5 });
    const exported = await exportLayersModel(model, 'weights.bin', { pipeline: preprocessingFor(spec), plan: planGraph(digitsCnnGraph()) }, IMAGE_SETTINGS);
    model.dispose();
    const config = (exported.modelJson.modelTopology as { config: { layers: { config: object }[] } }).config.layers[1].config;
    cases.push({ config, rows: raw, want: Array.from(inputTransform(spec, 64)(raw).flat()) });
  }
  // A per-channel scaling, as an RGB z-score gives it, laid along the channels axis.
  cases.push({ config: { name: 'pixel_rescaling', scale: [0.5, 0.25, 0.2], offset: [-5, -5, -6], trainable: false }, rows: [[0, 1, 2, 3, 4, 5]], want: [-5, -4.75, -5.6, -3.5, -4, -5] });
  const code = `import json, os, sys
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np, keras
out = []
for case in json.load(sys.stdin):
    layer = keras.layers.Rescaling.from_config(case["config"])
    x = np.asarray(case["rows"], dtype=np.float32)
    channels = len(case["config"]["scale"]) if isinstance(case["config"]["scale"], list) else 1
    out.append(np.asarray(layer(x.reshape(x.shape[0], -1, channels))).ravel().tolist())
print(json.dumps(out))`;
  const run = spawnSync(python, ['-c', code], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  const got = JSON.parse(run.stdout.trim().split('\n').pop()!) as number[][];
  cases.forEach((c, i) => c.want.forEach((v, j) => expect(Math.abs(got[i][j] - v), `case ${i} value ${j}`).toBeLessThan(1e-5)));
}, 300_000);
