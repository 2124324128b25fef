import type { ReduceLrOnPlateauSettings } from '../project/schema';
import { isImprovement, monitorDirection, monitoredValue } from './monitor';

/**
 * Reduce the learning rate on a plateau with the semantics of Keras 3
 * `keras.callbacks.ReduceLROnPlateau` (keras 3.15, keras/src/callbacks/reduce_lr_on_plateau.py),
 * as a pure function of the epoch's logs, without `verbose`:
 *
 * - an epoch whose logs lack the monitored value changes nothing (Keras warns and goes on);
 * - otherwise, while in cooldown (`cooldown_counter > 0`) the counter drops by one and `wait`
 *   returns to 0; then an improvement (`MonitorCallback._is_improvement`, min_delta included, see
 *   monitor.ts) sets `best` and `wait = 0`; else, when not (or no longer) in cooldown, `wait`
 *   grows by one and at `wait >= patience` the rate is reduced: if `lr > float32(min_lr)`, the
 *   new rate is `max(lr · factor, min_lr)`, stored in float32 as Keras' optimizer variable is,
 *   and then `cooldown_counter = cooldown`, `wait = 0` (when lr is already at min_lr nothing is
 *   reduced and `wait` keeps growing);
 * - Keras adds `learning_rate` to the epoch's logs: the rate the epoch trained with, before
 *   this epoch's reduction (so History and TensorBoard show it).
 */

/** Keras 3 `ReduceLROnPlateau` defaults. */
export const REDUCE_LR_DEFAULTS = { monitor: 'val_loss', factor: 0.1, patience: 10, mode: 'auto', minDelta: 1e-4, cooldown: 0, minLr: 0 } as const satisfies ReduceLrOnPlateauSettings;

/** The log Keras adds with the optimizer's learning rate (`logs["learning_rate"]`). */
export const LEARNING_RATE_LOG = 'learning_rate';

/** Keras' `wait`, `cooldown_counter` and `best` between epochs. */
export interface ReduceLrState {
  wait: number;
  cooldownCounter: number;
  /** null before the first monitored epoch (Keras `best = None`). */
  best: number | null;
}

/** Keras `on_train_begin` → `_reset()`. */
export function initialReduceLrState(): ReduceLrState {
  return { wait: 0, cooldownCounter: 0, best: null };
}

export interface ReduceLrStep {
  state: ReduceLrState;
  /** The learning rate for the next epoch (float32). */
  lr: number;
  /** This epoch reduced the rate. */
  reduced: boolean;
}

/**
 * Keras `ReduceLROnPlateau.on_epoch_end(epoch, logs)`: `lr` is the optimizer's rate during the
 * epoch (a float32 value); returns the next state and the rate for the next epoch.
 */
export function reduceLrStep(state: ReduceLrState, logs: Record<string, number>, settings: ReduceLrOnPlateauSettings, lr: number): ReduceLrStep {
  const current = monitoredValue(logs, settings.monitor);
  if (current === undefined) return { state, lr, reduced: false };
  const best = state.best;
  let { wait, cooldownCounter } = state;
  if (cooldownCounter > 0) {
    cooldownCounter -= 1;
    wait = 0;
  }
  if (isImprovement(current, best, monitorDirection(settings.monitor, settings.mode), settings.minDelta)) {
    return { state: { wait: 0, cooldownCounter, best: current }, lr, reduced: false };
  }
  if (cooldownCounter > 0) return { state: { wait, cooldownCounter, best }, lr, reduced: false };
  wait += 1;
  if (wait >= settings.patience && lr > Math.fround(settings.minLr)) {
    const next = Math.fround(Math.max(lr * settings.factor, settings.minLr));
    return { state: { wait: 0, cooldownCounter: settings.cooldown, best }, lr: next, reduced: true };
  }
  return { state: { wait, cooldownCounter, best }, lr, reduced: false };
}
