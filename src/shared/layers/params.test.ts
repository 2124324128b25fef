import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams, getLayer, resolveParams, shownParams, validateParams } from './index';

describe('registry', () => {
  it('lists each type once, in palette order, and finds it by type', () => {
    const types = LAYERS.map((l) => l.type);
    expect(types).toEqual(['Input', 'Dense', 'Activation', 'Dropout', 'BatchNormalization', 'LayerNormalization', 'Flatten', 'Reshape', 'ZeroPadding2D', 'UpSampling2D', 'Add', 'Concatenate', 'Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv1D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'MaxPooling1D', 'GlobalAveragePooling1D', 'Rescaling']);
    for (const def of LAYERS) expect(getLayer(def.type)).toBe(def);
    expect(getLayer('Conv3D')).toBeUndefined();
  });

  it('gives every param a label, help text and a default that validates', () => {
    for (const def of LAYERS) {
      for (const spec of def.params) {
        expect(spec.label, `${def.type}.${spec.name}`).not.toBe('');
        expect(spec.help.length, `${def.type}.${spec.name}`).toBeGreaterThan(10);
      }
      expect(validateParams(def, defaultParams(def))).toEqual([]);
      for (const name of def.summaryParams ?? []) expect(def.params.map((p) => p.name)).toContain(name);
    }
  });

  it('returns fresh default arrays so editing one node cannot change another', () => {
    const input = getLayer('Input')!;
    const a = defaultParams(input);
    (a.shape as number[]).push(9);
    expect(defaultParams(input).shape).toEqual([1]);
  });

  it('fills missing params from defaults and keeps given ones', () => {
    expect(resolveParams(getLayer('Dense')!, { units: 3 })).toMatchObject({ units: 3, activation: 'linear', useBias: true });
  });
});

describe('validateParams', () => {
  const dense = getLayer('Dense')!;
  const dropout = getLayer('Dropout')!;
  const input = getLayer('Input')!;
  const reshape = getLayer('Reshape')!;

  it('names the layer and field, what is allowed and what was given', () => {
    expect(validateParams(dropout, { rate: 1.5 })).toMatchObject([{ field: 'rate', message: 'Dropout rate must be at least 0 and less than 1; got 1.5.' }]);
    expect(validateParams(dropout, { rate: 1 })[0].message).toContain('less than 1; got 1.');
    expect(validateParams(dropout, { rate: -0.1 })[0].field).toBe('rate');
    expect(validateParams(dropout, { rate: 0 })).toEqual([]);
    expect(validateParams(dropout, { rate: 'half' })[0].message).toBe("Dropout rate must be a number at least 0 and less than 1; got 'half'.");
  });

  it('checks ints, enums, bools and non-negative floats', () => {
    expect(validateParams(dense, { units: 0 })).toMatchObject([{ field: 'units', message: 'Dense units must be a whole number between 1 and 100000; got 0.' }]);
    expect(validateParams(dense, { units: 2.5 })[0].message).toContain('whole number');
    expect(validateParams(dense, { activation: 'relu7' })[0]).toMatchObject({ field: 'activation', message: expect.stringContaining("must be one of linear, relu") });
    expect(validateParams(dense, { activation: 'relu7' })[0].message).toMatch(/got 'relu7'\.$/);
    expect(validateParams(dense, { useBias: 'yes' })[0]).toMatchObject({ field: 'useBias', message: "Dense use bias must be true or false; got 'yes'." });
    expect(validateParams(dense, { l2: -1 })[0]).toMatchObject({ field: 'l2', message: 'Dense l2 regularization must be at least 0; got -1.' });
    expect(validateParams(dense, { l1: Number.NaN })[0].message).toContain('got not a number');
    expect(validateParams(dense, { units: 16, activation: 'relu', l1: 0.01 })).toEqual([]);
  });

  it('checks shapes, allowing -1 only where the layer infers it', () => {
    expect(validateParams(input, { shape: [0] })[0]).toMatchObject({ field: 'shape', message: 'Input shape must be a list of positive whole numbers such as [4] or [28, 28]; got [0].' });
    expect(validateParams(input, { shape: [] })[0].field).toBe('shape');
    expect(validateParams(input, { shape: [-1] })[0].field).toBe('shape');
    expect(validateParams(input, { shape: '4' })[0].field).toBe('shape');
    expect(validateParams(input, { shape: [28, 28] })).toEqual([]);
    expect(validateParams(reshape, { targetShape: [-1, 2] })).toEqual([]);
    expect(validateParams(reshape, { targetShape: [-1, -1] })[0].field).toBe('targetShape');
  });

  it('reports every bad field, and ignores missing ones', () => {
    expect(validateParams(dense, { units: -1, activation: 3 }).map((p) => p.field)).toEqual(['units', 'activation']);
    expect(validateParams(dense, {})).toEqual([]);
    expect(validateParams(dense, undefined)).toEqual([]);
  });
});

describe('registry entries', () => {
  it('fill missing params from defaults, so a bare Dense counts its bias', () => {
    const dense = getLayer('Dense')!;
    expect(dense.countParams([[null, 4]], { units: 3 })).toEqual({ trainable: 15, nonTrainable: 0 });
    expect(dense.inferOutputShape([[null, 4]], {})).toEqual({ ok: true, shape: [null, 8] });
    expect(dense.toTfjs({}, [[null, 4]]).config).toMatchObject({ units: 8, activation: 'linear', useBias: true });
  });
});

describe('shownParams (issue 17: a param shows only where it applies)', () => {
  const names = (type: string, params: Record<string, unknown>) => shownParams(getLayer(type)!, params).map((s) => s.name);

  it('shows Activation\'s leak (alpha) only for leakyRelu', () => {
    for (const activation of ['relu', 'sigmoid', 'softmax', 'linear', 'tanh', 'elu', 'gelu']) expect(names('Activation', { activation })).toEqual(['activation']);
    expect(names('Activation', {})).toEqual(['activation']);
    expect(names('Activation', { activation: 'leakyRelu' })).toEqual(['activation', 'alpha']);
  });

  it('hides the bias initializer of a layer without bias', () => {
    expect(names('Dense', { useBias: false })).not.toContain('biasInitializer');
    expect(names('Dense', {})).toContain('biasInitializer');
    expect(names('Conv2D', { useBias: false })).not.toContain('biasInitializer');
  });
});
