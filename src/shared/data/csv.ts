import { LOSS_REGISTRY } from '../losses';
import type { LossName } from '../project/schema';
import type { CsvParseConfig, CsvTransform } from './csv-types';
import type { DataInfo, LabelEncoding } from './types';

/**
 * CSV import, the pure half, split by concern (none of it touches files; main's import worker
 * feeds chunks from a stream, the trainer feeds whole text):
 *   csv-types.ts    the vocabulary (derived from the project schema) and CsvError
 *   csv-records.ts  record helpers: blank lines, line numbers, messages
 *   text-decode.ts  text encodings (BOM, UTF-16), Excel's sep= line, streaming decoding
 *   csv-detect.ts   delimiter, header, number format, column names, class-like labels, default roles
 *   csv-preview.ts  the preview with per-column types, statistics and the decisions taken
 *   csv-encoder.ts  the streaming encoder: records → Float32 rows
 *   csv-dataset.ts  parsed rows → Dataset, and the predict-time transform
 *   csv.ts          (this file) a stored CSV dataset's DataInfo, and re-exports
 * Every failure is a CsvError naming the line and the column and saying what to do.
 */

export * from './csv-types';
export { parseNumberStrict, parseNumber, DEFAULT_NUMBER_FORMAT, DECIMAL_SEPARATORS, THOUSANDS_SEPARATORS, type NumberFormat } from './numbers';
export { detectDelimiter, detectHeader, detectNumberFormat, columnNames, looksLikeClassValues, LABEL_NAMES, MAX_PROPOSED_CLASSES, MAX_PROPOSED_CLASS_CODE } from './csv-detect';
export { previewCsv, previewCsvBytes, previewRecords, type RecordsContext } from './csv-preview';
export { TEXT_ENCODINGS, detectTextEncoding, detectTextLayout, decodeHead, ChunkDecoder, type TextEncodingName } from './text-decode';
export { CsvEncoder, parseCsvText, type CsvParsed } from './csv-encoder';

// ---------------------------------------------------------------- datasets

/** The stored, project-level description of a CSV dataset (matches CsvDatasetSchema). */
export interface CsvDatasetLike extends CsvParseConfig {
  normalize: boolean;
  labelEncoding: LabelEncoding;
  transform: CsvTransform;
  rows: number;
}

/** How labels should be stored for a loss: one-hot for a loss that takes one-hot rows (categorical crossentropy), an index otherwise. */
export function labelEncodingFor(isClassification: boolean, loss?: string): LabelEncoding {
  if (!isClassification) return 'value';
  return LOSS_REGISTRY[loss as LossName]?.labels === 'onehot' ? 'onehot' : 'index';
}

/** DataInfo for a CSV dataset from its stored description alone (no parsing). */
export function csvDataInfo(spec: CsvDatasetLike): DataInfo & { rows: number } {
  const classNames = spec.transform.classNames;
  const labelColumns = spec.columns.filter((c) => c.role === 'label').length;
  const featureNames = spec.transform.featureNames;
  if (classNames) {
    const onehot = spec.labelEncoding === 'onehot';
    return {
      rows: spec.rows,
      numFeatures: featureNames.length,
      task: 'classification',
      labelEncoding: onehot ? 'onehot' : 'index',
      labelWidth: onehot ? classNames.length : 1,
      numClasses: classNames.length,
      classNames: [...classNames],
      featureNames: [...featureNames],
    };
  }
  return {
    rows: spec.rows,
    numFeatures: featureNames.length,
    task: 'regression',
    labelEncoding: 'value',
    labelWidth: labelColumns,
    featureNames: [...featureNames],
  };
}

// Turning parsed rows into a Dataset, and the predict-time transform, live in csv-dataset.ts
// (one preprocessing pipeline, src/shared/data/preprocess.ts); re-exported for existing callers.
export { csvToDataset, transformInputRows } from './csv-dataset';
