import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_FOR_TESTS } from './test-setup';
import type { RunRecord } from '../project/schema';
import { EXPERIMENT_MAX_SGD_STEPS, latestExperimentRuns, planBatchSizeExperiment } from './experiment';

describe("the learner's batch-size experiment", () => {
  it('trains with every training row, 1 and 32 per batch; the Keras regression tutorial keeps its 200 epochs', () => {
    const training = { ...DEFAULT_TRAINING_FOR_TESTS, epochs: 200, validationSplit: 0, testSplit: 0 };
    const plan = planBatchSizeExperiment(training, { kind: 'generator', generator: 'linear', seed: 42 })!;
    expect(plan.trainRows).toBe(100);
    expect(plan.runs.map((r) => [r.kind, r.batchSize, r.training.batchSize, r.training.epochs])).toEqual([
      ['batch', 100, 100, 200],
      ['stochastic', 1, 1, 200],
      ['minibatch', 32, 32, 200],
    ]);
    expect(plan.cappedFrom).toBeNull();
    // Nothing else of the settings changes.
    expect(plan.runs[1].training.optimizer).toBe(training.optimizer);
  });

  it('caps the epochs of all three runs so batch size 1 makes at most 20,000 updates, after the validation split', () => {
    const plan = planBatchSizeExperiment({ ...DEFAULT_TRAINING_FOR_TESTS, epochs: 100, validationSplit: 0.2 }, { kind: 'generator', generator: 'classification', seed: 1 })!;
    expect(plan.trainRows).toBe(800);
    expect(plan.epochs).toBe(Math.floor(EXPERIMENT_MAX_SGD_STEPS / 800));
    expect(plan.cappedFrom).toBe(100);
    expect(plan.runs.every((r) => r.training.epochs === 25)).toBe(true);
    expect(plan.runs[0].batchSize).toBe(800);
    // More rows than the budget: one epoch.
    expect(planBatchSizeExperiment({ ...DEFAULT_TRAINING_FOR_TESTS, epochs: 5, validationSplit: 0 }, { kind: 'generator', generator: 'xor', seed: 1, samples: 50_000 })!.epochs).toBe(1);
  });

  it('finds the latest experiment, one run per trial', () => {
    const run = (number: number, groupId: string, trial: number): Pick<RunRecord, 'origin' | 'number'> => ({ number, origin: { kind: 'experiment', groupId, trial } });
    const runs = [run(1, 'experiment-a', 0), run(2, 'experiment-b', 0), run(3, 'experiment-b', 2), run(4, 'experiment-b', 1), { number: 5, origin: { kind: 'train' as const } }];
    expect(latestExperimentRuns(runs).map((r) => r.number)).toEqual([2, 4, 3]);
    expect(latestExperimentRuns([])).toEqual([]);
  });
});
