import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type KernelArgs = Parameters<KernelFunc>[0];

/** The parts of tfjs-backend-wasm's `BackendWasm` (4.22) these kernels use. */
interface WasmBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): void;
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
}

/**
 * Gradient kernels that stock tfjs-backend-wasm 4.22 does not register, so training a
 * convolution on wasm throws "Kernel 'Conv2DBackpropFilter' not registered". Measured by
 * `tf.getKernel(name, 'wasm')` (see wasm-conv.test.ts): Conv2DBackpropInput, MaxPoolGrad and
 * AvgPoolGrad are registered; these three are not.
 */
export const WASM_MISSING_CONV_GRADIENTS = [
  tf.Conv2DBackpropFilter,
  tf.DepthwiseConv2dNativeBackpropFilter,
  tf.DepthwiseConv2dNativeBackpropInput,
] as const;

const REGISTERED = new Set<string>();
/** Stock wasm kernels this module replaced, restored by {@link unregisterWasmConvGradients}. */
const REPLACED = new Map<string, tf.KernelConfig>();

/**
 * Stock wasm kernels that are replaced (for the wasm backend only):
 * - MaxPoolGrad: tfjs-backend-wasm 4.22 gives wrong gradients for a pooling window whose maximum
 *   is negative (it sends them to another element or drops them; measured against
 *   tfjs-backend-cpu in wasm-conv.test.ts). Unseen after a ReLU, whose outputs are never
 *   negative, but it breaks MaxPooling2D after a linear or tanh Conv2D.
 * - Conv2DBackpropInput: correct, but a scalar C++ loop that took about half of a small CNN's
 *   training step (tf.profile; Conv2D 16 → pool → Conv2D 32 → pool → Dense 10, batch 32).
 *   Replaced by a matrix product (wasm BatchMatMul, XNNPACK) and a col2im scatter; channels-first
 *   calls still go to the stock kernel.
 */
export const WASM_REPLACED_CONV_GRADIENTS = [tf.MaxPoolGrad, tf.Conv2DBackpropInput] as const;

/**
 * Registers, for the wasm backend only, each kernel of {@link WASM_MISSING_CONV_GRADIENTS} that
 * is not registered yet (a later tfjs that ships its own keeps it), and replaces those of
 * {@link WASM_REPLACED_CONV_GRADIENTS}. Conv2DBackpropFilter is im2col plus the wasm BatchMatMul
 * kernel (XNNPACK; channels-first input is transposed first); the depthwise gradients and
 * MaxPoolGrad are direct loops computing what the tfjs-backend-cpu kernels of the same name
 * compute. Dilation 1 (tfjs' own conv gradients reject other dilations). Call before the wasm
 * backend initialises (backend.ts does); safe to call more than once.
 */
export function registerWasmConvGradients(): void {
  const kernels: Record<(typeof WASM_MISSING_CONV_GRADIENTS)[number], KernelFunc> = {
    [tf.Conv2DBackpropFilter]: conv2DBackpropFilter,
    [tf.DepthwiseConv2dNativeBackpropFilter]: depthwiseConv2dNativeBackpropFilter,
    [tf.DepthwiseConv2dNativeBackpropInput]: depthwiseConv2dNativeBackpropInput,
  };
  for (const kernelName of WASM_MISSING_CONV_GRADIENTS) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernels[kernelName] });
    REGISTERED.add(kernelName);
  }
  replaceKernel(tf.MaxPoolGrad, maxPoolGrad);
  replaceKernel(tf.Conv2DBackpropInput, conv2DBackpropInput);
}

function replaceKernel(kernelName: string, kernelFunc: KernelFunc): void {
  if (REPLACED.has(kernelName)) return;
  const stock = tf.getKernel(kernelName, 'wasm');
  if (!stock) {
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
    REGISTERED.add(kernelName);
    return;
  }
  REPLACED.set(kernelName, stock);
  tf.unregisterKernel(kernelName, 'wasm');
  // Keeping the stock setupFunc lets the stock kernel work again once restored (tests restore it).
  tf.registerKernel({ ...stock, kernelFunc });
}

/** Removes the kernels this module registered (tests show the stock failure with it). */
export function unregisterWasmConvGradients(): void {
  for (const kernelName of REGISTERED) tf.unregisterKernel(kernelName, 'wasm');
  REGISTERED.clear();
  for (const [kernelName, stock] of REPLACED) {
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(stock);
  }
  REPLACED.clear();
}

/** Names of the kernels this module has registered for wasm (added ones, then replaced ones). */
export function registeredWasmConvGradients(): string[] {
  return [...REGISTERED, ...REPLACED.keys()];
}

function requireChannelsLast(kernelName: string, attrs: ConvAttrs): void {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
    throw new Error(`${kernelName} on the wasm backend supports data format NHWC (channels last); got ${attrs.dataFormat}. Use data_format "channels_last".`);
  }
}

function float32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/**
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·sh + kh − padTop, ow·sw + kw − padLeft, ci] · dy[b, oh, ow, co].
 * Written as a matrix product: cols [K = kh·kw·ci, N = b·oh·ow] (im2col, transposed so the product
 * needs no transposed operand) times dy [N, co], run by the wasm BatchMatMul kernel.
 */
function conv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  const backend = args.backend as unknown as WasmBackendLike;
  if (attrs.dataFormat === 'NCHW') {
    // Channels first: transpose x and dy to channels last (wasm Transpose kernel) and reuse the NHWC path.
    const transpose = tf.getKernel(tf.Transpose, 'wasm');
    const toNhwc = (t: tf.TensorInfo) => transpose.kernelFunc({ inputs: { x: t }, backend: args.backend, attrs: { perm: [0, 2, 3, 1] } }) as tf.TensorInfo;
    const xT = toNhwc(x);
    const dyT = toNhwc(dy);
    try {
      return conv2DBackpropFilter({ ...args, inputs: { x: xT, dy: dyT }, attrs: { ...args.attrs, dataFormat: 'NHWC' } });
    } finally {
      backend.disposeData(xT.dataId);
      backend.disposeData(dyT.dataId);
    }
  }
  requireChannelsLast(tf.Conv2DBackpropFilter, attrs);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const K = filterHeight * filterWidth * inChannels;
  const N = batchSize * outHeight * outWidth;
  const cols = backend.makeOutput([1, K, N], 'float32');
  // Views on the wasm heap, taken after the allocation (which may grow the heap and detach older views).
  const colValues = backend.typedArrayFromHeap(cols);
  const xValues = backend.typedArrayFromHeap(x);
  // Row k = (kh, kw, ci) in the filter's row-major order; column n = (b, oh, ow).
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // Output columns ow in [owMin, owMax) read inside the image; the others read padding (0).
      const owMin = Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth)));
      const owMax = Math.max(owMin, Math.min(outWidth, Math.ceil((inWidth + left - kw) / strideWidth)));
      const step = strideWidth * inChannels;
      for (let ci = 0; ci < inChannels; ci++) {
        const rowStart = ((kh * filterWidth + kw) * inChannels + ci) * N;
        let n = rowStart;
        for (let b = 0; b < batchSize; b++) {
          const batchOffset = b * inHeight * inWidth * inChannels;
          for (let oh = 0; oh < outHeight; oh++) {
            const ih = oh * strideHeight + kh - top;
            if (ih < 0 || ih >= inHeight) {
              colValues.fill(0, n, n + outWidth);
              n += outWidth;
              continue;
            }
            const rowOffset = batchOffset + ih * inWidth * inChannels + ci;
            if (owMin > 0) colValues.fill(0, n, n + owMin);
            let i = rowOffset + (owMin * strideWidth + kw - left) * inChannels;
            for (let ow = owMin; ow < owMax; ow++, i += step) colValues[n + ow] = xValues[i];
            if (owMax < outWidth) colValues.fill(0, n + owMax, n + outWidth);
            n += outWidth;
          }
        }
      }
    }
  }
  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  const dy3: tf.TensorInfo = { dataId: dy.dataId, shape: [1, N, outChannels], dtype: dy.dtype };
  try {
    const product = matMul.kernelFunc({
      inputs: { a: cols, b: dy3 },
      backend: args.backend,
      attrs: { transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    return { dataId: product.dataId, shape: [...attrs.filterShape], dtype: 'float32' };
  } finally {
    backend.disposeData(cols.dataId);
  }
}

/**
 * dx[b, ih, iw, ci] = Σ_{kh, kw, co} dy[b, oh, ow, co] · W[kh, kw, ci, co] over ih = oh·sh + kh − padTop,
 * iw = ow·sw + kw − padLeft. Written as dcols [N = b·oh·ow, K = kh·kw·ci] = dy [N, co] · Wᵀ [co, K]
 * (wasm BatchMatMul) followed by a col2im scatter-add into dx.
 */
function conv2DBackpropInput(args: KernelArgs): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const stock = REPLACED.get(tf.Conv2DBackpropInput);
  if (attrs.dataFormat === 'NCHW' && stock) return stock.kernelFunc(args) as tf.TensorInfo; // stock handles channels first
  requireChannelsLast(tf.Conv2DBackpropInput, attrs);
  const backend = args.backend as unknown as WasmBackendLike;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const K = filterHeight * filterWidth * inChannels;
  const N = batchSize * outHeight * outWidth;
  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  const dcols = matMul.kernelFunc({
    inputs: {
      a: { dataId: dy.dataId, shape: [1, N, outChannels], dtype: dy.dtype },
      b: { dataId: filter.dataId, shape: [1, K, outChannels], dtype: filter.dtype },
    },
    backend: args.backend,
    attrs: { transposeA: false, transposeB: true } as unknown as tf.NamedAttrMap,
  }) as tf.TensorInfo;
  const out = backend.makeOutput([...attrs.inputShape], 'float32');
  try {
    // Views on the wasm heap, taken after the last allocation (which may grow the heap and detach older views).
    const dcolValues = backend.typedArrayFromHeap(dcols);
    const dx = backend.typedArrayFromHeap(out);
    dx.fill(0);
    // One view of the whole heap: for one (n, kh) the kw·ci values of dcols and the dx pixels they
    // add to are each one contiguous run (dilation 1), added in one flat loop.
    const heap = new Float32Array(dx.buffer);
    const dxBase = dx.byteOffset >> 2;
    const run = filterWidth * inChannels;
    let col = dcolValues.byteOffset >> 2;
    for (let b = 0; b < batchSize; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          const iw0 = ow * strideWidth - left;
          const kwMin = Math.max(0, -iw0);
          const kwMax = Math.min(filterWidth, inWidth - iw0);
          const length = (kwMax - kwMin) * inChannels;
          for (let kh = 0; kh < filterHeight; kh++, col += run) {
            const ih = oh * strideHeight + kh - top;
            if (ih < 0 || ih >= inHeight || length <= 0) continue;
            const to = dxBase + ((b * inHeight + ih) * inWidth + iw0 + kwMin) * inChannels;
            const from = col + kwMin * inChannels;
            for (let j = 0; j < length; j++) heap[to + j] += heap[from + j];
          }
        }
      }
    }
  } finally {
    backend.disposeData(dcols.dataId);
  }
  return out;
}

/** dW[kh, kw, ci, m] = Σ_{b, oh, ow} x[b, ih, iw, ci] · dy[b, oh, ow, ci·M + m] (tfjs-backend-cpu's loop). */
function depthwiseConv2dNativeBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  const backend = args.backend as unknown as WasmBackendLike;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, true,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const chMul = outChannels / inChannels;
  const xValues = float32(backend.readSync(x.dataId));
  const dyValues = float32(backend.readSync(dy.dataId));
  const dW = new Float32Array(filterHeight * filterWidth * inChannels * chMul);
  for (let kh = 0; kh < filterHeight; kh++) {
    const ohMin = Math.max(0, Math.ceil((top - kh) / strideHeight));
    const ohMax = Math.min(outHeight, (inHeight + top - kh) / strideHeight);
    for (let kw = 0; kw < filterWidth; kw++) {
      const owMin = Math.max(0, Math.ceil((left - kw) / strideWidth));
      const owMax = Math.min(outWidth, (inWidth + left - kw) / strideWidth);
      for (let d2 = 0; d2 < outChannels; d2++) {
        const d1 = Math.trunc(d2 / chMul);
        let sum = 0;
        for (let b = 0; b < batchSize; b++) {
          for (let oh = ohMin; oh < ohMax; oh++) {
            const ih = kh + oh * strideHeight - top;
            const xRow = (b * inHeight + ih) * inWidth;
            const dyRow = (b * outHeight + oh) * outWidth;
            for (let ow = owMin; ow < owMax; ow++) {
              const iw = kw + ow * strideWidth - left;
              sum += xValues[(xRow + iw) * inChannels + d1] * dyValues[(dyRow + ow) * outChannels + d2];
            }
          }
        }
        // Filter layout [kh, kw, ci, m] with d2 = ci·M + m, so the flat index is (kh·kw_size + kw)·outChannels + d2.
        dW[(kh * filterWidth + kw) * outChannels + d2] = sum;
      }
    }
  }
  return backend.makeOutput([...attrs.filterShape], 'float32', undefined, dW);
}

/** dx[b, ih, iw, ci] = Σ_{oh, ow, m} dy[b, oh, ow, ci·M + m] · W[kh, kw, ci, m] (tfjs-backend-cpu's loop). */
function depthwiseConv2dNativeBackpropInput(args: KernelArgs): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  const backend = args.backend as unknown as WasmBackendLike;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, true,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const chMul = outChannels / inChannels;
  const dyValues = float32(backend.readSync(dy.dataId));
  const wValues = float32(backend.readSync(filter.dataId));
  const dx = new Float32Array(batchSize * inHeight * inWidth * inChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let d1 = 0; d1 < inChannels; d1++) {
      for (let ih = 0; ih < inHeight; ih++) {
        const ihCorner = ih - top;
        const ohMin = Math.max(0, Math.ceil(ihCorner / strideHeight));
        const ohMax = Math.min(outHeight, (filterHeight + ihCorner) / strideHeight);
        for (let iw = 0; iw < inWidth; iw++) {
          const iwCorner = iw - left;
          const owMin = Math.max(0, Math.ceil(iwCorner / strideWidth));
          const owMax = Math.min(outWidth, (filterWidth + iwCorner) / strideWidth);
          let sum = 0;
          for (let oh = ohMin; oh < ohMax; oh++) {
            const kh = oh * strideHeight - ihCorner;
            for (let ow = owMin; ow < owMax; ow++) {
              const kw = ow * strideWidth - iwCorner;
              const dyOffset = ((b * outHeight + oh) * outWidth + ow) * outChannels;
              const wOffset = (((filterHeight - 1 - kh) * filterWidth + (filterWidth - 1 - kw)) * inChannels + d1) * chMul;
              for (let m = 0; m < chMul; m++) sum += dyValues[dyOffset + d1 * chMul + m] * wValues[wOffset + m];
            }
          }
          dx[((b * inHeight + ih) * inWidth + iw) * inChannels + d1] = sum;
        }
      }
    }
  }
  return backend.makeOutput([...attrs.inputShape], 'float32', undefined, dx);
}

/**
 * dx[b, ih, iw, c] = Σ dy[b, oh, ow, c] over the pooling windows whose first maximum (row-major
 * scan, strict `>`, as tfjs-backend-cpu's `maxPoolPositions`) is at (ih, iw). Dilation 1.
 */
function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const backend = args.backend as unknown as WasmBackendLike;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const out = backend.makeOutput([...input.shape], 'float32');
  // Views on the wasm heap, taken after the allocation (which may grow the heap and detach older views).
  const dx = backend.typedArrayFromHeap(out);
  const xValues = backend.typedArrayFromHeap(input);
  const dyValues = backend.typedArrayFromHeap(dy);
  dx.fill(0);
  const rowStride = inWidth * inChannels;
  const tiled2x2 = filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth;
  if (tiled2x2) {
    // MaxPooling2D's default (2×2, strides 2, windows inside the image): the same first strict
    // maximum as the scan below, found without data-dependent branches (a branch per comparison
    // mispredicts about half the time on real activations and cost 3× the time). Pairs (0, 1) and
    // (2, 3) each keep their first maximum (`+(v1 > v0)` is 0 or 1), then the later pair wins
    // only if strictly greater. A pair winner that is NaN or −∞ (possible only when that pair
    // holds a NaN first or two −∞) sends the window to the exact scan, which skips NaN and −∞.
    let d = 0;
    for (let b = 0; b < batchSize; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        const row0 = (b * inHeight + 2 * oh) * rowStride;
        for (let ow = 0; ow < outWidth; ow++) {
          const p0 = row0 + 2 * ow * inChannels;
          for (let c = 0; c < inChannels; c++, d++) {
            const i0 = p0 + c;
            const i2 = i0 + rowStride;
            const a01 = i0 + +(xValues[i0 + inChannels] > xValues[i0]) * inChannels;
            const a23 = i2 + +(xValues[i2 + inChannels] > xValues[i2]) * inChannels;
            const m01 = xValues[a01];
            const m23 = xValues[a23];
            if (m01 > Number.NEGATIVE_INFINITY && m23 > Number.NEGATIVE_INFINITY) {
              dx[a01 + +(m23 > m01) * (a23 - a01)] += dyValues[d];
              continue;
            }
            let best = Number.NEGATIVE_INFINITY;
            let at = -1;
            for (const i of [i0, i0 + inChannels, i2, i2 + inChannels]) {
              if (xValues[i] > best) {
                best = xValues[i];
                at = i;
              }
            }
            if (at >= 0) dx[at] += dyValues[d];
          }
        }
      }
    }
    return out;
  }
  for (let b = 0; b < batchSize; b++) {
    const batchOffset = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const ihStart = oh * strideHeight - top;
      const ihMin = Math.max(0, ihStart);
      const ihMax = Math.min(inHeight, ihStart + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const iwStart = ow * strideWidth - left;
        const iwMin = Math.max(0, iwStart);
        const iwMax = Math.min(inWidth, iwStart + filterWidth);
        const dyOffset = ((b * outHeight + oh) * outWidth + ow) * inChannels;
        // Per channel, the window in row-major order; the first strict maximum wins.
        for (let c = 0; c < inChannels; c++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let ih = ihMin; ih < ihMax; ih++) {
            const rowOffset = batchOffset + ih * rowStride + c;
            for (let iw = iwMin; iw < iwMax; iw++) {
              const i = rowOffset + iw * inChannels;
              if (xValues[i] > best) {
                best = xValues[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += dyValues[dyOffset + c];
        }
      }
    }
  }
  return out;
}
