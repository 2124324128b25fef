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
 * Lists of runs over the wasm heap, the inner loops of im2col (Conv2DBackpropFilter) and col2im
 * (Conv2DBackpropInput). Entry e of a list is 8 int32 (byte addresses and sizes)
 * [to, from, length, fromStride, rows, toRowStep, fromRowStep, 0]: for r < rows and j < length/4,
 * with t = to + r·toRowStep + 4j and f = from + r·fromRowStep + j·fromStride,
 * `gather` sets f32 heap[t] = heap[f] and `add` sets heap[t] += heap[f], entries and rows in order.
 * The kernels build their list in JavaScript and run it here in one call: the same loops over a
 * Float32Array took 2–3× as long (MNIST CNN shapes, fresh inputs each call). The WebAssembly
 * module below is written out by hand (no compiler in the build) and imports the tfjs wasm
 * backend's own memory, so nothing is copied.
 */
export interface RunExecutor {
  gather(list: number, count: number): void;
  add(list: number, count: number): void;
}

/** Int32 values in one run-list entry: to, from, length, fromStride, rows, toRowStep, fromRowStep, (unused). */
export const RUN_FIELDS = 8;

/** Unsigned LEB128, as the WebAssembly binary format writes sizes and indices. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/**
 * The module: (import "env" "memory" (memory 1)), functions gather(list i32, count i32) and
 * add(list i32, count i32), exported by those names. Opcodes from the WebAssembly core
 * specification 1.0, section 5.4 (Instructions).
 */
function runModuleBytes(): Uint8Array {
  const [block, loop, end, br, brIf, get, set, tee] = [0x02, 0x03, 0x0b, 0x0c, 0x0d, 0x20, 0x21, 0x22];
  const [i32Load, f32Load, f32Store, i32Const, i32Eqz, i32GeU, i32Add, i32Sub, f32Add] = [0x28, 0x2a, 0x38, 0x41, 0x45, 0x4f, 0x6a, 0x6b, 0x92];
  const VOID = 0x40;
  const mem = (offset: number) => [2, ...leb(offset)]; // alignment 2^2, offset
  const field = (i: number) => [get, 0, i32Load, ...mem(4 * i)]; // int32 i of the current entry
  // Locals: 0 list, 1 count (parameters); 2 t, 3 f, 4 end, 5 fromStride, 6 rows left, 7 row start (to), 8 row start (from).
  const body = (inner: number[]) => [
    block, VOID, loop, VOID, // entries
    get, 1, i32Eqz, brIf, 1,
    ...field(0), set, 7,
    ...field(1), set, 8,
    ...field(3), set, 5,
    ...field(4), set, 6,
    block, VOID, loop, VOID, // rows
    get, 6, i32Eqz, brIf, 1,
    get, 7, tee, 2, ...field(2), i32Add, set, 4,
    get, 8, set, 3,
    block, VOID, loop, VOID, // elements
    get, 2, get, 4, i32GeU, brIf, 1,
    ...inner,
    get, 2, i32Const, 4, i32Add, set, 2,
    get, 3, get, 5, i32Add, set, 3,
    br, 0,
    end, end,
    get, 7, ...field(5), i32Add, set, 7,
    get, 8, ...field(6), i32Add, set, 8,
    get, 6, i32Const, 1, i32Sub, set, 6,
    br, 0,
    end, end,
    get, 0, i32Const, 4 * RUN_FIELDS, i32Add, set, 0,
    get, 1, i32Const, 1, i32Sub, set, 1,
    br, 0,
    end, end,
    end,
  ];
  const gather = body([get, 2, get, 3, f32Load, ...mem(0), f32Store, ...mem(0)]);
  const add = body([get, 2, get, 2, f32Load, ...mem(0), get, 3, f32Load, ...mem(0), f32Add, f32Store, ...mem(0)]);
  const i32 = 0x7f;
  const code = (b: number[]) => {
    const f = [1, 7, i32, ...b]; // one group of 7 i32 locals
    return [...leb(f.length), ...f];
  };
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (s: string) => [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, i32, i32, 0]), // type 0: (i32, i32) -> ()
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]), // memory import, min 1 page
    ...section(3, [2, 0, 0]),
    ...section(7, [2, ...name('gather'), 0x00, 0, ...name('add'), 0x00, 1]),
    ...section(10, [2, ...code(gather), ...code(add)]),
  ]);
}

/** The parts of the WebAssembly JavaScript API used here (Node's global; its types are not in this project's lib). */
interface WebAssemblyApi {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const WASM_API = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let runModule: object | null = null;
/** Per backend memory: its instance of the module, or null where it could not be instantiated. */
const EXECUTORS = new WeakMap<object, RunExecutor | null>();

/**
 * The WebAssembly run executor on the backend's memory (tfjs-backend-wasm 4.22 exposes it as
 * `wasm.asm.memory`). Where that memory is not reachable or cannot be imported (another tfjs
 * version; the threaded build's shared memory, which tfjs 4.22 does not load in Node), the
 * JavaScript reference executor over `heap` runs the same list, slower but with the same result.
 */
function runExecutor(backend: WasmBackendLike, heap: ArrayBufferLike): RunExecutor {
  const memory = (backend as unknown as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory;
  if (!(memory instanceof WASM_API.Memory)) return javascriptRunExecutor(heap as ArrayBuffer);
  let executor = EXECUTORS.get(memory);
  if (executor === undefined) {
    try {
      runModule ??= new WASM_API.Module(runModuleBytes());
      executor = new WASM_API.Instance(runModule, { env: { memory } }).exports as RunExecutor;
    } catch {
      executor = null;
    }
    EXECUTORS.set(memory, executor);
  }
  return executor ?? javascriptRunExecutor(heap as ArrayBuffer);
}

/**
 * The same runs executed over Float32Array and Int32Array views of the whole heap: the reference
 * the WebAssembly executor is tested against (wasm-conv.test.ts), not used by the kernels.
 */
export function javascriptRunExecutor(heap: ArrayBuffer): RunExecutor {
  const f32 = new Float32Array(heap);
  const i32 = new Int32Array(heap);
  const each = (list: number, count: number, op: (t: number, f: number) => void) => {
    for (let e = 0; e < count; e++) {
      const [to, from, length, fromStride, rows, toRowStep, fromRowStep] = i32.subarray((list >> 2) + e * RUN_FIELDS);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < length >> 2; j++) op((to + r * toRowStep) / 4 + j, (from + r * fromRowStep + j * fromStride) / 4);
      }
    }
  };
  return {
    gather: (list, count) => each(list, count, (t, f) => (f32[t] = f32[f])),
    add: (list, count) => each(list, count, (t, f) => (f32[t] += f32[f])),
  };
}

/** Test hook: the executor the kernels use on this backend (the WebAssembly one on tfjs-backend-wasm 4.22). */
export function runExecutorForTests(backend: object, heap: ArrayBufferLike): RunExecutor {
  return runExecutor(backend as WasmBackendLike, heap);
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
  // One gather entry per (row k, b): rows oh in [ohMin, ohMax), columns ow in [owMin, owMax), the
  // part that reads inside the image.
  const list = backend.makeOutput([K * batchSize * RUN_FIELDS], 'int32');
  try {
    // Views on the wasm heap, taken after the allocations (which may grow the heap and detach older views).
    const colValues = backend.typedArrayFromHeap(cols);
    const xValues = backend.typedArrayFromHeap(x);
    const runs = backend.typedArrayFromHeap(list) as unknown as Int32Array;
    // Every window inside the image: the runs cover all of cols; otherwise what they leave out reads padding (0).
    const inside = top === 0 && left === 0 && (outHeight - 1) * strideHeight + filterHeight <= inHeight && (outWidth - 1) * strideWidth + filterWidth <= inWidth;
    if (!inside) colValues.fill(0);
    const colBytes = colValues.byteOffset;
    const xBytes = xValues.byteOffset;
    const pixel = inChannels * 4;
    let count = 0;
    // Row k = (kh, kw, ci) in the filter's row-major order; column n = (b, oh, ow).
    for (let kh = 0; kh < filterHeight; kh++) {
      const ohMin = Math.min(outHeight, Math.max(0, Math.ceil((top - kh) / strideHeight)));
      const ohMax = Math.max(ohMin, Math.min(outHeight, Math.ceil((inHeight + top - kh) / strideHeight)));
      for (let kw = 0; kw < filterWidth; kw++) {
        const owMin = Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth)));
        const owMax = Math.max(owMin, Math.min(outWidth, Math.ceil((inWidth + left - kw) / strideWidth)));
        if (ohMax === ohMin || owMax === owMin) continue;
        for (let ci = 0; ci < inChannels; ci++) {
          const row = ((kh * filterWidth + kw) * inChannels + ci) * N;
          for (let b = 0; b < batchSize; b++) {
            const e = RUN_FIELDS * count++;
            runs[e] = colBytes + (row + (b * outHeight + ohMin) * outWidth + owMin) * 4;
            runs[e + 1] = xBytes + (((b * inHeight + ohMin * strideHeight + kh - top) * inWidth + owMin * strideWidth + kw - left) * inChannels + ci) * 4;
            runs[e + 2] = (owMax - owMin) * 4;
            runs[e + 3] = strideWidth * pixel;
            runs[e + 4] = ohMax - ohMin;
            runs[e + 5] = outWidth * 4;
            runs[e + 6] = strideHeight * inWidth * pixel;
          }
        }
      }
    }
    runExecutor(backend, runs.buffer).gather(runs.byteOffset, count);
  } finally {
    backend.disposeData(list.dataId);
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
  // One add entry per n = (b, oh, ow): for each kh inside the image (a row), the kw·ci values of
  // dcols row n add to one contiguous run of dx pixels (dilation 1), clipped to the image.
  const list = backend.makeOutput([N * RUN_FIELDS], 'int32');
  try {
    // Views on the wasm heap, taken after the last allocation (which may grow the heap and detach older views).
    const dcolValues = backend.typedArrayFromHeap(dcols);
    const dx = backend.typedArrayFromHeap(out);
    const runs = backend.typedArrayFromHeap(list) as unknown as Int32Array;
    dx.fill(0);
    const dxBytes = dx.byteOffset;
    const colBytes = dcolValues.byteOffset;
    const pixel = inChannels * 4;
    let count = 0;
    let n = 0;
    for (let b = 0; b < batchSize; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        const ih0 = oh * strideHeight - top;
        const khMin = Math.max(0, -ih0);
        const khMax = Math.min(filterHeight, inHeight - ih0);
        for (let ow = 0; ow < outWidth; ow++, n++) {
          const iw0 = ow * strideWidth - left;
          const kwMin = Math.max(0, -iw0);
          const kwMax = Math.min(filterWidth, inWidth - iw0);
          if (khMax <= khMin || kwMax <= kwMin) continue;
          const e = RUN_FIELDS * count++;
          runs[e] = dxBytes + ((b * inHeight + ih0 + khMin) * inWidth + iw0 + kwMin) * pixel;
          runs[e + 1] = colBytes + n * K * 4 + (khMin * filterWidth + kwMin) * pixel;
          runs[e + 2] = (kwMax - kwMin) * pixel;
          runs[e + 3] = 4;
          runs[e + 4] = khMax - khMin;
          runs[e + 5] = inWidth * pixel;
          runs[e + 6] = filterWidth * pixel;
        }
      }
    }
    runExecutor(backend, runs.buffer).add(runs.byteOffset, count);
  } finally {
    backend.disposeData(dcols.dataId);
    backend.disposeData(list.dataId);
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
    // only if strictly greater. A pair winner that is not > −∞ (NaN or −∞: the pair's first value
    // is NaN, or both are −∞ or NaN) sends the window to the exact scan, which skips NaN and −∞.
    // (Written with wasm `select` in the run module above, the same loop measured no faster.)
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
