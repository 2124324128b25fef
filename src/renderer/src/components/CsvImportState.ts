import { create } from 'zustand';
import { csvToDataset } from '../../../shared/data/csv-dataset';
import type { Dataset } from '../../../shared/data/types';
import type { LabelProfile } from '../../../shared/data/split';
import type { CsvDataset, DatasetSpec } from '../../../shared/project/schema';
import { tr } from '../i18n';

/**
 * The editor's view of an imported CSV: main sends back up to 2000 raw rows at import (or on
 * request for a reopened project), enough for the data view and the predict inputs. The full
 * rows never come to the renderer; the trainer reads them from main's import store.
 */

type RowsSample = { x: number[][]; y: number[][]; labels?: LabelProfile };

interface SampleState {
  samples: Record<string, RowsSample | Error>;
  remember(key: string, sample: RowsSample | Error): void;
}

export const useCsvSamples = create<SampleState>((set) => ({
  samples: {},
  remember: (key, sample) => set((s) => ({ samples: { ...s.samples, [key]: sample } })),
}));

/** Same file, same parse settings → same rows. */
export function sampleKey(spec: CsvDataset): string {
  return JSON.stringify([spec.file.sha256, spec.delimiter, spec.header, spec.columns, spec.text ?? null, spec.numberFormat ?? null]);
}

export function rememberCsvSample(spec: CsvDataset, sample: RowsSample): void {
  useCsvSamples.getState().remember(sampleKey(spec), sample);
}

const requested = new Set<string>();

/** Asks main for a reopened project's rows once; components re-render through useCsvSamples. */
export function requestCsvSample(spec: CsvDataset): void {
  const key = sampleKey(spec);
  if (requested.has(key) || useCsvSamples.getState().samples[key]) return;
  requested.add(key);
  // Imported lazily: this module sits under the store, which unit tests load without a window.
  import('../api')
    .then(({ api }) => api['data.sample']({ dataset: spec }))
    .then(
    (sample) => useCsvSamples.getState().remember(key, sample),
    (error: unknown) => useCsvSamples.getState().remember(key, error instanceof Error ? error : new Error(String(error))),
  );
}

const datasets = new WeakMap<RowsSample, Map<string, Dataset>>();

/** Why the rows of a CSV dataset are not (yet) in the editor; null when they are. */
export function csvSampleProblem(spec: CsvDataset): string | null {
  const sample = useCsvSamples.getState().samples[sampleKey(spec)];
  if (!sample) return tr('csv.loadingRows', { name: spec.file.name });
  return sample instanceof Error ? sample.message : null;
}

/**
 * The sample as a Dataset with raw (un-normalised) features, as the user types them for
 * prediction. Until the rows arrive (or when they cannot) it has 0 rows but the right shape,
 * so validation and new Input nodes still see the real feature and class counts.
 */
export function csvPreviewDataset(spec: CsvDataset): Dataset {
  const sample = useCsvSamples.getState().samples[sampleKey(spec)];
  if (!sample) requestCsvSample(spec);
  const raw = { ...spec, normalize: false };
  if (!sample || sample instanceof Error) {
    return csvToDataset({ rows: 0, x: new Float32Array(0), labels: new Float32Array(0), labelColumns: 0 }, raw);
  }
  let byEncoding = datasets.get(sample);
  if (!byEncoding) datasets.set(sample, (byEncoding = new Map()));
  const key = JSON.stringify([spec.labelEncoding, spec.transform.featureNames.length]);
  let data = byEncoding.get(key);
  if (!data) {
    const rows = sample.x.length;
    data = csvToDataset({ rows, x: Float32Array.from(sample.x.flat()), labels: Float32Array.from(sample.y.flat()), labelColumns: sample.y[0]?.length ?? 0 }, raw);
    byEncoding.set(key, data);
  }
  return data;
}

/** Main's summary of every row's label (not just the sample's), once the rows have arrived; null before. */
export function csvLabelProfile(spec: CsvDataset): LabelProfile | null {
  const sample = useCsvSamples.getState().samples[sampleKey(spec)];
  if (!sample) requestCsvSample(spec);
  return sample && !(sample instanceof Error) ? (sample.labels ?? null) : null;
}

/** A patch for updateDataset that replaces the dataset wholesale (keys the new one lacks are cleared). */
export function replaceDataset(previous: DatasetSpec, next: DatasetSpec): Partial<DatasetSpec> {
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(previous)) if (!(key in patch)) patch[key] = undefined;
  return patch as Partial<DatasetSpec>;
}
