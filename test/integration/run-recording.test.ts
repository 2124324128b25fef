import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/shared/api/contract';
import { parseProject } from '../../src/shared/project/load';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost, type TrainerChannel } from '../../src/main/engine/trainer-host';
import { dispatch } from '../../src/main/services/dispatch';
import { createServices } from '../../src/main/services/index';
import { TrainedStore } from '../../src/main/services/trained-store';
import type { DatasetSpec, RunOrigin, RunsBestBy, TrainingSettings } from '../../src/shared/project/schema';
import { isTrainedRef, type WireProject, type WireRunRecord, type WireTrained } from '../../src/shared/project/wire';

/**
 * Issue 15 (runs core): the renderer's run store (store/training.ts, store/runs.ts) against the
 * real main services and the real trainer process (built out/main/trainer.js), in this process:
 * the page's preload bridge is the services' dispatch, exactly as the desktop preload forwards
 * calls. Variant runs (sweeps, the learner's experiment), resume parents, branch parents and
 * main letting go of dropped weights. Build first: `npm run build`.
 */
const ROOT = path.resolve(__dirname, '../..');
const TRAINER = path.join(ROOT, 'out/main/trainer.js');
const children: TrainerChannel[] = [];
const listeners = new Set<(event: TrainEvent) => void>();
const store = new TrainedStore();
let host: TrainerHost;

/**
 * The renderer modules used here, typed by hand: they are loaded by path at run time (the node
 * project's type check does not cover the renderer's DOM code; tsconfig.web.json checks them).
 */
interface Stores {
  useRun: { getState(): { start(options?: StartOptions): Promise<void>; run: { runId: string | null; status: string }; weights: { state: string } } };
  runFinished(): Promise<WireRunRecord | null>;
  openProject(project: WireProject): void;
  connectTrainEvents(): () => void;
  useEditor: {
    getState(): {
      doc: { runs?: WireRunRecord[]; trained?: WireTrained; training: TrainingSettings; dataset: DatasetSpec };
      updateTraining(patch: Partial<TrainingSettings>): unknown;
      updateResults(update: (current: { runs?: WireRunRecord[] }) => { runs?: WireRunRecord[] }): void;
      perform(run: (doc: { dataset: DatasetSpec }) => { doc: unknown; changed: boolean }): unknown;
      undo(): void;
    };
  };
  pinRun(id: string, pinned: boolean): void;
  setRunNote(id: string, note: string): void;
  deleteRuns(ids: string[]): void;
  setRunsBestBy(bestBy: RunsBestBy): void;
  restoreRun(id: string): Promise<void>;
  branchRun(id: string): void;
  runsMissingWeights(error: unknown): { id: string; number: number }[];
  forgetRunWeights(ids: readonly string[]): void;
}
interface StartOptions {
  resume?: boolean;
  variant?: { training?: TrainingSettings };
  origin?: RunOrigin;
}
const renderer = (file: string): Promise<unknown> => import(path.join(ROOT, 'src/renderer/src', file));
let s: Stores;

beforeAll(async () => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  host = new TrainerHost(
    () => {
      const channel = forkNodeTrainer(TRAINER);
      children.push(channel);
      return channel;
    },
    (event) => {
      for (const listener of listeners) listener(event);
    },
  );
  const handlers = createServices({ host: 'desktop', appVersion: '0.0.0-test', resourcesDir: path.join(ROOT, 'resources'), trainer: host, trained: store });
  const bridge: Record<string, unknown> = {
    on: (event: string, listener: (payload: unknown) => void) => {
      if (event !== 'train.event') return () => undefined;
      const wrapped = (e: TrainEvent) => listener(structuredClone(e));
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
  for (const name of Object.keys(handlers)) bridge[name] = (request: unknown) => dispatch(handlers, name, structuredClone(request));
  (globalThis as { window?: unknown }).window = { neurite: bridge };
  s = { ...((await renderer('store/training.ts')) as object), ...((await renderer('store/runs.ts')) as object), ...((await renderer('store/editor.ts')) as object) } as Stores;
  s.connectTrainEvents();
  const template = parseProject(readFileSync(path.join(ROOT, 'resources/templates/keras-tutorial-regression.neurite'), 'utf8'), 'regression');
  if (!template.ok) throw new Error(template.error.message);
  s.openProject({ ...template.project, training: { ...template.project.training, epochs: 3 } });
}, 60_000);

afterAll(() => {
  host?.dispose();
  for (const child of children) child.kill();
});

const doc = () => s.useEditor.getState().doc;
const refOf = (trained: WireTrained | undefined): string | null => (trained && isTrainedRef(trained) ? trained.ref : null);

describe('recording runs in the app’s run store', () => {
  it('records a Train, then a variant run with its own settings whose weights stay out of the document', async () => {
    await s.useRun.getState().start();
    const first = await s.runFinished();
    expect(first).toMatchObject({ number: 1, status: 'completed', origin: { kind: 'train' }, training: { epochs: 3 } });
    expect(first!.weightsRef).toBeDefined();
    expect(first!.history.map((h) => h.epoch)).toEqual([0, 1, 2]);
    expect(refOf(doc().trained)).toBe(first!.weightsRef);
    const trainedBefore = doc().trained;
    const panelRunId = s.useRun.getState().run.runId;

    // A sweep's trial: other settings, not the document's.
    const variant = { ...doc().training, epochs: 2, optimizer: { ...doc().training.optimizer, learningRate: 0.05 } };
    await s.useRun.getState().start({ variant: { training: variant }, origin: { kind: 'sweep', groupId: 'sweep-1', trial: 0 } });
    const trial = await s.runFinished();
    expect(trial).toMatchObject({ number: 2, status: 'completed', origin: { kind: 'sweep', groupId: 'sweep-1', trial: 0 }, training: { epochs: 2 } });
    expect(trial!.training.optimizer.learningRate).toBe(0.05);
    expect(doc().training.epochs).toBe(3);
    expect(doc().trained).toBe(trainedBefore);
    // The panel shows the document's model again.
    expect(s.useRun.getState().run.runId).toBe(panelRunId);
    expect(doc().runs).toHaveLength(2);
  }, 120_000);

  it('names the parent of a resumed run and of the run after a branch', async () => {
    const runs = doc().runs!;
    await s.useRun.getState().start({ resume: true });
    const resumed = await s.runFinished();
    expect(resumed!.origin).toEqual({ kind: 'resume', parent: runs[0].id });

    s.branchRun(runs[1].id);
    expect(doc().training.epochs).toBe(2);
    await s.useRun.getState().start();
    const branched = await s.runFinished();
    expect(branched!.origin).toEqual({ kind: 'train', parent: runs[1].id });
    // Only once: the next run has no parent.
    await s.useRun.getState().start();
    expect((await s.runFinished())!.origin).toEqual({ kind: 'train' });
  }, 120_000);

  it('answers null for a refused Train and records nothing', async () => {
    const count = doc().runs!.length;
    s.useEditor.getState().updateTraining({ batchSize: 0 });
    await s.useRun.getState().start();
    expect(await s.runFinished()).toBeNull();
    expect(doc().runs).toHaveLength(count);
    s.useEditor.getState().undo();
  });

  it('lets main drop the weights the document no longer refers to, and keeps those it does', async () => {
    const runs = doc().runs!;
    const kept = runs.filter((r) => r.weightsRef);
    // Pinned and best only (and the document's trained model).
    expect(kept.length).toBeGreaterThanOrEqual(1);
    const victim = kept[0];
    s.pinRun(victim.id, true);
    expect(doc().runs!.find((r) => r.id === victim.id)!.pinned).toBe(true);
    s.setRunNote(victim.id, 'keep me');
    expect(store.has(victim.weightsRef!)).toBe(true);
    // Deleting it lets main release its weights unless the trained model is the same reference.
    const trainedRef = refOf(doc().trained);
    s.deleteRuns([victim.id]);
    expect(doc().runs!.some((r) => r.id === victim.id)).toBe(false);
    await expect.poll(() => store.has(victim.weightsRef!)).toBe(victim.weightsRef === trainedRef);
    for (const run of doc().runs!) if (run.weightsRef) expect(store.has(run.weightsRef)).toBe(true);
    // Best by the highest loss: the keep policy moves, the former best loses its weights for good
    // (the latest run keeps its own until the next run ends).
    s.setRunsBestBy({ monitor: 'loss', mode: 'max' });
    const worst = doc().runs!.reduce((a, b) => (b.finalLogs.loss > a.finalLogs.loss ? b : a));
    const latest = doc().runs!.filter((r) => r.status !== 'failed').reduce((a, b) => (b.number > a.number ? b : a));
    for (const run of doc().runs!) if (!run.pinned && run.id !== worst.id && run.id !== latest.id) expect(run.weightsRef).toBeUndefined();
  });

  it('restores a run without kept weights (graph and settings; says to retrain) and keeps the document’s data when the run’s file is gone', async () => {
    // The toast store (a .tsx module, outside the node project's type check).
    const { useToast } = (await renderer('components/Toast.tsx')) as { useToast: { getState(): { toast: { message: string } | null } } };
    const bare = doc().runs!.find((r) => !r.weightsRef && r.status === 'completed')!;
    s.useEditor.getState().updateTraining({ epochs: 7 });
    expect(doc().trained).toBeDefined();
    await s.restoreRun(bare.id);
    expect(doc().training).toEqual(bare.training);
    // Another run's model does not pass for this one's (trial 8, finding 5): no trained weights, no model in the run panel.
    expect(doc().trained).toBeUndefined();
    expect(s.useRun.getState().run.runId).toBeNull();
    expect(useToast.getState().toast?.message).toBe(
      `Run ${bare.number}’s graph and settings restored. Its weights were not kept (only pinned runs, the best run and the latest run keep them), so there is no trained model now: train again to get its model.`,
    );

    // A run on a CSV file main does not hold: the document keeps its data and says so.
    const csv = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/projects/v4-colours-index.neurite'), 'utf8')).dataset;
    delete csv.embedded;
    csv.file.sha256 = 'e'.repeat(64);
    const elsewhere = { ...bare, id: 'run-99-x', number: 99, dataset: csv, datasetHash: 'other' };
    s.useEditor.getState().updateResults(({ runs }) => ({ runs: [...runs!, elsewhere] }));
    const before = doc().dataset;
    await s.restoreRun('run-99-x');
    expect(doc().dataset).toBe(before);
    expect(useToast.getState().toast?.message).toMatch(/Its data file is no longer available here, so the project keeps its current data\.$/);

    // A run on the document's own CSV file, imported otherwise (not normalised): its spec comes back with the document's embedded bytes.
    const own = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/projects/v4-colours-index.neurite'), 'utf8')).dataset;
    s.useEditor.getState().perform((d) => ({ doc: { ...d, dataset: own }, changed: true }));
    const { embedded, ...ownWithoutBytes } = own;
    const otherImport = { ...bare, id: 'run-97-x', number: 97, dataset: { ...ownWithoutBytes, normalize: !own.normalize }, datasetHash: 'csv-other' };
    s.useEditor.getState().updateResults(({ runs }) => ({ runs: [...runs!, otherImport] }));
    await s.restoreRun('run-97-x');
    expect(doc().dataset).toEqual({ ...own, normalize: !own.normalize, embedded });
    s.useEditor.getState().undo();
    s.useEditor.getState().undo();
    expect(doc().dataset).toBe(before);

    // A run on another generator: its data comes back with it.
    const xor = { ...bare, id: 'run-98-x', number: 98, dataset: { kind: 'generator' as const, generator: 'xor' as const, seed: 5 }, datasetHash: 'xor' };
    s.useEditor.getState().updateResults(({ runs }) => ({ runs: [...runs!, xor] }));
    await s.restoreRun('run-98-x');
    expect(doc().dataset).toEqual(xor.dataset);
    s.useEditor.getState().undo();
    expect(doc().dataset).toBe(before);
  });

  it('restores a run with kept weights: they become the trained model, loaded in the trainer for Predict', { timeout: 120_000 }, async () => {
    // The only run is the best: it keeps its weights; pinned, it keeps them after the next run.
    s.deleteRuns(doc().runs!.map((r) => r.id));
    expect(doc().runs).toBeUndefined();
    await s.useRun.getState().start();
    const fresh = (await s.runFinished())!;
    expect(fresh.number).toBe(100);
    s.pinRun(fresh.id, true);
    const withWeights = doc().runs!.find((r) => r.id === fresh.id)!;
    expect(withWeights.weightsRef).toBeDefined();
    // Another run replaces the trained model; then run `fresh` is restored.
    await s.useRun.getState().start({ variant: { training: { ...doc().training, epochs: 1 } } });
    await s.runFinished();
    s.useEditor.getState().updateTraining({ epochs: 9 });
    await s.restoreRun(withWeights.id);
    const trained = doc().trained!;
    expect(refOf(trained)).toBe(withWeights.weightsRef);
    // The counts main answered for the restored reference (Dense(1) on one feature: kernel and bias).
    expect(isTrainedRef(trained) && trained.values).toBe(2);
    const { run, weights } = s.useRun.getState();
    expect(weights).toEqual({ state: 'idle' });
    expect(run.status).toBe('done');
    const { api } = (await renderer('api/index.ts')) as { api: { 'model.predict'(request: { runId: string; inputs: number[][] }): Promise<{ outputs: unknown[] }> } };
    const { outputs } = await api['model.predict']({ runId: run.runId!, inputs: [[1]] });
    expect(outputs).toHaveLength(1);
  });

  it('names the runs whose kept weights main lost when saving, and saves them without weights once forgotten', async () => {
    const pinned = doc().runs!.find((r) => r.pinned && r.weightsRef)!;
    // As if main had let them go (its memory bound): the save names the run.
    store.release([pinned.weightsRef!]);
    const { api } = (await renderer('api/index.ts')) as { api: { 'project.download'(request: { project: WireProject }): Promise<{ downloadId: string }> } };
    const { projectFromDoc } = (await renderer('store/document.ts')) as { projectFromDoc(doc: unknown, version: string): WireProject };
    // The document's trained model is another reference (the restore above made it this run's: train once more).
    await s.useRun.getState().start();
    await s.runFinished();
    const error = await api['project.download']({ project: projectFromDoc(doc(), '1') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(s.runsMissingWeights(error)).toEqual([{ id: pinned.id, number: pinned.number }]);
    expect((error as Error).message).toMatch(new RegExp(`^The weights kept for run ${pinned.number} are no longer in memory`));
    s.forgetRunWeights([pinned.id]);
    expect(doc().runs!.find((r) => r.id === pinned.id)).not.toHaveProperty('weightsRef');
    await expect(api['project.download']({ project: projectFromDoc(doc(), '1') })).resolves.toHaveProperty('downloadId');
  }, 60_000);
});
