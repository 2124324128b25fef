import * as tf from '@tensorflow/tfjs';
import { base64ToFloat32, float32ToBase64 } from '../../shared/project/base64';
import { planGraph, type ModelPlan } from '../../shared/graph/plan';
import { projectHashes } from '../../shared/project/hash';
import type { Project, Trained, TrainingSettings, WeightTensor } from '../../shared/project/schema';
import { getLoss } from '../../shared/losses';
import { getMetric } from '../../shared/metrics';
import { createTfjsOptimizer } from '../../shared/optimizers';
import { hasCategoricalInputs, hasImputeStep, modelInputRoute, rescaleStep, zscoreStep, type Preprocessing, type PreprocessStep } from '../../shared/data/preprocess';
import { ServiceError } from '../services/errors';
import { neuriteMetadata, preprocessingFile, type NeuriteMetadata, type PreprocessingFile } from '../../shared/import/neurite-metadata';

/**
 * Trained models in and out of the trainer process: as a TensorFlow.js layers model
 * (`model.json` + one weights file, loadable with `tf.loadLayersModel`, Keras-format topology
 * that `tensorflowjs_converter` turns into a Keras model) and as the `trained` section of a
 * project file.
 */

export interface LayersModelExport {
  /** The `model.json` object, its manifest pointing at `weightsFileName`. */
  modelJson: {
    modelTopology: object;
    format: 'layers-model';
    generatedBy: string;
    convertedBy: null;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    trainingConfig?: object;
    /** Neurite's own record (src/shared/import/neurite-metadata.ts): the inputs the model expects and the fit() settings. */
    userDefinedMetadata: { neurite: NeuriteMetadata };
  };
  weightData: ArrayBuffer;
  /** What the export did about the project's preprocessing (see ExportPreprocessing). */
  preprocessing: ExportPreprocessing;
  /** Whether model.json carries the training settings (`trainingConfig`), and if not, why. */
  training: ExportTraining;
}

/** `written`: model.json has `trainingConfig`. `omitted`: it has none (`reason` says why; tell the user). */
export type ExportTraining = { kind: 'written' } | { kind: 'omitted'; reason: string };

/**
 * The TF.js layers format's `training_config` (model.json `trainingConfig`) for the project's
 * training settings, as tfjs-layers' own `LayersModel.getTrainingConfig()` writes it
 * (tfjs-layers/src/engine/training.ts) and `tf.loadLayersModel` reads it back
 * (`loadTrainingConfig`, which compiles the model with it):
 *   { loss: <Keras loss name>, metrics: [<Keras metric names>],
 *     optimizer_config: { class_name: <tfjs optimizer class>, config: <tfjs getConfig()> } }.
 * Loss and metrics are their Keras snake_case names (`mean_squared_error`, `accuracy`), which
 * tfjs camel-cases to its own. The optimizer is the one the registry builds through `tf.train`,
 * serialised by tfjs itself: tfjs' class registry is what `loadLayersModel` deserialises with, and
 * it lacks Keras' `RMSprop` (tfjs `RMSProp`, rho written `decay`) and Keras' SGD with momentum
 * (tfjs `Momentum`, `useNesterov`), so Keras' names there would make loading throw or drop the
 * momentum. The Keras-named optimizer is in the exported Python script. A loss tfjs cannot compile
 * by name (Huber) would make `loadLayersModel` throw: the config is then omitted, with the reason.
 */
export function layersTrainingConfig(training: TrainingSettings): { config: object } | { omitted: string } {
  const loss = getLoss(training.loss);
  if (!loss.tfjsName) {
    return { omitted: `the ${loss.label} is not a TensorFlow.js loss (tf.loadLayersModel would refuse the file), so model.json has no training configuration; compile with it yourself (see the exported TypeScript).` };
  }
  const optimizer = createTfjsOptimizer<tf.Optimizer>(tf.train, training.optimizer);
  const config = {
    loss: loss.kerasName,
    metrics: training.metrics.map((id) => getMetric(id).kerasName),
    optimizer_config: { class_name: optimizer.getClassName(), config: optimizer.getConfig() },
  };
  optimizer.dispose();
  return { config };
}

/**
 * How an exported model.json meets raw rows. `none`: the project has no preprocessing beyond
 * numbers as they are. `folded`: the z-score is built into the first Dense layer(s), so the model
 * takes raw rows. `rescaling` (issue 14, image data): the pipeline's pixel scaling is the model's
 * first layer, a Keras `Rescaling(scale, offset)` named `layer` (ONNX: Mul then Add at the input),
 * so the model takes raw pixels (0…maxValue, what `tf.browser.fromPixels` gives for 8-bit images);
 * `scale`/`offset` hold one value, or one per element of the Input's last axis. `file`: it could
 * not be folded (`reason`); `json` is `preprocessing.json`, to write beside model.json and apply
 * before predicting.
 */
export type ExportPreprocessing =
  | { kind: 'none' }
  | { kind: 'folded'; layers: string[] }
  | { kind: 'rescaling'; layer: string; scale: number[]; offset: number[] }
  | { kind: 'file'; reason: UnfoldableReason; json: PreprocessingFile };

/**
 * Why a preprocessing cannot be folded into the model. `input-shape` (issue 14): a per-channel
 * pixel scaling cannot be laid along the Input's last axis (its length is not a multiple of the
 * channels).
 */
export type UnfoldableReason = 'categorical' | 'missing-values' | 'not-dense' | 'no-bias' | 'several-inputs' | 'input-shape';

/** `preprocessing.json` (its shape and maker live in src/shared/import/neurite-metadata.ts: the training package writes it too). */
export type { PreprocessingFile };

export interface DenseTarget {
  layer: string;
  kernel: string;
  bias: string;
}

export type ExportPlan =
  | { kind: 'none' }
  | { kind: 'folded'; zscore: { means: number[]; stds: number[] }; dense: DenseTarget[] }
  | { kind: 'rescaling'; layer: string; input: string; scale: number[]; offset: number[] }
  | { kind: 'file'; reason: UnfoldableReason; json: PreprocessingFile };

/**
 * Decides how an export carries the preprocessing, from the model plan. Image data's pixel
 * scaling (`rescale`, issue 14) becomes a Rescaling layer in front of the model (`rescaling`), so
 * the model takes raw pixels; unless the model's Input does not take the data's features
 * (`modelInputRoute` 'none': predict feeds rows as they are, so does the export) or a per-channel
 * scaling cannot lie along the Input's last axis (`file`, 'input-shape'). The z-score is affine, so
 * when every layer the (single) Input feeds takes an affine map of its input into its weights
 * (the registry's `affineInput`: Dense) and has both of those weights (a Dense with a bias), it
 * folds into them; anything else (category names, which no tensor can hold; missing values; a
 * first layer that is not affine in its input, a Dropout included) gets the step list as
 * preprocessing.json. The one decision of the TF.js and ONNX exports (export-onnx.ts). Weight
 * names are the plan's (`<layer name>/<short name>`, as tfjs saves them).
 */
export function decideExportPreprocessing(p: Preprocessing, plan: ModelPlan): ExportPlan {
  const zscore = zscoreStep(p);
  const rescale = rescaleStep(p);
  if (hasCategoricalInputs(p)) return { kind: 'file', reason: 'categorical', json: preprocessingFile(p) };
  if (hasImputeStep(p)) return { kind: 'file', reason: 'missing-values', json: preprocessingFile(p) };
  if (!zscore && !rescale) return { kind: 'none' };
  const inputs = plan.nodes.filter((n) => n.def?.role === 'input');
  if (inputs.length !== 1) return { kind: 'file', reason: 'several-inputs', json: preprocessingFile(p) };
  if (rescale) {
    const shape = inputs[0].output.ok ? inputs[0].output.shape : [];
    // The predict paths' rule: a model whose Input does not take the data's features (imported without its data) gets rows as they are.
    const size = shape.slice(1).reduce<number>((a, d) => a * (d ?? 0), 1);
    if (modelInputRoute(p, size) === 'none') return { kind: 'none' };
    const along = rescalingAlong(rescale, shape[shape.length - 1]);
    if (!along) return { kind: 'file', reason: 'input-shape', json: preprocessingFile(p) };
    return { kind: 'rescaling', layer: freshLayerName(plan, 'pixel_rescaling'), input: inputs[0].name, ...along };
  }
  if (!zscore) return { kind: 'none' };
  const consumers = plan.nodes.filter((n) => n.sources.includes(inputs[0].nodeId));
  if (consumers.length === 0) return { kind: 'file', reason: 'not-dense', json: preprocessingFile(p) };
  const dense: DenseTarget[] = [];
  for (const n of consumers) {
    const affine = n.def?.affineInput;
    if (!affine) return { kind: 'file', reason: 'not-dense', json: preprocessingFile(p) };
    const weights = n.def?.weightNames?.(n.params) ?? [];
    if (!weights.includes(affine.kernel) || !weights.includes(affine.bias)) return { kind: 'file', reason: 'no-bias', json: preprocessingFile(p) };
    dense.push({ layer: n.name, kernel: `${n.name}/${affine.kernel}`, bias: `${n.name}/${affine.bias}` });
  }
  return { kind: 'folded', zscore, dense };
}

/**
 * The pipeline's `rescale` step laid along the Input's last axis (length `last`): one scale and
 * offset when the step has one (it broadcasts over any shape), the step's per-channel values when
 * the last axis is the channels, or repeated along a flat Input (HWC rows: element j's channel is
 * j mod channels). Null when `last` is not a multiple of the channels.
 */
export function rescalingAlong(step: Extract<PreprocessStep, { kind: 'rescale' }>, last: number | null | undefined): { scale: number[]; offset: number[] } | null {
  const k = step.scale.length;
  if (k === 1) return { scale: [...step.scale], offset: [...step.offset] };
  if (typeof last !== 'number' || last % k !== 0) return null;
  return { scale: Array.from({ length: last }, (_, j) => step.scale[j % k]), offset: Array.from({ length: last }, (_, j) => step.offset[j % k]) };
}

/** `base`, or `base_1`, `base_2`, … : a layer name no node of the plan has. */
function freshLayerName(plan: ModelPlan, base: string): string {
  const taken = new Set(plan.nodes.map((n) => n.name));
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}

/**
 * A saved tfjs layers topology (`modelTopology` of `model.save`, Keras format) with a
 * `Rescaling(scale, offset)` layer named `layer` put between the Input layer `input` and every
 * layer it fed: in a `Sequential` it becomes the second layer, in a functional `Model` the inbound
 * nodes that named the Input name it instead. The layer's config is tfjs' own
 * (`tf.layers.rescaling(...).getConfig()`); a one-value scale is written as a number (what Keras
 * and Neurite's import expect), a longer one as a list (Keras 3 broadcasts it along the last axis).
 * Weights are untouched (Rescaling has none). Returns a new object.
 * @throws Error when the topology has no such Input layer.
 */
export function insertRescaling(topology: object, input: string, layer: string, scale: number[], offset: number[]): object {
  const copy = JSON.parse(JSON.stringify(topology)) as { class_name: string; config: { layers: { class_name: string; name?: string; config: { name?: string }; inbound_nodes?: unknown }[] } };
  const layers = copy.config?.layers;
  const at = Array.isArray(layers) ? layers.findIndex((l) => l.class_name === 'InputLayer' && (l.name ?? l.config?.name) === input) : -1;
  if (at < 0) throw new Error(`Cannot put the pixel scaling into the exported model: its topology has no Input layer named ${input}.`);
  const one = (v: number[]) => (v.length === 1 ? v[0] : v);
  const made = tf.layers.rescaling({ scale: one(scale) as number, offset: one(offset) as number, name: layer });
  const config = { ...made.getConfig(), name: layer, trainable: false };
  // An unbuilt layer holds no tensors: nothing to dispose.
  if (copy.class_name === 'Sequential') {
    layers.splice(at + 1, 0, { class_name: 'Rescaling', config });
    return copy;
  }
  for (const l of layers) if (l.inbound_nodes) l.inbound_nodes = (l.inbound_nodes as unknown[]).map((node) => (Array.isArray(node) ? node.map((ref) => (Array.isArray(ref) && ref[0] === input ? [layer, ...ref.slice(1)] : ref)) : node));
  layers.splice(at + 1, 0, { name: layer, class_name: 'Rescaling', config, inbound_nodes: [[[input, 0, 0, {}]]] } as (typeof layers)[number]);
  return copy;
}

/**
 * z = (x − m) / s feeding Dense(W, b) equals Dense(W', b') on x, with W'[i][j] = W[i][j] / s[i]
 * and b'[j] = b[j] − Σᵢ (m[i] / s[i]) · W[i][j]. Computed in float64, stored float32. Returns a
 * new weights buffer; the model itself is untouched.
 */
export function foldZscore(zscore: { means: number[]; stds: number[] }, dense: DenseTarget[], specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer): ArrayBuffer {
  const out = data.slice(0);
  const offsets = new Map<string, { offset: number; shape: number[] }>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32') throw new Error(`Cannot fold the normalisation: weight ${spec.name} is ${spec.dtype}, expected float32.`);
    offsets.set(spec.name, { offset, shape: spec.shape });
    offset += spec.shape.reduce((a, b) => a * b, 1) * 4;
  }
  for (const target of dense) {
    const k = offsets.get(target.kernel);
    const b = offsets.get(target.bias);
    if (!k || !b) throw new Error(`Cannot fold the normalisation: layer ${target.layer} has no saved kernel and bias.`);
    const [rows, units] = k.shape;
    if (rows !== zscore.means.length) throw new Error(`Cannot fold the normalisation: layer ${target.layer} has ${rows} inputs, the data ${zscore.means.length} features.`);
    const kernel = new Float32Array(out, k.offset, rows * units);
    const bias = new Float32Array(out, b.offset, units);
    const shift = new Float64Array(units);
    for (let i = 0; i < rows; i++) {
      const scale = 1 / zscore.stds[i];
      const m = zscore.means[i] * scale;
      for (let j = 0; j < units; j++) {
        const w = kernel[i * units + j];
        shift[j] += m * w;
        kernel[i * units + j] = w * scale;
      }
    }
    for (let j = 0; j < units; j++) bias[j] = bias[j] - shift[j];
  }
  return out;
}

/** The project's preprocessing and the plan of the graph the model was built from (`planGraph(project.graph)`). */
export interface ExportInputs {
  pipeline: Preprocessing;
  plan: ModelPlan;
}

/**
 * The model as a TF.js layers model: `model.json` (topology, weights manifest and, given the
 * project's `training` settings, its training configuration; see layersTrainingConfig) and the
 * weights file, with the preprocessing folded in or described (ExportPreprocessing), decided
 * from the plan of the graph `model` was built from.
 */
export async function exportLayersModel(model: tf.LayersModel, weightsFileName = 'weights.bin', preprocessing?: ExportInputs, training?: TrainingSettings): Promise<LayersModelExport> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    // The optimizer's state is not part of a model the user takes elsewhere.
    { includeOptimizer: false },
  );
  const saved = artifacts as tf.io.ModelArtifacts | null;
  if (!saved?.modelTopology || !saved.weightSpecs) throw new Error('tfjs produced no model topology to export.');
  let weightData = saved.weightData instanceof ArrayBuffer ? saved.weightData : tf.io.concatenateArrayBuffers(saved.weightData ?? []);
  let exported: ExportPreprocessing = { kind: 'none' };
  let topology = saved.modelTopology as object;
  if (preprocessing) {
    const plan = decideExportPreprocessing(preprocessing.pipeline, preprocessing.plan);
    if (plan.kind === 'folded') weightData = foldZscore(plan.zscore, plan.dense, saved.weightSpecs, weightData);
    if (plan.kind === 'rescaling') topology = insertRescaling(topology, plan.input, plan.layer, plan.scale, plan.offset);
    exported = exportedPreprocessing(plan);
  }
  const trainingConfig = training ? layersTrainingConfig(training) : { omitted: 'no training settings were given to the export.' };
  return {
    preprocessing: exported,
    training: 'config' in trainingConfig ? { kind: 'written' } : { kind: 'omitted', reason: trainingConfig.omitted },
    modelJson: {
      modelTopology: topology,
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (Neurite)`,
      convertedBy: null,
      weightsManifest: [{ paths: [weightsFileName], weights: saved.weightSpecs }],
      ...('config' in trainingConfig ? { trainingConfig: trainingConfig.config } : {}),
      userDefinedMetadata: neuriteMetadata(exported.kind, training),
    },
    weightData,
  };
}

/** What an export tells its caller of the decision (the TF.js and ONNX exports alike). */
export function exportedPreprocessing(plan: ExportPlan): ExportPreprocessing {
  if (plan.kind === 'folded') return { kind: 'folded', layers: plan.dense.map((d) => d.layer) };
  if (plan.kind === 'rescaling') return { kind: 'rescaling', layer: plan.layer, scale: plan.scale, offset: plan.offset };
  return plan;
}

/** Weight names as saved: `originalName`, since tfjs suffixes `name` (`_1`) when a name was used before in the process. */
function weightNames(model: tf.LayersModel): string[] {
  return model.weights.map((w) => (w as unknown as { originalName?: string }).originalName ?? w.name);
}

export function encodeWeights(model: tf.LayersModel): WeightTensor[] {
  const names = weightNames(model);
  return model.getWeights().map((tensor, i) => ({
    name: names[i],
    shape: [...tensor.shape],
    dtype: 'float32' as const,
    data: float32ToBase64(tensor.dataSync() as Float32Array),
  }));
}

/**
 * The `trained` section for a project after a run: the model's weights plus hashes of what it was
 * trained on. `plan`: the graph's plan, when the operation has one already.
 */
export function trainedSection(
  model: tf.LayersModel,
  project: Pick<Project, 'graph' | 'training' | 'dataset'>,
  run: Pick<Trained, 'reason' | 'history' | 'test'>,
  trainedAt = new Date().toISOString(),
  plan: ModelPlan = planGraph(project.graph),
): Trained {
  return { trainedAt, reason: run.reason, ...projectHashes(project, plan), weights: encodeWeights(model), history: run.history, ...(run.test ? { test: run.test } : {}) };
}

/**
 * Loads saved weights into a model built from the same graph. Matched by name; a missing,
 * extra or differently shaped weight fails with a ServiceError naming it (the graph changed
 * since training and the weights cannot be used).
 */
export function applyWeights(model: tf.LayersModel, weights: WeightTensor[]): void {
  const names = weightNames(model);
  const byName = new Map(weights.map((w) => [w.name, w]));
  const problems: string[] = [];
  const values: tf.Tensor[] = [];
  model.weights.forEach((variable, i) => {
    const saved = byName.get(names[i]);
    byName.delete(names[i]);
    if (!saved) {
      problems.push(`weight ${names[i]} is not in the file`);
      return;
    }
    if (saved.shape.join(',') !== variable.shape.join(',')) {
      problems.push(`weight ${names[i]}: expected shape [${variable.shape.join(', ')}], the file has [${saved.shape.join(', ')}]`);
      return;
    }
    const data = base64ToFloat32(saved.data);
    if (!data) {
      problems.push(`weight ${names[i]}: its data is not base64 float32`);
      return;
    }
    values.push(tf.tensor(data, saved.shape, 'float32'));
  });
  for (const extra of byName.keys()) problems.push(`the file has weight ${extra}, which the model does not`);
  if (problems.length) {
    tf.dispose(values);
    throw new ServiceError('weights-mismatch', `The saved weights do not fit this model (retrain it): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`);
  }
  model.setWeights(values);
  tf.dispose(values);
}
