import type { DatasetSpec, RunsBestBy } from '../../../shared/project/schema';
import { datasetHash } from '../../../shared/project/hash';
import { runHasWeights, type WireRunRecord } from '../../../shared/project/wire';
import { applyKeepPolicy } from '../../../shared/runs/policy';
import { api, ApiCallError } from '../api';
import { useToast } from '../components/Toast';
import { tr } from '../i18n';
import * as commands from './commands';
import type { EditorDoc } from './document';
import { useEditor } from './editor';
import { idleRun, isActive } from './run';
import { trainedOfRun } from './runHistory';
import { loadRunWeights, rememberDeletedRunNumbers, setBranchParent, useRun } from './training';

/**
 * The run history's commands (issue 15), for the runs view and the sweeps. Run records are
 * results, like `doc.trained`: they change through `updateResults` (unsaved work, no undo step),
 * and the keep policy (src/shared/runs/policy.ts) is applied after every change that can move it
 * (pin, delete, best-by). Restoring and branching edit the graph and settings as one undoable command.
 */

function findRun(id: string): WireRunRecord | undefined {
  return useEditor.getState().doc.runs?.find((run) => run.id === id);
}

/** Pins or unpins a run (a pinned run keeps its weights); the keep policy is applied again, so unpinning a run that is not the best drops its weights for good. */
export function pinRun(id: string, pinned: boolean): void {
  useEditor.getState().updateResults(({ runs, runsBestBy }) => {
    if (!runs?.some((run) => run.id === id && run.pinned !== pinned)) return {};
    return { runs: applyKeepPolicy(runs.map((run) => (run.id === id ? { ...run, pinned } : run)), runsBestBy) };
  });
}

/** Sets a run's free-text note (at most 20 000 characters, the schema's bound; longer text is cut). */
export function setRunNote(id: string, note: string): void {
  const text = note.slice(0, 20_000);
  useEditor.getState().updateResults(({ runs }) => {
    if (!runs?.some((run) => run.id === id && run.note !== text)) return {};
    return { runs: runs.map((run) => (run.id === id ? { ...run, note: text } : run)) };
  });
}

/**
 * Deletes runs (the UI confirms first). Their numbers are not handed out again in this session
 * (training.ts `rememberDeletedRunNumbers`); the keep policy is applied again (a new best run may keep its weights — those it
 * still has). Deleting every run removes the history from the document.
 */
export function deleteRuns(ids: string[]): void {
  const gone = new Set(ids);
  rememberDeletedRunNumbers((useEditor.getState().doc.runs ?? []).filter((run) => gone.has(run.id)).map((run) => run.number));
  useEditor.getState().updateResults(({ runs, runsBestBy }) => {
    if (!runs?.some((run) => gone.has(run.id))) return {};
    const rest = applyKeepPolicy(
      runs.filter((run) => !gone.has(run.id)),
      runsBestBy,
    );
    return { runs: rest.length > 0 ? rest : undefined };
  });
}

/** Changes which run is "best" (the metric and its direction); the keep policy is applied again. */
export function setRunsBestBy(bestBy: RunsBestBy): void {
  useEditor.getState().updateResults(({ runs, runsBestBy }) => {
    if (runsBestBy?.monitor === bestBy.monitor && runsBestBy.mode === bestBy.mode) return {};
    return { runsBestBy: { ...bestBy }, ...(runs ? { runs: applyKeepPolicy(runs, bestBy) } : {}) };
  });
}

/**
 * The dataset spec to bring back with a run, as far as it can be told without asking main:
 * `same` when it is the document's data; the run's spec when its data needs no file (a
 * generator, a built-in image set) or is the document's own file (same sha256; its embedded bytes
 * and path are kept); `ask` when it is another file, which only main can say it holds.
 */
function localDataset(run: Pick<WireRunRecord, 'dataset' | 'datasetHash'>, current: DatasetSpec): DatasetSpec | 'same' | 'ask' {
  if (run.datasetHash === datasetHash(current)) return 'same';
  const spec = run.dataset;
  if (spec.kind === 'generator') return spec;
  if (spec.kind === 'csv') {
    if (current.kind !== 'csv' || current.file.sha256 !== spec.file.sha256) return 'ask';
    return { ...spec, ...(current.embedded !== undefined ? { embedded: current.embedded } : {}), ...(current.path !== undefined ? { path: current.path } : {}) };
  }
  if (spec.source.kind === 'builtin') return spec;
  if (current.kind !== 'images' || current.source.kind !== 'folder' || current.source.sha256 !== spec.source.sha256) return 'ask';
  const { embedded, path } = current.source;
  return { ...spec, source: { ...spec.source, ...(embedded !== undefined ? { embedded } : {}), ...(path !== undefined ? { path } : {}) } };
}

/**
 * The dataset spec to restore with a run: none (keep the document's) when it is the same data;
 * the run's spec when its data is at hand (see `localDataset`; for another CSV file or image
 * folder, when main still holds it: main is asked for a sample); `unavailable` otherwise.
 */
export async function restorableDataset(run: Pick<WireRunRecord, 'dataset' | 'datasetHash'>, doc: Pick<EditorDoc, 'dataset'>): Promise<{ dataset?: DatasetSpec; unavailable?: true }> {
  const local = localDataset(run, doc.dataset);
  if (local === 'same') return {};
  if (local !== 'ask') return { dataset: local };
  const spec = run.dataset;
  try {
    if (spec.kind === 'csv') await api['data.sample']({ dataset: spec });
    else if (spec.kind === 'images') await api['data.images']({ dataset: spec, start: 0, count: Math.min(1, spec.rows) });
    return { dataset: spec };
  } catch {
    return { unavailable: true };
  }
}

/**
 * Restores a run: its graph and settings (and its data spec when it differs and the data is at
 * hand, see {@link restorableDataset}; else the document's data stays and the user is told) as
 * ONE undoable command, then its kept weights become the document's trained model, rebuilt in the
 * trainer so Predict uses them at once. A run whose weights were not kept restores graph and
 * settings only, and the user is told to train again. Refused (with a message) while a run trains.
 */
export async function restoreRun(id: string): Promise<void> {
  const toast = useToast.getState();
  const run = findRun(id);
  if (!run) {
    toast.show(tr('runsCore.notFound', { id }));
    return;
  }
  if (isActive(useRun.getState().run)) {
    toast.show(tr('runsCore.restoreWhileTraining'));
    return;
  }
  const data = await restorableDataset(run, useEditor.getState().doc);
  // Asking main about the data took a moment: the run may have been deleted or a Train pressed.
  if (!findRun(id) || isActive(useRun.getState().run)) return;
  useEditor.getState().perform((doc) => commands.restoreRun(doc, { graph: run.graph, training: run.training, ...(data.dataset ? { dataset: data.dataset } : {}) }));
  setBranchParent(null);
  const notes: string[] = [];
  if (data.unavailable) notes.push(tr('runsCore.dataUnavailable', { number: run.number }));
  if (runHasWeights(run) && run.status !== 'failed') {
    // The model as it was trained: through the run's data pipeline when its data is at hand.
    await loadRunWeights(trainedOfRun(run), data.unavailable ? useEditor.getState().doc.dataset : (data.dataset ?? useEditor.getState().doc.dataset));
    notes.unshift(tr('runsCore.restored', { number: run.number }));
  } else {
    // Another run's model must not pass for this run's (trial 8, finding 5): the document holds no
    // trained weights now and the run panel shows no model; Predict asks for a run first. The
    // other run keeps its own weights in the history when the keep policy kept them (the latest does).
    useEditor.getState().setTrained(null);
    useRun.setState({ run: idleRun(), runDataset: null, evaluation: null, weights: { state: 'idle' } });
    notes.unshift(tr('runsCore.restoredNoWeights', { number: run.number }));
  }
  toast.show(notes.join(' '));
}

/**
 * Branches a new run from a run: its graph and settings (and data, as {@link restoreRun}) as one
 * undoable command, no weights (the document's trained model stays as it was); the next Train's
 * record names this run as its `origin.parent`.
 */
export function branchRun(id: string): void {
  const run = findRun(id);
  if (!run) {
    useToast.getState().show(tr('runsCore.notFound', { id }));
    return;
  }
  // Branching is immediate: another data file is not asked for (restore does); the document's data then stays.
  const local = localDataset(run, useEditor.getState().doc.dataset);
  const dataset = local === 'same' || local === 'ask' ? undefined : local;
  useEditor.getState().perform((doc) => commands.restoreRun(doc, { graph: run.graph, training: run.training, ...(dataset ? { dataset } : {}) }));
  setBranchParent(run.id);
  useToast.getState().show(tr(local !== 'ask' ? 'runsCore.branched' : 'runsCore.branchedOwnData', { number: run.number }));
}

/**
 * The runs a failed save named as having lost their kept weights (main's `weights-missing` error
 * with `{run, number}` details, src/main/services/trained-store.ts); empty for any other error.
 */
export function runsMissingWeights(error: unknown): { id: string; number: number }[] {
  if (!(error instanceof ApiCallError) || error.code !== 'weights-missing' || !Array.isArray(error.details)) return [];
  return error.details.flatMap((d) => {
    const { run, number } = (d ?? {}) as { run?: unknown; number?: unknown };
    return typeof run === 'string' && typeof number === 'number' ? [{ id: run, number }] : [];
  });
}

/** Forgets the kept weights of these runs (their weights are gone from main): the runs stay, without weights. */
export function forgetRunWeights(ids: readonly string[]): void {
  const gone = new Set(ids);
  useEditor.getState().updateResults(({ runs }) => {
    if (!runs?.some((run) => gone.has(run.id) && run.weightsRef !== undefined)) return {};
    return {
      runs: runs.map((run) => {
        if (!gone.has(run.id) || run.weightsRef === undefined) return run;
        const { weightsRef: _gone, ...rest } = run;
        return rest;
      }),
    };
  });
}
