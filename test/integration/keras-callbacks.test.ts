import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { KeepBestSettings, LrScheduleSettings, ReduceLrOnPlateauSettings } from '../../src/shared/project/schema';
import { initialReduceLrState, reduceLrStep, LEARNING_RATE_LOG } from '../../src/shared/training/reduce-lr-on-plateau';
import { learningRateAt } from '../../src/shared/training/lr-schedule';
import { initialKeepBestState, keepBestStep } from '../../src/shared/training/keep-best';
import { kerasLrScheduleCode } from '../../src/shared/codegen/callbacks';
import { createRandom } from '../../src/shared/data/random';
import { itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';

/**
 * The issue 15 callbacks against Keras 3 itself, fed the same inputs:
 * - reduce-on-plateau: the same epoch logs go to `keras.callbacks.ReduceLROnPlateau` (on a model
 *   whose optimizer starts at the case's rate) and to `reduceLrStep`; after each epoch both give
 *   the logged `learning_rate` and the optimizer's rate;
 * - schedules: the rate per step from `keras.optimizers.schedules.ExponentialDecay`/`CosineDecay`
 *   (through the exported script's own `learning_rate_schedule`, which is Keras' classes plus the
 *   `LinearWarmup` wrapper) and from `learningRateAt`;
 * - keep best: `ModelCheckpoint(save_best_only=True)`'s save decision per epoch and `keepBestStep`'s.
 */

type Value = number | null;
interface PlateauCase {
  settings: ReduceLrOnPlateauSettings;
  lr: number;
  values: Value[];
}
interface ScheduleCase {
  schedule: LrScheduleSettings;
  lr: number;
  stepsPerEpoch: number;
  steps: number[];
}
interface KeepCase {
  settings: KeepBestSettings;
  values: Value[];
}

const PY = String.raw`
import json, sys, warnings
warnings.filterwarnings('ignore')
import numpy as np, keras
inp = keras.Input((1,))
model = keras.Model(inp, keras.layers.Dense(1, activation='sigmoid')(inp))
model.compile(keras.optimizers.SGD(learning_rate=0.1), 'binary_crossentropy', metrics=['accuracy', 'mae', 'mse'])
model.evaluate(np.zeros((2, 1)), np.zeros((2, 1)), verbose=0)  # builds the compiled metrics (mode 'auto' reads their direction)
cases = json.load(sys.stdin)
val = lambda v: float('nan') if v == 'NaN' else float(v)
plateau = []
for case in cases['plateau']:
    s = case['settings']
    model.optimizer.learning_rate = case['lr']
    cb = keras.callbacks.ReduceLROnPlateau(monitor=s['monitor'], factor=s['factor'], patience=s['patience'], mode=s['mode'], min_delta=s['minDelta'], cooldown=s['cooldown'], min_lr=s['minLr'])
    cb.set_model(model)
    cb.on_train_begin()
    logged, after = [], []
    for epoch, v in enumerate(case['values']):
        logs = {'other': 1.0}
        if v is not None:
            logs[s['monitor']] = val(v)
        cb.on_epoch_end(epoch, logs)
        logged.append(logs['learning_rate'])
        after.append(float(keras.ops.convert_to_numpy(model.optimizer.learning_rate)))
    plateau.append({'logged': logged, 'after': after})
schedules = []
for case in cases['schedules']:
    scope = {}
    exec(case['code'], scope)
    schedule = scope['learning_rate_schedule'](case['stepsPerEpoch'])
    schedules.append([float(keras.ops.convert_to_numpy(schedule(step))) for step in case['steps']])
keep = []
for case in cases['keep']:
    s = case['settings']
    cb = keras.callbacks.ModelCheckpoint('unused.weights.h5', monitor=s['monitor'], mode=s['mode'], save_best_only=True, save_weights_only=True)
    cb.set_model(model)
    cb.on_train_begin()
    if cb.monitor_op is None:
        cb._set_monitor_op()
    saves = []
    for epoch, v in enumerate(case['values']):
        logs = {'other': 1.0}
        if v is not None:
            logs[s['monitor']] = val(v)
        saves.append(bool(cb._should_save_model(epoch, None, logs, 'unused.weights.h5')))
    keep.append(saves)
print(json.dumps({'plateau': plateau, 'schedules': schedules, 'keep': keep}))
`;

function logsOf(monitor: string, v: Value): Record<string, number> {
  return v === null ? { other: 1 } : { other: 1, [monitor]: v };
}

function oursPlateau(c: PlateauCase): { logged: number[]; after: number[] } {
  let state = initialReduceLrState();
  let lr = Math.fround(c.lr);
  const logged: number[] = [];
  const after: number[] = [];
  for (const v of c.values) {
    logged.push(lr);
    const step = reduceLrStep(state, logsOf(c.settings.monitor, v), c.settings, lr);
    state = step.state;
    lr = step.lr;
    after.push(lr);
  }
  return { logged, after };
}

function oursKeep(c: KeepCase): boolean[] {
  let state = initialKeepBestState();
  return c.values.map((v, epoch) => {
    const step = keepBestStep(state, epoch, logsOf(c.settings.monitor, v), c.settings);
    state = step.state;
    return step.save;
  });
}

/** Random walks on a coarse grid, so ties and changes near min_delta are common. */
function walk(rng: ReturnType<typeof createRandom>, length: number): number[] {
  let v = rng.next();
  const values: number[] = [];
  for (let e = 0; e < length; e++) {
    v = Math.round((v + (rng.next() - 0.5) * 0.2) * 20) / 20;
    values.push(v);
  }
  return values;
}

function plateauCases(): PlateauCase[] {
  const r = (monitor: string, over: Partial<ReduceLrOnPlateauSettings> = {}): ReduceLrOnPlateauSettings => ({ monitor, factor: 0.1, patience: 10, mode: 'auto', minDelta: 1e-4, cooldown: 0, minLr: 0, ...over });
  const list: PlateauCase[] = [
    { settings: r('val_loss', { patience: 0 }), lr: 0.1, values: [1, 1, 1, 1] },
    { settings: r('val_loss', { patience: 1, cooldown: 2 }), lr: 0.01, values: [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7] },
    { settings: r('val_loss', { patience: 1, factor: 0.5, minLr: 0.02 }), lr: 0.1, values: [1, 1, 1, 1, 1, 1] }, // floors at min_lr
    { settings: r('accuracy', { patience: 2 }), lr: 0.001, values: [0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7] }, // auto → max
    { settings: r('val_mae', { patience: 1, minDelta: 0.1 }), lr: 0.3, values: [3, 2.95, 2.5, 2.45, 2.44] },
    { settings: r('val_loss', { patience: 0 }), lr: 0.1, values: [null, 1, null, 1] }, // missing logs change nothing
    { settings: r('val_loss', { patience: 0 }), lr: 0.1, values: [Number.NaN, 1, 0.5] },
    { settings: r('val_loss', { patience: 1, mode: 'max', cooldown: 1 }), lr: 0.05, values: [1, 0.9, 0.8, 0.7, 0.6, 0.5] },
  ];
  const rng = createRandom(151);
  const monitors = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mse', 'val_mae'];
  const modes = ['auto', 'min', 'max'] as const;
  for (let i = 0; i < 120; i++) {
    const settings = r(monitors[i % monitors.length], {
      factor: [0.1, 0.5, 0.2, 0.9][Math.floor(rng.next() * 4)],
      patience: Math.floor(rng.next() * 4),
      mode: modes[Math.floor(rng.next() * 3)],
      minDelta: [0, 1e-4, 0.05, 0.1][Math.floor(rng.next() * 4)],
      cooldown: Math.floor(rng.next() * 3),
      minLr: [0, 0, 1e-4, 0.003][Math.floor(rng.next() * 4)],
    });
    list.push({ settings, lr: [0.1, 0.01, 0.001, 0.03][Math.floor(rng.next() * 4)], values: walk(rng, 1 + Math.floor(rng.next() * 25)) });
  }
  return list;
}

function scheduleCases(): ScheduleCase[] {
  const steps = [0, 1, 2, 3, 5, 7, 9, 10, 11, 19, 20, 21, 29, 30, 31, 49, 50, 99, 100, 101, 250, 1000, 5000];
  const list: { schedule: LrScheduleSettings; lr: number; stepsPerEpoch: number }[] = [
    { schedule: { kind: 'exponential', decaySteps: 10, decayRate: 0.9, staircase: false, warmupSteps: 0 }, lr: 0.01, stepsPerEpoch: 7 },
    { schedule: { kind: 'exponential', decaySteps: 10, decayRate: 0.5, staircase: true, warmupSteps: 0 }, lr: 0.1, stepsPerEpoch: 7 },
    { schedule: { kind: 'exponential', decaySteps: 1000, decayRate: 0.96, staircase: false, warmupSteps: 20 }, lr: 0.001, stepsPerEpoch: 7 },
    { schedule: { kind: 'exponential', decaySteps: 7, decayRate: 0.3, staircase: true, warmupSteps: 5 }, lr: 0.3, stepsPerEpoch: 7 },
    { schedule: { kind: 'step', factor: 0.5, everyEpochs: 2, warmupSteps: 0 }, lr: 0.1, stepsPerEpoch: 5 },
    { schedule: { kind: 'step', factor: 0.1, everyEpochs: 1, warmupSteps: 3 }, lr: 0.05, stepsPerEpoch: 10 },
    { schedule: { kind: 'cosine', decaySteps: 100, alpha: 0, warmupSteps: 0 }, lr: 0.001, stepsPerEpoch: 7 },
    { schedule: { kind: 'cosine', decaySteps: 30, alpha: 0.2, warmupSteps: 0 }, lr: 0.1, stepsPerEpoch: 7 },
    { schedule: { kind: 'cosine', decaySteps: 50, alpha: 0.1, warmupSteps: 10 }, lr: 0.01, stepsPerEpoch: 7 },
    { schedule: { kind: 'cosine', decaySteps: 1, alpha: 0.5, warmupSteps: 1 }, lr: 2, stepsPerEpoch: 7 },
  ];
  return list.map((c) => ({ ...c, steps }));
}

function keepCases(): KeepCase[] {
  const k = (monitor: string, mode: KeepBestSettings['mode'] = 'auto'): KeepBestSettings => ({ monitor, mode });
  const list: KeepCase[] = [
    { settings: k('val_loss'), values: [1, 1, 0.9, 0.9, 1.2, 0.5] },
    { settings: k('val_accuracy'), values: [0.5, 0.6, 0.6, 0.55, 0.7] },
    { settings: k('loss', 'max'), values: [1, 2, 1.5, 3] },
    { settings: k('val_loss'), values: [null, 1, null, 0.5] },
    { settings: k('val_loss'), values: [Number.NaN, 1, 0.5] },
  ];
  const rng = createRandom(152);
  const monitors = ['loss', 'val_loss', 'accuracy', 'val_mae'];
  const modes = ['auto', 'min', 'max'] as const;
  for (let i = 0; i < 40; i++) list.push({ settings: k(monitors[i % monitors.length], modes[Math.floor(rng.next() * 3)]), values: walk(rng, 1 + Math.floor(rng.next() * 15)) });
  return list;
}

const wire = (values: Value[]) => values.map((v) => (v !== null && Number.isNaN(v) ? 'NaN' : v));

describe('issue 15 callbacks against Keras 3', () => {
  itWithPython(
    'reduce-on-plateau rates, schedule rates per step and keep-best saves match Keras for edge and random cases',
    findKerasPython(),
    (python) => {
      const plateau = plateauCases();
      const schedules = scheduleCases();
      const keep = keepCases();
      const input = JSON.stringify({
        plateau: plateau.map((c) => ({ ...c, values: wire(c.values) })),
        schedules: schedules.map((c) => ({ code: kerasLrScheduleCode(c.schedule, c.lr), stepsPerEpoch: c.stepsPerEpoch, steps: c.steps })),
        keep: keep.map((c) => ({ ...c, values: wire(c.values) })),
      });
      const run = spawnSync(python, ['-c', PY], { input, encoding: 'utf8', timeout: 240_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: process.env.KERAS_BACKEND ?? 'tensorflow' } });
      expect(run.status, run.stderr).toBe(0);
      const keras = JSON.parse(run.stdout.trim().split('\n').pop()!) as { plateau: { logged: number[]; after: number[] }[]; schedules: number[][]; keep: boolean[][] };

      plateau.forEach((c, i) => expect(oursPlateau(c), JSON.stringify(c)).toEqual(keras.plateau[i]));
      // The cases exercise reductions, the min_lr floor and no reduction at all.
      expect(keras.plateau.some((p) => p.after[p.after.length - 1] < p.logged[0])).toBe(true);
      expect(keras.plateau.some((p) => p.after[p.after.length - 1] === p.logged[0])).toBe(true);

      schedules.forEach((c, i) =>
        c.steps.forEach((step, j) => {
          const k = keras.schedules[i][j];
          const ours = learningRateAt(c.schedule, c.lr, step, c.stepsPerEpoch);
          expect(Math.abs(ours - k), `${JSON.stringify(c.schedule)} lr ${c.lr} step ${step}: ours ${ours}, Keras ${k}`).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(k), 1e-12) + 1e-12);
        }),
      );

      keep.forEach((c, i) => expect(oursKeep(c), JSON.stringify(c)).toEqual(keras.keep[i]));
    },
    300_000,
  );
});

describe('reduce-on-plateau rule', () => {
  it('logs the rate each epoch trained with under Keras\' name', () => {
    expect(LEARNING_RATE_LOG).toBe('learning_rate');
    const c: PlateauCase = { settings: { monitor: 'loss', factor: 0.5, patience: 0, mode: 'auto', minDelta: 0, cooldown: 0, minLr: 0 }, lr: 0.5, values: [1, 1, 0.5, 0.5] };
    expect(oursPlateau(c)).toEqual({ logged: [0.5, 0.5, 0.25, 0.25], after: [0.5, 0.25, 0.25, 0.125] });
  });
});
