import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeWeightValues, type WeightSpec } from '../../shared/import/layers-model';
import { float32ToBase64 } from '../../shared/project/base64';
import { projectHashes } from '../../shared/project/hash';
import type { Project, RunRecord, Trained, TrainingSettings, WeightTensor } from '../../shared/project/schema';
import { makeRunRecord } from '../../shared/runs/record';
import { PackageLogError, packageRunReport, packageRunTraining, parsePackageLog, type PackageLog } from '../../shared/runs/package-log';
import { assessProjectRun } from '../../shared/training/outcome';
import { trainedSection } from './export-model';
import { disposeModel, loadDataset, loadTrainedModel } from './run-project';

/**
 * Issue 18, back into the app: reading a training package's result (what train.py wrote into its
 * --out folder: `training-log.jsonl`, `model.json`, `weights.bin`) and checking it belongs to a
 * project. The ONE implementation behind `neurite import-run` (src/main/cli/import-run.ts) and the
 * app's "Import training run…" (`runs.importPackage`, src/main/services/index.ts), whose heavy half
 * ({@link readPackageWeights}: decoding the weights, building the model, the outcome over the data)
 * runs in the trainer process (trainer-process.ts `package-result`), never on Electron main's loop.
 * Main itself only does the light half ({@link readPackageLog}: the log's JSON and the hash check;
 * {@link packageResultRecord}: the run record).
 */

/** The result's three files. */
export const RESULT_LOG = 'training-log.jsonl';
export const RESULT_MODEL = 'model.json';

/**
 * Where the result's files are: a folder (the CLI, the desktop dialog), or files by name (the
 * browser host's uploads: `files` maps a file name such as `weights.bin` to the path main stored
 * it at). Plain data, so it crosses to the trainer process as it is.
 */
export type ResultSource = { dir: string } | { files: Record<string, string> };

/** Why a result cannot be imported: `kind` 'input' (the files are missing or unreadable) or 'project' (they do not fit this project). */
export type PackageResultErrorCode = 'not-found' | 'not-a-model' | 'bad-weights' | 'other-project' | 'weights-mismatch' | PackageLogError['code'];

/**
 * A result that cannot be imported, with a message naming the file, what was expected and what
 * was found, and what to do. For `other-project`, `details` is `[{ changed, project }]`: which
 * hashes differ ('graph' | 'settings' | 'dataset') and the project the package came from (when
 * train.py carried its name), so the app can word the message in the UI language.
 */
export class PackageResultError extends Error {
  constructor(
    readonly code: PackageResultErrorCode,
    readonly kind: 'input' | 'project',
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.name = 'PackageResultError';
  }
}

/** A readable name for where the result is (messages). */
export function sourceLabel(source: ResultSource): string {
  return 'dir' in source ? source.dir : 'the uploaded files';
}

/** The path of the result file `name`, or a `not-found` error saying which file is missing. */
function resultPath(source: ResultSource, name: string, what: string): string {
  if ('dir' in source) return join(source.dir, name);
  const path = source.files[name];
  if (!path) {
    throw new PackageResultError(
      'not-found',
      'input',
      `${name} (${what}) is missing from the uploaded files (got ${Object.keys(source.files).join(', ') || 'none'}). Pick the three files train.py wrote into its result folder: ${RESULT_LOG}, ${RESULT_MODEL} and weights.bin.`,
    );
  }
  return path;
}

async function readResultFile(source: ResultSource, name: string, what: string): Promise<Buffer> {
  const path = resultPath(source, name, what);
  try {
    return await readFile(path);
  } catch (error) {
    throw new PackageResultError('not-found', 'input', `Cannot read ${'dir' in source ? path : name} (${what}): ${(error as Error).message}. Give the folder train.py wrote (its --out, default result).`);
  }
}

/**
 * Refuses a result that was not trained from `project`'s graph, settings or data (the hashes
 * train.py carries in its `start` line, src/shared/project/hash.ts).
 * Throws PackageResultError `other-project`.
 */
export function checkSameProject(project: Project, log: PackageLog, file: string): void {
  const now = projectHashes(project);
  const changed = (['graph', 'settings', 'dataset'] as const).filter((k) => now[`${k}Hash`] !== log.neurite[`${k}Hash`]);
  if (changed.length === 0) return;
  const what = changed.map((k) => (k === 'graph' ? 'graph (layers or connections)' : k === 'settings' ? 'training settings' : 'data')).join(' and ');
  const from = log.neurite.project && log.neurite.project !== project.name ? log.neurite.project : undefined;
  throw new PackageResultError(
    'other-project',
    'project',
    `${file} comes from a training package whose ${what} differ from those of ${project.name} now${from ? ` (the package was exported from "${from}")` : ''}. Import it into the project it was exported from, or export the package again and train it again.`,
    [{ changed, ...(from ? { project: from } : {}) }],
  );
}

/**
 * The light half: reads and parses `training-log.jsonl` (src/shared/runs/package-log.ts) and checks
 * the run was trained from `project` (checkSameProject). JSON only: safe on main's loop.
 * Throws PackageResultError (`not-found`, a PackageLogError code, `other-project`).
 */
export async function readPackageLog(project: Project, source: ResultSource): Promise<PackageLog> {
  const file = 'dir' in source ? join(source.dir, RESULT_LOG) : RESULT_LOG;
  let log: PackageLog;
  try {
    log = parsePackageLog((await readResultFile(source, RESULT_LOG, 'the training log')).toString('utf8'), file);
  } catch (error) {
    if (error instanceof PackageLogError) throw new PackageResultError(error.code, 'input', error.message);
    throw error;
  }
  checkSameProject(project, log, file);
  return log;
}

/**
 * The weights of model.json's manifest, decoded from its weight files (weights.bin), named as the
 * manifest names them (train.py writes Neurite's `<layer>/<weight>` names). float32 only.
 */
async function readWeights(source: ResultSource): Promise<WeightTensor[]> {
  const modelName = 'dir' in source ? join(source.dir, RESULT_MODEL) : RESULT_MODEL;
  let modelJson: { weightsManifest?: { paths?: string[]; weights?: WeightSpec[] }[] };
  try {
    modelJson = JSON.parse((await readResultFile(source, RESULT_MODEL, "the trained model's topology")).toString('utf8')) as typeof modelJson;
  } catch (error) {
    if (error instanceof PackageResultError) throw error;
    throw new PackageResultError('not-a-model', 'input', `${modelName} is not JSON: ${(error as Error).message}.`);
  }
  const groups = Array.isArray(modelJson.weightsManifest) ? modelJson.weightsManifest : [];
  const out: WeightTensor[] = [];
  for (const group of groups) {
    const chunks: Buffer[] = [];
    for (const p of group.paths ?? []) {
      if (p.includes('/') || p.includes('\\') || p.startsWith('.') || basename(p) !== p) {
        throw new PackageResultError('bad-weights', 'input', `${modelName} names the weight file ${JSON.stringify(p)} outside its folder; expected a file beside it (weights.bin).`);
      }
      chunks.push(await readResultFile(source, p, 'the trained weights'));
    }
    const data = Buffer.concat(chunks);
    let offset = 0;
    for (const spec of group.weights ?? []) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      if (spec.dtype !== 'float32' || spec.quantization) throw new PackageResultError('bad-weights', 'input', `Weight ${spec.name} is ${spec.quantization?.dtype ?? spec.dtype}; train.py writes float32.`);
      if (offset + count * 4 > data.length) throw new PackageResultError('bad-weights', 'input', `The weight files are too short: weight ${spec.name} needs bytes ${offset}–${offset + count * 4}, they hold ${data.length}.`);
      const values = decodeWeightValues(spec, new Uint8Array(data.buffer, data.byteOffset + offset, count * 4));
      out.push({ name: spec.name, shape: spec.shape, dtype: 'float32', data: float32ToBase64(values) });
      offset += count * 4;
    }
    if (offset !== data.length) throw new PackageResultError('bad-weights', 'input', `The weight files hold ${data.length} bytes but ${modelName} describes ${offset}.`);
  }
  if (out.length === 0) throw new PackageResultError('bad-weights', 'input', `${modelName} lists no weights.`);
  return out;
}

/** The time the run ended: its start plus the log's elapsed time (ISO 8601). */
const finishedAt = (log: PackageLog) => new Date(Date.parse(log.startedAt) + log.done.elapsedMs).toISOString();
/** The `trained` reason of a package run: a failed run keeps its weights as stopped. */
const trainedReason = (log: PackageLog): Trained['reason'] => (log.done.status === 'failed' ? 'stopped' : log.done.status);

/** What the heavy half answers: the project's new `trained` section and the run's outcome kind (absent when the data is not on this computer). */
export interface PackageWeights {
  trained: Trained;
  outcomeKind?: string;
}

/**
 * The heavy half: decodes the weights, builds the model with the app's own loader (every weight
 * must be there with its shape; an error names the first that is not: `weights-mismatch`), makes
 * the `trained` section from it (export-model.ts trainedSection) and assesses the run's outcome
 * over the project's data when it is on this computer. Needs an initialised tfjs backend; run it
 * in the trainer process or the CLI, never on Electron main's loop. Tensors are disposed.
 */
export async function readPackageWeights(project: Project, log: PackageLog, source: ResultSource): Promise<PackageWeights> {
  const weights = await readWeights(source);
  const runProject = { ...project, training: packageRunTraining(project.training, log) };
  const reason = trainedReason(log);
  const result = { reason, history: log.history, ...(log.test ? { test: log.test } : {}) };
  const draft: Trained = { trainedAt: finishedAt(log), ...projectHashes(runProject), weights, ...result };
  let trained: Trained;
  let loaded;
  try {
    loaded = loadTrainedModel({ ...runProject, trained: draft });
    trained = trainedSection(loaded.model, runProject, result, finishedAt(log));
  } catch (error) {
    const modelName = 'dir' in source ? join(source.dir, RESULT_MODEL) : RESULT_MODEL;
    const code = (error as { code?: string }).code;
    throw new PackageResultError('weights-mismatch', 'project', `${modelName}: ${(error as Error).message}`, code ? [{ cause: code }] : undefined);
  } finally {
    if (loaded) disposeModel(loaded.model);
  }
  let outcomeKind: string | undefined;
  try {
    outcomeKind = assessProjectRun(runProject, loadDataset(project.dataset), reason, log.history).kind;
  } catch {
    // The data is not on this computer: the run is recorded without its outcome.
  }
  return { trained, ...(outcomeKind ? { outcomeKind } : {}) };
}

/**
 * The run record of an imported result (the shared makeRunRecord: numbered after `runs`, its
 * changes against the run before it) and the training settings it ran with (the project's, with
 * train.py's --epochs and --batch-size: package-log.ts packageRunTraining). Light.
 */
export function packageResultRecord(
  project: Project,
  log: PackageLog,
  outcomeKind: string | undefined,
  runs: Parameters<typeof makeRunRecord>[2],
  weights?: WeightTensor[],
): { record: RunRecord; training: TrainingSettings } {
  const training = packageRunTraining(project.training, log);
  return { record: makeRunRecord({ ...project, training }, packageRunReport(log, outcomeKind), runs, weights), training };
}
