import { describe, expect, it } from 'vitest';
import { tutorialClassifier } from '../graph/fixtures';
import type { DatasetSpec, RunRecord } from '../project/schema';
import { differingFields } from './columns';
import { makeRunRecord, type RunReport } from './record';
import { applyKeepPolicy } from './policy';
import { addRun, addRunEpochs, keptWeightsLogs, MAX_RUNS, newRunHistory } from './report';
import { DEFAULT_TRAINING_FOR_TESTS } from './test-setup';

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const setup = { graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS, dataset };
const report = (finalLogs: Record<string, number>): RunReport => ({
  startedAt: '2026-11-30T01:00:00.000Z',
  durationMs: 10,
  backend: 'cpu',
  history: [{ epoch: 0, logs: finalLogs }],
  status: 'completed',
  finalLogs,
  origin: { kind: 'train' },
});
const weights = [{ name: 'k', shape: [1], dtype: 'float32' as const, data: 'AACAPw==' }];

describe('a run’s history as it trains (issue 15)', () => {
  it('gives each epoch the sum of the epoch durations so far, and the reported time once a duration is missing', () => {
    const clock = newRunHistory();
    addRunEpochs(clock, [{ epoch: 0, logs: { loss: 1 }, durationMs: 120 }], 500);
    addRunEpochs(clock, [{ epoch: 1, logs: { loss: 0.5 }, durationMs: 80 }, { epoch: 2, logs: { loss: 0.4 }, durationMs: 100 }], 900);
    expect(clock.history.map((h) => h.elapsedMs)).toEqual([120, 200, 300]);
    addRunEpochs(clock, [{ epoch: 3, logs: { loss: 0.3 } }], 1234);
    addRunEpochs(clock, [{ epoch: 4, logs: { loss: 0.2 }, durationMs: 50 }], 1400);
    expect(clock.history.map((h) => h.elapsedMs)).toEqual([120, 200, 300, 1234, 1400]);
  });

  it('records the logs of the weights the run left: the best epoch’s when early stopping restored them', () => {
    const history = [
      { epoch: 0, logs: { loss: 1, val_loss: 0.5 } },
      { epoch: 1, logs: { loss: 0.8, val_loss: 0.7 } },
    ];
    const es = { monitor: 'val_loss', stoppedEpoch: 1, bestEpoch: 0, best: 0.5, restoredBestWeights: true };
    expect(keptWeightsLogs(history, history[1].logs, es)).toEqual(history[0].logs);
    expect(keptWeightsLogs(history, history[1].logs, { ...es, restoredBestWeights: false })).toEqual(history[1].logs);
    expect(keptWeightsLogs(history, history[1].logs)).toEqual(history[1].logs);
    // Keep best (issue 15 callbacks) names the kept epoch, and wins.
    expect(keptWeightsLogs(history, history[1].logs, { ...es, restoredBestWeights: false }, 0)).toEqual(history[0].logs);
  });
});

describe('adding a run', () => {
  it('applies the keep policy: the new best keeps its weights, the former best loses them; the latest keeps them until the next run', () => {
    let runs: RunRecord[] = [];
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 1 }), runs, weights));
    expect(runs[0].weights).toBeDefined();
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.5 }), runs, weights));
    expect(runs.map((r) => r.weights !== undefined)).toEqual([false, true]);
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.9 }), runs, weights));
    expect(runs.map((r) => r.weights !== undefined)).toEqual([false, true, true]);
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.8 }), runs, weights));
    expect(runs.map((r) => r.weights !== undefined)).toEqual([false, true, false, true]);
  });

  it('a run that is not the best can still be pinned after it ends, and then keeps its weights (trial 8, finding 4)', () => {
    let runs: RunRecord[] = [];
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.1 }), runs, weights));
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.9 }), runs, weights));
    expect(runs[1].weights).toBeDefined();
    runs = applyKeepPolicy(runs.map((r) => (r.number === 2 ? { ...r, pinned: true } : r)));
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.5 }), runs, weights));
    expect(runs.map((r) => r.weights !== undefined)).toEqual([true, true, true]);
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.7 }), runs, weights));
    expect(runs.map((r) => r.weights !== undefined)).toEqual([true, true, false, true]);
  });

  it('stays within the file’s 5000 runs by dropping the oldest runs that keep no weights', () => {
    const base = makeRunRecord(setup, report({ loss: 1 }), []);
    let runs: RunRecord[] = Array.from({ length: MAX_RUNS }, (_, i) => ({ ...base, id: `run-${i + 1}-x`, number: i + 1, finalLogs: { loss: 1 + i }, pinned: i === 0 }));
    runs = addRun(runs, makeRunRecord(setup, report({ loss: 0.1 }), runs, weights));
    expect(runs).toHaveLength(MAX_RUNS);
    // Run 1 is pinned and stays; run 2 (the oldest unpinned, not best) went; the new run is the best.
    expect(runs.slice(0, 2).map((r) => r.number)).toEqual([1, 3]);
    expect(runs[runs.length - 1]).toMatchObject({ number: MAX_RUNS + 1 });
    expect(runs[runs.length - 1].weights).toBeDefined();
  });
});

describe('fields that differ between runs', () => {
  it('names the settings and layer params that differ, with every run’s value, and nothing for moved nodes', () => {
    const second = structuredClone(setup);
    second.graph.nodes[1].params.units = 128;
    second.graph.nodes[0].position = { x: 999, y: 1 };
    const third = structuredClone(setup);
    third.training = { ...third.training, optimizer: { ...third.training.optimizer, learningRate: 0.01 } };
    expect(differingFields([setup, second, third])).toEqual([
      { key: 'setting:optimizer.learningRate', label: 'optimizer.learningRate', values: [0.001, 0.001, 0.01] },
      { key: 'param:hidden.units', label: 'dense_hidden.units', values: [100, 128, 100] },
    ]);
    expect(differingFields([setup])).toEqual([]);
    expect(differingFields([setup, structuredClone(setup)])).toEqual([]);
  });
});
