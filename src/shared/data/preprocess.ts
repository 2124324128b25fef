import { dataWords } from './data-messages';
import type { MessageParams } from '../graph/problem-text';
import type { DatasetSpec } from '../project/schema';
import { generatorInfo } from './generators';
import { imagePreprocessing } from './images';
import { DEFAULT_NUMBER_FORMAT, parseNumber, type NumberFormat } from './numbers';

/** Texts that mean "no value" in a data file (case-insensitive, trimmed); shared by import and predict. */
export const MISSING_TEXTS: ReadonlySet<string> = new Set(['', 'na', 'n/a', 'null', 'none', '?']);

/** Whether a raw value is missing: null, or one of MISSING_TEXTS. */
export function isMissingValue(value: RawValue | null | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && MISSING_TEXTS.has(value.trim().toLowerCase()));
}

export type MissingStrategy = 'error' | 'drop' | 'mean' | 'median' | 'most-frequent';

/** The name of the 0/1 feature a missing-value indicator adds after its column. */
export function missingIndicatorName(column: string): string {
  return `${column} (missing)`;
}

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

/**
 * How one input column's missing values are handled before encoding: `fill` (the value learned
 * at import by 'mean', 'median' or 'most-frequent') replaces a missing value; 'error' and 'drop'
 * columns have none, so a missing value there is an error naming row and column. `indicator`
 * appends a 0/1 column `<column> (missing)` right after the column (scikit-learn's
 * `SimpleImputer(add_indicator=True)`, placed per column).
 */
export interface ImputeColumn {
  column: string;
  strategy: MissingStrategy;
  fill?: number | string;
  indicator: boolean;
}

export type PreprocessStep =
  /**
   * Raw row (one value per input column) → raw row (one value per encode column): missing values
   * filled, indicator columns inserted. Columns not listed pass through. Always the first step when present.
   */
  | { kind: 'impute'; columns: ImputeColumn[] }
  /**
   * Raw column values → the feature vector (width = Σ column widths). Numbers written as text are
   * read in `numberFormat` (absent = `.` decimals, no thousands separators).
   */
  | { kind: 'encode'; columns: ColumnEncoding[]; numberFormat?: NumberFormat }
  /** Standard score per feature: (x − mean) / std, with the training rows' mean and population std. */
  | { kind: 'zscore'; means: number[]; stds: number[] }
  /**
   * Pixel scaling (issue 14), Keras `Rescaling(scale, offset)`: feature f becomes
   * x · scale[f mod k] + offset[f mod k] with k = scale.length (1, or one per channel: rows are
   * HWC, so f mod channels is the channel). 0–1 scaling is scale 1/maxValue, offset 0; a
   * per-channel z-score is scale 1/std, offset −mean/std.
   */
  | { kind: 'rescale'; scale: number[]; offset: number[] };

export interface Preprocessing {
  /** Raw input columns, in order. */
  inputColumns: string[];
  /** The model's input features after encoding, in order. */
  featureNames: string[];
  /** Applied in order: `impute` (optional), `encode`, `zscore` or `rescale` (optional). */
  steps: PreprocessStep[];
  /** Image data (issue 14): raw rows are height × width × channels pixel values (0…maxValue), row-major HWC. */
  image?: { height: number; width: number; channels: number; maxValue: number };
}

export type PreprocessErrorCode = 'row-width' | 'unknown-category' | 'not-a-number' | 'missing-value';

/** A raw row the pipeline cannot encode; `row` is 0-based, `column` names the input column. */
export class PreprocessError extends Error {
  readonly code: PreprocessErrorCode;
  readonly row: number;
  readonly column?: string;
  /** Issue 16: the message as data (DATA_MESSAGES_EN in data-messages.ts). */
  readonly messageId: string;
  readonly params: MessageParams;
  constructor(code: PreprocessErrorCode, words: ReturnType<typeof dataWords>, where: { row: number; column?: string }) {
    super(words.message);
    this.name = 'PreprocessError';
    this.code = code;
    this.row = where.row;
    this.column = where.column;
    this.messageId = words.messageId;
    this.params = words.params;
  }
}

/** The part of a CSV dataset spec the pipeline is made from (matches CsvDatasetSchema). */
export interface CsvPreprocessSpec {
  columns: {
    name: string;
    type: 'numeric' | 'categorical';
    role: 'feature' | 'label' | 'ignored';
    encoding?: 'onehot' | 'index';
    missing?: MissingStrategy;
    missingIndicator?: boolean;
  }[];
  numberFormat?: NumberFormat;
  normalize: boolean;
  transform: { means: number[]; stds: number[]; categories: Record<string, string[]>; fills?: Record<string, number | string> };
}

/**
 * The encode step's columns for a CSV's feature columns, as the import encodes them: each
 * feature column (categorical: its `encoding`, default one-hot), followed by its
 * `<column> (missing)` indicator when it has one.
 */
export function csvColumnEncodings(spec: Pick<CsvPreprocessSpec, 'columns'>, categories: Record<string, string[]>): ColumnEncoding[] {
  return spec.columns
    .filter((c) => c.role === 'feature')
    .flatMap((c): ColumnEncoding[] => {
      const own: ColumnEncoding =
        c.type === 'numeric' ? { column: c.name, kind: 'numeric' } : { column: c.name, kind: c.encoding === 'index' ? 'index' : 'onehot', categories: categories[c.name] ?? [] };
      return c.missingIndicator ? [own, { column: missingIndicatorName(c.name), kind: 'numeric' }] : [own];
    });
}

/** The impute step of a CSV spec, or null when no feature column has a strategy or an indicator. */
export function csvImputeStep(spec: Pick<CsvPreprocessSpec, 'columns' | 'transform'>): Extract<PreprocessStep, { kind: 'impute' }> | null {
  const columns = spec.columns
    .filter((c) => c.role === 'feature' && ((c.missing !== undefined && c.missing !== 'error') || c.missingIndicator))
    .map((c): ImputeColumn => {
      const fill = spec.transform.fills?.[c.name];
      return { column: c.name, strategy: c.missing ?? 'error', ...(fill !== undefined ? { fill } : {}), indicator: c.missingIndicator === true };
    });
  return columns.length > 0 ? { kind: 'impute', columns } : null;
}

function isDefaultFormat(format: NumberFormat | undefined): boolean {
  return !format || (format.decimal === DEFAULT_NUMBER_FORMAT.decimal && format.thousands === DEFAULT_NUMBER_FORMAT.thousands);
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
  const impute = csvImputeStep(spec);
  const steps: PreprocessStep[] = impute ? [impute] : [];
  steps.push({ kind: 'encode', columns, ...(isDefaultFormat(spec.numberFormat) ? {} : { numberFormat: { ...spec.numberFormat! } }) });
  if (spec.normalize) steps.push({ kind: 'zscore', means: [...spec.transform.means], stds: [...spec.transform.stds] });
  const inputColumns = spec.columns.filter((c) => c.role === 'feature').map((c) => c.name);
  return { inputColumns, featureNames: encodedFeatureNames(columns), steps };
}

/** The pipeline of any dataset: generators' rows are model inputs already (numeric, not normalised); images get their pixel-scaling step. */
export function preprocessingFor(spec: DatasetSpec): Preprocessing {
  if (spec.kind === 'csv') return csvPreprocessing(spec);
  if (spec.kind === 'images') return imagePreprocessing(spec);
  const names = generatorInfo(spec).featureNames;
  return { inputColumns: [...names], featureNames: [...names], steps: [{ kind: 'encode', columns: names.map((column) => ({ column, kind: 'numeric' as const })) }] };
}

function encodeStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'encode' }> {
  const step = p.steps.find((s) => s.kind === 'encode');
  if (step?.kind !== 'encode') throw new Error('A preprocessing pipeline has an encode step.');
  return step;
}

function imputeStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'impute' }> | null {
  return (p.steps.find((s) => s.kind === 'impute') as Extract<PreprocessStep, { kind: 'impute' }> | undefined) ?? null;
}

function missingMessage(row: number, column: string, strategy: MissingStrategy) {
  return dataWords(strategy === 'drop' ? 'data.row.missing.drop' : 'data.row.missing.required', { row: row + 1, column });
}

/**
 * The impute step on one raw row (one value per input column): missing values replaced by their
 * column's fill, indicator values inserted. Throws PreprocessError('missing-value') for a missing
 * value in a column without a fill.
 */
export function imputeRow(step: Extract<PreprocessStep, { kind: 'impute' }>, inputColumns: readonly string[], row: readonly RawValue[], rowIndex = 0): RawValue[] {
  const byColumn = new Map(step.columns.map((c) => [c.column, c]));
  const out: RawValue[] = [];
  inputColumns.forEach((name, i) => {
    const value = row[i];
    const c = byColumn.get(name);
    if (!c) {
      out.push(value);
      return;
    }
    const missing = isMissingValue(value);
    if (!missing) out.push(value);
    else if (c.fill !== undefined) out.push(c.fill);
    else throw new PreprocessError('missing-value', missingMessage(rowIndex, name, c.strategy), { row: rowIndex, column: name });
    if (c.indicator) out.push(missing ? 1 : 0);
  });
  return out;
}

/** The pixel-scaling step of the pipeline, if it has one (issue 14). */
export function rescaleStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'rescale' }> | null {
  return (p.steps.find((s) => s.kind === 'rescale') as Extract<PreprocessStep, { kind: 'rescale' }> | undefined) ?? null;
}

/** The z-score of the pipeline, if it has one (the export folds it into the first Dense layer). */
export function zscoreStep(p: Preprocessing): Extract<PreprocessStep, { kind: 'zscore' }> | null {
  return (p.steps.find((s) => s.kind === 'zscore') as Extract<PreprocessStep, { kind: 'zscore' }> | undefined) ?? null;
}

/** Whether encoding does anything but copy numbers (a categorical column is present). */
export function hasCategoricalInputs(p: Preprocessing): boolean {
  return encodeStep(p).columns.some((c) => c.kind !== 'numeric');
}

/** Whether the pipeline fills missing values (issue 12): no tensor op of an exported model does that. */
export function hasImputeStep(p: Preprocessing): boolean {
  return imputeStep(p) !== null;
}

export type RawValue = number | string;

/**
 * Encodes one raw row into `out` at `offset`. A row with one number per feature is taken as
 * already encoded; a row with one value per input column is encoded column by column.
 * Throws PreprocessError naming the row, the column, what was expected and what was got.
 */
export function encodeRow(p: Preprocessing, input: readonly RawValue[], out: Float32Array, offset: number, rowIndex = 0): void {
  const { columns, numberFormat } = encodeStep(p);
  const impute = imputeStep(p);
  const numFeatures = p.featureNames.length;
  if (input.length === numFeatures && input.every((v) => typeof v === 'number')) {
    for (let f = 0; f < numFeatures; f++) out[offset + f] = input[f] as number;
    return;
  }
  if (input.length !== p.inputColumns.length) {
    const width = { row: rowIndex + 1, got: input.length, features: numFeatures, featureNames: abbreviate(p.featureNames) };
    throw new PreprocessError(
      'row-width',
      p.inputColumns.length !== numFeatures
        ? dataWords('data.row.widthOrColumns', { ...width, columns: p.inputColumns.length, columnNames: p.inputColumns.join(', ') })
        : dataWords('data.row.width', width),
      { row: rowIndex },
    );
  }
  const row = impute ? imputeRow(impute, p.inputColumns, input, rowIndex) : input;
  const format = numberFormat ?? DEFAULT_NUMBER_FORMAT;
  let at = offset;
  columns.forEach((c, i) => {
    const value = row[i];
    if (c.kind === 'numeric') {
      if (isMissingValue(value)) throw new PreprocessError('missing-value', missingMessage(rowIndex, c.column, 'error'), { row: rowIndex, column: c.column });
      const n = typeof value === 'number' ? value : parseNumber(value, format);
      if (n === null || !Number.isFinite(n)) {
        throw new PreprocessError('not-a-number', dataWords('data.row.notANumber', { row: rowIndex + 1, column: c.column, got: String(JSON.stringify(value)) }), { row: rowIndex, column: c.column });
      }
      out[at++] = n;
      return;
    }
    const text = String(value).trim();
    const k = c.categories.indexOf(text);
    if (k < 0) {
      throw new PreprocessError(
        'unknown-category',
        dataWords('data.row.unknownCategory', { row: rowIndex + 1, column: c.column, got: JSON.stringify(text), categories: abbreviate(c.categories.map(quoteCategory)) }),
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

/** A category as error messages show it: quoted, the empty one named (`"" (empty)`) so it is not read as nothing. */
export function quoteCategory(category: string): string {
  return category === '' ? '"" (empty)' : JSON.stringify(category);
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
    if (step.kind === 'zscore') {
      const next = new Float32Array(rows * n);
      for (let r = 0; r < rows; r++) {
        for (let f = 0; f < n; f++) next[r * n + f] = (out[r * n + f] - step.means[f]) / step.stds[f];
      }
      out = next;
    } else if (step.kind === 'rescale') {
      const next = new Float32Array(rows * n);
      const k = step.scale.length;
      for (let i = 0; i < rows * n; i++) next[i] = out[i] * step.scale[i % n % k] + step.offset[i % n % k];
      out = next;
    }
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

/**
 * One field of a predict form, per raw input column (`Preprocessing.inputColumns`, in order):
 * a number, or one of the column's categories (as the encode step lists them; '' is a category
 * when the data had empty values and no missing-value strategy). `fill` is the impute step's
 * value for a missing entry: a blank number field is allowed exactly when it is set.
 */
export type InputField =
  | { column: string; kind: 'number'; fill?: number | string }
  | { column: string; kind: 'category'; categories: string[]; fill?: number | string };

/** The predict form's fields: one per input column, from the encode and impute steps. */
export function inputFields(p: Preprocessing): InputField[] {
  const { columns } = encodeStep(p);
  const fills = new Map((imputeStep(p)?.columns ?? []).flatMap((c) => (c.fill !== undefined ? [[c.column, c.fill] as const] : [])));
  return p.inputColumns.map((column): InputField => {
    const c = columns.find((e) => e.column === column);
    const fill = fills.get(column);
    const withFill = fill !== undefined ? { fill } : {};
    return c && c.kind !== 'numeric' ? { column, kind: 'category', categories: [...c.categories], ...withFill } : { column, kind: 'number', ...withFill };
  });
}

/**
 * An encoded row (one number per feature, before normalisation: a dataset row) back to its raw
 * row (one value per input column): numbers as they are, a one-hot group or an index as its
 * category, and '' (missing) where the row's `<column> (missing)` indicator is 1, so the impute
 * step fills it again as at import. Encoding the result gives the same features.
 */
export function rawRowFromEncoded(p: Preprocessing, features: ArrayLike<number>): RawValue[] {
  const { columns } = encodeStep(p);
  const byColumn = new Map<string, RawValue>();
  const missing = new Set<string>();
  const indicators = new Map(p.inputColumns.map((c) => [missingIndicatorName(c), c]));
  let at = 0;
  for (const c of columns) {
    if (c.kind === 'onehot') {
      let best = 0;
      for (let j = 1; j < c.categories.length; j++) if (features[at + j] > features[at + best]) best = j;
      byColumn.set(c.column, c.categories[best] ?? '');
    } else if (c.kind === 'index') byColumn.set(c.column, c.categories[Math.round(features[at])] ?? '');
    else if (indicators.has(c.column) && !p.inputColumns.includes(c.column)) {
      if (features[at] === 1) missing.add(indicators.get(c.column)!);
    } else byColumn.set(c.column, features[at]);
    at += encodingWidth(c);
  }
  return p.inputColumns.map((column) => (missing.has(column) ? '' : (byColumn.get(column) ?? '')));
}

/** How predict rows reach a model: through the project's pipeline, or as they are (`none`). */
export type ModelInputRoute = 'pipeline' | 'none';

/**
 * Whether predict rows go through the pipeline: only when its features are as many as the
 * model's Input takes (`numFeatures`, the product of the Input shape). Otherwise the project's
 * data does not fit the model (a model imported without its data, issue 13) and rows go to the
 * model as they are. One rule for the app's predict (trainer process) and `neurite predict`.
 */
export function modelInputRoute(p: Preprocessing, numFeatures: number): ModelInputRoute {
  return p.featureNames.length === numFeatures ? 'pipeline' : 'none';
}

/** Rows given straight to a model (no preprocessing): numbers only, the error naming row and value otherwise. */
export function asModelInputs(rows: readonly (readonly RawValue[])[]): number[][] {
  return rows.map((row, r) =>
    row.map((v, c) => {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      throw new PreprocessError('not-a-number', dataWords('data.row.rawNotANumber', { row: r + 1, index: c + 1, got: String(JSON.stringify(v)) }), { row: r });
    }),
  );
}

/** Predict rows → model inputs (rows × numFeatures) by `modelInputRoute`: the pipeline, or the numbers as they are. */
export function modelInputRows(p: Preprocessing, numFeatures: number, rows: readonly (readonly RawValue[])[]): { rows: number[][]; route: ModelInputRoute } {
  const route = modelInputRoute(p, numFeatures);
  return { rows: route === 'pipeline' ? preprocessRows(p, rows) : asModelInputs(rows), route };
}

/** `applyPreprocessing` as rows of numbers (for tfjs tensor2d and JSON). */
export function preprocessRows(p: Preprocessing, rows: readonly (readonly RawValue[])[]): number[][] {
  const n = p.featureNames.length;
  const flat = applyPreprocessing(p, rows);
  return rows.map((_, r) => Array.from(flat.subarray(r * n, (r + 1) * n)));
}
