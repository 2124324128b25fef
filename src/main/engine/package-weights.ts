import { basename, join } from 'node:path';
import { decodeWeightValues, type WeightSpec } from '../../shared/import/layers-model';
import { float32ToBase64 } from '../../shared/project/base64';
import { projectHashes } from '../../shared/project/hash';
import type { Project, Trained, WeightTensor } from '../../shared/project/schema';
import { packageRunTraining, type PackageLog } from '../../shared/runs/package-log';
import { assessProjectRun } from '../../shared/training/outcome';
import { trainedSection } from './export-model';
import { PackageResultError, readResultFile, RESULT_MODEL, type ResultSource } from './package-result';
import { disposeModel, loadDataset, loadTrainedModel } from './run-project';

/**
 * Issue 18: the heavy half of reading a training package's result (the light half, the log and
 * the hashes, is ./package-result.ts): the weights decoded and checked against the project's model.
 * Uses tfjs: the trainer process and the CLI call it, never Electron main.
 */

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

