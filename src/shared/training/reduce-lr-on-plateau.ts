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

/** What reduce-on-plateau did in a run (epochs counted from 0), as the trainer reports it. */
export interface ReduceLrReport {
  monitor: string;
  reductions: { epoch: number; lr: number }[];
  finalLr: number;
}

/** The English messages of {@link describeReduceLr}; the renderer's English dictionary includes them as they are. */
export const REDUCE_LR_MESSAGES_EN = {
  'reduceLr.none': 'Reduce LR on plateau ({monitor}): {monitor} kept improving, so the learning rate stayed {lr}.',
  'reduceLr.reduced': 'Reduce LR on plateau ({monitor}): lowered the learning rate {count} time(s), after epoch(s) {epochs}, to {lr}.',
} as const;

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const english: Translate = (key, vars) => {
  const text = (REDUCE_LR_MESSAGES_EN as Record<string, string>)[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
};

/** A float32 rate as a person reads it: 7 significant digits (float32's precision), so 0.0001 and not 0.00009999999747378752. */
const formatRate = (lr: number): string => String(Number(lr.toPrecision(7)));

/** One line on what reduce-on-plateau did, epochs counted from 1; English unless a translator is given. */
export function describeReduceLr(report: ReduceLrReport, t: Translate = english): string {
  if (report.reductions.length === 0) return t('reduceLr.none', { monitor: report.monitor, lr: formatRate(report.finalLr) });
  return t('reduceLr.reduced', { monitor: report.monitor, count: report.reductions.length, epochs: report.reductions.map((r) => r.epoch + 1).join(', '), lr: formatRate(report.finalLr) });
}
