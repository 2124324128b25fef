import { create } from 'zustand';
import { imageDataInfo } from '../../../shared/data/images';
import type { Dataset } from '../../../shared/data/types';
import type { ImagesDataset } from '../../../shared/project/schema';
import type { ImagesResponse } from '../../../shared/api/contract';

/**
 * The editor's copy of an image dataset's raw pixels (issue 14): images live in main (built-in
 * sets in the bundle, imported folders in the data store) and arrive here for the data view, the
 * sample grid and the results. Until they arrive the preview is the dataset's shape with no rows
 * (as for CSV data, see CsvImportState).
 */
interface ImageSampleState {
  /** By `imageSampleKey`: the raw images as a Dataset (x = raw pixel values, y = labels), or why they could not be loaded. */
  samples: Record<string, Dataset | Error>;
  /** By `imageStatsKey`: per-channel mean and population std of the dataset's raw pixels (for `zscore`), as main computed them. */
  stats: Record<string, { mean: number[]; std: number[] }>;
  remember: (key: string, sample: Dataset | Error) => void;
}

export const useImageSamples = create<ImageSampleState>((set) => ({
  samples: {},
  stats: {},
  remember: (key, sample) => set((s) => ({ samples: { ...s.samples, [key]: sample } })),
}));

/** Same source, same size, same classes and count → same images. */
export function imageSampleKey(spec: ImagesDataset): string {
  return JSON.stringify([spec.source.kind === 'builtin' ? spec.source.name : spec.source.sha256, spec.height, spec.width, spec.channels, spec.rows, spec.labelEncoding]);
}

/** The statistics depend on the images only, not on how labels are encoded. */
function imageStatsKey(spec: ImagesDataset): string {
  return JSON.stringify([spec.source.kind === 'builtin' ? spec.source.name : spec.source.sha256, spec.height, spec.width, spec.channels, spec.rows]);
}

// ---- issue 14: seeing it
/**
 * Raw values the editor holds at most per image dataset (8 M values, 32 MB as float32): all of
 * a built-in set (MNIST subset: 10,000 × 784 = 7.84 M), the first images of a larger imported one.
 */
export const MAX_PREVIEW_VALUES = 8_000_000;

/** Images the editor loads of `spec`: all of them, or as many as MAX_PREVIEW_VALUES holds. */
export function previewImageCount(spec: Pick<ImagesDataset, 'rows' | 'height' | 'width' | 'channels'>): number {
  return Math.min(spec.rows, Math.max(1, Math.floor(MAX_PREVIEW_VALUES / (spec.height * spec.width * spec.channels))));
}

/** Decodes a `data.images` answer into the preview Dataset of `spec`: raw pixel values, labels as the spec encodes them. */
export function imagesResponseToDataset(spec: ImagesDataset, response: Pick<ImagesResponse, 'count' | 'pixels' | 'labels'>): Dataset {
  const info = imageDataInfo(spec);
  const bytes = base64ToBytes(response.pixels);
  const rows = response.count;
  if (bytes.length !== rows * info.numFeatures || response.labels.length !== rows) {
    throw new Error(`The images arrived damaged: expected ${rows} images of ${info.numFeatures} values, got ${bytes.length} values and ${response.labels.length} labels. Reopen the project.`);
  }
  const x = Float32Array.from(bytes);
  const classes = spec.classNames.length;
  const y = new Float32Array(rows * info.labelWidth);
  response.labels.forEach((label, r) => {
    if (spec.labelEncoding === 'onehot') y[r * classes + label] = 1;
    else y[r] = label;
  });
  return { ...info, rows, x, y };
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const requested = new Map<string, Promise<void>>();

/** Asks main for the images of `spec` once (see previewImageCount); components re-render through useImageSamples. */
export function requestImageSamples(spec: ImagesDataset): Promise<void> {
  const key = imageSampleKey(spec);
  const pending = requested.get(key);
  if (pending) return pending;
  if (useImageSamples.getState().samples[key]) return Promise.resolve();
  // Imported lazily: this module sits under the store, which unit tests load without a window.
  const promise = import('../api')
    .then(({ api }) => api['data.images']({ dataset: spec, start: 0, count: previewImageCount(spec) }))
    .then(
      (response) => {
        useImageSamples.setState((s) => ({ stats: { ...s.stats, [imageStatsKey(spec)]: response.stats } }));
        useImageSamples.getState().remember(key, imagesResponseToDataset(spec, response));
        forgetOlderSamples(key);
      },
      (error: unknown) => {
        // A failed load may be retried (e.g. after the user fixes the data folder).
        requested.delete(key);
        useImageSamples.getState().remember(key, error instanceof Error ? error : new Error(String(error)));
      },
    );
  requested.set(key, promise);
  return promise;
}

/** Image sets the editor keeps at once (each up to MAX_PREVIEW_VALUES values): the current one and the last few, for undo. */
const KEPT_SAMPLES = 3;

function forgetOlderSamples(newest: string): void {
  const keys = Object.keys(useImageSamples.getState().samples).filter((k) => k !== newest);
  const drop = keys.slice(0, Math.max(0, keys.length - (KEPT_SAMPLES - 1)));
  if (drop.length === 0) return;
  for (const key of drop) requested.delete(key);
  useImageSamples.setState((s) => ({ samples: Object.fromEntries(Object.entries(s.samples).filter(([k]) => !drop.includes(k))) }));
}

/** The per-channel pixel statistics of `spec`'s images, asking main when they are not here yet. */
export async function imageStats(spec: ImagesDataset): Promise<{ mean: number[]; std: number[] }> {
  const known = useImageSamples.getState().stats[imageStatsKey(spec)];
  if (known) return known;
  const { api } = await import('../api');
  const response = await api['data.images']({ dataset: spec, start: 0, count: 0 });
  useImageSamples.setState((s) => ({ stats: { ...s.stats, [imageStatsKey(spec)]: response.stats } }));
  return response.stats;
}

/** Why the images of `spec` are not (all) in the editor: loading, failed, or only the first ones; null when all are. */
export function imageSampleProblem(spec: ImagesDataset): { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'partial'; loaded: number } | null {
  const sample = useImageSamples.getState().samples[imageSampleKey(spec)];
  if (!sample) return { kind: 'loading' };
  if (sample instanceof Error) return { kind: 'failed', message: sample.message };
  return sample.rows < spec.rows ? { kind: 'partial', loaded: sample.rows } : null;
}
// ---- end issue 14: seeing it

/** The raw images of `spec` as the editor has them, or an empty dataset of the right shape while they load. */
export function imagesPreviewDataset(spec: ImagesDataset): Dataset | Error {
  const sample = useImageSamples.getState().samples[imageSampleKey(spec)];
  if (sample) return sample;
  void requestImageSamples(spec);
  // The same empty object while loading, so views keyed on the dataset object do not churn.
  const key = imageSampleKey(spec);
  let empty = emptyPreviews.get(key);
  if (!empty) emptyPreviews.set(key, (empty = { ...imageDataInfo(spec), rows: 0, x: new Float32Array(0), y: new Float32Array(0) }));
  return empty;
}

const emptyPreviews = new Map<string, Dataset>();
