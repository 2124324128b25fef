import * as tf from '@tensorflow/tfjs';
import type { Project } from '../../shared/project/schema';
import { splitRows } from '../../shared/data/split';
import { createRandom } from '../../shared/data/random';
import {
  finderLearningRate,
  LrFinderRecorder,
  resolveLrFinderOptions,
  suggestLearningRate,
  type LrFinderOptions,
  type LrFinderProgress,
  type LrFinderResult,
  type LrFinderStop,
} from '../../shared/training/lr-finder';
import { disposeModel, prepareProjectRun } from './run-project';
import { checkOutputFitsLabels, fillBatch, generalTrainStep, modelExampleShape } from './train-loop';
import { setOptimizerLearningRate } from './learning-rate';

export interface LrFinderHooks {
  /** Polled after every batch; the loop yields to the event loop about every 50 ms so a stop message can arrive. */
  shouldStop?: () => boolean;
  /** Told where the test is about every `progressIntervalMs` (default 100 ms). */
  onProgress?: (progress: LrFinderProgress) => void;
  progressIntervalMs?: number;
}

/**
 * The learning-rate range test (src/shared/training/lr-finder.ts) on a project's own model and
 * rows: a fresh model built and initialised exactly as a run's (`prepareProjectRun`, seeded by
 * `training.seed`) with the project's optimizer and its other settings, trained on the training
 * rows (validation and test rows held out as a run holds them out) in batches of the project's
 * batch size, reshuffled every pass when `shuffle` is on, for `steps` batches while the learning
 * rate rises from `startLr` to `endLr`. It stops early when the smoothed loss exceeds 4× its best,
 * a loss is not finite, or `shouldStop` says so.
 *
 * It always takes tfjs' general training step (the fused Dense step's rate is fixed when it is
 * made) and its model is disposed at the end: a run's model and the project's `trained` weights
 * are never touched. Tensors made per batch are disposed.
 *
 * @throws TrainDataError / ServiceError('invalid-graph') as a run does, LrFinderOptionsError for a bad range.
 */
export async function findLearningRate(project: Project, options: LrFinderOptions = {}, hooks: LrFinderHooks = {}): Promise<LrFinderResult> {
  const resolved = resolveLrFinderOptions(options);
  const started = performance.now();
  const { targets, plan, model, restoreRandom } = await prepareProjectRun(project);
  try {
    checkOutputFitsLabels(model, targets.labelWidth);
    const settings = project.training;
    const exampleShape = modelExampleShape(model, targets.numFeatures);
    const order = Int32Array.from(splitRows(targets, settings).train);
    const rng = createRandom(settings.seed ?? Math.floor(Math.random() * 2 ** 31));
    const step = generalTrainStep(model);
    const optimizer = model.optimizer;
    const batchRows = Math.min(settings.batchSize, plan.trainSamples);
    const xBatch = new Float32Array(batchRows * targets.numFeatures);
    const yBatch = new Float32Array(batchRows * targets.labelWidth);
    const recorder = new LrFinderRecorder();
    let stop: LrFinderStop | null = null;
    let lastYield = performance.now();
    let lastProgress = lastYield;
    const progressIntervalMs = hooks.progressIntervalMs ?? 100;
    let batch = plan.batchesPerEpoch;
    for (let i = 0; i < resolved.steps && !stop; i++) {
      if (batch === plan.batchesPerEpoch) {
        if (settings.shuffle) rng.shuffle(order);
        batch = 0;
      }
      const begin = batch * settings.batchSize;
      const size = Math.min(settings.batchSize, plan.trainSamples - begin);
      const xb = size === batchRows ? xBatch : xBatch.subarray(0, size * targets.numFeatures);
      const yb = size === batchRows ? yBatch : yBatch.subarray(0, size * targets.labelWidth);
      fillBatch(targets, order, begin, size, xb, yb);
      batch++;
      const lr = finderLearningRate(i, resolved);
      setOptimizerLearningRate(optimizer, lr);
      // Kept out of the tidy and disposed after reading, as the train loop does: a metric's output
      // returned by the step outlives a tidy that returns a plain number (one tensor a batch leaked).
      const outs = tf.tidy(() => step([tf.tensor(xb, [size, ...exampleShape]), tf.tensor2d(yb, [size, targets.labelWidth])]).map((t) => tf.keep(t)));
      const loss = outs[0].dataSync()[0];
      tf.dispose(outs);
      stop = recorder.add(i, lr, loss);
      if (stop) break;
      if (hooks.onProgress && performance.now() - lastProgress > progressIntervalMs) {
        const last = recorder.points[recorder.points.length - 1];
        hooks.onProgress({ step: i, steps: resolved.steps, lr, smoothed: last.smoothed });
        lastProgress = performance.now();
      }
      if (performance.now() - lastYield > 50) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (hooks.shouldStop?.() && i + 1 < resolved.steps) stop = { reason: 'stopped', step: i, lr };
    }
    return {
      ...resolved,
      points: recorder.points,
      suggestion: suggestLearningRate(recorder.points, resolved.steps),
      stoppedEarly: stop,
      batchesPerEpoch: plan.batchesPerEpoch,
      batchSize: batchRows,
      elapsedMs: performance.now() - started,
    };
  } finally {
    disposeModel(model);
    restoreRandom();
  }
}
