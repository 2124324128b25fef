import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_LIST } from '../../shared/activations';
import { LAYERS } from '../../shared/layers';
import { UNDER_TEST, layerExampleCaseId, onnxCases, type OnnxCase } from '../../../test/tools/onnx-models';
import { planCount, planGraph } from '../../shared/graph/plan';
import { preprocessingFor } from '../../shared/data/preprocess';
import { buildModel } from './compile';
import { encodeWeights, exportLayersModel } from './export-model';
import { exportOnnx } from './export-onnx';
import { ModelProto, ONNX_IR_VERSION, ONNX_OPSET } from './onnx/builder';
import { ONNX_PROTO_DESCRIPTOR } from './onnx/onnx-proto.generated';

interface Decoded {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  graph: {
    node: { op_type: string; input: string[]; output: string[] }[];
    initializer: { name: string; dims: number[]; data_type: number }[];
    input: { name: string; type: { tensor_type: { elem_type: number; shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
    output: { name: string }[];
  };
  metadata_props: { key: string; value: string }[];
}

/** Names the node inputs that are neither a graph input, an initializer nor an earlier node's output, and a graph output no node writes. */
function danglingNames(g: Decoded['graph']): string[] {
  const known = new Set([...g.input.map((i) => i.name), ...g.initializer.map((t) => t.name)]);
  const dangling: string[] = [];
  for (const n of g.node) {
    // ONNX IR: an empty name stands for an optional input left out (Resize's roi before its scales).
    for (const i of n.input) if (i !== '' && !known.has(i)) dangling.push(`${n.op_type} input ${i}`);
    n.output.forEach((o) => known.add(o));
  }
  for (const o of g.output) if (!known.has(o.name)) dangling.push(`output ${o.name}`);
  return dangling;
}

/** Decodes with the same onnx.proto3 definition the export encodes with. */
function decode(bytes: Uint8Array): Decoded {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: false, arrays: true }) as unknown as Decoded;
}

let cases: OnnxCase[];
const byId = (id: string) => cases.find((c) => c.id === id)!;

beforeAll(async () => {
  await tf.setBackend('cpu');
  cases = onnxCases();
});

describe('ONNX export', () => {
  it('has a mapping in every layer file and every activation row of the registries', () => {
    expect(LAYERS.filter((l) => typeof l.onnx !== 'object' || !('graphInput' in l.onnx || typeof l.onnx.emit === 'function')).map((l) => l.type)).toEqual([]);
    expect(LAYERS.filter((l) => l.onnx && 'graphInput' in l.onnx).map((l) => l.type)).toEqual(LAYERS.filter((l) => l.role === 'input').map((l) => l.type));
    expect(ACTIVATION_LIST.filter((a) => typeof a.onnx !== 'function').map((a) => a.id)).toEqual([]);
  });

  it('encodes a model that decodes with onnx.proto3 to the expected graph, opset and initializers', () => {
    const c = byId('every-layer');
    const { bytes, notes } = exportOnnx(c.project, c.weights);
    const model = decode(bytes);
    expect(model.ir_version).toBe(ONNX_IR_VERSION);
    // proto3 leaves the default domain '' (the ONNX operator set) out of the encoding.
    expect(model.opset_import).toEqual([{ version: ONNX_OPSET }]);
    expect(notes).toMatchObject({ opset: 17, irVersion: 8, preprocessing: { kind: 'none' } });
    const g = model.graph;
    expect(g.input.map((i) => i.name)).toEqual([notes.inputs[0].name]);
    expect(g.input[0].type.tensor_type.elem_type).toBe(1);
    expect(g.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 6 }]);
    expect(g.output).toHaveLength(1);
    expect(g.node.map((n) => n.op_type)).toEqual([
      'Gemm', 'Relu', // d1
      'BatchNormalization', // bn1 (rank 2)
      'Identity', // dropout
      'Reshape',
      'MatMul', 'Add', 'Tanh', // d2 on [batch, 2, 4]
      'MatMul', // d2b, no bias
      'Sub', 'Mul', 'Add', // bn2 (rank 3)
      'Sub', 'Mul', 'Add', // bn3
      'Concat', 'Flatten',
      'Gemm', 'Sigmoid', // a, no bias
      'Gemm', 'Elu', // b
      'Gemm', // c
      'Add', 'Add', // sum of three
      'Concat',
      'Gemm', 'Softmax',
    ]);
    const dims = Object.fromEntries(g.initializer.map((t) => [t.name, t.dims]));
    expect(dims).toMatchObject({ 'dense_d1/kernel': [6, 8], 'dense_d1/bias': [8], 'dense_d2/kernel': [4, 3], 'dense_d2b/kernel': [4, 3], 'dense_out/kernel': [10, 3] });
    expect(dims['dense_a/bias']).toBeUndefined();
    expect(g.initializer.every((t) => t.data_type === 1 || t.name.endsWith('/shape'))).toBe(true);
    const reshape = g.initializer.find((t) => t.name.endsWith('/shape'))!;
    expect(reshape).toMatchObject({ dims: [3], data_type: 7 });
    // Every node input is a graph input, an initializer or an earlier node's output.
    expect(danglingNames(g)).toEqual([]);
  });

  it('exports every example of every layer file (test/integration/onnx-export.test.ts runs each in onnxruntime)', () => {
    const problems: string[] = [];
    for (const def of LAYERS) {
      def.examples.forEach((_example, k) => {
        const c = byId(layerExampleCaseId(def.type, k));
        if (!c) return void problems.push(`${def.type} example ${k}: no ONNX case`);
        const { bytes, notes } = exportOnnx(c.project, c.weights);
        const g = decode(bytes).graph;
        problems.push(...danglingNames(g).map((d) => `${c.id}: ${d}`));
        // The layer under test (the model's output; for the Input's own examples, the graph input) carries its plan name and shape.
        const planned = planGraph(c.project.graph).byId.get(def.role === 'input' ? 'in' : UNDER_TEST)!;
        const declared = def.role === 'input' ? notes.inputs : notes.outputs;
        const shape = planned.output.ok ? planned.output.shape.map((d, i) => (i === 0 || d === null ? 'batch' : d)) : null;
        if (!declared.some((t) => t.name === planned.name && JSON.stringify(t.shape) === JSON.stringify(shape))) problems.push(`${c.id}: ${planned.name} ${JSON.stringify(shape)} not declared, got ${JSON.stringify(declared)}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('folds the z-score into the first Dense layers where the TF.js export does, and states it in the metadata otherwise', () => {
    const folded = exportOnnx(byId('zscore-folded').project, byId('zscore-folded').weights);
    expect(folded.notes.preprocessing).toEqual({ kind: 'folded', layers: ['dense_d1', 'dense_d2'] });
    expect(decode(folded.bytes).metadata_props ?? []).toEqual([]);
    const stated = exportOnnx(byId('zscore-stated').project, byId('zscore-stated').weights);
    expect(stated.notes.preprocessing).toMatchObject({ kind: 'file', reason: 'not-dense' });
    const meta = decode(stated.bytes).metadata_props;
    expect(meta.map((m) => m.key)).toEqual(['neurite.preprocessing']);
    expect(JSON.parse(meta[0].value)).toMatchObject({ format: 'neurite-preprocessing', steps: [{ kind: 'encode' }, { kind: 'zscore', means: [10, -3, 0.5] }] });
  });

  it('decides the preprocessing as the TF.js export does, from the plan, for every way the Input can feed the model', async () => {
    const dataset = byId('zscore-folded').project.dataset;
    const pipeline = preprocessingFor(dataset);
    const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, params, position: { x: 0, y: 0 } });
    const edges = (pairs: [string, string][]) => pairs.map(([source, target], i) => ({ id: `e${i}`, source, target }));
    const graphs = {
      // Dropout passes its input through at prediction time, but it is not where the weights are: the rule folds into the layers the Input feeds.
      'dense-behind-dropout': { nodes: [node('in', 'Input', { shape: [3] }), node('drop', 'Dropout', { rate: 0.2 }), node('d', 'Dense', { units: 2 })], edges: edges([['in', 'drop'], ['drop', 'd']]) },
      'dense-and-dropout': { nodes: [node('in', 'Input', { shape: [3] }), node('drop', 'Dropout'), node('d', 'Dense', { units: 3 }), node('sum', 'Add')], edges: edges([['in', 'drop'], ['in', 'd'], ['drop', 'sum'], ['d', 'sum']]) },
      'dense-without-bias': { nodes: [node('in', 'Input', { shape: [3] }), node('d', 'Dense', { units: 2, useBias: false })], edges: edges([['in', 'd']]) },
      'two-dense': { nodes: [node('in', 'Input', { shape: [3] }), node('a', 'Dense', { units: 2 }), node('b', 'Dense', { units: 2 }), node('sum', 'Add')], edges: edges([['in', 'a'], ['in', 'b'], ['a', 'sum'], ['b', 'sum']]) },
    };
    const decided: Record<string, unknown> = {};
    for (const [id, graph] of Object.entries(graphs)) {
      const model = buildModel(graph, { seed: 3 });
      const tfjs = await exportLayersModel(model, 'weights.bin', { pipeline, plan: planGraph(graph) });
      const onnx = exportOnnx({ name: id, graph, dataset }, encodeWeights(model));
      model.dispose();
      expect(onnx.notes.preprocessing, id).toEqual(tfjs.preprocessing);
      decided[id] = tfjs.preprocessing.kind === 'file' ? tfjs.preprocessing.reason : tfjs.preprocessing;
    }
    expect(decided).toEqual({
      'dense-behind-dropout': 'not-dense',
      'dense-and-dropout': 'not-dense',
      'dense-without-bias': 'no-bias',
      'two-dense': { kind: 'folded', layers: ['dense_a', 'dense_b'] },
    });
  });

  it('plans the graph once per export (validation, the preprocessing decision and the operators read one plan)', () => {
    const c = byId('zscore-folded');
    const start = planCount();
    exportOnnx(c.project, c.weights);
    expect(planCount() - start).toBe(1);
  });

  it('refuses weights that do not fit the graph, naming the weight', () => {
    const c = byId('activation-relu');
    expect(() => exportOnnx(c.project, c.weights.slice(1))).toThrow(/weight \S+\/kernel is not in the trained weights.*retrain/);
    expect(() => exportOnnx(c.project, [...c.weights, { ...c.weights[0], name: 'stray/kernel' }])).toThrow(/stray\/kernel, which the model does not use/);
  });

  it('refuses a graph that cannot be built, with the graph\'s problems', () => {
    const c = byId('activation-relu');
    expect(() => exportOnnx({ ...c.project, graph: { nodes: [], edges: [] } }, [])).toThrow(/cannot be exported to ONNX:\n- The model is empty/);
  });
});

describe('the ONNX protobuf definition', () => {
  it('is the descriptor of the committed onnx.proto3 (regenerate with node scripts/gen-onnx-proto.mjs)', () => {
    const proto = readFileSync(join(__dirname, 'onnx', 'onnx.proto3'), 'utf8');
    expect(proto).toContain('SPDX-License-Identifier: Apache-2.0');
    const parsed = JSON.parse(JSON.stringify(protobuf.parse(proto, { keepCase: true }).root.toJSON())) as unknown;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(ONNX_PROTO_DESCRIPTOR)));
  });
});
