import { create } from 'zustand';
import type { AppInfo } from './types';
import type { BackendInfo, GraphProblem, TrainEvent } from '../../../shared/api/contract';
import type { Dataset } from '../../../shared/data/types';
import type { WireProject as Project } from '../../../shared/project/wire';
import type { DatasetSpec } from '../../../shared/project/schema';
import { api, ApiCallError } from '../api';
import { analyze, settingsProblems } from '../lib/analysis';
import type { ClassificationResult, RegressionResult } from '../lib/datastats';
import { projectFromDoc } from './document';
import { fieldDraftProblems, useFieldDrafts } from './fieldDrafts';
import { useEditor } from './editor';
import { applyTrainEvent, hasModel, idleRun, isActive, runFromSaved, type RunState } from './run';
import { savedRunOutcome } from './savedOutcome';
import { useToast } from '../components/Toast';
import { useCsvSamples } from '../components/CsvImportState';
import { useImageSamples } from '../data/imageSamples';
import { tr } from '../i18n';

/**
 * The Results view's verdict on every row of a dataset: the predictions of one run's model, kept
 * so that switching views or tabs does not predict again. It belongs to `runId` and to `data` (the
 * preview dataset object, the same object while the dataset spec is unchanged): compare both.
 */
export interface Evaluation {
  runId: string;
  data: Dataset;
  result: ClassificationResult | RegressionResult;
  /** The model's outputs for each row, in row order (issue 14: the image grid's predictions and a confusion cell's images read them). */
  outputs: number[][];
}

/** What happened to the document's trained weights outside the run itself (keeping or reloading them). */
export type WeightsState = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string };

interface RunStore {
  run: RunState;
  app: AppInfo | null;
  backend: BackendInfo | null;
  backendError: string | null;
  weights: WeightsState;
  /** The last Results evaluation (see {@link Evaluation}); null until one finishes. */
  evaluation: Evaluation | null;
  /**
   * The dataset spec the shown run's model was trained with (sent with `train.start` or
   * `model.load`): the trainer predicts through that spec's pipeline, which may differ from the
   * document's after the data settings changed (trial 5, F1). Null without a run.
   */
  runDataset: DatasetSpec | null;
  /** `resume`: keep training from the document's saved weights instead of fresh ones. */
  start(options?: { resume?: boolean }): Promise<void>;
  stop(): Promise<void>;
  receive(event: TrainEvent): void;
  loadHostInfo(): Promise<void>;
}

/**
 * Bumped whenever another project is opened: a run (or a weights load) begun for an earlier
 * project must never write its result into the one now open.
 */
let projectGeneration = 0;
let runGeneration = -1;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useRun = create<RunStore>()((set, get) => ({
  run: idleRun(),
  app: null,
  backend: null,
  backendError: null,
  weights: { state: 'idle' },
  evaluation: null,
  runDataset: null,

  async start(options = {}) {
    if (isActive(get().run)) return;
    // Invalid settings never reach main as some other value: Train is refused with the list,
    // graph problems included, as main refuses an invalid graph.
    const doc = useEditor.getState().doc;
    if (settingsProblems(doc.training).length > 0 || fieldDraftProblems().length > 0) {
      // Refused before anything ran: the last run (its history, charts and model) stays as it was;
      // the list goes once the problems are fixed (see the subscription below).
      set({ run: { ...get().run, problems: analyze(doc).problems.filter((p) => p.severity === 'error') } });
      return;
    }
    const resume = options.resume === true && useEditor.getState().doc.trained !== undefined;
    // Fresh runs start from new weights, so the saved ones travel only when training resumes.
    const { trained: saved, ...rest } = projectFromDoc(useEditor.getState().doc, get().app?.version ?? '0.0.0');
    const project = resume ? { ...rest, trained: saved } : rest;
    runGeneration = projectGeneration;
    savedRunGeneration = -1;
    set({ run: { ...idleRun(), status: 'starting', resumed: resume }, weights: { state: 'idle' }, evaluation: null, runDataset: project.dataset });
    try {
      const { runId } = await api['train.start']({ project, ...(resume ? { resume } : {}) });
      const run = get().run;
      // The 'started' event may have arrived before the reply.
      if (run.runId === null) set({ run: { ...run, runId } });
    } catch (error) {
      const problems =
        error instanceof ApiCallError && error.code === 'invalid-graph' && Array.isArray(error.details) ? (error.details as GraphProblem[]) : [];
      set({ run: { ...idleRun(), status: 'failed', message: errorText(error), problems } });
    }
  },
  async stop() {
    const { run } = get();
    if (!isActive(run) || !run.runId) return;
    try {
      await api['train.stop']({ runId: run.runId });
    } catch (error) {
      set({ run: { ...get().run, message: errorText(error) } });
    }
  },
  receive(event) {
    const run = get().run;
    const next = applyTrainEvent(run, event);
    if (next === run) return;
    set({ run: next, ...(event.type === 'started' ? { backend: event.backend } : {}) });
    // Only weights worth using become the document's: a run that diverged in its first epoch
    // leaves the initial random ones, and (like a failed run) leaves the document's as they were.
    if (event.type === 'done' && runGeneration === projectGeneration && hasModel(next)) void keepTrainedWeights(event.runId);
  },
  async loadHostInfo() {
    const [app, backend] = await Promise.allSettled([api['app.info']({}), api['engine.backend']({})]);
    // Not reaching main at all (a wrong token, a stopped server) is said where it is seen, not only in the console.
    if (app.status === 'rejected') useToast.getState().show(errorText(app.reason), null, { sticky: true });
    set({
      app: app.status === 'fulfilled' ? app.value : null,
      backend: backend.status === 'fulfilled' ? backend.value : null,
      backendError: backend.status === 'rejected' ? String((backend.reason as Error)?.message ?? backend.reason) : null,
    });
  },
}));

/**
 * A finished run's weights and history become the document's `trained` section, so Save keeps
 * them: main keeps the weights, the document a reference to them.
 */
async function keepTrainedWeights(runId: string): Promise<void> {
  const generation = projectGeneration;
  try {
    const trained = await api['model.keep']({ runId });
    if (generation !== projectGeneration || useRun.getState().run.runId !== runId) return;
    useEditor.getState().setTrained(trained);
  } catch (error) {
    if (generation !== projectGeneration) return;
    useRun.setState({ weights: { state: 'failed', message: errorText(error) } });
  }
}

/**
 * Opens a project in the editor (every route: files, templates, recent, recovery, new). A run of
 * the previous project is stopped; saved weights are rebuilt in the trainer so Predict and the
 * charts work at once. When they cannot be loaded the project stays open and the reason is shown.
 */
export function openProject(project: Project): void {
  const generation = ++projectGeneration;
  const previous = useRun.getState().run;
  useEditor.getState().loadProject(project);
  const trained = project.trained;
  if (!trained) {
    useRun.setState({ run: idleRun(), weights: { state: 'idle' }, runDataset: null });
    if (isActive(previous) && previous.runId) void api['train.stop']({ runId: previous.runId }).catch(() => undefined);
    return;
  }
  const outcome = savedRunOutcome(project);
  savedRunGeneration = generation;
  useRun.setState({ run: runFromSaved(trained, null, outcome), weights: { state: 'loading' }, runDataset: project.dataset });
  void (async () => {
    try {
      if (isActive(previous) && previous.runId) await api['train.stop']({ runId: previous.runId });
      const { runId } = await api['model.load']({ project });
      if (generation !== projectGeneration) return;
      // The outcome again: a CSV project's rows (and label counts) may have arrived meanwhile.
      useRun.setState({ run: runFromSaved(trained, runId, savedRunOutcome(project) ?? outcome), weights: { state: 'idle' } });
    } catch (error) {
      if (generation !== projectGeneration) return;
      useRun.setState({ weights: { state: 'failed', message: errorText(error) } });
    }
  })();
}

/** Reloads of saved weights in flight, by the run id whose model was lost: concurrent calls share one. */
const reloads = new Map<string, Promise<string>>();

/**
 * Runs `call` (a predict, activations or export request) with a run's model id. The trainer
 * keeps the model of its latest run or load only, so another tab (browser host) that trains or
 * opens a project, or a trainer restart, leaves this id without a model: main answers
 * `no-model`. Then the document's saved weights are loaded again (`model.load`, as opening the
 * project does), the run takes the new id, and the call is retried once. Reloading rather than
 * keeping several models in the trainer bounds the trainer's memory to one model and also
 * recovers after a restart.
 *
 * Errors: `no-model` when the project has no saved weights (or they belong to another run) and
 * a failed reload are rethrown as translated messages; every other error unchanged.
 */
export async function withRunModel<T>(runId: string, call: (runId: string) => Promise<T>): Promise<T> {
  try {
    return await call(runId);
  } catch (error) {
    if (!(error instanceof ApiCallError) || error.code !== 'no-model') throw error;
    return call(await reloadSavedWeights(runId));
  }
}

function reloadSavedWeights(lostRunId: string): Promise<string> {
  const pending = reloads.get(lostRunId);
  if (pending) return pending;
  const reload = (async () => {
    const doc = useEditor.getState().doc;
    // Only the run the document's weights came from can be replaced by them.
    if (!doc.trained || useRun.getState().run.runId !== lostRunId || isActive(useRun.getState().run)) throw new Error(tr('model.lost'));
    const generation = projectGeneration;
    let runId: string;
    try {
      // The model as it was trained: its data pipeline (e.g. the pixel scaling) is the trained one, even after the dataset settings changed.
      const trainedOn = useRun.getState().runDataset;
      const project = projectFromDoc(doc, useRun.getState().app?.version ?? '0.0.0');
      ({ runId } = await api['model.load']({ project: trainedOn ? { ...project, dataset: trainedOn } : project }));
    } catch (error) {
      throw new Error(
        error instanceof ApiCallError && error.code === 'busy' ? tr('model.reloadBusy') : tr('model.reloadFailed', { message: errorText(error) }),
      );
    }
    if (generation !== projectGeneration) throw new Error(tr('model.lost'));
    const { run, evaluation } = useRun.getState();
    if (run.runId === lostRunId) {
      // Same weights under a new id: a finished Results evaluation stays valid.
      useRun.setState({ run: { ...run, runId }, ...(evaluation?.runId === lostRunId ? { evaluation: { ...evaluation, runId } } : {}) });
    }
    return runId;
  })();
  reloads.set(lostRunId, reload);
  void reload.then(
    () => reloads.delete(lostRunId),
    () => reloads.delete(lostRunId),
  );
  return reload;
}

let subscribed = false;
/** Connects the store to the trainer's event stream; called once at start-up. */
export function connectTrainEvents(): () => void {
  if (subscribed) return () => undefined;
  subscribed = true;
  const off = api.on('train.event', (event) => useRun.getState().receive(event));
  return () => {
    subscribed = false;
    off();
  };
}

// A refusal's list describes the document as it was: once the document has no errors left, it goes.
function dropFixedRefusal(): void {
  const { run } = useRun.getState();
  if (run.problems.length === 0 || isActive(run)) return;
  if (analyze(useEditor.getState().doc).problems.some((p) => p.severity === 'error')) return;
  useRun.setState({ run: { ...run, problems: [], ...(run.status === 'failed' ? { status: 'idle' as const, message: null } : {}) } });
}
useEditor.subscribe((state, previous) => {
  if (state.doc !== previous.doc) dropFixedRefusal();
});
// A refused field value (trial 5 F8) is part of the document's problems too.
useFieldDrafts.subscribe((state, previous) => {
  if (state.drafts !== previous.drafts) dropFixedRefusal();
});

/** The project generation whose saved run the run panel shows (its outcome is recomputed as CSV rows arrive). */
let savedRunGeneration = -1;
// A reopened CSV project's rows arrive from main after it opened: the saved run's outcome (its
// chance level, its baseline) is judged again with them, as the trainer judged it with every row.
function rejudgeSavedRun(kind: 'csv' | 'images'): void {
  if (savedRunGeneration !== projectGeneration) return;
  const { run } = useRun.getState();
  if (isActive(run) || !run.outcome) return;
  const doc = useEditor.getState().doc;
  if (doc.dataset.kind !== kind || !doc.trained) return;
  const outcome = savedRunOutcome(doc);
  if (outcome) useRun.setState({ run: { ...useRun.getState().run, outcome } });
}
useCsvSamples.subscribe((state, previous) => {
  if (state.samples !== previous.samples) rejudgeSavedRun('csv');
});
// Issue 14: a reopened image project's images arrive from main the same way.
useImageSamples.subscribe((state, previous) => {
  if (state.samples !== previous.samples) rejudgeSavedRun('images');
});
