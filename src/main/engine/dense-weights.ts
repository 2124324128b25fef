import type * as tf from '@tensorflow/tfjs';
import { MAX_LAYER_WEIGHT_VALUES, type LayerWeightsInfo } from '../../shared/api/contract';
import { encodeNumber } from '../../shared/api/numbers';
import { linearModelOf } from '../../shared/graph/linear-model';
import type { ModelPlan } from '../../shared/graph/plan';
import { ServiceError } from '../services/errors';

/**
 * Issue 16, "inside the model": a Dense layer's kernel and bias before training and now, read in
 * the trainer process from the run's model.
 */

/** A weight's short name in its layer: `kernel` or `bias` (tfjs names them `<layer>/kernel`, `<layer>/bias`). */
type WeightName = 'kernel' | 'bias';

/** Copies of every Dense layer's weights, by layer name then weight name (values row-major, as tfjs holds them). */
export type DenseSnapshot = Map<string, Map<WeightName, Float32Array>>;

/** What a run started from: a snapshot and where it came from (the initializers, or the saved weights a resumed run continued). */
export interface InitialWeights {
  source: 'initialized' | 'resumed';
  weights: DenseSnapshot;
}

function shortName(variable: tf.LayerVariable): WeightName | null {
  const full = (variable as unknown as { originalName?: string }).originalName ?? variable.name;
  const last = full.slice(full.lastIndexOf('/') + 1).replace(/_\d+$/, '');
  return last === 'kernel' || last === 'bias' ? last : null;
}

/** A layer's weights with their short names; the tensors are the variables' own (read them, never dispose). */
function namedWeights(layer: tf.layers.Layer): { name: WeightName; tensor: tf.Tensor }[] {
  const tensors = layer.getWeights();
  return layer.weights.flatMap((variable, i) => {
    const name = shortName(variable);
    return name ? [{ name, tensor: tensors[i] }] : [];
  });
}

/**
 * Copies the weights of every Dense layer of `model` (built from `plan`) as they are now: the
 * trainer calls it once the run's model holds its starting weights (after a resume applied the
 * saved ones), before the first step. Memory: 4 bytes per Dense weight, freed with the run.
 */
export function snapshotDenseWeights(model: tf.LayersModel, plan: ModelPlan): DenseSnapshot {
  const snapshot: DenseSnapshot = new Map();
  for (const n of plan.nodes) {
    if (n.node.type !== 'Dense') continue;
    const layer = model.getLayer(n.name);
    snapshot.set(n.name, new Map(namedWeights(layer).map(({ name, tensor }) => [name, Float32Array.from(tensor.dataSync() as Float32Array)])));
  }
  return snapshot;
}

/**
 * The Dense layer of node `nodeId` in `model` (built from `plan`, the run's graph): its kernel
 * `[inputs, units]` and bias `[units]`, `current` as the model holds them now and `initial` from
 * `initial` (null when unknown), and whether the whole model is y = w·x + b (`linearModelOf`).
 * @throws ServiceError `not-in-model` (no such node in the run's model), `not-dense` (another layer
 * type), `too-large` (more than MAX_LAYER_WEIGHT_VALUES values), each saying what to do.
 */
export function layerWeights(model: tf.LayersModel, plan: ModelPlan, nodeId: string, initial: InitialWeights | null): LayerWeightsInfo {
  const planned = plan.byId.get(nodeId);
  if (!planned) {
    throw new ServiceError('not-in-model', `Node ${nodeId} is not in the model this run trained (it was added or changed after training started). Train again to see its weights.`);
  }
  if (planned.node.type !== 'Dense') {
    throw new ServiceError('not-dense', `Node ${nodeId} is of type ${planned.node.type}: weights are shown for Dense layers only.`);
  }
  const layer = model.getLayer(planned.name);
  const weights = namedWeights(layer);
  const kernel = weights.find((w) => w.name === 'kernel');
  if (!kernel || kernel.tensor.rank !== 2) {
    throw new ServiceError('not-in-model', `The model of this run has no kernel for ${planned.name} (node ${nodeId}). Train again to see its weights.`);
  }
  const total = weights.reduce((sum, w) => sum + w.tensor.size, 0);
  if (total > MAX_LAYER_WEIGHT_VALUES) {
    throw new ServiceError(
      'too-large',
      `${planned.name} (node ${nodeId}) has ${total.toLocaleString('en-US')} weights; at most ${MAX_LAYER_WEIGHT_VALUES.toLocaleString('en-US')} are shown. Export the model to look at them elsewhere.`,
    );
  }
  const [inputs, units] = kernel.tensor.shape as [number, number];
  const before = initial?.weights.get(planned.name) ?? null;
  const linear = linearModelOf(plan);
  return {
    layer: { nodeId, name: planned.name, type: 'Dense', inputs, units, activation: String(planned.params.activation), useBias: weights.some((w) => w.name === 'bias') },
    initialSource: before ? initial!.source : 'unknown',
    // Kernel first, then bias: the order Keras' `layer.get_weights()` returns them.
    tensors: (['kernel', 'bias'] as const).flatMap((name) => {
      const w = weights.find((x) => x.name === name);
      if (!w) return [];
      const start = before?.get(name);
      return [{ name, shape: [...w.tensor.shape], initial: start ? Array.from(start, encodeNumber) : null, current: Array.from(w.tensor.dataSync(), encodeNumber) }];
    }),
    linearModel: linear?.denseNodeId === nodeId,
  };
}
