import { MAX_IMAGE_BYTES_PER_CALL, type ImagesResponse } from '../../shared/api/contract';
import { checkImagesFitSpec, pixelStats } from '../../shared/data/images';
import type { ImagesDataset } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';
import { loadRawImages } from './load-images';

/**
 * Issue 14 (seeing it): images `start` … `start + count − 1` of an image dataset as the editor
 * takes them (`data.images`): raw bytes as base64, class indices, and the per-channel statistics
 * of all the dataset's `rows` images (what `zscore` scaling stores as its transform). Node only,
 * heavy (reads the set): runs in main's worker thread, never on its event loop.
 * @throws ServiceError `too-large` when the range holds more than MAX_IMAGE_BYTES_PER_CALL bytes,
 *   `bad-range` when `start` is past the last image; the images' own errors (a damaged set) as they are.
 */
export function imagesRange(spec: ImagesDataset, start: number, count: number, dir?: string): ImagesResponse {
  const size = spec.height * spec.width * spec.channels;
  if (start > spec.rows) throw new ServiceError('bad-range', `Images from ${start}: the dataset has ${spec.rows} images (numbered from 0). Ask for a start from 0 to ${spec.rows}.`);
  const n = Math.min(count, spec.rows - start);
  if (n * size > MAX_IMAGE_BYTES_PER_CALL) {
    throw new ServiceError('too-large', `${n} images of ${spec.height}×${spec.width}×${spec.channels} are ${n * size} bytes, more than the ${MAX_IMAGE_BYTES_PER_CALL} one answer carries. Ask for at most ${Math.floor(MAX_IMAGE_BYTES_PER_CALL / size)} images at a time.`);
  }
  const raw = loadRawImages(spec, dir);
  checkImagesFitSpec(spec, raw);
  const pixels = raw.pixels.subarray(start * size, (start + n) * size);
  return {
    total: spec.rows,
    start,
    count: n,
    pixels: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength).toString('base64'),
    labels: Array.from(raw.labels.subarray(start, start + n)),
    stats: pixelStats({ pixels: raw.pixels.subarray(0, spec.rows * size), channels: spec.channels }),
  };
}
