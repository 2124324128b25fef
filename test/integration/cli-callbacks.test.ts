import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { builtCli, ROOT } from '../tools/cli';
import { initialReduceLrState, reduceLrStep, REDUCE_LR_DEFAULTS } from '../../src/shared/training/reduce-lr-on-plateau';

/**
 * `neurite train` with the issue 15 callbacks (--reduce-lr-on-plateau, --lr-schedule,
 * --warmup-steps, --keep-best) and the early-stopping findings of trial 7 (2–5). Needs `npm run build`.
 */
const { neurite, work } = builtCli('cli-callbacks');
const P = path.join(ROOT, 'resources/templates/playground-circles.neurite');
const NO_VALIDATION = path.join(ROOT, 'resources/templates/keras-tutorial-classifier.neurite');

interface Report {
  ok: boolean;
  error?: string;
  reason: string;
  history: { epoch: number; logs: Record<string, number> }[];
  earlyStopping?: Record<string, unknown>;
  keepBest?: { monitor: string; bestEpoch: number; best: number; restored: boolean };
  reduceLrOnPlateau?: { monitor: string; reductions: { epoch: number; lr: number }[]; finalLr: number };
  keptEpoch?: number;
  problems?: { field: string; message: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('trial 7 early-stopping findings', () => {
  it('(2) --early-stopping-mode and --restore-best-weights without --early-stopping exit 2 saying they only apply with it', () => {
    for (const flags of [['--early-stopping-mode', 'max'], ['--restore-best-weights']]) {
      const run = neurite('train', P, '--epochs', '2', ...flags);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toContain(`${flags[0]} only applies with --early-stopping`);
    }
    const warmup = neurite('train', P, '--epochs', '2', '--warmup-steps', '10');
    expect(warmup.code).toBe(2);
    expect(warmup.stderr).toContain('--warmup-steps only applies with --lr-schedule');
  });

  it('(3) a monitor copied from the --json history (val_acc) is taken as Keras\' val_accuracy', () => {
    const run = neurite('train', P, '--epochs', '3', '--early-stopping', 'val_acc:3', '--json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(json(run.stdout).earlyStopping).toMatchObject({ monitor: 'val_accuracy' });
  });

  it('(4) a monitor the run does not log exits 2 (a bad value), with the field, the logs there are and the value', () => {
    const text = neurite('train', P, '--epochs', '2', '--early-stopping', 'mse:2');
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/Early stopping: monitor must name a log this run records \(loss, accuracy, val_loss, val_accuracy\); it is "mse"/);
    const noValidation = neurite('train', NO_VALIDATION, '--epochs', '2', '--keep-best', 'val_loss', '--json');
    expect(noValidation.code).toBe(2);
    expect(json(noValidation.stdout)).toMatchObject({ ok: false, error: 'invalid-setting' });
    expect(json(noValidation.stdout).problems![0].field).toBe('keepBest.monitor');
  });

  it('(5) an early-stopped run with restored weights says the summary lines are the last epoch\'s and which epoch the model holds', () => {
    const args = ['train', P, '--epochs', '30', '--early-stopping', 'val_loss:0:10', '--restore-best-weights'];
    const report = json(neurite(...args, '--json').stdout);
    expect(report.reason).toBe('completed');
    expect(report.earlyStopping).toMatchObject({ stoppedEpoch: 1, bestEpoch: 0 });
    expect(report.keptEpoch).toBe(0);
    const text = neurite(...args).stdout;
    expect(text).toMatch(/^Trained in \S+ s - last epoch \(2 of 30\): loss: /m);
    expect(text).toMatch(/^Kept weights \(epoch 1\) - loss: /m);
    expect(text).toMatch(/^Outcome: .*\(judged on the run's history; the model holds the weights of epoch 1\)$/m);
  });
});

describe('neurite train with the callbacks', () => {
  it('--reduce-lr-on-plateau lowers the rate as Keras\' rule says, logs learning_rate per epoch and says so', () => {
    // Patience 0 on val_accuracy (mode auto: max): the rate halves after every epoch whose accuracy does not rise by 1e-4.
    const run = neurite('train', P, '--epochs', '8', '--reduce-lr-on-plateau', 'val_accuracy:0.5:0', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = json(run.stdout);
    // Replaying Keras' rule (checked against Keras itself in keras-callbacks.test.ts) on the printed history gives the printed rates.
    const settings = { ...REDUCE_LR_DEFAULTS, monitor: 'val_accuracy', factor: 0.5, patience: 0 };
    let state = initialReduceLrState();
    let lr = report.history[0].logs.learning_rate;
    const reductions: { epoch: number; lr: number }[] = [];
    for (const h of report.history) {
      expect(h.logs.learning_rate).toBe(lr);
      const step = reduceLrStep(state, h.logs, settings, lr);
      state = step.state;
      if (step.reduced) reductions.push({ epoch: h.epoch, lr: step.lr });
      lr = step.lr;
    }
    expect(report.reduceLrOnPlateau).toEqual({ monitor: 'val_accuracy', reductions, finalLr: lr });
    const text = neurite('train', P, '--epochs', '3', '--reduce-lr-on-plateau', 'val_loss');
    expect(text.stdout).toMatch(/^Reduce LR on plateau \(val_loss\): /m);
    expect(text.stdout).toMatch(/^Epoch 1\/3 - .* - learning_rate: /m);
  });

  it('--lr-schedule and --warmup-steps train, and --keep-best ends with the best epoch', () => {
    const run = neurite('train', P, '--epochs', '5', '--lr-schedule', 'cosine:40:0.1', '--warmup-steps', '5', '--keep-best', 'val_loss', '--save', 'cb.neurite', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = json(run.stdout);
    const losses = report.history.map((h) => h.logs.val_loss);
    const best = losses.indexOf(Math.min(...losses));
    expect(report.keepBest).toMatchObject({ monitor: 'val_loss', bestEpoch: best, restored: true });
    expect(report.keptEpoch).toBe(best);
    expect(report.history[0].logs.learning_rate).toBeUndefined();
    // --save keeps the callbacks as training settings, and the file reads back.
    const saved = JSON.parse(readFileSync(path.join(work, 'cb.neurite'), 'utf8')) as { training: Record<string, unknown> };
    expect(saved.training.lrSchedule).toEqual({ kind: 'cosine', decaySteps: 40, alpha: 0.1, warmupSteps: 5 });
    expect(saved.training.keepBest).toEqual({ monitor: 'val_loss', mode: 'auto' });
    expect(neurite('summary', 'cb.neurite').code).toBe(0);
  });

  it('refuses malformed specs and a schedule with reduce-on-plateau, exit 2', () => {
    for (const spec of ['step:2:1', 'step:0.5', 'exponential:0.9', 'cosine:0', 'linear:1', 'cosine:10:2']) {
      const run = neurite('train', P, '--lr-schedule', spec);
      expect(run.code, spec).toBe(2);
      expect(run.stderr, spec).toContain('Expected step:FACTOR:EVERY');
    }
    const both = neurite('train', P, '--epochs', '2', '--lr-schedule', 'cosine:100', '--reduce-lr-on-plateau', 'val_loss');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Learning-rate schedule cannot be used together with reduce learning rate on plateau');
    expect(neurite('train', P, '--reduce-lr-on-plateau', 'val_loss:1').code).toBe(2);
  });
});
