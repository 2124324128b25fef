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
    expect(options).toEqual({ startLr: 1e-7, endLr: 10, steps: 100 });
    expect(resolveLrFinderOptions({ steps: 50 })).toEqual({ startLr: 1e-7, endLr: 10, steps: 50 });
    expect(() => resolveLrFinderOptions({ startLr: 0.1, endLr: 0.01 })).toThrow(/endLr must be above its startLr \(0\.1\); got 0\.01/);
  });

  it('raises the rate exponentially from startLr at the first batch to endLr at the last', () => {
    const lrs = Array.from({ length: 100 }, (_, i) => finderLearningRate(i, options));
    expect(lrs[0]).toBe(1e-7);
    expect(lrs[99]).toBeCloseTo(10, 10);
    for (let i = 1; i < lrs.length; i++) {
      expect(lrs[i]).toBeGreaterThan(lrs[i - 1]);
      // Equal ratios between consecutive batches: 10^(8/99).
      expect(lrs[i] / lrs[i - 1]).toBeCloseTo(10 ** (8 / 99), 10);
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

  it('suggests the rate where the smoothed loss falls fastest against log lr', () => {
    // A loss that falls like a logistic step centred at lr = 1e-3 and is flat elsewhere.
    const points = curve((x) => 1 + 2 / (1 + Math.exp(4 * (x + 3))));
    const suggestion = suggestLearningRate(points, 100);
    expect(suggestion.kind).toBe('steepest');
    if (suggestion.kind !== 'steepest') return;
    // The smoothed curve lags the raw one a little (beta 0.98), so the steepest point sits a bit past 1e-3.
    expect(Math.log10(suggestion.atLr)).toBeGreaterThan(-3.2);
    expect(Math.log10(suggestion.atLr)).toBeLessThan(-1.5);
    expect(suggestion.lr).toBe(Number(suggestion.atLr.toPrecision(2)));
    // It is a point of the curve, and its gradient is the most negative of the kept points.
    const kept = points.slice(10, points.length - 5);
    const index = kept.findIndex((p) => p.lr === suggestion.atLr);
    expect(index).toBeGreaterThanOrEqual(0);
    const gradients = kept.slice(1).map((p, i) => (p.smoothed - kept[i].smoothed) / Math.log(p.lr / kept[i].lr));
    expect(gradients[index]).toBe(Math.min(...gradients));
    // fastai's "minimum" is a tenth of the rate at the lowest smoothed loss.
    const lowest = kept.reduce((a, b) => (b.smoothed < a.smoothed ? b : a));
    expect(suggestion.minimumLr).toBe(Number((lowest.lr / 10).toPrecision(2)));
  });

  it('moves the suggestion with the curve: a fall centred at 1e-5 is suggested about 100x lower than one at 1e-3', () => {
    const at = (centre: number) => {
      const s = suggestLearningRate(curve((x) => 1 + 2 / (1 + Math.exp(4 * (x - centre)))), 100);
      return s.kind === 'steepest' ? Math.log10(s.atLr) : Number.NaN;
    };
    expect(at(-3) - at(-5)).toBeCloseTo(2, 0);
  });

  it('suggests nothing for a loss that never falls, or too short a test', () => {
    expect(suggestLearningRate(curve(() => 1), 100)).toEqual({ kind: 'no-descent' });
    expect(suggestLearningRate(curve((x) => 2 + x / 10), 100)).toEqual({ kind: 'no-descent' });
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
