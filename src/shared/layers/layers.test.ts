import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams, getLayer, kerasReadKeys, resolveParams } from './index';
import type { LayerParams, Shape } from './types';

function run(type: string, inputs: Shape[], params: LayerParams = {}) {
  const def = getLayer(type)!;
  const resolved = resolveParams(def, params);
  const shape = def.inferOutputShape(inputs, resolved);
  return { shape, count: shape.ok ? def.countParams(inputs, resolved) : null, tfjs: def.toTfjs(resolved, inputs) };
}

describe('Input', () => {
  it('adds the batch axis to its shape', () => {
    expect(run('Input', [], { shape: [28, 28] }).shape).toEqual({ ok: true, shape: [null, 28, 28] });
    expect(run('Input', [], { shape: [4] }).tfjs).toMatchObject({ className: 'InputLayer', config: { batchInputShape: [null, 4] } });
  });
});

describe('Dense', () => {
  it('maps the last axis to units and counts weights plus biases', () => {
    expect(run('Dense', [[null, 4]], { units: 3 })).toMatchObject({ shape: { ok: true, shape: [null, 3] }, count: { trainable: 15, nonTrainable: 0 } });
    expect(run('Dense', [[null, 100]], { units: 10, useBias: false }).count).toEqual({ trainable: 1000, nonTrainable: 0 });
    expect(run('Dense', [[null, 5, 7]], { units: 2 }).shape).toEqual({ ok: true, shape: [null, 5, 2] });
  });
  it('refuses an input without a known feature axis', () => {
    expect(run('Dense', [[null]]).shape).toMatchObject({ ok: false, message: 'Dense needs an input with at least one feature axis; got (None,).' });
    expect(run('Dense', [[null, null]]).shape.ok).toBe(false);
  });
  it('writes L1/L2 as a kernel regularizer only when set', () => {
    expect(run('Dense', [[null, 2]]).tfjs.config.kernelRegularizer).toBeNull();
    expect(run('Dense', [[null, 2]], { l2: 0.01 }).tfjs.config.kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.01 } });
    expect(run('Dense', [[null, 2]], { kernelInitializer: 'heNormal' }).tfjs.config.kernelInitializer).toEqual({ className: 'HeNormal', config: {} });
  });
});

describe('Activation', () => {
  it('keeps the shape and compiles leakyRelu to its own layer', () => {
    expect(run('Activation', [[null, 3]], { activation: 'softmax' })).toMatchObject({ shape: { ok: true, shape: [null, 3] }, count: { trainable: 0 }, tfjs: { className: 'Activation', config: { activation: 'softmax' } } });
    expect(run('Activation', [[null, 3]], { activation: 'leakyRelu', alpha: 0.2 }).tfjs).toEqual({ className: 'LeakyReLU', config: { alpha: 0.2 } });
  });
});

describe('Dropout', () => {
  it('keeps the shape and has no weights', () => {
    expect(run('Dropout', [[null, 8]], { rate: 0.2 })).toMatchObject({ shape: { ok: true, shape: [null, 8] }, count: { trainable: 0, nonTrainable: 0 }, tfjs: { config: { rate: 0.2 } } });
  });
});

describe('BatchNormalization', () => {
  it('counts gamma and beta as trainable, the moving statistics as not', () => {
    expect(run('BatchNormalization', [[null, 6]]).count).toEqual({ trainable: 12, nonTrainable: 12 });
    expect(run('BatchNormalization', [[null, 6]], { center: false }).count).toEqual({ trainable: 6, nonTrainable: 12 });
  });
});

describe('Flatten', () => {
  it('multiplies the feature axes', () => {
    expect(run('Flatten', [[null, 28, 28]]).shape).toEqual({ ok: true, shape: [null, 784] });
    expect(run('Flatten', [[null, 3, null]]).shape.ok).toBe(false);
  });
});

describe('Reshape', () => {
  it('reshapes when the sizes agree and infers one -1 axis', () => {
    expect(run('Reshape', [[null, 6]], { targetShape: [2, 3] }).shape).toEqual({ ok: true, shape: [null, 2, 3] });
    expect(run('Reshape', [[null, 3, 4]], { targetShape: [-1, 2] }).shape).toEqual({ ok: true, shape: [null, 6, 2] });
    expect(run('Reshape', [[null, 3, 4]], { targetShape: [-1, 2] }).tfjs.config.targetShape).toEqual([6, 2]);
  });
  it('explains a size that does not fit', () => {
    expect(run('Reshape', [[null, 6]], { targetShape: [4] }).shape).toMatchObject({ ok: false, message: 'Reshape target [4] holds 4 values but its input (None, 6) has 6.' });
    expect(run('Reshape', [[null, 7]], { targetShape: [-1, 2] }).shape).toMatchObject({ ok: false, message: 'Reshape cannot fit 7 values into [-1, 2]: 7 is not a multiple of 2.' });
  });
});

describe('Add', () => {
  it('needs equal shapes', () => {
    expect(run('Add', [[null, 3], [null, 3]]).shape).toEqual({ ok: true, shape: [null, 3] });
    expect(run('Add', [[null, 3], [null, 4]]).shape).toMatchObject({ ok: false, message: 'Add needs all its inputs to have the same shape; got (None, 3) and (None, 4).' });
    expect(run('Add', [[null, 3]]).shape.ok).toBe(false);
  });
});

describe('Concatenate', () => {
  it('sums the concatenated axis and needs the others to match', () => {
    expect(run('Concatenate', [[null, 3], [null, 4]]).shape).toEqual({ ok: true, shape: [null, 7] });
    expect(run('Concatenate', [[null, 2, 5], [null, 3, 5]], { axis: 1 }).shape).toEqual({ ok: true, shape: [null, 5, 5] });
    expect(run('Concatenate', [[null, 2, 5], [null, 3, 5]]).shape.ok).toBe(false);
    expect(run('Concatenate', [[null, 3], [null, 4]], { axis: 0 }).shape).toMatchObject({ ok: false, message: 'Concatenate axis must name a feature axis of inputs shaped (None, 3) (1 to 1, or -1 to -1); got 0.' });
    expect(run('Concatenate', [[null, 2, 5], [null, 3, 5]], { axis: -2 }).tfjs.config.axis).toBe(1);
  });
});

describe('Keras mapping and code of every entry', () => {
  it('each layer names the Keras classes it imports from, and no key is both read and dropped', () => {
    for (const def of LAYERS) {
      expect(def.keras.classNames.length, def.type).toBeGreaterThan(0);
      const read = new Set(kerasReadKeys(def));
      for (const key of Object.keys(def.keras.drops ?? {})) expect(read.has(key), `${def.type} both reads and drops ${key}`).toBe(false);
    }
  });

  it('exactly one layer type is the data entry point', () => {
    expect(LAYERS.filter((def) => def.role === 'input').map((def) => def.type)).toEqual(['Input']);
  });

  it('each layer writes its constructor as Keras 3 and tfjs calls', () => {
    for (const def of LAYERS) {
      const params = defaultParams(def);
      const inputs = def.examples[0].inputs;
      const tfjs = def.toTfjs(params, inputs);
      expect(def.code.python(params, tfjs).callee, def.type).toMatch(/^(layers|keras)\.[A-Z]/);
      expect(def.code.typescript(params, tfjs).callee, def.type).toMatch(/^tf\.(layers\.[a-z]|input$)/);
    }
  });
});
