import { formatEpochLine } from '../../../shared/training/epoch-log';

/**
 * A run's history as the charts, the log and the CSV export read it: an immutable value kept in
 * the run store (`RunState.series`), so a new series object means new points and React/uPlot can
 * compare by identity. Appending shares structure with the previous value:
 *
 * - batch points live in chunks of {@link BATCH_CHUNK}; every chunk but the last is full and never
 *   changes, so appending copies at most one chunk and the list of chunks (100,000 points: 25
 *   chunks), never the whole run;
 * - per-epoch columns (at most one point per epoch) are copied when epochs are added; columns an
 *   event does not touch are shared.
 */
export interface RunSeries {
  /** 1-based epoch numbers, the x of the per-epoch lines. */
  readonly epochX: readonly number[];
  /** loss, val_loss, each metric and val_ metric, aligned with epochX (NaN where missing), in first-seen order. */
  readonly epochLogs: ReadonlyMap<string, readonly number[]>;
  /** Wall-clock ms of each epoch, aligned with epochX (undefined for a saved history). */
  readonly epochDurations: readonly (number | undefined)[];
  /** x = epochs elapsed as a fraction, y = batch loss. */
  readonly batches: BatchPoints;
}

/** Points per batch chunk (a power of two: a point's chunk and offset are a shift and a mask). */
export const BATCH_CHUNK = 4096;
const SHIFT = Math.log2(BATCH_CHUNK);
const MASK = BATCH_CHUNK - 1;

/** Batch points in chunks of {@link BATCH_CHUNK} (all full but the last); read them with {@link batchAt}. */
export interface BatchPoints {
  readonly length: number;
  readonly chunks: readonly { readonly x: readonly number[]; readonly loss: readonly number[] }[];
}

export const emptySeries: RunSeries = Object.freeze({ epochX: [], epochLogs: new Map(), epochDurations: [], batches: { length: 0, chunks: [] } });

/** Batch point `i` (0 ≤ i < length): its fractional epoch `x` and its loss. */
export function batchAt(points: BatchPoints, i: number): { x: number; loss: number } {
  const chunk = points.chunks[i >> SHIFT];
  return { x: chunk.x[i & MASK], loss: chunk.loss[i & MASK] };
}

/** Fractional epoch of batch point `i`. */
export const batchX = (points: BatchPoints, i: number): number => points.chunks[i >> SHIFT].x[i & MASK];
/** Loss of batch point `i`. */
export const batchLoss = (points: BatchPoints, i: number): number => points.chunks[i >> SHIFT].loss[i & MASK];

/** The batch points as two flat arrays (a copy: for tests and exports, not for every frame). */
export function batchArrays(points: BatchPoints): { x: number[]; loss: number[] } {
  return { x: points.chunks.flatMap((c) => c.x), loss: points.chunks.flatMap((c) => c.loss) };
}

/** `series` with batch points appended (`x` and `loss` of equal length). */
export function addBatches(series: RunSeries, x: readonly number[], loss: readonly number[]): RunSeries {
  if (x.length === 0) return series;
  const chunks = series.batches.chunks.slice();
  let at = 0;
  const last = chunks[chunks.length - 1];
  if (last && last.x.length < BATCH_CHUNK) {
    const take = Math.min(BATCH_CHUNK - last.x.length, x.length);
    chunks[chunks.length - 1] = { x: last.x.concat(x.slice(0, take)), loss: last.loss.concat(loss.slice(0, take)) };
    at = take;
  }
  for (; at < x.length; at += BATCH_CHUNK) chunks.push({ x: x.slice(at, at + BATCH_CHUNK), loss: loss.slice(at, at + BATCH_CHUNK) });
  return { ...series, batches: { length: series.batches.length + x.length, chunks } };
}

/** One finished epoch's numbers (0-based `epoch`, as the trainer reports it). */
export interface EpochPoint {
  epoch: number;
  logs: Record<string, number>;
  durationMs?: number;
}

/** `series` with finished epochs appended; a key first seen here gets NaN for the earlier epochs. */
export function addEpochs(series: RunSeries, epochs: readonly EpochPoint[]): RunSeries {
  if (epochs.length === 0) return series;
  const epochX = series.epochX.concat(epochs.map((e) => e.epoch + 1));
  const epochDurations = series.epochDurations.concat(epochs.map((e) => e.durationMs));
  const keys = new Set(series.epochLogs.keys());
  for (const e of epochs) for (const key of Object.keys(e.logs)) keys.add(key);
  const epochLogs = new Map<string, readonly number[]>();
  const before = series.epochX.length;
  for (const key of keys) {
    const old = series.epochLogs.get(key) ?? new Array<number>(before).fill(NaN);
    epochLogs.set(key, old.concat(epochs.map((e) => e.logs[key] ?? NaN)));
  }
  return { ...series, epochX, epochDurations, epochLogs };
}

/** A saved history as a series (no batch points, no durations). */
export function seriesFromHistory(history: readonly { epoch: number; logs: Record<string, number> }[]): RunSeries {
  return addEpochs(emptySeries, history);
}

/** One per-epoch column (empty when the run never reported `key`). */
export function column(series: RunSeries, key: string): readonly number[] {
  return series.epochLogs.get(key) ?? [];
}

/** The metric names present, without the val_ prefix, loss first. */
export function metricNames(series: RunSeries): string[] {
  const names = [...series.epochLogs.keys()].filter((k) => !k.startsWith('val_'));
  return names.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
}

/** The Keras-like log, one line per epoch (the same lines `neurite train` prints); `epochWord`: the dictionary's `epochLog.epoch`. */
export function logLines(series: RunSeries, epochs: number, epochWord?: string): string[] {
  const keys = [...series.epochLogs.keys()];
  return series.epochX.map((x, i) => {
    const logs: Record<string, number> = {};
    for (const key of keys) {
      const value = series.epochLogs.get(key)![i];
      if (value !== undefined && !Number.isNaN(value)) logs[key] = value;
    }
    return formatEpochLine({ epoch: x - 1, logs, durationMs: series.epochDurations[i] }, Math.max(epochs, x), epochWord);
  });
}

/** The per-epoch history as CSV: `epoch` then one column per key, a header row, '\n' line ends. */
export function seriesCsv(series: RunSeries): string {
  const keys = [...series.epochLogs.keys()];
  const lines = [['epoch', ...keys].join(',')];
  series.epochX.forEach((x, i) => lines.push([x, ...keys.map((k) => series.epochLogs.get(k)?.[i] ?? '')].join(',')));
  return lines.join('\n') + '\n';
}
