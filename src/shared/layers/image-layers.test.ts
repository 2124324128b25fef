import { describe, expect, it } from 'vitest';
import { planGraph } from '../graph/plan';
import type { Graph } from '../graph/types';
import { importLayersModel, type ImportResult } from '../import/layers-model';
import { LAYERS } from './index';

/**
 * The image layers of issue 14 (Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
 * GlobalMaxPooling2D, Rescaling; Conv1D, MaxPooling1D, GlobalAveragePooling1D, ZeroPadding2D,
 * UpSampling2D, SeparableConv2D, DepthwiseConv2D) against numbers Keras 3 printed. The registry-wide conformance (tfjs shapes,
 * counts, round trips), Keras build and ONNX Runtime tests run their `examples` too.
 */

/** A chain of nodes `n0 → n1 → …`, planned. */
function chain(...specs: [string, Record<string, unknown>][]) {
  const graph: Graph = {
    nodes: specs.map(([type, params], i) => ({ id: `n${i}`, type, params, position: { x: 0, y: 0 } })),
    edges: specs.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
  };
  return planGraph(graph);
}

function importOne(className: string, config: Record<string, unknown>): ImportResult {
  const layer = { class_name: className, name: 'probe', config: { name: 'probe', ...config }, inbound_nodes: [] };
  return importLayersModel({ format: 'layers-model', modelTopology: { class_name: 'Functional', config: { name: 'm', layers: [layer] } } });
}

function imported(className: string, config: Record<string, unknown>) {
  const result = importOne(className, config);
  if (!result.ok) throw new Error(result.error.message);
  return { type: result.model.graph.nodes[0].type, params: result.model.graph.nodes[0].params, warnings: result.model.warnings };
}

const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const GLOROT = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null, input_axes: null, output_axes: null }, registered_name: null };
const ZEROS = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };

describe('image layers', () => {
  it('give the shapes and parameter counts Keras 3 model.summary() gives for a small CNN', () => {
    // Keras 3.x, /tmp/neurite-keras-venv: keras.Sequential([keras.Input((28,28,1)), layers.Conv2D(16,3,activation='relu'),
    // layers.MaxPooling2D(), layers.Conv2D(32,(3,3),padding='same',strides=2), layers.AveragePooling2D(3,strides=1,padding='same'),
    // layers.GlobalAveragePooling2D(), layers.Dense(10)]) prints (26,26,16) 160, (13,13,16) 0, (7,7,32) 4640, (7,7,32) 0, (32,) 0, (10,) 330.
    const plan = chain(
      ['Input', { shape: [28, 28, 1] }],
      ['Conv2D', { filters: 16, kernelSize: [3, 3], activation: 'relu' }],
      ['MaxPooling2D', {}],
      ['Conv2D', { filters: 32, kernelSize: [3, 3], padding: 'same', strides: [2, 2] }],
      ['AveragePooling2D', { poolSize: [3, 3], strides: [1, 1], padding: 'same' }],
      ['GlobalAveragePooling2D', {}],
      ['Dense', { units: 10 }],
    );
    expect(plan.nodes.map((n) => (n.output.ok ? n.output.shape : n.output.message))).toEqual([
      [null, 28, 28, 1],
      [null, 26, 26, 16],
      [null, 13, 13, 16],
      [null, 7, 7, 32],
      [null, 7, 7, 32],
      [null, 32],
      [null, 10],
    ]);
    expect(plan.nodes.map((n) => n.count.trainable)).toEqual([0, 160, 0, 4640, 0, 0, 330]);
  });

  it('import the configs Keras 3 writes, with no warning', () => {
    // layers.Conv2D(16, 3, activation='relu').get_config() and layers.MaxPooling2D(3).get_config() in Keras 3.
    const conv = imported('Conv2D', {
      trainable: true, dtype: DTYPE, filters: 16, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
      activation: 'relu', use_bias: true, kernel_initializer: GLOROT, bias_initializer: ZEROS, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    expect(conv).toEqual({ type: 'Conv2D', params: { filters: 16, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu', useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' }, warnings: [] });
    expect(imported('MaxPooling2D', { trainable: true, dtype: DTYPE, pool_size: [3, 3], padding: 'valid', strides: [3, 3], data_format: 'channels_last' })).toEqual({ type: 'MaxPooling2D', params: { poolSize: [3, 3], strides: [3, 3], padding: 'valid' }, warnings: [] });
    expect(imported('GlobalAveragePooling2D', { trainable: true, dtype: DTYPE, data_format: 'channels_last', keepdims: false })).toEqual({ type: 'GlobalAveragePooling2D', params: {}, warnings: [] });
  });

  it('import Keras 2 spellings: class aliases, an int kernel size, strides None meaning the pool size', () => {
    expect(imported('Convolution2D', { filters: 4, kernel_size: 5, strides: 2 }).params).toMatchObject({ filters: 4, kernelSize: [5, 5], strides: [2, 2] });
    expect(imported('MaxPool2D', { pool_size: [3, 2], strides: null }).params).toEqual({ poolSize: [3, 2], strides: [3, 2], padding: 'valid' });
    expect(imported('AvgPool2D', { pool_size: 2 }).params).toEqual({ poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    expect(imported('GlobalMaxPool2D', {}).type).toBe('GlobalMaxPooling2D');
  });

  it('name what they do not carry over: channels_first, dilation, groups, keepdims', () => {
    expect(imported('Conv2D', { filters: 2, kernel_size: [3, 3], dilation_rate: [2, 2], data_format: 'channels_first' }).warnings.join('\n')).toMatch(/dilation_rate[\s\S]*data_format|data_format[\s\S]*dilation_rate/);
    expect(imported('GlobalAveragePooling2D', { keepdims: true }).warnings.join('\n')).toContain('keepdims');
  });

  it('explain an input that is not an image, with the fix', () => {
    const plan = chain(['Input', { shape: [64] }], ['Conv2D', {}]);
    expect(plan.nodes[1].output).toMatchObject({
      ok: false,
      message: 'Conv2D needs an image input shaped (batch, height, width, channels); got (None, 64). Give the Input layer an image shape such as [28, 28, 1], or add a Reshape to [height, width, channels] before it.',
    });
    expect(chain(['Input', { shape: [8, 8] }], ['MaxPooling2D', {}]).nodes[1].output).toMatchObject({ ok: false, message: expect.stringContaining('Add a channels axis: a Reshape to [height, width, 1] before it; for a sequence (steps, channels), use MaxPooling1D instead.') });
    expect(chain(['Input', { shape: [2, 2, 1] }], ['Conv2D', { kernelSize: [3, 3] }]).nodes[1].output).toMatchObject({
      ok: false,
      message: "Conv2D kernel size of 3 does not fit the input height of 2 with padding 'valid'. Use a smaller kernel size or padding 'same'.",
    });
    expect(chain(['Input', { shape: [8, 8, 1] }], ['Conv2D', { kernelSize: [3] }]).nodes[1].output).toMatchObject({ ok: false, message: 'Conv2D kernel size must give 2 sizes (height, width); got [3].' });
  });

  it('Rescaling imports Keras 3\'s config and refuses a per-channel scale, naming it', () => {
    expect(imported('Rescaling', { trainable: true, dtype: DTYPE, scale: 1 / 255, offset: 0.0 })).toEqual({ type: 'Rescaling', params: { scale: 1 / 255, offset: 0 }, warnings: [] });
    const perChannel = importOne('Rescaling', { scale: [0.5, 0.25, 1], offset: 0 });
    expect(perChannel.ok).toBe(false);
    if (!perChannel.ok) expect(perChannel.error.message).toBe('The model uses 1 layer Neurite does not support yet: Rescaling with a per-channel scale [0.5,0.25,1] (layer "probe"). Nothing was imported.');
  });

  it('the 2-D additions give the shapes and counts Keras 3 model.summary() gives', () => {
    // Keras 3.15, /tmp/neurite-keras-venv: keras.Sequential([keras.Input((28,28,3)), layers.ZeroPadding2D(((0,2),(3,1))),
    // layers.DepthwiseConv2D(3, depth_multiplier=2), layers.SeparableConv2D(16, 3, padding='same', strides=2),
    // layers.UpSampling2D((3,1)), layers.Conv2D(4,1), layers.GlobalAveragePooling2D()]) prints
    // (30,32,3) 0, (28,30,6) 60, (14,15,16) 166, (42,15,16) 0, (42,15,4) 68, (4,) 0.
    const plan = chain(
      ['Input', { shape: [28, 28, 3] }],
      ['ZeroPadding2D', { top: 0, bottom: 2, left: 3, right: 1 }],
      ['DepthwiseConv2D', { kernelSize: [3, 3], depthMultiplier: 2 }],
      ['SeparableConv2D', { filters: 16, kernelSize: [3, 3], padding: 'same', strides: [2, 2] }],
      ['UpSampling2D', { size: [3, 1] }],
      ['Conv2D', { filters: 4, kernelSize: [1, 1] }],
      ['GlobalAveragePooling2D', {}],
    );
    expect(plan.nodes.map((n) => (n.output.ok ? n.output.shape : n.output.message))).toEqual([
      [null, 28, 28, 3],
      [null, 30, 32, 3],
      [null, 28, 30, 6],
      [null, 14, 15, 16],
      [null, 42, 15, 16],
      [null, 42, 15, 4],
      [null, 4],
    ]);
    expect(plan.nodes.map((n) => n.count.trainable)).toEqual([0, 0, 60, 166, 0, 68, 0]);
  });

  it('the 1-D layers give the shapes and counts Keras 3 model.summary() gives', () => {
    // keras.Sequential([keras.Input((50,2)), layers.Conv1D(8,5,strides=2), layers.MaxPooling1D(3), layers.Conv1D(4,3,padding='same'),
    // layers.GlobalAveragePooling1D(), layers.Dense(3)]) prints (23,8) 88, (7,8) 0, (7,4) 100, (4,) 0, (3,) 15.
    const plan = chain(
      ['Input', { shape: [50, 2] }],
      ['Conv1D', { filters: 8, kernelSize: [5], strides: [2] }],
      ['MaxPooling1D', { poolSize: [3], strides: [3] }],
      ['Conv1D', { filters: 4, kernelSize: [3], padding: 'same' }],
      ['GlobalAveragePooling1D', {}],
      ['Dense', { units: 3 }],
    );
    expect(plan.nodes.map((n) => (n.output.ok ? n.output.shape : n.output.message))).toEqual([[null, 50, 2], [null, 23, 8], [null, 7, 8], [null, 7, 4], [null, 4], [null, 3]]);
    expect(plan.nodes.map((n) => n.count.trainable)).toEqual([0, 88, 0, 100, 0, 15]);
  });

  it('the additions import the configs Keras 3 writes, with no warning', () => {
    // get_config() of layers.Conv1D(8,5), MaxPooling1D(), GlobalAveragePooling1D(), ZeroPadding2D(), UpSampling2D(), DepthwiseConv2D(3), SeparableConv2D(8,3) in Keras 3.15.
    const base = { trainable: true, dtype: DTYPE };
    expect(
      imported('Conv1D', {
        ...base, filters: 8, kernel_size: [5], strides: [1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1], groups: 1, activation: 'linear', use_bias: true,
        kernel_initializer: GLOROT, bias_initializer: ZEROS, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
      }),
    ).toEqual({ type: 'Conv1D', params: { filters: 8, kernelSize: [5], strides: [1], padding: 'valid', activation: 'linear', useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' }, warnings: [] });
    expect(imported('MaxPooling1D', { ...base, pool_size: [2], padding: 'valid', strides: [2], data_format: 'channels_last' })).toEqual({ type: 'MaxPooling1D', params: { poolSize: [2], strides: [2], padding: 'valid' }, warnings: [] });
    expect(imported('GlobalAveragePooling1D', { ...base, data_format: 'channels_last', keepdims: false })).toEqual({ type: 'GlobalAveragePooling1D', params: {}, warnings: [] });
    expect(imported('ZeroPadding2D', { ...base, padding: [[1, 1], [1, 1]], data_format: 'channels_last' })).toEqual({ type: 'ZeroPadding2D', params: { top: 1, bottom: 1, left: 1, right: 1 }, warnings: [] });
    expect(imported('UpSampling2D', { ...base, size: [2, 2], data_format: 'channels_last', interpolation: 'nearest' })).toEqual({ type: 'UpSampling2D', params: { size: [2, 2] }, warnings: [] });
    expect(
      imported('DepthwiseConv2D', {
        ...base, depth_multiplier: 1, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'linear', use_bias: true,
        depthwise_initializer: GLOROT, bias_initializer: ZEROS, depthwise_regularizer: null, bias_regularizer: null, activity_regularizer: null, depthwise_constraint: null, bias_constraint: null,
      }),
    ).toEqual({ type: 'DepthwiseConv2D', params: { kernelSize: [3, 3], strides: [1, 1], padding: 'valid', depthMultiplier: 1, activation: 'linear', useBias: true, depthwiseInitializer: 'glorotUniform', biasInitializer: 'zeros' }, warnings: [] });
    expect(
      imported('SeparableConv2D', {
        ...base, depth_multiplier: 1, filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'linear', use_bias: true,
        depthwise_initializer: GLOROT, pointwise_initializer: GLOROT, bias_initializer: ZEROS, depthwise_regularizer: null, pointwise_regularizer: null, bias_regularizer: null, activity_regularizer: null,
        depthwise_constraint: null, pointwise_constraint: null, bias_constraint: null,
      }),
    ).toEqual({ type: 'SeparableConv2D', params: { filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear', useBias: true, depthwiseInitializer: 'glorotUniform', biasInitializer: 'zeros' }, warnings: [] });
  });

  it('the additions read Keras\' other spellings and refuse what tfjs cannot run, naming it', () => {
    expect(imported('ZeroPadding2D', { padding: 2 }).params).toEqual({ top: 2, bottom: 2, left: 2, right: 2 });
    expect(imported('ZeroPadding2D', { padding: [1, 3] }).params).toEqual({ top: 1, bottom: 1, left: 3, right: 3 });
    expect(imported('Convolution1D', { filters: 2, kernel_size: 4, strides: 2 }).params).toMatchObject({ kernelSize: [4], strides: [2] });
    expect(imported('MaxPool1D', { pool_size: 3, strides: null }).params).toEqual({ poolSize: [3], strides: [3], padding: 'valid' });
    expect(imported('GlobalAvgPool1D', {}).type).toBe('GlobalAveragePooling1D');
    const refused = (className: string, config: Record<string, unknown>) => {
      const result = importOne(className, config);
      return result.ok ? 'imported' : result.error.message;
    };
    expect(refused('Conv1D', { filters: 2, kernel_size: 3, padding: 'causal' })).toContain('Conv1D with padding "causal"');
    expect(refused('UpSampling2D', { size: [2, 2], interpolation: 'bilinear' })).toContain('UpSampling2D with interpolation "bilinear"');
    expect(refused('SeparableConv2D', { filters: 2, kernel_size: 3, depth_multiplier: 2 })).toContain('SeparableConv2D with depth_multiplier 2');
    expect(refused('ZeroPadding2D', { padding: [[1, 2, 3], [1, 1]] })).toContain('ZeroPadding2D with padding');
    const pointwise = imported('SeparableConv2D', { filters: 2, kernel_size: 3, depthwise_initializer: GLOROT, pointwise_initializer: ZEROS });
    expect(pointwise.warnings.join('\n')).toContain('pointwise_initializer "zeros" differs from depthwise_initializer "glorotUniform"');
  });

  it('the 1-D and 2-D layers explain an input of the other rank, naming the layer to use', () => {
    expect(chain(['Input', { shape: [20, 3] }], ['Conv2D', {}]).nodes[1].output).toMatchObject({
      ok: false,
      message: 'Conv2D needs an image input shaped (batch, height, width, channels); got (None, 20, 3). Add a channels axis: a Reshape to [height, width, 1] before it; for a sequence (steps, channels), use Conv1D instead.',
    });
    expect(chain(['Input', { shape: [20, 3] }], ['MaxPooling2D', {}]).nodes[1].output).toMatchObject({ message: expect.stringContaining('use MaxPooling1D instead') });
    expect(chain(['Input', { shape: [20, 3] }], ['UpSampling2D', {}]).nodes[1].output).toMatchObject({ message: expect.stringMatching(/before it\.$/) });
    expect(chain(['Input', { shape: [8, 8, 1] }], ['Conv1D', {}]).nodes[1].output).toMatchObject({
      ok: false,
      message: 'Conv1D needs a sequence input shaped (batch, steps, channels); got (None, 8, 8, 1). It gets an image: use Conv2D instead, or a Reshape to [steps, channels] before it.',
    });
    expect(chain(['Input', { shape: [4, 3] }], ['Conv1D', { kernelSize: [5] }]).nodes[1].output).toMatchObject({ ok: false, message: "Conv1D kernel size of 5 does not fit the input steps of 4 with padding 'valid'. Use a smaller kernel size or padding 'same'." });
    expect(chain(['Input', { shape: [8, 3] }], ['Conv1D', { kernelSize: [3, 3] }]).nodes[1].output).toMatchObject({ ok: false, message: 'Conv1D kernel size must give 1 size (steps); got [3,3].' });
  });

  it('stay out of the fused fast Dense path (it runs Dense chains only)', () => {
    const image = LAYERS.filter((def) => def.category === 'Convolution' || def.category === 'Pooling' || def.category === 'Preprocessing' || ['ZeroPadding2D', 'UpSampling2D'].includes(def.type));
    expect(image.length).toBeGreaterThanOrEqual(13);
    for (const def of image) expect(def.fused, def.type).toBeUndefined();
  });
});
