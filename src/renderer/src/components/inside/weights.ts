import type { LayerWeightsInfo } from '../../../../shared/api/contract';
import { decodeNumber } from '../../../../shared/api/numbers';
import { formatWeight } from '../../../../shared/graph/linear-model';

/**
 * Issue 16, "inside the model": a Dense layer's weights as the inspector shows them — numbers for
 * a small layer, a heatmap and a histogram for a large one — computed here from a `model.weights`
 * answer (pure functions, no DOM).
 */

/** A layer with at most this many values (kernel + bias) is shown as tables of numbers; a larger one as a heatmap and a histogram. */
export const SMALL_LAYER_VALUES = 64;

/** One weight tensor with its numbers decoded (NaN and ±Infinity as numbers again). */
export interface WeightTensor {
  name: 'kernel' | 'bias';
  shape: number[];
  initial: number[] | null;
  current: number[];
}

/** A `model.weights` answer with its numbers decoded. */
export type LayerWeights = Omit<LayerWeightsInfo, 'tensors'> & { tensors: WeightTensor[] };

export function decodeLayerWeights(info: LayerWeightsInfo): LayerWeights {
  return { ...info, tensors: info.tensors.map((t) => ({ name: t.name, shape: t.shape, initial: t.initial ? t.initial.map(decodeNumber) : null, current: t.current.map(decodeNumber) })) };
}

export const layerValueCount = (w: LayerWeights): number => w.tensors.reduce((n, t) => n + t.current.length, 0);

export const isSmallLayer = (w: LayerWeights): boolean => layerValueCount(w) <= SMALL_LAYER_VALUES;

/** The kernel's weight from input `i` into unit `j` (row-major `[inputs, units]`, as tfjs and Keras hold it). */
export const kernelAt = (values: readonly number[], units: number, i: number, j: number): number => values[i * units + j];

/**
 * The largest |value| over the finite values of all the given arrays (null arrays skipped), the
 * end of a diverging colour scale centred at 0 that before and after share, so equal colours mean
 * equal numbers in both; 0 when every value is 0 or not finite.
 */
export function symmetricLimit(...arrays: (readonly number[] | null)[]): number {
  let max = 0;
  for (const values of arrays) {
    if (!values) continue;
    for (const v of values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  }
  return max;
}

/** The diverging scale's ends and middle: blue below 0, a light grey at 0, red above (ColorBrewer RdBu's ends). */
export const NEGATIVE_RGB = [33, 102, 172] as const;
export const ZERO_RGB = [247, 247, 247] as const;
export const POSITIVE_RGB = [178, 24, 43] as const;
/** The colour of a non-finite weight (NaN, ±Infinity): black, outside the scale. */
export const NON_FINITE_RGB = [0, 0, 0] as const;

/** `value`'s colour on the diverging scale −limit…0…+limit (linear in value, clamped), as [r, g, b]. */
export function divergingRgb(value: number, limit: number): [number, number, number] {
  if (!Number.isFinite(value)) return [...NON_FINITE_RGB];
  const t = limit > 0 ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const end = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(ZERO_RGB[k] + (end[k] - ZERO_RGB[k]) * a)) as [number, number, number];
}

/** A histogram: `bins` equal bins over [lo, hi] (the last bin includes hi), counts per bin, and how many values were not finite (not counted). */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
  nonFinite: number;
}

/**
 * Counts `values` into `bins` equal bins over [lo, hi]; values outside the range go to the
 * nearest end bin, NaN and ±Infinity to `nonFinite`. With lo = hi the range is widened to ±0.5
 * around it (a layer of equal weights, e.g. zero biases, is one bar).
 */
export function histogram(values: readonly number[], bins: number, lo: number, hi: number): Histogram {
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
  const counts = new Array<number>(bins).fill(0);
  let nonFinite = 0;
  const width = (hi - lo) / bins;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    counts[Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)))]++;
  }
  return { lo, hi, counts, nonFinite };
}

/**
 * The names of the kernel's rows: the project's feature names when the layer takes the model's
 * Input and there is one per row (e.g. `x` for the tutorial's regression), else `input 1…n`
 * (`fallback(i)`, 1-based).
 */
export function inputLabels(inputs: number, featureNames: readonly string[] | null, fallback: (index: number) => string): string[] {
  if (featureNames && featureNames.length === inputs) return [...featureNames];
  return Array.from({ length: inputs }, (_, i) => fallback(i + 1));
}

/** A weight as the tables show it (the exact value is in the cell's title): the shared `formatWeight`, which the fitted-line equation uses too. */
export const weightText = formatWeight;
