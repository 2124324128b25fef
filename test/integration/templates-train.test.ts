import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project/load';
import type { GeneratorDataset, Project } from '../../src/shared/project/schema';
import { generatorInfo } from '../../src/shared/data/generators';
import { validateGraph } from '../../src/shared/graph/validate';
import { initBackend } from '../../src/main/engine/backend';
import { disposeModel, runProject } from '../../src/main/engine/run-project';

/**
 * Shipped templates trained for real through the engine (runProject: the path the trainer
 * process and the CLI share), in this process to save the cost of a child.
 */
function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

beforeAll(async () => {
  await initBackend();
});

describe('templates train to what they promise', () => {
  it('playground-spirals reaches validation accuracy ≥ 0.85', async () => {
    const project = template('playground-spirals');
    const { outcome, model } = await runProject(project);
    try {
      expect(outcome.reason).toBe('completed');
      const last = outcome.finalLogs;
      const valAccuracy = last.val_acc ?? last.val_accuracy;
      
      expect(valAccuracy).toBeGreaterThanOrEqual(0.85);
    } finally {
      disposeModel(model);
    }
  }, 600_000);
});

describe('two-class problems train with one sigmoid unit (issue 9)', () => {
  it('circles: Dense(1, sigmoid) + binary crossentropy validates, trains for real and reaches a sensible accuracy', async () => {
    const project = template('playground-circles');
    const output = project.graph.nodes.find((n) => n.id === 'output')!;
    output.params = { ...output.params, units: 1, activation: 'sigmoid' };
    project.training = { ...project.training, loss: 'binaryCrossentropy' };
    const data = generatorInfo(project.dataset as GeneratorDataset);
    expect(validateGraph(project.graph, { data, training: project.training })).toEqual([]);
    const { outcome, model } = await runProject(project);
    try {
      expect(outcome.reason).toBe('completed');
      const accuracy = outcome.finalLogs.val_acc ?? outcome.finalLogs.val_accuracy;
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
      expect(outcome.finalLogs.val_loss).toBeLessThan(0.4);
    } finally {
      disposeModel(model);
    }
  }, 600_000);
});

describe('held-out test split (issue 9)', () => {
  it('is evaluated once after training and reported apart from validation', async () => {
    const project = template('playground-circles');
    project.training = { ...project.training, epochs: 20, testSplit: 0.25, splitMode: 'stratified' };
    const { outcome, model } = await runProject(project);
    try {
      expect(Object.keys(outcome.testLogs ?? {}).sort()).toEqual(['test_acc', 'test_loss']);
      expect(outcome.testLogs!.test_loss).toBeGreaterThan(0);
      expect(Object.keys(outcome.finalLogs).some((k) => k.startsWith('test_'))).toBe(false);
      for (const { logs } of outcome.history) expect(Object.keys(logs).some((k) => k.startsWith('test_'))).toBe(false);
    } finally {
      disposeModel(model);
    }
  }, 600_000);
});
