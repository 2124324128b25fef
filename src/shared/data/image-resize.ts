/**
 * Issue 14 (image folders): how a decoded image becomes a dataset example — grayscale conversion
 * and resizing — in pure TypeScript, so every path that turns a picture into model input (the
 * folder import in main's worker, and any predict path that takes a dropped image) computes the
 * same pixels. Deterministic and the same on every platform: an imported folder is stored under
 * the sha256 of its packed pixels, so importing the same files again gives the same key.
 */

/** Decoded 8-bit pixels, HWC row-major. */
export interface PixelImage {
  height: number;
  width: number;
  channels: number;
  data: Uint8Array;
}

/**
 * ITU-R BT.601 luma of 8-bit RGB in Pillow's fixed-point form (`ImagingConvert` "RGB" → "L":
 * `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16`, i.e. 0.299 R + 0.587 G + 0.114 B rounded), the
 * conversion Keras' `load_img(color_mode="grayscale")` uses. A gray pixel (R = G = B) keeps its value.
 * @throws Error when `image.channels` is not 3.
 */
export function rgbToGray(image: PixelImage): PixelImage {
  if (image.channels !== 3) throw new Error(`rgbToGray expects 3 channels (RGB), got ${image.channels}.`);
  const n = image.height * image.width;
  const out = new Uint8Array(n);
  const d = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (d[j] * 19595 + d[j + 1] * 38470 + d[j + 2] * 7471 + 0x8000) >>> 16;
  return { height: image.height, width: image.width, channels: 1, data: out };
}

/** Per output index along one axis: the source indices it reads and their weights (summing to 1). */
interface AxisTaps {
  index: Int32Array;
  weight: Float64Array;
  /** Offsets into index/weight per output position (length out + 1). */
  start: Int32Array;
}

/**
 * Resampling weights along one axis. Shrinking averages the source pixels each output pixel covers,
 * weighted by the covered fraction (area averaging, OpenCV `INTER_AREA`; exact block means for
 * integer factors, no aliasing); enlarging interpolates linearly between the two nearest source
 * pixel centres (half-pixel centres, as Keras `Resizing(interpolation="bilinear")` and Pillow's
 * BILINEAR), edges clamped. Equal sizes copy.
 */
function axisTaps(inSize: number, outSize: number): AxisTaps {
  const index: number[] = [];
  const weight: number[] = [];
  const start = new Int32Array(outSize + 1);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    if (inSize === outSize) {
      index.push(o);
      weight.push(1);
    } else if (inSize > outSize) {
      const from = o * scale;
      const to = (o + 1) * scale;
      for (let i = Math.floor(from); i < Math.min(inSize, Math.ceil(to)); i++) {
        const covered = Math.min(to, i + 1) - Math.max(from, i);
        if (covered > 1e-12) {
          index.push(i);
          weight.push(covered / scale);
        }
      }
    } else {
      const centre = Math.min(inSize - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const left = Math.floor(centre);
      const right = Math.min(inSize - 1, left + 1);
      const t = centre - left;
      index.push(left);
      weight.push(1 - t);
      if (right !== left && t > 0) {
        index.push(right);
        weight.push(t);
      }
    }
  }
  start[outSize] = index.length;
  return { index: Int32Array.from(index), weight: Float64Array.from(weight), start };
}

/**
 * Resizes to `height` × `width` (aspect ratio not kept: the image is stretched, as Keras'
 * `image_dataset_from_directory` does by default with `crop_to_aspect_ratio=False`), separably:
 * rows first, then columns, in float64, rounded to the nearest integer at the end.
 * @throws Error when a size is not a positive whole number.
 */
export function resizeImage(image: PixelImage, height: number, width: number): PixelImage {
  for (const [name, value] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`The image ${name} must be a whole number of at least 1; got ${value}.`);
  }
  if (image.height === height && image.width === width) return { ...image, data: image.data.slice() };
  const k = image.channels;
  const cols = axisTaps(image.width, width);
  const rows = axisTaps(image.height, height);
  // Horizontal pass: image.height × width × k.
  const mid = new Float64Array(image.height * width * k);
  for (let r = 0; r < image.height; r++) {
    const rowIn = r * image.width * k;
    const rowOut = r * width * k;
    for (let c = 0; c < width; c++) {
      for (let t = cols.start[c]; t < cols.start[c + 1]; t++) {
        const w = cols.weight[t];
        const src = rowIn + cols.index[t] * k;
        for (let ch = 0; ch < k; ch++) mid[rowOut + c * k + ch] += w * image.data[src + ch];
      }
    }
  }
  const out = new Uint8Array(height * width * k);
  const acc = new Float64Array(width * k);
  for (let r = 0; r < height; r++) {
    acc.fill(0);
    for (let t = rows.start[r]; t < rows.start[r + 1]; t++) {
      const w = rows.weight[t];
      const src = rows.index[t] * width * k;
      for (let i = 0; i < width * k; i++) acc[i] += w * mid[src + i];
    }
    for (let i = 0; i < width * k; i++) out[r * width * k + i] = Math.min(255, Math.max(0, Math.round(acc[i])));
  }
  return { height, width, channels: k, data: out };
}

/** An RGB image as a dataset example: grayscale (then resized, as Keras converts before resizing) or RGB resized. */
export function toExample(rgb: PixelImage, height: number, width: number, channels: 1 | 3): PixelImage {
  return resizeImage(channels === 1 ? rgbToGray(rgb) : rgb, height, width);
}

/**
 * An image file as the predict panel takes it (trial 5, F21): RGBA bytes at the image's own size
 * (decoded by the browser, painted over white paper) → the dataset's example by the import's own
 * arithmetic (`toExample`: BT.601 luma for one channel, then area/bilinear resize to height ×
 * width — src/shared/data/image-resize.ts, what main's folder import does), then 0–255 mapped to
 * 0…maxValue (rounded) and, with `invert`, v → 255 − v first. One image, one set of pixels on
 * both paths: a file that was imported predicts exactly as its dataset row.
 */
export function exampleRowFromRgba(rgba: Uint8ClampedArray | Uint8Array, size: { width: number; height: number }, spec: { height: number; width: number; channels: 1 | 3; maxValue: number }, invert: boolean): number[] {
  const n = size.width * size.height;
  const rgb = new Uint8Array(n * 3);
  for (let p = 0; p < n; p++) {
    rgb[p * 3] = rgba[p * 4];
    rgb[p * 3 + 1] = rgba[p * 4 + 1];
    rgb[p * 3 + 2] = rgba[p * 4 + 2];
  }
  const example = toExample({ height: size.height, width: size.width, channels: 3, data: rgb }, spec.height, spec.width, spec.channels);
  return Array.from(example.data, (v) => Math.round(((invert ? 255 - v : v) / 255) * spec.maxValue));
}
