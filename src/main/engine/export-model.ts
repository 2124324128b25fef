import * as tf from '@tensorflow/tfjs';
import { base64ToFloat32, float32ToBase64 } from '../../shared/project/base64';
import { projectHashes } from '../../shared/project/hash';
import type { Project, Trained, WeightTensor } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';

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
  };
  weightData: ArrayBuffer;
}

export async function exportLayersModel(model: tf.LayersModel, weightsFileName = 'weights.bin'): Promise<LayersModelExport> {
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
  const weightData = saved.weightData instanceof ArrayBuffer ? saved.weightData : tf.io.concatenateArrayBuffers(saved.weightData ?? []);
  return {
    modelJson: {
      modelTopology: saved.modelTopology as object,
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (Neurite)`,
      convertedBy: null,
      weightsManifest: [{ paths: [weightsFileName], weights: saved.weightSpecs }],
      ...(saved.trainingConfig ? { trainingConfig: saved.trainingConfig as object } : {}),
    },
    weightData,
  };
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

/** The `trained` section for a project after a run: the model's weights plus hashes of what it was trained on. */
export function trainedSection(model: tf.LayersModel, project: Pick<Project, 'graph' | 'training' | 'dataset'>, run: Pick<Trained, 'reason' | 'history' | 'test'>, trainedAt = new Date().toISOString()): Trained {
  return { trainedAt, reason: run.reason, ...projectHashes(project), weights: encodeWeights(model), history: run.history, ...(run.test ? { test: run.test } : {}) };
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
