import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, OptimizerSchema, type OptimizerSettings } from '../project/schema';
import { OPTIMIZER_LIMITS } from '../training/limits';
import { variation } from './variations';
import {
  OPTIMIZER_REGISTRY,
  chooseOptimizer,
  defaultOptimizerSettings,
  kerasOptimizerCode,
  kerasOptimizerConfig,
  optimizerFromKeras,
  optimizerList,
  resolveOptimizer,
  tfjsCall,
  tfjsOptimizerCode,
} from '.';

/**
 * Keras 3's constructor defaults, copied from keras/src/optimizers/{sgd,rmsprop,adam,adagrad,
 * adadelta,adamax}.py (keras-team/keras 3422977, Aug 2026). The registry must agree with every one.
 */
const KERAS3_DEFAULTS: Record<string, Record<string, number | boolean>> = {
  SGD: { learning_rate: 0.01, momentum: 0.0, nesterov: false },
  RMSprop: { learning_rate: 0.001, rho: 0.9, momentum: 0.0, epsilon: 1e-7 },
  Adam: { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 },
  Adagrad: { learning_rate: 0.001, initial_accumulator_value: 0.1, epsilon: 1e-7 },
  Adadelta: { learning_rate: 0.001, rho: 0.95, epsilon: 1e-7 },
  Adamax: { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 },
};

/** Where an entry deliberately differs from its Keras class's default, and why (see momentum.ts). */
const DOCUMENTED_EXCEPTIONS: Record<string, Record<string, number>> = { momentum: { momentum: 0.9 } };

describe('the optimizer registry', () => {
  it('has exactly one entry per stored optimizer id, keyed by its own id', () => {
    expect(Object.keys(OPTIMIZER_REGISTRY).sort()).toEqual([...OPTIMIZERS].sort());
    for (const [id, def] of Object.entries(OPTIMIZER_REGISTRY)) expect(def.id).toBe(id);
    expect(optimizerList().map((d) => d.id)).toEqual([...OPTIMIZERS]);
  });

  it.each(OPTIMIZERS)('%s: defaults are Keras 3 defaults', (id) => {
    const def = OPTIMIZER_REGISTRY[id];
    const keras = KERAS3_DEFAULTS[def.kerasClass];
    expect(keras, `no Keras defaults recorded for ${def.kerasClass}`).toBeDefined();
    expect(def.fields[0].name).toBe('learningRate');
    for (const field of def.fields) {
      const expected = DOCUMENTED_EXCEPTIONS[id]?.[field.name] ?? keras[field.keras];
      expect(field.default, `${id}.${field.name} (${field.keras})`).toBe(expected);
    }
    for (const [arg, value] of Object.entries(def.fixedKeras ?? {})) expect(value, `${id} fixed ${arg}`).toBe(keras[arg]);
    // Every Keras argument is either a field or fixed: nothing falls back to someone else's default.
    const covered = new Set([...def.fields.map((f) => f.keras), ...Object.keys(def.fixedKeras ?? {})]);
    for (const arg of Object.keys(keras)) if (!(def.kerasClass === 'SGD' && id === 'sgd')) expect(covered.has(arg), `${id} covers ${arg}`).toBe(true);
  });

  it.each(OPTIMIZERS)('%s: field limits are the limits table, and the defaults are within them and the schema', (id) => {
    const def = OPTIMIZER_REGISTRY[id];
    for (const field of def.fields) if (field.kind === 'number') expect(field.limit).toBe(OPTIMIZER_LIMITS[field.name]);
    const resolved = resolveOptimizer(defaultOptimizerSettings(id));
    expect(OptimizerSchema.safeParse(resolved).success).toBe(true);
  });

  it('starts new projects with Keras compile()\'s default: RMSprop at 0.001', () => {
    expect(defaultOptimizerSettings()).toEqual({ type: 'rmsprop', learningRate: 0.001 });
  });

  it('passes Keras defaults to tfjs explicitly, where tfjs would differ (Adamax 0.002, SGD none)', () => {
    expect(tfjsCall({ type: 'adamax', learningRate: 0.001 }).args).toEqual([0.001, 0.9, 0.999, 1e-7, 0]);
    expect(tfjsOptimizerCode({ type: 'rmsprop', learningRate: 0.001 })).toBe('tf.train.rmsprop(0.001, 0.9, 0, 1e-7, false)');
    expect(kerasOptimizerCode({ type: 'rmsprop', learningRate: 0.001 })).toBe('keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7)');
    expect(kerasOptimizerCode({ type: 'momentum', learningRate: 0.05, momentum: 0.8, nesterov: true })).toBe(
      'keras.optimizers.SGD(learning_rate=0.05, momentum=0.8, nesterov=True)',
    );
    expect(kerasOptimizerCode({ type: 'adagrad', learningRate: 0.01 })).toBe('keras.optimizers.Adagrad(learning_rate=0.01, initial_accumulator_value=0.1, epsilon=1e-7)');
  });
});

/** The keyword arguments of a generated `keras.optimizers.X(a=1, b=True)` call, read back as Keras' config would hold them. */
function parsePythonCall(code: string): { className: string; config: Record<string, number | boolean> } {
  const match = /^keras\.optimizers\.(\w+)\((.*)\)$/.exec(code);
  if (!match) throw new Error(`not a keras.optimizers call: ${code}`);
  const config: Record<string, number | boolean> = {};
  for (const arg of match[2].split(', ')) {
    const [key, text] = arg.split('=');
    config[key] = text === 'True' ? true : text === 'False' ? false : Number(text);
  }
  return { className: match[1], config };
}

function imported(className: string, config: Record<string, unknown>): { settings: OptimizerSettings; warnings: string[] } {
  const result = optimizerFromKeras(className, config);
  if (!result.ok) throw new Error(result.unsupported);
  return result;
}

/** What Keras 3.x's Adam.get_config() wrote into a converted model's training_config (test/fixtures/keras/keras-converter-sequential). */
const KERAS3_ADAM_CONFIG = {
  name: 'Adam', weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null,
  jit_compile: false, is_legacy_optimizer: false, learning_rate: 0.0020000000949949026, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false,
};

describe('optimizer registry: Keras import and export, per entry', () => {
  const cases = OPTIMIZERS.flatMap((id) => [
    { name: `${id} (defaults)`, settings: defaultOptimizerSettings(id) },
    { name: `${id} (every field changed)`, settings: variation(id) },
  ]);

  it.each(cases)('$name: settings → Keras config → settings, with nothing dropped', ({ settings }) => {
    const { class_name, config } = kerasOptimizerConfig(settings);
    expect(class_name).toBe(OPTIMIZER_REGISTRY[settings.type].kerasClass);
    const back = imported(class_name, config);
    expect(back.warnings).toEqual([]);
    expect(back.settings.type).toBe(settings.type);
    expect(resolveOptimizer(back.settings)).toEqual(resolveOptimizer(settings));
  });

  it.each(cases)('$name: the generated Python call, read back as a Keras config, imports as the same settings', ({ settings }) => {
    const { className, config } = parsePythonCall(kerasOptimizerCode(settings));
    expect({ class_name: className, config }).toEqual(kerasOptimizerConfig(settings));
    expect(resolveOptimizer(imported(className, config).settings)).toEqual(resolveOptimizer(settings));
  });

  it('reads a real Keras 3 get_config() (converted training_config) without a warning', () => {
    const { settings, warnings } = imported('Adam', KERAS3_ADAM_CONFIG);
    expect(warnings).toEqual([]);
    expect(settings).toEqual({ type: 'adam', learningRate: 0.0020000000949949026, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('names every value it does not carry over: clipping, amsgrad, centered, a changed fixed argument, an unknown key, a wrong type', () => {
    expect(imported('Adam', { ...KERAS3_ADAM_CONFIG, clipnorm: 1, amsgrad: true }).warnings).toEqual([
      'Adam: clipnorm 1 is not a setting of Adam in Neurite and was not carried over (it trains as with null).',
      'Adam: amsgrad true is not a setting of Adam in Neurite and was not carried over (it trains as with false).',
    ]);
    expect(imported('RMSprop', { learning_rate: 0.01, centered: true }).warnings).toEqual([
      'RMSprop: centered true is not a setting of RMSprop in Neurite and was not carried over (it trains as with false).',
    ]);
    expect(imported('Adagrad', { learning_rate: 0.01, initial_accumulator_value: 0.5 }).warnings).toEqual([
      'Adagrad: initial_accumulator_value 0.5 is not a setting of Adagrad in Neurite and was not carried over (it trains as with 0.1).',
    ]);
    expect(imported('SGD', { learning_rate: 0.01, lookahead: 3 }).warnings).toEqual(['SGD: lookahead 3 is not an argument Neurite knows for SGD, and was not carried over.']);
    const wrong = imported('Adam', { learning_rate: 'fast' });
    expect(wrong.settings.learningRate).toBe(0.001);
    expect(wrong.warnings).toEqual(['Adam: learning_rate "fast" is not a finite number; Adam keeps its default 0.001.']);
  });

  it('reads Keras 2 and tfjs spellings: lr, SGD with momentum, tfjs Momentum and RMSProp (decay is rho)', () => {
    expect(imported('SGD', { lr: 0.05, momentum: 0.0, decay: 0.0, nesterov: false }).settings).toEqual({ type: 'sgd', learningRate: 0.05 });
    expect(imported('SGD', { learning_rate: 0.05, momentum: 0.8, nesterov: true }).settings).toEqual({ type: 'momentum', learningRate: 0.05, momentum: 0.8, nesterov: true });
    expect(imported('Momentum', { learningRate: 0.1, momentum: 0.5, useNesterov: false }).settings).toEqual({ type: 'momentum', learningRate: 0.1, momentum: 0.5, nesterov: false });
    expect(imported('RMSProp', { learningRate: 0.01, decay: 0.8, momentum: 0, epsilon: 1e-7, centered: false }).settings).toEqual({ type: 'rmsprop', learningRate: 0.01, rho: 0.8, momentum: 0, epsilon: 1e-7 });
    // Keras 2's RMSprop: rho is rho, and its decay is a learning-rate decay, named when not 0.
    const keras2 = imported('RMSprop', { lr: 0.01, rho: 0.7, decay: 0.001, epsilon: 1e-7 });
    expect(keras2.settings).toEqual({ type: 'rmsprop', learningRate: 0.01, rho: 0.7, epsilon: 1e-7 });
    expect(keras2.warnings).toEqual(['RMSprop: decay 0.001 is not a setting of RMSprop in Neurite and was not carried over (it trains as with 0).']);
    expect(optimizerFromKeras('Lion', {})).toEqual({ ok: false, unsupported: 'optimizer "Lion"' });
  });
});

describe('chooseOptimizer (Keras defaults on choice)', () => {
  it('brings the new optimizer\'s Keras default learning rate when the old one was at its default', () => {
    expect(chooseOptimizer({ type: 'sgd', learningRate: 0.01 }, 'rmsprop')).toEqual({ type: 'rmsprop', learningRate: 0.001 });
    expect(chooseOptimizer({ type: 'rmsprop', learningRate: 0.001 }, 'sgd')).toEqual({ type: 'sgd', learningRate: 0.01 });
    expect(chooseOptimizer({ type: 'adam', learningRate: 0.001, beta1: 0.9 }, 'momentum')).toEqual({ type: 'momentum', learningRate: 0.01 });
  });

  it('keeps a value the user typed (one that differs from the previous optimizer\'s default)', () => {
    expect(chooseOptimizer({ type: 'sgd', learningRate: 0.05 }, 'rmsprop')).toEqual({ type: 'rmsprop', learningRate: 0.05 });
    expect(chooseOptimizer({ type: 'rmsprop', learningRate: 0.001, momentum: 0.5 }, 'momentum')).toEqual({ type: 'momentum', learningRate: 0.01, momentum: 0.5 });
    // The old SGD 0.1 start counts as typed: a project saved with it keeps it.
    expect(chooseOptimizer({ type: 'sgd', learningRate: 0.1 }, 'rmsprop').learningRate).toBe(0.1);
  });

  it('drops fields the new optimizer does not have, and those at the old default take the new one', () => {
    const chosen = chooseOptimizer({ type: 'momentum', learningRate: 0.01, momentum: 0.9, nesterov: true }, 'adam');
    expect(chosen).toEqual({ type: 'adam', learningRate: 0.001 });
    expect(resolveOptimizer(chosen)).toEqual({ type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    // rho 0.9 is RMSprop's default, so Adadelta gets its own 0.95.
    expect(resolveOptimizer(chooseOptimizer({ type: 'rmsprop', learningRate: 0.001, rho: 0.9 }, 'adadelta')).rho).toBe(0.95);
  });

  it('is the identity for the same optimizer', () => {
    const current: OptimizerSettings = { type: 'adam', learningRate: 0.3 };
    expect(chooseOptimizer(current, 'adam')).toBe(current);
  });
});

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe.skipIf(!python)('the Keras (Python) expressions', () => {
  it('every entry, with defaults and with every field changed, is valid Python', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-opt-py-'));
    const lines = ['import keras'];
    for (const def of optimizerList()) {
      lines.push(`a = ${kerasOptimizerCode(defaultOptimizerSettings(def.id))}`);
      lines.push(`b = ${kerasOptimizerCode(variation(def.id))}`);
    }
    const file = join(dir, 'optimizers.py');
    writeFileSync(file, lines.join('\n') + '\n');
    const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
