import type { LossDefinition } from '../losses/types';
import type { MetricName } from '../project/schema';

/**
 * The metric registry's contract. One file per metric implements `MetricDefinition`; the
 * compiler (through tfjs' metric strings), the fast Dense path, both code generators, the model
 * importer, the run outcome and the settings panel read it. Adding a metric is one file here, its
 * id in `METRICS` (src/shared/project/schema.ts) and its cases in the conformance tests.
 */

/** The fused metrics of the fast Dense path (src/main/engine/fast-dense.ts `metricValue`). */
export type FusedMetricId = 'binaryAccuracy' | 'categoricalAccuracy' | 'sparseCategoricalAccuracy' | 'mae' | 'mse';

export interface MetricDefinition {
  /** Stable identifier stored in project files. */
  id: MetricName;
  /** Lower-case English name for messages, e.g. `mean absolute error`. */
  label: string;
  /** i18n key of the metric's help in the renderer's dictionaries (`help.metric.<id>`). */
  helpKey: string;
  /** The Keras 3 string for `compile(metrics=[...])`, which is also its key in Keras' `history.history`. */
  kerasName: string;
  /** Other Keras names (snake_case) the importer maps to this metric, e.g. `mean_absolute_error`. */
  kerasAliases: readonly string[];
  /** The tfjs string for `model.compile({ metrics })`. */
  tfjsName: string;
  /** The key tfjs reports the metric under in its logs (tfjs writes `acc` for `accuracy`). */
  tfjsHistoryKey: string;
  /**
   * What the metric is meaningful for: `classes` (accuracy) or `numbers` (the errors, which on
   * class numbers average |class index − probability|: meaningless, trial 5 F2).
   */
  measures: 'classes' | 'numbers';
  /** Whether a larger value is a better model (accuracy), or a smaller one (errors). */
  higherIsBetter: boolean;
  /**
   * The variant that is computed, by the rule tfjs and Keras share: for `accuracy`, binary when
   * the output has one unit or the loss takes 0/1 labels, sparse categorical for class-number
   * labels, else categorical. Names the fused twin of the fast Dense path.
   */
  variant(loss: LossDefinition, outputWidth: number): FusedMetricId;
}
