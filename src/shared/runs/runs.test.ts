import { describe, expect, it } from 'vitest';
import { tutorialClassifier } from '../graph/fixtures';
import { DEFAULT_TRAINING_FOR_TESTS } from './test-setup';
import { datasetHash } from '../project/hash';
import { parseProject } from '../project/load';
import { RunRecordSchema, type CsvDataset, type DatasetSpec, type RunRecord } from '../project/schema';
import { datasetWithoutBytes, makeRunRecord, type RunReport } from './record';
import { applyKeepPolicy, bestRunId, latestRunId, resolveBestBy, runsKeepingWeights } from './policy';
import { describeRunChange, diffRunSetups } from './diff';

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const project = { graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS, dataset };
const report = (finalLogs: Record<string, number>, status: RunReport['status'] = 'completed'): RunReport => ({
  startedAt: '2026-11-30T01:00:00.000Z',
  durationMs: 1234,
  backend: 'wasm',
  history: [{ epoch: 0, logs: finalLogs, elapsedMs: 1200 }],
  status,
  finalLogs,
  origin: { kind: 'train' },
});
const weights = [{ name: 'dense_hidden/kernel', shape: [1], dtype: 'float32' as const, data: 'AACAPw==' }];

function runs(...logs: Record<string, number>[]): RunRecord[] {
  const out: RunRecord[] = [];
  for (const l of logs) out.push(makeRunRecord(project, report(l), out, weights));
  return out;
}

describe('run records (issue 15)', () => {
  it('numbers runs in order with unique ids, valid by the file schema', () => {
    const rs = runs({ loss: 1 }, { loss: 0.5 }, { loss: 0.7 });
    expect(rs.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(new Set(rs.map((r) => r.id)).size).toBe(3);
    for (const r of rs) expect(RunRecordSchema.safeParse(r).success).toBe(true);
    // A deleted last run's number comes back, its id does not clash.
    const again = makeRunRecord(project, report({ loss: 2 }), [rs[0], rs[1], { ...rs[2], number: 9 }]);
    expect(again.number).toBe(10);
  });

  it("keeps a readable diff against the previous run's setup (none for the first)", () => {
    const first = makeRunRecord(project, report({ loss: 1 }), []);
    const changed = structuredClone(project);
    changed.graph.nodes[1].params.units = 64;
    const second = makeRunRecord(changed, report({ loss: 0.5 }), [first]);
    expect(first.changes).toBeUndefined();
    expect(second.changes?.previous).toBe(1);
    expect(second.changes!.items.map(describeRunChange)).toEqual(['dense_hidden (Dense): units 100 → 64']);
    expect(RunRecordSchema.safeParse(second).success).toBe(true);
  });

  it('a setting turned on since the previous run (no "from") survives the file round trip (trial 8, finding 11)', () => {
    const first = makeRunRecord(project, report({ loss: 1 }), []);
    const withCallback = { ...project, training: { ...project.training, keepBest: { monitor: 'val_loss', mode: 'auto' as const } } };
    const second = makeRunRecord(withCallback, report({ loss: 0.5 }), [first]);
    expect(second.changes!.items.map(describeRunChange)).toEqual(['keepBest.mode — → auto', 'keepBest.monitor — → val_loss']);
    const parsed = RunRecordSchema.safeParse(JSON.parse(JSON.stringify(second)));
    expect(parsed.success ? 'ok' : parsed.error.issues[0]).toBe('ok');
  });

  it('compares a branched run with the run it was branched from (trial 8, finding 16)', () => {
    const first = makeRunRecord(project, report({ loss: 1 }), []);
    const other = structuredClone(project);
    other.training = { ...other.training, epochs: 7 };
    const second = makeRunRecord(other, report({ loss: 0.5 }), [first]);
    const branched = makeRunRecord(project, { ...report({ loss: 0.6 }), origin: { kind: 'train', parent: first.id } }, [first, second]);
    expect(branched.changes).toEqual({ previous: 1, items: [] });
  });

  it('a project with two runs of one id is refused, naming the second (trial 8, finding 14)', () => {
    const rs = runs({ loss: 1 }, { loss: 0.5 });
    const text = JSON.stringify({ format: 'neurite', formatVersion: 6, appVersion: 't', savedAt: 't', name: 'dup', ...project, runs: [rs[0], { ...rs[1], id: rs[0].id }] });
    const result = parseProject(text, 'dup.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe(`dup.neurite is not a valid Neurite project: field \`runs.1.id\`: run 2 has the id "${rs[0].id}" of run 1; every run needs its own id.`);
  });

  it('keeps the dataset without embedded bytes, hashed as the full spec', () => {
    const csv: CsvDataset = {
      kind: 'csv',
      embedded: 'YWJj',
      file: { name: 'a.csv', size: 3, sha256: 'a'.repeat(64) },
      delimiter: ',',
      header: true,
      columns: [{ name: 'x', type: 'numeric', role: 'feature' }, { name: 'y', type: 'numeric', role: 'label' }],
      normalize: false,
      labelEncoding: 'value',
      transform: { featureNames: ['x'], means: [0], stds: [1], categories: {} },
      rows: 1,
    };
    const record = makeRunRecord({ ...project, dataset: csv }, report({ loss: 1 }), []);
    expect('embedded' in record.dataset).toBe(false);
    expect(record.datasetHash).toBe(datasetHash(csv));
    expect(datasetWithoutBytes(dataset)).toBe(dataset);
  });
});

describe('keep policy', () => {
  it('keeps the pinned runs and the best by val_loss when runs have it, else loss', () => {
    const rs = runs({ loss: 1, val_loss: 0.9 }, { loss: 0.2, val_loss: 0.4 }, { loss: 0.1, val_loss: 0.6 }, { loss: 0.1, val_loss: 0.7 });
    expect(resolveBestBy(rs)).toEqual({ monitor: 'val_loss', mode: 'min' });
    expect(bestRunId(rs, resolveBestBy(rs))).toBe(rs[1].id);
    const kept = applyKeepPolicy([{ ...rs[0], pinned: true }, rs[1], rs[2], rs[3]]);
    // Pinned (1), best (2), latest (4, until the next run); 3 drops its weights.
    expect(kept.map((r) => r.weights !== undefined)).toEqual([true, true, false, true]);
    expect(kept[1]).toBe(rs[1]);
    expect(resolveBestBy(runs({ loss: 1 }))).toEqual({ monitor: 'loss', mode: 'min' });
  });

  it('maximises accuracy-like monitors and skips failed runs and non-finite values', () => {
    const rs = runs({ accuracy: 0.5 }, { accuracy: 0.9 }, { accuracy: NaN });
    rs.push(makeRunRecord(project, report({ accuracy: 1 }, 'failed'), rs));
    expect(bestRunId(rs, resolveBestBy(rs, { monitor: 'accuracy', mode: 'auto' }))).toBe(rs[1].id);
    // Best by lowest accuracy (run 1) and the latest run that left a model (run 3: run 4 failed).
    expect([...runsKeepingWeights(rs, { monitor: 'accuracy', mode: 'min' })].sort()).toEqual([rs[0].id, rs[2].id].sort());
    expect(latestRunId(rs)).toBe(rs[2].id);
  });
});

describe('run diff', () => {
  it('names a changed layer param and setting, and nothing for moved nodes', () => {
    const after = structuredClone(project);
    after.graph.nodes[1].params.units = 128;
    after.graph.nodes[0].position = { x: 500, y: 9 };
    after.training = { ...after.training, optimizer: { ...after.training.optimizer, learningRate: 0.01 } };
    const changes = diffRunSetups(project, after);
    expect(changes.map(describeRunChange)).toEqual(['dense_hidden (Dense): units 100 → 128', 'optimizer.learningRate 0.001 → 0.01']);
    expect(diffRunSetups(project, structuredClone(project))).toEqual([]);
  });

  it('reports added and removed layers, rewiring and data', () => {
    const after = structuredClone(project);
    after.graph.nodes.push({ id: 'drop', type: 'Dropout', params: { rate: 0.2 }, position: { x: 0, y: 0 } });
    after.graph.edges = [
      { id: 'a', source: 'in', target: 'hidden' },
      { id: 'b', source: 'hidden', target: 'drop' },
      { id: 'c', source: 'drop', target: 'out' },
    ];
    after.dataset = { ...dataset, seed: 2 };
    expect(diffRunSetups(project, after).map(describeRunChange)).toEqual(['added dropout_drop (Dropout)', 'connections changed', 'data changed']);
  });
});
