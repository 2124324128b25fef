import { quoteValue } from '../api/quote';
import { codeCall, kerasGet, tfjsLayerCode } from './keras';
import { imageInput, kerasPair, sizesFailure } from './spatial';
import type { LayerDefinition } from './types';
import { isShapeFailure } from './shape-text';

/**
 * Keras 3 `keras.layers.UpSampling2D(size=(2, 2), data_format channels_last, interpolation='nearest')`:
 * repeats each row `size[0]` times and each column `size[1]` times,
 * `(batch, h, w, c)` → `(batch, h · size[0], w · size[1], c)`. tfjs `tf.layers.upSampling2d`
 * is the same. Nearest only: Keras 3's 'bilinear' resizes with half-pixel centres and tfjs'
 * without, so the two would compute different images; it is refused on import, naming it. No weights.
 */
export const UpSampling2D: LayerDefinition = {
  type: 'UpSampling2D',
  label: 'UpSampling2D',
  category: 'Reshaping',
  description: 'Enlarges an image by repeating each pixel, e.g. [2, 2] doubles height and width: the opposite of pooling, used in decoders.',
  params: [{ name: 'size', label: 'Size', kind: 'shape', default: [2, 2], help: 'How many times each row and each column is repeated (height, width).', keras: 'size' }],
  arity: { min: 1, max: 1 },
  summaryParams: ['size'],
  inferOutputShape(inputs, params) {
    const input = imageInput('UpSampling2D', inputs);
    if (isShapeFailure(input)) return input;
    const size = params.size as number[];
    if (size.length !== 2) return sizesFailure('UpSampling2D', 'size', 2, size);
    const [, h, w, c] = input;
    return { ok: true, shape: [input[0], h === null ? null : h * size[0], w === null ? null : w * size[1], c] };
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  toTfjs: (params) => ({ className: 'UpSampling2D', config: { size: [...(params.size as number[])], dataFormat: 'channelsLast', interpolation: 'nearest' } }),
  keras: {
    classNames: ['UpSampling2D'],
    reads: ['interpolation'],
    drops: { data_format: 'channels_last' },
    fromKeras(config, context) {
      const interpolation = kerasGet(config, 'interpolation');
      if (interpolation !== undefined && interpolation !== null && interpolation !== 'nearest') return { ok: false, unsupported: `${context.className} with interpolation ${quoteValue(interpolation)}` };
      return { ok: true, params: { size: kerasPair(kerasGet(config, 'size'), [2, 2]) } };
    },
  },
  code: {
    python: (params) => codeCall('layers.UpSampling2D', [], [['size', [...(params.size as number[])]], ['interpolation', 'nearest']]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs, 'upSampling2d'),
  },
  /**
   * ONNX Resize on the NHWC tensor with scales (1, sh, sw, 1) and its defaults (mode nearest,
   * half_pixel coordinates, round_prefer_floor): for whole-number scales output pixel i reads
   * ⌊i / s⌋, as tfjs' resizeNearestNeighbor does.
   */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const [sh, sw] = node.params.size as number[];
      b.node('Resize', [c.inputs[0], '', b.floatConstant(`${node.name}/scales`, [4], [1, sh, sw, 1])], c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 3, 4, 2]] },
    { params: { size: [3, 1] }, inputs: [[null, 2, 5, 1]] },
    { params: { size: [1, 2] }, inputs: [[null, 4, 4, 3]] },
  ],
};
