import { codeCall, kerasGet, kerasParams, tfjsLayerCode } from './keras';
import { PADDINGS, imageInput, kerasTuple, onnxChannelsFirst, onnxPads, sequenceInput, spatialOutput } from './spatial';
import type { LayerDefinition, LayerExample, Shape } from './types';
import { isShapeFailure, type ShapeFailure } from './shape-text';

/** The pooling input of `rank` spatial axes (1: a sequence, 2: an image), or the message naming the fix; `counterpart` is the layer of the other rank, if there is one. */
function poolingInput(type: string, inputs: Shape[], rank: 1 | 2, counterpart?: string): Shape | ShapeFailure {
  return rank === 1 ? sequenceInput(type, inputs, counterpart) : imageInput(type, inputs, counterpart);
}

/** tfjs' layer factory for a class (`MaxPooling2D` → `maxPooling2d`, `GlobalAveragePooling1D` → `globalAveragePooling1d`). */
const tfjsFactory = (type: string): string => `${type[0].toLowerCase()}${type.slice(1, -1)}d`;

/**
 * The pooling layers' shared form (MaxPooling1D/2D and AveragePooling2D differ only in the
 * reduction and the rank): Keras 3 `keras.layers.MaxPooling2D` / `AveragePooling2D`
 * (pool_size=(2, 2), strides=None meaning the pool size, padding='valid', data_format
 * channels_last) and `MaxPooling1D` (pool_size=2, strides=None, padding='valid'). Neurite keeps
 * strides explicit, the pool size by default (what Keras' None gives; Keras 3 and tfjs also write
 * the resolved strides in their configs). No weights.
 */
export function pooling(spec: { type: string; rank: 1 | 2; counterpart?: string; onnxOp: 'MaxPool' | 'AveragePool'; classNames: readonly string[]; description: string; examples: readonly LayerExample[] }): LayerDefinition {
  const { type, rank } = spec;
  const two = rank === 2;
  const def: LayerDefinition = {
    type,
    label: type,
    category: 'Pooling',
    description: spec.description,
    params: [
      two
        ? { name: 'poolSize', label: 'Pool size', kind: 'shape', default: [2, 2], help: 'Height and width of the window pooled into one value, e.g. [2, 2].', keras: 'pool_size' }
        : { name: 'poolSize', label: 'Pool size', kind: 'shape', default: [2], help: 'Length of the window pooled into one value, e.g. [2].', keras: 'pool_size' },
      two
        ? { name: 'strides', label: 'Strides', kind: 'shape', default: [2, 2], help: 'How many pixels the window moves each step (height, width); usually equal to the pool size.', keras: 'strides' }
        : { name: 'strides', label: 'Strides', kind: 'shape', default: [2], help: 'How many steps the window moves each time; usually equal to the pool size.', keras: 'strides' },
      {
        name: 'padding',
        label: 'Padding',
        kind: 'enum',
        default: 'valid',
        options: PADDINGS,
        help: two
          ? 'valid: windows stay inside the image. same: the edge is padded so the size is the input size divided by the strides, rounded up.'
          : 'valid: windows stay inside the sequence. same: the end is padded so the length is the input length divided by the strides, rounded up.',
        keras: 'padding',
      },
    ],
    arity: { min: 1, max: 1 },
    summaryParams: ['poolSize'],
    inferOutputShape(inputs, params) {
      const input = poolingInput(type, inputs, rank, spec.counterpart);
      if (isShapeFailure(input)) return input;
      const out = spatialOutput(type, input, params.poolSize as number[], params.strides as number[], params.padding as string, 'poolSize');
      if (isShapeFailure(out)) return out;
      return { ok: true, shape: [...out, input[rank + 1]] };
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    toTfjs: (params) => ({
      className: type,
      // tfjs' 1-D pooling is channels-last only and has no dataFormat.
      config: { poolSize: [...(params.poolSize as number[])], strides: [...(params.strides as number[])], padding: params.padding, ...(two ? { dataFormat: 'channelsLast' } : {}) },
    }),
    keras: {
      classNames: spec.classNames,
      drops: { data_format: 'channels_last' },
      fromKeras(config) {
        const poolSize = kerasTuple(kerasGet(config, 'pool_size'), rank, paramDefault(def, 'poolSize'));
        // Keras' strides=None means the pool size.
        const strides = kerasTuple(kerasGet(config, 'strides'), rank, poolSize);
        return { ok: true, params: { ...kerasParams(def, config), poolSize, strides } };
      },
    },
    code: {
      python: (params) =>
        codeCall(`layers.${type}`, [], [
          ['pool_size', [...(params.poolSize as number[])]],
          ['strides', [...(params.strides as number[])]],
          ['padding', params.padding as string],
        ]),
      typescript: (_params, tfjs) => tfjsLayerCode(tfjs, tfjsFactory(type)),
    },
    // ONNX MaxPool / AveragePool are channels-first; AveragePool's default count_include_pad=0 averages over the values inside the input, as TensorFlow does.
    onnx: {
      emit(c) {
        const window = c.node.params.poolSize as number[];
        const strides = c.node.params.strides as number[];
        onnxChannelsFirst(c, spec.onnxOp, [], { kernel_shape: { ints: window }, strides: { ints: strides }, pads: { ints: onnxPads(c, window, strides) } }, c.output);
      },
    },
    examples: spec.examples,
  };
  return def;
}

const paramDefault = (def: LayerDefinition, name: string): number[] => def.params.find((p) => p.name === name)!.default as number[];

/** The 2-D pooling layers (MaxPooling2D, AveragePooling2D); see `pooling`. */
export function pooling2d(spec: { type: string; onnxOp: 'MaxPool' | 'AveragePool'; description: string }): LayerDefinition {
  return pooling({
    ...spec,
    rank: 2,
    ...(spec.type === 'MaxPooling2D' ? { counterpart: 'MaxPooling1D' } : {}),
    classNames: spec.type === 'MaxPooling2D' ? ['MaxPooling2D', 'MaxPool2D'] : ['AveragePooling2D', 'AvgPool2D'],
    examples: [
      { params: {}, inputs: [[null, 8, 8, 3]] },
      { params: { poolSize: [3, 3], strides: [2, 2], padding: 'same' }, inputs: [[null, 7, 10, 2]] },
      { params: { poolSize: [2, 3], strides: [1, 1] }, inputs: [[null, 5, 6, 1]] },
    ],
  });
}

/**
 * The global pooling layers' shared form: Keras 3 `keras.layers.GlobalAveragePooling2D` /
 * `GlobalMaxPooling2D` / `GlobalAveragePooling1D` (data_format channels_last, keepdims=False):
 * `(batch, h, w, c)` or `(batch, steps, c)` → `(batch, c)`. ONNX: ReduceMean / ReduceMax over
 * the spatial axes of the channels-last tensor (opset 17 takes axes as an attribute).
 */
export function globalPooling(spec: { type: string; rank: 1 | 2; counterpart?: string; onnxOp: 'ReduceMean' | 'ReduceMax'; classNames: readonly string[]; description: string; examples: readonly LayerExample[] }): LayerDefinition {
  const { type, rank } = spec;
  return {
    type,
    label: type,
    category: 'Pooling',
    description: spec.description,
    params: [],
    arity: { min: 1, max: 1 },
    inferOutputShape(inputs) {
      const input = poolingInput(type, inputs, rank, spec.counterpart);
      if (isShapeFailure(input)) return input;
      return { ok: true, shape: [input[0], input[rank + 1]] };
    },
    countParams: () => ({ trainable: 0, nonTrainable: 0 }),
    // tfjs' GlobalAveragePooling1D has no dataFormat.
    toTfjs: () => ({ className: type, config: rank === 2 ? { dataFormat: 'channelsLast' } : {} }),
    keras: {
      classNames: spec.classNames,
      drops: { data_format: 'channels_last', keepdims: false },
      fromKeras: () => ({ ok: true, params: {} }),
    },
    code: {
      python: () => codeCall(`layers.${type}`),
      typescript: (_params, tfjs) => tfjsLayerCode(tfjs, tfjsFactory(type)),
    },
    onnx: { emit: (c) => void c.b.node(spec.onnxOp, [c.inputs[0]], c.output, { axes: { ints: rank === 2 ? [1, 2] : [1] }, keepdims: { int: 0 } }) },
    examples: spec.examples,
  };
}

/** The global 2-D pooling layers (GlobalAveragePooling2D, GlobalMaxPooling2D); see `globalPooling`. */
export function globalPooling2d(spec: { type: string; onnxOp: 'ReduceMean' | 'ReduceMax'; description: string }): LayerDefinition {
  return globalPooling({
    ...spec,
    rank: 2,
    ...(spec.type === 'GlobalAveragePooling2D' ? { counterpart: 'GlobalAveragePooling1D' } : {}),
    classNames: spec.type === 'GlobalAveragePooling2D' ? ['GlobalAveragePooling2D', 'GlobalAvgPool2D'] : ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
    examples: [
      { params: {}, inputs: [[null, 4, 5, 3]] },
      { params: {}, inputs: [[null, 1, 1, 7]] },
    ],
  });
}
