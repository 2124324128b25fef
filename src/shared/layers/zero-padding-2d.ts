import { quoteValue } from '../api/quote';
import { codeCall, kerasGet, tfjsLayerCode } from './keras';
import { imageInput } from './spatial';
import type { LayerDefinition, LayerParams } from './types';
import { isShapeFailure } from './shape-text';

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

/**
 * Keras 3 `keras.layers.ZeroPadding2D(padding=(1, 1), data_format channels_last)`: adds rows and
 * columns of zeros around an image, `(batch, h, w, c)` → `(batch, top + h + bottom, left + w + right, c)`.
 * Keras takes an int, a pair (symmetric height, width) or ((top, bottom), (left, right)) and writes
 * the last form in its config; Neurite keeps the four sides (1 each by default, as Keras). tfjs
 * `tf.layers.zeroPadding2d` is the same. No weights.
 */
export const ZeroPadding2D: LayerDefinition = {
  type: 'ZeroPadding2D',
  label: 'ZeroPadding2D',
  category: 'Reshaping',
  description: 'Adds rows and columns of zeros around an image, e.g. so a convolution with padding valid keeps the size.',
  params: SIDES.map((side) => ({ name: side, label: `${side[0].toUpperCase()}${side.slice(1)}`, kind: 'int', default: 1, min: 0, max: 10_000, help: `How many rows or columns of zeros to add at the ${side}.` })),
  arity: { min: 1, max: 1 },
  summaryParams: ['top', 'bottom', 'left', 'right'],
  inferOutputShape(inputs, params) {
    const input = imageInput('ZeroPadding2D', inputs);
    if (isShapeFailure(input)) return input;
    const [, h, w, c] = input;
    const top = params.top as number;
    const bottom = params.bottom as number;
    const left = params.left as number;
    const right = params.right as number;
    return { ok: true, shape: [input[0], h === null ? null : h + top + bottom, w === null ? null : w + left + right, c] };
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  toTfjs: (params) => ({
    className: 'ZeroPadding2D',
    config: { padding: [[params.top, params.bottom], [params.left, params.right]], dataFormat: 'channelsLast' },
  }),
  keras: {
    classNames: ['ZeroPadding2D'],
    reads: ['padding'],
    drops: { data_format: 'channels_last' },
    fromKeras(config, context) {
      const padding = kerasGet(config, 'padding');
      const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
      const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isInt);
      let sides: number[] | null = null;
      if (padding === undefined || padding === null) sides = [1, 1, 1, 1];
      else if (isInt(padding)) sides = [padding, padding, padding, padding];
      else if (isPair(padding)) sides = [padding[0], padding[0], padding[1], padding[1]];
      else if (Array.isArray(padding) && padding.length === 2 && padding.every(isPair)) sides = [...(padding[0] as number[]), ...(padding[1] as number[])];
      if (!sides) return { ok: false, unsupported: `${context.className} with padding ${quoteValue(padding)}` };
      const params: LayerParams = {};
      SIDES.forEach((side, i) => (params[side] = sides[i]));
      return { ok: true, params };
    },
  },
  code: {
    python: (params) =>
      codeCall('layers.ZeroPadding2D', [], [
        [
          'padding',
          [
            [params.top as number, params.bottom as number],
            [params.left as number, params.right as number],
          ],
        ],
      ]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs, 'zeroPadding2d'),
  },
  // ONNX Pad (opset 17: pads as an int64 input, begins then ends of every axis) on the NHWC tensor; mode constant, value 0.
  onnx: {
    emit(c) {
      const { b, node } = c;
      const p = node.params;
      const pads = b.int64Constant(`${node.name}/pads`, [0, p.top as number, p.left as number, 0, 0, p.bottom as number, p.right as number, 0]);
      b.node('Pad', [c.inputs[0], pads], c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 5, 5, 2]] },
    { params: { top: 0, bottom: 2, left: 3, right: 1 }, inputs: [[null, 4, 6, 3]] },
    { params: { top: 2, bottom: 2, left: 0, right: 0 }, inputs: [[null, 3, 3, 1]] },
  ],
};
