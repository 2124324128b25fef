import { describe, expect, it } from 'vitest';
import { chain, node, tutorialClassifier } from '../graph/fixtures';
import { DEFAULT_TRAINING_FOR_TESTS } from './test-setup';
import { SweepSchema, type DatasetSpec, type RunRecord, type Sweep } from '../project/schema';
import { makeRunRecord, type RunReport } from './record';
import { applyTrial, canonicalSweepKey, checkSweep, gridValues, newSweepId, planSweep, remainingTrials, sweepBase, sweepCandidates, sweepPlan, sweepResults, SweepError } from './sweep';

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const graph = chain(node('in', 'Input', { shape: [100] }), node('hidden', 'Dense', { units: 100, activation: 'relu' }), node('drop', 'Dropout', { rate: 0.2 }), node('out', 'Dense', { units: 10, activation: 'softmax' }));
const project = { graph, training: DEFAULT_TRAINING_FOR_TESTS, dataset };

function sweep(over: Partial<Sweep>): Sweep {
  return { id: 'sweep-1-abc', createdAt: '2026-11-30T01:00:00.000Z', method: 'grid', params: [], budget: 100, seed: 7, metric: { monitor: 'val_loss', mode: 'auto' }, status: 'running', ...over };
}

describe('sweep planner: grid', () => {
  it('is the cartesian product, last param fastest (itertools.product order)', () => {
    const s = sweep({ params: [{ kind: 'values', key: 'learningRate', values: [0.1, 0.01] }, { kind: 'values', key: 'batchSize', values: [16, 32, 64] }] });
    expect(SweepSchema.safeParse(s).success).toBe(true);
    const trials = planSweep(s);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trials.map((t) => [t.assignments.learningRate, t.assignments.batchSize])).toEqual([
      [0.1, 16], [0.1, 32], [0.1, 64], [0.01, 16], [0.01, 32], [0.01, 64],
    ]);
  });

  it('splits ranges into count points, linear or log (tidied), rounding and de-duplicating integers', () => {
    expect(gridValues({ kind: 'range', key: 'learningRate', min: 1e-4, max: 1e-1, scale: 'log', integer: false, count: 4 })).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(gridValues({ kind: 'range', key: 'hidden.rate', min: 0, max: 0.5, scale: 'linear', integer: false, count: 3 })).toEqual([0, 0.25, 0.5]);
    expect(gridValues({ kind: 'range', key: 'hidden.units', min: 16, max: 256, scale: 'log', integer: true, count: 5 })).toEqual([16, 32, 64, 128, 256]);
    expect(gridValues({ kind: 'range', key: 'batchSize', min: 1, max: 3, scale: 'linear', integer: true, count: 5 })).toEqual([1, 2, 3]);
    expect(gridValues({ kind: 'range', key: 'epochs', min: 5, max: 50, scale: 'linear', integer: true, count: 1 })).toEqual([5]);
  });

  it('refuses a range it cannot split, naming key, expected and got', () => {
    expect(() => gridValues({ kind: 'range', key: 'learningRate', min: 0.1, max: 0.001, scale: 'log', integer: false, count: 3 })).toThrow(/learningRate: expected min at most max; got 0.1..0.001/);
    expect(() => gridValues({ kind: 'range', key: 'learningRate', min: 0, max: 0.1, scale: 'log', integer: false, count: 3 })).toThrow(/log range needs min above 0; got 0..0.1/);
    expect(() => gridValues({ kind: 'range', key: 'learningRate', min: 0.001, max: 0.1, scale: 'log', integer: false })).toThrow(SweepError);
    expect(() => planSweep(sweep({ params: [{ kind: 'values', key: 'epochs', values: [1] }, { kind: 'values', key: 'epochs', values: [2] }] }))).toThrow(/epochs: the key is given twice/);
  });

  it('caps a grid larger than the budget by a seeded sample kept in grid order', () => {
    const s = sweep({ budget: 4, params: [{ kind: 'values', key: 'learningRate', values: [0.1, 0.01, 0.001] }, { kind: 'values', key: 'batchSize', values: [8, 16, 32] }] });
    const plan = sweepPlan(s);
    expect(plan.cut).toEqual({ kind: 'budget', planned: 4, of: 9 });
    expect(plan.trials.map((t) => t.index)).toEqual([0, 1, 2, 3]);
    expect(plan.trials).toHaveLength(4);
    // Same sweep, same plan (resume relies on it); another seed, another sample.
    expect(sweepPlan(s)).toEqual(plan);
    const all = planSweep({ ...s, budget: 9 }).map((t) => JSON.stringify(t.assignments));
    for (const t of plan.trials) expect(all).toContain(JSON.stringify(t.assignments));
    const picked = plan.trials.map((t) => JSON.stringify(t.assignments));
    expect(all.filter((a) => picked.includes(a))).toEqual(picked);
    const seeds = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(planSweep({ ...s, seed }))));
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('sweep planner: random', () => {
  it('draws budget trials within the ranges, log-uniform on a log scale, reproducibly from the seed', () => {
    const s = sweep({ method: 'random', budget: 200, params: [{ kind: 'range', key: 'learningRate', min: 1e-4, max: 1e-1, scale: 'log', integer: false }, { kind: 'range', key: 'hidden.units', min: 8, max: 64, scale: 'linear', integer: true }, { kind: 'values', key: 'optimizer', values: ['adam', 'sgd'] }] });
    const trials = planSweep(s);
    expect(trials).toHaveLength(200);
    expect(planSweep(s)).toEqual(trials);
    const lrs = trials.map((t) => t.assignments.learningRate as number);
    for (const lr of lrs) expect(lr >= 1e-4 && lr <= 1e-1).toBe(true);
    // Log-uniform: about a third of the draws in each decade.
    const decade = (lo: number, hi: number) => lrs.filter((v) => v >= lo && v < hi).length;
    for (const n of [decade(1e-4, 1e-3), decade(1e-3, 1e-2), decade(1e-2, 1e-1)]) expect(n).toBeGreaterThan(40);
    for (const t of trials) expect(Number.isInteger(t.assignments['hidden.units'])).toBe(true);
    expect(new Set(trials.map((t) => t.assignments.optimizer))).toEqual(new Set(['adam', 'sgd']));
    expect(planSweep({ ...s, seed: 8 })).not.toEqual(trials);
  });

  it('stops early, and says so, when a small discrete space has no new combination', () => {
    const plan = sweepPlan(sweep({ method: 'random', budget: 10, params: [{ kind: 'values', key: 'batchSize', values: [16, 32, 64] }] }));
    expect(plan.trials.map((t) => t.assignments.batchSize).sort()).toEqual([16, 32, 64]);
    expect(plan.cut).toEqual({ kind: 'exhausted', planned: 3, of: 10 });
  });
});

describe('applyTrial', () => {
  it('sets settings and layer params without changing the project', () => {
    const before = JSON.stringify(project);
    const applied = applyTrial(project, { assignments: { learningRate: 0.05, batchSize: 8, epochs: 3, 'hidden.units': 64, 'drop.rate': 0.5 } });
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.training.optimizer).toEqual({ type: 'rmsprop', learningRate: 0.05 });
    expect([applied.training.batchSize, applied.training.epochs]).toEqual([8, 3]);
    expect(applied.graph.nodes.find((n) => n.id === 'hidden')!.params.units).toBe(64);
    expect(applied.graph.nodes.find((n) => n.id === 'drop')!.params.rate).toBe(0.5);
    expect(JSON.stringify(project)).toBe(before);
  });

  it("switches the optimizer as the settings panel does (Keras defaults of the new one), a swept learning rate on top", () => {
    const adam = applyTrial(project, { assignments: { optimizer: 'sgd' } });
    expect(adam.ok && adam.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.01 });
    const both = applyTrial(project, { assignments: { optimizer: 'adam', learningRate: 0.3 } });
    expect(both.ok && both.training.optimizer).toEqual({ type: 'adam', learningRate: 0.3 });
  });

  it('refuses values outside their limits, naming key, expected and got', () => {
    const applied = applyTrial(project, { assignments: { learningRate: 20, batchSize: 2.5, optimizer: 'lbfgs', 'hidden.units': 0, 'drop.rate': 1 } });
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    const byKey = Object.fromEntries(applied.problems.map((p) => [p.key, p]));
    expect(byKey.learningRate).toMatchObject({ expected: 'a number above 0 and at most 10', got: '20' });
    expect(byKey.learningRate.message).toBe('Sweep learningRate: expected a number above 0 and at most 10; got 20.');
    expect(byKey.batchSize).toMatchObject({ expected: 'a whole number at least 1 and at most 1000000', got: '2.5' });
    expect(byKey.optimizer.expected).toMatch(/^one of sgd, momentum, rmsprop/);
    expect(byKey['hidden.units'].message).toMatch(/Sweep hidden.units \(node "hidden"\): Dense units must be a whole number between 1 and 100000; got 0\./);
    expect(byKey['drop.rate'].got).toBe('1');
  });

  it('names unknown keys, nodes and params', () => {
    const applied = applyTrial(project, { assignments: { dropout: 0.1, 'nope.units': 3, 'hidden.size': 3, 'hidden.useBias': 1 } });
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    expect(applied.problems.map((p) => p.messageId)).toEqual(['unknownKey', 'unknownNode', 'unknownParam', 'notSweepable']);
    expect(applied.problems[1].message).toBe('Sweep nope.units: the graph has no node "nope"; its nodes are in, hidden, drop, out.');
  });

  it('checkSweep lists each bad value once before anything runs', () => {
    const problems = checkSweep(project, sweep({ params: [{ kind: 'values', key: 'learningRate', values: [0.1, 0, 50] }, { kind: 'values', key: 'batchSize', values: [16, 32] }] }));
    expect(problems.map((p) => [p.key, p.got])).toEqual([['learningRate', '0'], ['learningRate', '50']]);
    expect(checkSweep({ graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS }, sweep({ params: [{ kind: 'range', key: 'learningRate', min: 1, max: 0, scale: 'linear', integer: false, count: 2 }] }))[0].messageId).toBe('badRange');
  });
});

describe('resume and results', () => {
  const s = sweep({ params: [{ kind: 'values', key: 'learningRate', values: [0.1, 0.01, 0.001] }] });
  const report = (trial: number, loss: number, status: RunReport['status'] = 'completed'): RunReport => ({
    startedAt: '2026-11-30T01:00:00.000Z',
    durationMs: 10,
    backend: 'cpu',
    history: [],
    status,
    finalLogs: status === 'failed' ? {} : { loss, val_loss: loss },
    origin: { kind: 'sweep', groupId: s.id, trial },
  });
  function record(runs: RunRecord[], r: RunReport): RunRecord[] {
    return [...runs, makeRunRecord(project, r, runs)];
  }

  it('remaining trials are those no run of the sweep finished; a stopped trial runs again', () => {
    let runs: RunRecord[] = [];
    expect(remainingTrials(s, runs).map((t) => t.index)).toEqual([0, 1, 2]);
    runs = record(runs, report(0, 0.5));
    runs = record(runs, report(1, 0.4, 'stopped'));
    runs = record(runs, { ...report(2, 0.1), origin: { kind: 'sweep', groupId: 'sweep-2-x', trial: 2 } });
    expect(remainingTrials(s, runs).map((t) => t.index)).toEqual([1, 2]);
    runs = record(runs, report(1, 0.3));
    runs = record(runs, report(2, 0, 'failed'));
    expect(remainingTrials(s, runs)).toEqual([]);
    const results = sweepResults(s, runs);
    expect(results.map((r) => [r.trial.index, r.value])).toEqual([[1, 0.3], [0, 0.5], [2, null]]);
    expect(sweepResults({ ...s, metric: { monitor: 'val_loss', mode: 'max' } }, runs).map((r) => r.trial.index)).toEqual([0, 1, 2]);
  });

  it('sweep ids are unique and valid', () => {
    const now = new Date('2026-11-30T01:00:00Z');
    const a = newSweepId([], now);
    const b = newSweepId([{ id: `sweep-2-${now.getTime().toString(36)}` }], now);
    expect(a).toMatch(/^sweep-1-/);
    expect(b).toMatch(/^sweep-2-.*-2$/);
    expect(SweepSchema.shape.id.safeParse(b).success).toBe(true);
  });
});

describe('sweepCandidates', () => {
  it('offers the settings, then each Dense units and Dropout rate with their current values', () => {
    const candidates = sweepCandidates(graph, DEFAULT_TRAINING_FOR_TESTS);
    expect(candidates.map((c) => [c.key, c.integer, c.current])).toEqual([
      ['learningRate', false, 0.001],
      ['batchSize', true, 32],
      ['epochs', true, 2],
      ['optimizer', false, 'rmsprop'],
      ['hidden.units', true, 100],
      ['drop.rate', false, 0.2],
      ['out.units', true, 10],
    ]);
  });
});

describe('sweepBase', () => {
  it("resumes on the first run's graph and settings, so an edit made meanwhile does not change the remaining trials", () => {
    const s = sweep({ params: [{ kind: 'values', key: 'learningRate', values: [0.1, 0.01] }] });
    const first = applyTrial(project, planSweep(s)[0]);
    if (!first.ok) throw new Error('trial 0');
    const runs = [makeRunRecord({ ...project, graph: first.graph, training: first.training }, { startedAt: '2026-11-30T01:00:00.000Z', durationMs: 1, backend: 'cpu', history: [], status: 'stopped', finalLogs: {}, origin: { kind: 'sweep', groupId: s.id, trial: 0 } }, [])];
    const edited = { ...project, training: { ...project.training, epochs: 50 } };
    const base = sweepBase(s, runs, edited);
    expect(base.training.epochs).toBe(2);
    expect(base.dataset).toBe(project.dataset);
    const second = applyTrial(base, planSweep(s)[1]);
    expect(second.ok && [second.training.epochs, second.training.optimizer.learningRate]).toEqual([2, 0.01]);
    expect(sweepBase(s, [], edited)).toBe(edited);
  });
});

describe('large grids', () => {
  it('samples the budget from a grid of millions of combinations without enumerating it', () => {
    const values = Array.from({ length: 40 }, (_, i) => i + 1);
    const s = sweep({ budget: 5, params: ['epochs', 'batchSize', 'hidden.units', 'out.units'].map((key) => ({ kind: 'values' as const, key, values })) });
    const plan = sweepPlan(s);
    expect(plan.cut).toEqual({ kind: 'budget', planned: 5, of: 40 ** 4 });
    expect(new Set(plan.trials.map((t) => JSON.stringify(t.assignments))).size).toBe(5);
    // Some trial varies the first key away from its first value (a prefix of the grid would not).
    expect(plan.trials.some((t) => t.assignments.epochs !== 1)).toBe(true);
  });
});

describe('canonicalSweepKey', () => {
  it("accepts a node's layer name (as neurite summary prints it) for its id", () => {
    expect(canonicalSweepKey(graph, 'dense_hidden.units')).toBe('hidden.units');
    expect(canonicalSweepKey(graph, 'hidden.units')).toBe('hidden.units');
    expect(canonicalSweepKey(graph, 'dropout_drop.rate')).toBe('drop.rate');
    expect(canonicalSweepKey(graph, 'nothing.units')).toBe('nothing.units');
    expect(canonicalSweepKey(graph, 'learningRate')).toBe('learningRate');
  });
});

describe('sweep metric', () => {
  it('must be a log the runs record', () => {
    const s = sweep({ params: [{ kind: 'values', key: 'learningRate', values: [0.1] }] });
    expect(checkSweep(project, { ...s, metric: { monitor: 'val_accuracy', mode: 'auto' } })).toEqual([]);
    const [p] = checkSweep({ ...project, training: { ...project.training, validationSplit: 0 } }, { ...s, metric: { monitor: 'val_accuracy', mode: 'auto' } });
    expect(p).toMatchObject({ messageId: 'unknownMetric', key: 'metric', expected: 'a log the runs record (loss, accuracy)', got: '"val_accuracy"' });
  });
});
