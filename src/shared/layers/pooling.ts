import { codeCall, kerasGet, kerasParams, tfjsLayerCode } from './keras';
import { PADDINGS, imageInput, kerasPair, onnxChannelsFirst, onnxPads, spatialOutput } from './spatial';
import type { LayerDefinition } from './types';

/**
 * The 2-D pooling layers' shared form (MaxPooling2D and AveragePooling2D differ only in the
 * reduction): Keras 3 `keras.layers.MaxPooling2D` / `AveragePooling2D` (pool_size=(2, 2),
 * strides=None meaning the pool size, padding='valid', data_format channels_last). Neurite keeps
 * strides explicit, [2, 2] by default (what Keras' None gives for the default pool size; Keras 3
 * and tfjs also write the resolved strides in their configs). No weights.
 */
export function pooling2d(spec: { type: string; onnxOp: 'MaxPool' | 'AveragePool'; description: string }): LayerDefinition {
  const def: LayerDefinition = {
    type: spec.type,
    label: spec.type,
    category: 'Pooling',
    description: spec.description,
    params: [
      { name: 'poolSize', label: 'Pool size', kind: 'shape', default: [2, 2], help: 'Height and width of the window pooled into one value, e.g. [2, 2].', keras: 'pool_size' },
      { name: 'strides', label: 'Strides', kind: 'shape', default: [2, 2], help: 'How many pixels the window moves each step (height, width); usually equal to the pool size.', keras: 'strides' },
      { name: 'padding', label: 'Padding', kind: 'enum', default: 'valid', options: PADDINGS, help: "valid: windows stay inside the image. same: the edge is padded so the size is the input size divided by the strides, rounded up.", keras: 'padding' },
    ],
    arity: { min: 1, max: 1 },
    summaryParams: ['poolSize'],
    inferOutputShape(inputs, params) {
      const input = imageInput(spec.type, inputs);
      if (typeof input === 'string') return { ok: false, message: input };
      const out = spatialOutput(spec.type, input, params.poolSize as number[], params.strides as number[], params.padding as string, 'pool size');
      if (typeof out === 'string') return { ok: false, message: out };
      return { ok: true, shape: [...out, input[3]] };
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    toTfjs: (params) => ({
      className: spec.type,
      config: { poolSize: [...(params.poolSize as number[])], strides: [...(params.strides as number[])], padding: params.padding, dataFormat: 'channelsLast' },
    }),
    keras: {
      classNames: spec.type === 'MaxPooling2D' ? ['MaxPooling2D', 'MaxPool2D'] : ['AveragePooling2D', 'AvgPool2D'],
      drops: { data_format: 'channels_last' },
      fromKeras(config) {
        const poolSize = kerasPair(kerasGet(config, 'pool_size'), [2, 2]);
        // Keras' strides=None means the pool size.
        const strides = kerasPair(kerasGet(config, 'strides'), poolSize);
        return { ok: true, params: { ...kerasParams(def, config), poolSize, strides } };
      },
    },
    code: {
      python: (params) =>
        codeCall(`layers.${spec.type}`, [], [
          ['pool_size', [...(params.poolSize as number[])]],
          ['strides', [...(params.strides as number[])]],
          ['padding', params.padding as string],
        ]),
      // tfjs' factories end in `2d` (`tf.layers.maxPooling2d`).
      typescript: (_params, tfjs) => tfjsLayerCode(tfjs, `${spec.type[0].toLowerCase()}${spec.type.slice(1, -1)}d`),
    },
    // ONNX MaxPool / AveragePool are channels-first; AveragePool's default count_include_pad=0 averages over the pixels inside the image, as TensorFlow does.
    onnx: {
      emit(c) {
        const window = c.node.params.poolSize as number[];
        const strides = c.node.params.strides as number[];
        onnxChannelsFirst(c, spec.onnxOp, [], { kernel_shape: { ints: window }, strides: { ints: strides }, pads: { ints: onnxPads(c, window, strides) } }, c.output);
      },
    },
    examples: [
      { params: {}, inputs: [[null, 8, 8, 3]] },
      { params: { poolSize: [3, 3], strides: [2, 2], padding: 'same' }, inputs: [[null, 7, 10, 2]] },
      { params: { poolSize: [2, 3], strides: [1, 1] }, inputs: [[null, 5, 6, 1]] },
    ],
  };
  return def;
}

/**
 * The global 2-D pooling layers' shared form: Keras 3 `keras.layers.GlobalAveragePooling2D` /
 * `GlobalMaxPooling2D` (data_format channels_last, keepdims=False): `(batch, h, w, c)` → `(batch, c)`.
 * ONNX: ReduceMean / ReduceMax over axes 1 and 2 of the NHWC tensor (opset 17 takes axes as an attribute).
 */
export function globalPooling2d(spec: { type: string; onnxOp: 'ReduceMean' | 'ReduceMax'; description: string }): LayerDefinition {
  return {
    type: spec.type,
    label: spec.type,
    category: 'Pooling',
    description: spec.description,
    params: [],
    arity: { min: 1, max: 1 },
    inferOutputShape(inputs) {
      const input = imageInput(spec.type, inputs);
      if (typeof input === 'string') return { ok: false, message: input };
      return { ok: true, shape: [input[0], input[3]] };
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    toTfjs: () => ({ className: spec.type, config: { dataFormat: 'channelsLast' } }),
    keras: {
      classNames: spec.type === 'GlobalAveragePooling2D' ? ['GlobalAveragePooling2D', 'GlobalAvgPool2D'] : ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
      drops: { data_format: 'channels_last', keepdims: false },
      fromKeras: () => ({ ok: true, params: {} }),
    },
    code: {
      python: () => codeCall(`layers.${spec.type}`),
      // tfjs' factories end in `2d` (`tf.layers.maxPooling2d`).
      typescript: (_params, tfjs) => tfjsLayerCode(tfjs, `${spec.type[0].toLowerCase()}${spec.type.slice(1, -1)}d`),
    },
    onnx: { emit: (c) => void c.b.node(spec.onnxOp, [c.inputs[0]], c.output, { axes: { ints: [1, 2] }, keepdims: { int: 0 } }) },
    examples: [
      { params: {}, inputs: [[null, 4, 5, 3]] },
      { params: {}, inputs: [[null, 1, 1, 7]] },
    ],
  };
}
