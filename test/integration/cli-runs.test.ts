import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project/load';
import { builtCli, ROOT } from '../tools/cli';

/**
 * Issue 15 (runs core): `neurite train P --save FILE` remembers the run in the project's run
 * history (origin cli, the keep policy applied, the trained weights as the run's), and
 * `neurite runs FILE [--json]` lists the history. Needs `npm run build` first.
 */
const PROJECT = path.join(ROOT, 'resources/templates/playground-circles.neurite');
const { work, neurite } = builtCli('runs');

function saved(file: string) {
  const result = parseProject(readFileSync(path.join(work, file), 'utf8'), file);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

describe('neurite train --save records runs; neurite runs lists them', () => {
  it('appends a run per --save, keeps only the pinned and best runs’ weights, and lists what differs', () => {
    const first = neurite('train', PROJECT, '--epochs', '2', '--save', 'p.neurite');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`  Recorded as run 1 in the project's run history (neurite runs "${path.join(work, 'p.neurite')}"); its weights are kept with it.`);
    const one = saved('p.neurite');
    expect(one.runs).toHaveLength(1);
    const run1 = one.runs![0];
    expect(run1).toMatchObject({ number: 1, status: 'completed', origin: { kind: 'cli' }, pinned: false, note: '' });
    expect(run1.training.epochs).toBe(2);
    expect(run1.history.map((h) => h.epoch)).toEqual([0, 1]);
    // Seconds for "loss against seconds": measured, growing.
    expect(run1.history[0].elapsedMs).toBeGreaterThan(0);
    expect(run1.history[1].elapsedMs).toBeGreaterThan(run1.history[0].elapsedMs!);
    expect(run1.finalLogs).toEqual(run1.history[1].logs);
    // The only run is the best: its weights are the trained ones.
    expect(run1.weights).toEqual(one.trained!.weights);

    // A second run with another epoch count, saved over the same file.
    const second = neurite('train', 'p.neurite', '--epochs', '1', '--save', 'p.neurite', '--json');
    expect(second.code, second.stderr).toBe(0);
    const two = saved('p.neurite');
    expect(JSON.parse(second.stdout).run).toEqual({ id: two.runs![1].id, number: 2, keepsWeights: two.runs![1].weights !== undefined });
    expect(two.runs!.map((r) => r.number)).toEqual([1, 2]);
    expect(two.runs![1].training.epochs).toBe(1);
    const best = two.runs!.reduce((a, b) => (b.finalLogs.val_loss < a.finalLogs.val_loss ? b : a));
    // The best run and the latest run keep weights (neither is pinned).
    expect(two.runs!.map((r) => r.weights !== undefined)).toEqual(two.runs!.map((r) => r.id === best.id || r.number === 2));

    // Pin run 1 by hand (as the app would), then a third run: run 1 keeps its weights whatever is best.
    const pinned = JSON.parse(readFileSync(path.join(work, 'p.neurite'), 'utf8'));
    pinned.runs[0].pinned = true;
    pinned.runs[0].note = 'baseline: two epochs';
    writeFileSync(path.join(work, 'p.neurite'), JSON.stringify(pinned));
    // A third run saved to another file (--save elsewhere): the history comes along.
    const third = neurite('train', 'p.neurite', '--epochs', '3', '--save', 'q.neurite');
    expect(third.code, third.stderr).toBe(0);
    const three = saved('q.neurite');
    expect(three.runs!.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(three.runs![0].weights).toBeDefined();

    const table = neurite('runs', 'q.neurite');
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^q\.neurite: 3 runs; best by val_loss \(lowest\): run [123]\.$/);
    expect(lines[1]).toMatch(/^#\s+Started \(UTC\)\s+Duration\s+Status\s+epochs\s+loss\s+accuracy\s+val_loss\s+val_accuracy\s+Weights\s+Note$/);
    // The table, then each run's changes against the run before it (issue 15: "epochs 2 → 1").
    expect(lines.slice(5)).toEqual(['', 'Changes:', 'Run 2 (since run 1): epochs 2 → 1', 'Run 3 (since run 2): epochs 1 → 3']);
    expect(lines[2]).toMatch(/^1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\S+ m?s\s+completed \(\S+\)\s+2\s+\d\.\d{4}\s/);
    expect(lines[2]).toMatch(/kept \(pinned(, best)?\)\s+baseline: two epochs$/);
    expect(lines[3]).toMatch(/^2\s.*\s1\s+\d\.\d{4}\s/);
    expect(lines[4]).toMatch(/^3\s.*\s3\s+\d\.\d{4}\s/);

    const json = neurite('runs', 'q.neurite', '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; differing: { key: string; label: string }[]; runs: Record<string, unknown>[]; bestBy: unknown };
    expect(report.ok).toBe(true);
    expect(report.differing).toEqual([{ key: 'setting:epochs', label: 'epochs' }]);
    expect(report.bestBy).toEqual({ monitor: 'val_loss', mode: 'min' });
    expect(report.runs).toHaveLength(3);
    for (const run of report.runs) expect(run).not.toHaveProperty('weights');
    expect(report.runs[0]).toMatchObject({ number: 1, pinned: true, keepsWeights: true, note: 'baseline: two epochs' });
  });

  it('says a project has no runs yet, and refuses a file that is not a project with exit 3', () => {
    const none = neurite('runs', PROJECT);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('has no runs yet: train it in Neurite, or with neurite train');
    writeFileSync(path.join(work, 'bad.neurite'), '{"format":"neurite"');
    const bad = neurite('runs', 'bad.neurite', '--json');
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: 'bad-project' });
  });
});
