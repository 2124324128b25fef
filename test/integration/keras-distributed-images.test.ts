import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { loadImagesDataset } from '../../src/main/data/load-images';
import { splitRows } from '../../src/shared/data/split';
import { itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';
import { freePort, jsonLines, neurite, pyEnv, worker } from '../tools/tf-workers';
import { digitsSpec, imageProject, rawDigitRows } from '../tools/image-project';

/**
 * Issue 18 for image datasets: the training package streams the images (the .npy file memory-mapped,
 * tf.data carrying row indices, each batch's pixels gathered and scaled with the project's pixel
 * scaling) instead of loading them; the streamed batches are the app's preprocessed rows, and the
 * package trains to completion with the default strategy. The CSV path: keras-distributed.test.ts.
 */

const work = mkdtempSync(path.join(tmpdir(), 'neurite-scale-images-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const python = findKerasPython();

describe('issue 18: the training package streams image data', () => {
  // z-score scaling: per-pixel numbers (the "unit" scaling is one number for every pixel, a weaker check).
  const project = imageProject(digitsSpec('zscore', 300));
  const projectFile = path.join(work, 'digits.neurite');
  writeFileSync(projectFile, JSON.stringify(project));
  const pkg = path.join(work, 'package');

  itWithPython(
    "streams the memory-mapped images through tf.data as the app's preprocessed rows, and trains with the default strategy",
    python,
    async (py) => {
      const exported = await neurite('export', projectFile, '--format', 'keras-distributed', '--out', pkg);
      expect(exported.code, exported.err + exported.out).toBe(0);
      expect(readdirSync(pkg).sort()).toEqual(['README.md', 'digits-cnn.images.npy', 'digits-cnn.labels.npy', 'train.py']);
      expect(readFileSync(path.join(pkg, 'README.md'), 'utf8')).toMatch(/memory-mapped/);

      const run = spawnSync(py, ['train.py', '--features', '1000'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 240_000 });
      expect(run.status, run.stderr.slice(-3000)).toBe(0);
      const got = jsonLines(run.stdout).find((r) => r.event === 'features') as { rows: number; memoryMapped: boolean; x: number[][]; y: number[][]; split: Record<string, number> };
      expect(got.memoryMapped).toBe(true);
      // The app: the same images through the project's pipeline, held out by splitRows.
      const data = loadImagesDataset(project.dataset as never);
      const split = splitRows(data, project.training);
      expect(got.rows).toBe(data.rows);
      expect(got.split).toEqual({ train: split.train.length, validation: split.validation.length, test: split.test.length });
      const width = data.numFeatures;
      for (let r = 0; r < data.rows; r++) {
        for (let f = 0; f < width; f++) expect(got.x[r][f], `row ${r} pixel ${f}`).toBeCloseTo(data.x[r * width + f], 6);
        expect(got.y[r], `row ${r} label`).toEqual([data.y[r]]);
      }

      // Another folder without the images: named, with what to do.
      const empty = mkdtempSync(path.join(work, 'empty-'));
      const missing = spawnSync(py, ['train.py', '--data', empty, '--features', '5'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 240_000 });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr.trim().split('\n').pop()).toBe(`${path.join(empty, 'digits-cnn.images.npy')} is missing: export the code from Neurite again (it writes the images beside the script), or give the folder holding it with --data FOLDER`);

      // One short run with the default strategy, to the end: the log, the TF.js model, the predicted rows.
      const train = spawnSync(py, ['train.py', '--epochs', '2', '--batch-size', '64', '--predict-rows', '5'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 400_000 });
      expect(train.status, train.stderr.slice(-3000)).toBe(0);
      const log = jsonLines(readFileSync(path.join(pkg, 'result', 'training-log.jsonl'), 'utf8'));
      const start = log.find((r) => r.event === 'start') as { strategy: string; replicas: number; rows: Record<string, number> };
      expect(start).toMatchObject({ strategy: 'default', replicas: 1, rows: got.split });
      const epochs = log.filter((r) => r.event === 'epoch') as { epoch: number; logs: Record<string, number> }[];
      expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
      for (const e of epochs) {
        expect(Object.keys(e.logs).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
        // A share of the real rows: the last batch's padding counts for nothing.
        expect(e.logs.accuracy * split.train.length).toBeCloseTo(Math.round(e.logs.accuracy * split.train.length), 6);
        expect(e.logs.val_accuracy * split.validation.length).toBeCloseTo(Math.round(e.logs.val_accuracy * split.validation.length), 6);
      }
      expect(log.find((r) => r.event === 'done')).toMatchObject({ status: 'completed', epochs: 2 });

      // --predict-rows gives the raw pixels as the .npy holds them, the streamed features, and the trained model's outputs,
      // which Neurite reproduces from the written TF.js model (1e-5).
      const predictions = JSON.parse(readFileSync(path.join(pkg, 'result', 'predictions.json'), 'utf8')) as { raw: number[][]; features: number[][]; outputs: number[][] };
      expect(predictions.raw).toEqual(rawDigitRows(5));
      expect(predictions.features).toEqual(got.x.slice(0, 5));
      const imported = path.join(work, 'imported.neurite');
      const imp = await neurite('import', path.join(pkg, 'result', 'model.json'), '--out', imported);
      expect(imp.code, imp.out + imp.err).toBe(0);
      const predicted = await neurite('predict', imported, '--json', ...predictions.features.flatMap((row) => ['--input', row.join(',')]));
      expect(predicted.code, predicted.err + predicted.out).toBe(0);
      const outputs = (JSON.parse(predicted.out) as { outputs: number[][] }).outputs;
      expect(outputs).toHaveLength(5);
      outputs.forEach((row, r) => row.forEach((v, k) => expect(Math.abs(v - predictions.outputs[r][k]), `row ${r} output ${k}`).toBeLessThan(1e-5)));
    },
    600_000,
  );

  itWithPython(
    'trains with MultiWorkerMirroredStrategy on two loopback workers, each reading its share of the same global batches: the epochs equal one machine\'s',
    python,
    async (py) => {
      if (!existsSync(path.join(pkg, 'train.py'))) expect((await neurite('export', projectFile, '--format', 'keras-distributed', '--out', pkg)).code).toBe(0);
      // A global batch of 36 rows (18 per worker): 240 training rows make 6 full batches and one of 24, so in the last
      // step worker 1 reads 6 rows and 12 padding rows; the 60 validation rows end on 24 too.
      const common = ['--epochs', '2', '--batch-size', '36', '--fresh'];
      const one = spawnSync(py, ['train.py', ...common, '--out', 'result-one', '--checkpoint-dir', 'checkpoints-one'], { cwd: pkg, encoding: 'utf8', env: pyEnv, timeout: 400_000 });
      expect(one.status, one.stderr.slice(-3000)).toBe(0);
      const ports = [await freePort(), await freePort()];
      const cluster = { worker: ports.map((p) => `127.0.0.1:${p}`) };
      const args = ['--strategy', 'multi-worker', ...common, '--out', 'result-two', '--checkpoint-dir', 'checkpoints-two'];
      const [chief, other] = await Promise.all([0, 1].map((index) => worker(py, pkg, { cluster, task: { type: 'worker', index } }, args)));
      expect(chief.code, chief.stderr.slice(-3000)).toBe(0);
      expect(other.code, other.stderr.slice(-3000)).toBe(0);
      const log = jsonLines(readFileSync(path.join(pkg, 'result-two', 'training-log.jsonl'), 'utf8'));
      expect(log.find((r) => r.event === 'start')).toMatchObject({ workers: 2, replicas: 2, globalBatchSize: 36, rows: { train: 240, validation: 60, test: 0 } });
      const done = log.find((r) => r.event === 'done') as { status: string; weightsSha256: string };
      expect(done.status).toBe('completed');
      expect((jsonLines(other.stdout).find((r) => r.event === 'done') as { weightsSha256: string }).weightsSha256).toBe(done.weightsSha256);
      // The same seed, the same global batches, each row in exactly one worker's share: the same epochs as one machine
      // (the replicas' sums are added in another order: equal to float32 rounding).
      const epochs = (file: string) => jsonLines(readFileSync(path.join(pkg, file, 'training-log.jsonl'), 'utf8')).filter((r) => r.event === 'epoch') as { logs: Record<string, number> }[];
      const single = epochs('result-one');
      const cluster2 = epochs('result-two');
      expect(cluster2).toHaveLength(2);
      cluster2.forEach((e, i) => {
        for (const [name, value] of Object.entries(single[i].logs)) expect(Math.abs(e.logs[name] - value), `epoch ${i} ${name}`).toBeLessThan(1e-4);
      });
    },
    600_000,
  );
});
