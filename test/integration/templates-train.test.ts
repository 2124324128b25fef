import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
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
