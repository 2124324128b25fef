import type { MetricDefinition } from './types';

/** Keras 3 `metrics=["mse"]` (`keras.metrics.MeanSquaredError`): mean (y − ŷ)², reported as `mse`. */
export const mse: MetricDefinition = {
  id: 'mse',
  label: 'mean squared error',
  helpKey: 'help.metric.mse',
  kerasName: 'mse',
  kerasAliases: ['mean_squared_error'],
  tfjsName: 'mse',
  tfjsHistoryKey: 'mse',
  measures: 'numbers',
  higherIsBetter: false,
  variant: () => 'mse',
};
