import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/project/load';
import { base64ToFloat32 } from '../../shared/project/base64';
import type { Project, WeightTensor } from '../../shared/project/schema';
import { writePackageResult } from '../../../test/tools/package-result';
import { runImportRun } from '../cli/import-run';
import { encodeWeights } from './export-model';
import { PackageResultError, packageResultRecord, readPackageLog, type ResultSource } from './package-result';
import { readPackageWeights } from './package-weights';
import { disposeModel, loadTrainedModel, runProject } from './run-project';

/**
 * Issue 18, back into the app: the one reader of a training package's result, shared by
 * `neurite import-run` and the app's `runs.importPackage`. Running train.py here is too heavy
 * (test/integration/keras-distributed.test.ts does that once), so the fixture result folder is
 * built from the app's own weights of a short real run, written as train.py writes them
 * (test/tools/package-result.ts).
 */

const fixture = join(__dirname, '../../../test/fixtures/projects/v1-partial-params.neurite');
const INPUTS = [
  [0.1, -0.7],
  [0.9, 0.4],
  [-0.5, -0.5],
];

let dir: string;
let project: Project;
let weights: WeightTensor[];
let expected: number[][];

function loadFixture(): Project {
  const result = parseProject(readFileSync(fixture, 'utf8'), 'fixture');
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const writeResult = writePackageResult;

function predict(model: tf.LayersModel): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(INPUTS)) as tf.Tensor).arraySync() as number[][]);
}

async function readAll(of: Project, source: ResultSource) {
  const log = await readPackageLog(of, source);
  return { log, ...(await readPackageWeights(of, log, source)) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  project = loadFixture();
  const run = await runProject({ ...project, training: { ...project.training, epochs: 2 } });
  weights = encodeWeights(run.model);
  expected = predict(run.model);
  disposeModel(run.model);
  dir = mkdtempSync(join(tmpdir(), 'neurite-result-'));
  writeResult(dir, project, weights);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a training package result (package-result.ts)', () => {
  it('reads the weights train.py wrote; the model built from them predicts as the weights themselves do', async () => {
    const { trained, log } = await readAll(project, { dir });
    expect(log.history.map((h) => h.epoch)).toEqual([0, 1]);
    expect(trained.weights.map((w) => w.name)).toEqual(weights.map((w) => w.name));
    trained.weights.forEach((w, i) => expect(base64ToFloat32(w.data)).toEqual(base64ToFloat32(weights[i].data)));
    const loaded = loadTrainedModel({ ...project, trained });
    try {
      expect(predict(loaded.model)).toEqual(expected);
    } finally {
      disposeModel(loaded.model);
    }
    expect(trained.history.map((h) => h.logs.loss)).toEqual([0.6, 0.4]);
  });

  it('reads the same result from uploaded files (stored under other names) as from the folder', async () => {
    const uploads = mkdtempSync(join(tmpdir(), 'neurite-uploads-'));
    try {
      const files: Record<string, string> = {};
      for (const [i, name] of ['training-log.jsonl', 'model.json', 'weights.bin'].entries()) {
        files[name] = join(uploads, `${i}.part`);
        copyFileSync(join(dir, name), files[name]);
      }
      const fromFolder = await readAll(project, { dir });
      const fromUploads = await readAll(project, { files });
      expect(fromUploads.trained.weights).toEqual(fromFolder.trained.weights);
      expect(fromUploads.outcomeKind).toBe(fromFolder.outcomeKind);
      expect(fromUploads.log).toEqual(fromFolder.log);
    } finally {
      rmSync(uploads, { recursive: true, force: true });
    }
  });

  it('names a missing upload and what to pick', async () => {
    const error = await readPackageLog(project, { files: { 'model.json': join(dir, 'model.json') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageResultError);
    expect((error as PackageResultError).code).toBe('not-found');
    expect((error as PackageResultError).message).toMatch(/training-log\.jsonl .* is missing from the uploaded files \(got model\.json\)/);
  });

  it('refuses a result from a project whose graph changed, with the changed parts as details', async () => {
    const changed: Project = { ...project, graph: { ...project.graph, nodes: project.graph.nodes.map((n) => (n.type === 'Dense' ? { ...n, params: { ...n.params, units: Number(n.params.units ?? 1) + 3 } } : n)) } };
    const error = await readPackageLog(changed, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageResultError);
    const e = error as PackageResultError;
    expect(e.code).toBe('other-project');
    expect(e.kind).toBe('project');
    expect(e.details).toEqual([{ changed: ['graph'] }]);
    expect(e.message).toMatch(/whose graph \(layers or connections\) differ from those of .* now\. Import it into the project it was exported from/);
  });

  it('refuses weights that do not fit the model, naming the weight', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'neurite-bad-'));
    try {
      writeResult(bad, project, weights.slice(1));
      const error = await readAll(project, { dir: bad }).catch((e: unknown) => e);
      expect((error as PackageResultError).code).toBe('weights-mismatch');
      expect((error as PackageResultError).message).toContain(join(bad, 'model.json'));
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('makes the run record with the shared makeRunRecord: numbered after the runs, the engine named, the last epoch as final logs', async () => {
    const { log, outcomeKind, trained } = await readAll(project, { dir });
    const first = packageResultRecord(project, log, outcomeKind, [], trained.weights).record;
    const { record, training } = packageResultRecord(project, log, outcomeKind, [first]);
    expect(record.number).toBe(2);
    expect(record.backend).toBe('tf.distribute multi-worker ×2');
    expect(record.finalLogs).toEqual({ loss: 0.4, accuracy: 0.8 });
    expect(training.batchSize).toBe(16);
    expect(training.epochs).toBe(2);
  });

  it('refuses a result the project already holds, naming its run (trial 9, N6)', async () => {
    const { log, outcomeKind } = await readAll(project, { dir });
    const first = packageResultRecord(project, log, outcomeKind, []).record;
    await expect(readPackageLog({ ...project, runs: [first] }, { dir })).rejects.toThrow(/is already in .*'s run history as run 1 \(imported before\)/);
  });

  it('neurite import-run saves the same weights and run the shared reader answers (the CLI and the app agree)', async () => {
    const projectFile = join(dir, '..', `${dir.split(/[\\/]/).pop()}-project.neurite`);
    const saved = `${projectFile}.out`;
    writeFileSync(projectFile, readFileSync(fixture, 'utf8'));
    try {
      const out: string[] = [];
      const code = await runImportRun(projectFile, dir, { save: saved, json: true }, { out: (l) => out.push(l), err: (l) => out.push(l) });
      expect(code, out.join('\n')).toBe(0);
      const file = parseProject(readFileSync(saved, 'utf8'), saved);
      if (!file.ok) throw new Error(file.error.message);
      const shared = await readAll(project, { dir });
      expect(file.project.trained?.weights).toEqual(shared.trained.weights);
      const { record } = packageResultRecord(project, shared.log, shared.outcomeKind, [], shared.trained.weights);
      const cliRun = file.project.runs?.at(-1);
      expect({ ...cliRun, createdAt: undefined }).toEqual({ ...record, createdAt: undefined });
    } finally {
      rmSync(projectFile, { force: true });
      rmSync(saved, { force: true });
    }
  });
});
