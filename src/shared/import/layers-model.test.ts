import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams } from '../layers';
import { decodeWeightValues, importLayersModel, importedWeights, type ImportResult } from './layers-model';

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
    // A layer without weights: trainable false changes nothing (Neurite's own image export writes it on pixel_rescaling; trial F22).
    expect(imported('Rescaling', { scale: 0.0625, offset: 0, trainable: false }).warnings).toEqual([]);
    expect(imported('MaxPooling2D', { trainable: false }).warnings).toEqual([]);
    expect(imported('Flatten', { data_format: 'channels_first' }).warnings).toHaveLength(1);
    expect(imported('BatchNormalization', { gamma_initializer: { class_name: 'Ones', config: {} }, beta_initializer: 'zeros' }).warnings).toEqual([]);
    expect(imported('BatchNormalization', { gamma_initializer: { class_name: 'RandomNormal', config: {} } }).warnings[0]).toContain('gamma_initializer');
    expect(imported('Reshape', { target_shape: [2], some_new_option: 'x' }).warnings).toEqual([
      'probe: Reshape setting some_new_option "x" is not known to Neurite and was not carried over.',
    ]);
  });

  it('names a dtype other than float32 (a mixed-precision policy)', () => {
    const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'mixed_float16' }, registered_name: null };
    expect(imported('Dense', { units: 2, dtype: policy }).warnings).toEqual(['probe: Dense dtype "mixed_float16" is not carried over; Neurite computes in float32.']);
    expect(imported('Dense', { units: 2, dtype: 'float32' }).warnings).toEqual([]);
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

describe('issue 13: Keras 2.11+ and Keras 3 files, graph models, several inputs, quantized weights', () => {
  const sequential = (extra: Record<string, unknown>) => ({
    format: 'layers-model',
    modelTopology: {
      keras_version: '2.13.1',
      backend: 'tensorflow',
      model_config: { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }] } },
      ...extra,
    },
  });

  it('reads a Keras >= 2.11 "Custom>SGD" with momentum 0.9 as SGD with momentum 0.9', () => {
    const optimizer_config = { class_name: 'Custom>SGD', config: { name: 'SGD', learning_rate: 0.05, momentum: 0.9, nesterov: false, is_legacy_optimizer: false } };
    const result = importLayersModel(sequential({ training_config: { loss: 'mse', metrics: ['mae'], optimizer_config } }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.training?.optimizer).toMatchObject({ type: 'momentum', learningRate: 0.05, momentum: 0.9, nesterov: false });
    expect(result.model.training).toMatchObject({ loss: 'meanSquaredError', metrics: ['mae'] });
    expect(result.model.warnings.join(' ')).not.toContain('not supported');
    const adam = importLayersModel(sequential({ training_config: { loss: 'mse', optimizer_config: { class_name: 'Custom>Adam', config: { learning_rate: 0.003 } } } }));
    if (adam.ok) expect(adam.model.training?.optimizer).toMatchObject({ type: 'adam', learningRate: 0.003 });
  });

  it('names training settings it does not carry over (loss weights)', () => {
    const result = importLayersModel(sequential({ training_config: { loss: 'mse', loss_weights: [0.5], optimizer_config: { class_name: 'Adam', config: {} } } }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.warnings).toEqual(['training_config: loss_weights [0.5] is not carried over; Neurite trains one output with equally weighted samples.']);
  });

  it('names the arguments of a serialised loss it does not carry over (from_logits true)', () => {
    const loss = { class_name: 'CategoricalCrossentropy', config: { name: 'categorical_crossentropy', reduction: 'sum_over_batch_size', from_logits: true, label_smoothing: 0, axis: -1 } };
    const result = importLayersModel(sequential({ training_config: { loss, optimizer_config: { class_name: 'Adam', config: {} } } }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.training?.loss).toBe('categoricalCrossentropy');
    expect(result.model.warnings).toEqual(['training_config: loss argument from_logits true is not carried over; Neurite\'s categoricalCrossentropy takes it as false.']);
    const keras2 = importLayersModel(sequential({ training_config: { loss: { ...loss, config: { ...loss.config, from_logits: false, reduction: 'auto' } }, optimizer_config: { class_name: 'Adam', config: {} } } }));
    if (keras2.ok) expect(keras2.model.warnings).toEqual([]);
  });

  it('says a TF.js graph model is one, and what to do', () => {
    for (const file of [{ format: 'graph-model', modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] } }, { modelTopology: { node: [], library: {}, versions: {} } }]) {
      const result = importLayersModel(file);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('graph-model');
        expect(result.error.message).toContain('This is a TF.js graph model (from a SavedModel/frozen graph): it has no layers to edit');
        expect(result.error.message).toContain('tensorflowjs_converter --input_format keras');
      }
    }
  });

  it('refuses a model with two Inputs up front, naming them', () => {
    const tensor = (name: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 2], dtype: 'float32', keras_history: [name, 0, 0] } });
    const layers = [
      { class_name: 'InputLayer', name: 'left', config: { name: 'left', batch_shape: [null, 2] }, inbound_nodes: [] },
      { class_name: 'InputLayer', name: 'right', config: { name: 'right', batch_shape: [null, 2] }, inbound_nodes: [] },
      { class_name: 'Add', name: 'add', config: { name: 'add' }, inbound_nodes: [{ args: [[tensor('left'), tensor('right')]], kwargs: {} }] },
    ];
    const result = importLayersModel({ modelTopology: { model_config: { class_name: 'Functional', config: { name: 'two', layers, input_layers: [['left', 0, 0], ['right', 0, 0]], output_layers: [['add', 0, 0]] } } } });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.code === 'several-inputs') {
      expect(result.error.inputs).toEqual(['left', 'right']);
      expect(result.error.message).toContain('The model has 2 inputs ("left", "right")');
    } else throw new Error('expected several-inputs');
  });

  it('decodes the converter\'s quantized weights: float16 and uint8/uint16 with min and scale', () => {
    const half = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3555, 0x0001, 0x7bff]).buffer);
    expect([...decodeWeightValues({ name: 'w', shape: [5], dtype: 'float32', quantization: { dtype: 'float16' } }, half)]).toEqual([1, -2, Math.fround(0.333251953125), Math.fround(2 ** -24), 65504]);
    const bytes = new Uint8Array([0, 10, 255]);
    expect([...decodeWeightValues({ name: 'w', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.01 } }, bytes)]).toEqual([-1, Math.fround(-0.9), Math.fround(1.55)]);
    const model = importLayersModel({ ...sequential({}), weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [2, 1], dtype: 'float32', quantization: { dtype: 'uint8' } }] }] });
    if (!model.ok) throw new Error(model.error.message);
    expect(importedWeights(model.model, model.model.graph, new Uint8Array(2))).toMatchObject({ code: 'bad-weights', message: 'Weight d/kernel is quantized as uint8 but its manifest entry has no quantization min and scale.' });
  });
});
