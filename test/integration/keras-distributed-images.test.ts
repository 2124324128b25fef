import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { main } from '../../src/main/cli/main';
import { loadImagesDataset } from '../../src/main/data/load-images';
import { splitRows } from '../../src/shared/data/split';
import { itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';
import { digitsSpec, imageProject, rawDigitRows } from '../tools/image-project';

/**
 * Issue 18 for image datasets: the training package streams the images (the .npy file memory-mapped,
 * tf.data carrying row indices, each batch's pixels gathered and scaled with the project's pixel
 * scaling) instead of loading them; the streamed batches are the app's preprocessed rows, and the
 * package trains to completion with the default strategy. The CSV path: keras-distributed.test.ts.
 */

const work = mkdtempSync(path.join(tmpdir(), 'neurite-scale-images-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function neurite(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const python = findKerasPython();
const pyEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: 'tensorflow', CUDA_VISIBLE_DEVICES: '' };
const jsonLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

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
});
