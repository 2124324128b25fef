import type { LayerParams, Shape, ShapeResult } from './types';

/**
 * How a layer or an activation is written as ONNX operators (opset 17), as data and calls on a
 * writer: operator types, attributes and constant tensors. The registry entries describe their
 * operators through this interface; the protobuf encoding (onnx.proto3 through protobufjs) is
 * the export's own (src/main/engine/onnx/builder.ts implements `OnnxWriter`), so src/shared stays
 * free of it.
 */

/** An ONNX attribute value: a float, an int or a list of ints (`AttributeProto` FLOAT, INT, INTS). */
export type OnnxAttribute = number | { int: number } | { ints: number[] };

/** The calls a mapping may make on the ONNX graph under construction. */
export interface OnnxWriter {
  /** A tensor name not used yet, from `base` (`dense_n2/MatMul`, then `dense_n2/MatMul_1`). */
  fresh(base: string): string;
  /** A float32 initializer (a weight or a constant) named `fresh(base)`; returns its name. */
  floatConstant(base: string, dims: number[], values: ArrayLike<number>): string;
  /** An int64 initializer of rank 1 named `fresh(base)`; returns its name. */
  int64Constant(base: string, values: number[]): string;
  /** Adds an operator writing `output` (a name already claimed or freshly made); returns `output`. */
  node(opType: string, inputs: string[], output: string, attributes?: Record<string, OnnxAttribute>): string;
}

/** What a layer's ONNX mapping gets: the writer, the planned node, its input tensor names and its trained weights. */
export interface OnnxLayerContext {
  b: OnnxWriter;
  /** The node as the model plan has it: layer name, resolved params, input shapes and output shape. */
  node: { name: string; params: LayerParams; inputShapes: Shape[]; output: ShapeResult };
  /** Input tensor names, in edge order. */
  inputs: string[];
  /** The layer's weight by its short name (`kernel`, `moving_mean`); the export throws, naming it, when the trained weights lack it. */
  weight(short: string): { shape: number[]; values: Float32Array };
  /** The name the layer's output must have (the layer's name). */
  output: string;
}

/**
 * A layer's ONNX form. `graphInput`: the layer is a graph input (the export declares it with the
 * node's shape and a symbolic batch axis); otherwise `emit` writes the operators computing what
 * tfjs computes at prediction time.
 */
export type OnnxLayerMapping = { graphInput: true } | { emit(c: OnnxLayerContext): void };

/** An activation's ONNX form: operators from `x` to `out`; `alpha` is the Activation layer's slope (leakyRelu). */
export type OnnxActivationMapping = (b: OnnxWriter, x: string, out: string, alpha: number) => void;

/** One operator on `x` with fixed attributes (`Relu`, `Elu` with alpha 1). */
export const onnxOp =
  (op: string, attributes: Record<string, OnnxAttribute> = {}): OnnxActivationMapping =>
  (b, x, out) =>
    void b.node(op, [x], out, attributes);

/** The rank of the layer's first input (2 for `[batch, features]`). */
export const onnxInputRank = (c: OnnxLayerContext): number => c.node.inputShapes[0]?.length ?? 0;
