import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/data/random';
import { initBackend } from './backend';
import { isWasmMatMulPatched, patchWasmMatMul, unpatchWasmMatMul } from './wasm-matmul';

const rng = createRandom(99);
function randomTensor(shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

/** Runs `f` with the stock wasm kernels and with the patched ones, returning both results. */
function bothWays(f: () => tf.Tensor): { stock: Float32Array; patched: Float32Array; shape: number[] } {
  unpatchWasmMatMul();
  const stockTensor = f();
  patchWasmMatMul();
  const patchedTensor = f();
  const result = { stock: stockTensor.dataSync() as Float32Array, patched: patchedTensor.dataSync() as Float32Array, shape: patchedTensor.shape };
  expect(stockTensor.shape).toEqual(patchedTensor.shape);
  tf.dispose([stockTensor, patchedTensor]);
  return result;
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(1e-4 * (1 + Math.abs(expected[i])));
}

function referenceMatMul(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): Float32Array {
  const A = tf.tidy(() => (transposeA ? a.transpose() : a).arraySync() as number[][]);
  const B = tf.tidy(() => (transposeB ? b.transpose() : b).arraySync() as number[][]);
  const out = new Float32Array(A.length * B[0].length);
  for (let i = 0; i < A.length; i++)
    for (let j = 0; j < B[0].length; j++) {
      let sum = 0;
      for (let k = 0; k < B.length; k++) sum += A[i][k] * B[k][j];
      out[i * B[0].length + j] = sum;
    }
  return out;
}

describe('wasm matMul patch', () => {
  let onWasm = false;
  beforeAll(async () => {
    const info = await initBackend();
    onWasm = info.name === 'wasm';
    if (!onWasm) onWasm = await tf.setBackend('wasm');
  });

  it('is installed by initBackend on wasm', () => {
    expect(onWasm).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    expect(isWasmMatMulPatched()).toBe(true);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matMul transposeA=%s transposeB=%s equals the stock kernel and a plain reference', (transposeA, transposeB) => {
    const start = tf.memory().numTensors;
    const a = randomTensor(transposeA ? [37, 23] : [23, 37]);
    const b = randomTensor(transposeB ? [19, 37] : [37, 19]);
    const { stock, patched, shape } = bothWays(() => tf.matMul(a, b, transposeA, transposeB));
    expect(shape).toEqual([23, 19]);
    expectClose(patched, stock);
    expectClose(patched, referenceMatMul(a, b, transposeA, transposeB));
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('batched matMul transposeA=%s transposeB=%s equals the stock kernel', (transposeA, transposeB) => {
    const a = randomTensor(transposeA ? [3, 8, 5] : [3, 5, 8]);
    const b = randomTensor(transposeB ? [3, 6, 8] : [3, 8, 6]);
    const { stock, patched, shape } = bothWays(() => tf.matMul(a, b, transposeA, transposeB));
    expect(shape).toEqual([3, 5, 6]);
    expectClose(patched, stock);
    tf.dispose([a, b]);
  });

  // The stock wasm _FusedMatMul gives wrong results for a transposed operand with a bias (4.22),
  // so the fused cases are checked against a plain reference instead of the stock kernel.
  it.each([
    [false, false, 'relu'],
    [true, false, 'linear'],
    [false, true, 'relu'],
    [true, true, 'elu'],
  ] as const)('fused matMul with bias, transposeA=%s transposeB=%s, %s equals a plain reference', (transposeA, transposeB, activation) => {
    patchWasmMatMul();
    const start = tf.memory().numTensors;
    const a = randomTensor(transposeA ? [16, 9] : [9, 16]);
    const b = randomTensor(transposeB ? [7, 16] : [16, 7]);
    const bias = randomTensor([7]);
    const fused = tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeA, transposeB, bias, activation });
    const product = referenceMatMul(a, b, transposeA, transposeB);
    const biasValues = bias.dataSync();
    const expected = product.map((v, i) => {
      const z = v + biasValues[i % 7];
      return activation === 'relu' ? Math.max(0, z) : activation === 'elu' ? (z > 0 ? z : Math.exp(z) - 1) : z;
    });
    expect(fused.shape).toEqual([9, 7]);
    expectClose(fused.dataSync() as Float32Array, expected);
    tf.dispose([a, b, bias, fused]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('gives the same Dense gradients as the stock kernels, without leaking tensors', () => {
    const x = randomTensor([32, 20]);
    const w = randomTensor([20, 10]);
    const bias = randomTensor([10]);
    const start = tf.memory().numTensors;
    const gradients = () => {
      const [gw, gb] = tf.grads((wv: tf.Tensor, bv: tf.Tensor) =>
        tf.fused.matMul({ a: x, b: wv as tf.Tensor2D, bias: bv, activation: 'relu' }).square().sum(),
      )([w, bias]);
      const joined = tf.concat([gw.flatten(), gb]);
      tf.dispose([gw, gb]);
      return joined;
    };
    const { stock, patched } = bothWays(() => tf.tidy(gradients));
    expectClose(patched, stock);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, w, bias]);
  });
});
