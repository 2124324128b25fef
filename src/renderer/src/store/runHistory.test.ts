import { describe, expect, it } from 'vitest';
import { tutorialClassifier } from '../../../shared/graph/fixtures';
import type { DatasetSpec } from '../../../shared/project/schema';
import type { TrainedRef, WireRunRecord } from '../../../shared/project/wire';
import { makeRunRecord, type RunReport } from '../../../shared/runs/record';
import { DEFAULT_TRAINING_FOR_TESTS } from '../../../shared/runs/test-setup';
import * as commands from './commands';
import { emptyDoc, type EditorDoc } from './document';
import { createEditorStore } from './editor';
import { heldRefs, runOfTrained, trainedOfRun, trainedRunDurationMs } from './runHistory';
import { runFromSaved } from './run';

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const setup = { graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS, dataset };
const history = [
  { epoch: 0, logs: { loss: 1 }, elapsedMs: 10 },
  { epoch: 1, logs: { loss: 0.5 }, elapsedMs: 20 },
];
const report: RunReport = { startedAt: '2026-11-30T01:00:00.000Z', durationMs: 25, backend: 'cpu', history, status: 'completed', finalLogs: { loss: 0.5 }, origin: { kind: 'train' } };

function run(number: number, extra: Partial<WireRunRecord> = {}): WireRunRecord {
  const earlier = Array.from({ length: number - 1 }, (_, i) => ({ number: i + 1, id: `run-${i + 1}-x` }));
  return { ...makeRunRecord(setup, report, earlier), ...extra };
}

describe('the run the document’s weights came from (a resumed run’s parent)', () => {
  it('is the run holding the same reference, else the latest same-setup run with the same last logs, else unknown', () => {
    const one = run(1, { weightsRef: 'wa1' });
    const two = run(2);
    const trained = trainedOfRun(one);
    expect(runOfTrained([one, two], trained)).toBe(one.id);
    // A reopened file gives new references: the hashes and the history tell.
    expect(runOfTrained([one, two], { ...trained, ref: 'wzz' })).toBe(two.id);
    expect(runOfTrained([one], { ...trained, ref: 'wzz', history: [history[0]] })).toBeNull();
    expect(runOfTrained([one], { ...trained, ref: 'wzz', settingsHash: 'other' })).toBeNull();
    expect(runOfTrained(undefined, trained)).toBeNull();
  });

  it('makes a run’s kept weights a trained section (its hashes and history, without elapsedMs) and refuses a run without', () => {
    const trained: TrainedRef = trainedOfRun(run(1, { weightsRef: 'wa1' }));
    expect(trained).toMatchObject({ ref: 'wa1', reason: 'completed', history: [{ epoch: 0, logs: { loss: 1 } }, { epoch: 1, logs: { loss: 0.5 } }] });
    expect(trained.history[0]).not.toHaveProperty('elapsedMs');
    expect(() => trainedOfRun(run(2))).toThrow('Run 2 keeps no weights.');
    expect(heldRefs({ trained, runs: [run(1, { weightsRef: 'wb2' }), run(2)] })).toEqual(new Set(['wa1', 'wb2']));
  });
});

describe('restoring a run’s setup', () => {
  it('puts back graph, settings and data as one undo step and keeps the results', () => {
    const start: EditorDoc = { ...emptyDoc(), runs: [run(1)] };
    const store = createEditorStore(start);
    const other = run(2);
    const generator: DatasetSpec = { kind: 'generator', generator: 'xor', seed: 3 };
    const result = store.getState().perform((doc) => commands.restoreRun(doc, { graph: other.graph, training: other.training, dataset: generator }));
    expect(result.changed).toBe(true);
    const doc = store.getState().doc;
    expect(doc.graph).toEqual(other.graph);
    expect(doc.graph).not.toBe(other.graph);
    expect(doc.training).toEqual(other.training);
    expect(doc.dataset).toEqual(generator);
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().updateResults(({ runs }) => ({ runs: [...(runs ?? []), other] }));
    store.getState().undo();
    expect(store.getState().doc.graph).toEqual(start.graph);
    expect(store.getState().doc.dataset).toEqual(start.dataset);
    // Undo never forgets a run.
    expect(store.getState().doc.runs).toHaveLength(2);
    // Without a dataset the document's stays; the same setup again is no undo step.
    const again = commands.restoreRun(doc, { graph: other.graph, training: other.training });
    expect(again.changed).toBe(false);
  });
});

describe('trial 10 (19): a reopened or restored project shows its run’s real duration', () => {
  it('takes the duration from the record of the run the weights came from; 0 when unknown', () => {
    const one = run(1, { weightsRef: 'wa1', durationMs: 1300 });
    const trained = { ...trainedOfRun(one), ref: 'reopened' };
    expect(trainedRunDurationMs([one], trained)).toBe(1300);
    expect(runFromSaved(trained, 'r1', null, trainedRunDurationMs([one], trained)).elapsedMs).toBe(1300);
    expect(trainedRunDurationMs([], trained)).toBe(0);
    expect(trainedRunDurationMs(undefined, trained)).toBe(0);
  });
});
