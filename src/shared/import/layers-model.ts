import { quoteValue } from '../api/quote';
import { KERNEL_INITIALIZERS, BIAS_INITIALIZERS } from '../layers/initializers';
import { ACTIVATIONS } from '../layers/activation';
import { DENSE_ACTIVATIONS } from '../layers/dense';
import { float32ToBase64 } from '../project/base64';
import { projectHashes } from '../project/hash';
import { FORMAT, FORMAT_VERSION, OPTIMIZERS, type LossName, type MetricName, type OptimizerSettings, type Project, type TrainingSettings, type WeightTensor } from '../project/schema';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { layerNames } from '../graph/names';
import { topologicalOrder } from '../graph/topology';
import { activationFromKeras } from '../activations';
import { lossFromKeras } from '../losses';
import { metricFromKeras } from '../metrics';
import { defaultOptimizerSettings, getOptimizer } from '../optimizers';

/**
 * Imports a TensorFlow.js layers-model `model.json` (as `model.save` writes it, or as
 * `tensorflowjs_converter` writes it from a Keras .h5, with `training_config`) onto the canvas:
 * Sequential and functional (Keras 2 style `inbound_nodes`) topologies, laid out left to right.
 * Unsupported layers fail the import with the list of what is missing, never silently dropped.
 */

export interface MissingLayer {
  name: string;
  className: string;
}

export type ImportError =
  | { code: 'not-a-model'; message: string }
  | { code: 'unsupported-layers'; message: string; missing: MissingLayer[] }
  | { code: 'bad-weights'; message: string };

export interface ImportedModel {
  name: string;
  graph: Graph;
  /** From `training_config` when present; otherwise null (the caller keeps its own settings). */
  training: TrainingSettings | null;
  /** Things imported approximately (an initializer replaced by the default, an ignored option). */
  warnings: string[];
  /** Keras layer name → node id, for mapping weight names. */
  layerToNode: Map<string, string>;
  weightSpecs: WeightSpec[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export type ImportResult = { ok: true; model: ImportedModel } | { ok: false; error: ImportError };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** tfjs writes snake_case keys; hand-made files sometimes use camelCase. */
const get = (config: Json, snake: string): unknown => {
  if (snake in config) return config[snake];
  const camel = snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return config[camel];
};

/** The activation id a Keras/tfjs `activation` value names (src/shared/activations), or the name itself when none does. */
function activationName(value: unknown): string {
  const name = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name.toLowerCase() : 'linear';
  return activationFromKeras(name) ?? name;
}

const INITIALIZER_IDS: Record<string, string> = {};
for (const id of [...KERNEL_INITIALIZERS, ...BIAS_INITIALIZERS]) INITIALIZER_IDS[id.toLowerCase()] = id;
function initializerId(value: unknown, fallback: string, allowed: readonly string[], where: string, warnings: string[]): string {
  if (value === undefined || value === null) return fallback;
  let className = typeof value === 'string' ? value : isObject(value) ? String(value.class_name ?? value.className ?? '') : '';
  const config = isObject(value) && isObject(value.config) ? value.config : {};
  if (className === 'VarianceScaling') {
    const mode = String(get(config, 'mode'));
    const distribution = String(get(config, 'distribution'));
    const scale = Number(get(config, 'scale'));
    const family = mode === 'fan_avg' && scale === 1 ? 'glorot' : mode === 'fan_in' && scale === 2 ? 'he' : mode === 'fan_in' && scale === 1 ? 'leCun' : null;
    const kind = distribution === 'uniform' ? 'Uniform' : distribution.includes('normal') ? 'Normal' : null;
    className = family && kind ? `${family}${kind}` : className;
  }
  const id = INITIALIZER_IDS[className.replace(/_/g, '').toLowerCase()];
  if (id && allowed.includes(id)) return id;
  warnings.push(`${where}: initializer ${className ? quoteValue(className) : quoteValue(value)} is not offered; using ${fallback}. Weights loaded from files are not affected.`);
  return fallback;
}

interface Converted {
  type: string;
  params: Record<string, unknown>;
}

function convertLayer(className: string, config: Json, name: string, warnings: string[]): Converted | null {
  switch (className) {
    case 'InputLayer': {
      const batchShape = (get(config, 'batch_input_shape') ?? get(config, 'batch_shape')) as (number | null)[] | undefined;
      return { type: 'Input', params: { shape: (batchShape ?? [null, 1]).slice(1) } };
    }
    case 'Dense': {
      const activation = activationName(get(config, 'activation'));
      if (!(DENSE_ACTIVATIONS as readonly string[]).includes(activation)) return null;
      const reg = get(config, 'kernel_regularizer');
      const regConfig = isObject(reg) && isObject(reg.config) ? reg.config : {};
      return {
        type: 'Dense',
        params: {
          units: get(config, 'units'),
          activation,
          useBias: get(config, 'use_bias') ?? true,
          kernelInitializer: initializerId(get(config, 'kernel_initializer'), 'glorotUniform', KERNEL_INITIALIZERS, name, warnings),
          biasInitializer: initializerId(get(config, 'bias_initializer'), 'zeros', BIAS_INITIALIZERS, name, warnings),
          l1: Number(regConfig.l1 ?? 0),
          l2: Number(regConfig.l2 ?? 0),
        },
      };
    }
    case 'Activation': {
      const activation = activationName(get(config, 'activation'));
      if (!(ACTIVATIONS as readonly string[]).includes(activation)) return null;
      return { type: 'Activation', params: { activation, alpha: 0.3 } };
    }
    case 'ReLU':
      return { type: 'Activation', params: { activation: 'relu', alpha: 0.3 } };
    case 'Softmax':
      return { type: 'Activation', params: { activation: 'softmax', alpha: 0.3 } };
    case 'LeakyReLU':
      return { type: 'Activation', params: { activation: 'leakyRelu', alpha: Number(get(config, 'alpha') ?? get(config, 'negative_slope') ?? 0.3) } };
    case 'Dropout':
      return { type: 'Dropout', params: { rate: get(config, 'rate') } };
    case 'BatchNormalization': {
      const axis = get(config, 'axis');
      if (axis !== undefined && axis !== -1 && !(Array.isArray(axis) && axis.length === 1)) warnings.push(`${name}: BatchNormalization axis ${quoteValue(axis)} imported as the last axis.`);
      return {
        type: 'BatchNormalization',
        params: { momentum: get(config, 'momentum') ?? 0.99, epsilon: get(config, 'epsilon') ?? 0.001, center: get(config, 'center') ?? true, scale: get(config, 'scale') ?? true },
      };
    }
    case 'Flatten':
      return { type: 'Flatten', params: {} };
    case 'Reshape':
      return { type: 'Reshape', params: { targetShape: get(config, 'target_shape') } };
    case 'Add':
      return { type: 'Add', params: {} };
    case 'Concatenate':
      return { type: 'Concatenate', params: { axis: get(config, 'axis') ?? -1 } };
    default:
      return null;
  }
}

interface RawLayer {
  name: string;
  className: string;
  config: Json;
  inbound: string[];
}

function layersOf(topology: Json): { kind: 'sequential' | 'functional'; name: string; layers: RawLayer[] } | string {
  const className = topology.class_name ?? topology.className;
  const config = topology.config;
  if (className === 'Sequential') {
    const list = Array.isArray(config) ? config : isObject(config) && Array.isArray(config.layers) ? config.layers : null;
    if (!list) return 'a Sequential model without a layer list';
    const name = isObject(config) && typeof config.name === 'string' ? config.name : 'sequential';
    const layers: RawLayer[] = [];
    list.forEach((entry: unknown, i: number) => {
      const e = isObject(entry) ? entry : {};
      const c = isObject(e.config) ? e.config : {};
      layers.push({ name: String(c.name ?? e.name ?? `layer_${i}`), className: String(e.class_name ?? e.className ?? '?'), config: c, inbound: [] });
    });
    // Keras puts the input shape on the first layer instead of an InputLayer entry.
    const first = layers[0];
    if (first && first.className !== 'InputLayer') {
      const batch = get(first.config, 'batch_input_shape') ?? get(first.config, 'batch_shape');
      if (!Array.isArray(batch)) return `a Sequential model whose first layer (${first.name}) has no batch_input_shape`;
      layers.unshift({ name: `${first.name}_input`, className: 'InputLayer', config: { batch_input_shape: batch }, inbound: [] });
    }
    for (let i = 1; i < layers.length; i++) layers[i].inbound = [layers[i - 1].name];
    return { kind: 'sequential', name, layers };
  }
  if (className === 'Model' || className === 'Functional') {
    if (!isObject(config) || !Array.isArray(config.layers)) return 'a functional model without a layer list';
    const layers: RawLayer[] = config.layers.map((entry: unknown, i: number) => {
      const e = isObject(entry) ? entry : {};
      const c = isObject(e.config) ? e.config : {};
      const nodes = Array.isArray(e.inbound_nodes) ? e.inbound_nodes : [];
      const firstCall = Array.isArray(nodes[0]) ? (nodes[0] as unknown[]) : [];
      const inbound = firstCall.map((ref) => (Array.isArray(ref) ? String(ref[0]) : isObject(ref) ? String(ref.name ?? '') : '')).filter(Boolean);
      return { name: String(e.name ?? c.name ?? `layer_${i}`), className: String(e.class_name ?? '?'), config: c, inbound };
    });
    return { kind: 'functional', name: typeof config.name === 'string' ? config.name : 'model', layers };
  }
  return `a model of class ${quoteValue(className)} (expected Sequential, Model or Functional)`;
}

const SPACING_X = 260;
const SPACING_Y = 140;

/** Places nodes left to right by their longest distance from an input. */
export function layoutLeftToRight(graph: Graph): Graph {
  const depth = new Map<string, number>();
  const { order } = topologicalOrder(graph);
  for (const id of order) {
    const incoming = graph.edges.filter((e) => e.target === id);
    depth.set(id, incoming.length ? Math.max(...incoming.map((e) => (depth.get(e.source) ?? 0) + 1)) : 0);
  }
  const rows = new Map<number, number>();
  const nodes = graph.nodes.map((node) => {
    const d = depth.get(node.id) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return { ...node, position: { x: 80 + d * SPACING_X, y: 80 + row * SPACING_Y } };
  });
  return { nodes, edges: graph.edges };
}

const OPTIMIZER_ALIASES: Record<string, OptimizerSettings['type']> = { sgd: 'sgd', momentum: 'momentum', rmsprop: 'rmsprop', adam: 'adam', adagrad: 'adagrad', adadelta: 'adadelta', adamax: 'adamax' };

/** The settings a training_config implies; epochs, batch size and split are not stored in it, so they take Keras' fit defaults. */
export function trainingFromConfig(raw: unknown, warnings: string[]): TrainingSettings | null {
  if (!isObject(raw)) return null;
  let loss: LossName = 'meanSquaredError';
  const rawLoss = Array.isArray(raw.loss) ? raw.loss[0] : isObject(raw.loss) ? (raw.loss.class_name ?? Object.values(raw.loss)[0]) : raw.loss;
  if (typeof rawLoss === 'string') {
    const mapped = lossFromKeras(rawLoss);
    if (mapped) loss = mapped;
    else warnings.push(`training_config: loss ${rawLoss} is not supported; using meanSquaredError.`);
  }
  const metrics: MetricName[] = [];
  // Keras 2.x nests metrics per output ([[{class_name: 'MeanMetricWrapper', config: {name, fn}}]]); tfjs writes plain names.
  const rawMetrics = (Array.isArray(raw.metrics) ? raw.metrics : isObject(raw.metrics) ? Object.values(raw.metrics) : []).flat(3) as unknown[];
  const toMetric = metricFromKeras;
  for (const m of rawMetrics) {
    const config = isObject(m) && isObject(m.config) ? m.config : {};
    const candidates = typeof m === 'string' ? [m] : [config.name, config.fn, isObject(m) ? m.class_name : undefined].filter((v): v is string => typeof v === 'string');
    const mapped = candidates.map(toMetric).find((v) => v !== undefined);
    if (mapped && !metrics.includes(mapped)) metrics.push(mapped);
    else if (!mapped) warnings.push(`training_config: metric ${quoteValue(candidates[0] ?? m)} is not supported and was left out.`);
  }
  const opt = isObject(raw.optimizer_config) ? raw.optimizer_config : isObject(raw.optimizerConfig) ? raw.optimizerConfig : {};
  const optClass = String(opt.class_name ?? opt.className ?? 'SGD');
  const optConfig = isObject(opt.config) ? opt.config : {};
  let type = OPTIMIZER_ALIASES[optClass.toLowerCase()] ?? null;
  if (!type) {
    warnings.push(`training_config: optimizer ${optClass} is not supported; using adam.`);
    type = 'adam';
  }
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) {
      const v = get(optConfig, k);
      if (typeof v === 'number' && Number.isFinite(v)) return v;
    }
    return undefined;
  };
  const momentum = num('momentum');
  if (type === 'sgd' && momentum && momentum > 0) type = 'momentum';
  // A missing learning rate is Keras' default for that optimizer (the registry's), as Keras would load it.
  const optimizer: OptimizerSettings = { type, learningRate: num('learning_rate', 'lr') ?? defaultOptimizerSettings(type).learningRate };
  const extras: Partial<OptimizerSettings> = {
    momentum: type === 'momentum' || type === 'rmsprop' ? momentum : undefined,
    beta1: num('beta_1', 'beta1'),
    beta2: num('beta_2', 'beta2'),
    epsilon: num('epsilon'),
    rho: num('rho', 'decay'),
    nesterov: typeof get(optConfig, 'nesterov') === 'boolean' ? (get(optConfig, 'nesterov') as boolean) : undefined,
  };
  const fields = new Set<string>(getOptimizer(type).fields.map((f) => f.name));
  for (const [k, v] of Object.entries(extras)) if (v !== undefined && fields.has(k)) (optimizer as Record<string, unknown>)[k] = v;
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer.type)) return null;
  return { optimizer, loss, metrics, epochs: 10, batchSize: 32, validationSplit: 0, splitMode: 'shuffle', testSplit: 0, shuffle: true, seed: 1 };
}

/** Converts a parsed model.json (the object, not its text). */
export function importLayersModel(modelJson: unknown): ImportResult {
  if (!isObject(modelJson)) return { ok: false, error: { code: 'not-a-model', message: 'The file is not a layers-model model.json: expected a JSON object.' } };
  const topologyRoot = isObject(modelJson.modelTopology) ? modelJson.modelTopology : isObject(modelJson.model_config) || 'class_name' in modelJson ? modelJson : null;
  if (!topologyRoot) {
    const hint = modelJson.format === 'graph-model' ? ' It is a graph model (a frozen TensorFlow graph), which has no layers to put on the canvas.' : '';
    return { ok: false, error: { code: 'not-a-model', message: `The file is not a layers-model model.json: expected a "modelTopology" object.${hint}` } };
  }
  const topology = isObject(topologyRoot.model_config) ? topologyRoot.model_config : topologyRoot;
  const trainingRaw = topologyRoot.training_config ?? modelJson.trainingConfig ?? modelJson.training_config;
  const raw = layersOf(topology);
  if (typeof raw === 'string') return { ok: false, error: { code: 'not-a-model', message: `The file holds ${raw}.` } };

  const warnings: string[] = [];
  const missing: MissingLayer[] = [];
  const converted = raw.layers.map((layer) => ({ layer, node: convertLayer(layer.className, layer.config, layer.name, warnings) }));
  for (const { layer, node } of converted) {
    if (!node) {
      const activation = get(layer.config, 'activation');
      const why = ['Dense', 'Activation'].includes(layer.className) ? `${layer.className} with activation ${quoteValue(activation)}` : layer.className;
      missing.push({ name: layer.name, className: why });
    }
  }
  if (missing.length) {
    const list = missing.map((m) => `${m.className} (layer "${m.name}")`).join(', ');
    return {
      ok: false,
      error: { code: 'unsupported-layers', missing, message: `The model uses ${missing.length} layer${missing.length === 1 ? '' : 's'} Neurite does not support yet: ${list}. Nothing was imported.` },
    };
  }

  const layerToNode = new Map<string, string>();
  const used = new Set<string>();
  for (const { layer } of converted) {
    let id = layer.name.replace(/[^A-Za-z0-9_-]/g, '_') || 'layer';
    for (let i = 2; used.has(id); i++) id = `${layer.name}_${i}`;
    used.add(id);
    layerToNode.set(layer.name, id);
  }
  const nodes: GraphNode[] = converted.map(({ layer, node }) => ({ id: layerToNode.get(layer.name)!, type: node!.type, params: node!.params, position: { x: 0, y: 0 } }));
  const edges: GraphEdge[] = [];
  for (const { layer } of converted) {
    for (const source of layer.inbound) {
      const from = layerToNode.get(source);
      if (!from) return { ok: false, error: { code: 'not-a-model', message: `Layer "${layer.name}" takes input from "${source}", which is not in the model.` } };
      const to = layerToNode.get(layer.name)!;
      edges.push({ id: `${from}->${to}-${edges.length}`, source: from, target: to });
    }
  }
  const weightSpecs: WeightSpec[] = [];
  const manifest = Array.isArray(modelJson.weightsManifest) ? modelJson.weightsManifest : [];
  for (const group of manifest) {
    if (isObject(group) && Array.isArray(group.weights)) {
      for (const w of group.weights) if (isObject(w)) weightSpecs.push({ name: String(w.name), shape: (w.shape as number[]) ?? [], dtype: String(w.dtype ?? 'float32') });
    }
  }
  return {
    ok: true,
    model: {
      name: raw.name,
      graph: layoutLeftToRight({ nodes, edges }),
      training: trainingFromConfig(trainingRaw, warnings),
      warnings,
      layerToNode,
      weightSpecs,
    },
  };
}

/** The weight files a model.json names, in order (so a host can read them from beside it). */
export function weightFilePaths(modelJson: unknown): string[] {
  if (!isObject(modelJson) || !Array.isArray(modelJson.weightsManifest)) return [];
  return modelJson.weightsManifest.flatMap((g: unknown) => (isObject(g) && Array.isArray(g.paths) ? g.paths.map(String) : []));
}

/**
 * Splits the weight files' bytes (concatenated in manifest order, as tfjs does) into named
 * float32 tensors, renamed from the Keras layer names to the canvas' layer names.
 */
export function importedWeights(model: ImportedModel, graph: Graph, data: Uint8Array): WeightTensor[] | ImportError {
  const names = layerNames(graph);
  const out: WeightTensor[] = [];
  let offset = 0;
  const layerNamesByLength = [...model.layerToNode.keys()].sort((a, b) => b.length - a.length);
  for (const spec of model.weightSpecs) {
    if (spec.dtype !== 'float32') return { code: 'bad-weights', message: `Weight ${spec.name} is ${spec.dtype}; only float32 weights can be imported.` };
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = count * 4;
    if (offset + bytes > data.length) {
      return { code: 'bad-weights', message: `The weight files are too short: weight ${spec.name} needs bytes ${offset}–${offset + bytes}, the files hold ${data.length}.` };
    }
    const layer = layerNamesByLength.find((l) => spec.name.startsWith(`${l}/`));
    if (!layer) return { code: 'bad-weights', message: `Weight ${spec.name} belongs to no layer of the model.` };
    const ours = names.get(model.layerToNode.get(layer)!)!;
    const values = new Float32Array(data.slice(offset, offset + bytes).buffer);
    out.push({ name: `${ours}${spec.name.slice(layer.length).replace(/:0$/, '')}`, shape: spec.shape, dtype: 'float32', data: float32ToBase64(values) });
    offset += bytes;
  }
  if (offset !== data.length) return { code: 'bad-weights', message: `The weight files hold ${data.length} bytes but the manifest describes ${offset}.` };
  return out;
}

/** A whole project from an import, with weights when their bytes are given. */
export function projectFromImport(model: ImportedModel, base: Pick<Project, 'training' | 'dataset' | 'appVersion'>, weightData: Uint8Array | null, now: string): Project | ImportError {
  const project: Project = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: base.appVersion,
    savedAt: now,
    name: model.name,
    graph: model.graph,
    training: model.training ?? base.training,
    dataset: base.dataset,
  };
  if (!weightData || model.weightSpecs.length === 0) return project;
  const weights = importedWeights(model, model.graph, weightData);
  if (!Array.isArray(weights)) return weights;
  return { ...project, trained: { trainedAt: now, reason: 'completed', ...projectHashes(project), weights, history: [] } };
}
