import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tutorialClassifier } from '../../shared/graph/fixtures';
import { FORMAT, FORMAT_VERSION, type DatasetSpec, type Project, type Trained, type WeightTensor } from '../../shared/project/schema';
import type { WireProject, WireRunRecord } from '../../shared/project/wire';
import { applyKeepPolicy } from '../../shared/runs/policy';
import { makeRunRecord, type RunReport } from '../../shared/runs/record';
import { addRun } from '../../shared/runs/report';
import { DEFAULT_TRAINING_FOR_TESTS } from '../../shared/runs/test-setup';
import { createProjectService } from './projects';
import { TrainedStore } from './trained-store';

// Issue 15 (runs core): runs are saved with the project and come back on open — their order,
// numbers, pins, notes and the weights the keep policy keeps (pinned and best); a run whose
// weights were dropped has none in the file. The renderer's side is played with the same shared
// functions the app uses (model.keep's held reference, addRun, applyKeepPolicy after a pin).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-runs-roundtrip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const base: Project = { format: FORMAT, formatVersion: FORMAT_VERSION, appVersion: '1', savedAt: 'x', name: 'runs', graph: tutorialClassifier(), training: DEFAULT_TRAINING_FOR_TESTS, dataset };
const tensor = (value: number): WeightTensor => ({ name: 'dense_hidden/kernel', shape: [1], dtype: 'float32', data: Buffer.from(new Float32Array([value]).buffer).toString('base64') });
const trainedWith = (value: number): Trained => ({ trainedAt: 't', reason: 'completed', graphHash: 'g', settingsHash: 's', datasetHash: 'd', weights: [tensor(value)], history: [] });
const report = (loss: number): RunReport => ({ startedAt: '2026-11-30T01:00:00.000Z', durationMs: 5, backend: 'cpu', history: [{ epoch: 0, logs: { loss }, elapsedMs: 4 }], status: 'completed', finalLogs: { loss }, origin: { kind: 'train' } });

describe('runs saved with the project', () => {
  it('keep their pins, notes and the kept weights through save → open → save; dropped weights are not in the file', async () => {
    const store = new TrainedStore();
    const service = createProjectService({ appVersion: '9.9.9', trained: store, dialogs: { showOpen: async () => null, showSave: async () => join(dir, 'p.neurite'), showFolder: async () => null } });
    // Three runs as the app records them: model.keep holds each run's weights, addRun applies the policy.
    let runs: WireRunRecord[] = [];
    for (const [loss, value] of [
      [0.9, 1],
      [0.2, 2],
      [0.5, 3],
    ]) {
      const kept = store.put(trainedWith(value), { held: true });
      runs = addRun(runs, { ...makeRunRecord(base, report(loss), runs), weightsRef: kept.ref });
    }
    // Run 1's weights went when run 2 became best; run 3 (not best) keeps its own while it is the latest.
    expect(runs.map((r) => r.weightsRef !== undefined)).toEqual([false, true, true]);
    // Pinning run 3 keeps them for good; pinning run 1 keeps nothing: dropped weights do not come back. A note on run 2.
    runs = applyKeepPolicy(
      runs.map((r) => (r.number !== 2 ? { ...r, pinned: true } : { ...r, note: 'best so far — 0.2' })),
      undefined,
    );
    const project: WireProject = { ...base, runs };

    const saved = await service.handlers['project.save']({ project });
    expect(saved.saved).toBe(true);
    if (!saved.saved) return;
    const onDisk = JSON.parse(readFileSync(join(dir, 'p.neurite'), 'utf8')) as Project;
    expect(onDisk.runs!.map((r) => [r.number, r.pinned, r.note, r.weights?.map((w) => w.data)])).toEqual([
      [1, true, '', undefined],
      [2, false, 'best so far — 0.2', [tensor(2).data]],
      [3, true, '', [tensor(3).data]],
    ]);
    for (const run of onDisk.runs!) expect(run).not.toHaveProperty('weightsRef');
    expect(onDisk.runs![0]).not.toHaveProperty('weights');

    const opened = await service.handlers['project.open']({ fileId: saved.file.id });
    expect(opened.opened).toBe(true);
    if (!opened.opened) return;
    const back = opened.project.runs!;
    expect(back.map((r) => [r.id, r.number, r.pinned, r.note, r.weightsRef !== undefined])).toEqual(runs.map((r) => [r.id, r.number, r.pinned, r.note, r.number !== 1]));
    expect(back[1]).not.toHaveProperty('weights');
    expect(store.resolveRun(back[1]).weights).toEqual([tensor(2)]);

    // Saved again from what was opened: the same file content (but the save time).
    const again = await service.handlers['project.save']({ project: opened.project, fileId: saved.file.id });
    expect(again.saved).toBe(true);
    const second = JSON.parse(readFileSync(join(dir, 'p.neurite'), 'utf8')) as Project;
    expect(second.runs).toEqual(onDisk.runs);
  });
});
