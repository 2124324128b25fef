import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { describeOutcome } from '../../shared/training/outcome-text';
import { wineLikeDataset, wineLikeProject } from '../../../test/tools/csv-project';
import { initBackend } from './backend';
import { disposeModel, runProject } from './run-project';
import { assessProjectRun } from '../../shared/training/outcome';

// The outcome judged on histories the real engine produces: the cases issue 9 reports.

const TEMPLATES = path.resolve(__dirname, '../../../resources/templates');

function template(name: string): Project {
  const result = parseProject(readFileSync(path.join(TEMPLATES, `${name}.neurite`), 'utf8'), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

async function trainAndAssess(project: Project) {
  const run = await runProject(project);
  try {
    return { history: run.outcome.history, reason: run.outcome.reason, outcome: assessProjectRun(project, run.dataset, run.outcome.reason, run.outcome.history) };
  } finally {
    disposeModel(run.model);
  }
}

beforeAll(async () => {
  await initBackend();
});

describe('assessRun on real runs', () => {
  it('the tutorial classifier at learning rate 10 did not learn (accuracy at chance), and the default-rate remedy learns', async () => {
    const project = template('keras-tutorial-classifier');
    project.training.optimizer = { type: 'rmsprop', learningRate: 10 };
    const hot = await trainAndAssess(project);
    // What the issue saw: a completed run at chance accuracy every epoch.
    expect(hot.reason).toBe('completed');
    expect(hot.outcome.kind).toBe('did-not-learn');
    expect(hot.outcome.accuracy!.last).toBeLessThan(hot.outcome.accuracy!.chance + 0.05);
    expect(hot.outcome.accuracy!.chance).toBeGreaterThan(0.09);
    expect(hot.outcome.accuracy!.chance).toBeLessThan(0.15);
    expect(hot.outcome.causes).toContainEqual({ kind: 'learning-rate-too-high', optimizer: 'rmsprop', learningRate: 10, defaultLearningRate: 0.001 });
    const remedy = hot.outcome.remedies[0];
    expect(remedy).toEqual({ kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'rmsprop' });
    expect(describeOutcome(hot.outcome).remedies[0].label).toBe('Use RMSprop’s default learning rate (0.001)');

    project.training.optimizer = { type: 'rmsprop', learningRate: remedy.kind === 'set-learning-rate' ? remedy.learningRate : NaN };
    const fixed = await trainAndAssess(project);
    expect(fixed.outcome.kind).toBe('learned');
    expect(fixed.outcome.accuracy!.last).toBeGreaterThan(0.75);
    // The words quote the numbers the run panel shows as final: the last epoch's.
    const last = fixed.history[fixed.history.length - 1].logs;
    expect(describeOutcome(fixed.outcome).message).toBe(
      `The model learned: training loss fell from ${fixed.history[0].logs.loss.toFixed(4)} to ${last.loss.toFixed(4)} and accuracy reached ${last.acc.toFixed(4)} (chance level ${fixed.outcome.accuracy!.chance.toFixed(4)}).`,
    );
  });

  it('unnormalised wine-like data sits at one loss and the majority-class accuracy: did not learn, normalise; normalised it learns', async () => {
    const raw = await trainAndAssess(wineLikeProject(wineLikeDataset(false)));
    expect(raw.reason).toBe('completed');
    expect(raw.history[0].logs.loss).toBeCloseTo(raw.history[raw.history.length - 1].logs.loss, 3);
    expect(raw.outcome.kind).toBe('did-not-learn');
    expect(raw.outcome.accuracy!.chance).toBeCloseTo(71 / 178, 5);
    expect(raw.outcome.causes[0]).toMatchObject({ kind: 'inputs-not-normalized', feature: 'Proline' });
    expect(raw.outcome.remedies[0]).toEqual({ kind: 'normalize-inputs' });
    expect(describeOutcome(raw.outcome).causes[0].message).toMatch(/“Proline” is around [\d.]+ ± [\d.]+/);

    const normalised = await trainAndAssess(wineLikeProject(wineLikeDataset(true)));
    expect(normalised.outcome.kind).toBe('learned');
    expect(normalised.outcome.accuracy!.last).toBeGreaterThan(0.9);
  });

  it('a run the NaN watchdog stops is diverged, with a lower learning rate to try', async () => {
    const project = template('keras-tutorial-regression');
    project.training.optimizer = { type: 'sgd', learningRate: 10 };
    project.dataset = { ...project.dataset, kind: 'generator', generator: 'linear', seed: 1, noise: 10 } as Project['dataset'];
    const hot = await trainAndAssess(project);
    expect(hot.reason).toBe('diverged');
    expect(hot.outcome.kind).toBe('diverged');
    expect(hot.outcome.remedies).toContainEqual({ kind: 'set-learning-rate', learningRate: 0.01, basis: 'optimizer-default', optimizer: 'sgd' });
  });

  it('the regression tutorial as shipped learned', async () => {
    const { outcome } = await trainAndAssess(template('keras-tutorial-regression'));
    expect(outcome.kind).toBe('learned');
    expect(outcome.loss!.change).toBeLessThan(-0.5);
    expect(outcome.causes).toEqual([]);
  });
});
