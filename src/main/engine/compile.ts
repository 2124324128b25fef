import * as tf from '@tensorflow/tfjs';
import { SEEDABLE_INITIALIZER_CLASSES } from '../../shared/layers/initializers';
import type { TfjsLayerConfig } from '../../shared/layers/types';
import { planGraph, type ModelPlan, type PlannedNode } from '../../shared/graph/plan';
import type { Graph } from '../../shared/graph/types';
import { validateGraph } from '../../shared/graph/validate';
import { getLoss } from '../../shared/losses';
import { tfjsMetricNames } from '../../shared/metrics';
import { createTfjsOptimizer } from '../../shared/optimizers';
import type { LossName, OptimizerSettings, TrainingSettings } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';
import type { FastPathSource } from './fast-dense';

export interface BuildOptions {
  /** Same seed, same graph => same initial weights. null = random. */
  seed: number | null;
}

/** FNV-1a over a string: a stable, well-spread 32-bit seed for each initializer of each node. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // tfjs treats a seed of 0 as "no seed".
  return (h >>> 0) % 2147483646 + 1;
}

/**
 * Gives every random initializer in a layer config its own seed derived from the run seed and the
 * node id, so two identical layers don't start with identical weights and adding a node elsewhere
 * doesn't change this node's weights.
 */
function seedInitializers(config: Record<string, unknown>, seed: number, nodeId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(config)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const init = value as { className?: unknown; config?: Record<string, unknown> };
      if (typeof init.className === 'string' && SEEDABLE_INITIALIZER_CLASSES.has(init.className)) {
        out[key] = { className: init.className, config: { ...init.config, seed: hashSeed(`${seed}:${nodeId}:${key}`) } };
      }
    }
  }
  return out;
}

type LayerClass = new (config: Record<string, unknown>) => tf.layers.Layer;

/** Instantiates a layer from its Keras-format config through tfjs' own class registry, so a new registry file needs no change here. */
export function instantiateLayer(spec: TfjsLayerConfig, name: string): tf.layers.Layer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[spec.className] as unknown as
    | [LayerClass, (cls: LayerClass, config: Record<string, unknown>) => tf.layers.Layer]
    | undefined;
  if (!entry) throw new Error(`TensorFlow.js has no layer class "${spec.className}".`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, { ...spec.config, name });
}

function invalidGraph(graph: Graph, plan: ModelPlan): ServiceError | null {
  const errors = validateGraph(graph, {}, plan).filter((p) => p.severity === 'error');
  if (!errors.length) return null;
  const lines = errors.slice(0, 5).map((p) => `- ${p.message}`);
  if (errors.length > 5) lines.push(`- …and ${errors.length - 5} more.`);
  return new ServiceError('invalid-graph', `The model cannot be built:\n${lines.join('\n')}`, errors);
}

/**
 * Compiles the canvas graph to a tfjs model: a plain chain Input → … → output becomes a
 * `tf.Sequential`, anything with branches or merges a functional `tf.model`. Layer names come
 * from `layerNames`, the same names the summary shows. Throws ServiceError('invalid-graph') with
 * the graph's problems as details when validation reports errors. `plan` must be `graph`'s
 * (`planGraph`); pass it when the caller has it, so the graph is walked once.
 */
export function buildModel(graph: Graph, options: BuildOptions, plan: ModelPlan = planGraph(graph)): tf.LayersModel {
  // The graph's one plan: order, names, resolved params, shapes and tfjs configs (src/shared/graph/plan.ts).
  const failure = invalidGraph(graph, plan);
  if (failure) throw failure;
  const specFor = (n: PlannedNode): TfjsLayerConfig => {
    const spec = n.tfjs!;
    return options.seed === null ? spec : { className: spec.className, config: seedInitializers(spec.config, options.seed, n.nodeId) };
  };
  const inputShape = (n: PlannedNode) => n.params.shape as number[];

  if (plan.isChain) {
    const [input, ...rest] = plan.nodes;
    const model = tf.sequential({ name: 'model' });
    model.add(tf.layers.inputLayer({ inputShape: inputShape(input), name: input.name }));
    for (const n of rest) model.add(instantiateLayer(specFor(n), n.name));
    return model;
  }

  const tensors = new Map<string, tf.SymbolicTensor>();
  const inputs: tf.SymbolicTensor[] = [];
  const outputs: tf.SymbolicTensor[] = [];
  for (const n of plan.nodes) {
    let tensor: tf.SymbolicTensor;
    if (n.def?.role === 'input') {
      tensor = tf.input({ shape: inputShape(n), name: n.name });
      inputs.push(tensor);
    } else {
      const layer = instantiateLayer(specFor(n), n.name);
      const sources = n.sources.map((s) => tensors.get(s)!);
      tensor = layer.apply(sources.length === 1 ? sources[0] : sources) as tf.SymbolicTensor;
    }
    tensors.set(n.nodeId, tensor);
    if (n.isOutput) outputs.push(tensor);
  }
  return tf.model({ inputs, outputs: outputs.length === 1 ? outputs[0] : outputs, name: 'model' });
}

/**
 * The tfjs optimizer for the settings, built by the optimizer registry (src/shared/optimizers)
 * with Keras 3's defaults for every field the settings leave unset.
 */
export function createOptimizer(settings: OptimizerSettings): tf.Optimizer {
  return createTfjsOptimizer<tf.Optimizer>(tf.train, settings);
}

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** The registry's per-example loss, built from tfjs ops. */
function perSample(name: LossName): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const def = getLoss(name);
  return (yTrue, yPred) => def.perSample<tf.Tensor>(tf, yTrue, yPred);
}

/** Keras semantics: the per-example loss (probabilities in, not logits) averaged over the batch. */
export function lossFunction(name: LossName): LossFn {
  const loss = perSample(name);
  return (yTrue, yPred) => tf.tidy(() => tf.mean(loss(yTrue, yPred)) as tf.Scalar);
}

/**
 * What `model.compile` gets for a loss: tfjs' own string where it has one (so `accuracy` picks
 * the right variant and the training config exports under the Keras name), else the registry's
 * function.
 */
function compileLoss(name: LossName): string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) {
  return getLoss(name).tfjsName ?? perSample(name);
}

/** Compiles for `model.fit`/`evaluate`: optimizer, loss and metrics from the training settings. */
export function compileModel(model: tf.LayersModel, settings: TrainingSettings): void {
  model.compile({
    optimizer: createOptimizer(settings.optimizer),
    loss: compileLoss(settings.loss),
    metrics: tfjsMetricNames(settings.metrics),
  });
}

/**
 * A graph's model built (`buildModel`, seeded by `training.seed`) and compiled (`compileModel`)
 * from one plan, with the source the fast Dense path reads (the plan and the settings). The
 * trainer's `runProject`, the tests and the benchmarks share it. Throws as `buildModel` does.
 */
export function buildForTraining(graph: Graph, training: TrainingSettings): { model: tf.LayersModel; source: FastPathSource } {
  const plan = planGraph(graph);
  const model = buildModel(graph, { seed: training.seed }, plan);
  compileModel(model, training);
  return { model, source: { plan, training } };
}

/**
 * Replaces Math.random with a seeded generator and returns a function that restores it.
 * tfjs draws dropout masks (and shuffles in `model.fit`) from Math.random when no seed is given;
 * a fixed per-layer dropout seed would repeat the same mask every batch, so a seeded run seeds
 * the source instead.
 */
export function installSeededMathRandom(seed: number): () => void {
  const original = Math.random;
  let state = hashSeed(`math-random:${seed}`);
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    Math.random = original;
  };
}
