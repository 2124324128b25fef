import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { csvPreprocessing } from '../../src/shared/data/preprocess';
import { csvToDataset } from '../../src/shared/data/csv-dataset';
import { parseCsvText } from '../../src/shared/data/csv';
import { itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';
import { freePort, jsonLines, neurite, pyEnv, worker } from '../tools/tf-workers';
import { scaleCsvText, scaleDataset, scaleProject, SCALE_CSV_CONFIG } from '../tools/scale-project';

/**
 * Issue 18, done when: the training package (`neurite export --format keras-distributed`) trains
 * with real TensorFlow under MultiWorkerMirroredStrategy as two worker processes on loopback
 * (TF_CONFIG with two 127.0.0.1 ports), on a CSV with several batches per worker; the weights it
 * writes (TF.js layers format, written by the script) import into Neurite, and Neurite's
 * predictions equal TensorFlow's to 1e-5. Also: the package's tf.data pipeline gives the very
 * features and labels the app's preprocessing gives (one computation, checked to agree).
 */

const work = mkdtempSync(path.join(tmpdir(), 'neurite-scale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const python = findKerasPython();

describe('issue 18: the training package (keras-distributed)', () => {
  const text = scaleCsvText(600);
  const project = scaleProject(scaleDataset(text));
  const projectFile = path.join(work, 'people.neurite');
  writeFileSync(projectFile, JSON.stringify(project));
  const pkg = path.join(work, 'package');

  itWithPython(
    "exports a folder whose tf.data pipeline gives the app's features and labels for every row",
    python,
    async (py) => {
      const exported = await neurite('export', projectFile, '--format', 'keras-distributed', '--out', pkg, '--json');
      expect(exported.code, exported.err + exported.out).toBe(0);
      const report = JSON.parse(exported.out) as { files: string[] };
      expect(report.files.map((f) => path.basename(f)).sort()).toEqual(['README.md', 'people.csv', 'train.py']);
      expect(readFileSync(path.join(pkg, 'people.csv'), 'utf8')).toBe(text);
      const run = spawnSync(py, ['train.py', '--features', '1000'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 240_000 });
      expect(run.status, run.stderr).toBe(0);
      const got = jsonLines(run.stdout).find((r) => r.event === 'features') as { rows: number; x: number[][]; y: number[][]; split: Record<string, number> };
      // The app: the same file parsed and encoded by the import, then the project's pipeline.
      const parsed = parseCsvText(text, SCALE_CSV_CONFIG);
      const data = csvToDataset(parsed, project.dataset as never);
      const pipeline = csvPreprocessing(project.dataset as never);
      const width = pipeline.featureNames.length;
      expect(got.rows).toBe(data.rows);
      expect(got.split).toEqual({ train: 480, validation: 120, test: 0 });
      const x = data.x;
      for (let r = 0; r < got.rows; r++) {
        for (let f = 0; f < width; f++) expect(got.x[r][f], `row ${r} feature ${pipeline.featureNames[f]}`).toBeCloseTo(x[r * width + f], 6);
        expect(got.y[r]).toEqual([data.y[r]]);
      }
      // A value the project's preprocessing cannot read stops the pipeline with the column, the data row and the value.
      writeFileSync(path.join(pkg, 'bad.csv'), text.replace(/\n[\d.]+,/, '\n1x5,'));
      const bad = spawnSync(py, ['train.py', '--data', 'bad.csv', '--features', '10'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 240_000 });
      expect(bad.status).not.toBe(0);
      expect(bad.stderr.trim().split('\n').pop()).toBe("bad.csv: Column 'height': expected a number, got 1x5 (data row 1, counted from 1 after the header and blank lines). Fix the file, or import it in Neurite and export the package again.");
    },
    300_000,
  );
  itWithPython(
    'reads a semicolon-delimited file with decimal commas and quoted fields as the app does',
    python,
    async (py) => {
      // The same rows as a German spreadsheet writes them: ; between fields, a decimal comma, quoted texts.
      const german = text.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2').replace(/;(red|green|blue);/g, ';"$1";');
      const config = { ...SCALE_CSV_CONFIG, delimiter: ';' as const, numberFormat: { decimal: ',' as const, thousands: '' as const } };
      const dataset = scaleDataset(german, 'german.csv', config);
      const germanProject = scaleProject(dataset);
      const file = path.join(work, 'german.neurite');
      writeFileSync(file, JSON.stringify(germanProject));
      const out = path.join(work, 'german-package');
      expect((await neurite('export', file, '--format', 'keras-distributed', '--out', out)).code).toBe(0);
      const run = spawnSync(py, ['train.py', '--features', '1000'], { cwd: out, encoding: 'utf8', env: pyEnv, timeout: 240_000 });
      expect(run.status, run.stderr).toBe(0);
      const got = jsonLines(run.stdout).find((r) => r.event === 'features') as { rows: number; x: number[][]; y: number[][] };
      const data = csvToDataset(parseCsvText(german, config), dataset as never);
      const width = csvPreprocessing(dataset as never).featureNames.length;
      expect(got.rows).toBe(data.rows);
      for (let r = 0; r < got.rows; r++) for (let f = 0; f < width; f++) expect(got.x[r][f], `row ${r} feature ${f}`).toBeCloseTo(data.x[r * width + f], 6);
    },
    300_000,
  );

  itWithPython(
    "trains with MultiWorkerMirroredStrategy on two loopback workers; Neurite imports the weights and predicts as TensorFlow does (1e-5)",
    python,
    async (py) => {
      if (!existsSync(path.join(pkg, 'train.py'))) expect((await neurite('export', projectFile, '--format', 'keras-distributed', '--out', pkg)).code).toBe(0);
      const ports = [await freePort(), await freePort()];
      const cluster = { worker: ports.map((p) => `127.0.0.1:${p}`) };
      // A global batch of 36 rows (18 per worker): 480 training rows make 13 full batches and one of 12 rows, all
      // on worker 0, so the last step gives worker 1 only padding (weight 0); 120 validation rows end on 12 too.
      const args = ['--strategy', 'multi-worker', '--epochs', '3', '--batch-size', '36', '--predict-rows', '40'];
      const [chief, other] = await Promise.all([0, 1].map((index) => worker(py, pkg, { cluster, task: { type: 'worker', index } }, args)));
      expect(chief.code, chief.stderr.slice(-3000)).toBe(0);
      expect(other.code, other.stderr.slice(-3000)).toBe(0);
      const log = jsonLines(readFileSync(path.join(pkg, 'result', 'training-log.jsonl'), 'utf8'));
      const start = log.find((r) => r.event === 'start') as { workers: number; replicas: number; globalBatchSize: number; rows: Record<string, number> };
      expect(start.workers).toBe(2);
      expect(start.replicas).toBe(2);
      expect(start.rows.train).toBe(480);
      expect(start.globalBatchSize).toBe(36);
      const epochs = log.filter((r) => r.event === 'epoch') as { epoch: number; logs: Record<string, number> }[];
      expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
      for (const e of epochs) {
        expect(Object.keys(e.logs).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
        // Accuracy is a share of the real rows (the padding counts for nothing): a whole number of the 480 and 120 rows.
        expect(e.logs.accuracy * 480).toBeCloseTo(Math.round(e.logs.accuracy * 480), 6);
        expect(e.logs.val_accuracy * 120).toBeCloseTo(Math.round(e.logs.val_accuracy * 120), 6);
      }
      expect(epochs[2].logs.loss).toBeLessThan(epochs[0].logs.loss);
      // The optimizer all-reduces the gradients: both workers end with the same weights.
      const done = log.find((r) => r.event === 'done') as { status: string; weightsSha256: string };
      expect(done.status).toBe('completed');
      const otherDone = jsonLines(other.stdout).find((r) => r.event === 'done') as { weightsSha256: string };
      expect(otherDone.weightsSha256).toBe(done.weightsSha256);

      // Neurite imports the TF.js layers model the script wrote and predicts the rows the script predicted.
      const predictions = JSON.parse(readFileSync(path.join(pkg, 'result', 'predictions.json'), 'utf8')) as { raw: string[][]; features: number[][]; outputs: number[][] };
      expect(predictions.outputs).toHaveLength(40);
      const imported = path.join(work, 'imported.neurite');
      const imp = await neurite('import', path.join(pkg, 'result', 'model.json'), '--out', imported, '--json');
      expect(imp.code, imp.out + imp.err).toBe(0);
      // model.json carries the loss and optimizer (Keras' compile_config) and the fit() settings the run used (Neurite's metadata).
      expect(JSON.parse(imp.out)).toMatchObject({ ok: true, weights: 'trained', training: 'from-file', fit: 'from-file' });
      const importedProject = JSON.parse(readFileSync(imported, 'utf8')) as { training: { loss: string; epochs: number; optimizer: { type: string; learningRate: number } } };
      expect(importedProject.training).toMatchObject({ loss: 'sparseCategoricalCrossentropy', epochs: 3, batchSize: 36, optimizer: { type: 'adam' } });
      // Keras keeps the learning rate as a float32 variable: 0.01 comes back as float32(0.01).
      expect(importedProject.training.optimizer.learningRate).toBe(Math.fround(0.01));
      const inputArgs = predictions.features.flatMap((row) => ['--input', row.map((v) => String(v)).join(',')]);
      const predicted = await neurite('predict', imported, '--json', ...inputArgs);
      expect(predicted.code, predicted.err + predicted.out).toBe(0);
      const outputs = (JSON.parse(predicted.out) as { outputs: number[][] }).outputs;
      outputs.forEach((row, r) => row.forEach((v, k) => expect(Math.abs(v - predictions.outputs[r][k]), `row ${r} output ${k}`).toBeLessThan(1e-5)));

      // Back into the app: the run joins the project's history with the log's metrics, and the project predicts raw rows with it.
      const withRun = path.join(work, 'people-with-run.neurite');
      const imported2 = await neurite('import-run', projectFile, path.join(pkg, 'result'), '--save', withRun, '--json');
      expect(imported2.code, imported2.out + imported2.err).toBe(0);
      const saved = JSON.parse(readFileSync(withRun, 'utf8')) as { runs: { origin: { kind: string }; status: string; backend: string; history: { epoch: number; logs: Record<string, number> }[]; finalLogs: Record<string, number>; weights?: unknown[] }[]; trained: { weights: unknown[] } };
      expect(saved.runs).toHaveLength(1);
      const run = saved.runs[0];
      expect(run).toMatchObject({ origin: { kind: 'package' }, status: 'completed', backend: 'tf.distribute multi-worker ×2' });
      // The record keeps the settings the run used: the project's, with train.py's --batch-size.
      expect((run as unknown as { training: { batchSize: number; epochs: number } }).training).toMatchObject({ batchSize: 36, epochs: 3 });
      expect(run.history.map((h) => h.logs)).toEqual(epochs.map((e) => e.logs));
      expect(run.finalLogs).toEqual(epochs[2].logs);
      expect(run.weights).toHaveLength(4);
      const rawArgs = predictions.raw.flatMap((row) => ['--input', row.join(',')]);
      expect(predictions.raw.some((row) => row[1] === '' || row[1] === 'NA')).toBe(true);
      const fromProject = await neurite('predict', withRun, '--json', ...rawArgs);
      expect(fromProject.code, fromProject.err + fromProject.out).toBe(0);
      const projectOutputs = (JSON.parse(fromProject.out) as { outputs: number[][]; weights: string }).outputs;
      projectOutputs.forEach((row, r) => row.forEach((v, k) => expect(Math.abs(v - predictions.outputs[r][k]), `raw row ${r} output ${k}`).toBeLessThan(1e-5)));

      // A result refuses to join a project whose settings changed since the export.
      const changedFile = path.join(work, 'changed.neurite');
      writeFileSync(changedFile, JSON.stringify({ ...project, training: { ...project.training, optimizer: { ...project.training.optimizer, learningRate: 0.5 } } }));
      const refused = await neurite('import-run', changedFile, path.join(pkg, 'result'));
      expect(refused.code).toBe(3);
      expect(refused.err).toMatch(/comes from a training package whose training settings differ from those of People at scale now/);
    },
    600_000,
  );
});
