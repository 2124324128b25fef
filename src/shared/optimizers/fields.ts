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
  labelKey: 'settings.rho',
  helpKey: 'help.rho',
});

export const beta1 = (value: number): NumberField => ({
  name: 'beta1',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.beta1,
  keras: 'beta_1',
  labelKey: 'settings.beta1',
  helpKey: 'help.beta1',
});

export const beta2 = (value: number): NumberField => ({
  name: 'beta2',
  kind: 'number',
  default: value,
  limit: OPTIMIZER_LIMITS.beta2,
  keras: 'beta_2',
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
  labelKey: 'settings.nesterov',
  helpKey: 'help.nesterov',
});

/** Keras' backend epsilon (`keras.config.epsilon()`), the default `epsilon` of every Keras 3 optimizer that has one. */
export const KERAS_EPSILON = 1e-7;
