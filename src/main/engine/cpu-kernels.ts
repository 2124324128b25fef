import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type KernelArgs = Parameters<KernelFunc>[0];

/** The parts of tfjs-backend-cpu's `MathBackendCPU` (4.22) these kernels use. */
interface CpuBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/**
 * Stock tfjs-backend-cpu 4.22 kernels that compute wrong results, replaced for the cpu backend
 * (the trainer's last fallback, and the backend of tests and exports):
 * - ResizeNearestNeighborGrad (the gradient of UpSampling2D): it indexes `dy` with the input
 *   image's batch stride instead of dy's own, so every image after the first in a batch gets the
 *   gradient of the wrong pixels (measured in cpu-kernels.test.ts against the block sums; the
 *   wasm backend's kernel is right). Replaced by the exact adjoint of the cpu forward kernel.
 */
export const CPU_REPLACED_KERNELS = [tf.ResizeNearestNeighborGrad] as const;

const REPLACED = new Map<string, tf.KernelConfig>();

/** Replaces the kernels of {@link CPU_REPLACED_KERNELS} for the cpu backend; safe to call more than once. */
export function registerCpuKernelFixes(): void {
  const kernelName = tf.ResizeNearestNeighborGrad;
  if (REPLACED.has(kernelName)) return;
  const stock = tf.getKernel(kernelName, 'cpu');
  if (stock) {
    REPLACED.set(kernelName, stock);
    tf.unregisterKernel(kernelName, 'cpu');
  }
  tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: resizeNearestNeighborGrad });
}

/** Restores the stock kernels (tests show the stock failure with it). */
export function unregisterCpuKernelFixes(): void {
  for (const [kernelName, stock] of REPLACED) {
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel(stock);
  }
  REPLACED.clear();
}

/**
 * dx[b, r, c, d] = Σ dy[b, y, x, d] over the output pixels (y, x) whose nearest source pixel is
 * (r, c), with the source pixel chosen exactly as tfjs-backend-cpu's ResizeNearestNeighbor does
 * (alignCorners rounds, else floors; halfPixelCenters samples at pixel centres; clamped to the image).
 */
function resizeNearestNeighborGrad(args: KernelArgs): tf.TensorInfo {
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = args.attrs as unknown as { alignCorners: boolean; halfPixelCenters?: boolean };
  const backend = args.backend as unknown as CpuBackendLike;
  const [batch, xHeight, xWidth, depth] = images.shape;
  const [, yHeight, yWidth] = dy.shape;
  const ratio = (x: number, y: number) => (alignCorners && y > 1 ? x - 1 : x) / (alignCorners && y > 1 ? y - 1 : y);
  const source = (index: number, scale: number, size: number) => {
    const frac = halfPixelCenters ? scale * (index + 0.5) : scale * index;
    const nearest = Math.min(size - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    return halfPixelCenters ? Math.max(0, nearest) : nearest;
  };
  const rows = Array.from({ length: yHeight }, (_, y) => source(y, ratio(xHeight, yHeight), xHeight));
  const cols = Array.from({ length: yWidth }, (_, x) => source(x, ratio(xWidth, yWidth), xWidth));
  const dyValues = backend.readSync(dy.dataId);
  const dx = new Float32Array(batch * xHeight * xWidth * depth);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < yHeight; y++) {
      for (let x = 0; x < yWidth; x++) {
        const from = ((b * yHeight + y) * yWidth + x) * depth;
        const to = ((b * xHeight + rows[y]) * xWidth + cols[x]) * depth;
        for (let d = 0; d < depth; d++) dx[to + d] += dyValues[from + d];
      }
    }
  }
  return backend.makeTensorInfo([...images.shape], 'float32', dx);
}
