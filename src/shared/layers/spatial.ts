import { quoteValue } from '../api/quote';
import { formatShape } from './params';
import type { OnnxLayerContext } from './onnx';
import type { Shape } from './types';
import { isShapeFailure, shapeFailure, type ShapeFailure } from './shape-text';

/**
 * What the image and sequence layers (Conv1D/Conv2D, the pooling layers, the depthwise and
 * separable convolutions) share: the window arithmetic Keras and tfjs use for channels-last
 * images `[batch, height, width, channels]` and sequences `[batch, steps, channels]`, reading
 * Keras' int-or-tuple arguments, and the channels-last ↔ channels-first transposes around ONNX's
 * channels-first operators.
 */

/** Keras / tfjs `padding` of the 2-D layers. */
export const PADDINGS = ['valid', 'same'] as const;

/**
 * The sequence input `[batch, steps, channels]` of a 1-D layer, or a message naming the layer and
 * the fix; `imageLayer` is its 2-D counterpart, named when an image arrives.
 */
export function sequenceInput(layer: string, inputs: Shape[], imageLayer?: string): Shape | ShapeFailure {
  const input = inputs[0];
  if (!input) return shapeFailure('shape.needsOne', { layer });
  if (input.length !== 3) {
    const got = formatShape(input);
    if (input.length === 2) return shapeFailure('shape.needsSequence.flat', { layer, got, headId: 'shape.needsSequence' });
    if (input.length === 4) return shapeFailure(imageLayer ? 'shape.needsSequence.image.counterpart' : 'shape.needsSequence.image', { layer, got, headId: 'shape.needsSequence', ...(imageLayer ? { counterpart: imageLayer } : {}) });
    return shapeFailure('shape.needsSequence', { layer, got });
  }
  return input;
}

/**
 * The image input `[batch, height, width, channels]`, or a message naming the layer and the fix;
 * `sequenceLayer` is its 1-D counterpart, named when a sequence `[batch, steps, channels]` arrives.
 */
export function imageInput(layer: string, inputs: Shape[], sequenceLayer?: string): Shape | ShapeFailure {
  const input = inputs[0];
  if (!input) return shapeFailure('shape.needsOne', { layer });
  if (input.length !== 4) {
    const got = formatShape(input);
    if (input.length === 2) return shapeFailure('shape.needsImage.flat', { layer, got, headId: 'shape.needsImage' });
    if (input.length === 3) return shapeFailure(sequenceLayer ? 'shape.needsImage.sequence.counterpart' : 'shape.needsImage.sequence', { layer, got, headId: 'shape.needsImage', ...(sequenceLayer ? { counterpart: sequenceLayer } : {}) });
    return shapeFailure('shape.needsImage', { layer, got });
  }
  return input;
}

/**
 * The output size of one spatial axis (keras/src/ops/operation_utils.py `compute_conv_output_shape`,
 * dilation 1): `valid` ⌊(size − window) / stride⌋ + 1, `same` ⌈size / stride⌉; null stays null;
 * a message when a `valid` window does not fit.
 */
export function windowOutput(layer: string, size: number | null, window: number, stride: number, padding: string, axis: SpatialAxis, windowParam: WindowParam): number | null | ShapeFailure {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  if (size < window) return shapeFailure('shape.windowFit', { layer, window, size, fieldId: fieldKey(layer, windowParam), axisId: `shape.axis.${axis}` }, fieldEnglish(layer, windowParam));
  return Math.floor((size - window) / stride) + 1;
}

/** The spatial axes' names for 1 (a sequence) or 2 (an image) window sizes. */
const AXES: Record<number, readonly SpatialAxis[]> = { 1: ['steps'], 2: ['height', 'width'] };
export type SpatialAxis = 'steps' | 'height' | 'width';

/** The params that give window sizes, and their names inside an English sentence (their registry labels, lower-cased). */
const WINDOW_PARAMS = { kernelSize: 'kernel size', poolSize: 'pool size', strides: 'strides', size: 'size' } as const;
export type WindowParam = keyof typeof WINDOW_PARAMS;
const fieldKey = (layer: string, param: WindowParam): string => `param.field.${layer}.${param}`;
const fieldEnglish = (layer: string, param: WindowParam): Record<string, string> => ({ [fieldKey(layer, param)]: WINDOW_PARAMS[param] });

/** "<layer> <param> must give 2 sizes (height, width); got …" for an image (2) or sequence (1) layer. */
export function sizesFailure(layer: string, param: WindowParam, axes: number, sizes: unknown): ShapeFailure {
  return shapeFailure(axes === 1 ? 'shape.sizes.sequence' : 'shape.sizes.image', { layer, got: quoteValue(sizes), fieldId: fieldKey(layer, param) }, fieldEnglish(layer, param));
}

/**
 * The output `[batch, ...spatial]` (`[batch, h, w]` for an image, `[batch, steps]` for a
 * sequence) of a window of `window` moved by `strides` over a channels-last input, or a message;
 * `windowParam` is the param giving the window (`kernelSize`, named in messages). The input's rank sets the number
 * of spatial axes (rank − 2); `window` and `strides` must give one size per axis.
 */
export function spatialOutput(layer: string, input: Shape, window: number[], strides: number[], padding: string, windowParam: WindowParam): Shape | ShapeFailure {
  const axes = AXES[input.length - 2] ?? [];
  for (const [name, sizes] of [[windowParam, window], ['strides', strides]] as const) {
    if (sizes.length !== axes.length) return sizesFailure(layer, name, axes.length, sizes);
  }
  const out: Shape = [input[0]];
  for (let i = 0; i < axes.length; i++) {
    const size = windowOutput(layer, input[i + 1], window[i], strides[i], padding, axes[i], windowParam);
    if (isShapeFailure(size)) return size;
    out.push(size);
  }
  return out;
}

/** A Keras int-or-pair argument (`kernel_size=3` or `(3, 3)`) as a pair; `fallback` when absent or not understood. */
export function kerasPair(value: unknown, fallback: number[]): number[] {
  return kerasTuple(value, 2, fallback);
}

/** A Keras int-or-tuple argument as `n` sizes (`3` → [3, 3] for n = 2, [3] for n = 1); `fallback` when absent or not understood. */
export function kerasTuple(value: unknown, n: number, fallback: number[]): number[] {
  if (typeof value === 'number') return Array.from({ length: n }, () => value);
  if (Array.isArray(value) && value.length === n && value.every((v) => typeof v === 'number')) return [...(value as number[])];
  return [...fallback];
}

/**
 * The ONNX `pads` (begins of every spatial axis, then ends: top, left, bottom, right for an image)
 * giving TensorFlow's padding: `same` pads the total max((⌈size/stride⌉ − 1)·stride + window − size, 0),
 * the odd pixel at the end (TF's convention).
 * @throws Error when `same` meets an axis of unknown size (the export needs it fixed).
 */
export function onnxPads(c: OnnxLayerContext, window: number[], strides: number[]): number[] {
  const padding = c.node.params.padding;
  if (padding !== 'same') return [...window.map(() => 0), ...window.map(() => 0)];
  const input = c.node.inputShapes[0];
  const axes = AXES[window.length];
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < window.length; i++) {
    const size = input[i + 1];
    if (size === null) throw new Error(`${c.node.name}: the ONNX export of padding 'same' needs a known ${axes[i]}; got ${formatShape(input)}.`);
    const total = Math.max((Math.ceil(size / strides[i]) - 1) * strides[i] + window[i] - size, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return [...begin, ...end];
}

/** One channels-first ONNX operator of a chain: its type, the inputs after the previous result (weights), its attributes. */
export interface OnnxChannelsFirstStep {
  op: string;
  extra: string[];
  attributes: Record<string, number | { int: number } | { ints: number[] }>;
}

/**
 * Writes channels-first ONNX operators applied one after the other to the input, between
 * channels-last → channels-first and back transposes (NHWC ↔ NCHW for an image, NWC ↔ NCW for a
 * sequence: the input's rank decides); returns the channels-last result, named `out`.
 */
export function onnxChannelsFirstChain(c: OnnxLayerContext, steps: OnnxChannelsFirstStep[], out: string): string {
  const { b, node } = c;
  const rank = node.inputShapes[0].length;
  const spatial = Array.from({ length: rank - 2 }, (_, i) => i + 1);
  let y = b.node('Transpose', [c.inputs[0]], b.fresh(`${node.name}/to_channels_first`), { perm: { ints: [0, rank - 1, ...spatial] } });
  for (const step of steps) y = b.node(step.op, [y, ...step.extra], b.fresh(`${node.name}/${step.op}`), step.attributes);
  return b.node('Transpose', [y], out, { perm: { ints: [0, ...spatial.map((i) => i + 1), 1] } });
}

/** `onnxChannelsFirstChain` with one operator `op` on the input plus `extra` inputs. */
export function onnxChannelsFirst(c: OnnxLayerContext, op: string, extra: string[], attributes: OnnxChannelsFirstStep['attributes'], out: string): string {
  return onnxChannelsFirstChain(c, [{ op, extra, attributes }], out);
}

/**
 * A channels-last kernel `(...window, in, out)` (tfjs / Keras layout) as ONNX Conv's
 * `(out, in, ...window)`, for 1-D and 2-D windows.
 */
export function channelsFirstKernel(kernel: { shape: number[]; values: Float32Array }): { dims: number[]; values: Float32Array } {
  const window = kernel.shape.slice(0, -2);
  const [cin, cout] = kernel.shape.slice(-2);
  const area = window.reduce((a, b) => a * b, 1);
  const values = new Float32Array(kernel.values.length);
  for (let p = 0; p < area; p++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) values[(o * cin + i) * area + p] = kernel.values[(p * cin + i) * cout + o];
  return { dims: [cout, cin, ...window], values };
}
