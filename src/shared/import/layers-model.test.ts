import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams } from '../layers';
import { importLayersModel, type ImportResult } from './layers-model';

/**
 * The importer reads the layer registry: each Keras class a layer file names, its defaults from
 * the layer's own params, Keras 2, Keras 3 and tfjs spellings, and a warning for every config
 * setting that is not carried over (issue 10). Imports checked against tfjs' own loader are in
 * src/main/engine/import-model.test.ts; export → import of every layer example in conformance.test.ts.
 */

/** A functional model.json holding one layer with this Keras class and config (plus its name). */
function importOne(className: string, config: Record<string, unknown>): ImportResult {
  const layer = { class_name: className, name: 'probe', config: { name: 'probe', ...config }, inbound_nodes: [] };
  return importLayersModel({ format: 'layers-model', modelTopology: { class_name: 'Functional', config: { name: 'm', layers: [layer] } } });
}

function imported(className: string, config: Record<string, unknown>): { type: string; params: Record<string, unknown>; warnings: string[] } {
  const result = importOne(className, config);
  if (!result.ok) throw new Error(result.error.message);
  const node = result.model.graph.nodes[0];
  return { type: node.type, params: node.params, warnings: result.model.warnings };
}

describe('the importer reads the layer registry', () => {
  it('gives every Keras class name to exactly one layer', () => {
    const names = LAYERS.flatMap((def) => def.keras.classNames);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(LAYERS.map((def) => [def.type, def] as const))('%s: a Keras config that sets nothing imports as the layer\'s own defaults', (_type, def) => {
    const node = imported(def.keras.classNames[0], {});
    expect(node.type).toBe(def.type);
    expect(node.params).toEqual(defaultParams(def));
    expect(node.warnings).toEqual([]);
  });

  it('reads Keras 3 spellings: batch_shape, negative_slope, silu, L2, a dtype policy', () => {
    expect(imported('InputLayer', { batch_shape: [null, 3, 2], dtype: 'float32', sparse: false }).params).toEqual({ shape: [3, 2] });
    expect(imported('LeakyReLU', { negative_slope: 0.1 }).params).toEqual({ activation: 'leakyRelu', alpha: 0.1 });
    expect(imported('Activation', { activation: 'silu' }).params.activation).toBe('swish');
    const dense = imported('Dense', {
      units: 4,
      activation: 'relu',
      use_bias: true,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
      kernel_initializer: { module: 'keras.initializers', class_name: 'HeNormal', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null },
      bias_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    });
    expect(dense.params).toEqual({ units: 4, activation: 'relu', useBias: true, kernelInitializer: 'heNormal', biasInitializer: 'zeros', l1: 0, l2: 0.01 });
    expect(dense.warnings).toEqual([]);
  });

  it('takes a LeakyReLU layer\'s missing slope from the layer\'s default, and Activation("leaky_relu") as Keras 3\'s function (0.2)', () => {
    expect(imported('LeakyReLU', {}).params).toEqual({ activation: 'leakyRelu', alpha: 0.3 });
    expect(imported('Activation', { activation: 'leaky_relu' }).params).toEqual({ activation: 'leakyRelu', alpha: 0.2 });
  });

  it('names every setting it does not carry over', () => {
    const dense = imported('Dense', { units: 2, kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 2 } }, trainable: false, lora_rank: 4 });
    expect(dense.warnings).toEqual([
      'probe: Dense kernel_constraint {"class_name":"MaxNorm","config":{"max_value":2}} is not carried over; Neurite\'s Dense has no such setting.',
      'probe: Dense trainable false is not carried over; Neurite\'s Dense has no such setting.',
      'probe: Dense lora_rank 4 is not carried over; Neurite\'s Dense has no such setting.',
    ]);
    const orthogonal = imported('Dense', { units: 2, kernel_regularizer: { class_name: 'OrthogonalRegularizer', config: { factor: 0.01 } } });
    expect(orthogonal.params).toMatchObject({ l1: 0, l2: 0 });
    expect(orthogonal.warnings).toEqual(['probe: kernel_regularizer "OrthogonalRegularizer" is not offered and was not carried over; only L1 and L2 penalties are.']);
    expect(imported('Dropout', { rate: 0.3, seed: 42 }).warnings).toEqual(['probe: Dropout seed 42 is not carried over; Neurite\'s Dropout has no such setting.']);
    expect(imported('Flatten', { data_format: 'channels_first' }).warnings).toHaveLength(1);
    expect(imported('BatchNormalization', { gamma_initializer: { class_name: 'Ones', config: {} }, beta_initializer: 'zeros' }).warnings).toEqual([]);
    expect(imported('BatchNormalization', { gamma_initializer: { class_name: 'RandomNormal', config: {} } }).warnings[0]).toContain('gamma_initializer');
    expect(imported('Reshape', { target_shape: [2], some_new_option: 'x' }).warnings).toEqual([
      'probe: Reshape setting some_new_option "x" is not known to Neurite and was not carried over.',
    ]);
  });

  it('refuses a ReLU with a cap, leak or threshold (another function), naming it', () => {
    expect(imported('ReLU', { max_value: null, negative_slope: 0, threshold: 0 }).params).toEqual({ activation: 'relu', alpha: 0.3 });
    const capped = importOne('ReLU', { max_value: 6 });
    expect(capped.ok).toBe(false);
    if (!capped.ok && capped.error.code === 'unsupported-layers') expect(capped.error.missing).toEqual([{ name: 'probe', className: 'ReLU with max_value 6' }]);
  });

  it('imports the Keras-converter and tfjs fixtures without a warning (every key there is read or neutral)', () => {
    for (const folder of ['keras-converter-sequential', 'tfjs-functional']) {
      const json = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/keras', folder, 'model.json'), 'utf8')) as unknown;
      const result = importLayersModel(json);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.model.warnings, folder).toEqual([]);
    }
  });
});

describe('training_config optimizer import (the optimizer registry)', () => {
  const model = (optimizer: Record<string, unknown>) => ({
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }] },
      training_config: { loss: 'mean_squared_error', metrics: [], optimizer_config: optimizer },
    },
  });

  it('names optimizer settings Neurite does not carry over, as it does for layers', () => {
    const result = importLayersModel(model({ class_name: 'Adam', config: { learning_rate: 0.01, clipnorm: 1, amsgrad: true } }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.training?.optimizer).toEqual({ type: 'adam', learningRate: 0.01 });
    expect(result.model.warnings).toEqual([
      'training_config: Adam: clipnorm 1 is not a setting of Adam in Neurite and was not carried over (it trains as with null).',
      'training_config: Adam: amsgrad true is not a setting of Adam in Neurite and was not carried over (it trains as with false).',
    ]);
  });

  it('reads tfjs spellings: a tfjs Momentum optimizer keeps its Nesterov flag', () => {
    const result = importLayersModel(model({ class_name: 'Momentum', config: { learningRate: 0.1, momentum: 0.5, useNesterov: true } }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.training?.optimizer).toEqual({ type: 'momentum', learningRate: 0.1, momentum: 0.5, nesterov: true });
  });
});

describe('training_config with an optimizer Neurite does not offer', () => {
  it('falls back to Adam at the model’s learning rate, and says so', () => {
    const result = importLayersModel({
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }] },
        training_config: { loss: 'mean_squared_error', metrics: [], optimizer_config: { class_name: 'Nadam', config: { learning_rate: 0.002, beta_1: 0.9 } } },
      },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.training?.optimizer).toEqual({ type: 'adam', learningRate: 0.002 });
    expect(result.model.warnings).toEqual(['training_config: optimizer Nadam is not supported; using adam at learning rate 0.002.']);
  });
});
