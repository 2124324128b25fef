import type { DatasetSpec } from '../project/schema';
import { generatorInfo } from './generators';
import { parseNumberStrict } from './numbers';

/**
 * The one preprocessing pipeline: how a raw row becomes a model input. It is derived from the
 * project's dataset spec alone (the means, stds and categories learned at import are stored in
 * the project), and every path that feeds a model goes through it: training and validation
 * (csv-dataset.ts), the predict panel and API (trainer process), the command line, the TF.js
 * export (folded into the first Dense layer, or written as `preprocessing.json`) and the
 * generated Python and TypeScript scripts (which embed this step list as JSON and interpret it
 * with the same semantics).
 *
 * Shapes: a *raw row* holds one value per input column (`inputColumns`: the CSV's feature
 * columns, category names allowed for categorical ones), or, equivalently, one number per
 * encoded feature (`featureNames`: one-hot columns as 0/1, indexed categories as their index),
 * both before normalisation. The output is rows × numFeatures float32, row-major.
 */

/** How one input column becomes features: a number as is, a category as one 0/1 column per category, or as its index. */
export type ColumnEncoding =
  | { column: string; kind: 'numeric' }
  | { column: string; kind: 'onehot'; categories: string[] }
  | { column: string; kind: 'index'; categories: string[] };

export type PreprocessStep =
  /** Raw column values → the feature vector (width = Σ column widths). */
  | { kind: 'encode'; columns: ColumnEncoding[] }
  /** Standard score per feature: (x − mean) / std, with the training rows' mean and population std. */
  | { kind: 'zscore'; means: number[]; stds: number[] };

export interface Preprocessing {
  /** Raw input columns, in order. */
  inputColumns: string[];
  /** The model's input features after encoding, in order. */
  featureNames: string[];
  /** Applied in order; the first is always `encode`. */
  steps: PreprocessStep[];
}

export type PreprocessErrorCode = 'row-width' | 'unknown-category' | 'not-a-number';

/** A raw row the pipeline cannot encode; `row` is 0-based, `column` names the input column. */
export class PreprocessError extends Error {
  readonly code: PreprocessErrorCode;
  readonly row: number;
  readonly column?: string;
  constructor(code: PreprocessErrorCode, message: string, where: { row: number; column?: string }) {
    super(message);
    this.name = 'PreprocessError';
    this.code = code;
    this.row = where.row;
    this.column = where.column;
  }
}

/** The part of a CSV dataset spec the pipeline is made from (matches CsvDatasetSchema). */
export interface CsvPreprocessSpec {
  columns: { name: string; type: 'numeric' | 'categorical'; role: 'feature' | 'label' | 'ignored' }[];
  oneHotFeatures: boolean;
  normalize: boolean;
  transform: { means: number[]; stds: number[]; categories: Record<string, string[]> };
}

/** Columns of a CSV's feature columns, encoded as the import encodes them. */
export function csvColumnEncodings(spec: Pick<CsvPreprocessSpec, 'columns' | 'oneHotFeatures'>, categories: Record<string, string[]>): ColumnEncoding[] {
  return spec.columns
    .filter((c) => c.role === 'feature')
    .map((c): ColumnEncoding => {
      if (c.type === 'numeric') return { column: c.name, kind: 'numeric' };
      return { column: c.name, kind: spec.oneHotFeatures ? 'onehot' : 'index', categories: categories[c.name] ?? [] };
    });
}

/** Feature names an encoding produces: the column, or `column=category` per one-hot category. */
export function encodedFeatureNames(columns: ColumnEncoding[]): string[] {
  return columns.flatMap((c) => (c.kind === 'onehot' ? c.categories.map((k) => `${c.column}=${k}`) : [c.column]));
}

function encodingWidth(c: ColumnEncoding): number {
  return c.kind === 'onehot' ? c.categories.length : 1;
}

/** The pipeline for a CSV dataset spec. */
export function csvPreprocessing(spec: CsvPreprocessSpec): Preprocessing {
  const columns = csvColumnEncodings(spec, spec.transform.categories);
  const steps: PreprocessStep[] = [{ kind: 'encode', columns }];
  if (spec.normalize) steps.push({ kind: 'zscore', means: [...spec.transform.means], stds: [...spec.transform.stds] });
  return { inputColumns: columns.map((c) => c.column), featureNames: encodedFeatureNames(columns), steps };
}

/** The pipeline of any dataset: generators' rows are model inputs already (numeric, not normalised). */
export function preprocessingFor(spec: DatasetSpec): Preprocessing {
  if (spec.kind === 'csv') return csvPreprocessing(spec);
  const names = generatorInfo(spec).featureNames;
  return { inputColumns: [...names], featureNames: [...names], steps: [{ kind: 'encode', columns: names.map((column) => ({ column, kind: 'numeric' as const })) }] };
}

function encodeStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'encode' }> {
  const first = p.steps[0];
  if (first?.kind !== 'encode') throw new Error('A preprocessing pipeline starts with its encode step.');
  return first;
}

/** The z-score of the pipeline, if it has one (the export folds it into the first Dense layer). */
export function zscoreStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'zscore' }> | null {
  return (p.steps.find((s) => s.kind === 'zscore') as Extract<PreprocessStep, { kind: 'zscore' }> | undefined) ?? null;
}

/** Whether encoding does anything but copy numbers (a categorical column is present). */
export function hasCategoricalInputs(p: Preprocessing): boolean {
  return encodeStep(p).columns.some((c) => c.kind !== 'numeric');
}

export type RawValue = number | string;

/**
 * Encodes one raw row into `out` at `offset`. A row with one number per feature is taken as
 * already encoded; a row with one value per input column is encoded column by column.
 * Throws PreprocessError naming the row, the column, what was expected and what was got.
 */
export function encodeRow(p: Preprocessing, row: readonly RawValue[], out: Float32Array, offset: number, rowIndex = 0): void {
  const { columns } = encodeStep(p);
  const numFeatures = p.featureNames.length;
  if (row.length === numFeatures && row.every((v) => typeof v === 'number')) {
    for (let f = 0; f < numFeatures; f++) out[offset + f] = row[f] as number;
    return;
  }
  if (row.length !== columns.length) {
    const perColumn = columns.length !== numFeatures ? ` or ${columns.length} (one per column: ${columns.map((c) => c.column).join(', ')})` : '';
    throw new PreprocessError(
      'row-width',
      `Row ${rowIndex + 1} has ${row.length} value${row.length === 1 ? '' : 's'}; expected ${numFeatures} (one per feature: ${abbreviate(p.featureNames)})${perColumn}.`,
      { row: rowIndex },
    );
  }
  let at = offset;
  columns.forEach((c, i) => {
    const value = row[i];
    if (c.kind === 'numeric') {
      const n = typeof value === 'number' ? value : parseNumberStrict(value);
      if (n === null || !Number.isFinite(n)) {
        throw new PreprocessError('not-a-number', `Row ${rowIndex + 1}, column '${c.column}': expected a number, got ${JSON.stringify(value)}.`, { row: rowIndex, column: c.column });
      }
      out[at++] = n;
      return;
    }
    const text = String(value).trim();
    const k = c.categories.indexOf(text);
    if (k < 0) {
      throw new PreprocessError(
        'unknown-category',
        `Row ${rowIndex + 1}, column '${c.column}': unknown category ${JSON.stringify(text)}; expected one of ${abbreviate(c.categories)}.`,
        { row: rowIndex, column: c.column },
      );
    }
    if (c.kind === 'index') out[at++] = k;
    else {
      for (let j = 0; j < c.categories.length; j++) out[at + j] = j === k ? 1 : 0;
      at += encodingWidth(c);
    }
  });
}

function abbreviate(names: string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length} in all)`;
}

/**
 * The steps after encoding, on encoded rows (rows × numFeatures). Returns a new array; `x` is
 * left untouched so a cached parse can serve any later setting. This is the training path
 * (CSV rows are encoded while the file streams in) and the tail of `applyPreprocessing`.
 */
export function applyAfterEncode(p: Preprocessing, x: Float32Array, rows: number): Float32Array {
  const n = p.featureNames.length;
  let out = x;
  for (const step of p.steps) {
    if (step.kind !== 'zscore') continue;
    const next = new Float32Array(rows * n);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < n; f++) next[r * n + f] = (out[r * n + f] - step.means[f]) / step.stds[f];
    }
    out = next;
  }
  return out === x ? x.slice() : out;
}

/** Raw rows → model inputs (rows × numFeatures, row-major float32): every step, in order. */
export function applyPreprocessing(p: Preprocessing, rows: readonly (readonly RawValue[])[]): Float32Array {
  const n = p.featureNames.length;
  const encoded = new Float32Array(rows.length * n);
  rows.forEach((row, r) => encodeRow(p, row, encoded, r * n, r));
  return applyAfterEncode(p, encoded, rows.length);
}

/** `applyPreprocessing` as rows of numbers (for tfjs tensor2d and JSON). */
export function preprocessRows(p: Preprocessing, rows: readonly (readonly RawValue[])[]): number[][] {
  const n = p.featureNames.length;
  const flat = applyPreprocessing(p, rows);
  return rows.map((_, r) => Array.from(flat.subarray(r * n, (r + 1) * n)));
}
