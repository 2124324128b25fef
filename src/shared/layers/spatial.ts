import { quoteValue } from '../api/quote';
import { formatShape } from './params';
import type { OnnxLayerContext } from './onnx';
import type { Shape } from './types';

/**
 * What the 2-D image layers (Conv2D, the pooling layers) share: the window arithmetic Keras and
 * tfjs use for channels-last images `[batch, height, width, channels]`, reading Keras' int-or-pair
 * arguments, and the NHWC ↔ NCHW transposes around ONNX's channels-first operators.
 */

/** Keras / tfjs `padding` of the 2-D layers. */
export const PADDINGS = ['valid', 'same'] as const;

/** The image input `[batch, height, width, channels]`, or a message naming the layer and the fix. */
export function imageInput(layer: string, inputs: Shape[]): Shape | string {
  const input = inputs[0];
  if (!input) return `${layer} needs one input.`;
  if (input.length !== 4) {
    const fix = input.length === 2 ? ' Give the Input layer an image shape such as [28, 28, 1], or add a Reshape to [height, width, channels] before it.' : input.length === 3 ? ' Add a channels axis: a Reshape to [height, width, 1] before it.' : '';
    return `${layer} needs an image input shaped (batch, height, width, channels); got ${formatShape(input)}.${fix}`;
  }
  return input;
}

/**
 * The output size of one spatial axis (keras/src/ops/operation_utils.py `compute_conv_output_shape`,
 * dilation 1): `valid` ⌊(size − window) / stride⌋ + 1, `same` ⌈size / stride⌉; null stays null;
 * a message when a `valid` window does not fit.
 */
export function windowOutput(layer: string, size: number | null, window: number, stride: number, padding: string, axis: string, windowName = 'window'): number | null | string {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  if (size < window) return `${layer} ${windowName} of ${window} does not fit the input ${axis} of ${size} with padding 'valid'. Use a smaller ${windowName} or padding 'same'.`;
  return Math.floor((size - window) / stride) + 1;
}

/** The output `[batch, h, w]` of a window of `window` moved by `strides` over an image input, or a message; `windowName` is the param's name in messages (`kernel size`). */
export function spatialOutput(layer: string, input: Shape, window: number[], strides: number[], padding: string, windowName: string): [number | null, number | null, number | null] | string {
  for (const [name, pair] of [[windowName, window], ['strides', strides]] as const) {
    if (pair.length !== 2) return `${layer} ${name} must give 2 sizes (height, width); got ${quoteValue(pair)}.`;
  }
  const h = windowOutput(layer, input[1], window[0], strides[0], padding, 'height', windowName);
  if (typeof h === 'string') return h;
  const w = windowOutput(layer, input[2], window[1], strides[1], padding, 'width', windowName);
  if (typeof w === 'string') return w;
  return [input[0], h, w];
}

/** A Keras int-or-pair argument (`kernel_size=3` or `(3, 3)`) as a pair; `fallback` when absent or not understood. */
export function kerasPair(value: unknown, fallback: number[]): number[] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) return [...(value as number[])];
  return [...fallback];
}

/**
 * The ONNX `pads` (top, left, bottom, right) giving TensorFlow's `same` padding: the total
 * max((⌈size/stride⌉ − 1)·stride + window − size, 0), the odd pixel at the end (TF's convention).
 * @throws Error when the image size is not known (the export needs fixed height and width).
 */
export function onnxPads(c: OnnxLayerContext, window: number[], strides: number[]): number[] {
  if (c.node.params.padding !== 'same') return [0, 0, 0, 0];
  const input = c.node.inputShapes[0];
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const size = input[i + 1];
    if (size === null) throw new Error(`${c.node.name}: the ONNX export of padding 'same' needs a known image ${i === 0 ? 'height' : 'width'}; got ${formatShape(input)}.`);
    const total = Math.max((Math.ceil(size / strides[i]) - 1) * strides[i] + window[i] - size, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return [...begin, ...end];
}

/** Writes `op` (a channels-first ONNX operator on `x` plus `extra` inputs) between NHWC→NCHW and NCHW→NHWC transposes; returns the NHWC result, named `out`. */
export function onnxChannelsFirst(c: OnnxLayerContext, op: string, extra: string[], attributes: Record<string, number | { int: number } | { ints: number[] }>, out: string): string {
  const { b, node } = c;
  const nchw = b.node('Transpose', [c.inputs[0]], b.fresh(`${node.name}/to_nchw`), { perm: { ints: [0, 3, 1, 2] } });
  const y = b.node(op, [nchw, ...extra], b.fresh(`${node.name}/${op}`), attributes);
  return b.node('Transpose', [y], out, { perm: { ints: [0, 2, 3, 1] } });
}
