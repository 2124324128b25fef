import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api/contract';
import type { RunOutcome } from '../../../shared/training/outcome';
import { applyTrainEvent, hasModel, idleRun, previewModel, sameModel, trainedModel, type RunState } from './run';

// Issue 10: "has a trained model" was computed four ways (model export, Predict, the Data panel's
// fit, the Data panel's results) that disagreed after a divergence. One selector now answers.

const backend = { name: 'wasm' as const, fallbackReasons: [] };
const started: TrainEvent = { type: 'started', runId: 'r1', backend, epochs: 5, batchesPerEpoch: 1, trainSamples: 4, validationSamples: 0 };
const epoch = (n: number): TrainEvent => ({
  type: 'progress',
  runId: 'r1',
  batches: [{ epoch: n, batch: 0, loss: 1 / (n + 1) }],
  epochs: [{ epoch: n, logs: { loss: 1 / (n + 1) } }],
  epoch: n,
  batch: 0,
  elapsedMs: 10 * (n + 1),
  etaMs: 0,
});
const diverged: TrainEvent = { type: 'done', runId: 'r1', reason: 'diverged', elapsedMs: 50, finalLogs: {}, message: 'The loss became NaN' };

function play(events: TrainEvent[], start: RunState = { ...idleRun(), status: 'starting' }): RunState {
  return events.reduce((run, e) => applyTrainEvent(run, e), start);
}

describe('trainedModel', () => {
  it('has no model before a run, while it trains, and after it fails', () => {
    expect(trainedModel(idleRun())).toEqual({ kind: 'none' });
    expect(trainedModel(play([started, epoch(0)]))).toEqual({ kind: 'none' });
    expect(trainedModel(play([started, { type: 'failed', runId: 'r1', code: 'x', message: 'no' }]))).toEqual({ kind: 'none' });
  });

  it('keeps the final weights of a completed run and the last ones of a stopped run', () => {
    const done = play([started, epoch(0), epoch(1), { type: 'done', runId: 'r1', reason: 'completed', elapsedMs: 30, finalLogs: {} }]);
    expect(trainedModel(done)).toEqual({ kind: 'usable', runId: 'r1', weights: 'final', epoch: 2 });
    const stopped = play([started, { type: 'done', runId: 'r1', reason: 'stopped', elapsedMs: 5, finalLogs: {} }]);
    expect(trainedModel(stopped)).toEqual({ kind: 'usable', runId: 'r1', weights: 'stopped', epoch: 0 });
  });

  it('offers the last good epoch of a run that diverged after learning', () => {
    const run = play([started, epoch(0), epoch(1), diverged]);
    expect(trainedModel(run)).toEqual({ kind: 'usable', runId: 'r1', weights: 'last-good', epoch: 2 });
    expect(hasModel(run)).toBe(true);
    expect(previewModel(run)).toEqual({ runId: 'r1', epoch: 2, final: true });
  });

  it('refuses the last finite weights of a run whose loss had already risen above its first epoch’s', () => {
    const outcome = (first: number, last: number): RunOutcome => ({
      kind: 'diverged',
      epochs: 2,
      plannedEpochs: 5,
      loss: { first, last, tailMean: (first + last) / 2, change: (last - first) / first },
      causes: [],
      remedies: [],
    });
    const rising = play([started, epoch(0), epoch(1), { ...diverged, outcome: outcome(50, 1.9e73) }] as TrainEvent[]);
    expect(trainedModel(rising)).toEqual({ kind: 'unusable', runId: 'r1', reason: 'loss-rose', epoch: 2, firstLoss: 50, lastLoss: 1.9e73 });
    expect(hasModel(rising)).toBe(false);
    expect(previewModel(rising)).toBeNull();
    const falling = play([started, epoch(0), epoch(1), { ...diverged, outcome: outcome(1, 0.5) }] as TrainEvent[]);
    expect(trainedModel(falling)).toEqual({ kind: 'usable', runId: 'r1', weights: 'last-good', epoch: 2 });
  });

  it('refuses the initial random weights of a run that diverged in its first epoch', () => {
    const run = play([started, diverged]);
    expect(trainedModel(run)).toEqual({ kind: 'unusable', runId: 'r1', reason: 'diverged-before-first-epoch' });
    // Export and Predict ask hasModel; the Data panel asks previewModel: all say no.
    expect(hasModel(run)).toBe(false);
    expect(previewModel(run)).toBeNull();
  });

  it('keeps the saved weights of a resumed run that diverged in its first epoch', () => {
    const run = play([started, diverged], { ...idleRun(), status: 'starting', resumed: true });
    expect(trainedModel(run)).toEqual({ kind: 'usable', runId: 'r1', weights: 'last-good', epoch: 0 });
  });
});

describe('previewModel', () => {
  it('follows the model epoch by epoch while training, then names the trained model', () => {
    expect(previewModel(play([started]))).toBeNull();
    const one = previewModel(play([started, epoch(0)]));
    const two = previewModel(play([started, epoch(0), epoch(1)]));
    expect(one).toEqual({ runId: 'r1', epoch: 1, final: false });
    expect(sameModel(one, { runId: 'r1', epoch: 1, final: false })).toBe(true);
    expect(sameModel(one, two)).toBe(false);
    const end = previewModel(play([started, epoch(0), epoch(1), { type: 'done', runId: 'r1', reason: 'completed', elapsedMs: 30, finalLogs: {} }]));
    expect(end).toEqual({ runId: 'r1', epoch: 2, final: true });
    expect(sameModel(two, end)).toBe(false);
    expect(sameModel(null, null)).toBe(true);
    expect(sameModel(null, end)).toBe(false);
  });
});
