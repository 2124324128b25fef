import { quoteValue } from '../api/quote';
import { isNeutral, kerasGet, kerasReadKeys, layerForKerasClass } from '../layers';
import type { KerasNeutral } from '../layers/types';
import { float32ToBase64 } from '../project/base64';
import { projectHashes } from '../project/hash';
import { FORMAT, FORMAT_VERSION, type LossName, type MetricName, type OptimizerSettings, type Project, type TrainingSettings, type WeightTensor } from '../project/schema';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { layerNames } from '../graph/names';
import { topologicalOrder } from '../graph/topology';
import { lossFromKeras } from '../losses';
import { metricFromKeras } from '../metrics';
import { defaultOptimizerSettings, optimizerFromKeras } from '../optimizers';

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
/** tfjs writes snake_case keys; hand-made files sometimes use camelCase (the layer registry's reader). */
const get = kerasGet;

interface Converted {
  type: string;
  params: Record<string, unknown>;
}

/**
 * Config keys every Keras layer has that Neurite handles for all layers alike: the name (kept as
 * the node id), the dtype (Neurite trains in float32) and the Sequential first layer's input
 * shape (turned into an Input node). `trainable: false` is named, since Neurite trains every layer.
 */
const COMMON_KEYS = new Set(['name', 'dtype', 'batch_input_shape', 'batch_shape', 'input_shape', 'input_dim', 'batch_size']);
const COMMON_DROPS: Record<string, KerasNeutral> = { trainable: true };

/**
 * One Keras layer as a node, through the layer registry: the class name picks the layer,
 * its `fromKeras` reads the config, and every config key it neither reads nor drops at a neutral
 * value is named in a warning.
 */
function convertLayer(className: string, config: Json, name: string, warnings: string[]): Converted | { unsupported: string } {
  const def = layerForKerasClass(className);
  if (!def) return { unsupported: className };
  const result = def.keras.fromKeras(config, { className, layerName: name, warn: (message) => warnings.push(message) });
  if (!result.ok) return { unsupported: result.unsupported };
  const read = new Set(kerasReadKeys(def));
  const drops = { ...COMMON_DROPS, ...def.keras.drops };
  for (const [key, value] of Object.entries(config)) {
    const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    if (read.has(snake) || COMMON_KEYS.has(snake)) continue;
    if (snake in drops) {
      if (!isNeutral(value, drops[snake])) warnings.push(`${name}: ${className} ${snake} ${quoteValue(value)} is not carried over; Neurite's ${def.label} has no such setting.`);
    } else if (value !== null && value !== undefined) {
      warnings.push(`${name}: ${className} setting ${snake} ${quoteValue(value)} is not known to Neurite and was not carried over.`);
    }
  }
  return { type: def.type, params: result.params };
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
  // The optimizer registry reads the config (src/shared/optimizers: Keras 2/3 and tfjs spellings,
  // a missing field at Keras' default) and names every value it does not carry over.
  const imported = optimizerFromKeras(optClass, optConfig);
  let optimizer: OptimizerSettings;
  if (imported.ok) {
    optimizer = imported.settings;
    warnings.push(...imported.warnings.map((w) => `training_config: ${w}`));
  } else {
    // As before the registry: Adam, keeping the model's learning rate (Keras 3, Keras 2 or tfjs spelling) when it has one.
    const lr = optimizerFromKeras('adam', { learning_rate: optConfig.learning_rate ?? optConfig.lr ?? optConfig.learningRate });
    optimizer = lr.ok ? lr.settings : defaultOptimizerSettings('adam');
    warnings.push(`training_config: optimizer ${optClass} is not supported; using adam at learning rate ${optimizer.learningRate}.`);
  }
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
  const converted: { layer: RawLayer; node: Converted }[] = [];
  for (const layer of raw.layers) {
    const node = convertLayer(layer.className, layer.config, layer.name, warnings);
    if ('unsupported' in node) missing.push({ name: layer.name, className: node.unsupported });
    else converted.push({ layer, node });
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
  const nodes: GraphNode[] = converted.map(({ layer, node }) => ({ id: layerToNode.get(layer.name)!, type: node.type, params: node.params, position: { x: 0, y: 0 } }));
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
