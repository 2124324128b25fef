import * as tf from '@tensorflow/tfjs';
import { generateDataset } from '../../shared/data/generators';
import { modelInputRows, preprocessingFor, type RawValue } from '../../shared/data/preprocess';
import { loadCsvDataset } from '../data/load-csv';
import { loadImagesDataset, restoreFolderImages } from '../data/load-images';
import type { Dataset } from '../../shared/data/types';
import { applyTargetPlan, planTargets } from '../../shared/data/targets';
import type { DatasetSpec, Project, WeightTensor } from '../../shared/project/schema';
import { planGraph } from '../../shared/graph/plan';
import { buildForTraining, buildModel, installSeededMathRandom } from './compile';
import { applyWeights } from './export-model';
import { savedWeightsUsable, trainedStatus } from '../../shared/project/trained';
import { ServiceError } from '../services/errors';
import { checkTrainable, trainModel, type RunPlan, type TrainOutcome, type TrainProgress } from './train-loop';
import type { FastPathSource } from './fast-dense';

/** Turns a project's dataset spec into rows: generated, a CSV import (cached parse, see src/main/data), or images (issue 14). */
export function loadDataset(spec: DatasetSpec): Dataset {
  switch (spec.kind) {
    case 'generator':
      return generateDataset(spec);
    case 'csv':
      return loadCsvDataset(spec);
    case 'images':
      return loadImagesDataset(spec);
  }
}

/**
 * What prediction applies to raw rows so they match what training saw: the project's one
 * preprocessing pipeline (src/shared/data/preprocess.ts), or, when the project's data does not
 * fit a model of `numFeatures` inputs (an imported model, issue 13), nothing: the rows go to the
 * model as they are (`modelInputRoute`). Throws PreprocessError for a row that does not fit (its
 * message names the row, column, expected and got).
 */
export function inputTransform(spec: DatasetSpec, numFeatures: number): (rows: RawValue[][]) => number[][] {
  const pipeline = preprocessingFor(spec);
  return (rows) => modelInputRows(pipeline, numFeatures, rows).rows;
}

export interface RunHooks {
  onStarted?: (plan: RunPlan) => void;
  /** The compiled model, before the first step: the trainer predicts with it between steps (live fit previews). */
  onModelReady?: (model: tf.LayersModel, dataset: Dataset) => void;
  onProgress?: (progress: TrainProgress) => void;
  shouldStop?: () => boolean;
  progressIntervalMs?: number;
  /** Start from these weights (keep training a saved model) instead of fresh initial values. */
  initialWeights?: WeightTensor[];
}

export interface ProjectRun {
  outcome: TrainOutcome;
  model: tf.LayersModel;
  dataset: Dataset;
}

/**
 * A project made ready to train: its rows loaded and checked, its model built and compiled from
 * one plan (seeded by `training.seed`), Math.random seeded for dropout, and the labels as the
 * loss compares them. A run (`runProject`) and the learning-rate finder (lr-finder.ts) both start
 * here, so the finder trains the very model and rows a run would. The caller disposes `model`
 * and calls `restoreRandom` when done.
 */
export interface PreparedRun {
  /** The rows as loaded (predictions and outcomes read these). */
  dataset: Dataset;
  /** The rows with the labels as the loss compares them (e.g. one 0/1 column for one sigmoid unit on two one-hot classes). */
  targets: Dataset;
  plan: RunPlan;
  model: tf.LayersModel;
  source: FastPathSource;
  restoreRandom: () => void;
}

/** Throws TrainDataError (bad-data) or ServiceError('invalid-graph') before any training. */
export async function prepareProjectRun(project: Project): Promise<PreparedRun> {
  // Issue 14: an image folder whose packed copy is missing is imported again from where it was picked.
  await restoreFolderImages(project.dataset);
  const dataset = loadDataset(project.dataset);
  const plan = checkTrainable(dataset, project.training);
  // One plan of the graph: the compiler builds from it and the fast Dense path reads its layers there.
  const { model, source } = buildForTraining(project.graph, project.training);
  const seed = project.training.seed;
  const restoreRandom = seed === null ? () => undefined : installSeededMathRandom(seed);
  try {
    // The labels as the loss compares them, as validation planned them.
    const outputUnits = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? 0;
    const targets = applyTargetPlan(dataset, planTargets(dataset, project.training.loss, outputUnits));
    return { dataset, targets, plan, model, source, restoreRandom };
  } catch (error) {
    restoreRandom();
    disposeModel(model);
    throw error;
  }
}

/**
 * Builds, compiles and trains a project's model on its dataset: the one path the trainer
 * process, the command line and the benchmarks share. The caller owns (and disposes) the model.
 * Throws TrainDataError (bad-data) or ServiceError('invalid-graph') before training starts.
 */
export async function runProject(project: Project, hooks: RunHooks = {}): Promise<ProjectRun> {
  const { dataset, targets, plan, model, source, restoreRandom } = await prepareProjectRun(project);
  try {
    if (hooks.initialWeights) applyWeights(model, hooks.initialWeights);
    hooks.onModelReady?.(model, dataset);
    hooks.onStarted?.(plan);
    const outcome = await trainModel({
      model,
      dataset: targets,
      settings: project.training,
      source,
      onProgress: hooks.onProgress,
      shouldStop: hooks.shouldStop,
      progressIntervalMs: hooks.progressIntervalMs,
    });
    return { outcome, model, dataset };
  } catch (error) {
    disposeModel(model);
    throw error;
  } finally {
    restoreRandom();
  }
}

/**
 * A saved project's model: built from its graph with the `trained` weights applied (no
 * training). The trainer's model.load and the command line's predict share it, and the rule
 * of when saved weights may be used (`savedWeightsUsable`). Throws ServiceError('no-weights')
 * without weights, 'weights-stale' when the graph changed since training, 'weights-mismatch'
 * when they do not fit the graph. The caller owns (and disposes) the model.
 */
export function loadTrainedModel(project: Project): { model: tf.LayersModel; numFeatures: number } {
  if (!project.trained) throw new ServiceError('no-weights', 'This project has no trained weights: train it first.');
  // One plan: the model is built from it and the weights' freshness is judged on it.
  const plan = planGraph(project.graph);
  const model = buildModel(project.graph, { seed: project.training.seed }, plan);
  try {
    // Weights that do not fit are named first (weights-mismatch); weights that fit a changed graph are still not its weights.
    applyWeights(model, project.trained.weights);
    if (!savedWeightsUsable(trainedStatus(project, plan))) {
      throw new ServiceError('weights-stale', 'The saved weights were trained on an earlier version of this graph (a layer or a connection changed since): train the model again.');
    }
  } catch (error) {
    disposeModel(model);
    throw error;
  }
  const numFeatures = model.inputs[0].shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  return { model, numFeatures };
}

/** Frees a model and the optimizer compile gave it (tfjs does not dispose an optimizer it was handed). */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

