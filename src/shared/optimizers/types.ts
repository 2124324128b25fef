import type { OptimizerName, OptimizerSettings } from '../project/schema';
import type { NumberLimit, OptimizerNumberField } from '../training/limits';

/**
 * The optimizer registry's contract. One file per optimizer implements `OptimizerDefinition`;
 * the compiler, the fused fast path, both code generators, the settings panel, the model importer
 * and settings validation all read it. Adding an optimizer is one file here plus its id in
 * `OPTIMIZERS` (src/shared/project/schema.ts) and its fused twin if it has one.
 */

interface FieldBase {
  /** i18n keys of the field's label and help in the renderer's dictionaries. */
  labelKey: string;
  helpKey: string;
  /** The Keras constructor argument, e.g. `beta_1`. */
  keras: string;
  /**
   * Other spellings of the argument the importer reads, after `keras`: Keras 2's (`lr`) and tfjs'
   * `getConfig()` names (`learningRate`, `beta1`, `useNesterov`, RMSProp's `decay` for rho).
   */
  aliases?: readonly string[];
}

export interface NumberField extends FieldBase {
  name: OptimizerNumberField;
  kind: 'number';
  /** Keras 3's default for the argument (see each entry's doc comment for the source). */
  default: number;
  limit: NumberLimit;
}

export interface BoolField extends FieldBase {
  name: 'nesterov';
  kind: 'bool';
  default: boolean;
}

export type OptimizerField = NumberField | BoolField;
export type OptimizerFieldName = OptimizerField['name'];

/** The settings with every field of the chosen optimizer filled in (the user's value or the default). */
export type ResolvedOptimizer = Required<Pick<OptimizerSettings, 'type' | 'learningRate'>> &
  Partial<Record<OptimizerNumberField, number>> & { nesterov?: boolean };

/** The `tf.train.*` factories the registry uses, typed structurally so src/shared needs no tfjs import. */
export interface TfjsTrain<O = unknown> {
  sgd(learningRate: number): O;
  momentum(learningRate: number, momentum: number, useNesterov?: boolean): O;
  rmsprop(learningRate: number, decay?: number, momentum?: number, epsilon?: number, centered?: boolean): O;
  adam(learningRate?: number, beta1?: number, beta2?: number, epsilon?: number): O;
  adagrad(learningRate: number, initialAccumulatorValue?: number): O;
  adadelta(learningRate?: number, rho?: number, epsilon?: number): O;
  adamax(learningRate?: number, beta1?: number, beta2?: number, epsilon?: number, decay?: number): O;
}

/** A positional `tf.train.<factory>(...args)` call: what the compiler runs and the TypeScript generator writes. */
export interface TfjsCall {
  factory: keyof TfjsTrain;
  args: (number | boolean)[];
}

/** The fused optimizers of src/main/engine/fast-optimizers.ts, by the tfjs update they reproduce. */
export type FusedOptimizerId = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adagrad' | 'adadelta' | 'adamax';

export interface OptimizerDefinition {
  /** Stable identifier stored in project files. */
  id: OptimizerName;
  label: string;
  /** `keras.optimizers.<kerasClass>`. */
  kerasClass: string;
  /** tfjs' class name (`optimizer.getClassName()`, what a tfjs-written `training_config` holds), e.g. `RMSProp`, `Momentum`. */
  tfjsClass: string;
  /**
   * For entries that share a Keras class: whether an imported config of that class is this
   * entry's (Keras' SGD with momentum > 0 is `momentum`). Absent: every config of the class is.
   */
  kerasMatch?(config: Readonly<Record<string, unknown>>): boolean;
  /**
   * Keras (or tfjs) config keys this entry has no setting for, each with the value at which
   * dropping it changes nothing (Adam's `amsgrad: false`); any other value is named in an import
   * warning. The keys every Keras 3 optimizer has (clipnorm, use_ema, …) are `KERAS_OPTIMIZER_NEUTRAL`.
   */
  kerasNeutral?: Readonly<Record<string, number | boolean | null>>;
  /** One plain sentence for the settings panel (English; the panel's help is translated by key). */
  description: string;
  /** The user-settable fields, learning rate first. */
  fields: readonly OptimizerField[];
  /** Keras arguments the app fixes at their Keras default (not editable), e.g. Adagrad's initial_accumulator_value. */
  fixedKeras?: Readonly<Record<string, number | boolean>>;
  /** The tfjs call with every argument explicit (tfjs' own defaults differ from Keras' in places). */
  tfjs(settings: ResolvedOptimizer): TfjsCall;
  /**
   * What tfjs' `optimizer.getConfig()` must report for the call (keys as tfjs names them), checked
   * by the registry's conformance test against a real tfjs optimizer.
   */
  tfjsConfig(settings: ResolvedOptimizer): Record<string, number | boolean>;
  /** The fused twin in the fast Dense path. */
  fused: FusedOptimizerId;
}
