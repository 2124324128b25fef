import type { LossDefinition } from './types';

/** Keras 3 `keras.losses.MeanSquaredError` (`"mean_squared_error"`, alias `"mse"`): mean((y − ŷ)²) over the last axis. */
export const meanSquaredError: LossDefinition = {
  id: 'meanSquaredError',
  label: 'mean squared error',
  helpKey: 'help.loss.meanSquaredError',
  kerasClass: 'MeanSquaredError',
  kerasName: 'mean_squared_error',
  kerasAliases: ['mse'],
  labels: 'values',
  output: 'any',
  tfjsName: 'meanSquaredError',
  perSample: (tf, t, p) => tf.metrics.meanSquaredError(t, p),
  fused: 'meanSquaredError',
};
