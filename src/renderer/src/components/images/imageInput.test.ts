import { describe, expect, it } from 'vitest';
import { digitsRowFromInk, inkBox, mnistRowFromInk, resampleArea, type Ink } from './imageInput';
import { exampleRowFromRgba } from '../../../../shared/data/image-resize';

/** A 280×280 drawing with ink in the given rectangles (x0, y0, x1, y1), as the predict canvas gives it. */
function drawing(...rects: [number, number, number, number][]): Ink {
  const ink = new Float32Array(280 * 280);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * 280 + x] = 1;
  return { width: 280, height: 280, ink };
}

describe('a drawing as a digits-set row (issue 14)', () => {
  it('an empty drawing gives no row', () => {
    expect(digitsRowFromInk(drawing())).toBeNull();
    expect(mnistRowFromInk(drawing())).toBeNull();
  });

  it('counts inked pixels of the 32×32 bitmap in 4×4 blocks (0–16): a filled square is 16 everywhere', () => {
    expect(digitsRowFromInk(drawing([50, 50, 150, 150]))).toEqual(new Array(64).fill(16));
  });

  it('a vertical stroke ("1") fills the middle columns top to bottom, wherever it was drawn, and nothing else', () => {
    const near = digitsRowFromInk(drawing([40, 20, 62, 260]))!;
    const far = digitsRowFromInk(drawing([200, 60, 222, 200]))!;
    for (const row of [near, far]) {
      for (let r = 0; r < 8; r++) {
        const line = row.slice(r * 8, r * 8 + 8);
        expect(line.slice(0, 3).concat(line.slice(5))).toEqual([0, 0, 0, 0, 0, 0]);
        expect(line[3] + line[4]).toBeGreaterThan(8);
      }
    }
  });
});

describe('a drawing as an MNIST row (issue 14)', () => {
  it('fits the digit in 20×20 (aspect kept) and centres its mass at (14, 14), values 0–255', () => {
    // A small square drawn in a corner.
    const row = mnistRowFromInk(drawing([10, 10, 50, 50]))!;
    expect(row.length).toBe(784);
    let mass = 0;
    let mx = 0;
    let my = 0;
    let inked = 0;
    row.forEach((v, i) => {
      mass += v;
      mx += v * ((i % 28) + 0.5);
      my += v * (Math.floor(i / 28) + 0.5);
      if (v > 0) inked++;
    });
    expect(Math.abs(mx / mass - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - 14)).toBeLessThanOrEqual(0.5);
    expect(inked).toBe(400);
    expect(Math.max(...row)).toBe(255);
  });

  it('a tall stroke keeps its aspect: 20 high, narrow', () => {
    const row = mnistRowFromInk(drawing([100, 20, 122, 260]))!;
    const rows = new Set<number>();
    const cols = new Set<number>();
    row.forEach((v, i) => v > 0 && (rows.add(Math.floor(i / 28)), cols.add(i % 28)));
    expect(rows.size).toBe(20);
    expect(cols.size).toBeLessThanOrEqual(3);
  });
});

describe('resampling and image files (issue 14)', () => {
  it('area-averages: a half-inked 2×1 source is 0.5 at 1×1; enlarging repeats pixels', () => {
    const src: Ink = { width: 2, height: 1, ink: Float32Array.from([1, 0]) };
    expect(Array.from(resampleArea(src, { x0: 0, y0: 0, x1: 2, y1: 1 }, 1, 1))).toEqual([0.5]);
    expect(Array.from(resampleArea(src, { x0: 0, y0: 0, x1: 2, y1: 1 }, 4, 1))).toEqual([1, 1, 0, 0]);
    expect(inkBox(src)).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('RGBA → grayscale luma (BT.601) mapped to 0…maxValue, optionally inverted; RGB kept for 3 channels', () => {
    const rgba = Uint8Array.from([255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 0, 255]);
    const size = { width: 3, height: 1 };
    expect(exampleRowFromRgba(rgba, size, { height: 1, width: 3, channels: 1, maxValue: 255 }, false)).toEqual([255, 76, 0]);
    expect(exampleRowFromRgba(rgba, size, { height: 1, width: 3, channels: 1, maxValue: 16 }, true)).toEqual([0, 11, 16]);
    expect(exampleRowFromRgba(rgba, size, { height: 1, width: 3, channels: 3, maxValue: 255 }, false)).toEqual([255, 255, 255, 255, 0, 0, 0, 0, 0]);
  });
});
