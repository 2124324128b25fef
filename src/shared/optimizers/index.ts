import { OPTIMIZERS, type OptimizerName, type OptimizerSettings } from '../project/schema';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { momentum } from './momentum';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
import { quoteValue } from '../api/quote';
import { KERAS_OPTIMIZER_NEUTRAL } from './fields';
import type { OptimizerDefinition, OptimizerFieldName, ResolvedOptimizer, TfjsCall, TfjsTrain } from './types';

export type * from './types';

/** Every optimizer, in the order of `OPTIMIZERS` (the settings panel's order). */
export const OPTIMIZER_REGISTRY: Readonly<Record<OptimizerName, OptimizerDefinition>> = { sgd, momentum, rmsprop, adam, adagrad, adadelta, adamax };

export const optimizerList = (): OptimizerDefinition[] => OPTIMIZERS.map((id) => OPTIMIZER_REGISTRY[id]);

export function getOptimizer(id: OptimizerName): OptimizerDefinition {
  const def = OPTIMIZER_REGISTRY[id];
  if (!def) throw new Error(`Unknown optimizer "${String(id)}"; expected one of ${OPTIMIZERS.join(', ')}.`);
  return def;
}

/**
 * What a new project trains with: Keras' `Model.compile()` default, `optimizer="rmsprop"`
 * (keras/src/trainers/trainer.py), i.e. RMSprop at its default learning rate 0.001.
 */
export const KERAS_COMPILE_DEFAULT_OPTIMIZER: OptimizerName = 'rmsprop';

/** The optimizer at its Keras defaults, as stored in a document: the type and the learning rate (other fields default). */
export function defaultOptimizerSettings(id: OptimizerName = KERAS_COMPILE_DEFAULT_OPTIMIZER): OptimizerSettings {
  return { type: id, learningRate: fieldDefault(getOptimizer(id), 'learningRate') as number };
}

function fieldDefault(def: OptimizerDefinition, name: OptimizerFieldName): number | boolean | undefined {
  return def.fields.find((f) => f.name === name)?.default;
}

/**
 * The settings with each of the optimizer's fields filled: the stored value where there is one,
 * else the Keras default. Fields the optimizer does not have are dropped.
 */
export function resolveOptimizer(settings: OptimizerSettings): ResolvedOptimizer {
  const def = getOptimizer(settings.type);
  const resolved: Record<string, unknown> = { type: settings.type };
  for (const field of def.fields) {
    const value = (settings as Record<string, unknown>)[field.name];
    resolved[field.name] = value === undefined ? field.default : value;
  }
  return resolved as ResolvedOptimizer;
}

/**
 * Switches to another optimizer the way a user expects: each field of the new optimizer takes its
 * Keras default, unless the user typed a value of their own for it. A value counts as typed when
 * the previous optimizer has the same field and the value differs from that optimizer's default
 * (so 0.01 on SGD, being SGD's default, becomes RMSprop's 0.001; a typed 0.05 is kept). Fields the
 * new optimizer lacks are dropped, and the result stores only what differs from the defaults
 * besides the learning rate, which is always stored.
 */
export function chooseOptimizer(current: OptimizerSettings, next: OptimizerName): OptimizerSettings {
  if (current.type === next) return current;
  const previous = getOptimizer(current.type);
  const target = getOptimizer(next);
  const chosen: Record<string, unknown> = { type: next };
  for (const field of target.fields) {
    const value = (current as Record<string, unknown>)[field.name];
    const had = previous.fields.find((f) => f.name === field.name);
    const typed = value !== undefined && had !== undefined && value !== had.default;
    if (typed) chosen[field.name] = value;
    else if (field.name === 'learningRate') chosen[field.name] = field.default;
  }
  return chosen as OptimizerSettings;
}

/**
 * Builds the tfjs optimizer through `tf.train` (passed in: src/shared does not import tfjs), with
 * every argument explicit so tfjs' own defaults never apply.
 */
export function createTfjsOptimizer<O>(train: TfjsTrain<O>, settings: OptimizerSettings): O {
  const call = tfjsCall(settings);
  return (train[call.factory] as (...args: (number | boolean)[]) => O).apply(train, call.args);
}

export function tfjsCall(settings: OptimizerSettings): TfjsCall {
  return getOptimizer(settings.type).tfjs(resolveOptimizer(settings));
}

/** The TypeScript (tfjs) expression, e.g. `tf.train.rmsprop(0.001, 0.9, 0, 1e-7, false)`. */
export function tfjsOptimizerCode(settings: OptimizerSettings): string {
  const call = tfjsCall(settings);
  return `tf.train.${call.factory}(${call.args.map((a) => String(a)).join(', ')})`;
}

/** A Keras optimizer as its config serialises it: `{"class_name": "Adam", "config": {"learning_rate": 0.001, ...}}`. */
export interface KerasOptimizerConfig {
  class_name: string;
  config: Record<string, number | boolean>;
}

/**
 * The Keras 3 optimizer the settings describe, as the arguments of `keras.optimizers.<Class>(...)`
 * (every field, resolved, then the arguments the app fixes): what the generated Python passes and
 * what Keras' `get_config()` reports for them.
 */
export function kerasOptimizerConfig(settings: OptimizerSettings): KerasOptimizerConfig {
  const def = getOptimizer(settings.type);
  const resolved = resolveOptimizer(settings) as unknown as Record<string, number | boolean>;
  const config: Record<string, number | boolean> = {};
  for (const f of def.fields) config[f.keras] = resolved[f.name];
  Object.assign(config, def.fixedKeras ?? {});
  return { class_name: def.kerasClass, config };
}

/** The Python (Keras 3) expression, e.g. `keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7)`. */
export function kerasOptimizerCode(settings: OptimizerSettings): string {
  const { class_name, config } = kerasOptimizerConfig(settings);
  const py = (v: unknown) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  return `keras.optimizers.${class_name}(${Object.entries(config).map(([k, v]) => `${k}=${py(v)}`).join(', ')})`;
}

export type OptimizerImport = { ok: true; settings: OptimizerSettings; warnings: string[] } | { ok: false; unsupported: string };

/**
 * The settings a serialised optimizer stands for: a Keras 3 `get_config()` (as a .keras file's
 * `compile_config` or a converted model's `training_config` holds it), a Keras 2 config or a tfjs
 * `getConfig()`, under its class name (Keras' `Adam`, `RMSprop`, `SGD`; tfjs' `RMSProp`,
 * `Momentum`; matched without case). The entry is the one whose Keras or tfjs class it is (for
 * SGD, by `kerasMatch`); each field is read from its Keras argument or an alias, and a missing
 * field keeps its default (the learning rate is always stored). Keys with no setting are checked
 * against their neutral value (`kerasNeutral`, `fixedKeras`, `KERAS_OPTIMIZER_NEUTRAL`): any other
 * value, and any key this version does not know, is named in a warning, so nothing is dropped
 * silently. `unsupported` names a class no entry has.
 */
export function optimizerFromKeras(className: string, config: Readonly<Record<string, unknown>>): OptimizerImport {
  const key = className.toLowerCase();
  const candidates = optimizerList().filter((d) => d.kerasClass.toLowerCase() === key || d.tfjsClass.toLowerCase() === key || d.id === key);
  const def = candidates.find((d) => !d.kerasMatch || d.kerasMatch(config)) ?? candidates[0];
  if (!def) return { ok: false, unsupported: `optimizer ${quoteValue(className)}` };
  const warnings: string[] = [];
  const read = new Set<string>();
  const settings: Record<string, unknown> = { type: def.id };
  for (const field of def.fields) {
    for (const k of [field.keras, ...(field.aliases ?? [])]) {
      const value = config[k];
      if (value === undefined || value === null) continue;
      read.add(k);
      const ok = field.kind === 'bool' ? typeof value === 'boolean' : typeof value === 'number' && Number.isFinite(value);
      if (ok) settings[field.name] = value;
      else warnings.push(`${className}: ${k} ${quoteValue(value)} is not a ${field.kind === 'bool' ? 'true/false value' : 'finite number'}; ${def.label} keeps its default ${String(field.default)}.`);
      break;
    }
  }
  settings.learningRate ??= def.fields.find((f) => f.name === 'learningRate')!.default;
  const neutral: Record<string, number | boolean | null | undefined> = { ...KERAS_OPTIMIZER_NEUTRAL, ...def.kerasNeutral, ...def.fixedKeras };
  for (const [k, value] of Object.entries(config)) {
    if (read.has(k)) continue;
    if (!(k in neutral)) {
      warnings.push(`${className}: ${k} ${quoteValue(value)} is not an argument Neurite knows for ${def.label}, and was not carried over.`);
      continue;
    }
    const want = neutral[k];
    if (want === undefined || isNeutral(value, want)) continue;
    warnings.push(`${className}: ${k} ${quoteValue(value)} is not a setting of ${def.label} in Neurite and was not carried over (it trains as with ${String(want)}).`);
  }
  return { ok: true, settings: settings as OptimizerSettings, warnings };
}

/** Null for null or absent; numbers equal as float32 (converted h5 configs hold float32 values such as 1.0000000116860974e-7). */
function isNeutral(value: unknown, neutral: number | boolean | null): boolean {
  if (neutral === null) return value === null || value === undefined;
  if (typeof neutral === 'number' && typeof value === 'number') return Math.fround(value) === Math.fround(neutral);
  return value === neutral;
}
