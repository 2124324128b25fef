import type { ExportPreprocessingInfo, FeatureMapsInfo, LayerWeightsInfo } from '../../shared/api/contract';
import type { RawValue } from '../../shared/data/preprocess';
import type { BackendInfo, GraphProblem, TrainEvent } from '../../shared/api/contract';
import type { WireNumber } from '../../shared/api/numbers';
import { validateGraph } from '../../shared/graph/validate';
import { settingsProblemAsGraphProblem, validateTrainingSettings } from '../../shared/training/validate-settings';
import type { CsvDataset, ImagesDataset, Project, Trained } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';
import { datasetInfo } from './dataset-info';
import { describeProtocolError, TrainerMessageSchema, type ParentMessage, type TrainerMessage } from './trainer-protocol';
import { resolveLrFinderOptions, type LrFinderOptions, type LrFinderProgress, type LrFinderResult } from '../../shared/training/lr-finder';
import type { ResultSource } from './package-result';
import type { PackageWeights } from './package-weights';
import { runWords, type RunMessageId } from '../../shared/training/run-messages';

/**
 * Owns the trainer process on main's side. Main never runs a tfjs op (this file must not import
 * tfjs): it validates, forwards, and turns the trainer's messages into TrainEvents and replies.
 */

/** A transport to one trainer process: Electron utilityProcess, Node child process, or a test double. */
export interface TrainerChannel {
  send(msg: unknown): void;
  onMessage(cb: (msg: unknown) => void): void;
  onExit(cb: (code: number | null) => void): void;
  kill(): void;
}
export type SpawnTrainer = () => TrainerChannel;

/** How long stop waits for the trainer to finish its batch before the process is killed. */
const STOP_KILL_MS = 3000;

/**
 * How long each kind of request may go unanswered before it fails with `trainer-timeout`, in
 * milliseconds. Generous: a prediction of 10,000 rows through a large model on the cpu backend
 * takes seconds, loading tfjs-node or wasm the first time up to tens of seconds. An idle trainer
 * that misses a deadline is stuck and is killed (the next call starts a fresh one); one that is
 * training is busy, not stuck, and keeps running. The learning-rate finder (`lrFind`) may take
 * minutes on a large model (it can be stopped); 30 minutes without an answer means it is stuck.
 */
export const DEFAULT_DEADLINES_MS = { init: 120_000, predict: 60_000, export: 120_000, load: 120_000, lrFind: 1_800_000 } as const;
export type TrainerDeadlines = { -readonly [K in keyof typeof DEFAULT_DEADLINES_MS]: number };

interface Trainer {
  channel: TrainerChannel;
  ready: Promise<BackendInfo>;
  exited: boolean;
}

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * The checks a project passes before it trains, the same as the editor's: settings (against
 * the limits table the request schema also enforces) and then the graph, refused together with
 * the list (`invalid-graph`); a dataset without rows (`bad-data`). Train and the learning-rate
 * finder (the app's and the command line's) call it.
 * @throws ServiceError
 */
export function refuseUntrainable(project: Project): void {
  const data = datasetInfo(project.dataset);
  // The same checks as the editor's: settings (against the limits table the request schema
  // also enforces) and then the graph, refused together with the list.
  const problems: GraphProblem[] = [
    ...validateTrainingSettings(project.training).map((p) => settingsProblemAsGraphProblem(p)),
    ...validateGraph(project.graph, { data, training: project.training }),
  ];
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.nodeId ? ` (node ${first.nodeId})` : first.edgeId ? ` (edge ${first.edgeId})` : '';
    const more = errors.length > 1 ? ` and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}` : '';
    throw new ServiceError('invalid-graph', `The model cannot be trained: ${first.message}${where}${more}.`, problems);
  }
  if (data.rows < 1) throw new ServiceError('bad-data', 'The dataset has no rows.');
}

/** A request kind as the timeout message names it: "predict request", "learning-rate finder". */
const requestLabel = (kind: keyof TrainerDeadlines): string => (kind === 'lrFind' ? 'learning-rate finder' : `${kind} request`);

export class TrainerHost {
  private trainer: Trainer | null = null;
  private activeRun: string | null = null;
  private lastBackend: BackendInfo | null = null;
  private nextRequest = 0;
  private runCounter = 0;
  /** Requests awaiting the trainer's answer: predict, export, load. */
  private readonly requests = new Map<number, Pending<unknown>>();
  private readonly finishWaiters = new Map<string, (() => void)[]>();
  /** Runs whose model lives in the current trainer process. */
  private readonly modelRuns = new Set<string>();
  private disposed = false;
  /** A learning-rate range test is in progress (it and a run never overlap). */
  private finderRunning = false;
  /** Where the range test has got (issue 15), for the hosts to forward as `train.lrFinderProgress`. */
  private readonly onLrFinderProgress?: (progress: LrFinderProgress) => void;
  private readonly deadlines: TrainerDeadlines;

  constructor(
    private readonly spawn: SpawnTrainer,
    private readonly emit: (event: TrainEvent) => void,
    options: { deadlines?: Partial<TrainerDeadlines>; onLrFinderProgress?: (progress: LrFinderProgress) => void } = {},
  ) {
    this.deadlines = { ...DEFAULT_DEADLINES_MS, ...options.deadlines };
    this.onLrFinderProgress = options.onLrFinderProgress;
  }

  /** Starts the trainer if needed and reports its backend. */
  backend(): Promise<BackendInfo> {
    if (this.lastBackend && this.trainer && !this.trainer.exited) return Promise.resolve(this.lastBackend);
    return this.ensureTrainer().ready;
  }

  /** `tensorboard`: the run's TensorBoard log folder and its parent (issue 15), written by the trainer process. */
  async start(project: Project, options: { resume?: boolean; tensorboard?: { runDir: string; logDir: string } } = {}): Promise<{ runId: string }> {
    if (this.disposed) throw new ServiceError('disposed', 'The trainer has been shut down.');
    if (this.activeRun) {
      throw hostRefusal('busy', 'trainer.busy.train', { runId: this.activeRun });
    }
    if (this.finderRunning) {
      throw hostRefusal('busy', 'trainer.busy.finder');
    }
    refuseUntrainable(project);
    if (options.resume && !project.trained) {
      throw hostRefusal('no-weights', 'trainer.noWeightsToResume');
    }
    const runId = `run-${Date.now().toString(36)}-${++this.runCounter}`;
    // Claimed before anything async so a second click is refused even while the trainer spawns.
    this.activeRun = runId;
    try {
      const trainer = this.ensureTrainer();
      this.post(trainer, { type: 'start', runId, project, resume: options.resume === true, ...(options.tensorboard ? { tensorboard: options.tensorboard } : {}) });
    } catch (error) {
      this.activeRun = null;
      throw error;
    }
    return { runId };
  }

  // issue 15: learning-rate finder
  /**
   * The learning-rate range test (src/main/engine/lr-finder.ts) on a fresh model of the project,
   * in the trainer process. Refused (`busy`) while a run trains or another test runs, and, like
   * `start`, with the list of problems when the project cannot train. Never touches a run's model.
   */
  async findLearningRate(project: Project, options: LrFinderOptions = {}): Promise<LrFinderResult> {
    if (this.disposed) throw new ServiceError('disposed', 'The trainer has been shut down.');
    if (this.activeRun) {
      throw new ServiceError('busy', `A training run (${this.activeRun}) is in progress. Find the learning rate when it ends, or stop it.`);
    }
    if (this.finderRunning) throw new ServiceError('busy', 'The learning-rate finder is already running.');
    refuseUntrainable(project);
    try {
      resolveLrFinderOptions(options);
    } catch (error) {
      throw new ServiceError('bad-value', (error as Error).message);
    }
    this.finderRunning = true;
    try {
      return await this.request<LrFinderResult>(this.ensureTrainer(), 'lrFind', (requestId) => ({ type: 'lr-find', requestId, project, options }));
    } finally {
      this.finderRunning = false;
    }
  }

  /** Ends the range test in progress after its current batch (it answers with the points so far); false when none runs. */
  stopLearningRateFinder(): { stopped: boolean } {
    if (!this.finderRunning || !this.trainer || this.trainer.exited) return { stopped: false };
    this.post(this.trainer, { type: 'lr-find-stop' });
    return { stopped: true };
  }

  /** Asks the run to stop after its current batch; resolves once the trainer confirms (or was killed). */
  async stop(runId: string): Promise<{ stopped: boolean }> {
    if (this.activeRun !== runId || !this.trainer) return { stopped: false };
    const trainer = this.trainer;
    const finished = new Promise<void>((resolve) => {
      const waiters = this.finishWaiters.get(runId) ?? [];
      waiters.push(resolve);
      this.finishWaiters.set(runId, waiters);
    });
    this.post(trainer, { type: 'stop', runId });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_KILL_MS)));
    const result = await Promise.race([finished.then(() => 'finished' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout' && this.trainer === trainer && !trainer.exited) {
      // A trainer stuck inside one huge op cannot read messages; killing it is the only way to stop.
      trainer.channel.kill();
      await finished;
    }
    return { stopped: true };
  }

  /** Outputs `[rows][units]`; a non-finite output arrives as 'Infinity', '-Infinity' or 'NaN' (shared/api/numbers.ts). */
  predict(runId: string, inputs: RawValue[][]): Promise<{ outputs: WireNumber[][] }> {
    return this.requestForRun(runId, 'predict', (requestId) => ({ type: 'predict', requestId, runId, inputs }));
  }

  /** The model of a finished run as a layers model (model.json + weights) and a project `trained` section. */
  exportModel(runId: string): Promise<{ modelJson: Record<string, unknown>; weightData: string; trained: Trained; preprocessing: ExportPreprocessingInfo }> {
    if (this.activeRun === runId) {
      return Promise.reject(hostRefusal('busy', 'trainer.busy.export'));
    }
    return this.requestForRun(runId, 'export', (requestId) => ({ type: 'export', requestId, runId }));
  }

  /** The model of a finished run as an ONNX file (base64) and what the export did about the preprocessing (export-onnx.ts). */
  exportOnnx(runId: string): Promise<{ onnx: string; preprocessing: ExportPreprocessingInfo }> {
    if (this.activeRun === runId) {
      return Promise.reject(hostRefusal('busy', 'trainer.busy.export'));
    }
    return this.requestForRun(runId, 'export', (requestId) => ({ type: 'export-onnx', requestId, runId }));
  }

  /**
   * Makes a saved project's trained weights usable again: rebuilds its model in the trainer and
   * returns a run id to predict or export with. The trainer keeps one model, so this replaces
   * the previous run's.
   */
  async loadTrained(project: Project): Promise<{ runId: string }> {
    if (this.disposed) throw new ServiceError('disposed', 'The trainer has been shut down.');
    if (!project.trained) throw hostRefusal('no-weights', 'trainer.noWeightsToLoad');
    if (this.activeRun) {
      throw new ServiceError('busy', `A training run (${this.activeRun}) is in progress. Stop it before loading saved weights.`);
    }
    const runId = `saved-${Date.now().toString(36)}-${++this.runCounter}`;
    const trainer = this.ensureTrainer();
    await this.request(trainer, 'load', (requestId) => ({ type: 'load', requestId, runId, project }));
    if (trainer === this.trainer) {
      this.modelRuns.clear();
      this.modelRuns.add(runId);
    }
    return { runId };
  }

  // issue 14: interop/feature maps
  /** One raw image's feature maps and first filters with a run's model (feature-maps.ts), computed in the trainer. */
  activations(runId: string, input: RawValue[]): Promise<FeatureMapsInfo> {
    return this.requestForRun(runId, 'predict', (requestId) => ({ type: 'activations', requestId, runId, input }));
  }

  // issue 16: inside the model
  /** One Dense layer's kernel and bias in a run's model, as the run started and now (dense-weights.ts), read in the trainer. */
  weights(runId: string, nodeId: string): Promise<LayerWeightsInfo> {
    return this.requestForRun(runId, 'predict', (requestId) => ({ type: 'weights', requestId, runId, nodeId }));
  }

  /** The .npy data files of an image dataset's code export (codegen/image-data.ts), made in the trainer. */
  codeImageData(dataset: ImagesDataset, stem: string): Promise<{ files: { name: string; data: string }[] }> {
    if (this.disposed) return Promise.reject(new ServiceError('disposed', 'The trainer has been shut down.'));
    return this.request(this.ensureTrainer(), 'export', (requestId) => ({ type: 'code-data', requestId, dataset, stem }));
  }

  /** Issue 18: a training package's data files (the CSV as UTF-8, or the images as .npy), read in the trainer. */
  codePackageData(dataset: ImagesDataset | CsvDataset, stem: string): Promise<{ files: { name: string; data: string }[] }> {
    if (this.disposed) return Promise.reject(new ServiceError('disposed', 'The trainer has been shut down.'));
    return this.request(this.ensureTrainer(), 'export', (requestId) => ({ type: 'package-data', requestId, dataset, stem }));
  }

  // issue 18: import training run
  /**
   * Reads and checks a training package's result for `project` in the trainer (package-result.ts
   * readPackageWeights: decoding the weights and building the model are heavy): its `trained`
   * section and outcome kind. The trainer's current model is untouched. Errors as PackageResultError codes.
   */
  packageResult(project: Project, source: ResultSource): Promise<PackageWeights> {
    if (this.disposed) return Promise.reject(new ServiceError('disposed', 'The trainer has been shut down.'));
    return this.request(this.ensureTrainer(), 'load', (requestId) => ({ type: 'package-result', requestId, project, source }));
  }

  private requestForRun<T>(runId: string, kind: 'predict' | 'export', message: (requestId: number) => ParentMessage): Promise<T> {
    const trainer = this.trainer;
    if (!trainer || trainer.exited || !this.modelRuns.has(runId)) {
      return Promise.reject(
        hostRefusal('no-model', 'trainer.noModel', { runId }),
      );
    }
    return this.request(trainer, kind, message);
  }

  /** Sends a request and settles with the trainer's reply, its error, its crash, or the deadline for `kind`. */
  private request<T>(trainer: Trainer, kind: 'predict' | 'export' | 'load' | 'lrFind', message: (requestId: number) => ParentMessage): Promise<T> {
    const requestId = this.nextRequest++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.requests.delete(requestId)) return;
        const busy = this.activeRun !== null && trainer === this.trainer;
        reject(
          new ServiceError(
            'trainer-timeout',
            busy
              ? `The training process did not answer the ${requestLabel(kind)} within ${this.deadlines[kind] / 1000} s because it is busy training. Try again when the run ends, or stop it.`
              : `The training process did not answer the ${requestLabel(kind)} within ${this.deadlines[kind] / 1000} s and was restarted. Trained models it held are gone: train again (or reopen the project to load its saved weights).`,
          ),
        );
        if (!busy) this.restart(trainer);
      }, this.deadlines[kind]);
      this.requests.set(requestId, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.post(trainer, message(requestId));
    });
  }

  /** Kills a stuck trainer; its exit handler fails what was waiting on it, and the next call spawns a fresh one. */
  private restart(trainer: Trainer): void {
    if (!trainer.exited) {
      console.error('TrainerHost: the training process stopped answering and is being restarted.');
      trainer.channel.kill();
    }
  }

  dispose(): void {
    this.disposed = true;
    const trainer = this.trainer;
    this.trainer = null;
    if (trainer && !trainer.exited) trainer.channel.kill();
  }

  private post(trainer: Trainer, message: ParentMessage): void {
    trainer.channel.send(message);
  }

  private ensureTrainer(): Trainer {
    if (this.trainer && !this.trainer.exited) return this.trainer;
    const channel = this.spawn();
    let resolveReady!: (info: BackendInfo) => void;
    let rejectReady!: (error: Error) => void;
    const ready = new Promise<BackendInfo>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // Callers that never ask for the backend must not see an unhandled rejection.
    ready.catch(() => undefined);
    const trainer: Trainer = { channel, ready, exited: false };
    this.trainer = trainer;
    this.modelRuns.clear();
    channel.onMessage((raw) => {
      const parsed = TrainerMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const problem = describeProtocolError(parsed.error);
        console.error(`TrainerHost: ignored a malformed message from the trainer (${problem})`);
        // A malformed reply still answers its request: fail it rather than leave the caller waiting forever.
        const requestId = (raw as { requestId?: unknown } | null)?.requestId;
        const pending = typeof requestId === 'number' ? this.requests.get(requestId) : undefined;
        if (pending) {
          this.requests.delete(requestId as number);
          pending.reject(new ServiceError('bad-reply', `The training process sent an answer Neurite could not read (${problem}). Try again; if it persists, restart Neurite.`));
        }
        return;
      }
      this.handle(trainer, parsed.data, resolveReady, rejectReady);
    });
    channel.onExit((code) => {
      trainer.exited = true;
      rejectReady(hostRefusal('trainer-crashed', 'trainer.exitedBeforeReady', { exitCode: String(code) }));
      this.onTrainerExit(trainer, code);
    });
    this.post(trainer, { type: 'init' });
    const initTimer = setTimeout(() => {
      rejectReady(hostRefusal('trainer-timeout', 'trainer.startTimeout', { seconds: this.deadlines.init / 1000 }));
      if (!this.activeRun) this.restart(trainer);
    }, this.deadlines.init);
    ready.then(
      () => clearTimeout(initTimer),
      () => clearTimeout(initTimer),
    );
    return trainer;
  }

  private handle(trainer: Trainer, message: TrainerMessage, resolveReady: (info: BackendInfo) => void, rejectReady: (error: Error) => void): void {
    switch (message.type) {
      case 'ready':
        this.lastBackend = message.backend;
        resolveReady(message.backend);
        return;
      case 'init-error':
        rejectReady(new ServiceError('no-backend', message.message));
        return;
      case 'predict-result':
      case 'predict-error':
      case 'export-result':
      case 'export-onnx-result':
      case 'load-result':
      case 'activations-result':
      case 'code-data-result':
      case 'lr-find-result':
      case 'weights-result':
      case 'package-result-result':
      case 'request-error': {
        const pending = this.requests.get(message.requestId);
        if (!pending) return;
        this.requests.delete(message.requestId);
        if (message.type === 'predict-error' || message.type === 'request-error') pending.reject(new ServiceError(message.code, message.message, undefined, message.messageId ? { messageId: message.messageId, params: message.params } : undefined));
        else if (message.type === 'predict-result') pending.resolve({ outputs: message.outputs });
        else if (message.type === 'export-onnx-result') pending.resolve({ onnx: message.onnx, preprocessing: message.preprocessing });
        else if (message.type === 'activations-result') pending.resolve(message.maps);
        else if (message.type === 'code-data-result') pending.resolve({ files: message.files });
        else if (message.type === 'lr-find-result') pending.resolve(message.result);
        else if (message.type === 'weights-result') pending.resolve(message.weights);
        else if (message.type === 'package-result-result') pending.resolve({ trained: message.trained, ...(message.outcomeKind ? { outcomeKind: message.outcomeKind } : {}) });
        else if (message.type === 'export-result') pending.resolve({ modelJson: message.modelJson, weightData: message.weightData, trained: message.trained, preprocessing: message.preprocessing });
        else pending.resolve(undefined);
        return;
      }
      case 'lr-find-progress':
        if (this.requests.has(message.requestId)) this.onLrFinderProgress?.(message.progress);
        return;
      case 'event': {
        const event = message.event;
        if (trainer === this.trainer) {
          // The trainer keeps the model of its latest run only, from 'started' on (live previews).
          if (event.type === 'started') {
            this.modelRuns.clear();
            this.modelRuns.add(event.runId);
          } else if (event.type === 'failed') this.modelRuns.delete(event.runId);
        }
        if ((event.type === 'done' || event.type === 'failed') && event.runId === this.activeRun) this.finishRun(event.runId);
        this.emit(event);
        return;
      }
    }
  }

  private finishRun(runId: string): void {
    if (this.activeRun === runId) this.activeRun = null;
    for (const resolve of this.finishWaiters.get(runId) ?? []) resolve();
    this.finishWaiters.delete(runId);
  }

  private onTrainerExit(trainer: Trainer, code: number | null): void {
    if (this.trainer === trainer) {
      this.trainer = null;
      this.modelRuns.clear();
    }
    for (const [id, pending] of this.requests) {
      const words = runWords('train.crashedBeforeAnswer', { exitCode: String(code) });
      pending.reject(new ServiceError('trainer-crashed', words.message, undefined, words));
      this.requests.delete(id);
    }
    const runId = this.activeRun;
    if (runId && !this.disposed) {
      this.finishRun(runId);
      this.emit({
        type: 'failed',
        runId,
        code: 'trainer-crashed',
        ...(code === null ? runWords('train.crashed.signal') : runWords('train.crashed', { exitCode: code })),
      });
    } else if (runId) {
      this.finishRun(runId);
    }
  }
}


/** Issue 16: a refusal of the trainer host with its words as data (RUN_MESSAGES_EN): the English `message` and its id + params. */
function hostRefusal(code: string, id: RunMessageId, params: Record<string, string | number> = {}): ServiceError {
  const words = runWords(id, params);
  return new ServiceError(code, words.message, undefined, words);
}
