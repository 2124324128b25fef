import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project/load';
import { initBackend } from '../../src/main/engine/backend';
import { findLearningRate } from '../../src/main/engine/lr-finder';
import type { LrFinderResult } from '../../src/shared/training/lr-finder';
import { builtCli, ROOT } from '../tools/cli';

/**
 * Issue 15: `neurite lr-find PROJECT.neurite [--json]`, the app's range test on the command line
 * (the same findLearningRate, checks and sentences). Needs `npm run build` first.
 */
const { work, neurite } = builtCli('lr-find');
const CIRCLES = path.join(ROOT, 'resources/templates/playground-circles.neurite');
const REGRESSION = path.join(ROOT, 'resources/templates/keras-tutorial-regression.neurite');

beforeAll(async () => {
  await initBackend();
});

describe('neurite lr-find', () => {
  it('prints the table and a suggestion with its reason, and leaves the project file as it was', () => {
    const before = readFileSync(CIRCLES, 'utf8');
    const run = neurite('lr-find', CIRCLES);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Backend: \w+/);
    expect(run.stdout).toMatch(/Optimizer: Adam, learning rate now 0\.03/);
    expect(run.stdout).toMatch(/Batches trained: \d+ of 300 \(16 rows each\)/);
    expect(run.stdout).toMatch(/\n batch {2}learning rate {8}loss {4}smoothed\n {5}1 {8}1\.00e-7 /);
    expect(run.stdout).toMatch(/Suggested learning rate: (\S+)\. The smoothed loss was lowest \([\d.]+\) at a learning rate of \S+\. A tenth of that, \1, is where/);
    expect(readFileSync(CIRCLES, 'utf8')).toBe(before);
  });

  it('--json gives every point, and the same test as the app’s finder run here', async () => {
    const run = neurite('lr-find', REGRESSION, '--steps', '60', '--start-lr', '1e-4', '--end-lr', '1', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LrFinderResult & { ok: boolean; optimizer: string; currentLearningRate: number; text: { reason: string } };
    expect(report).toMatchObject({ ok: true, optimizer: 'sgd', currentLearningRate: 0.01, startLr: 1e-4, endLr: 1, steps: 60, batchSize: 32, batchesPerEpoch: 4 });
    const parsed = parseProject(readFileSync(REGRESSION, 'utf8'), 'regression');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const here = await findLearningRate(parsed.project, { steps: 60, startLr: 1e-4, endLr: 1 });
    expect(report.points).toHaveLength(here.points.length);
    report.points.forEach((p, i) => {
      expect(p.lr).toBe(here.points[i].lr);
      expect(p.loss).toBeCloseTo(here.points[i].loss, 5);
    });
    expect(report.suggestion.kind).toBe(here.suggestion.kind);
  });

  it('refuses an invalid graph (exit 4) and a range that is upside down (exit 2), naming the problem', () => {
    const project = JSON.parse(readFileSync(CIRCLES, 'utf8')) as { graph: { edges: unknown[] } };
    project.graph.edges = project.graph.edges.slice(0, -1);
    const broken = path.join(work, 'broken.neurite');
    writeFileSync(broken, JSON.stringify(project));
    const invalid = neurite('lr-find', broken, '--json');
    expect(invalid.code).toBe(4);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ ok: false, error: 'invalid-graph', message: expect.stringMatching(/^The model cannot be trained: /) });

    const upsideDown = neurite('lr-find', CIRCLES, '--start-lr', '1', '--end-lr', '0.1');
    expect(upsideDown.code).toBe(2);
    expect(upsideDown.stderr).toBe("neurite: The learning-rate finder's --end-lr must be above its --start-lr (1); got 0.1. Choose a range such as 1e-7 to 10.\n");
  });
});
