import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectHashes } from '../../shared/project/hash';
import type { Project, RunRecord, TrainingSettings, WeightTensor } from '../../shared/project/schema';
import { makeRunRecord } from '../../shared/runs/record';
import { PackageLogError, packageRunReport, packageRunTraining, parsePackageLog, type PackageLog } from '../../shared/runs/package-log';

/**
 * Issue 18, back into the app: reading a training package's result (what train.py wrote into its
 * --out folder: `training-log.jsonl`, `model.json`, `weights.bin`) and checking it belongs to a
 * project. The ONE implementation behind `neurite import-run` (src/main/cli/import-run.ts) and the
 * app's "Import training run…" (`runs.importPackage`, src/main/services/index.ts). This module is
 * the light half, safe on Electron main's loop and free of tfjs ({@link readPackageLog}: the log's
 * JSON and the hash check; {@link packageResultRecord}: the run record); the heavy half
 * (./package-weights.ts readPackageWeights: decoding the weights, building the model, the outcome
 * over the data) runs in the trainer process (trainer-process.ts `package-result`) or the CLI.
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
export type PackageResultErrorCode = 'not-found' | 'not-a-model' | 'bad-weights' | 'other-project' | 'weights-mismatch' | 'already-imported' | PackageLogError['code'];

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

/** The bytes of the result file `name`; PackageResultError `not-found` when it is missing or unreadable. */
export async function readResultFile(source: ResultSource, name: string, what: string): Promise<Buffer> {
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
 * Throws PackageResultError (`not-found`, a PackageLogError code, `other-project`, `already-imported`).
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
  // The same result twice would be two identical runs (trial 9, N6): its start, engine and duration name it.
  const report = packageRunReport(log, undefined);
  const twin = (project.runs ?? []).find((r) => r.origin.kind === 'package' && r.startedAt === report.startedAt && r.backend === report.backend && r.durationMs === report.durationMs);
  if (twin) throw new PackageResultError('already-imported', 'input', `${file} is already in ${project.name}'s run history as run ${twin.number} (imported before). Train the package again for a new run.`);
  return log;
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
