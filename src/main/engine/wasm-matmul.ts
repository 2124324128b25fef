import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type KernelArgs = Parameters<KernelFunc>[0];
interface WasmBackendLike {
  disposeData(dataId: object): void;
}

const PATCHED = new Set<string>();
let originals: Map<string, tf.KernelConfig> | null = null;

/**
 * tfjs-backend-wasm 4.22 runs a matMul with a transposed operand in a scalar C++ loop; only the
 * untransposed case reaches XNNPACK. Every Dense gradient is such a matMul. Materialising the
 * transpose with the wasm Transpose kernel and calling the untransposed kernel is several times
 * faster, and the transpose itself is memory-bound and cheap. Safe to call more than once.
 */
export function patchWasmMatMul(): void {
  if (originals) return;
  originals = new Map();
  for (const kernelName of [tf.BatchMatMul, tf._FusedMatMul]) {
    const original = tf.getKernel(kernelName, 'wasm');
    if (!original) continue;
    originals.set(kernelName, original);
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: (args: KernelArgs) => untransposedMatMul(original.kernelFunc, args),
    });
    PATCHED.add(kernelName);
  }
}

/** Restores the stock kernels (tests compare against them). */
export function unpatchWasmMatMul(): void {
  if (!originals) return;
  for (const [kernelName, original] of originals) {
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(original);
  }
  originals = null;
  PATCHED.clear();
}

export function isWasmMatMulPatched(): boolean {
  return PATCHED.size > 0;
}

function untransposedMatMul(kernelFunc: KernelFunc, args: KernelArgs): ReturnType<KernelFunc> {
  const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean } | undefined;
  if (!attrs || (!attrs.transposeA && !attrs.transposeB)) return kernelFunc(args);
  const transposeKernel = tf.getKernel(tf.Transpose, 'wasm');
  const backend = args.backend as unknown as WasmBackendLike;
  const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
  const temporaries: tf.TensorInfo[] = [];
  const materialise = (name: 'a' | 'b') => {
    const x = inputs[name];
    const rank = x.shape.length;
    const perm = Array.from({ length: rank }, (_, i) => i);
    perm[rank - 2] = rank - 1;
    perm[rank - 1] = rank - 2;
    const transposed = transposeKernel.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
    temporaries.push(transposed);
    inputs[name] = transposed;
  };
  if (attrs.transposeA) materialise('a');
  if (attrs.transposeB) materialise('b');
  try {
    return kernelFunc({ ...args, inputs, attrs: { ...attrs, transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap });
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}
