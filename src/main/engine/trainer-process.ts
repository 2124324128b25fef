import type * as tf from '@tensorflow/tfjs';
import type { Project, Trained } from '../../shared/project/schema';
import { bytesToBase64 } from '../../shared/project/base64';
import { encodeWeights, exportLayersModel, trainedSection } from './export-model';
import { exportOnnx } from './export-onnx';
import type { BackendInfo, ExportPreprocessingInfo, TrainEvent } from '../../shared/api/contract';
import { preprocessingFor, type RawValue } from '../../shared/data/preprocess';
import { planGraph } from '../../shared/graph/plan';
import { initBackend } from './backend';
import { disposeModel, inputTransform, loadTrainedModel, runProject } from './run-project';
import { keptWeightsEpoch } from '../../shared/training/keep-best';
import { assessProjectRun } from '../../shared/training/outcome';
import { predictRows } from './train-loop';
import { encodeRows } from '../../shared/api/numbers';
import { describeProtocolError, ParentMessageSchema, type ParentMessage, type TrainerMessage } from './trainer-protocol';
import { featureMapsForRow } from './feature-maps';
import { layerWeights, snapshotDenseWeights, type InitialWeights } from './dense-weights';
import { imageDataFiles } from '../../shared/codegen/image-data';
import { packageCsvName } from '../../shared/codegen/distributed';
import { packageCsvText, packageImageFiles } from './training-package';
import { loadRawImages } from '../data/load-images';
import { KerasRunLog } from './tensorboard/keras-run-log';
import { trainingHParams, type SessionStatus } from './tensorboard/hparams';
import type { TrainProgress } from './train-loop';
import { findLearningRate } from './lr-finder';
import { readPackageLog } from './package-result';
import { readPackageWeights } from './package-weights';
import { failureWords, runWords, type MessageWords } from '../../shared/training/run-messages';

/**
 * The training process. Runs as an Electron utilityProcess (messages on process.parentPort) or
 * as a Node child process (process.send / 'message'); everything tfjs happens here, never in main.
 */

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function send(message: TrainerMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) process.send(message);
}

function onParentMessage(listener: (message: unknown) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
}

let backend: Promise<BackendInfo> | null = null;
/** The running run's TensorBoard logs, when asked for (issue 15). */
let tensorboard: RunLogs | null = null;
let active: { runId: string; stopRequested: boolean } | null = null;
/** The learning-rate range test in progress (issue 15); it and a run never overlap. */
let finder: { stopRequested: boolean } | null = null;
interface ModelEntry {
  model: tf.LayersModel;
  numFeatures: number;
  transform: (rows: RawValue[][]) => number[][];
  /** What the model was built and trained from, for export. */
  project: Project;
  /** Set when the run has ended (or the weights came from a saved project). */
  result?: Pick<Trained, 'reason' | 'history' | 'test'>;
  /** Issue 16: the Dense weights this run started from; absent for weights loaded from a project file. */
  initial?: InitialWeights;
}
const models = new Map<string, ModelEntry>();

function emit(event: TrainEvent): void {
  send({ type: 'event', event });
}

function disposeRun(runId: string): void {
  const entry = models.get(runId);
  if (!entry) return;
  models.delete(runId);
  disposeModel(entry.model);
}

/** A resumed run's history continues the saved one, its epochs numbered on from there. */
function resumedHistory(message: Extract<ParentMessage, { type: 'start' }>, history: Trained['history']): Trained['history'] {
  const saved = message.resume ? (message.project.trained?.history ?? []) : [];
  return [...saved, ...history.map((entry) => ({ ...entry, epoch: entry.epoch + saved.length }))];
}

async function start(message: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  const { runId, project } = message;
  if (active) {
    emit({ type: 'failed', runId, code: 'busy', ...runWords('train.busy.run', { runId: active.runId }) });
    return;
  }
  if (finder) {
    emit({ type: 'failed', runId, code: 'busy', ...runWords('train.busy.lrFinder') });
    return;
  }
  active = { runId, stopRequested: false };
  const run = active;
  try {
    const info = await (backend ??= initBackend());
    // One trained model is kept for prediction; an older one is freed when a new run starts.
    for (const id of [...models.keys()]) disposeRun(id);
    tensorboard = message.tensorboard ? new RunLogs(message.tensorboard.runDir, project) : null;
    // Issue 16: a copy of the Dense weights the run starts from (fresh, or the saved ones it resumes), for model.weights' "before".
    let initial: InitialWeights | undefined;
    const { outcome, model, dataset } = await runProject(project, {
      // Registered before training so predictions (live previews in the data view) work mid-run.
      onModelReady: (model, dataset) => {
        initial = { source: message.resume && project.trained ? 'resumed' : 'initialized', weights: snapshotDenseWeights(model, planGraph(project.graph)) };
        models.set(runId, { model, numFeatures: dataset.numFeatures, transform: inputTransform(project.dataset, dataset.numFeatures), project, initial });
      },
      onStarted: (plan) => {
        tensorboard?.started(plan.batchesPerEpoch);
        emit({ type: 'started', runId, backend: info, ...plan, ...(message.tensorboard ? { tensorboard: message.tensorboard } : {}) });
      },
      onProgress: (progress) => {
        tensorboard?.progress(progress);
        emit({ type: 'progress', runId, ...progress });
      },
      shouldStop: () => run.stopRequested,
      ...(message.resume && project.trained ? { initialWeights: project.trained.weights } : {}),
    });
    const history = resumedHistory(message, outcome.history);
    models.set(runId, {
      model,
      numFeatures: dataset.numFeatures,
      transform: inputTransform(project.dataset, dataset.numFeatures),
      project,
      result: { reason: outcome.reason, history, ...(outcome.testLogs ? { test: outcome.testLogs } : {}) },
      ...(initial ? { initial } : {}),
    });
    const planned = project.training.epochs + history.length - outcome.history.length;
    const tensorboardError = tensorboard?.close(outcome.reason === 'completed' ? 'STATUS_SUCCESS' : 'STATUS_FAILURE');
    const keptEpoch = keptWeightsEpoch(outcome);
    emit({
      type: 'done',
      runId,
      reason: outcome.reason,
      ...(outcome.message ? { message: outcome.message } : {}),
      ...(outcome.messageId ? { messageId: outcome.messageId, params: outcome.params ?? {} } : {}),
      elapsedMs: outcome.elapsedMs,
      finalLogs: outcome.finalLogs,
      trainingStep: outcome.path,
      outcome: assessProjectRun(project, dataset, outcome.reason, history, { plannedEpochs: planned }),
      ...(outcome.testLogs ? { testLogs: outcome.testLogs } : {}),
      ...(outcome.earlyStopping ? { earlyStopping: outcome.earlyStopping } : {}),
      ...(tensorboardError ? { tensorboardError: tensorboardError.message, tensorboardErrorWords: { messageId: tensorboardError.messageId, params: tensorboardError.params } } : {}),
      ...(outcome.reduceLrOnPlateau ? { reduceLrOnPlateau: outcome.reduceLrOnPlateau } : {}),
      ...(outcome.keepBest ? { keepBest: outcome.keepBest } : {}),
      // Counted from 0 within this run, as the progress events and earlyStopping count epochs.
      ...(keptEpoch !== null ? { keptEpoch } : {}),
    });
  } catch (error) {
    tensorboard?.close('STATUS_FAILURE');
    // runProject has already disposed the model of a failed run.
    models.delete(runId);
    const code = (error as { code?: unknown }).code;
    // Issue 16: the failure as words (its own, or out-of-memory recognised from the engine's text).
    const words = failureWords(error);
    emit({
      type: 'failed',
      runId,
      code: typeof code === 'string' ? code : words?.messageId === 'train.outOfMemory' ? 'out-of-memory' : 'training-error',
      message: words?.message ?? (error instanceof Error ? error.message : String(error)),
      ...(words ? { messageId: words.messageId, params: words.params } : {}),
    });
  } finally {
    active = null;
    tensorboard = null;
  }
}

/**
 * One app run's TensorBoard logs (issue 15), written here in the trainer process as the run goes.
 * A log that cannot be written never fails the run: writing stops, and `close` returns why, for
 * the `done` event's `tensorboardError` (the CLI, asked for logs on the command line, fails instead).
 */
class RunLogs {
  private log: KerasRunLog | null = null;
  private error: MessageWords | null = null;

  constructor(
    readonly runDir: string,
    project: Project,
  ) {
    this.attempt(() => {
      this.log = new KerasRunLog(runDir, trainingHParams(project.training));
    });
  }

  started(batchesPerEpoch: number): void {
    this.log?.setBatchesPerEpoch(batchesPerEpoch);
  }

  progress(progress: Pick<TrainProgress, 'batches' | 'epochs'>): void {
    this.attempt(() => this.log?.addProgress(progress));
  }

  /** Closes the files; answers why the logs are missing or incomplete, or undefined when all went well. */
  close(status: SessionStatus): MessageWords | undefined {
    this.attempt(() => this.log?.close(status));
    return this.error ?? undefined;
  }

  private attempt(write: () => void): void {
    if (this.error) return;
    try {
      write();
    } catch (error) {
      this.error = runWords('train.tensorboardFailed', { dir: this.runDir, detail: error instanceof Error ? error.message : String(error) });
      this.log = null;
    }
  }
}

function predict(message: Extract<ParentMessage, { type: 'predict' }>): void {
  const entry = models.get(message.runId);
  if (!entry) {
    send({
      type: 'predict-error',
      requestId: message.requestId,
      code: 'no-model',
      ...runWords('train.predict.noModel', { runId: message.runId }),
    });
    return;
  }
  try {
    send({ type: 'predict-result', requestId: message.requestId, outputs: encodeRows(predictRows(entry.model, entry.transform(message.inputs), entry.numFeatures)) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    send({
      type: 'predict-error',
      requestId: message.requestId,
      code: typeof code === 'string' ? code : 'predict-error',
      message: error instanceof Error ? error.message : String(error),
      ...wordsOf(error),
    });
  }
}

function replyError(requestId: number, error: unknown, fallbackCode: string): void {
  const code = (error as { code?: unknown }).code;
  send({
    type: 'request-error',
    requestId,
    code: typeof code === 'string' ? code : fallbackCode,
    message: error instanceof Error ? error.message : String(error),
    ...wordsOf(error),
  });
}

/**
 * The finished run an export asks for, or null after replying why not: 'busy' while it trains,
 * 'no-model' when this process holds no such run.
 */
function finishedRun(message: Extract<ParentMessage, { type: 'export' | 'export-onnx' }>) {
  const entry = models.get(message.runId);
  if (entry?.result) return entry as typeof entry & { result: NonNullable<typeof entry.result> };
  send({
    type: 'request-error',
    requestId: message.requestId,
    code: entry ? 'busy' : 'no-model',
    ...(entry ? runWords('train.export.stillTraining') : runWords('train.export.noModel', { runId: message.runId })),
  });
  return null;
}

async function exportRun(message: Extract<ParentMessage, { type: 'export' }>): Promise<void> {
  const entry = finishedRun(message);
  if (!entry) return;
  try {
    // One plan for the export: the preprocessing decision and the trained section's hashes read it.
    const plan = planGraph(entry.project.graph);
    const { modelJson, weightData, preprocessing } = await exportLayersModel(entry.model, 'weights.bin', { pipeline: preprocessingFor(entry.project.dataset), plan }, entry.project.training);
    send({
      type: 'export-result',
      requestId: message.requestId,
      modelJson: modelJson as unknown as Record<string, unknown>,
      weightData: bytesToBase64(new Uint8Array(weightData)),
      trained: trainedSection(entry.model, entry.project, entry.result, undefined, plan),
      preprocessing: preprocessing as ExportPreprocessingInfo,
    });
  } catch (error) {
    replyError(message.requestId, error, 'export-failed');
  }
}

/** The run's model as ONNX, from the weights it holds (export-onnx.ts), in this process: encoding large weights stays off main. */
function exportOnnxRun(message: Extract<ParentMessage, { type: 'export-onnx' }>): void {
  const entry = finishedRun(message);
  if (!entry) return;
  try {
    const { bytes, notes } = exportOnnx(entry.project, encodeWeights(entry.model), { producerVersion: entry.project.appVersion });
    send({ type: 'export-onnx-result', requestId: message.requestId, onnx: bytesToBase64(bytes), preprocessing: notes.preprocessing as ExportPreprocessingInfo });
  } catch (error) {
    replyError(message.requestId, error, 'export-failed');
  }
}

// issue 14: interop/feature maps
/** One raw image's feature maps and first filters with the run's model (mid-run too, like predict), through the project's pipeline. */
function activations(message: Extract<ParentMessage, { type: 'activations' }>): void {
  const entry = models.get(message.runId);
  if (!entry) {
    send({ type: 'request-error', requestId: message.requestId, code: 'no-model', message: `There is no trained model for run ${message.runId}: train first (a model is kept only for the latest run, and lost if the trainer restarts).` });
    return;
  }
  try {
    send({ type: 'activations-result', requestId: message.requestId, maps: featureMapsForRow(entry.model, planGraph(entry.project.graph), entry.transform, message.input) });
  } catch (error) {
    replyError(message.requestId, error, 'activations-failed');
  }
}

// issue 16: inside the model
/** One Dense layer's weights, as the run started and now (mid-run too, like predict): dense-weights.ts. */
function weights(message: Extract<ParentMessage, { type: 'weights' }>): void {
  const entry = models.get(message.runId);
  if (!entry) {
    send({ type: 'request-error', requestId: message.requestId, code: 'no-model', message: `There is no trained model for run ${message.runId}: train first (a model is kept only for the latest run, and lost if the trainer restarts).` });
    return;
  }
  try {
    send({ type: 'weights-result', requestId: message.requestId, weights: layerWeights(entry.model, planGraph(entry.project.graph), message.nodeId, entry.initial ?? null) });
  } catch (error) {
    replyError(message.requestId, error, 'weights-failed');
  }
}

/** An image dataset's .npy files for a code export: loading the images is heavy, so it happens here, not in main. */
function codeData(message: Extract<ParentMessage, { type: 'code-data' }>): void {
  try {
    const files = imageDataFiles(message.dataset, loadRawImages(message.dataset), message.stem).map((f) => ({ name: f.name, data: bytesToBase64(f.bytes) }));
    send({ type: 'code-data-result', requestId: message.requestId, files });
  } catch (error) {
    replyError(message.requestId, error, 'images-unavailable');
  }
}

/** Issue 18: a training package's data (the CSV's text, or the images as .npy), read here: a big CSV is not main's work. */
function packageData(message: Extract<ParentMessage, { type: 'package-data' }>): void {
  try {
    const { dataset, stem } = message;
    const files =
      dataset.kind === 'csv'
        ? [{ name: packageCsvName(dataset.file.name), data: bytesToBase64(new TextEncoder().encode(packageCsvText(dataset))) }]
        : packageImageFiles(dataset, stem).map((f) => ({ name: f.name, data: typeof f.data === 'string' ? bytesToBase64(new TextEncoder().encode(f.data)) : bytesToBase64(f.data) }));
    send({ type: 'code-data-result', requestId: message.requestId, files });
  } catch (error) {
    replyError(message.requestId, error, 'data-missing');
  }
}

// issue 18: import training run
/** A training package's result read and checked here: decoding the weights and building the model are not main's work. */
async function packageResult(message: Extract<ParentMessage, { type: 'package-result' }>): Promise<void> {
  try {
    await (backend ??= initBackend());
    const log = await readPackageLog(message.project, message.source);
    const { trained, outcomeKind } = await readPackageWeights(message.project, log, message.source);
    send({ type: 'package-result-result', requestId: message.requestId, trained, ...(outcomeKind ? { outcomeKind } : {}) });
  } catch (error) {
    replyError(message.requestId, error, 'import-failed');
  }
}

async function loadRun(message: Extract<ParentMessage, { type: 'load' }>): Promise<void> {
  const { project, runId, requestId } = message;
  if (active) {
    send({ type: 'request-error', requestId, code: 'busy', ...runWords('train.busy.load', { runId: active.runId }) });
    return;
  }
  let model: tf.LayersModel | null = null;
  try {
    await (backend ??= initBackend());
    const loaded = loadTrainedModel(project);
    model = loaded.model;
    for (const id of [...models.keys()]) disposeRun(id);
    models.set(runId, {
      model,
      numFeatures: loaded.numFeatures,
      transform: inputTransform(project.dataset, loaded.numFeatures),
      project,
      result: { reason: project.trained!.reason, history: project.trained!.history, ...(project.trained!.test ? { test: project.trained!.test } : {}) },
    });
    send({ type: 'load-result', requestId });
  } catch (error) {
    if (model) disposeModel(model);
    replyError(requestId, error, 'load-failed');
  }
}

// issue 15: learning-rate finder
/** Runs the range test on a fresh model of the project; the run's model (`models`) is never touched. */
async function lrFind(message: Extract<ParentMessage, { type: 'lr-find' }>): Promise<void> {
  if (active || finder) {
    send({ type: 'request-error', requestId: message.requestId, code: 'busy', ...(active ? runWords('train.busy.lrFind', { runId: active.runId }) : runWords('train.busy.lrFinderAgain')) });
    return;
  }
  const state = { stopRequested: false };
  finder = state;
  try {
    await (backend ??= initBackend());
    const result = await findLearningRate(message.project, message.options, {
      shouldStop: () => state.stopRequested,
      onProgress: (progress) => send({ type: 'lr-find-progress', requestId: message.requestId, progress }),
    });
    send({ type: 'lr-find-result', requestId: message.requestId, result });
  } catch (error) {
    replyError(message.requestId, error, 'lr-find-failed');
  } finally {
    finder = null;
  }
}

onParentMessage((raw) => {
  const parsed = ParentMessageSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`trainer: ignored a malformed message (${describeProtocolError(parsed.error)})`);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'init':
      (backend ??= initBackend()).then(
        (info) => send({ type: 'ready', backend: info }),
        (error: unknown) => {
          send({ type: 'init-error', message: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
      return;
    case 'start':
      void start(message);
      return;
    case 'stop':
      if (active?.runId === message.runId) active.stopRequested = true;
      return;
    case 'predict':
      predict(message);
      return;
    case 'export':
      void exportRun(message);
      return;
    case 'export-onnx':
      exportOnnxRun(message);
      return;
    case 'load':
      void loadRun(message);
      return;
    case 'activations':
      activations(message);
      return;
    case 'code-data':
      codeData(message);
      return;
    case 'lr-find':
      void lrFind(message);
      return;
    case 'lr-find-stop':
      if (finder) finder.stopRequested = true;
      return;
    case 'weights':
      weights(message);
      return;
    case 'package-data':
      packageData(message);
      return;
    case 'package-result':
      void packageResult(message);
      return;
  }
});

// A Node child with an IPC channel exits when the parent goes away; without this it would linger.
process.on('disconnect', () => process.exit(0));

/** Issue 16: an error's words as data (`messageId` + `params`, as TrainDataError and CsvError carry them), or nothing. */
function wordsOf(error: unknown): { messageId?: string; params?: Record<string, string | number> } {
  const { messageId, params } = (error ?? {}) as { messageId?: unknown; params?: unknown };
  return typeof messageId === 'string' ? { messageId, params: (params ?? {}) as Record<string, string | number> } : {};
}
