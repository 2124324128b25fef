import { describe, expect, it } from 'vitest';
import { chartTitleKey, decimateMinMax, arrayPoints, batchPoints } from '../components/chartData';
import { addBatches, addEpochs, BATCH_CHUNK, batchArrays, batchAt, column, emptySeries, logLines, metricNames, seriesFromHistory } from './series';

describe('RunSeries', () => {
  it('appends batch points in chunks: every chunk but the last is full, and earlier chunks are shared, not copied', () => {
    const n = BATCH_CHUNK * 2 + 100;
    const xs = Array.from({ length: n }, (_, i) => i / 10);
    const losses = xs.map((x) => Math.cos(x));
    let series = emptySeries;
    const versions = [series];
    // Events of uneven sizes, as the trainer sends them.
    for (let at = 0, size = 1; at < n; at += size, size = (size * 7) % 997 || 3) {
      series = addBatches(series, xs.slice(at, at + size), losses.slice(at, at + size));
      versions.push(series);
    }
    expect(series.batches.length).toBe(n);
    expect(series.batches.chunks.map((c) => c.x.length)).toEqual([BATCH_CHUNK, BATCH_CHUNK, 100]);
    expect(batchArrays(series.batches)).toEqual({ x: xs, loss: losses });
    expect(batchAt(series.batches, BATCH_CHUNK + 5)).toEqual({ x: xs[BATCH_CHUNK + 5], loss: losses[BATCH_CHUNK + 5] });
    // Structural sharing: the full first chunk is the same object in every later version.
    const full = versions.find((v) => v.batches.chunks.length > 1)!;
    expect(series.batches.chunks[0]).toBe(full.batches.chunks[0]);
    // Immutable: an earlier version still holds only its own points.
    expect(versions[1].batches.length).toBe(1);
    expect(batchArrays(versions[1].batches)).toEqual({ x: [0], loss: [1] });
  });

  it('decimates chunked points exactly as the same points in flat arrays', () => {
    const n = BATCH_CHUNK * 3 + 17;
    const xs = Array.from({ length: n }, (_, i) => i / 100);
    const ys = xs.map((x, i) => Math.sin(x) + (i === 5000 ? 30 : 0));
    const series = addBatches(emptySeries, xs, ys);
    expect(decimateMinMax(batchPoints(series.batches), 3, 90, 300)).toEqual(decimateMinMax(arrayPoints(xs, ys), 3, 90, 300));
  });

  it('keeps per-epoch columns aligned (NaN where a key is missing) and shares nothing with earlier versions', () => {
    const one = addEpochs(emptySeries, [{ epoch: 0, logs: { loss: 3 }, durationMs: 5 }]);
    const two = addEpochs(one, [{ epoch: 1, logs: { loss: 2, mae: 1 } }]);
    expect(two.epochX).toEqual([1, 2]);
    expect(column(two, 'mae')).toEqual([NaN, 1]);
    expect(column(one, 'loss')).toEqual([3]);
    expect(two.epochDurations).toEqual([5, undefined]);
    expect(addEpochs(two, [])).toBe(two);
    expect(addBatches(two, [], [])).toBe(two);
    expect(seriesFromHistory([{ epoch: 0, logs: { loss: 1 } }]).epochX).toEqual([1]);
  });
});

describe('a log key that appears with a callback (issue 15: learning_rate from reduce-on-plateau)', () => {
  it('becomes its own per-epoch column and chart, without breaking the others', () => {
    const series = addEpochs(emptySeries, [
      { epoch: 0, logs: { loss: 1, val_loss: 1.2, learning_rate: 0.01 } },
      { epoch: 1, logs: { loss: 0.8, val_loss: 1.1, learning_rate: 0.005 } },
    ]);
    expect(metricNames(series)).toEqual(['loss', 'learning_rate']);
    expect(column(series, 'learning_rate')).toEqual([0.01, 0.005]);
    expect(column(series, 'val_learning_rate')).toEqual([]);
    expect(chartTitleKey('learning_rate')).toBeNull();
    expect(logLines(series, 2)[1]).toBe('Epoch 2/2 - loss: 0.8000 - val_loss: 1.1000 - learning_rate: 0.0050');
  });
});
