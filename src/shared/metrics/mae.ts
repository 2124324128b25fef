import type { MetricDefinition } from './types';

/** Keras 3 `metrics=["mae"]` (`keras.metrics.MeanAbsoluteError`): mean |y − ŷ|, reported as `mae`. */
export const mae: MetricDefinition = {
  id: 'mae',
  label: 'mean absolute error',
  helpKey: 'help.metric.mae',
  kerasName: 'mae',
  kerasAliases: ['mean_absolute_error'],
  tfjsName: 'mae',
  tfjsHistoryKey: 'mae',
  measures: 'numbers',
  higherIsBetter: false,
  variant: () => 'mae',
};
