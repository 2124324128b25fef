import type { RawImages } from '../data/images';
import type { ImagesDataset } from '../project/schema';

/**
 * Issue 14: what a code export of an image dataset writes beside its script, and how the script
 * finds it. The pixels and labels go as two NumPy `.npy` files (format version 1.0, little-endian,
 * C order; https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html), readable with
 * `numpy.load` and by a few lines of TypeScript (the generated script's `readNpy`):
 *   `<stem>.images.npy`: uint8 (`|u1`), shape [rows, height, width, channels], raw 0…maxValue, HWC;
 *   `<stem>.labels.npy`: int32 (`<i4`), shape [rows], the class index of each image.
 * Raw, as Neurite stores them: the script scales them with the project's pipeline (PREPROCESSING).
 */

/** The data files of a script named `<stem>.py` / `<stem>.ts`. */
export interface ImageDataFileNames {
  images: string;
  labels: string;
}

export function imageDataFileNames(stem: string): ImageDataFileNames {
  return { images: `${stem}.images.npy`, labels: `${stem}.labels.npy` };
}

/** A file name stem from a project name, as the app names exported scripts (`My model!` → `My_model_`; empty → `model`). */
export function scriptStem(name: string): string {
  return (name.trim() || 'model').replace(/[^\w.-]+/g, '_');
}

/**
 * One `.npy` file (format 1.0): the magic string, the header dict padded with spaces to a multiple
 * of 64 bytes and ended by a newline, then the data. `|u1` takes Uint8Array, `<i4` Int32Array
 * (written little-endian whatever the platform).
 */
export function npyBytes(dtype: '|u1' | '<i4', shape: number[], data: Uint8Array | Int32Array): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new Error(`npy: ${data.length} values for shape [${shape.join(', ')}] (${count} expected).`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${dims}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const itemSize = dtype === '|u1' ? 1 : 4;
  const out = new Uint8Array(10 + header.length + count * itemSize);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, 10 + header.length);
  if (itemSize === 1) out.set(data, 10 + header.length);
  else for (let i = 0; i < count; i++) body.setInt32(i * 4, data[i], true);
  return out;
}

/**
 * The two data files of an image dataset's code export: the spec's first `spec.rows` images of
 * `raw` (the same rows Neurite trains on) and their labels.
 * @throws Error naming expected and got when `raw` has fewer images or another size than the spec.
 */
export function imageDataFiles(spec: ImagesDataset, raw: RawImages, stem: string): { name: string; bytes: Uint8Array }[] {
  const { height, width, channels, rows } = spec;
  if (raw.height !== height || raw.width !== width || raw.channels !== channels || raw.rows < rows) {
    throw new Error(`The images do not match the project: expected ${rows} images of ${height}×${width}×${channels}, got ${raw.rows} of ${raw.height}×${raw.width}×${raw.channels}. Import the images again.`);
  }
  const names = imageDataFileNames(stem);
  return [
    { name: names.images, bytes: npyBytes('|u1', [rows, height, width, channels], raw.pixels.subarray(0, rows * height * width * channels)) },
    { name: names.labels, bytes: npyBytes('<i4', [rows], Int32Array.from(raw.labels.subarray(0, rows))) },
  ];
}

/** What a generated script embeds of an image dataset: the data files' names and what they hold. */
export function imageScriptSpec(spec: ImagesDataset, stem: string) {
  return {
    ...imageDataFileNames(stem),
    rows: spec.rows,
    height: spec.height,
    width: spec.width,
    channels: spec.channels,
    maxValue: spec.maxValue,
    classNames: spec.classNames,
    labelEncoding: spec.labelEncoding,
    source: spec.source.kind === 'builtin' ? `built-in ${spec.source.name}` : spec.source.name,
  };
}
