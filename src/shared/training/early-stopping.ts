import type { EarlyStoppingSettings } from '../project/schema';
import { formatLogValue } from './outcome-text';
import { isImprovement, monitorDirection, monitoredValue } from './monitor';

export { monitoredValue };

/**
 * Early stopping with the semantics of Keras 3 `keras.callbacks.EarlyStopping` (keras 3.15,
 * keras/src/callbacks/early_stopping.py and monitor_callback.py), without `baseline`,
 * `start_from_epoch` (both left at their defaults, None and 0) and `verbose`:
 *
 * - an epoch improves when there is no best yet, or (mode min) `current - (-min_delta) < best`,
 *   (mode max) `current - min_delta > best` (`MonitorCallback._is_improvement`), compared in
 *   float32 as Keras' `ops.less`/`ops.greater` do with the default floatx; comparisons
 *   with NaN are false, so a NaN never improves on a number, and a NaN first value is a best
 *   that nothing improves on (as `ops.less` / `ops.greater` behave);
 * - `wait` grows by one every monitored epoch and returns to 0 on an improvement;
 * - training stops after epoch `e` (counted from 0) when it did not improve, `wait >= patience`
 *   and `e > 0` (so with patience 0 epoch 0 never stops training);
 * - an epoch whose logs lack the monitored value is skipped (Keras warns and returns);
 * - with `restore_best_weights`, Keras 3.15 restores the best epoch's weights at the end of
 *   training whether or not it stopped early (`on_train_end`); `bestEpoch` is that epoch.
 *
 * Mode `auto` (Keras `_set_monitor_op`): `loss`/`val_loss` minimise; a compiled metric takes
 * its `_direction` (accuracy "up" → max; mae, mse "down" → min).
 */

/** Keras 3 `EarlyStopping` defaults: patience 0, min_delta 0, mode 'auto', restore_best_weights False. */
export const EARLY_STOPPING_DEFAULTS = { patience: 0, minDelta: 0, mode: 'auto', restoreBestWeights: false } as const;

/** The direction `auto` resolves to for a monitored name (Keras `_set_monitor_op`; see monitor.ts). */
export const earlyStoppingDirection = monitorDirection;

/** The rule's state between epochs (Keras' `wait`, `best`, `best_epoch`, `stopped_epoch`). */
export interface EarlyStoppingState {
  wait: number;
  /** The best monitored value so far; null before the first monitored epoch. */
  best: number | null;
  /** 0-based epoch of `best` (Keras `best_epoch`, 0 before any). */
  bestEpoch: number;
  /** 0-based epoch after which training stopped; 0 = not stopped (as Keras `stopped_epoch`). */
  stoppedEpoch: number;
}

/** Keras `on_train_begin`. */
export function initialEarlyStoppingState(): EarlyStoppingState {
  return { wait: 0, best: null, bestEpoch: 0, stoppedEpoch: 0 };
}

export interface EarlyStoppingStep {
  state: EarlyStoppingState;
  /** This epoch is the new best (its weights are the ones to keep with restoreBestWeights). */
  improved: boolean;
  /** Keras would set `model.stop_training = True` after this epoch. */
  stop: boolean;
}

/**
 * Keras `EarlyStopping.on_epoch_end(epoch, logs)` as a pure function: the next state, whether
 * this epoch improved, whether training stops now. `epoch` is 0-based.
 */
export function earlyStoppingStep(
  state: EarlyStoppingState,
  epoch: number,
  logs: Record<string, number>,
  settings: Pick<EarlyStoppingSettings, 'monitor'> & Partial<EarlyStoppingSettings>,
): EarlyStoppingStep {
  const current = monitoredValue(logs, settings.monitor);
  if (current === undefined) return { state, improved: false, stop: false };
  const patience = settings.patience ?? EARLY_STOPPING_DEFAULTS.patience;
  const minDelta = Math.abs(settings.minDelta ?? EARLY_STOPPING_DEFAULTS.minDelta);
  const direction = earlyStoppingDirection(settings.monitor, settings.mode);
  const next = { ...state, wait: state.wait + 1 };
  const improved = isImprovement(current, state.best, direction, minDelta);
  if (improved) return { state: { ...next, best: current, bestEpoch: epoch, wait: 0 }, improved: true, stop: false };
  if (next.wait >= patience && epoch > 0) return { state: { ...next, stoppedEpoch: epoch }, improved: false, stop: true };
  return { state: next, improved: false, stop: false };
}

/** What early stopping did in a run, as the trainer reports it (epochs counted from 0). */
export interface EarlyStoppingReport {
  monitor: string;
  /** null: early stopping did not end the run. */
  stoppedEpoch: number | null;
  /** null: no epoch logged the monitored value. */
  bestEpoch: number | null;
  best: number | null;
  restoredBestWeights: boolean;
}

/** The English messages of {@link describeEarlyStopping}; the renderer's English dictionary includes them as they are. */
export const EARLY_STOPPING_MESSAGES_EN = {
  'earlyStopping.stopped': 'Early stopping: {monitor} stopped improving, so training stopped after epoch {epoch} of {planned}; {best}. {kept}',
  'earlyStopping.notStopped': 'Early stopping ({monitor}) did not stop the run: it ran all {planned} epochs; {best}. {kept}',
  'earlyStopping.best': 'best {monitor} {value} at epoch {epoch}',
  'earlyStopping.noBest': 'no epoch logged {monitor}',
  'earlyStopping.keptBest': 'Kept the weights of epoch {epoch} (the best).',
  'earlyStopping.keptLast': 'Kept the weights of the last epoch trained.',
} as const;

type Translate = (key: string, vars?: Record<string, string | number>) => string;

function english(key: string, vars?: Record<string, string | number>): string {
  const text = (EARLY_STOPPING_MESSAGES_EN as Record<string, string>)[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/**
 * One line on what early stopping did, epochs counted from 1 as Keras prints them
 * (`Epoch 8: early stopping`, `Restoring model weights from the end of the best epoch: 5.`);
 * in English unless a translator is given (the CLI prints English, the run panel its language).
 */
export function describeEarlyStopping(report: EarlyStoppingReport, plannedEpochs: number, t: Translate = english): string {
  const best =
    report.bestEpoch === null
      ? t('earlyStopping.noBest', { monitor: report.monitor })
      : t('earlyStopping.best', { monitor: report.monitor, value: formatLogValue(report.best ?? Number.NaN), epoch: report.bestEpoch + 1 });
  const kept = report.restoredBestWeights && report.bestEpoch !== null ? t('earlyStopping.keptBest', { epoch: report.bestEpoch + 1 }) : t('earlyStopping.keptLast');
  return report.stoppedEpoch === null
    ? t('earlyStopping.notStopped', { monitor: report.monitor, planned: plannedEpochs, best, kept })
    : t('earlyStopping.stopped', { monitor: report.monitor, epoch: report.stoppedEpoch + 1, planned: plannedEpochs, best, kept });
}
