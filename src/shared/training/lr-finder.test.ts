import { describe, expect, it } from 'vitest';
import {
  finderLearningRate,
  formatLearningRate,
  LrFinderRecorder,
  resolveLrFinderOptions,
  suggestLearningRate,
  type LrFinderPoint,
} from './lr-finder';

const options = resolveLrFinderOptions({});

/** A synthetic range test: `loss(log10 lr)` at each of `steps` exponentially spaced rates, smoothed as the finder smooths. */
function curve(loss: (log10Lr: number) => number, steps = 100): LrFinderPoint[] {
  const recorder = new LrFinderRecorder();
  const resolved = { ...options, steps };
  for (let i = 0; i < steps; i++) {
    const lr = finderLearningRate(i, resolved);
    recorder.add(i, lr, loss(Math.log10(lr)));
  }
  return recorder.points;
}

describe('learning-rate finder rules', () => {
  it('fills in fastai lr_find defaults and refuses an empty range naming both ends', () => {
    expect(options).toEqual({ startLr: 1e-7, endLr: 10, steps: 300 });
    expect(resolveLrFinderOptions({ steps: 50 })).toEqual({ startLr: 1e-7, endLr: 10, steps: 50 });
    expect(() => resolveLrFinderOptions({ startLr: 0.1, endLr: 0.01 })).toThrow(/endLr must be above its startLr \(0\.1\); got 0\.01/);
  });

  it('raises the rate exponentially from startLr at the first batch to endLr at the last', () => {
    const lrs = Array.from({ length: 300 }, (_, i) => finderLearningRate(i, options));
    expect(lrs[0]).toBe(1e-7);
    expect(lrs[299]).toBeCloseTo(10, 10);
    for (let i = 1; i < lrs.length; i++) {
      expect(lrs[i]).toBeGreaterThan(lrs[i - 1]);
      // Equal ratios between consecutive batches: 10^(8/299).
      expect(lrs[i] / lrs[i - 1]).toBeCloseTo(10 ** (8 / 299), 10);
    }
  });

  it('smooths with the bias-corrected moving average of beta 0.98 (fastai AvgSmoothLoss)', () => {
    const recorder = new LrFinderRecorder();
    const losses = [2, 1, 4, 3];
    losses.forEach((loss, i) => recorder.add(i, 0.1, loss));
    let avg = 0;
    losses.forEach((loss, i) => {
      avg = 0.98 * avg + 0.02 * loss;
      expect(recorder.points[i].smoothed).toBeCloseTo(avg / (1 - 0.98 ** (i + 1)), 12);
      expect(recorder.points[i].loss).toBe(loss);
    });
    // The first smoothed value is the first loss itself.
    expect(recorder.points[0].smoothed).toBeCloseTo(2, 12);
  });

  it('stops when the smoothed loss exceeds 4x its best, and at once on a non-finite loss', () => {
    const recorder = new LrFinderRecorder();
    expect(recorder.add(0, 1e-3, 1)).toBeNull();
    let stop = null;
    let i = 1;
    while (!stop && i < 1000) stop = recorder.add(i++, 1e-2, 1000);
    expect(stop).toMatchObject({ reason: 'diverged', lr: 1e-2 });
    const last = recorder.points[recorder.points.length - 1];
    const best = Math.min(...recorder.points.map((p) => p.smoothed));
    expect(last.smoothed).toBeGreaterThan(4 * best);
    expect(recorder.points[recorder.points.length - 2].smoothed).toBeLessThanOrEqual(4 * best);

    const nan = new LrFinderRecorder();
    expect(nan.add(0, 1e-7, Number.NaN)).toEqual({ reason: 'non-finite', step: 0, lr: 1e-7, value: 'NaN' });
    expect(nan.points).toHaveLength(0);
    expect(new LrFinderRecorder().add(3, 1, Infinity)).toMatchObject({ value: 'Infinity' });
  });

  it('suggests a tenth of the rate at the lowest smoothed loss, and names the steepest fall before it', () => {
    // A loss that falls like a logistic step centred at lr = 1e-3, bottoms out, and blows up past lr = 1.
    const points = curve((x) => 1 + 2 / (1 + Math.exp(4 * (x + 3))) + (x > 0 ? 10 * x : 0), 300);
    const suggestion = suggestLearningRate(points, 300);
    expect(suggestion.kind).toBe('minimum');
    if (suggestion.kind !== 'minimum') return;
    // fastai keeps all but the first num_it // 10 and the last 5 points.
    const kept = points.slice(30, points.length - 5);
    const lowest = kept.reduce((a, b) => (b.smoothed < a.smoothed ? b : a));
    expect(suggestion.minimumAt).toBe(lowest.lr);
    expect(suggestion.minimumLoss).toBe(lowest.smoothed);
    expect(suggestion.lr).toBe(Number((lowest.lr / 10).toPrecision(2)));
    // The bottom is between the fall (around 1e-3) and the blow-up (past 1).
    expect(Math.log10(suggestion.minimumAt)).toBeGreaterThan(-2);
    expect(Math.log10(suggestion.minimumAt)).toBeLessThanOrEqual(0.05);
    // The steepest fall on the way down: the most negative gradient against log lr before the minimum.
    const upTo = kept.slice(0, kept.indexOf(lowest) + 1);
    const gradients = upTo.slice(1).map((p, i) => (p.smoothed - upTo[i].smoothed) / Math.log(p.lr / upTo[i].lr));
    expect(suggestion.steepestAt).toBe(upTo[gradients.indexOf(Math.min(...gradients))].lr);
    expect(Math.log10(suggestion.steepestAt!)).toBeGreaterThan(-3.5);
    expect(Math.log10(suggestion.steepestAt!)).toBeLessThan(-1.5);
  });

  it('moves the suggestion with the curve: a bottom 100x lower gives a rate 100x lower', () => {
    const at = (shift: number) => {
      const s = suggestLearningRate(curve((x) => 1 + 2 / (1 + Math.exp(4 * (x - shift + 3))) + (x > shift ? 10 * (x - shift) : 0), 300), 300);
      return s.kind === 'minimum' ? Math.log10(s.minimumAt) : Number.NaN;
    };
    expect(at(0) - at(-2)).toBeCloseTo(2, 0);
  });

  it('suggests nothing for a loss that never falls by 2%, or too short a test', () => {
    expect(suggestLearningRate(curve(() => 1), 100)).toMatchObject({ kind: 'no-descent' });
    expect(suggestLearningRate(curve((x) => 2 + x / 10), 100)).toMatchObject({ kind: 'no-descent' });
    // Falls by 1% only.
    const small = suggestLearningRate(curve((x) => 1 - 0.0012 * (x + 7)), 100);
    expect(small.kind).toBe('no-descent');
    if (small.kind === 'no-descent') expect(small.fall).toBeLessThan(0.02);
    // 100 planned batches, 16 done: the first 10 and the last 5 are dropped, 1 point is left.
    expect(suggestLearningRate(curve((x) => -x, 100).slice(0, 16), 100)).toEqual({ kind: 'too-few-points', points: 1 });
    expect(suggestLearningRate([], 100)).toEqual({ kind: 'too-few-points', points: 0 });
  });

  it('formats rates as the dialog shows them', () => {
    expect(formatLearningRate(0.0032)).toBe('3.2e-3');
    expect(formatLearningRate(0.001)).toBe('1e-3');
    expect(formatLearningRate(0.05)).toBe('0.05');
    expect(formatLearningRate(0.5)).toBe('0.5');
    expect(formatLearningRate(1e-7)).toBe('1e-7');
    expect(formatLearningRate(10)).toBe('10');
  });
});
