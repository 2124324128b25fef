import { runWords } from '../../shared/training/run-messages';
import * as tf from '@tensorflow/tfjs';
import type { ModelPlan } from '../../shared/graph/plan';
import { encodeNumber, type WireNumber } from '../../shared/api/numbers';
import type { RawValue } from '../../shared/data/preprocess';
import { TrainDataError, modelExampleShape } from './train-loop';

/**
 * Issue 14, "seeing what the network sees": for one image, the output of every convolutional and
 * pooling layer (their feature maps) and the learned filters of the first Conv2D, computed with
 * tfjs in the trainer process.
 */

/** The layer categories (registry `category`) whose outputs are shown as feature maps. */
export const FEATURE_MAP_CATEGORIES: ReadonlySet<string> = new Set(['Convolution', 'Pooling']);

/** One layer's output for the image: `shape` [height, width, channels], `values` row-major HWC (length h·w·c). */
export interface LayerMaps {
  nodeId: string;
  /** The layer's name in the model (`conv2d_c1`), as the summary shows it. */
  name: string;
  /** Registry type, e.g. `Conv2D`, `MaxPooling2D`. */
  type: string;
  shape: [number, number, number];
  /** Non-finite values (a diverged model) travel as 'NaN', 'Infinity', '-Infinity' (shared/api/numbers.ts). */
  values: WireNumber[];
}

/** The first Conv2D's kernel: `shape` [kh, kw, inChannels, filters] (Keras/tfjs layout), `values` row-major. */
export interface FirstFilters {
  nodeId: string;
  name: string;
  shape: [number, number, number, number];
  values: WireNumber[];
}

export interface FeatureMaps {
  layers: LayerMaps[];
  /** Null when the model has no Conv2D. */
  filters: FirstFilters | null;
}

/**
 * The feature maps of `model` (built from `plan`) for one preprocessed example `x` (one number per
 * feature, the pipeline already applied; reshaped to the Input's shape as training does): every
 * layer of a FEATURE_MAP_CATEGORIES category whose output is [batch, h, w, c], in plan order, and
 * the kernel of the first Conv2D. One forward pass through a model sharing `model`'s layers; every
 * tensor it makes is disposed (the shared layers and weights are `model`'s, left untouched).
 * @throws TrainDataError when `x` does not have the Input's size, or the model has several inputs.
 */
export function featureMaps(model: tf.LayersModel, plan: ModelPlan, x: ArrayLike<number>): FeatureMaps {
  if (model.inputs.length !== 1) throw new TrainDataError(runWords('train.data.featureMapsOneInput'));
  const exampleShape = modelExampleShape(model, x.length);
  const chosen = plan.nodes.filter((n) => n.def && FEATURE_MAP_CATEGORIES.has(n.def.category) && n.output.ok && n.output.shape.length === 4);
  const layers = chosen.map((n) => model.getLayer(n.name));
  const firstConv = plan.nodes.find((n) => n.def?.type === 'Conv2D');
  const filters = firstConv ? kernelOf(model.getLayer(firstConv.name), firstConv.nodeId, firstConv.name) : null;
  if (layers.length === 0) return { layers: [], filters };
  // A model over the same layers (no new weights): its outputs are the chosen layers' outputs.
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const outputs = tf.tidy(() => {
    const out = probe.predict(tf.tensor(Array.from(x), [1, ...exampleShape])) as tf.Tensor | tf.Tensor[];
    return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape.slice(1) as [number, number, number], values: Array.from(t.dataSync(), encodeNumber) }));
  });
  return { layers: chosen.map((n, i) => ({ nodeId: n.nodeId, name: n.name, type: n.node.type, ...outputs[i] })), filters };
}

function kernelOf(layer: tf.layers.Layer, nodeId: string, name: string): FirstFilters | null {
  const kernel = layer.getWeights()[0];
  if (!kernel || kernel.rank !== 4) return null;
  // getWeights() returns the variables' own tensors (not copies): read, never dispose.
  return { nodeId, name, shape: kernel.shape as [number, number, number, number], values: Array.from(kernel.dataSync(), encodeNumber) };
}

/**
 * The feature maps for one RAW row (one value per pixel, 0…maxValue, as stored and sent), through
 * the project's one preprocessing pipeline (`transform`: the trainer's `inputTransform`, the same
 * the predict paths use), then `featureMaps`.
 * @throws PreprocessError / TrainDataError naming the problem (wrong number of values, not a number).
 */
export function featureMapsForRow(model: tf.LayersModel, plan: ModelPlan, transform: (rows: RawValue[][]) => number[][], row: RawValue[]): FeatureMaps {
  const [x] = transform([row]);
  return featureMaps(model, plan, x);
}
