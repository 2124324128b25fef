import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api/contract';
import { applyTrainEvent, idleRun, runStatusText, type RunState } from './run';
import { batchArrays, column, metricNames, seriesCsv } from './series';

const backend = { name: 'wasm' as const, fallbackReasons: ['tfjs-node is not installed'] };

function play(events: TrainEvent[], start: RunState = { ...idleRun(), status: 'starting' }) {
  let run = start;
  for (const e of events) run = applyTrainEvent(run, e);
  return { run, series: run.series };
}

const started: TrainEvent = { type: 'started', runId: 'r1', backend, epochs: 3, batchesPerEpoch: 2, trainSamples: 4, validationSamples: 1 };

describe('applyTrainEvent', () => {
  it('follows a run from start to done and collects per-batch and per-epoch points', () => {
    const { run, series } = play([
      started,
      {
        type: 'progress',
        runId: 'r1',
        batches: [
          { epoch: 0, batch: 0, loss: 4 },
          { epoch: 0, batch: 1, loss: 3 },
        ],
        epochs: [{ epoch: 0, logs: { loss: 3.5, val_loss: 3.9, mae: 1.5 } }],
        epoch: 1,
        batch: 0,
        elapsedMs: 100,
        etaMs: 200,
      },
    ]);
    expect(run.status).toBe('running');
    expect(runStatusText(run)).toBe('Training epoch 2/3');
    expect(run.epochsDone).toBe(1);
    expect(batchArrays(series.batches)).toEqual({ x: [0.5, 1], loss: [4, 3] });
    expect(series.epochX).toEqual([1]);
    expect(column(series, 'loss')).toEqual([3.5]);
    expect(metricNames(series)).toEqual(['loss', 'mae']);

    const later = applyTrainEvent(
      run,
      {
        type: 'progress',
        runId: 'r1',
        batches: [],
        epochs: [
          { epoch: 1, logs: { loss: 2, val_loss: 2.5 } },
          { epoch: 2, logs: { loss: 1, val_loss: 1.5, mae: 0.5 } },
        ],
        epoch: 2,
        batch: 1,
        elapsedMs: 300,
        etaMs: 0,
      },
    );
    // A metric missing from one epoch keeps the columns aligned with NaN.
    expect(column(later.series, 'mae')).toEqual([1.5, NaN, 0.5]);
    // The earlier series is a value: adding points made a new one.
    expect(column(series, 'mae')).toEqual([1.5]);
    const done = applyTrainEvent(later, { type: 'done', runId: 'r1', reason: 'completed', elapsedMs: 320, finalLogs: { loss: 1 } });
    expect(done.status).toBe('done');
    expect(runStatusText(done)).toBe('Done');
    expect(seriesCsv(done.series).split('\n')[0]).toBe('epoch,loss,val_loss,mae');
  });

  it('ignores events of other runs and reports stops and failures', () => {
    const { run } = play([started]);
    const other = applyTrainEvent(run, { type: 'failed', runId: 'r2', code: 'x', message: 'no' });
    expect(other).toBe(run);
    const stopped = applyTrainEvent(run, { type: 'done', runId: 'r1', reason: 'stopped', elapsedMs: 1, finalLogs: {} });
    expect(runStatusText(stopped)).toBe('Stopped');
    const failed = applyTrainEvent(run, { type: 'failed', runId: 'r1', code: 'oom', message: 'out of memory' });
    expect(runStatusText(failed)).toBe('Failed: out of memory');
  });
});
