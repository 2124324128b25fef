import { decodeNumber, type WireNumber } from '../../../../shared/api/numbers';

/**
 * Issue 14: feature maps and filters as small grayscale tiles. Every tile (one channel of one
 * layer's output, or one input channel of one filter) is normalised on its own: its smallest
 * finite value is black, its largest white, linearly between; a tile whose values are all equal
 * is mid-grey; a non-finite value (a diverged model) is red. The tile's range is kept for its tooltip.
 */
export interface Tile {
  width: number;
  height: number;
  /** RGBA, width × height × 4, for `ImageData`. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
  /** The tile's smallest and largest finite values (NaN when it has none). */
  min: number;
  max: number;
  /** How many of its values are not finite numbers. */
  nonFinite: number;
}

/**
 * One tile from `count` values read at `at(i)` (i = y · width + x), normalised per tile.
 * The grey of value v is round(255 · (v − min) / (max − min)).
 */
export function tileFrom(width: number, height: number, at: (i: number) => number): Tile {
  const count = width * height;
  const values = new Float64Array(count);
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    values[i] = v;
    if (!Number.isFinite(v)) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const rgba = new Uint8ClampedArray(count * 4);
  const span = max - min;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    const o = i * 4;
    rgba[o + 3] = 255;
    if (!Number.isFinite(v)) {
      rgba[o] = 220;
      continue;
    }
    const grey = span > 0 ? Math.round((255 * (v - min)) / span) : 128;
    rgba[o] = rgba[o + 1] = rgba[o + 2] = grey;
  }
  return { width, height, rgba, min: nonFinite === count ? NaN : min, max: nonFinite === count ? NaN : max, nonFinite };
}

/** The tiles of a layer output `[height, width, channels]` (row-major HWC wire values): one per channel, the first `limit`. */
export function mapTiles(shape: readonly [number, number, number], values: readonly WireNumber[], limit = Infinity): Tile[] {
  const [h, w, c] = shape;
  const numbers = values.map(decodeNumber);
  return Array.from({ length: Math.min(c, limit) }, (_, ch) => tileFrom(w, h, (i) => numbers[i * c + ch]));
}

/**
 * The tiles of a Conv2D kernel `[kh, kw, inChannels, filters]` (row-major wire values): for each
 * filter (the first `limit`), one tile per input channel, `tiles[filter][inChannel]`.
 */
export function filterTiles(shape: readonly [number, number, number, number], values: readonly WireNumber[], limit = Infinity): Tile[][] {
  const [kh, kw, cin, cout] = shape;
  const numbers = values.map(decodeNumber);
  return Array.from({ length: Math.min(cout, limit) }, (_, f) => Array.from({ length: cin }, (_, c) => tileFrom(kw, kh, (i) => numbers[(i * cin + c) * cout + f])));
}

/** The raw input image as tiles, one per channel, scaled 0…maxValue (not per tile: it is the picture as stored). */
export function imageTiles(row: readonly number[], height: number, width: number, channels: number, maxValue: number): Tile[] {
  return Array.from({ length: channels }, (_, ch) => {
    const tile = tileFrom(width, height, (i) => row[i * channels + ch]);
    for (let i = 0; i < width * height; i++) {
      const v = row[i * channels + ch];
      if (Number.isFinite(v)) tile.rgba[i * 4] = tile.rgba[i * 4 + 1] = tile.rgba[i * 4 + 2] = Math.round((255 * Math.min(Math.max(v, 0), maxValue)) / maxValue);
    }
    return tile;
  });
}
