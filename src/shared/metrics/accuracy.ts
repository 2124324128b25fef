import type { MetricDefinition } from './types';

/**
 * Keras 3 `metrics=["accuracy"]`: the share of examples predicted right, with the variant chosen
 * from the loss and the output (keras/src/trainers/compile_utils.py `get_metric`; tfjs-layers
 * `LayersModel.compile` applies the same rule and logs it as `acc`).
 */
export const accuracy: MetricDefinition = {
  id: 'accuracy',
  label: 'accuracy',
  helpKey: 'help.metric.accuracy',
  kerasName: 'accuracy',
  kerasAliases: ['acc', 'categorical_accuracy', 'binary_accuracy'],
  tfjsName: 'accuracy',
  tfjsHistoryKey: 'acc',
  measures: 'classes',
  higherIsBetter: true,
  variant: (loss, outputWidth) => (outputWidth === 1 || loss.labels === 'binary' ? 'binaryAccuracy' : loss.labels === 'index' ? 'sparseCategoricalAccuracy' : 'categoricalAccuracy'),
};
