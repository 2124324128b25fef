/**
 * The layer registry's contract. One file per layer type implements `LayerDefinition`;
 * the palette, the inspector, React Flow's node types and the compiler all read it.
 */

/** A tensor shape with the batch dimension first (`null` = any size), as Keras prints it. */
export type Shape = (number | null)[];

export type LayerCategory = 'Input' | 'Core' | 'Activation' | 'Regularization' | 'Normalization' | 'Reshaping' | 'Merging';

interface ParamBase {
  /** Key in the node's `params` object. */
  name: string;
  label: string;
  /** One or two plain sentences shown as help in the inspector. */
  help: string;
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
export type ShapeResult = { ok: true; shape: Shape } | { ok: false; message: string };

export interface ParamCount { trainable: number; nonTrainable: number }

/** A Keras/TensorFlow.js layer config, as `tf.layers.*` and `model.toJSON()` use it. */
export interface TfjsLayerConfig { className: string; config: Record<string, unknown> }

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
  /** The tfjs layer this node compiles to. `name` is set by the compiler. */
  toTfjs(params: LayerParams, inputs: Shape[]): TfjsLayerConfig;
}
