import * as tf from '@tensorflow/tfjs';
import { generateDataset } from '../../shared/data/generators';
import { transformInputRows } from '../../shared/data/csv';
import { loadCsvDataset } from '../data/load-csv';
import type { Dataset } from '../../shared/data/types';
import { applyTargetPlan, planTargets } from '../../shared/data/targets';
import type { DatasetSpec, Project, WeightTensor } from '../../shared/project/schema';
import { buildModel, compileModel, installSeededMathRandom } from './compile';
import { applyWeights } from './export-model';
import { checkTrainable, trainModel, type RunPlan, type TrainOutcome, type TrainProgress } from './train-loop';

/** Turns a project's dataset spec into rows: generated, or a CSV import (cached parse, see src/main/data). */
export function loadDataset(spec: DatasetSpec): Dataset {
  switch (spec.kind) {
    case 'generator':
      return generateDataset(spec);
    case 'csv':
      return loadCsvDataset(spec);
  }
}

/** What prediction applies to typed feature rows so they match what training saw (CSV z-score). */
export function inputTransform(spec: DatasetSpec): (rows: number[][]) => number[][] {
  return spec.kind === 'csv' ? (rows) => transformInputRows(rows, spec) : (rows) => rows;
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
 * Builds, compiles and trains a project's model on its dataset: the one path the trainer
 * process, the command line and the benchmarks share. The caller owns (and disposes) the model.
 * Throws TrainDataError (bad-data) or ServiceError('invalid-graph') before training starts.
 */
export async function runProject(project: Project, hooks: RunHooks = {}): Promise<ProjectRun> {
  const dataset = loadDataset(project.dataset);
  const plan = checkTrainable(dataset, project.training);
  const model = buildModel(project.graph, { seed: project.training.seed });
  const seed = project.training.seed;
  const restoreRandom = seed === null ? () => undefined : installSeededMathRandom(seed);
  try {
    if (hooks.initialWeights) applyWeights(model, hooks.initialWeights);
    compileModel(model, project.training);
    hooks.onModelReady?.(model, dataset);
    hooks.onStarted?.(plan);
    // The labels as the loss compares them (e.g. one 0/1 column for one sigmoid unit on two one-hot classes), as validation planned them.
    const outputUnits = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? 0;
    const targets = applyTargetPlan(dataset, planTargets(dataset, project.training.loss, outputUnits));
    const outcome = await trainModel({
      model,
      dataset: targets,
      settings: project.training,
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

/** Frees a model and the optimizer compile gave it (tfjs does not dispose an optimizer it was handed). */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
