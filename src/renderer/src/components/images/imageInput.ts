/**
 * Issue 14 (seeing it): a drawing or an image file → one RAW image row of the project's image
 * dataset (height × width × channels values, 0…maxValue, HWC row-major), the form `model.predict`
 * takes; the trainer's pipeline scales it. Pure functions of pixel arrays, so they are tested
 * without a browser; the canvas and the browser's decoder (createImageBitmap) stay in the components.
 */

/** An ink-coverage image: `ink[y * width + x]` in 0…1 (0 = paper, 1 = ink). */
export interface Ink {
  width: number;
  height: number;
  ink: Float32Array;
}

/** A region of an image in pixel units (x1, y1 exclusive). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The smallest box holding every pixel with ink above `threshold`; null for an empty drawing. */
export function inkBox({ width, height, ink }: Ink, threshold = 0.05): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Area-average resampling of `box` of `source` to `outWidth` × `outHeight`: each output pixel is
 * the mean of the source area it covers, weighted by overlap (anti-aliased when shrinking,
 * exact when enlarging by whole factors).
 */
export function resampleArea(source: Ink, box: Box, outWidth: number, outHeight: number): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const sx = (box.x1 - box.x0) / outWidth;
  const sy = (box.y1 - box.y0) / outHeight;
  for (let ty = 0; ty < outHeight; ty++) {
    const a0 = box.y0 + ty * sy;
    const a1 = a0 + sy;
    for (let tx = 0; tx < outWidth; tx++) {
      const b0 = box.x0 + tx * sx;
      const b1 = b0 + sx;
      let sum = 0;
      for (let y = Math.floor(a0); y < Math.ceil(a1); y++) {
        const wy = Math.min(a1, y + 1) - Math.max(a0, y);
        if (wy <= 0 || y < 0 || y >= source.height) continue;
        for (let x = Math.floor(b0); x < Math.ceil(b1); x++) {
          const wx = Math.min(b1, x + 1) - Math.max(b0, x);
          if (wx <= 0 || x < 0 || x >= source.width) continue;
          sum += wx * wy * source.ink[y * source.width + x];
        }
      }
      out[ty * outWidth + tx] = sum / (sx * sy);
    }
  }
  return out;
}

/** The size of `box` scaled so its longer side is `side` (aspect ratio kept, at least 1 pixel each way). */
function fitSize(box: Box, side: number): { width: number; height: number } {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = side / Math.max(w, h);
  return { width: Math.max(1, Math.min(side, Math.round(w * scale))), height: Math.max(1, Math.min(side, Math.round(h * scale))) };
}

/**
 * A drawn digit → an 8×8 row of the scikit-learn digits set (values 0–16), made as that set was
 * made (UCI Optical Recognition of Handwritten Digits): the digit's ink, cropped and scaled to fit
 * a 32×32 bitmap (aspect kept, centred), thresholded at half coverage to a bilevel bitmap, then each
 * non-overlapping 4×4 block counted (0–16 set pixels). Null for an empty drawing.
 */
export function digitsRowFromInk(source: Ink): number[] | null {
  const box = inkBox(source);
  if (!box) return null;
  const size = fitSize(box, 32);
  const patch = resampleArea(source, box, size.width, size.height);
  const bitmap = new Uint8Array(32 * 32);
  const ox = Math.floor((32 - size.width) / 2);
  const oy = Math.floor((32 - size.height) / 2);
  for (let y = 0; y < size.height; y++) for (let x = 0; x < size.width; x++) bitmap[(oy + y) * 32 + ox + x] = patch[y * size.width + x] >= 0.5 ? 1 : 0;
  const row = new Array<number>(64).fill(0);
  for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) row[(y >> 2) * 8 + (x >> 2)] += bitmap[y * 32 + x];
  return row;
}

/**
 * A drawn digit → a 28×28 MNIST row (values 0–255), with MNIST's preprocessing (LeCun et al.):
 * the ink cropped and size-normalised to fit a 20×20 box keeping its aspect ratio (anti-aliased,
 * so grey levels appear), then placed in the 28×28 field so its centre of mass sits at the centre.
 * Null for an empty drawing.
 */
export function mnistRowFromInk(source: Ink): number[] | null {
  const box = inkBox(source);
  if (!box) return null;
  const size = fitSize(box, 20);
  const patch = resampleArea(source, box, size.width, size.height);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const v = patch[y * size.width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  // Translate so the centre of mass lands on (14, 14), kept inside the field.
  const ox = Math.max(0, Math.min(28 - size.width, Math.round(14 - mx / mass)));
  const oy = Math.max(0, Math.min(28 - size.height, Math.round(14 - my / mass)));
  const row = new Array<number>(784).fill(0);
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) row[(oy + y) * 28 + ox + x] = Math.round(Math.min(1, patch[y * size.width + x]) * 255);
  }
  return row;
}

/** Mean brightness 0–1 of RGBA bytes (luma): a mostly light image of a digit is dark ink on paper. */
export function meanBrightness(rgba: Uint8ClampedArray | Uint8Array): number {
  let sum = 0;
  const n = rgba.length / 4;
  for (let p = 0; p < n; p++) sum += 0.299 * rgba[p * 4] + 0.587 * rgba[p * 4 + 1] + 0.114 * rgba[p * 4 + 2];
  return n ? sum / n / 255 : 0;
}
