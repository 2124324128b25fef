import { describe, expect, it } from 'vitest';
import { alignedLayers, equalSpans, paddedRange } from './plotting';

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
