import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-wasm's BackendWasm this module relies on (4.22). */
interface WasmBackendInternals {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

type KernelFunc = tf.KernelConfig['kernelFunc'];

/**
 * Matrix products on the wasm heap without the tfjs engine: no tape, no tensor bookkeeping, no
 * tidy scopes, just the backend's own _FusedMatMul kernel (XNNPACK) on buffers we allocate and
 * free. Everything else in a step is cheaper done in plain JavaScript on Float32Arrays.
 *
 * XNNPACK caches a packed copy of the right-hand operand and bias per backend tensor id, so a
 * right-hand operand must never be written again after use: every operand here lives for one
 * call only and is freed (which also drops the cached operator).
 */
export class WasmGemm {
  private constructor(
    private readonly backend: WasmBackendInternals,
    private readonly kernel: KernelFunc,
  ) {}

  /** Null unless the active backend is wasm and has the kernel this relies on. */
  static forActiveBackend(): WasmGemm | null {
    if (tf.getBackend() !== 'wasm') return null;
    const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
    const kernel = tf.getKernel(tf._FusedMatMul, 'wasm');
    if (!kernel || !backend.wasm?.HEAPF32 || !backend.dataIdMap || typeof backend.makeOutput !== 'function') return null;
    return new WasmGemm(backend as WasmBackendInternals, kernel.kernelFunc);
  }

  /**
   * out[m×n] = a[m×k] · b[k×n] (+ bias[n]) (then max(·, 0) when relu), all row-major.
   * `out` receives the result; it must hold at least m·n values.
   */
  matMul(a: Float32Array, b: Float32Array, m: number, k: number, n: number, bias: Float32Array | null, relu: boolean, out: Float32Array): void {
    const infos: tf.TensorInfo[] = [];
    try {
      const aInfo = this.upload(a, [1, m, k], m * k, infos);
      const bInfo = this.upload(b, [1, k, n], k * n, infos);
      const biasInfo = bias ? this.upload(bias, [n], n, infos) : null;
      const inputs: Record<string, tf.TensorInfo> = { a: aInfo, b: bInfo };
      if (biasInfo) inputs.bias = biasInfo;
      const result = this.kernel({
        inputs,
        backend: this.backend as unknown as tf.KernelBackend,
        attrs: { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0 } as unknown as tf.NamedAttrMap,
      }) as tf.TensorInfo;
      infos.push(result);
      out.set(this.view(result, m * n));
    } finally {
      for (const info of infos) this.backend.disposeData(info.dataId, true);
    }
  }

  private upload(values: Float32Array, shape: number[], size: number, infos: tf.TensorInfo[]): tf.TensorInfo {
    const info = this.backend.makeOutput(shape, 'float32');
    infos.push(info);
    this.view(info, size).set(values.length === size ? values : values.subarray(0, size));
    return info;
  }

  /** A fresh view each time: the heap's ArrayBuffer is replaced whenever wasm memory grows. */
  private view(info: tf.TensorInfo, size: number): Float32Array {
    const entry = this.backend.dataIdMap.get(info.dataId);
    if (!entry) throw new Error('WasmGemm: a heap buffer vanished before it was read.');
    return new Float32Array(this.backend.wasm.HEAPF32.buffer, entry.memoryOffset, size);
  }
}
