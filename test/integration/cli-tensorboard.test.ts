import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingHParams } from '../../src/main/engine/tensorboard/hparams';
import type { Project } from '../../src/shared/project/schema';
import { kerasLogName } from '../../src/shared/training/epoch-log';
import { findTensorBoardPython, itWithPython } from '../tools/python';

/**
 * `neurite train --tensorboard DIR` (issue 15): the built command line trains a project and the
 * event files it writes are read back by real TensorBoard (its EventMultiplexer, what
 * `tensorboard --logdir` loads), scalar by scalar against the run's --json history. Needs
 * `npx electron-vite build` first, and a Python with tensorboard (.ci/run's venv; CI=true fails without it).
 */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const TEMPLATES = path.resolve(__dirname, '../../resources/templates');
const READER = path.resolve(__dirname, '../tools/tensorboard_scalars.py');
const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'neurite-cli-tb-data-'));

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEURITE_DATA_DIR: DATA_DIR } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

type Scalars = Record<string, Record<string, [number, number][]>>;

describe('neurite train --tensorboard', () => {
  itWithPython(
    'writes event files TensorBoard reads back as the run history: every scalar at its epoch, float32-exact, and batch_loss per batch',
    findTensorBoardPython(),
    (python) => {
      const logdir = mkdtempSync(path.join(tmpdir(), 'neurite-tb-logs-'));
      const epochs = 4;
      const result = neurite('train', path.join(TEMPLATES, 'playground-circles.neurite'), '--epochs', String(epochs), '--tensorboard', logdir, '--json');
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as { history: { epoch: number; logs: Record<string, number> }[]; tensorboard: string };
      expect(report.history).toHaveLength(epochs);
      const runName = path.basename(report.tensorboard);
      expect(runName).toMatch(/^playground-circles-\d{8}-\d{6}$/);
      expect(path.dirname(report.tensorboard)).toBe(logdir);

      const read = spawnSync(python, [READER, logdir], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
      expect(read.status, read.stderr).toBe(0);
      const { scalars, hparams } = JSON.parse(read.stdout.trim().split('\n').pop()!) as { scalars: Scalars; hparams: Record<string, { hparams: Record<string, unknown>; status: string }> };
      expect(Object.keys(scalars).sort()).toEqual([`${runName}/train`, `${runName}/validation`]);

      // What the history says, in Keras' layout: train/epoch_<name>, validation/epoch_<name> for val_<name>.
      const expected: Scalars = { [`${runName}/train`]: {}, [`${runName}/validation`]: {} };
      for (const { epoch, logs } of report.history) {
        for (const [key, value] of Object.entries(logs)) {
          const name = kerasLogName(key);
          const run = name.startsWith('val_') ? `${runName}/validation` : `${runName}/train`;
          const tag = `epoch_${name.replace(/^val_/, '')}`;
          (expected[run][tag] ??= []).push([epoch, Math.fround(value)]);
        }
      }
      expect(Object.keys(expected[`${runName}/train`]).sort()).toEqual(['epoch_accuracy', 'epoch_loss']);
      expect(Object.keys(expected[`${runName}/validation`]).sort()).toEqual(['epoch_accuracy', 'epoch_loss']);
      const { batch_loss: batchLoss, ...trainEpochs } = scalars[`${runName}/train`];
      expect(trainEpochs).toEqual(expected[`${runName}/train`]);
      expect(scalars[`${runName}/validation`]).toEqual(expected[`${runName}/validation`]);

      // One batch_loss per training batch, at the global batch number 0, 1, 2, ...
      expect(batchLoss.length % epochs).toBe(0);
      expect(batchLoss.length).toBeGreaterThan(epochs);
      expect(batchLoss.map(([step]) => step)).toEqual(batchLoss.map((_, i) => i));
      for (const [, loss] of batchLoss) expect(Number.isFinite(loss) && loss > 0).toBe(true);

      // The HParams dashboard's session: the project's settings under Keras' names, and how the run ended.
      const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'playground-circles.neurite'), 'utf8')) as Project;
      expect(hparams).toEqual({
        [runName]: {
          hparams: { ...trainingHParams({ ...project.training, epochs }) },
          status: 'STATUS_SUCCESS',
        },
      });
      expect(hparams[runName].hparams).toMatchObject({ optimizer: 'Adam', learning_rate: project.training.optimizer.learningRate, batch_size: project.training.batchSize, epochs, loss: 'categorical_crossentropy' });
    },
    240_000,
  );

  it('says in text where the logs are and how to open them', () => {
    const logdir = mkdtempSync(path.join(tmpdir(), 'neurite-tb-logs-'));
    const result = neurite('train', path.join(TEMPLATES, 'playground-circles.neurite'), '--epochs', '1', '--tensorboard', logdir);
    expect(result.code, result.stderr).toBe(0);
    const [runName] = readdirSync(logdir);
    expect(readdirSync(path.join(logdir, runName)).filter((f) => !f.startsWith('events.out.tfevents.')).sort()).toEqual(['train', 'validation']);
    expect(result.stdout).toContain(`TensorBoard logs: ${path.join(logdir, runName)} (open them with: tensorboard --logdir ${JSON.stringify(logdir)})`);
  });

  it('refuses a log directory it cannot create, naming it and what to do', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-tb-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const result = neurite('train', path.join(TEMPLATES, 'playground-circles.neurite'), '--epochs', '1', '--tensorboard', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`neurite: cannot write TensorBoard logs under ${file}:`);
    expect(result.stderr).toContain('Choose a directory you can write to with --tensorboard DIR.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
