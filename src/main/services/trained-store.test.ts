import { describe, expect, it } from 'vitest';
import { tutorialClassifier } from '../../shared/graph/fixtures';
import type { DatasetSpec, RunRecord, Trained, WeightTensor } from '../../shared/project/schema';
import { makeRunRecord, type RunReport } from '../../shared/runs/record';
import { DEFAULT_TRAINING_FOR_TESTS } from '../../shared/runs/test-setup';
import { ServiceError } from './errors';
import { TrainedStore } from './trained-store';

// Issue 15 (runs core): the store evicted its least recently used entries beyond 16, so the
// weights a pinned or best run record referred to were lost after 16 more trainings or opens and
// the save failed (or the backup dropped them) without saying which run. Run weights are now held
// until the renderer releases them; what goes missing is named.

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const setup = { graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS, dataset };
const report: RunReport = {
  startedAt: '2026-11-30T01:00:00.000Z',
  durationMs: 10,
  backend: 'cpu',
  history: [{ epoch: 0, logs: { loss: 1 }, elapsedMs: 9 }],
  status: 'completed',
  finalLogs: { loss: 1 },
  origin: { kind: 'train' },
};
/** One float32 tensor of `n` values (all 1.0), base64. */
const tensor = (n: number): WeightTensor => ({ name: 'dense/kernel', shape: [n], dtype: 'float32', data: Buffer.from(new Float32Array(n).fill(1).buffer).toString('base64') });
const trained = (n = 1): Trained => ({ trainedAt: report.startedAt, reason: 'completed', graphHash: 'g', settingsHash: 's', datasetHash: 'd', weights: [tensor(n)], history: [] });

function runRecord(number: number, values = 1): RunRecord {
  const earlier = Array.from({ length: number - 1 }, (_, i) => ({ number: i + 1, id: `run-${i + 1}-x` }));
  return makeRunRecord(setup, report, earlier, [tensor(values)]);
}

function missing(call: () => unknown): ServiceError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected weights-missing');
}

describe('TrainedStore and run weights (issue 15)', () => {
  it('keeps a run record’s weights through more than 16 later trainings and opens', () => {
    const store = new TrainedStore();
    const wire = store.referRun(runRecord(3));
    expect(wire.weightsRef).toMatch(/^w/);
    for (let i = 0; i < 20; i++) store.put(trained());
    // model.keep's weights (every app run) are held as well.
    const kept = store.put(trained(), { held: true });
    for (let i = 0; i < 20; i++) store.put(trained());
    expect(store.resolveRun(wire).weights).toEqual([tensor(1)]);
    expect(store.resolve(kept).weights).toEqual([tensor(1)]);
  });

  it('lets released weights go and names the run when they are asked for', () => {
    const store = new TrainedStore();
    const wire = store.referRun(runRecord(3));
    expect(store.release([wire.weightsRef!, 'wunknown'])).toBe(1);
    const error = missing(() => store.resolveProject({ ...setup, format: 'neurite', formatVersion: 6, appVersion: '1', savedAt: 'x', name: 'p', runs: [wire] }));
    expect(error.code).toBe('weights-missing');
    expect(error.message).toMatch(/^The weights kept for run 3 are no longer in memory \(they were let go when the run stopped keeping them\), so they cannot be saved with it\. Unpin run 3 or delete it/);
    expect(error.details).toEqual([{ run: wire.id, number: 3 }]);
  });

  it('bounds held weights by bytes only, and says so for the run whose weights went', () => {
    // 1000 float32 values = 4000 bytes (4002 counted from base64 text); room for two.
    const store = new TrainedStore(16, 4 * 1024 ** 3, 8100);
    const first = store.referRun(runRecord(1, 1000));
    const second = store.referRun(runRecord(2, 1000));
    expect(store.resolveRun(first).weights).toHaveLength(1); // first is now the most recently used
    const third = store.referRun(runRecord(3, 1000));
    expect(store.has(first.weightsRef!)).toBe(true);
    expect(store.has(third.weightsRef!)).toBe(true);
    expect(missing(() => store.resolveRun(second)).message).toMatch(/^The weights kept for run 2 are no longer in memory \(more than 8 KB of run weights were kept in this session/);
  });

  it('backs up what it still has: a run whose weights are gone is kept without them', () => {
    const store = new TrainedStore();
    const gone = store.referRun(runRecord(1));
    const here = store.referRun(runRecord(2));
    store.release([gone.weightsRef!]);
    const { project, missing: lost } = store.resolveProjectLeniently({ ...setup, format: 'neurite', formatVersion: 6, appVersion: '1', savedAt: 'x', name: 'p', runs: [gone, here] });
    expect(lost).toEqual([1]);
    expect(project.runs?.map((r) => r.weights?.length ?? 0)).toEqual([0, 1]);
    expect(project.runs?.[0]).not.toHaveProperty('weightsRef');
  });

  it('refers inline run weights of a page-read file, and leaves references as they are', () => {
    const store = new TrainedStore();
    const ref = store.referRun(runRecord(1));
    const inline = runRecord(2);
    const out = store.referInline({ ...setup, format: 'neurite', formatVersion: 6, appVersion: '1', savedAt: 'x', name: 'p', trained: trained(), runs: [ref, inline] });
    expect(out.runs?.[0]).toBe(ref);
    expect(out.runs?.[1]).not.toHaveProperty('weights');
    expect(store.resolveRun(out.runs![1]).weights).toEqual(inline.weights);
    expect(out.trained && 'ref' in out.trained).toBe(true);
  });
});
