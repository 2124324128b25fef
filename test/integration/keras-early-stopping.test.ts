import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { earlyStoppingStep, initialEarlyStoppingState } from '../../src/shared/training/early-stopping';
import type { EarlyStoppingSettings } from '../../src/shared/project/schema';
import { createRandom } from '../../src/shared/data/random';
import { itWithPython } from '../tools/python';
import { findKerasPython } from '../tools/keras-python';

/**
 * Our early-stopping rule against Keras 3's own `keras.callbacks.EarlyStopping`: the same epoch
 * logs go to both, epoch by epoch until one stops; after each epoch both say whether training
 * stops, and at the end `stopped_epoch` and `best_epoch`.
 */

interface Case {
  settings: EarlyStoppingSettings;
  /** Monitored values per epoch; null = the logs lack the monitored name. */
  values: (number | null)[];
}
interface Result {
  stops: boolean[];
  stoppedEpoch: number;
  bestEpoch: number;
}

const PY = String.raw`
import json, sys, math, warnings
warnings.filterwarnings('ignore')
import numpy as np, keras
inp = keras.Input((1,))
model = keras.Model(inp, keras.layers.Dense(1, activation='sigmoid')(inp))
model.compile('sgd', 'binary_crossentropy', metrics=['accuracy', 'mae', 'mse'])
model.evaluate(np.zeros((2, 1)), np.zeros((2, 1)), verbose=0)  # builds the compiled metrics (mode 'auto' reads their direction)
out = []
for case in json.load(sys.stdin):
    s = case['settings']
    cb = keras.callbacks.EarlyStopping(monitor=s['monitor'], patience=s['patience'], min_delta=s['minDelta'], mode=s['mode'], restore_best_weights=s['restoreBestWeights'])
    cb.set_model(model)
    model.stop_training = False
    cb.on_train_begin()
    stops = []
    for epoch, v in enumerate(case['values']):
        logs = {'other': 1.0}
        if v is not None:
            logs[s['monitor']] = float('nan') if v == 'NaN' else float(v)
        cb.on_epoch_end(epoch, logs)
        stops.append(bool(model.stop_training))
        if model.stop_training:
            break
    out.append({'stops': stops, 'stoppedEpoch': int(cb.stopped_epoch), 'bestEpoch': int(cb.best_epoch)})
print(json.dumps(out))
`;

function ours(c: Case): Result {
  let state = initialEarlyStoppingState();
  const stops: boolean[] = [];
  for (let epoch = 0; epoch < c.values.length; epoch++) {
    const v = c.values[epoch];
    const logs: Record<string, number> = { other: 1 };
    if (v !== null) logs[c.settings.monitor] = v;
    const step = earlyStoppingStep(state, epoch, logs, c.settings);
    state = step.state;
    stops.push(step.stop);
    if (step.stop) break;
  }
  return { stops, stoppedEpoch: state.stoppedEpoch, bestEpoch: state.bestEpoch };
}

function cases(): Case[] {
  const es = (monitor: string, patience: number, minDelta = 0, mode: EarlyStoppingSettings['mode'] = 'auto', restoreBestWeights = false): EarlyStoppingSettings => ({ monitor, patience, minDelta, mode, restoreBestWeights });
  const list: Case[] = [
    { settings: es('val_loss', 0), values: [1, 1, 1] }, // a tie is no improvement
    { settings: es('val_loss', 0), values: [1, 0.9, 0.8, 0.85, 0.7] },
    { settings: es('val_loss', 2), values: [1, 1.1, 1.2, 0.5, 0.6, 0.7, 0.8] },
    { settings: es('loss', 1, 0.1), values: [1, 0.95, 0.85, 0.8, 0.79] }, // improvements smaller than min_delta
    { settings: es('loss', 1, 0.1), values: [1, 0.9, 0.8, 0.7] }, // exactly min_delta (float rounding decides, as in Keras)
    { settings: es('accuracy', 1), values: [0.5, 0.6, 0.6, 0.55, 0.7] }, // auto → max
    { settings: es('val_accuracy', 0, 0.01), values: [0.5, 0.505, 0.52] },
    { settings: es('val_mae', 1), values: [3, 2, 2.5, 2.6] }, // auto → min
    { settings: es('val_loss', 1, 0, 'max'), values: [1, 2, 1.5, 1.4] },
    { settings: es('val_accuracy', 1, 0, 'min'), values: [0.9, 0.8, 0.85, 0.86] },
    { settings: es('val_loss', 0), values: [null, null, 1, 1] }, // missing logs are skipped
    { settings: es('val_loss', 0), values: [1] },
    { settings: es('val_loss', 2, 0, 'auto', true), values: [Number.NaN, 1, 0.5, 0.4] }, // NaN first: nothing improves on it
    { settings: es('val_loss', 1, 0, 'auto', true), values: [1, Number.NaN, Number.NaN, 0.5] },
  ];
  const rng = createRandom(15);
  const monitors = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mse', 'val_mae'];
  const modes = ['auto', 'min', 'max'] as const;
  for (let i = 0; i < 150; i++) {
    const length = 1 + Math.floor(rng.next() * 20);
    let v = rng.next();
    const values: number[] = [];
    for (let e = 0; e < length; e++) {
      // Small steps on a coarse grid so ties and near-min_delta changes are common.
      v = Math.round((v + (rng.next() - 0.5) * 0.2) * 20) / 20;
      values.push(v);
    }
    const minDelta = [0, 0, 0.05, 0.1, 0.03][Math.floor(rng.next() * 5)];
    list.push({ settings: es(monitors[i % monitors.length], Math.floor(rng.next() * 4), minDelta, modes[Math.floor(rng.next() * 3)], rng.next() < 0.5), values });
  }
  return list;
}

describe('early stopping against Keras 3 keras.callbacks.EarlyStopping', () => {
  itWithPython(
    'stops after the same epoch and keeps the same best epoch for edge and random log sequences',
    findKerasPython(),
    (python) => {
      const all = cases();
      const input = JSON.stringify(all.map((c) => ({ settings: c.settings, values: c.values.map((v) => (v !== null && Number.isNaN(v) ? 'NaN' : v)) })));
      const run = spawnSync(python, ['-c', PY], { input, encoding: 'utf8', timeout: 240_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: process.env.KERAS_BACKEND ?? 'tensorflow' } });
      expect(run.status, run.stderr).toBe(0);
      const keras = JSON.parse(run.stdout.trim().split('\n').pop()!) as Result[];
      expect(keras).toHaveLength(all.length);
      all.forEach((c, i) => expect(ours(c), JSON.stringify(c)).toEqual(keras[i]));
      // The sequences exercise both outcomes.
      expect(keras.some((r) => r.stoppedEpoch > 0)).toBe(true);
      expect(keras.some((r) => r.stoppedEpoch === 0)).toBe(true);
    },
    300_000,
  );
});

describe('early stopping rule', () => {
  it('with patience 0 stops at the first epoch that does not improve, never at epoch 0', () => {
    expect(ours({ settings: { monitor: 'loss', patience: 0, minDelta: 0, mode: 'auto', restoreBestWeights: false }, values: [1, 0.5, 0.6] })).toEqual({ stops: [false, false, true], stoppedEpoch: 2, bestEpoch: 1 });
  });
});
