import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams, getLayer, resolveParams, validateParams } from '../../shared/layers';
import type { LayerExample, Shape } from '../../shared/layers/types';
import { importLayersModel } from '../../shared/import/layers-model';
import { ACTIVATION_LIST, isFusedActivation, kerasActivationName } from '../../shared/activations';
import { planGraph } from '../../shared/graph/plan';
import type { Graph } from '../../shared/graph/types';
import type { LayerDefinition } from '../../shared/layers/types';
import { instantiateLayer } from './compile';

/**
 * Every registered layer, built by tfjs with its defaults and the variations in its own file
 * (`examples`): the registry's shape inference and parameter count must equal tfjs' own, the config
 * must survive a serialize/deserialize round trip, and the model.json tfjs writes must import back
 * (through the registry's Keras mapping) as the same params, with no warning.
 */
type Case = LayerExample;

/** Every layer's own examples (src/shared/layers/<layer>.ts), by type. */
const CASES: Record<string, readonly Case[]> = Object.fromEntries(LAYERS.map((def) => [def.type, def.examples]));

function fullShape(shape: Shape): (number | null)[] {
  return shape.map((d) => (d === null ? null : d));
}

/** tfjs writes an unset seed as undefined in a fresh layer and null after deserializing; both mean "none". */
function normalized(config: unknown): unknown {
  return JSON.parse(JSON.stringify(config, (_key, value: unknown) => (value === undefined ? null : value)));
}

/** The example as a graph (one Input per example input, then the layer `under_test`; the Input's own examples alone), planned. */
function planExample(def: LayerDefinition, c: Case) {
  const at = { x: 0, y: 0 };
  const graph: Graph =
    def.role === 'input'
      ? { nodes: [{ id: 'under_test', type: def.type, params: c.params, position: at }], edges: [] }
      : {
          nodes: [...c.inputs.map((shape, i) => ({ id: `in_${i}`, type: 'Input', params: { shape: shape.slice(1) }, position: at })), { id: 'under_test', type: def.type, params: c.params, position: at }],
          edges: c.inputs.map((_, i) => ({ id: `e${i}`, source: `in_${i}`, target: 'under_test' })),
        };
  return planGraph(graph).byId.get('under_test')!;
}

function describeCase(c: Case): string {
  return `${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`;
}

describe('layer registry conformance with TensorFlow.js', () => {
  it('has examples for every registered layer, its defaults first', () => {
    for (const def of LAYERS) expect(CASES[def.type][0]?.params, `${def.type}: the first example is the defaults`).toEqual({});
  });

  it('has valid defaults for every layer', () => {
    for (const def of LAYERS) expect(validateParams(def, defaultParams(def)), def.type).toEqual([]);
  });

  for (const def of LAYERS) {
    describe(def.type, () => {
      for (const c of CASES[def.type] ?? []) {
        it(`agrees with tfjs for ${describeCase(c)}`, async () => {
          expect(validateParams(def, c.params)).toEqual([]);
          const params = resolveParams(def, c.params);
          const inferred = def.inferOutputShape(c.inputs, params);
          if (!inferred.ok) throw new Error(`${def.type} refused ${describeCase(c)}: ${inferred.message}`);
          const count = def.countParams(c.inputs, params);
          // What the compiler builds is the plan's: the layer file's own shape, count and tfjs config.
          const planned = planExample(def, c);
          expect(planned.params).toEqual(params);
          expect(planned.output).toEqual(inferred);
          expect(planned.count).toEqual(count);
          expect(planned.tfjs).toEqual(def.toTfjs(params, c.inputs));
          const spec = planned.tfjs!;

          let model: tf.LayersModel;
          let layer: tf.layers.Layer;
          if (def.role === 'input') {
            const input = tf.input({ batchShape: spec.config.batchInputShape as number[], name: 'conformance_input' });
            expect(input.shape).toEqual(fullShape(inferred.shape));
            model = tf.model({ inputs: input, outputs: input });
            layer = model.layers[0];
            expect(layer.getClassName()).toBe(spec.className);
          } else {
            const inputs = c.inputs.map((shape, i) => tf.input({ batchShape: shape, name: `in_${i}` }));
            layer = instantiateLayer(spec, 'layer_under_test');
            const output = layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
            expect(output.shape, 'symbolic output shape').toEqual(fullShape(inferred.shape));
            const computed = layer.computeOutputShape(inputs.length === 1 ? inputs[0].shape : inputs.map((t) => t.shape));
            expect(computed, 'computeOutputShape').toEqual(fullShape(inferred.shape));
            model = tf.model({ inputs, outputs: output });
          }

          expect(layer.countParams(), 'parameter count').toBe(count.trainable + count.nonTrainable);
          const trainable = layer.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
          expect(trainable, 'trainable parameters').toBe(count.trainable);
          // `weightNames`: the variables tfjs builds, by short name and in order (the Keras 3 import maps `vars/<i>` through it).
          const built = layer.weights.map((w) => ((w as unknown as { originalName?: string }).originalName ?? w.name).split('/').pop());
          expect(built, 'weight names').toEqual([...(def.weightNames?.(params) ?? [])]);

          // Running real data through checks the shape at execution time too.
          if (def.role !== 'input') {
            const batch = c.inputs.map((shape) => tf.randomNormal([2, ...(shape.slice(1) as number[])]));
            const y = model.predict(batch.length === 1 ? batch[0] : batch) as tf.Tensor;
            expect(y.shape).toEqual([2, ...inferred.shape.slice(1)]);
            // `trainingOnly`: the layer passes its input through at prediction time (outcome advice and predict read this trait).
            if (def.trainingOnly) expect(Array.from(y.dataSync())).toEqual(Array.from(batch[0].dataSync()));
          }

          // `fused`: the fast Dense path's form of the layer is what tfjs builds from the same params.
          const fused = def.fused?.(params);
          if (fused && typeof fused !== 'string') {
            const config = layer.getConfig() as Record<string, unknown>;
            if (fused.kind === 'dense') {
              const reg = config.kernelRegularizer as { config: { l1: number; l2: number } } | null;
              expect([fused.units, fused.activation, fused.useBias, fused.l1, fused.l2]).toEqual([config.units, config.activation, config.useBias, reg?.config.l1 ?? 0, reg?.config.l2 ?? 0]);
            } else if (fused.kind === 'dropout') {
              expect(fused.rate).toBe(config.rate);
            } else if (layer.getClassName() === 'Activation') {
              expect(fused.activation).toBe(config.activation);
            } else {
              // An activation tfjs builds as its own layer (LeakyReLU) has no fused twin.
              expect(isFusedActivation(fused.activation)).toBe(false);
            }
          }

          const json = model.toJSON(undefined, false) as tf.io.ModelJSON['modelTopology'];
          const restored = await tf.models.modelFromJSON({ modelTopology: json });
          const restoredLayer = restored.getLayer(layer.name);
          expect(restoredLayer.getClassName()).toBe(layer.getClassName());
          expect(normalized(restoredLayer.getConfig())).toEqual(normalized(layer.getConfig()));
          expect(restored.outputs[0].shape).toEqual(model.outputs[0].shape);
          expect(restored.countParams()).toBe(model.countParams());

          // Export → import: the layers-format JSON tfjs writes comes back as the same params.
          const imported = importLayersModel({ format: 'layers-model', modelTopology: json }, { allowSeveralInputs: true });
          if (!imported.ok) throw new Error(imported.error.message);
          expect(imported.model.warnings).toEqual([]);
          const node = imported.model.graph.nodes.find((n) => n.id === layer.name)!;
          expect(node.type).toBe(def.type);
          expect(node.params).toEqual(c.importsAs ? { ...params, ...c.importsAs } : params);
          expect(def.toTfjs(node.params, c.inputs)).toEqual(def.toTfjs(params, c.inputs));
        });
      }
    });
  }

  it('takes every activation of the registry out through tfjs\' JSON and back through the importer, and writes it in Keras code', async () => {
    const problems: string[] = [];
    for (const a of ACTIVATION_LIST) {
      // On Dense where Dense offers it, else on the Activation layer (leakyRelu, with a slope of its own).
      const def = getLayer(a.dense ? 'Dense' : 'Activation')!;
      const params = resolveParams(def, a.dense ? { units: 2, activation: a.id } : { activation: a.id, alpha: 0.15 });
      const spec = def.toTfjs(params, [[null, 3]]);
      const input = tf.input({ batchShape: [null, 3], name: 'in_0' });
      const layer = instantiateLayer(spec, 'layer_under_test');
      const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
      const imported = importLayersModel({ format: 'layers-model', modelTopology: model.toJSON(undefined, false) as object });
      model.dispose();
      if (!imported.ok) {
        problems.push(`${a.id}: ${imported.error.message}`);
        continue;
      }
      const node = imported.model.graph.nodes.find((n) => n.id === 'layer_under_test');
      const sameParams = node !== undefined && Object.keys(params).length === Object.keys(node.params).length && Object.entries(params).every(([k, v]) => JSON.stringify(node.params[k]) === JSON.stringify(v));
      if (node?.type !== def.type || !sameParams) problems.push(`${a.id}: imported as ${node?.type} ${JSON.stringify(node?.params)}`);
      if (imported.model.warnings.length) problems.push(`${a.id}: ${imported.model.warnings.join('; ')}`);
      const python = JSON.stringify(def.code.python(params, spec));
      if (!python.includes(a.layer ? `layers.${a.layer.className}` : JSON.stringify(kerasActivationName(a.id)))) problems.push(`${a.id}: Python ${python}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the registry config in the tfjs config (nothing silently dropped)', () => {
    const dense = getLayer('Dense')!;
    const params = resolveParams(dense, { units: 5, activation: 'tanh', useBias: false, l2: 0.5 });
    const layer = instantiateLayer(dense.toTfjs(params, [[null, 2]]), 'probe');
    expect(layer.getConfig()).toMatchObject({ units: 5, activation: 'tanh', useBias: false, kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.5 } } });
  });
});
