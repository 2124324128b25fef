import type { MessageParams } from '../graph/problem-text';
import type { OnnxLayerMapping } from './onnx';

/**
 * The layer registry's contract. One file per layer type implements `LayerDefinition`;
 * the palette, the inspector, React Flow's node types and the compiler all read it.
 */

/** A tensor shape with the batch dimension first (`null` = any size), as Keras prints it. */
export type Shape = (number | null)[];

export type LayerCategory = 'Input' | 'Core' | 'Activation' | 'Regularization' | 'Normalization' | 'Reshaping' | 'Merging' | 'Convolution' | 'Pooling' | 'Preprocessing';

interface ParamBase {
  /** Key in the node's `params` object. */
  name: string;
  label: string;
  /** One or two plain sentences shown as help in the inspector. */
  help: string;
  /**
   * The Keras config key(s) this param is read from on import (snake_case as Keras and tfjs'
   * layers format write them; the Keras 2 / tfjs spelling first, then Keras 3's where it differs).
   * A missing key takes this param's `default`. Params set by the layer's own `fromKeras` omit it.
   */
  keras?: string | readonly string[];
  /**
   * Whether the param means anything for these (resolved) params; the inspector shows it only
   * then (Activation's `alpha` only for leakyRelu, a bias initializer only with a bias). Absent =
   * always. A hidden param keeps its value, and import, export and compile still read it.
   */
  appliesWhen?: (params: LayerParams) => boolean;
}
export interface IntParam extends ParamBase { kind: 'int'; default: number; min?: number; max?: number }
export interface FloatParam extends ParamBase {
  kind: 'float';
  default: number;
  min?: number;
  max?: number;
  /** When true the bounds are exclusive (e.g. a dropout rate must be < 1). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}
export interface BoolParam extends ParamBase { kind: 'bool'; default: boolean }
export interface EnumParam extends ParamBase { kind: 'enum'; default: string; options: readonly string[] }
/** A list of positive integers (a feature shape such as [28, 28]); -1 allowed only where `allowInfer`. */
export interface ShapeParam extends ParamBase { kind: 'shape'; default: number[]; allowInfer?: boolean }
export type ParamSpec = IntParam | FloatParam | BoolParam | EnumParam | ShapeParam;

export type LayerParams = Record<string, unknown>;

/** What shape inference returns: an output shape, or an explanation of why the inputs don't fit. */
export type ShapeResult = { ok: true; shape: Shape } | { ok: false; message: string; messageId?: string; params?: MessageParams };

export interface ParamCount { trainable: number; nonTrainable: number }

/** A Keras/TensorFlow.js layer config, as `tf.layers.*` and `model.toJSON()` use it. */
export interface TfjsLayerConfig { className: string; config: Record<string, unknown> }

/** A Keras layer's `config` object as a layers-format model.json or a `.keras` file's config.json holds it. */
export type KerasConfig = Record<string, unknown>;

/** What a layer's `fromKeras` may use besides the config: where it is, and a place to note approximations. */
export interface KerasImportContext {
  /** The Keras `class_name` being imported (one of the layer's `keras.classNames`). */
  className: string;
  /** The Keras layer name, for messages. */
  layerName: string;
  /** Records something imported approximately; the importer shows it as a warning. */
  warn(message: string): void;
}

/** Params for the node, or why this config cannot be imported (e.g. `Dense with activation "exponential"`). */
export type FromKerasResult = { ok: true; params: LayerParams } | { ok: false; unsupported: string };

/**
 * How a layer meets Keras on import. The importer looks a Keras `class_name` up in every layer's
 * `classNames`, calls `fromKeras`, and names every config key that is neither read (`reads` and
 * the params' `keras` keys) nor dropped at its neutral value (`drops`): nothing is left out silently.
 */
export interface KerasMapping {
  /**
   * Keras 2 / Keras 3 / tfjs layers-format `class_name`s this layer imports from; several Keras
   * classes may become one layer (LeakyReLU, ReLU and Softmax become an Activation node).
   */
  classNames: readonly string[];
  /** Config keys `fromKeras` reads itself, beyond the params' own `keras` keys. */
  reads?: readonly string[];
  /**
   * Config keys Neurite has no setting for, each with the value at which dropping it changes
   * nothing (`null` for an unset regularizer, `'zeros'` for an initializer class): any other value
   * is named in an import warning.
   */
  drops?: Readonly<Record<string, KerasNeutral>>;
  /** The node's params from a Keras config; every value Keras omits takes the param's default. */
  fromKeras(config: KerasConfig, context: KerasImportContext): FromKerasResult;
}

/** A value in a Keras config that dropping changes nothing about: a literal, or an initializer/regularizer class name. */
export type KerasNeutral = null | boolean | number | string | readonly number[];

/**
 * A call in generated code, as data: `callee(args..., key=value...)` in Python and
 * `callee({ key: value, ... })` in TypeScript. The layer files never write code text: the
 * generators turn every value into source through their one literal encoder
 * (src/shared/codegen/literals.ts), so no value from a project file becomes code.
 */
export interface CodeCall {
  kind: 'call';
  /** A dotted name fixed by the layer file, e.g. `layers.Dense` or `tf.layers.dense`. */
  callee: string;
  /** Positional arguments (Python only). */
  args?: readonly CodeValue[];
  /** Keyword arguments (Python) or the config object's entries (TypeScript), in order; `null` entries are left out in TypeScript. */
  kwargs?: readonly (readonly [string, CodeValue])[];
}
export type CodeValue = null | boolean | number | string | readonly CodeValue[] | CodeCall;

/** The layer's constructor in generated code; the generator adds `name` and applies it to the inputs. */
export interface LayerCode {
  /** Keras 3 (`import keras; from keras import layers, regularizers`). */
  python(params: LayerParams, tfjs: TfjsLayerConfig): CodeCall;
  /** TensorFlow.js (`import * as tf from '@tensorflow/tfjs'`). */
  typescript(params: LayerParams, tfjs: TfjsLayerConfig): CodeCall;
}

/**
 * How the layer bears on the model's output head, which validation checks against the loss and
 * the data: it looks back from the output through layers that have a `head`, and stops at the
 * first that has none or that `decidesWidth`.
 */
export interface OutputHeadRole {
  /** The param naming the activation function the layer applies, if it applies one. */
  activationParam?: string;
  /** The layer's own size sets the output width (Dense units), so the look-back stops here. */
  decidesWidth?: boolean;
}

/**
 * A layer as the fused fast Dense path runs it, from the plan's resolved params (never read back
 * from a built tfjs model). Sizes come from the plan's shapes. Activation ids are the activation
 * registry's (src/shared/activations), checked for a fused twin by the fast path.
 */
export type FusedLayer =
  | { kind: 'dense'; units: number; activation: string; useBias: boolean; l1: number; l2: number }
  | { kind: 'activation'; activation: string }
  /** Inverted dropout at `rate` (0 ≤ rate < 1; 0 is the identity). */
  | { kind: 'dropout'; rate: number };

/** One conformance case: params (missing keys take defaults) and the input shapes the layer is applied to. */
export interface LayerExample {
  params: LayerParams;
  inputs: Shape[];
  /**
   * The params a Keras export of this case imports back as, where the export writes a resolved
   * form (a Reshape's -1 replaced by its size, a negative Concatenate axis made positive).
   * Absent: the resolved params themselves.
   */
  importsAs?: LayerParams;
}

export interface LayerDefinition {
  /** Stable identifier stored in project files, e.g. `Dense`. */
  type: string;
  label: string;
  category: LayerCategory;
  description: string;
  params: readonly ParamSpec[];
  /** How many incoming edges the layer takes. Input: {min:0,max:0}; Dense: {1,1}; Add: {2,Infinity}. */
  arity: { min: number; max: number };
  /** The most important params, shown on the node itself. */
  summaryParams?: readonly string[];
  inferOutputShape(inputs: Shape[], params: LayerParams): ShapeResult;
  countParams(inputs: Shape[], params: LayerParams): ParamCount;
  /**
   * The layer's variables (with its params resolved), in the order Keras 3 and tfjs create them:
   * Keras 3's .keras weights file numbers them `vars/0`, `vars/1`, … in this order, and tfjs names
   * them `<layer>/<name>`. Absent: the layer has no variables.
   */
  weightNames?(params: LayerParams): readonly string[];
  /**
   * Keras 3's own names of those variables, in the same order, where they differ from tfjs'
   * (DepthwiseConv2D: Keras 3 `kernel`, tfjs and Keras 2 `depthwise_kernel`). Absent: `weightNames`.
   */
  kerasWeightNames?(params: LayerParams): readonly string[];
  /** The tfjs layer this node compiles to. `name` is set by the compiler. */
  toTfjs(params: LayerParams, inputs: Shape[]): TfjsLayerConfig;
  /** `input`: where the data enters (created, not applied to anything; a model has exactly one). */
  role?: 'input';
  /**
   * The layer acts only while training and passes its input through at prediction time (Keras'
   * `training=True` behaviour of Dropout); outcome advice and the prediction path read this.
   */
  trainingOnly?: boolean;
  /**
   * The layer's form in the fused fast Dense path (src/main/engine/fast-dense.ts), or why its
   * params keep it out (a sentence); absent, a model with this layer trains on the general path.
   * `params` are resolved (every key present).
   */
  fused?(params: LayerParams): FusedLayer | string;
  /** See OutputHeadRole; absent, validation's look-back from the output stops at this layer. */
  head?: OutputHeadRole;
  /** The param a shape problem of this layer is pinned to in the inspector (Reshape: targetShape). */
  shapeParam?: string;
  /**
   * The layer's weights that an affine map of its input folds into: the layer starts with
   * x·kernel + bias over its input's last axis (Dense), so a z-score of the data becomes
   * kernel/s and bias − (m/s)·kernel (src/main/engine/export-model.ts `foldZscore`). Short weight
   * names; the exports fold only when `weightNames(params)` has both. Absent: a z-score feeding
   * this layer is written as preprocessing.json instead.
   */
  affineInput?: { kernel: string; bias: string };
  keras: KerasMapping;
  code: LayerCode;
  /** How the layer is written in an ONNX export (src/shared/layers/onnx.ts; the encoding is src/main/engine/onnx/). */
  onnx: OnnxLayerMapping;
  /**
   * Conformance cases, the defaults (`{}`) first: the registry tests build each with tfjs
   * (shapes and counts), export and re-import it, generate code for it and run that code.
   */
  examples: readonly LayerExample[];
}
