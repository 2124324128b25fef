import { create } from 'zustand';
import type { AppInfo } from './types';
import type { BackendInfo, GraphProblem, TrainEvent } from '../../../shared/api/contract';
import type { Dataset } from '../../../shared/data/types';
import type { WireProject as Project } from '../../../shared/project/wire';
import type { DatasetSpec, RunOrigin, RunStatus as RecordStatus, TrainingSettings } from '../../../shared/project/schema';
import type { Graph } from '../../../shared/graph/types';
import type { TrainedRef, WireRunRecord } from '../../../shared/project/wire';
import { makeRunRecord, type RunReport } from '../../../shared/runs/record';
import { addRunEpochs, keptWeightsLogs, newRunHistory, type RunHistoryClock } from '../../../shared/runs/report';
import { addRun, heldRefs, runOfTrained, trainedRunDurationMs } from './runHistory';
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
import { useTensorBoardPref } from '../lib/tensorboardPref';

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
  /** See {@link StartOptions}. Every run that starts is recorded in `doc.runs` when it ends (issue 15); a refused Train records nothing. */
  start(options?: StartOptions): Promise<void>;
  /** The record of the last `start()`'s run once it has ended and been recorded; null when it was refused or belongs to a project no longer open. */
  runFinished(): Promise<WireRunRecord | null>;
  stop(): Promise<void>;
  receive(event: TrainEvent): void;
  loadHostInfo(): Promise<void>;
}

/** What to train (issue 15). */
export interface StartOptions {
  /** Keep training from the document's saved weights instead of fresh ones (ignored for a variant). */
  resume?: boolean;
  /**
   * Train this graph and/or these settings instead of the document's, without changing the
   * document (a sweep's trial, the learner's experiment): the run is recorded with them, its
   * weights go to its run record (kept by the keep policy), never to `doc.trained`, and when it
   * ends the run panel shows the document's model again.
   */
  variant?: { graph?: Graph; training?: TrainingSettings };
  /** How the run came about; default `train` (with the branched run as parent, see `branchRun`) or `resume` (parent: the run the weights came from). */
  origin?: RunOrigin;
}

/**
 * Bumped whenever another project is opened: a run (or a weights load) begun for an earlier
 * project must never write its result into the one now open.
 */
let projectGeneration = 0;

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
    if (isActive(get().run)) {
      lastRun = Promise.resolve(null);
      return;
    }
    // Invalid settings never reach main as some other value: Train is refused with the list,
    // graph problems included, as main refuses an invalid graph.
    const doc = useEditor.getState().doc;
    const variant = options.variant;
    const training = variant?.training ?? doc.training;
    if (settingsProblems(training).length > 0 || fieldDraftProblems().length > 0) {
      // Refused before anything ran: the last run (its history, charts and model) stays as it was;
      // the list goes once the problems are fixed (see the subscription below).
      set({ run: { ...get().run, problems: analyze(variant ? { ...doc, graph: variant.graph ?? doc.graph, training } : doc).problems.filter((p) => p.severity === 'error') } });
      lastRun = Promise.resolve(null);
      return;
    }
    const resume = !variant && options.resume === true && doc.trained !== undefined;
    // Fresh runs start from new weights, so the saved ones travel only when training resumes.
    const { trained: saved, runs: _runs, sweeps: _sweeps, runsBestBy: _bestBy, ...rest } = projectFromDoc(doc, get().app?.version ?? '0.0.0');
    const setup = { ...rest, graph: variant?.graph ?? rest.graph, training };
    const project = resume ? { ...setup, trained: saved } : setup;
    const origin: RunOrigin = options.origin ?? defaultOrigin(resume);
    if (!options.origin && !resume) branchParent = null;
    savedRunGeneration = -1;
    const before = variant ? { run: get().run, runDataset: get().runDataset, evaluation: get().evaluation } : null;
    const recording = beginRecording(setup, origin, before, resume);
    set({ run: { ...idleRun(), status: 'starting', resumed: resume }, weights: { state: 'idle' }, evaluation: null, runDataset: project.dataset });
    try {
      const tensorboard = useTensorBoardPref.getState().on;
      const { runId } = await api['train.start']({ project, ...(resume ? { resume } : {}), ...(tensorboard ? { tensorboard } : {}) });
      const run = get().run;
      // The 'started' event may have arrived before the reply.
      if (run.runId === null) set({ run: { ...run, runId } });
      if (recording.runId === null) {
        recording.runId = runId;
        recording.state = { ...recording.state, runId };
      }
    } catch (error) {
      // Main refused the run (an invalid graph, no rows, busy): nothing ran, nothing is recorded.
      const problems =
        error instanceof ApiCallError && error.code === 'invalid-graph' && Array.isArray(error.details) ? (error.details as GraphProblem[]) : [];
      set({ run: { ...idleRun(), status: 'failed', message: errorText(error), problems } });
      endRecording(recording, null);
    }
  },
  runFinished: () => lastRun,
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
    if (next !== run) set({ run: next, ...(event.type === 'started' ? { backend: event.backend } : {}) });
    // The recording folds the run's events into its own state: the panel may show something else
    // meanwhile (a variant run's panel goes back, saved weights loaded for another project).
    const recording = current;
    if (!recording || recording.ended) return;
    const state = applyTrainEvent(recording.state, event);
    if (state === recording.state) return;
    recording.state = state;
    recording.runId ??= state.runId;
    recordEvent(recording, event, state);
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

// ---- issue 15: recording every run
/** The run `branchRun` branched from: the next Train's `origin.parent` (then forgotten). */
let branchParent: string | null = null;

/**
 * The highest run number deleted in this session of the open project: run numbers grow and are
 * not handed out again after a delete (schema: `RunRecord.number`), even when the last runs were
 * the ones deleted. (A file reopened after its last runs were deleted starts after the highest left.)
 */
let deletedNumberFloor = 0;

/** Remembers the numbers of deleted runs (store/runs.ts `deleteRuns`). */
export function rememberDeletedRunNumbers(numbers: readonly number[]): void {
  deletedNumberFloor = Math.max(deletedNumberFloor, ...numbers);
}

/** Sets (or clears) the run the next Train branches from (store/runs.ts `branchRun`). */
export function setBranchParent(id: string | null): void {
  branchParent = id;
}

function defaultOrigin(resume: boolean): RunOrigin {
  const parent = resume ? runOfTrained(useEditor.getState().doc.runs, useEditor.getState().doc.trained) : branchParent;
  return { kind: resume ? 'resume' : 'train', ...(parent ? { parent } : {}) };
}

/** The run being recorded: what it trains, and its history as the trainer reports it. */
interface Recording {
  generation: number;
  runId: string | null;
  /** The run's own state, folded from its events as the panel's is (`applyTrainEvent`); tells whether it left a model. */
  state: RunState;
  startedAt: string;
  startMs: number;
  setup: Pick<Project, 'graph' | 'training' | 'dataset'>;
  origin: RunOrigin;
  /** For a variant run: the run panel's state to go back to when it ends (the document's model). */
  before: Pick<RunStore, 'run' | 'runDataset' | 'evaluation'> | null;
  backend: string;
  clock: RunHistoryClock;
  ended: boolean;
  /** Issue 17: the run record's number once it is recorded (the report charts' titles). */
  recordNumber?: number;
  resolve(record: WireRunRecord | null): void;
}

let current: Recording | null = null;
/** The record of the last start() (see `runFinished`). */
let lastRun: Promise<WireRunRecord | null> = Promise.resolve(null);

function beginRecording(setup: Recording['setup'], origin: RunOrigin, before: Recording['before'], resumed: boolean): Recording {
  let resolve!: (record: WireRunRecord | null) => void;
  lastRun = new Promise((r) => (resolve = r));
  const recording: Recording = {
    generation: projectGeneration,
    runId: null,
    state: { ...idleRun(), status: 'starting', resumed },
    startedAt: new Date().toISOString(),
    startMs: Date.now(),
    setup: { graph: setup.graph, training: setup.training, dataset: setup.dataset },
    origin,
    before,
    backend: '',
    clock: newRunHistory(),
    ended: false,
    resolve,
  };
  if (current && !current.ended) endRecording(current, null);
  current = recording;
  return recording;
}

function endRecording(recording: Recording, record: WireRunRecord | null): void {
  if (recording.ended) return;
  recording.ended = true;
  recording.resolve(record);
}

/** Folds one of the recorded run's events into its record (epochs' `elapsedMs`: see `addRunEpochs`). */
function recordEvent(recording: Recording, event: TrainEvent, next: RunState): void {
  switch (event.type) {
    case 'started':
      recording.backend = event.backend.name;
      return;
    case 'progress':
      addRunEpochs(recording.clock, event.epochs, event.elapsedMs);
      return;
    case 'done':
      void finishRecording(recording, event, next);
      return;
    case 'failed':
      void finishRecording(recording, event, next);
  }
}

const RECORD_STATUS: Record<Extract<TrainEvent, { type: 'done' }>['reason'], RecordStatus> = { completed: 'completed', stopped: 'stopped', diverged: 'diverged' };

/**
 * A run has ended: its weights (when worth using: {@link hasModel}) are kept in main
 * (`model.keep`), the run record is added to the document with the keep policy applied, and for
 * a run of the document (not a variant) the weights become `doc.trained` so Save keeps them.
 */
async function finishRecording(recording: Recording, event: Extract<TrainEvent, { type: 'done' | 'failed' }>, next: RunState): Promise<void> {
  const runId = event.runId;
  let kept: TrainedRef | null = null;
  if (event.type === 'done' && recording.generation === projectGeneration && hasModel(next)) {
    try {
      kept = await api['model.keep']({ runId });
    } catch (error) {
      if (recording.generation === projectGeneration && !recording.before) useRun.setState({ weights: { state: 'failed', message: errorText(error) } });
    }
  }
  // A run of a project no longer open is never written into the one open now.
  if (recording.generation !== projectGeneration) {
    if (kept) void api['model.release']({ refs: [kept.ref] }).catch(() => undefined);
    endRecording(recording, null);
    return;
  }
  const report: RunReport =
    event.type === 'done'
      ? {
          startedAt: recording.startedAt,
          durationMs: event.elapsedMs,
          backend: recording.backend || (useRun.getState().backend?.name ?? 'unknown'),
          ...(event.trainingStep ? { trainingStep: event.trainingStep } : {}),
          history: recording.clock.history,
          status: RECORD_STATUS[event.reason],
          ...(event.message ? { message: event.message } : {}),
          ...(event.messageId ? { messageId: event.messageId, params: event.params ?? {} } : {}),
          ...(event.outcome ? { outcomeKind: event.outcome.kind } : {}),
          finalLogs: keptWeightsLogs(recording.clock.history, event.finalLogs, event.earlyStopping, event.keptEpoch),
          ...(event.testLogs ? { test: { ...event.testLogs } } : {}),
          ...(event.earlyStopping ? { earlyStopping: event.earlyStopping } : {}),
          origin: recording.origin,
        }
      : {
          startedAt: recording.startedAt,
          durationMs: Math.max(0, Date.now() - recording.startMs),
          backend: recording.backend || (useRun.getState().backend?.name ?? 'unknown'),
          history: recording.clock.history,
          status: 'failed',
          message: event.message,
          ...(event.messageId ? { messageId: event.messageId, params: event.params ?? {} } : {}),
          finalLogs: {},
          origin: recording.origin,
        };
  const editor = useEditor.getState();
  const numbered = [...(editor.doc.runs ?? []), ...(deletedNumberFloor > 0 ? [{ id: '', number: deletedNumberFloor }] : [])];
  const record: WireRunRecord = { ...makeRunRecord(recording.setup, report, numbered), ...(kept ? { weightsRef: kept.ref } : {}) };
  // The run shown is still this one (a later run or an opened project did not replace it): its weights are the document's.
  const shown = useRun.getState().run.runId === runId;
  editor.updateResults((results) => ({
    runs: addRun(results.runs, record, results.runsBestBy),
    ...(kept && !recording.before && shown ? { trained: kept } : {}),
  }));
  const after = useEditor.getState().doc;
  const added = after.runs?.find((r) => r.id === record.id) ?? record;
  // Weights kept for a run the keep policy does not keep, and not the document's model either: main lets them go.
  if (kept && !heldRefs(after).has(kept.ref)) void api['model.release']({ refs: [kept.ref] }).catch(() => undefined);
  if (recording.before && shown) useRun.setState(recording.before);
  recording.recordNumber = added.number;
  endRecording(recording, added);
}
// ---- end issue 15: recording

/**
 * Issue 17 (report charts): what run `runId` (the trainer's id) trained with — its graph,
 * settings and data, start time and, once recorded, its run number — while it is the last run
 * started here; null for any other run (one opened with a project: see its run record).
 */
export function recordedRunSetup(runId: string | null): { setup: Recording['setup']; startedAt: string; number: number | null } | null {
  if (!current || runId === null || current.runId !== runId) return null;
  return { setup: current.setup, startedAt: current.startedAt, number: current.recordNumber ?? null };
}

/**
 * Opens a project in the editor (every route: files, templates, recent, recovery, new). A run of
 * the previous project is stopped; saved weights are rebuilt in the trainer so Predict and the
 * charts work at once. When they cannot be loaded the project stays open and the reason is shown.
 */
export function openProject(project: Project): void {
  const generation = ++projectGeneration;
  // A run of the previous project is not recorded into this one (runFinished answers null).
  if (current) endRecording(current, null);
  deletedNumberFloor = 0;
  branchParent = null;
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
  // Trial 10 (19): the run's real duration, from its record (the trained section keeps no time).
  const elapsedMs = trainedRunDurationMs(project.runs, trained);
  const placeholder = runFromSaved(trained, null, outcome, elapsedMs);
  useRun.setState({ run: placeholder, weights: { state: 'loading' }, runDataset: project.dataset });
  void (async () => {
    try {
      if (isActive(previous) && previous.runId) await api['train.stop']({ runId: previous.runId });
      const { runId } = await api['model.load']({ project });
      if (generation !== projectGeneration) return;
      // Train pressed while the weights loaded: that run is shown now, not the saved one (issue 15: its events were lost).
      if (useRun.getState().run !== placeholder) {
        useRun.setState({ weights: { state: 'idle' } });
        return;
      }
      // The outcome again: a CSV project's rows (and label counts) may have arrived meanwhile.
      useRun.setState({ run: runFromSaved(trained, runId, savedRunOutcome(project) ?? outcome, elapsedMs), weights: { state: 'idle' } });
    } catch (error) {
      if (generation !== projectGeneration) return;
      useRun.setState({ weights: { state: 'failed', message: errorText(error) } });
    }
  })();
}

/**
 * The record of the last `useRun.getState().start()`'s run, once it has ended and been recorded
 * (a sweep's queue awaits it before starting the next trial); null when that Train was refused
 * (nothing ran) or its project was closed meanwhile.
 */
export function runFinished(): Promise<WireRunRecord | null> {
  return lastRun;
}

/**
 * Makes a run's kept weights the document's trained model (restoring a run, store/runs.ts): they
 * become `doc.trained` at once (Save keeps them) and are rebuilt in the trainer with `model.load`
 * as `openProject` does, so Predict uses them; `dataset` is the data spec the run trained with.
 * A failed load leaves the document's reference and says why in the run panel.
 */
export async function loadRunWeights(trained: TrainedRef, dataset: DatasetSpec): Promise<void> {
  const generation = ++projectGeneration;
  if (current) endRecording(current, null);
  useEditor.getState().setTrained(trained);
  const doc = useEditor.getState().doc;
  const project = { ...projectFromDoc(doc, useRun.getState().app?.version ?? '0.0.0'), dataset };
  const outcome = savedRunOutcome(project);
  savedRunGeneration = generation;
  const elapsedMs = trainedRunDurationMs(doc.runs, trained);
  const placeholder = runFromSaved(trained, null, outcome, elapsedMs);
  useRun.setState({ run: placeholder, weights: { state: 'loading' }, runDataset: dataset, evaluation: null });
  try {
    const { runId, trained: loaded } = await api['model.load']({ project });
    if (generation !== projectGeneration) return;
    if (useEditor.getState().doc.trained === trained) useEditor.getState().setTrained(loaded);
    // Train pressed while the weights loaded: that run is shown now.
    if (useRun.getState().run !== placeholder) {
      useRun.setState({ weights: { state: 'idle' } });
      return;
    }
    useRun.setState({ run: runFromSaved(loaded, runId, savedRunOutcome({ ...project, trained: loaded }) ?? outcome, elapsedMs), weights: { state: 'idle' } });
  } catch (error) {
    if (generation !== projectGeneration) return;
    useRun.setState({ weights: { state: 'failed', message: errorText(error) } });
  }
}

// issue 18: import training run
/**
 * Adds a run imported from a training package (`runs.importPackage`: its record and `trained`
 * share one held reference in main) to the document's runs (the keep policy applied, numbered
 * after runs deleted this session too), then makes its weights the document's trained model and
 * loads them (`loadRunWeights`) so Predict uses them at once. Answers the record as added.
 */
export async function addImportedRun(record: WireRunRecord, trained: TrainedRef): Promise<WireRunRecord> {
  const number = Math.max(record.number, deletedNumberFloor + 1);
  const numbered = number === record.number ? record : { ...record, number, id: record.id.replace(/^run-\d+/, `run-${number}`) };
  useEditor.getState().updateResults((results) => ({ runs: addRun(results.runs, numbered, results.runsBestBy) }));
  await loadRunWeights(trained, useEditor.getState().doc.dataset);
  return useEditor.getState().doc.runs?.find((r) => r.id === numbered.id) ?? numbered;
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
// Issue 15: main holds every run's kept weights until the renderer lets them go (model.release):
// references the document no longer holds (the keep policy dropped them, a run was deleted, a
// new run replaced the trained model, another project was opened) are released.
useEditor.subscribe((state, previous) => {
  const doc = state.doc;
  const before = previous.doc;
  if (doc.runs === before.runs && doc.trained === before.trained) return;
  const now = heldRefs(doc);
  const gone = [...heldRefs(before)].filter((ref) => !now.has(ref));
  if (gone.length > 0) void api['model.release']({ refs: gone }).catch(() => undefined);
});
useCsvSamples.subscribe((state, previous) => {
  if (state.samples !== previous.samples) rejudgeSavedRun('csv');
});
// Issue 14: a reopened image project's images arrive from main the same way.
useImageSamples.subscribe((state, previous) => {
  if (state.samples !== previous.samples) rejudgeSavedRun('images');
});
