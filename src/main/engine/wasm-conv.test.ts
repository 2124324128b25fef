import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/data/random';
import { initBackend } from './backend';
import {
  RUN_FIELDS,
  WASM_MISSING_CONV_GRADIENTS,
  WASM_REPLACED_CONV_GRADIENTS,
  javascriptRunExecutor,
  registerWasmConvGradients,
  registeredWasmConvGradients,
  unregisterWasmConvGradients,
  runExecutorForTests,
} from './wasm-conv';

const rng = createRandom(1414);
function randomValues(shape: number[]): { values: Float32Array; shape: number[] } {
  const size = shape.reduce((a, b) => a * b, 1);
  return { values: Float32Array.from({ length: size }, () => rng.normal()), shape };
}
type Data = ReturnType<typeof randomValues>;

/** Runs `f` on the named backend with fresh tensors made from `inputs`, returning the flat results. */
async function runOn(backend: 'cpu' | 'wasm', inputs: Data[], f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  const start = tf.memory().numTensors;
  const startBuffers = tf.backend().numDataIds(); // the backend's own count: catches kernel temporaries left behind
  const tensors = inputs.map((d) => tf.tensor(d.values, d.shape));
  const out = tf.tidy(() => f(...tensors));
  const results = (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
  tf.dispose([tensors, out]);
  expect(tf.memory().numTensors).toBe(start);
  expect(tf.backend().numDataIds()).toBe(startBuffers);
  return results;
}

function expectClose(actual: Float32Array[], expected: Float32Array[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let t = 0; t < actual.length; t++) {
    expect(actual[t].length).toBe(expected[t].length);
    let worst = 0;
    for (let i = 0; i < actual[t].length; i++) worst = Math.max(worst, Math.abs(actual[t][i] - expected[t][i]) / (1 + Math.abs(expected[t][i])));
    expect(worst).toBeLessThan(tolerance);
  }
}

async function wasmEqualsCpu(inputs: Data[], f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[], tolerance = 1e-4): Promise<void> {
  const cpu = await runOn('cpu', inputs, f);
  const wasm = await runOn('wasm', inputs, f);
  expectClose(wasm, cpu, tolerance);
}

// [input NHWC, filter HWIO (for depthwise HWCM), strides, padding]
type Shape4 = [number, number, number, number];
const CASES: Array<[Shape4, Shape4, [number, number], 'same' | 'valid']> = [
  [[2, 8, 8, 1], [3, 3, 1, 4], [1, 1], 'valid'],
  [[2, 8, 8, 1], [3, 3, 1, 4], [1, 1], 'same'],
  [[3, 9, 7, 3], [3, 2, 3, 5], [2, 2], 'same'],
  [[3, 9, 7, 3], [3, 2, 3, 5], [2, 1], 'valid'],
  [[1, 6, 6, 2], [5, 5, 2, 3], [3, 3], 'same'],
  [[4, 5, 5, 4], [1, 1, 4, 2], [1, 1], 'valid'],
];

describe('wasm conv gradient kernels', () => {
  beforeAll(async () => {
    const info = await initBackend();
    if (info.name !== 'wasm') expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it('stock tfjs-backend-wasm lacks exactly the kernels registered here, and initBackend registers them', () => {
    expect(registeredWasmConvGradients().sort()).toEqual([...WASM_MISSING_CONV_GRADIENTS, ...WASM_REPLACED_CONV_GRADIENTS].sort());
    for (const name of WASM_MISSING_CONV_GRADIENTS) expect(tf.getKernel(name, 'wasm')).toBeDefined();
    // The gradients of Conv2D's input and of both poolings are stock wasm kernels.
    for (const name of [tf.Conv2D, tf.Conv2DBackpropInput, tf.MaxPoolGrad, tf.AvgPoolGrad, tf.DepthwiseConv2dNative]) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
    }
  });

  it('without them a Conv2D gradient on wasm fails as the issue reports; with them it runs', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([1, 5, 5, 1]);
    const w = tf.randomNormal([3, 3, 1, 2]);
    const gradient = () => tf.tidy(() => tf.grad((wv: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, wv as tf.Tensor4D, 1, 'valid').sum())(w).shape);
    unregisterWasmConvGradients();
    try {
      expect(gradient).toThrow(/Kernel 'Conv2DBackpropFilter' not registered/);
    } finally {
      registerWasmConvGradients();
    }
    expect(gradient()).toEqual([3, 3, 1, 2]);
    tf.dispose([x, w]);
  });

  it.each(CASES)('Conv2DBackpropFilter %j ⊛ %j strides %j %s equals cpu', async (xShape, wShape, strides, pad) => {
    const x = randomValues(xShape);
    const w = randomValues(wShape);
    const dyShape = tf.tidy(() => tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(wShape) as tf.Tensor4D, strides, pad).shape);
    const dy = randomValues(dyShape);
    // The gradient with respect to the filter is Conv2DBackpropFilter; with respect to the input it is
    // Conv2DBackpropInput, stock on wasm but checked too since training needs it.
    await wasmEqualsCpu([x, w, dy], (xt, wt, dyt) =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad).mul(dyt).sum())([xt, wt]),
    );
  });

  // Wasm's Conv2D itself is channels-last only, so these kernels are called directly.
  it('Conv2DBackpropFilter and Conv2DBackpropInput with channels-first (NCHW) data equal cpu', async () => {
    const x = randomValues([2, 3, 7, 6]);
    const w = randomValues([3, 3, 3, 4]);
    const dy = randomValues([2, 4, 4, 3]);
    const attrs = { strides: [2, 2], pad: 'same', dataFormat: 'NCHW', dimRoundingMode: undefined } as unknown as tf.NamedAttrMap;
    await wasmEqualsCpu([x, dy], (xt, dyt) => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: xt, dy: dyt }, { ...attrs, filterShape: w.shape }) as tf.Tensor);
    await wasmEqualsCpu([dy, w], (dyt, wt) => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: dyt, filter: wt }, { ...attrs, inputShape: x.shape }) as tf.Tensor);
  });

  it.each(CASES)('depthwise gradients %j ⊛ %j strides %j %s equal cpu', async (xShape, wShape, strides, pad) => {
    const depthShape: Shape4 = [wShape[0], wShape[1], xShape[3], 2];
    const x = randomValues(xShape);
    const w = randomValues(depthShape);
    const dyShape = tf.tidy(() => tf.depthwiseConv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(depthShape) as tf.Tensor4D, strides, pad).shape);
    const dy = randomValues(dyShape);
    await wasmEqualsCpu([x, w, dy], (xt, wt, dyt) => {
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad).mul(dyt).sum())([xt, wt]);
      return [gx, gw];
    });
  });

  it('stock wasm MaxPoolGrad is still wrong for a window with a negative maximum (remove the replacement when this fails)', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const gradient = () => tf.tidy(() => Array.from(tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid').sum())(x).dataSync()));
    unregisterWasmConvGradients();
    try {
      // The maximum is −1 at index 1; stock 4.22 routes the gradient elsewhere (to index 0).
      expect(gradient()).not.toEqual([0, 1, 0, 0]);
    } finally {
      registerWasmConvGradients();
    }
    expect(gradient()).toEqual([0, 1, 0, 0]);
    x.dispose();
  });

  it.each([
    [[2, 8, 8, 3], 2, 2, 'valid'],
    [[2, 11, 9, 3], 2, 2, 'valid'],
    [[1, 7, 7, 2], 2, 2, 'same'],
    [[2, 7, 7, 2], 3, 2, 'same'],
    [[1, 6, 5, 1], 2, 1, 'valid'],
  ] as const)('MaxPool and AvgPool gradients %j pool %i stride %i %s equal cpu', async (xShape, size, stride, pad) => {
    const x = randomValues([...xShape]);
    await wasmEqualsCpu([x], (xt) => tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, size, stride, pad).square().sum())(xt));
    await wasmEqualsCpu([x], (xt) => tf.grad((a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, size, stride, pad).square().sum())(xt));
  });

  it.each(['gather', 'add'] as const)('the hand-written WebAssembly %s loop equals its JavaScript reference on the tfjs heap', async (op) => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as {
      typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array;
    };
    const data = tf.tensor1d(randomValues([4096]).values);
    // Entries with several rows, strides, negative row steps and overlapping targets (add accumulates in order).
    const entries: number[][] = [];
    for (let e = 0; e < 60; e++) {
      const length = Math.floor(rng.next() * 9); // 0..8 floats, 0 included
      const rows = Math.floor(rng.next() * 4); // 0..3 rows
      const fromStride = 1 + Math.floor(rng.next() * 5);
      const toRowStep = Math.floor(rng.next() * 40) - 10;
      const fromRowStep = Math.floor(rng.next() * 60) - 20;
      const to = 200 + Math.floor(rng.next() * 1500);
      const from = 2100 + Math.floor(rng.next() * 1200);
      entries.push([to, from, length, fromStride, rows, toRowStep, fromRowStep]);
    }
    const list = tf.tensor1d(new Int32Array(entries.length * RUN_FIELDS), 'int32');
    const values = backend.typedArrayFromHeap({ dataId: data.dataId, shape: data.shape, dtype: 'float32' });
    const runs = backend.typedArrayFromHeap({ dataId: list.dataId, shape: list.shape, dtype: 'int32' }) as Int32Array;
    const bytes = (elements: number) => values.byteOffset + 4 * elements;
    entries.forEach(([to, from, length, fromStride, rows, toRowStep, fromRowStep], e) =>
      runs.set([bytes(to), bytes(from), 4 * length, 4 * fromStride, rows, 4 * toRowStep, 4 * fromRowStep, 0], e * RUN_FIELDS),
    );
    const before = Float32Array.from(values);
    const reference = (values.buffer as ArrayBuffer).slice(0);
    javascriptRunExecutor(reference)[op](runs.byteOffset, entries.length);
    const executor = runExecutorForTests(backend, values.buffer);
    // The kernels' executor is the WebAssembly one here (exported wasm functions print as native code), not the JavaScript reference.
    expect(String(executor[op])).toMatch(/native code/);
    executor[op](runs.byteOffset, entries.length);
    const expected = new Float32Array(reference, values.byteOffset, values.length);
    expect(Array.from(values)).toEqual(Array.from(expected));
    // The entries did write (the comparison is not of two untouched copies).
    expect(expected.some((v, i) => v !== before[i])).toBe(true);
    tf.dispose([data, list]);
  });

  it('without the backend memory in reach, the conv gradients run their lists in JavaScript and still equal cpu', async () => {
    await tf.setBackend('wasm');
    const module = (tf.backend() as unknown as { wasm: { asm: object } }).wasm;
    const asm = module.asm;
    const [xShape, wShape, strides, pad] = CASES[2];
    const x = randomValues(xShape);
    const w = randomValues(wShape);
    const dyShape = tf.tidy(() => tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(wShape) as tf.Tensor4D, strides, pad).shape);
    const dy = randomValues(dyShape);
    // As a tfjs without `wasm.asm.memory` would look; its kernels still reach the rest of `asm`.
    module.asm = Object.fromEntries(Object.entries(asm).filter(([key]) => key !== 'memory'));
    try {
      await wasmEqualsCpu([x, w, dy], (xt, wt, dyt) =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad).mul(dyt).sum())([xt, wt]),
      );
    } finally {
      module.asm = asm;
    }
  });

  it('MaxPoolGrad 2×2 stride 2 (the branch-free path) equals cpu on ties, NaN, ±∞ and ReLU zeros', async () => {
    // One 2×2 window per channel, in row-major order (window[0] at (0, 0), window[3] at (1, 1)).
    const nan = Number.NaN;
    const inf = Number.POSITIVE_INFINITY;
    const windows = [
      [nan, 1, 2, 3], [1, nan, 5, 2], [2, nan, nan, 7], [nan, nan, nan, nan], [-inf, -inf, -inf, -inf],
      [-inf, -2, nan, -5], [-inf, -inf, -inf, -1], [0, 0, 0, 0], [3, 3, 1, 3], [1, 3, 3, 3], [-1, -1, -1, -1],
      [inf, inf, 1, 2], [1, 2, inf, inf], [-0, 0, 0, -0], [5, 4, 3, 2], [2, 3, 4, 5], [1, nan, -inf, 0.5],
    ];
    const channels = windows.length;
    const values = new Float32Array(4 * channels);
    windows.forEach((w, ch) => w.forEach((v, k) => (values[k * channels + ch] = v)));
    const dy = randomValues([1, 1, 1, channels]);
    const attrs = { filterSize: [2, 2], strides: [2, 2], pad: 'valid', dimRoundingMode: undefined } as unknown as tf.NamedAttrMap;
    const grad = (xt: tf.Tensor, dyt: tf.Tensor) => tf.engine().runKernel(tf.MaxPoolGrad, { dy: dyt, input: xt, output: tf.maxPool(xt as tf.Tensor4D, 2, 2, 'valid') }, attrs) as tf.Tensor;
    await wasmEqualsCpu([{ values, shape: [1, 2, 2, channels] }, dy], grad, 1e-9);
    // After a ReLU about half the inputs are 0, so windows tie often; an odd size leaves a row and column out.
    const relu = randomValues([3, 13, 11, 5]);
    relu.values.forEach((v, i) => (relu.values[i] = Math.max(0, v)));
    await wasmEqualsCpu([relu, randomValues([3, 6, 5, 5])], grad, 1e-9);
  });

  /**
   * Conv2D(4, 3×3, relu) → MaxPooling2D(2) → DepthwiseConv2D(3×3, ×2, same) → Conv2D(6, 3×3, same,
   * linear) → MaxPooling2D(2) → Flatten → Dense(3, softmax). The second pooling sees negative
   * values, where stock wasm's MaxPoolGrad was wrong.
   */
  function tinyCnn(weights: Data[] | null, inputShape: number[]): tf.LayersModel {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape, filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
        tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', strides: 1 }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    if (weights) model.setWeights(weights.map((d) => tf.tensor(d.values, d.shape)));
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    return model;
  }

  it('three training steps of a tiny CNN on wasm equal cpu to 1e-3', async () => {
    await tf.setBackend('cpu');
    const init = tinyCnn(null, [10, 10, 1]);
    const weights = init.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
    init.dispose();
    const x = randomValues([12, 10, 10, 1]);
    const labels = Array.from({ length: 12 }, (_, i) => i % 3);
    const trained: Record<string, { losses: number[]; weights: Float32Array[] }> = {};
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      const model = tinyCnn(weights, [10, 10, 1]);
      const xs = tf.tensor(x.values, x.shape);
      const ys = tf.oneHot(labels, 3);
      const losses: number[] = [];
      for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(xs, ys)) as number);
      trained[backend] = { losses, weights: model.getWeights().map((w) => w.dataSync() as Float32Array) };
      tf.dispose([xs, ys]);
      model.dispose();
    }
    expect(trained.wasm.losses.every(Number.isFinite)).toBe(true);
    expectClose([Float32Array.from(trained.wasm.losses)], [Float32Array.from(trained.cpu.losses)], 1e-3);
    expectClose(trained.wasm.weights, trained.cpu.weights, 1e-3);
    // The weights did move, so the comparison is not of two untouched copies.
    expect(trained.cpu.weights[0].some((v, i) => Math.abs(v - weights[0].values[i]) > 1e-4)).toBe(true);
  });
});
