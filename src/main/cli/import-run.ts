import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeWeightValues, type WeightSpec } from '../../shared/import/layers-model';
import { float32ToBase64 } from '../../shared/project/base64';
import { projectHashes } from '../../shared/project/hash';
import { FORMAT, FORMAT_VERSION, type Project, type Trained, type WeightTensor } from '../../shared/project/schema';
import { makeRunRecord } from '../../shared/runs/record';
import { applyKeepPolicy } from '../../shared/runs/policy';
import { PackageLogError, packageRunReport, packageRunTraining, parsePackageLog, type PackageLog } from '../../shared/runs/package-log';
import { assessProjectRun } from '../../shared/training/outcome';
import { initBackend } from '../engine/backend';
import { trainedSection } from '../engine/export-model';
import { disposeModel, loadDataset, loadTrainedModel } from '../engine/run-project';
import { writeFileAtomic } from '../files/atomic-write';
import { readAppVersion } from '../services/index';
import { EXIT, loadProject, plural, type CliIo } from './run';

/**
 * Issue 18, back into the app: `neurite import-run PROJECT.neurite RESULT_DIR [--save FILE]`.
 * Reads what the training package's train.py wrote into RESULT_DIR (training-log.jsonl, model.json
 * + weights.bin), checks it was trained from this project's graph, settings and data (the hashes
 * train.py carries), and adds it to the project's run history (the shared `makeRunRecord`, keep
 * policy applied) with its weights, which also become the project's trained weights, so predict
 * uses them. Without --save nothing is written: it says what would be added.
 */

export const IMPORT_RUN_NOTES = `
RESULT_DIR is the folder train.py wrote (--out, default result): training-log.jsonl, model.json and
weights.bin. The run must come from a package exported from this project: the graph, the training
settings (train.py's --epochs and --batch-size aside, which the run record keeps) and the data must
be the ones it was exported with. The run joins the project's history (origin "cli", backend
"tf.distribute <strategy> ×<workers>") and its weights become the project's trained weights.`;

class ImportRunError extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportRunError(EXIT.usage, 'not-found', `Cannot read ${path} (${what}): ${(error as Error).message}. Give the folder train.py wrote (its --out, default result).`);
  }
}

/** The weights of model.json's manifest, decoded from weights.bin, named as the manifest names them (train.py writes Neurite's `<layer>/<weight>` names). */
async function readWeights(dir: string): Promise<WeightTensor[]> {
  const modelPath = join(dir, 'model.json');
  let modelJson: { weightsManifest?: { paths?: string[]; weights?: WeightSpec[] }[] };
  try {
    modelJson = JSON.parse(await readText(modelPath, "the trained model's topology")) as typeof modelJson;
  } catch (error) {
    if (error instanceof ImportRunError) throw error;
    throw new ImportRunError(EXIT.usage, 'not-a-model', `${modelPath} is not JSON: ${(error as Error).message}.`);
  }
  const groups = Array.isArray(modelJson.weightsManifest) ? modelJson.weightsManifest : [];
  const out: WeightTensor[] = [];
  for (const group of groups) {
    const chunks: Buffer[] = [];
    for (const p of group.paths ?? []) {
      if (p.includes('/') || p.includes('\\') || p.startsWith('.')) throw new ImportRunError(EXIT.usage, 'bad-weights', `${modelPath} names the weight file ${JSON.stringify(p)} outside its folder; expected a file beside it (weights.bin).`);
      try {
        chunks.push(await readFile(join(dir, p)));
      } catch (error) {
        throw new ImportRunError(EXIT.usage, 'not-found', `Cannot read ${join(dir, p)} (the trained weights): ${(error as Error).message}.`);
      }
    }
    const data = Buffer.concat(chunks);
    let offset = 0;
    for (const spec of group.weights ?? []) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      if (spec.dtype !== 'float32' || spec.quantization) throw new ImportRunError(EXIT.usage, 'bad-weights', `Weight ${spec.name} is ${spec.quantization?.dtype ?? spec.dtype}; train.py writes float32.`);
      if (offset + count * 4 > data.length) throw new ImportRunError(EXIT.usage, 'bad-weights', `The weight files are too short: weight ${spec.name} needs bytes ${offset}–${offset + count * 4}, they hold ${data.length}.`);
      const values = decodeWeightValues(spec, new Uint8Array(data.buffer, data.byteOffset + offset, count * 4));
      out.push({ name: spec.name, shape: spec.shape, dtype: 'float32', data: float32ToBase64(values) });
      offset += count * 4;
    }
    if (offset !== data.length) throw new ImportRunError(EXIT.usage, 'bad-weights', `The weight files hold ${data.length} bytes but ${modelPath} describes ${offset}.`);
  }
  if (out.length === 0) throw new ImportRunError(EXIT.usage, 'bad-weights', `${modelPath} lists no weights.`);
  return out;
}

/** Refuses a result that was not trained from this project's graph, settings or data (the hashes train.py carries). */
function checkSameProject(project: Project, log: PackageLog, file: string): void {
  const now = projectHashes(project);
  const changed = (['graph', 'settings', 'dataset'] as const).filter((k) => now[`${k}Hash`] !== log.neurite[`${k}Hash`]);
  if (changed.length === 0) return;
  const what = changed.map((k) => (k === 'graph' ? 'graph (layers or connections)' : k === 'settings' ? 'training settings' : 'data')).join(' and ');
  throw new ImportRunError(
    EXIT.badProject,
    'other-project',
    `${file} comes from a training package whose ${what} differ from those of ${project.name} now${log.neurite.project && log.neurite.project !== project.name ? ` (the package was exported from "${log.neurite.project}")` : ''}. Import it into the project it was exported from, or export the package again and train it again.`,
  );
}

export async function runImportRun(projectFile: string, dir: string, flags: { save?: string; json?: boolean }, io: CliIo): Promise<number> {
  const json = flags.json ?? false;
  try {
    const loaded = loadProject(projectFile);
    if (!loaded.ok) throw new ImportRunError(EXIT.badProject, 'bad-project', loaded.message);
    const project = loaded.project;
    const folder = resolve(dir);
    const logPath = join(folder, 'training-log.jsonl');
    let log: PackageLog;
    try {
      log = parsePackageLog(await readText(logPath, 'the training log'), logPath);
    } catch (error) {
      if (error instanceof PackageLogError) throw new ImportRunError(EXIT.usage, error.code, error.message);
      throw error;
    }
    checkSameProject(project, log, logPath);
    const weights = await readWeights(folder);
    const runProject = { ...project, training: packageRunTraining(project.training, log) };
    const finishedAt = new Date(Date.parse(log.startedAt) + log.done.elapsedMs).toISOString();
    const reason = log.done.status === 'failed' ? 'stopped' : log.done.status;
    const draft: Trained = { trainedAt: finishedAt, reason, ...projectHashes(runProject), weights, history: log.history, ...(log.test ? { test: log.test } : {}) };
    await initBackend();
    let trained: Trained;
    let loadedModel;
    try {
      // The app's own loader: every weight must be there with its shape (a clear error names the first that is not).
      loadedModel = loadTrainedModel({ ...runProject, trained: draft });
      trained = trainedSection(loadedModel.model, runProject, { reason, history: log.history, ...(log.test ? { test: log.test } : {}) }, finishedAt);
    } catch (error) {
      throw new ImportRunError(EXIT.badProject, (error as { code?: string }).code ?? 'weights-mismatch', `${join(folder, 'model.json')}: ${(error as Error).message}`);
    } finally {
      if (loadedModel) disposeModel(loadedModel.model);
    }
    let outcomeKind: string | undefined;
    try {
      outcomeKind = assessProjectRun(runProject, loadDataset(project.dataset), reason, log.history).kind;
    } catch {
      // The data is not on this computer: the run is recorded without its outcome.
    }
    const record = makeRunRecord(runProject, packageRunReport(log, outcomeKind), project.runs ?? [], trained.weights);
    const runs = applyKeepPolicy([...(project.runs ?? []), record], project.runsBestBy);
    let saved: string | undefined;
    if (flags.save) {
      saved = resolve(flags.save);
      const appVersion = await readAppVersion([join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]);
      const next: Project = { ...project, format: FORMAT, formatVersion: FORMAT_VERSION, appVersion, savedAt: new Date().toISOString(), trained, runs };
      try {
        await writeFileAtomic(saved, `${JSON.stringify(next, null, 2)}\n`);
      } catch (error) {
        throw new ImportRunError(EXIT.badProject, 'write-failed', `Cannot write ${saved}: ${(error as Error).message}`);
      }
    }
    const last = log.history[log.history.length - 1];
    if (json) {
      io.out(JSON.stringify({ ok: true, run: { id: record.id, number: record.number, status: record.status, backend: record.backend, epochs: log.history.length, finalLogs: record.finalLogs, ...(record.test ? { test: record.test } : {}), ...(outcomeKind ? { outcome: outcomeKind } : {}) }, ...(saved ? { saved } : {}) }));
    } else {
      io.out(`Run ${record.number} (${record.backend}, ${log.replicas} replica${log.replicas === 1 ? '' : 's'}): ${record.status}, ${plural(log.history.length, 'epoch')}; last epoch: ${Object.entries(last.logs).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join(', ')}.`);
      if (outcomeKind) io.out(`Outcome: ${outcomeKind}.`);
      io.out(saved ? `Saved ${saved}: the run is in the project's history and its weights are the project's trained weights (neurite predict uses them).` : 'Nothing written: add --save FILE to keep the run in the project.');
    }
    return EXIT.ok;
  } catch (error) {
    const e = error instanceof ImportRunError ? error : new ImportRunError(EXIT.badProject, 'failed', error instanceof Error ? error.message : String(error));
    if (json) io.out(JSON.stringify({ ok: false, error: e.code, message: e.message }));
    else io.err(`neurite: ${e.message}`);
    return e.exitCode;
  }
}
