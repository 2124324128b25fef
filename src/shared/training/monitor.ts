import { kerasLogName } from './epoch-log';

/**
 * What Keras 3's callbacks that watch a log share (keras 3.15, keras/src/callbacks/monitor_callback.py
 * `MonitorCallback`): the direction `mode` resolves to, the improvement test, and reading the
 * monitored value from an epoch's logs. Early stopping, reduce-on-plateau and keep-best all use
 * these, as Keras' `EarlyStopping`, `ReduceLROnPlateau` and `ModelCheckpoint` share their base class.
 */

/** Keras callbacks' `mode`: `auto` infers the direction from the monitored name. */
export type MonitorMode = 'auto' | 'min' | 'max';
export const MONITOR_MODES: readonly MonitorMode[] = ['auto', 'min', 'max'];

/** Metrics (by Keras name, without `val_`) whose Keras `_direction` is "up"; the rest go down. */
const MAXIMISED = new Set(['accuracy']);

/**
 * The direction `mode` resolves to for a monitored name (Keras `_set_monitor_op`): `loss`/`val_loss`
 * minimise; a compiled metric takes its `_direction` (accuracy "up" → max; mae, mse "down" → min).
 */
export function monitorDirection(monitor: string, mode: MonitorMode = 'auto'): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  return MAXIMISED.has(kerasLogName(monitor).replace(/^val_/, '')) ? 'max' : 'min';
}

/**
 * Keras `MonitorCallback._is_improvement(current, best)`: true when there is no best yet, or
 * (min) `current - (-min_delta) < best`, (max) `current - min_delta > best`. Keras computes
 * `current ∓ min_delta` in Python floats, then `ops.less`/`ops.greater` compare tensors of the
 * default floatx (float32): both sides are rounded to float32 first. Comparisons with NaN are
 * false, so NaN never improves on a number and a NaN best is never improved on.
 * @param minDelta the absolute minimum change (Keras takes `abs(min_delta)`).
 */
export function isImprovement(current: number, best: number | null, direction: 'min' | 'max', minDelta: number): boolean {
  if (best === null) return true;
  const delta = Math.abs(minDelta);
  const shifted = Math.fround(direction === 'min' ? current - -delta : current - delta);
  return direction === 'min' ? shifted < Math.fround(best) : shifted > Math.fround(best);
}

/**
 * The monitored value in an epoch's logs: the key equal to `monitor`, or with the same Keras name
 * (tfjs logs `acc` where Keras says `accuracy`; a monitor may be given either way). undefined
 * when the logs lack it.
 */
export function monitoredValue(logs: Record<string, number>, monitor: string): number | undefined {
  if (monitor in logs) return logs[monitor];
  const name = kerasLogName(monitor);
  const key = Object.keys(logs).find((k) => kerasLogName(k) === name);
  return key === undefined ? undefined : logs[key];
}
