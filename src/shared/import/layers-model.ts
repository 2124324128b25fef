import { IMPORT_MESSAGES_EN, importWords, type ImportMessageId } from './import-messages';
import type { MessageParams } from '../graph/problem-text';
import { quoteValue } from '../api/quote';
import { getLayer, isNeutral, kerasGet, kerasReadKeys, layerForKerasClass, resolveParams } from '../layers';
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
import { fitDefaultsWarning, preprocessingWarnings, readNeuriteMetadata, type FitSettings, type PreprocessingCompanion, type PreprocessingExpectation } from './neurite-metadata';


/** Whether a Keras `class_name` is the model's data entry point (the layer registry's `role: 'input'` entry imports it: `InputLayer`). */
const isKerasInputClass = (className: string): boolean => layerForKerasClass(className)?.role === 'input';

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

/** Why a model cannot be imported; issue 16: with its words as data (`messageId` + `params`, import-messages.ts) beside the English `message`. */
export type ImportError = (
  | { code: 'not-a-model'; message: string }
  | { code: 'graph-model'; message: string }
  | { code: 'several-inputs'; message: string; inputs: string[] }
  | { code: 'unsupported-layers'; message: string; missing: MissingLayer[] }
  | { code: 'bad-weights'; message: string }
) & { messageId?: ImportMessageId; params?: MessageParams };

export interface ImportedModel {
  name: string;
  graph: Graph;
  /**
   * From `training_config` when present, with the fit() settings of Neurite's
   * `userDefinedMetadata.neurite.fit` when the file has them (else Neurite's defaults, named by
   * companionWarnings); otherwise null (the caller keeps its own settings).
   */
  training: TrainingSettings | null;
  /** The fit() settings the file carries (Neurite's export writes them), or null. */
  fit: FitSettings | null;
  /** What the file says its inputs are (Neurite's export: `userDefinedMetadata.neurite.preprocessing`); undefined when it does not say. */
  preprocessing?: PreprocessingExpectation;
  /** The preprocessing file the model.json names, when it names one. */
  preprocessingFile?: string;
  /** Things imported approximately (an initializer replaced by the default, an ignored option). */
  warnings: string[];
  /** Keras layer name → node id, for mapping weight names. */
  layerToNode: Map<string, string>;
  /**
   * Keras 3 .keras-file weight keys (`layers/<key>/vars/<i>`) → Keras layer name: the key is the
   * layer's class in snake case, numbered `_1`, `_2`… among layers of that class in model order
   * (keras/src/saving/saving_lib.py `_save_container_state`; a Sequential's InputLayer is not in
   * its layers), as tensorflowjs_converter --input_format keras_keras names the weights.
   */
  savedKeys: Map<string, string>;
  weightSpecs: WeightSpec[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  /** The weight's own dtype (`float32` for every weight Neurite imports). */
  dtype: string;
  /**
   * How tensorflowjs_converter stored it (`--quantize_uint8/uint16/float16`): the stored dtype
   * and, for uint8/uint16, the affine map value = q · scale + min (tfjs-core io_utils decodeWeight).
   */
  quantization?: { dtype: string; min?: number; scale?: number };
  /** tfjs' manifest group (`optimizer` for an optimizer's state saved with includeOptimizer). */
  group?: string;
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
  // Keras 3 writes a dtype policy ({class_name: 'DTypePolicy', config: {name}}), Keras 2 / tfjs a name.
  const dtype = isObject(config.dtype) && isObject(config.dtype.config) ? config.dtype.config.name : config.dtype;
  if (typeof dtype === 'string' && dtype !== 'float32') warnings.push(`${name}: ${className} dtype ${quoteValue(dtype)} is not carried over; Neurite computes in float32.`);
  const read = new Set(kerasReadKeys(def));
  const drops = { ...COMMON_DROPS, ...def.keras.drops };
  // `trainable` of a layer without weights (Rescaling, pooling, Flatten…) changes nothing, whatever its value.
  const weightless = (def.weightNames?.(result.params) ?? []).length === 0;
  for (const [key, value] of Object.entries(config)) {
    const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    if (read.has(snake) || COMMON_KEYS.has(snake) || (snake === 'trainable' && weightless)) continue;
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
  /** How many times a functional model calls the layer (its `inbound_nodes`); more than one shares its weights. */
  calls?: number;
}

/**
 * The layers one call of a layer takes its inputs from, in order. Keras 2 / tfjs write a call as
 * `[[name, nodeIndex, tensorIndex, kwargs], ...]`; Keras 3 as `{args: [tensor | [tensor, ...]],
 * kwargs}` where each tensor is `{class_name: "__keras_tensor__", config: {keras_history: [name,
 * nodeIndex, tensorIndex]}}` (keras/src/models/functional.py `serialize_node`), merges passing a list.
 */
export function inboundOf(call: unknown): string[] {
  if (Array.isArray(call)) return call.map((ref) => (Array.isArray(ref) ? String(ref[0]) : isObject(ref) ? String(ref.name ?? '') : '')).filter(Boolean);
  if (!isObject(call)) return [];
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) {
      const history = isObject(value.config) ? value.config.keras_history : undefined;
      if (value.class_name === '__keras_tensor__' && Array.isArray(history)) found.push(String(history[0]));
      else if (!('class_name' in value)) Object.values(value).forEach(walk);
    }
  };
  walk(call.args);
  walk(call.kwargs);
  return found;
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
    if (first && !isKerasInputClass(first.className)) {
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
      return { name: String(e.name ?? c.name ?? `layer_${i}`), className: String(e.class_name ?? '?'), config: c, inbound: inboundOf(nodes[0]), calls: nodes.length };
    });
    return { kind: 'functional', name: typeof config.name === 'string' ? config.name : 'model', layers };
  }
  return `a model of class ${quoteValue(className)} (expected Sequential, Model or Functional)`;
}

/** What Import says about a TF.js graph model (a converted SavedModel / frozen graph: operations, no layers). */
export const GRAPH_MODEL_MESSAGE = IMPORT_MESSAGES_EN['import.graphModel'];

/**
 * Keras 3's `compile_config` (`{optimizer, loss, metrics, loss_weights, weighted_metrics,
 * run_eagerly, steps_per_execution, jit_compile}`, keras/src/trainers/trainer.py) in the shape of
 * a Keras 2 `training_config` (`{optimizer_config, loss, metrics, ...}`), so one reader serves both.
 */
function trainingConfigOfCompileConfig(compile: Json): Json {
  const optimizer = compile.optimizer;
  const optimizerConfig = typeof optimizer === 'string' ? { class_name: optimizer, config: {} } : optimizer;
  return { ...compile, optimizer_config: optimizerConfig, optimizer: undefined };
}

/**
 * Arguments of Keras 3's loss classes (keras/src/losses/losses.py) at which Neurite's losses
 * compute the same thing; `undefined`: the value does not change the loss (its name, dtype).
 * Any other argument or value (from_logits true, label smoothing, a Huber delta other than 1) is
 * named in a warning.
 */
const LOSS_NEUTRAL: Record<string, KerasNeutral | undefined> = {
  name: undefined,
  dtype: undefined,
  reduction: 'sum_over_batch_size',
  from_logits: false,
  label_smoothing: 0,
  axis: -1,
  ignore_class: null,
  delta: 1,
};

/** compile/training settings that do not change what a model learns, and those that do when set (named in a warning). */
const TRAINING_CONFIG_IGNORED = new Set(['optimizer_config', 'optimizerConfig', 'optimizer', 'loss', 'metrics', 'run_eagerly', 'jit_compile', 'steps_per_execution', 'sample_weight_mode']);

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
  // A serialised loss object (Keras 3 compile_config, `keras.losses.CategoricalCrossentropy(from_logits=True)`): its arguments.
  const lossConfig = isObject(raw.loss) && isObject(raw.loss.config) ? raw.loss.config : {};
  for (const [key, value] of Object.entries(lossConfig)) {
    if (key in LOSS_NEUTRAL && (LOSS_NEUTRAL[key] === undefined || isNeutral(value, LOSS_NEUTRAL[key]))) continue;
    if (key === 'reduction' && value === 'auto') continue; // Keras 2's name for sum_over_batch_size
    warnings.push(`training_config: loss argument ${key} ${quoteValue(value)} is not carried over; Neurite's ${loss} takes it as ${LOSS_NEUTRAL[key] === undefined ? 'Keras\' default' : quoteValue(LOSS_NEUTRAL[key])}.`);
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
  for (const [key, value] of Object.entries(raw)) {
    if (TRAINING_CONFIG_IGNORED.has(key) || value === null || value === undefined) continue;
    warnings.push(`training_config: ${key} ${quoteValue(value)} is not carried over; Neurite trains one output with equally weighted samples.`);
  }
  const opt = isObject(raw.optimizer_config) ? raw.optimizer_config : isObject(raw.optimizerConfig) ? raw.optimizerConfig : {};
  // Keras 2.11 to 2.15 serialise their (new) optimizers as `Custom>Adam`, `Custom>SGD`, ...
  const optClass = String(opt.class_name ?? opt.className ?? 'SGD').replace(/^Custom>/, '');
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

export interface ImportOptions {
  /**
   * Import a model with several Inputs instead of refusing it (`several-inputs`). Neurite trains
   * one Input, so hosts keep the default (false); the layer conformance test sets it to read the
   * params of merge layers out of multi-input probe models.
   */
  allowSeveralInputs?: boolean;
}

/** Converts a parsed model.json (the object, not its text). */
export function importLayersModel(modelJson: unknown, options: ImportOptions = {}): ImportResult {
  if (!isObject(modelJson)) return { ok: false, error: { code: 'not-a-model', ...importWords('import.notJsonObject') } };
  if (modelJson.format === 'graph-model' || (isObject(modelJson.modelTopology) && Array.isArray(modelJson.modelTopology.node))) {
    return { ok: false, error: { code: 'graph-model', ...importWords('import.graphModel') } };
  }
  const topologyRoot = isObject(modelJson.modelTopology) ? modelJson.modelTopology : isObject(modelJson.model_config) || 'class_name' in modelJson ? modelJson : null;
  if (!topologyRoot) {
    return { ok: false, error: { code: 'not-a-model', ...importWords('import.noTopology') } };
  }
  const topology = isObject(topologyRoot.model_config) ? topologyRoot.model_config : topologyRoot;
  // Keras 2 / tfjs: training_config (beside model_config, or the converter's top-level trainingConfig);
  // Keras 3: compile_config, inside the serialized model (keras/src/models/model.py get_compile_config).
  const compileConfig = topology.compile_config ?? topologyRoot.compile_config;
  const trainingRaw = topologyRoot.training_config ?? modelJson.trainingConfig ?? modelJson.training_config ?? (isObject(compileConfig) ? trainingConfigOfCompileConfig(compileConfig) : undefined);
  const raw = layersOf(topology);
  if (typeof raw === 'string') return { ok: false, error: { code: 'not-a-model', message: `The file holds ${raw}.` } };

  const inputs = raw.layers.filter((l) => isKerasInputClass(l.className)).map((l) => l.name);
  if (inputs.length > 1 && !options.allowSeveralInputs) {
    return {
      ok: false,
      error: {
        code: 'several-inputs',
        inputs,
        ...importWords('import.severalInputs', { count: inputs.length, inputs: inputs.map((n) => `"${n}"`).join(', ') }),
      },
    };
  }
  const shared = raw.layers.filter((l) => (l.calls ?? 0) > 1);
  if (shared.length) {
    const list = shared.map((l) => `"${l.name}" (${l.calls} calls)`).join(', ');
    return { ok: false, error: { code: 'not-a-model', ...importWords('import.sharedLayers', { layers: list }) } };
  }

  const warnings: string[] = [];
  const modelConfig = isObject(topology.config) ? topology.config : {};
  if (modelConfig.trainable === false) warnings.push(`${raw.name}: the model's trainable false is not carried over; Neurite trains every layer.`);
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
      error: { code: 'unsupported-layers', missing, ...importWords('import.unsupportedLayers', { count: missing.length, layers: list }) },
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
      if (!from) return { ok: false, error: { code: 'not-a-model', ...importWords('import.missingInbound', { layer: layer.name, source }) } };
      const to = layerToNode.get(layer.name)!;
      edges.push({ id: `${from}->${to}-${edges.length}`, source: from, target: to });
    }
  }
  const savedKeys = new Map<string, string>();
  const classCount = new Map<string, number>();
  for (const layer of raw.layers) {
    if (raw.kind === 'sequential' && isKerasInputClass(layer.className)) continue;
    const base = kerasSnakeCase(layer.className);
    const n = classCount.get(base);
    classCount.set(base, n === undefined ? 0 : n + 1);
    savedKeys.set(n === undefined ? base : `${base}_${n + 1}`, layer.name);
  }
  const weightSpecs: WeightSpec[] = [];
  const manifest = Array.isArray(modelJson.weightsManifest) ? modelJson.weightsManifest : [];
  for (const group of manifest) {
    if (isObject(group) && Array.isArray(group.weights)) {
      for (const w of group.weights) {
        if (!isObject(w)) continue;
        const q = isObject(w.quantization) ? w.quantization : null;
        const quantization = q ? { dtype: String(q.dtype), ...(typeof q.min === 'number' ? { min: q.min } : {}), ...(typeof q.scale === 'number' ? { scale: q.scale } : {}) } : undefined;
        const group = typeof w.group === 'string' ? { group: w.group } : {};
        weightSpecs.push({ name: String(w.name), shape: (w.shape as number[]) ?? [], dtype: String(w.dtype ?? 'float32'), ...(quantization ? { quantization } : {}), ...group });
      }
    }
  }
  const optimizerState = weightSpecs.filter(isOptimizerWeight);
  if (optimizerState.length) {
    warnings.push(`The file holds the optimizer's state (${optimizerState.length} weight${optimizerState.length === 1 ? '' : 's'}: ${optimizerState.slice(0, 3).map((w) => w.name).join(', ')}${optimizerState.length > 3 ? ', …' : ''}); it is not carried over: training in Neurite starts with a fresh optimizer.`);
  }
  const meta = readNeuriteMetadata(modelJson, warnings);
  const fromConfig = trainingFromConfig(trainingRaw, warnings);
  return {
    ok: true,
    model: {
      name: raw.name,
      graph: layoutLeftToRight({ nodes, edges }),
      training: fromConfig && meta.fit ? { ...fromConfig, ...meta.fit } : fromConfig,
      fit: meta.fit ?? null,
      ...(meta.preprocessing ? { preprocessing: meta.preprocessing } : {}),
      ...(meta.preprocessingFile ? { preprocessingFile: meta.preprocessingFile } : {}),
      warnings,
      layerToNode,
      savedKeys,
      weightSpecs,
    },
  };
}

/** The weight files a model.json names, in order (so a host can read them from beside it). */
export function weightFilePaths(modelJson: unknown): string[] {
  if (!isObject(modelJson) || !Array.isArray(modelJson.weightsManifest)) return [];
  return modelJson.weightsManifest.flatMap((g: unknown) => (isObject(g) && Array.isArray(g.paths) ? g.paths.map(String) : []));
}

/** Keras' `naming.to_snake_case` (keras/src/utils/naming.py): `BatchNormalization` → `batch_normalization`, `LeakyReLU` → `leaky_re_lu`. */
function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** An optimizer variable saved with the model: Keras 3 .keras files' `optimizer/vars/<i>`, tfjs' `includeOptimizer` entries (group "optimizer"). */
function isOptimizerWeight(spec: WeightSpec): boolean {
  return spec.name.startsWith('optimizer/') || spec.group === 'optimizer';
}

/** Bytes per stored value of each dtype a weights manifest may hold (tfjs-core io/types.ts DTYPE_VALUE_SIZE_MAP). */
const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 };

/** IEEE 754 half precision (binary16) as a number: 1 sign, 5 exponent, 10 fraction bits. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * One weight's float32 values from its stored bytes (little-endian, as the converter writes them):
 * float32 as is; uint8/uint16 as q · scale + min; float16 widened. As tfjs-core
 * src/io/io_utils.ts `decodeWeight` and tensorflowjs/quantization.py `dequantize_weights`.
 */
export function decodeWeightValues(spec: WeightSpec, bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = spec.quantization?.dtype ?? spec.dtype;
  const per = STORED_BYTES[stored];
  const count = bytes.byteLength / per;
  const out = new Float32Array(count);
  if (stored === 'float32') for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  else if (stored === 'float16') for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  else {
    const { scale = 1, min = 0 } = spec.quantization ?? {};
    for (let i = 0; i < count; i++) out[i] = (stored === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true)) * scale + min;
  }
  return out;
}

/**
 * The layer a weight belongs to. tfjs and Keras 2 name weights `<layer>/<variable>`; Keras 3 by
 * the variable's path, which a Sequential model prefixes with its own name
 * (`sequential/dense/kernel`): leading path segments are skipped until a layer name matches.
 */
function layerOfWeight(name: string, layersByLength: readonly string[]): { layer: string; rest: string } | null {
  const segments = name.split('/');
  for (let skip = 0; skip < segments.length - 1; skip++) {
    const tail = segments.slice(skip).join('/');
    const layer = layersByLength.find((l) => tail.startsWith(`${l}/`));
    if (layer) return { layer, rest: tail.slice(layer.length) };
  }
  return null;
}

/**
 * A Keras 3 .keras-file weight name (`layers/dense_1/vars/0`) as its layer and variable name
 * (the layer registry's `weightNames` order); null for other names.
 */
function savedVariable(model: ImportedModel, graph: Graph, name: string): { layer: string; rest: string } | { error: ReturnType<typeof importWords> } | null {
  const m = /^(?:.*\/)?layers\/([^/]+)\/vars\/(\d+)$/.exec(name);
  const layer = m ? model.savedKeys.get(m[1]) : undefined;
  if (!m || !layer) return null;
  const node = graph.nodes.find((n) => n.id === model.layerToNode.get(layer));
  const def = node ? getLayer(node.type) : undefined;
  const variables = def && node ? (def.weightNames?.(resolveParams(def, node.params)) ?? []) : [];
  const index = Number(m[2]);
  if (index >= variables.length) return { error: importWords('import.weight.variable', { weight: name, index, layer, count: variables.length, variables: variables.join(', ') || 'none' }) };
  return { layer, rest: `/${variables[index]}` };
}

/**
 * Splits the weight files' bytes (concatenated in manifest order, as tfjs does) into named
 * float32 tensors, renamed from the Keras layer names to the canvas' layer names. Quantized
 * weights (the converter's uint8, uint16 and float16 options) are dequantized.
 */
export function importedWeights(model: ImportedModel, graph: Graph, data: Uint8Array): WeightTensor[] | ImportError {
  const names = layerNames(graph);
  const out: WeightTensor[] = [];
  let offset = 0;
  const layerNamesByLength = [...model.layerToNode.keys()].sort((a, b) => b.length - a.length);
  for (const spec of model.weightSpecs) {
    const stored = spec.quantization?.dtype ?? spec.dtype;
    if (isOptimizerWeight(spec) && stored in STORED_BYTES) {
      // The optimizer's state (named in the import's warnings) is skipped, not read.
      offset += spec.shape.reduce((a, b) => a * b, 1) * STORED_BYTES[stored];
      continue;
    }
    if (spec.dtype !== 'float32') return { code: 'bad-weights', ...importWords('import.weight.dtype', { weight: spec.name, dtype: spec.dtype }) };
    if (spec.quantization && !['uint8', 'uint16', 'float16'].includes(stored)) {
      return { code: 'bad-weights', ...importWords('import.weight.stored', { weight: spec.name, stored: quoteValue(stored) }) };
    }
    if ((stored === 'uint8' || stored === 'uint16') && (typeof spec.quantization?.scale !== 'number' || typeof spec.quantization?.min !== 'number')) {
      return { code: 'bad-weights', ...importWords('import.weight.noQuantization', { weight: spec.name, stored }) };
    }
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = count * STORED_BYTES[stored];
    if (offset + bytes > data.length) {
      return { code: 'bad-weights', ...importWords('import.weight.tooShort', { weight: spec.name, count, stored, from: offset, to: offset + bytes, size: data.length }) };
    }
    const match = savedVariable(model, graph, spec.name) ?? layerOfWeight(spec.name, layerNamesByLength);
    if (!match) return { code: 'bad-weights', ...importWords('import.weight.noLayer', { weight: spec.name, layers: layerNamesByLength.join(', ') }) };
    if ('error' in match) return { code: 'bad-weights', ...match.error };
    const ours = names.get(model.layerToNode.get(match.layer)!)!;
    const values = decodeWeightValues(spec, data.subarray(offset, offset + bytes));
    out.push({ name: `${ours}${match.rest.replace(/:0$/, '')}`, shape: spec.shape, dtype: 'float32', data: float32ToBase64(values) });
    offset += bytes;
  }
  if (offset !== data.length) return { code: 'bad-weights', ...importWords('import.weight.sizes', { size: data.length, described: offset }) };
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

/**
 * The settings a project imported from a model file starts with when the file has no training
 * configuration: Keras' `Model.compile()` defaults (optimizer "rmsprop" at learning_rate 0.001,
 * keras/src/trainers/trainer.py) with mean squared error, and Keras' `fit()` defaults (epochs 10
 * is Neurite's; batch_size 32, no validation split); the data is the linear generator until the
 * user loads a table.
 */
export const IMPORT_DEFAULTS: Pick<Project, 'training' | 'dataset'> = {
  training: {
    optimizer: defaultOptimizerSettings(),
    loss: 'meanSquaredError',
    metrics: [],
    epochs: 10,
    batchSize: 32,
    validationSplit: 0,
    splitMode: 'shuffle',
    testSplit: 0,
    shuffle: true,
    seed: 1,
  },
  dataset: { kind: 'generator', generator: 'linear', seed: 1 },
};

export type ModelFileImport = { ok: true; project: Project; model: ImportedModel; warnings: string[] } | { ok: false; error: ImportError };

/**
 * The warnings every host adds to an import (the app's Import model and `neurite import`, one
 * implementation): the fit() settings that took Neurite's defaults because the file has none
 * (`base` supplies them when the file has no training configuration), and what the model expects
 * as input, from the model.json and the preprocessing file found beside it (`companion`, null when
 * none was found; see neurite-metadata.ts preprocessingWarnings).
 */
export function companionWarnings(model: ImportedModel, companion: PreprocessingCompanion | null, base: Pick<Project, 'training'> = IMPORT_DEFAULTS): string[] {
  const fit = model.fit ? [] : [fitDefaultsWarning(model.training ?? base.training)];
  return [...fit, ...preprocessingWarnings(model.preprocessing, companion, model.preprocessingFile ?? 'preprocessing.json')];
}

/**
 * A model.json (parsed) and its weight files' bytes (concatenated in manifest order; null when the
 * caller has none) as a whole project, with every warning of the import: the one-call form for the
 * command line and other hosts. `base` supplies training settings and data when the file has no
 * training configuration (default IMPORT_DEFAULTS); `now` is the ISO time stamped on the project.
 */
export function importModelFile(
  modelJson: unknown,
  weightData: Uint8Array | null,
  options: { appVersion: string; now?: string; base?: Pick<Project, 'training' | 'dataset'>; preprocessing?: PreprocessingCompanion | null },
): ModelFileImport {
  const result = importLayersModel(modelJson);
  if (!result.ok) return result;
  const warnings = [...result.model.warnings, ...companionWarnings(result.model, options.preprocessing ?? null, options.base)];
  const paths = weightFilePaths(modelJson);
  if (!weightData && paths.length) warnings.push(`The weight files (${paths.join(', ')}) were not given; the model was imported without its trained weights.`);
  const base = options.base ?? IMPORT_DEFAULTS;
  const project = projectFromImport(result.model, { ...base, appVersion: options.appVersion }, weightData, options.now ?? new Date().toISOString());
  if (!('format' in project)) return { ok: false, error: project };
  return { ok: true, project, model: result.model, warnings };
}
