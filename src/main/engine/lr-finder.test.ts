import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain, node } from '../../shared/graph/fixtures';
import { OPTIMIZERS, type Project, type TrainingSettings } from '../../shared/project/schema';
import { parseProject } from '../../shared/project/load';
import { initBackend } from './backend';
import { buildForTraining } from './compile';
import { findLearningRate } from './lr-finder';
import { setOptimizerLearningRate } from './learning-rate';
import { disposeModel } from './run-project';
import { generalTrainStep } from './train-loop';

beforeAll(async () => {
  await initBackend();
});

function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const TRAINING: TrainingSettings = { optimizer: { type: 'sgd', learningRate: 0.1 }, loss: 'meanSquaredError', metrics: [], epochs: 1, batchSize: 8, validationSplit: 0, splitMode: 'shuffle', testSplit: 0, shuffle: false, seed: 3 };

describe('setOptimizerLearningRate', () => {
  // A model built with rate 1 and set to 0.05 before each step must train exactly as one built with 0.05.
  it.each(OPTIMIZERS)('%s: a rate set between steps is the rate the next steps use', (type) => {
    const graph = chain(node('in', 'Input', { shape: [3] }), node('h', 'Dense', { units: 4, activation: 'tanh' }), node('out', 'Dense', { units: 1 }));
    const built = buildForTraining(graph, { ...TRAINING, optimizer: { type, learningRate: 0.05 } }).model;
    const set = buildForTraining(graph, { ...TRAINING, optimizer: { type, learningRate: 1 } }).model;
    const x = tf.tensor2d([0.1, -0.2, 0.3, 0.5, 0.4, -0.1, -0.3, 0.2, 0.9], [3, 3]);
    const y = tf.tensor2d([0.5, -0.5, 1], [3, 1]);
    try {
      setOptimizerLearningRate(set.optimizer, 0.05);
      for (const model of [built, set]) {
        const step = generalTrainStep(model);
        for (let i = 0; i < 3; i++) tf.dispose(step([x, y]));
      }
      const a = built.getWeights().map((w) => Array.from(w.dataSync()));
      const b = set.getWeights().map((w) => Array.from(w.dataSync()));
      const untrained = buildForTraining(graph, { ...TRAINING, optimizer: { type, learningRate: 0.05 } }).model;
      expect(a.flat()).not.toEqual(untrained.getWeights().flatMap((w) => Array.from(w.dataSync())));
      disposeModel(untrained);
      b.flat().forEach((v, i) => expect(v).toBeCloseTo(a.flat()[i], 6));
    } finally {
      tf.dispose([x, y]);
      disposeModel(built);
      disposeModel(set);
    }
  });

  it('refuses a rate that is negative or not finite (0 is a warm-up\'s first rate)', () => {
    const { model } = buildForTraining(chain(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 1 })), TRAINING);
    expect(() => setOptimizerLearningRate(model.optimizer, -1)).toThrow(/finite number ≥ 0; got -1/);
    expect(() => setOptimizerLearningRate(model.optimizer, 0)).not.toThrow();
    expect(() => setOptimizerLearningRate(model.optimizer, Number.NaN)).toThrow(/got NaN/);
    disposeModel(model);
  });
});

describe('findLearningRate on a template', () => {
  it('records one point per batch with rising rates, suggests a rate inside the range, is repeatable and frees its tensors', async () => {
    const project = template('playground-circles');
    const before = tf.memory().numTensors;
    const result = await findLearningRate(project);
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({ startLr: 1e-7, endLr: 10, steps: 300, batchSize: 16 });
    // 400 circles, 20% held out for validation: 320 training rows in batches of 16.
    expect(result.batchesPerEpoch).toBe(20);
    // Adam at rates near 10 blows the loss up: the test ends there, or runs all 300 batches.
    if (result.stoppedEarly) expect(result.stoppedEarly.reason).toMatch(/^(diverged|non-finite)$/);
    else expect(result.points).toHaveLength(300);
    expect(result.points.length).toBeGreaterThan(200);
    expect(result.points[0].lr).toBe(1e-7);
    for (let i = 1; i < result.points.length; i++) expect(result.points[i].lr).toBeGreaterThan(result.points[i - 1].lr);
    for (const p of result.points) {
      expect(Number.isFinite(p.loss)).toBe(true);
      expect(Number.isFinite(p.smoothed)).toBe(true);
    }
    // Cross-entropy of 2 classes starts near ln 2 and falls once the rate is large enough.
    expect(result.points[0].loss).toBeGreaterThan(0.5);
    expect(Math.min(...result.points.map((p) => p.smoothed))).toBeLessThan(result.points[30].smoothed * 0.95);
    expect(result.suggestion.kind).toBe('minimum');
    if (result.suggestion.kind === 'minimum') {
      const { lr, minimumAt } = result.suggestion;
      expect(result.points.some((p) => p.lr === minimumAt)).toBe(true);
      expect(lr).toBe(Number((minimumAt / 10).toPrecision(2)));
      // The template trains Adam at 0.03: the suggestion is within a decade or two of it, not noise at 1e-6.
      expect(lr).toBeGreaterThan(1e-3);
      expect(lr).toBeLessThan(1);
    }
    // Seeded: the same project gives the same test.
    const again = await findLearningRate(project);
    expect(again.points).toEqual(result.points);
  });

  it('ends early with reason "stopped" when asked to stop, keeping the points so far', async () => {
    let polls = 0;
    const result = await findLearningRate(template('keras-tutorial-regression'), { steps: 50 }, { shouldStop: () => ++polls >= 5 });
    expect(result.stoppedEarly).toMatchObject({ reason: 'stopped', step: 4 });
    expect(result.points).toHaveLength(5);
    expect(result.suggestion).toEqual({ kind: 'too-few-points', points: 0 });
  });

  it('reports its progress: rising batches and rates, each with the smoothed loss recorded for it', async () => {
    const seen: { step: number; steps: number; lr: number; smoothed: number }[] = [];
    const result = await findLearningRate(template('keras-tutorial-regression'), { steps: 40, startLr: 1e-4, endLr: 1e-2 }, { onProgress: (p) => seen.push(p), progressIntervalMs: 0 });
    expect(seen.length).toBeGreaterThan(30);
    for (const p of seen) {
      expect(p.steps).toBe(40);
      expect(p.lr).toBe(result.points[p.step].lr);
      expect(p.smoothed).toBe(result.points[p.step].smoothed);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i].step).toBeGreaterThan(seen[i - 1].step);
  });

  it('goes through the training rows again when one pass has fewer batches than the test', async () => {
    // The regression tutorial: 100 rows in batches of 32, so 4 batches a pass; 30 batches take 8 passes.
    const result = await findLearningRate(template('keras-tutorial-regression'), { steps: 30, startLr: 1e-4, endLr: 1e-2 });
    expect(result.batchesPerEpoch).toBe(4);
    expect(result.points).toHaveLength(30);
    expect(result.stoppedEarly).toBeNull();
    expect(result.points[29].lr).toBeCloseTo(1e-2, 12);
  });

  it('ends at once when the loss is not finite at the first batch, with no points and no suggestion', async () => {
    // Inputs scaled by 1e30 inside the model: the squared error overflows float32 before any step.
    const project = template('keras-tutorial-regression');
    project.graph = chain(node('in', 'Input', { shape: [1] }), node('big', 'Rescaling', { scale: 1e30, offset: 0 }), node('out', 'Dense', { units: 1 }));
    const before = tf.memory().numTensors;
    const result = await findLearningRate(project);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.stoppedEarly).toMatchObject({ reason: 'non-finite', step: 0, lr: 1e-7 });
    expect(result.points).toEqual([]);
    expect(result.suggestion).toEqual({ kind: 'too-few-points', points: 0 });
  });

  it('refuses an invalid graph as a run does', async () => {
    const project = template('playground-circles');
    project.graph = { ...project.graph, edges: [] };
    await expect(findLearningRate(project)).rejects.toMatchObject({ code: 'invalid-graph' });
  });
});
