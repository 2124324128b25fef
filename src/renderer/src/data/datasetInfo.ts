import { generateDataset } from '../../../shared/data/generators';
import type { Dataset } from '../../../shared/data/types';
import type { DatasetSpec } from '../../../shared/project/schema';
import { csvLabelProfile, csvPreviewDataset } from '../components/CsvImportState';
import { imagesPreviewDataset } from './imageSamples';
import { imageShape } from '../../../shared/data/images';
import { profileLabels, type LabelProfile } from '../../../shared/data/split';

/**
 * The dataset the editor previews (scatter plot, predict inputs, Input shape for new nodes).
 * Generators are pure and seeded, so the preview shows exactly the rows the trainer will use.
 */
let cache: { key: string; result: Dataset | Error } | null = null;

export function previewDataset(spec: DatasetSpec): Dataset | Error {
  // CSV rows live in main; the editor shows the sample main sent back (see CsvImportState).
  if (spec.kind === 'csv') return csvPreviewDataset(spec);
  if (spec.kind === 'images') return imagesPreviewDataset(spec);
  const key = JSON.stringify(spec);
  if (cache?.key !== key) {
    let result: Dataset | Error;
    try {
      result = generateDataset(spec);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    cache = { key, result };
  }
  return cache.result;
}

/** The shape of one example as a new Input should take it: an image's [height, width, channels] (issue 14), else [features]. */
export function exampleShape(spec: DatasetSpec): number[] | null {
  if (spec.kind === 'images') return imageShape(spec);
  const data = previewDataset(spec);
  return data instanceof Error ? null : (data.inputShape ?? [data.numFeatures]);
}

export function featureCount(spec: DatasetSpec): number | null {
  const data = previewDataset(spec);
  return data instanceof Error ? null : data.numFeatures;
}

const profiles = new WeakMap<Dataset, LabelProfile>();

/**
 * The labels of every row, summarised for the split checks: from the generated rows, or from
 * main (CSV rows stay there; the worker summarises all of them, not only the editor's sample).
 */
export function labelProfile(spec: DatasetSpec): LabelProfile | null {
  if (spec.kind === 'csv') return csvLabelProfile(spec);
  const data = previewDataset(spec);
  if (data instanceof Error) return null;
  // Issue 14: until every image is in the editor (0 while loading, the first ones of a large set) there is nothing true to check.
  if (spec.kind === 'images' && data.rows !== spec.rows) return null;
  let profile = profiles.get(data);
  if (!profile) profiles.set(data, (profile = profileLabels(data)));
  return profile;
}
