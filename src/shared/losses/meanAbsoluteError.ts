import type { LossDefinition } from './types';

/** Keras 3 `keras.losses.MeanAbsoluteError` (`"mean_absolute_error"`, alias `"mae"`): mean(|y − ŷ|) over the last axis. */
export const meanAbsoluteError: LossDefinition = {
  id: 'meanAbsoluteError',
  label: 'mean absolute error',
  helpKey: 'help.loss.meanAbsoluteError',
  kerasClass: 'MeanAbsoluteError',
  kerasName: 'mean_absolute_error',
  kerasAliases: ['mae'],
  labels: 'values',
  output: 'any',
  tfjsName: 'meanAbsoluteError',
  perSample: (tf, t, p) => tf.metrics.meanAbsoluteError(t, p),
  fused: 'meanAbsoluteError',
};
