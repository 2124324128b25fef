import type { KeepBestSettings } from '../project/schema';
import { isImprovement, monitorDirection, monitoredValue } from './monitor';
import { formatLogValue } from './outcome-text';

/**
 * Keep the best epoch's weights with the semantics of Keras 3
 * `keras.callbacks.ModelCheckpoint(filepath, monitor, mode, save_best_only=True)` followed by
 * loading that checkpoint after `fit` (keras 3.15, keras/src/callbacks/model_checkpoint.py
 * `_should_save_model`): an epoch is saved when there is no best yet or it improves on the best
 * (`MonitorCallback._is_improvement` with min_delta 0, see monitor.ts); an epoch whose logs lack
 * the monitored value is saved too (Keras warns and saves) without changing the best. The run
 * ends with the weights of the last saved epoch.
 */

export interface KeepBestState {
  /** The best monitored value so far (Keras `best`); null before any. */
  best: number | null;
  /** 0-based epoch of the last saved checkpoint; null before any. */
  savedEpoch: number | null;
}

export function initialKeepBestState(): KeepBestState {
  return { best: null, savedEpoch: null };
}

/** Keras `ModelCheckpoint._should_save_model` at the end of epoch `epoch` (0-based): the next state and whether to save this epoch's weights. */
export function keepBestStep(state: KeepBestState, epoch: number, logs: Record<string, number>, settings: KeepBestSettings): { state: KeepBestState; save: boolean } {
  const current = monitoredValue(logs, settings.monitor);
  if (current === undefined) return { state: { ...state, savedEpoch: epoch }, save: true };
  if (!isImprovement(current, state.best, monitorDirection(settings.monitor, settings.mode), 0)) return { state, save: false };
  return { state: { best: current, savedEpoch: epoch }, save: true };
}

/** What keep-best did in a run, as the trainer reports it (epochs counted from 0). */
export interface KeepBestReport {
  monitor: string;
  /** The epoch whose weights the model ends with; null when no epoch completed. */
  bestEpoch: number | null;
  best: number | null;
  /** The model ends with the weights of `bestEpoch` (false when the run diverged or was stopped: then it keeps what those keep). */
  restored: boolean;
}

/** The English message of {@link describeKeepBest}; the renderer's English dictionary includes it as it is. */
export const KEEP_BEST_MESSAGES_EN = {
  'keepBest.kept': 'Keep best ({monitor}): the model holds the weights of epoch {epoch} ({monitor} {value}).',
  'keepBest.none': 'Keep best ({monitor}): the run did not complete, so the model keeps the weights of the last epoch trained.',
} as const;

/**
 * The 0-based epoch whose weights a run's model ends with: keep-best's epoch when it put them back,
 * else early stopping's best epoch when it restored it, else the last epoch of the history (a
 * diverged run keeps its last good epoch, which is the history's last). null when no epoch completed.
 */
export function keptWeightsEpoch(outcome: {
  history: readonly { epoch: number }[];
  earlyStopping?: { restoredBestWeights: boolean; bestEpoch: number | null };
  keepBest?: Pick<KeepBestReport, 'restored' | 'bestEpoch'>;
}): number | null {
  if (outcome.keepBest?.restored && outcome.keepBest.bestEpoch !== null) return outcome.keepBest.bestEpoch;
  if (outcome.earlyStopping?.restoredBestWeights && outcome.earlyStopping.bestEpoch !== null) return outcome.earlyStopping.bestEpoch;
  return outcome.history.length > 0 ? outcome.history[outcome.history.length - 1].epoch : null;
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const english: Translate = (key, vars) => {
  const text = (KEEP_BEST_MESSAGES_EN as Record<string, string>)[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
};

/** One line on what keep-best did, epochs counted from 1 as Keras prints them; English unless a translator is given. */
export function describeKeepBest(report: KeepBestReport, t: Translate = english): string {
  if (report.bestEpoch === null || !report.restored) return t('keepBest.none', { monitor: report.monitor });
  return t('keepBest.kept', { monitor: report.monitor, epoch: report.bestEpoch + 1, value: report.best === null ? '—' : formatLogValue(report.best) });
}
