import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { WasmGemm } from './fast-wasm';

beforeAll(async () => {
  process.env.NEURITE_BACKEND ??= 'wasm';
  expect((await initBackend()).name).toBe('wasm');
});

function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number, bias: Float32Array | null, relu: boolean): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = bias ? bias[j] : 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      out[i * n + j] = relu ? Math.max(s, 0) : s;
    }
  return out;
}

const filled = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 2);

describe('WasmGemm', () => {
  it('multiplies like the textbook product, with bias and relu, on odd shapes', () => {
    const gemm = WasmGemm.forActiveBackend()!;
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [32, 100, 10], [17, 33, 65]]) {
      const a = filled(m * k, 1);
      const b = filled(k * n, 2);
      const bias = filled(n, 3);
      for (const [withBias, relu] of [[false, false], [true, false], [true, true]] as const) {
        const out = new Float32Array(m * n);
        gemm.matMul(a, b, m, k, n, withBias ? bias : null, relu, out);
        const expected = naive(a, b, m, k, n, withBias ? bias : null, relu);
        for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i], 3);
      }
    }
  });

  it('sees a changed right-hand operand (no stale XNNPACK weights cache) and frees every heap buffer', () => {
    const gemm = WasmGemm.forActiveBackend()!;
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = backend.numDataIds();
    const a = filled(4 * 3, 1);
    const b = filled(3 * 2, 2);
    const out = new Float32Array(8);
    gemm.matMul(a, b, 4, 3, 2, null, false, out);
    b[0] += 1;
    gemm.matMul(a, b, 4, 3, 2, null, false, out);
    const expected = naive(a, b, 4, 3, 2, null, false);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i], 4);
    expect(backend.numDataIds()).toBe(before);
  });

  it('reads the result into a larger output buffer without touching the rest', () => {
    const gemm = WasmGemm.forActiveBackend()!;
    const out = new Float32Array(10).fill(-9);
    gemm.matMul(filled(2 * 2, 1), filled(2 * 2, 2), 2, 2, 2, null, false, out);
    expect(Array.from(out.subarray(4))).toEqual([-9, -9, -9, -9, -9, -9]);
  });
});
