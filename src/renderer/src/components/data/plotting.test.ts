import { describe, expect, it } from 'vitest';
import { alignedLayers, equalSpans, paddedRange, TARGET_COLORS, targetBins } from './plotting';

describe('alignedLayers', () => {
  it('merges layers on one ascending x column, keeping equal x values of different points', () => {
    const data = alignedLayers([
      { x: [3, 1, 1], y: [30, 10, 11] },
      { x: [2, 0], y: [-2, 0] },
    ]);
    expect(data[0]).toEqual([0, 1, 1, 2, 3]);
    expect(data[1]).toEqual([null, 10, 11, null, 30]);
    expect(data[2]).toEqual([0, null, null, -2, null]);
  });

  it('leaves out y values that are NaN or infinite (an overflowing prediction)', () => {
    expect(alignedLayers([{ x: [0, 1, 2], y: [1, NaN, Infinity] }])[1]).toEqual([1, null, null]);
  });
});

describe('paddedRange', () => {
  it('widens a column range by 8% each side, and a constant column by 0.08', () => {
    // rows of [a, b]: column 1 is 0, 10
    expect(paddedRange([5, 0, 5, 10], 2, 1, 2)).toEqual([-0.8, 10.8]);
    expect(paddedRange([5, 0, 5, 10], 2, 0, 2)).toEqual([4.92, 5.08]);
  });
});

describe('equalSpans (issue 17)', () => {
  it('widens the shorter range about its centre to the longer span, so a square box has equal pixels per unit', () => {
    expect(equalSpans([-1, 1], [0, 1])).toEqual({ x: [-1, 1], y: [-0.5, 1.5] });
    expect(equalSpans([2, 3], [-4, 4])).toEqual({ x: [-1.5, 6.5], y: [-4, 4] });
  });
});

describe('targetBins (issue 17)', () => {
  it('cuts a number target into equal bins, low to high, each named by its range', () => {
    const bins = targetBins(new Float32Array([0, 7, 3.5, 1]), 1, 4);
    expect(bins.bins).toBe(TARGET_COLORS.length);
    expect([0, 0.99, 1, 3.5, 7].map(bins.bin)).toEqual([0, 0, 1, 3, 6]);
    expect(bins.label(0)).toBe('0 – 1');
    expect(bins.label(6)).toBe('6 – 7');
  });
  it('puts a constant target in one bin', () => {
    const bins = targetBins(new Float32Array([2, 2]), 1, 2);
    expect(bins.bins).toBe(1);
    expect(bins.bin(2)).toBe(0);
    expect(bins.label(0)).toBe('2');
  });
});
