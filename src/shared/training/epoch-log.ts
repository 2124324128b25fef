import { metricOfHistoryKey } from '../metrics';
import { formatLogValue } from './outcome-text';

/**
 * Keras prints logs under Keras' metric names; tfjs reports `accuracy` as `acc` (the metric
 * registry's `tfjsHistoryKey` and `kerasName`). Only the display changes: histories keep the keys
 * the trainer reported.
 */
export function kerasLogName(key: string): string {
  const prefix = key.startsWith('val_') ? 'val_' : '';
  const metric = metricOfHistoryKey(key.slice(prefix.length));
  return metric ? prefix + metric.kerasName : key;
}

/** `loss: 0.1234 - accuracy: 0.8810 - val_loss: 0.2000`, in the trainer's order (loss, metrics, then val_). */
export function formatLogs(logs: Record<string, number>): string {
  return Object.entries(logs)
    .map(([key, value]) => `${kerasLogName(key)}: ${formatLogValue(value)}`)
    .join(' - ');
}

/** A duration as Keras shows it per epoch: `12ms` under a second, else `1.3s`. */
export function formatEpochDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * One Keras-like line per epoch: `Epoch 3/100 - 12ms - loss: 0.1234 - accuracy: 0.8810 - val_loss: ...`.
 * `epoch` is 0-based as the trainer counts; `durationMs` is left out when unknown (saved histories).
 * The run panel's log and `neurite train` both print with this; `epochWord` is "Epoch" in the
 * UI's language (dictionary key `epochLog.epoch`; `neurite --lang zh-CN`: 轮次), the rest stays as Keras prints it.
 */
export function formatEpochLine(entry: { epoch: number; logs: Record<string, number>; durationMs?: number }, epochs: number, epochWord = 'Epoch'): string {
  const parts = [`${epochWord} ${entry.epoch + 1}/${epochs}`];
  if (entry.durationMs !== undefined && Number.isFinite(entry.durationMs)) parts.push(formatEpochDuration(entry.durationMs));
  const logs = formatLogs(entry.logs);
  if (logs) parts.push(logs);
  return parts.join(' - ');
}
