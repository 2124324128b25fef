import protobuf from 'protobufjs/light';
import type { OnnxAttribute, OnnxWriter } from '../../../shared/layers/onnx';
import { ONNX_PROTO_DESCRIPTOR } from './onnx-proto.generated';

/**
 * An ONNX graph under construction and its encoding, through the official `onnx.proto3`
 * (ONNX 1.23, copied beside this file) loaded into protobufjs: no hand-written bytes. Field
 * names are the .proto's own (snake_case, `keepCase`).
 */

const root = protobuf.Root.fromJSON(ONNX_PROTO_DESCRIPTOR);
/** `onnx.ModelProto`, for encoding here and decoding in tests. */
export const ModelProto = root.lookupType('onnx.ModelProto');

/** `TensorProto.DataType` values (onnx.proto3). */
export const DataType = { FLOAT: 1, INT64: 7 } as const;
/** `AttributeProto.AttributeType` values (onnx.proto3). */
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** The opset the export targets: ONNX Runtime ≥ 1.12 runs it, and it has Softmax over one axis (≥ 13). */
export const ONNX_OPSET = 17;
/** The IR version that goes with opset 17 (onnx/docs/Versioning.md: ONNX 1.12, IR 8, opset 17). */
export const ONNX_IR_VERSION = 8;

export type AttributeValue = OnnxAttribute;

/** One tensor dimension: a size, or a named symbolic one (the batch). */
export type Dim = number | string;

interface NodeObject {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: object[];
}

function attribute(name: string, value: AttributeValue): object {
  if (typeof value === 'number') return { name, type: AttributeType.FLOAT, f: value };
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  return { name, type: AttributeType.INTS, ints: value.ints };
}

function valueInfo(name: string, dims: Dim[]): object {
  return {
    name,
    type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

/** Little-endian bytes of float32 values, as `TensorProto.raw_data` requires. */
function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

function int64Bytes(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return bytes;
}

/** The registry entries' `OnnxWriter` (src/shared/layers/onnx.ts), plus graph inputs, outputs and the encoding. */
export class OnnxGraphBuilder implements OnnxWriter {
  private readonly nodes: NodeObject[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private readonly used = new Set<string>();

  /** A tensor name not used yet, from `base` (`dense_n2/MatMul`, then `dense_n2/MatMul_1`). */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name chosen by the caller (a layer's output), which must be unused. */
  claim(name: string): string {
    if (this.used.has(name)) throw new Error(`ONNX tensor name ${name} is used twice.`);
    this.used.add(name);
    return name;
  }

  input(name: string, dims: Dim[]): void {
    this.inputs.push(valueInfo(name, dims));
  }

  output(name: string, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, dims));
  }

  /** A float32 initializer (a weight or constant) named `fresh(base)`; returns its name. */
  floatConstant(base: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims, data_type: DataType.FLOAT, raw_data: float32Bytes(values) });
    return name;
  }

  int64Constant(base: string, values: number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [values.length], data_type: DataType.INT64, raw_data: int64Bytes(values) });
    return name;
  }

  /** Adds a node; `output` is a name already claimed or freshly made. */
  node(opType: string, input: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    this.nodes.push({
      name: output,
      op_type: opType,
      input,
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** The encoded `ModelProto`. */
  encode(meta: { graphName: string; producerVersion: string; docString: string; metadata: Record<string, string> }): Uint8Array {
    const model = {
      ir_version: ONNX_IR_VERSION,
      opset_import: [{ domain: '', version: ONNX_OPSET }],
      producer_name: 'Neurite',
      producer_version: meta.producerVersion,
      doc_string: meta.docString,
      graph: { name: meta.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
      metadata_props: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
    };
    const problem = ModelProto.verify(model);
    if (problem) throw new Error(`The ONNX model does not fit onnx.proto3: ${problem}.`);
    return ModelProto.encode(ModelProto.fromObject(model)).finish();
  }
}
