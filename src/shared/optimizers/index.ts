import { OPTIMIZERS, type OptimizerName, type OptimizerSettings } from '../project/schema';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { momentum } from './momentum';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
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

/** The Python (Keras 3) expression, e.g. `keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7)`. */
export function kerasOptimizerCode(settings: OptimizerSettings): string {
  const def = getOptimizer(settings.type);
  const resolved = resolveOptimizer(settings) as Record<string, unknown>;
  const py = (v: unknown) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  const args = [
    ...def.fields.map((f) => `${f.keras}=${py(resolved[f.name])}`),
    ...Object.entries(def.fixedKeras ?? {}).map(([k, v]) => `${k}=${py(v)}`),
  ];
  return `keras.optimizers.${def.kerasClass}(${args.join(', ')})`;
}
