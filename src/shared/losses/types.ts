import type { LossName } from '../project/schema';

/**
 * The loss registry's contract. One file per loss implements `LossDefinition`; the compiler, the
 * fast Dense path, both code generators, the model importer, graph validation and the target plan
 * (src/shared/data/targets.ts) all read it. Adding a loss is one file here, its id in `LOSSES`
 * (src/shared/project/schema.ts) and its cases in the conformance tests.
 */

/**
 * What the labels must be for the loss (Keras conventions):
 * `values`: real numbers, one per output unit (regression losses);
 * `binary`: 0/1, one per sigmoid unit (`binary_crossentropy`);
 * `onehot`: one-hot rows, one column per class (`categorical_crossentropy`);
 * `index`: one class number per example (`sparse_categorical_crossentropy`).
 */
export type LossLabels = 'values' | 'binary' | 'onehot' | 'index';

/** What the model's output must be: any real numbers, or probabilities from a sigmoid per unit / a softmax over the units. */
export type LossOutput = 'any' | 'sigmoid' | 'softmax';

/** The fused losses of the fast Dense path (src/main/engine/fast-dense.ts `lossAndGradient`), by the loss they reproduce. */
export type FusedLossId = 'meanSquaredError' | 'meanAbsoluteError' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy' | 'binaryCrossentropy';

/**
 * The tfjs ops a loss formula uses, typed structurally so src/shared needs no tfjs import: the
 * compiler passes the `tf` namespace itself. `T` is `tf.Tensor`.
 */
export interface TfjsLossOps<T extends { readonly shape: readonly number[] }> {
  tidy(fn: () => T): T;
  abs(x: T): T;
  sub(a: T, b: T): T;
  add(a: T, b: T): T;
  mul(a: number, b: T): T;
  square(x: T): T;
  minimum(a: T, b: number): T;
  mean(x: T, axis?: number): T;
  floor(x: T): T;
  cast(x: T, dtype: 'int32'): T;
  reshape(x: T, shape: number[]): T;
  oneHot(indices: T, depth: number): T;
  metrics: {
    meanSquaredError(yTrue: T, yPred: T): T;
    meanAbsoluteError(yTrue: T, yPred: T): T;
    categoricalCrossentropy(yTrue: T, yPred: T): T;
    binaryCrossentropy(yTrue: T, yPred: T): T;
  };
}

export interface LossDefinition {
  /** Stable identifier stored in project files (tfjs' camelCase name where tfjs has the loss). */
  id: LossName;
  /** Lower-case English name for messages, e.g. `mean squared error`. */
  label: string;
  /** i18n key of the loss's help in the renderer's dictionaries (`help.loss.<id>`). */
  helpKey: string;
  /** `keras.losses.<kerasClass>` (Keras 3). */
  kerasClass: string;
  /** The Keras string identifier, e.g. `mean_squared_error` (what `compile(loss=...)` accepts and `training_config` stores). */
  kerasName: string;
  /** Other Keras names that mean this loss (snake_case), e.g. `mse`; the importer accepts them. */
  kerasAliases: readonly string[];
  labels: LossLabels;
  output: LossOutput;
  /**
   * tfjs' built-in loss string (`model.compile({ loss })`), when tfjs has the loss: compiling with
   * the string lets tfjs pick the matching accuracy variant and export the Keras name. Absent = the
   * app's own function (`perSample`) is compiled.
   */
  tfjsName?: string;
  /** The per-example loss (Keras semantics: probabilities in, not logits), shape [batch]. */
  perSample<T extends { readonly shape: readonly number[] }>(tf: TfjsLossOps<T>, yTrue: T, yPred: T): T;
  /** The Keras (Python) expression for `compile(loss=...)` when it is not the quoted `kerasName`. */
  python?: string;
  /**
   * The TypeScript (tfjs) expression for `model.compile({ loss })` and the helper it needs declared
   * before it, when it is not the quoted `tfjsName` (a loss without `tfjsName` must have one).
   */
  typescript?: { expression: string; helper: readonly string[] };
  /** The fused twin in the fast Dense path; absent = the general path. */
  fused?: FusedLossId;
}
