import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, ROOT } from '../tools/cli';
import { parseProject } from '../../src/shared/project/load';

/**
 * Issue 15: `neurite sweep` runs a grid or random search one trial after another, records each
 * trial as a run of the project (origin sweep), prints a table sorted by the metric, stops on
 * Ctrl+C after the current trial (saving what ran) and resumes the rest with --resume.
 */
const { work, neurite } = builtCli('cli-sweep');
const TEMPLATE = path.join(ROOT, 'resources/templates/keras-tutorial-regression.neurite');

function copy(name: string): string {
  const file = path.join(work, name);
  copyFileSync(TEMPLATE, file);
  return file;
}

function load(file: string) {
  const parsed = parseProject(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.project;
}

describe('neurite sweep', () => {
  it('runs a grid, prints the results best first and saves the sweep with its runs', () => {
    const file = copy('grid.neurite');
    const run = neurite('sweep', file, '--grid', 'learningRate=0.1,0.001', '--grid', 'batchSize=16,32', '--epochs', '3', '--save');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^Trial \d\/4: /gm)).toHaveLength(4);
    const table = run.stdout.slice(run.stdout.indexOf('Results, best loss first:'));
    const values = [...table.matchAll(/^\d+\s+\S+\s+\d+\s+([\d.e+-]+)\s+completed/gm)].map((m) => Number(m[1]));
    expect(values).toHaveLength(4);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    const project = load(file);
    expect(project.sweeps).toHaveLength(1);
    const sweep = project.sweeps![0];
    expect(sweep).toMatchObject({ method: 'grid', budget: 4, status: 'done', metric: { monitor: 'loss', mode: 'auto' } });
    const runs = project.runs!;
    expect(runs.map((r) => [r.origin.kind, r.origin.groupId, r.origin.trial])).toEqual([0, 1, 2, 3].map((t) => ['sweep', sweep.id, t]));
    expect(runs.map((r) => [r.training.optimizer.learningRate, r.training.batchSize, r.training.epochs])).toEqual([
      [0.1, 16, 3], [0.1, 32, 3], [0.001, 16, 3], [0.001, 32, 3],
    ]);
    for (const r of runs) {
      expect(r.history).toHaveLength(3);
      expect(r.history.every((h) => typeof h.elapsedMs === 'number')).toBe(true);
    }
    // The keep policy: only the best run (lowest loss) and the latest keep their weights; the project's own settings are untouched.
    const best = runs.reduce((a, b) => (b.finalLogs.loss < a.finalLogs.loss ? b : a));
    const latest = runs[runs.length - 1];
    expect(runs.filter((r) => r.weights).map((r) => r.id)).toEqual(runs.filter((r) => r.id === best.id || r.id === latest.id).map((r) => r.id));
    expect(project.training.epochs).toBe(200);
    expect(project.training.optimizer.learningRate).toBe(0.01);
  });

  it('draws a random search reproducibly from its seed (--json)', () => {
    const file = copy('random.neurite');
    const args = ['sweep', file, '--random', 'learningRate=1e-4..1e-1:log', '--random', 'batchSize=8..64', '--budget', '3', '--seed', '5', '--epochs', '2', '--json'];
    const first = neurite(...args);
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout) as { ok: boolean; trials: { assignments: { learningRate: number; batchSize: number }; value: number }[] };
    expect(a.ok).toBe(true);
    expect(a.trials).toHaveLength(3);
    for (const t of a.trials) {
      expect(t.assignments.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(t.assignments.learningRate).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(t.assignments.batchSize)).toBe(true);
    }
    const b = JSON.parse(neurite(...args).stdout) as typeof a;
    expect(b.trials.map((t) => t.assignments)).toEqual(a.trials.map((t) => t.assignments));
    // Not saved without --save/--out.
    expect(load(file).runs ?? []).toEqual([]);
  });

  it('refuses values outside their limits and unknown keys before training, naming key, expected and got', () => {
    const file = copy('bad.neurite');
    const run = neurite('sweep', file, '--grid', 'learningRate=0.01,20', '--grid', 'dense.units=0,4');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Sweep learningRate: expected a number above 0 and at most 10; got 20\./);
    expect(run.stderr).toMatch(/Sweep dense.units \(node "dense"\): Dense units must be a whole number between 1 and 100000; got 0\./);
    expect(run.stdout).not.toMatch(/Trial/);
    const unknown = neurite('sweep', file, '--grid', 'hidden.units=4,8');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Sweep hidden.units: the graph has no node "hidden"; its nodes are input, dense, activation\./);
    // A node may be named by its layer name, as neurite summary prints it: dense_dense is the node dense.
    const byName = neurite('sweep', file, '--grid', 'dense_dense.units=1', '--epochs', '1', '--json');
    expect(byName.code, byName.stderr).toBe(0);
    expect((JSON.parse(byName.stdout) as { sweep: { params: { key: string }[] } }).sweep.params[0].key).toBe('dense.units');
    const badMetric = neurite('sweep', file, '--grid', 'learningRate=0.1,0.01', '--metric', 'val_loss');
    expect(badMetric.code).toBe(2);
    expect(badMetric.stderr).toMatch(/Sweep metric: expected a log the runs record \(loss, mae\); got "val_loss"\. Logs starting with val_ need a validation split above 0\./);
    const noBudget = neurite('sweep', file, '--random', 'learningRate=1e-3..1e-1:log');
    expect(noBudget.code).toBe(2);
    expect(noBudget.stderr).toMatch(/--random needs --budget N/);
    const badRange = neurite('sweep', file, '--grid', 'learningRate=0..0.1:log:3');
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toMatch(/a log range needs min above 0; got 0..0.1/);
  });

  it('stops after the current trial on Ctrl+C, saving it, and --resume runs the rest', async () => {
    const file = copy('stop.neurite');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/neurite.js'), 'sweep', file, '--grid', 'batchSize=1,2,4', '--epochs', '60', '--save'], { cwd: work });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && /^Trial 1\/3/m.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/stopping after this trial/);
    const stopped = load(file);
    const sweep = stopped.sweeps![0];
    expect(sweep.status).toBe('stopped');
    expect(stopped.runs!.map((r) => [r.origin.trial, r.status])).toEqual([[0, 'completed']]);
    // The hint saves the resumed trials (trial 8, finding 12: without --save they were trained and lost).
    expect(stdout).toMatch(new RegExp(`--resume ${sweep.id} --save`));

    // The sweep resumes as it began (60 epochs), without --epochs again.
    expect(neurite('sweep', file, '--resume', sweep.id, '--epochs', '60').stderr).toMatch(/--resume runs the trials a saved sweep has left, as the sweep began them/);
    // Resuming without --save says it saved nothing (the file keeps the stopped sweep).
    const unsaved = neurite('sweep', file, '--resume', sweep.id);
    expect(unsaved.code, unsaved.stderr).toBe(0);
    expect(unsaved.stdout).toMatch(/Not saved: the file still has the sweep as it was\. Add --save/);
    expect(load(file).sweeps![0].status).toBe('stopped');
    const resumed = neurite('sweep', file, '--resume', sweep.id, '--save');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming: 2 of 3 trials left\./);
    const done = load(file);
    expect(done.sweeps![0].status).toBe('done');
    expect(done.runs!.map((r) => [r.origin.trial, r.training.batchSize, r.training.epochs])).toEqual([[0, 1, 60], [1, 2, 60], [2, 4, 60]]);
  }, 120_000);
});
