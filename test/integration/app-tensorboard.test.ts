import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/shared/api/contract';
import type { Project } from '../../src/shared/project/schema';
import { kerasLogName } from '../../src/shared/training/epoch-log';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';
import { createServices } from '../../src/main/services';
import { findTensorBoardPython, itWithPython } from '../tools/python';

/**
 * Issue 15, done-when: "the TensorBoard test reads back the scalars written for a run and matches
 * the app's history". The app's path: `train.start` with `tensorboard: true` through main's
 * services and the real trainer process (built out/main/trainer.js; `npm run build` first); the
 * history is what the app receives (the progress events' epochs), the event files are read back by
 * real TensorBoard (CI=true fails without a Python that has it).
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');
const ROOT = path.resolve(__dirname, '../..');
const READER = path.resolve(__dirname, '../tools/tensorboard_scalars.py');
const hosts: TrainerHost[] = [];
afterAll(() => hosts.forEach((h) => h.dispose()));

async function trainInApp(tensorboardDir: string, epochs: number) {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  const events: TrainEvent[] = [];
  let finished: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finished = resolve));
  const trainer = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
    events.push(event);
    if (event.type === 'done' || event.type === 'failed') finished();
  });
  hosts.push(trainer);
  const services = createServices({ host: 'web', appVersion: 'test', resourcesDir: path.join(ROOT, 'resources'), trainer, tensorboardDir });
  const template = JSON.parse(readFileSync(path.join(ROOT, 'resources/templates/playground-circles.neurite'), 'utf8')) as Project;
  const project = { ...template, name: 'circles app', formatVersion: 6 as const, training: { ...template.training, epochs } };
  await services['train.start']({ project, tensorboard: true });
  await ended;
  const started = events.find((e) => e.type === 'started');
  const done = events.find((e) => e.type === 'done');
  const history = events.flatMap((e) => (e.type === 'progress' ? e.epochs : []));
  return { started: started?.type === 'started' ? started : null, done: done?.type === 'done' ? done : null, history };
}

describe('TensorBoard logs of an app run (issue 15)', () => {
  itWithPython(
    'writes every epoch the app shows into event files TensorBoard reads back, float32-exact',
    findTensorBoardPython(),
    async (python) => {
      const logDir = mkdtempSync(path.join(tmpdir(), 'neurite-app-tb-'));
      const epochs = 3;
      const { started, done, history } = await trainInApp(logDir, epochs);
      expect(done?.reason).toBe('completed');
      expect(done?.tensorboardError).toBeUndefined();
      expect(started?.tensorboard?.logDir).toBe(logDir);
      const runDir = started!.tensorboard!.runDir;
      expect(path.dirname(runDir)).toBe(logDir);
      expect(path.basename(runDir)).toMatch(/^circles_app-\d{8}-\d{6}$/);
      expect(history.map((h) => h.epoch)).toEqual([0, 1, 2]);

      const read = spawnSync(python, [READER, logDir], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
      expect(read.status, read.stderr).toBe(0);
      const { scalars, hparams } = JSON.parse(read.stdout.trim().split('\n').pop()!) as {
        scalars: Record<string, Record<string, [number, number][]>>;
        hparams: Record<string, { status: string }>;
      };
      const name = path.basename(runDir);
      const expected: Record<string, Record<string, [number, number][]>> = { [`${name}/train`]: {}, [`${name}/validation`]: {} };
      for (const { epoch, logs } of history) {
        for (const [key, value] of Object.entries(logs)) {
          const log = kerasLogName(key);
          const run = log.startsWith('val_') ? `${name}/validation` : `${name}/train`;
          (expected[run][`epoch_${log.replace(/^val_/, '')}`] ??= []).push([epoch, Math.fround(value)]);
        }
      }
      const { batch_loss: batchLoss, ...trainEpochs } = scalars[`${name}/train`];
      expect(trainEpochs).toEqual(expected[`${name}/train`]);
      expect(scalars[`${name}/validation`]).toEqual(expected[`${name}/validation`]);
      expect(batchLoss.length).toBe(epochs * started!.batchesPerEpoch);
      expect(hparams[name].status).toBe('STATUS_SUCCESS');
    },
    240_000,
  );

  it('a log folder that cannot be written does not fail the run: it trains, and the done event says why the logs are missing', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-app-tb-')), 'a-file');
    writeFileSync(file, 'x');
    const { done, history } = await trainInApp(file, 2);
    expect(done?.reason).toBe('completed');
    expect(history).toHaveLength(2);
    expect(done?.tensorboardError).toMatch(/could not be written \(.*\); they stop at that point\. Training went on\./);
  }, 120_000);
});
