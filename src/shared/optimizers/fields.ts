import { OPTIMIZER_LIMITS } from '../training/limits';
import type { BoolField, NumberField } from './types';

/**
 * The optimizer fields, each built with its entry's Keras default. Limits come from the one
 * limits table, labels and help from the renderer's dictionaries (keys `settings.*`, `help.*`).
 */
export const learningRate = (value: number): NumberField => ({
  name: 'learningRate',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.learningRate,
  keras: 'learning_rate',
  aliases: ['lr', 'learningRate'],
  labelKey: 'settings.learningRate',
  helpKey: 'help.learningRate',
});

export const momentum = (value: number): NumberField => ({
  name: 'momentum',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.momentum,
  keras: 'momentum',
  labelKey: 'settings.momentum',
  helpKey: 'help.momentum',
});

export const rho = (value: number): NumberField => ({
  name: 'rho',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.rho,
  keras: 'rho',
  // tfjs' RMSProp calls rho `decay` (Keras 2's `decay` is a learning-rate decay: RMSprop reads `rho` first).
  aliases: ['decay'],
  labelKey: 'settings.rho',
  helpKey: 'help.rho',
});

export const beta1 = (value: number): NumberField => ({
  name: 'beta1',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.beta1,
  keras: 'beta_1',
  aliases: ['beta1'],
  labelKey: 'settings.beta1',
  helpKey: 'help.beta1',
});

export const beta2 = (value: number): NumberField => ({
  name: 'beta2',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.beta2,
  keras: 'beta_2',
  aliases: ['beta2'],
  labelKey: 'settings.beta2',
  helpKey: 'help.beta2',
});

export const epsilon = (value: number): NumberField => ({
  name: 'epsilon',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.epsilon,
  keras: 'epsilon',
  labelKey: 'settings.epsilon',
  helpKey: 'help.epsilon',
});

export const nesterov = (value: boolean): BoolField => ({
  name: 'nesterov',
  kind: 'bool',
  default: value,
  keras: 'nesterov',
  aliases: ['useNesterov'],
  labelKey: 'settings.nesterov',
  helpKey: 'help.nesterov',
});

/** Keras' backend epsilon (`keras.config.epsilon()`), the default `epsilon` of every Keras 3 optimizer that has one. */
export const KERAS_EPSILON = 1e-7;

/**
 * Keys of a Keras 3 optimizer's `get_config()` (keras/src/optimizers/base_optimizer.py) and of
 * Keras 2 / tfjs configs that no entry has a setting for, with the value at which leaving them out
 * changes nothing. `null` as the value of a key whose value does not matter (`name`) is written
 * as `undefined` here: such keys are read and ignored. Keras 2's `decay` is a learning-rate decay.
 */
export const KERAS_OPTIMIZER_NEUTRAL: Readonly<Record<string, number | boolean | null | undefined>> = {
  name: undefined,
  weight_decay: null,
  clipnorm: null,
  global_clipnorm: null,
  clipvalue: null,
  use_ema: false,
  ema_momentum: undefined,
  ema_overwrite_frequency: null,
  loss_scale_factor: null,
  gradient_accumulation_steps: null,
  decay: 0,
  is_legacy_optimizer: undefined,
  jit_compile: undefined,
};
