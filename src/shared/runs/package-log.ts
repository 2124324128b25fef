import type { ProjectHashes } from '../project/hash';
import type { RunEpoch, RunRecord, RunStatus, TrainingSettings } from '../project/schema';
import type { RunReport } from './record';

/**
 * Issue 18: the training log the training package's `train.py` writes (`training-log.jsonl`, one
 * JSON object per line; src/shared/codegen/distributed.ts), read back so the run joins the
 * project's history (`neurite import-run`). Lines: `start` (settings, the project's hashes),
 * `epoch` (`{epoch, logs, elapsedMs}`), `test` (`{logs}`), `done` (`{status, epochs, elapsedMs,
 * earlyStopping}`). A resumed run appends to the same log (one `start` per process start).
 */

export interface PackageLog {
  startedAt: string;
  /** The hashes of the project the package was exported from (NEURITE in train.py). */
  neurite: ProjectHashes & { project?: string };
  strategy: string;
  workers: number;
  replicas: number;
  /** The global batch size and total epochs the run used (train.py's --batch-size, --epochs). */
  globalBatchSize: number;
  epochs: number;
  history: RunEpoch[];
  test?: Record<string, number>;
  done: { status: RunStatus; elapsedMs: number; earlyStopping: RunRecord['earlyStopping'] | null };
}

export type PackageLogErrorCode = 'bad-line' | 'no-start' | 'not-finished' | 'no-epochs';

/** A log that cannot be read as a run; `line` is 1-based when one line is at fault. */
export class PackageLogError extends Error {
  constructor(
    readonly code: PackageLogErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'PackageLogError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLogs = (v: unknown): v is Record<string, number> => isObject(v) && Object.values(v).every((n) => typeof n === 'number');

/**
 * Parses `training-log.jsonl` (`file` names it in messages). The last `start` line wins for the
 * settings (a resumed run's), the epochs are every `epoch` line (a resumed run's epochs follow the
 * earlier ones; an epoch logged twice keeps its last line), `done` must be there.
 * Throws PackageLogError naming the line, what was expected and what was found.
 */
export function parsePackageLog(text: string, file = 'training-log.jsonl'): PackageLog {
  let start: Record<string, unknown> | null = null;
  let done: Record<string, unknown> | null = null;
  let test: Record<string, number> | undefined;
  const epochs = new Map<number, RunEpoch>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new PackageLogError('bad-line', `${file}, line ${i + 1}: expected one JSON object per line (as train.py writes), got ${JSON.stringify(line.slice(0, 60))}.`, i + 1);
    }
    if (!isObject(record) || typeof record.event !== 'string') throw new PackageLogError('bad-line', `${file}, line ${i + 1}: expected an object with an "event" (start, epoch, test or done).`, i + 1);
    if (record.event === 'start') start = record;
    else if (record.event === 'done') done = record;
    else if (record.event === 'test' && isLogs(record.logs)) test = record.logs;
    else if (record.event === 'epoch') {
      if (typeof record.epoch !== 'number' || !Number.isInteger(record.epoch) || record.epoch < 0 || !isLogs(record.logs)) {
        throw new PackageLogError('bad-line', `${file}, line ${i + 1}: an epoch line needs "epoch" (an integer from 0) and "logs" (names to numbers).`, i + 1);
      }
      epochs.set(record.epoch, { epoch: record.epoch, logs: record.logs, ...(typeof record.elapsedMs === 'number' && record.elapsedMs >= 0 ? { elapsedMs: record.elapsedMs } : {}) });
    }
  });
  const s = start as Record<string, unknown> | null;
  const d = done as Record<string, unknown> | null;
  if (!s || !isObject(s.neurite)) throw new PackageLogError('no-start', `${file} has no "start" line: it is not a log written by a Neurite training package's train.py.`);
  if (!d) throw new PackageLogError('not-finished', `${file} has no "done" line: the run has not finished (or it was killed). Let train.py finish (rerun it to resume from its last checkpoint), then import again.`);
  const history = [...epochs.values()].sort((a, b) => a.epoch - b.epoch);
  if (history.length === 0) throw new PackageLogError('no-epochs', `${file} has no epoch lines: the run trained no epoch.`);
  const status: RunStatus = d.status === 'stopped' || d.status === 'diverged' ? d.status : 'completed';
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const neurite = s.neurite as Record<string, unknown>;
  return {
    startedAt: typeof s.startedAt === 'string' ? s.startedAt : new Date(0).toISOString(),
    neurite: { graphHash: String(neurite.graphHash ?? ''), settingsHash: String(neurite.settingsHash ?? ''), datasetHash: String(neurite.datasetHash ?? ''), ...(typeof neurite.project === 'string' ? { project: neurite.project } : {}) },
    strategy: typeof s.strategy === 'string' ? s.strategy : 'default',
    workers: num(s.workers, 1),
    replicas: num(s.replicas, 1),
    globalBatchSize: num(s.globalBatchSize, 0),
    epochs: num(s.epochs, history.length),
    history,
    ...(test ? { test } : {}),
    done: { status, elapsedMs: num(d.elapsedMs, history[history.length - 1].elapsedMs ?? 0), earlyStopping: isObject(d.earlyStopping) ? (d.earlyStopping as RunRecord['earlyStopping']) : null },
  };
}

/** The training settings the run used: the project's, with the epochs and global batch size train.py ran with. */
export function packageRunTraining(training: TrainingSettings, log: PackageLog): TrainingSettings {
  return { ...training, epochs: Math.max(1, Math.round(log.epochs)), ...(log.globalBatchSize >= 1 ? { batchSize: Math.round(log.globalBatchSize) } : {}) };
}

/**
 * The run report of a package run (for `makeRunRecord`): its history and status from the log,
 * `backend` naming the engine (`tf.distribute <strategy> ×<workers>`), origin `cli` (the schema's
 * run origins have no kind for an outside run yet). `finalLogs` are the logs of the weights it
 * left: the best epoch's when early stopping restored them, else the last epoch's.
 */
export function packageRunReport(log: PackageLog, outcomeKind?: string): RunReport {
  const last = log.history[log.history.length - 1];
  const es = log.done.earlyStopping;
  const kept = es?.restoredBestWeights && es.bestEpoch !== null ? log.history.find((h) => h.epoch === es.bestEpoch) : undefined;
  return {
    startedAt: log.startedAt,
    durationMs: log.done.elapsedMs,
    backend: `tf.distribute ${log.strategy} ×${log.workers}`.slice(0, 40),
    history: log.history,
    status: log.done.status,
    ...(outcomeKind ? { outcomeKind } : {}),
    finalLogs: (kept ?? last).logs,
    ...(log.test ? { test: log.test } : {}),
    ...(es ? { earlyStopping: es } : {}),
    origin: { kind: 'package' },
  };
}
