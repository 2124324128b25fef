import { create } from 'zustand';
import { imageDataInfo } from '../../../shared/data/images';
import type { Dataset } from '../../../shared/data/types';
import type { ImagesDataset } from '../../../shared/project/schema';

/**
 * The editor's copy of an image dataset's raw pixels (issue 14): images live in main (built-in
 * sets in the bundle, imported folders in the data store) and arrive here for the data view, the
 * sample grid and the results. Until they arrive the preview is the dataset's shape with no rows
 * (as for CSV data, see CsvImportState).
 */
interface ImageSampleState {
  /** By `imageSampleKey`: the raw images as a Dataset (x = raw pixel values, y = labels), or why they could not be loaded. */
  samples: Record<string, Dataset | Error>;
  remember: (key: string, sample: Dataset | Error) => void;
}

export const useImageSamples = create<ImageSampleState>((set) => ({
  samples: {},
  remember: (key, sample) => set((s) => ({ samples: { ...s.samples, [key]: sample } })),
}));

/** Same source, same size, same classes and count → same images. */
export function imageSampleKey(spec: ImagesDataset): string {
  return JSON.stringify([spec.source.kind === 'builtin' ? spec.source.name : spec.source.sha256, spec.height, spec.width, spec.channels, spec.rows, spec.labelEncoding]);
}

/** The raw images of `spec` as the editor has them, or an empty dataset of the right shape while they load. */
export function imagesPreviewDataset(spec: ImagesDataset): Dataset | Error {
  const sample = useImageSamples.getState().samples[imageSampleKey(spec)];
  if (sample) return sample;
  const info = imageDataInfo(spec);
  return { ...info, rows: 0, x: new Float32Array(0), y: new Float32Array(0) };
}
