import Papa from 'papaparse';
import { LOSS_REGISTRY } from '../losses';
import type { LossName } from '../project/schema';
import { parseNumberStrict } from './numbers';
import { csvColumnEncodings, encodedFeatureNames } from './preprocess';

// The strict number parser is shared with the preprocessing pipeline; re-exported for existing callers.
export { parseNumberStrict } from './numbers';
import type { DataInfo, LabelEncoding } from './types';

/**
 * CSV import, the pure half: delimiter and header detection, a preview with per-column types
 * and statistics, and a streaming encoder that turns records into Float32 rows. It never touches
 * files; main's import worker feeds it chunks from a stream, the trainer feeds it whole text.
 * Every failure is a CsvError naming the line and the column and saying what to do.
 */

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export const COLUMN_TYPES = ['numeric', 'categorical'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export const COLUMN_ROLES = ['feature', 'label', 'ignored'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface CsvColumnConfig {
  name: string;
  type: ColumnType;
  role: ColumnRole;
}

/** What the user chose in the import dialog; together with the file it fixes the parsed rows. */
export interface CsvParseConfig {
  delimiter: CsvDelimiter;
  header: boolean;
  columns: CsvColumnConfig[];
  /** Categorical features become one 0/1 column per category; otherwise one column of category indices. */
  oneHotFeatures: boolean;
}

/**
 * Learned at import and stored with the project, so prediction applies exactly the transform
 * training saw. means/stds are per (expanded) feature; one-hot columns keep mean 0, std 1.
 */
export interface CsvTransform {
  featureNames: string[];
  means: number[];
  stds: number[];
  /** Categorical feature column → its categories, in encoding order. */
  categories: Record<string, string[]>;
  /** Categorical label → class names, in class-index order. Absent for regression. */
  classNames?: string[];
}

export type CsvErrorCode =
  | 'empty-file'
  | 'ragged-row'
  | 'not-a-number'
  | 'empty-value'
  | 'nan'
  | 'no-numeric-column'
  | 'no-feature'
  | 'no-label'
  | 'mixed-labels'
  | 'one-class'
  | 'bad-quotes'
  | 'columns-changed'
  | 'too-many-classes';

export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly line?: number;
  readonly column?: string;
  constructor(code: CsvErrorCode, message: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.name = 'CsvError';
    this.code = code;
    this.line = where.line;
    this.column = where.column;
  }
}

/** Classification with more classes than this is almost always a wrongly chosen label column. */
export const MAX_CLASSES = 1000;

const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '?']);
const NAN_TEXT = new Set(['nan', '-nan', '+nan']);

/** Orders category names numerically when both look like numbers ('2' < '10'), otherwise by code unit: stable across locales. */
export function compareCategories(a: string, b: string): number {
  const na = parseNumberStrict(a);
  const nb = parseNumberStrict(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `'${cut}'`;
}

// ---------------------------------------------------------------- preview

export interface CsvColumnStats {
  /** Non-empty values seen. */
  count: number;
  missing: number;
  /** numeric columns */
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** Distinct values (capped at 1000 in the preview). */
  distinct: number;
  /** Most frequent values, for categorical columns. */
  top?: { value: string; count: number }[];
}

export interface CsvColumnPreview extends CsvColumnConfig {
  stats: CsvColumnStats;
}

export interface CsvIssue {
  code: CsvErrorCode;
  message: string;
  line?: number;
  column?: string;
}

export interface CsvPreview {
  delimiter: CsvDelimiter;
  header: boolean;
  columns: CsvColumnPreview[];
  /** The first data rows, as text. */
  rows: string[][];
  /** Data rows the preview looked at (the whole file when `complete`). */
  sampledRows: number;
  complete: boolean;
  /** Problems already visible in the sample; the import reports the first one in the whole file. */
  issues: CsvIssue[];
  /**
   * Set when the label column holds numbers that look like classes (see `looksLikeClassValues`):
   * its type was proposed as categorical, and the import dialog offers to switch it back.
   */
  labelAsClasses?: { column: string; values: string[] };
}

export interface PreviewOptions {
  delimiter?: CsvDelimiter;
  header?: boolean;
  /** Rows to return as text. */
  maxRows?: number;
  /** False when `text` is only the head of a larger file (its last line may be cut). */
  complete?: boolean;
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** Picks the delimiter among comma, semicolon, tab and pipe, by Papa Parse's consistency guess. */
export function detectDelimiter(sample: string): CsvDelimiter {
  const result = Papa.parse<string[]>(sample.slice(0, 64 * 1024), {
    delimiter: '',
    delimitersToGuess: [...CSV_DELIMITERS],
    preview: 50,
  });
  const found = result.meta.delimiter as CsvDelimiter;
  return (CSV_DELIMITERS as readonly string[]).includes(found) ? found : ',';
}

/**
 * A first row is a header when some column is numeric below it but not in it, or, for all-text
 * files, when none of its values recurs further down.
 */
export function detectHeader(records: string[][]): boolean {
  const rows = records.filter((r) => !isBlank(r));
  if (rows.length < 2) return rows.length === 1 && rows[0].some((v) => parseNumberStrict(v) === null && v.trim() !== '');
  const [first, ...rest] = rows;
  if (first.every((v) => parseNumberStrict(v) !== null)) return false;
  for (let c = 0; c < first.length; c++) {
    if (parseNumberStrict(first[c]) !== null) continue;
    const below = rest.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (below.length > 0 && below.every((v) => parseNumberStrict(v) !== null)) return true;
  }
  return first.every((v, c) => v.trim() !== '' && !rest.some((r) => r[c] === v));
}

/** Column names from the header (blank → "column N", repeats get a suffix) or "column 1..n". */
export function columnNames(headerRow: string[] | null, count: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = headerRow?.[i]?.trim() || `column ${i + 1}`;
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
  }
  return names;
}

function parseText(text: string, delimiter: CsvDelimiter, preview?: number): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false, ...(preview ? { preview } : {}) });
}

/**
 * Looks at (the head of) a file: delimiter, header, column names, types, statistics and default
 * roles (last usable column the label, identifiers ignored, the rest features).
 */
export function previewCsv(text: string, options: PreviewOptions = {}): CsvPreview {
  const complete = options.complete ?? true;
  const body = stripBom(complete ? text : cutToLastLine(text));
  if (body.trim() === '') {
    throw new CsvError('empty-file', 'The file is empty: it has no rows. Choose a CSV file with a header line and data rows.', { line: 1 });
  }
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const parsed = parseText(body, delimiter);
  const records = parsed.data;
  const lines = lineNumbers(records);
  const header = options.header ?? detectHeader(records.slice(0, 50));
  const nonBlank = records.map((r, i) => ({ r, line: lines[i] })).filter(({ r }) => !isBlank(r));
  if (nonBlank.length === 0) {
    throw new CsvError('empty-file', 'The file has only blank lines. Choose a CSV file with data rows.', { line: 1 });
  }
  const width = nonBlank[0].r.length;
  const names = columnNames(header ? nonBlank[0].r : null, width);
  const data = header ? nonBlank.slice(1) : nonBlank;
  const issues: CsvIssue[] = [];
  if (data.length === 0) {
    issues.push({ code: 'empty-file', message: 'The file has a header line but no data rows. Add rows below the header.', line: 2 });
  }
  for (const error of parsed.errors.slice(0, 3)) {
    if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
      const line = error.row !== undefined ? lines[error.row] : undefined;
      issues.push({ code: 'bad-quotes', message: quotesMessage(line), line });
    }
  }
  for (const { r, line } of data) {
    if (r.length !== width && issues.length < 10) {
      issues.push({ code: 'ragged-row', message: raggedMessage(line, r.length, width, header), line });
    }
  }
  const columns: CsvColumnPreview[] = names.map((name, c) => {
    const values = data.map(({ r }) => r[c] ?? '');
    return { name, type: 'numeric', role: 'feature', stats: columnStats(values) };
  });
  columns.forEach((col, c) => {
    const values = data.map(({ r }) => r[c] ?? '').filter((v) => !MISSING.has(v.trim().toLowerCase()));
    col.type = values.every((v) => parseNumberStrict(v) !== null || NAN_TEXT.has(v.trim().toLowerCase())) ? 'numeric' : 'categorical';
    col.stats = columnStats(data.map(({ r }) => r[c] ?? ''), col.type);
  });
  if (columns.length > 0 && !columns.some((c) => c.type === 'numeric')) {
    issues.push({
      code: 'no-numeric-column',
      message: 'No column holds numbers. A network needs numeric inputs: turn on one-hot encoding for the categorical features, or choose a file with numeric columns.',
    });
  }
  assignDefaultRoles(columns, data.length);
  const labelAsClasses = proposeLabelClasses(columns, data.map(({ r }) => r));
  return {
    delimiter,
    header,
    columns,
    rows: data.slice(0, options.maxRows ?? 20).map(({ r }) => r),
    sampledRows: data.length,
    complete,
    issues,
    ...(labelAsClasses ? { labelAsClasses } : {}),
  };
}

/** Most distinct values a numeric label may have and still be proposed as classes. */
export const MAX_PROPOSED_CLASSES = 10;
/** Largest value of a few-integer label proposed as classes (0…20: class codes, not counts or amounts). */
export const MAX_PROPOSED_CLASS_CODE = 20;

/**
 * Whether numeric label values look like class codes: exactly two distinct values (0/1, 1/2,
 * −1/1…), or up to MAX_PROPOSED_CLASSES distinct whole numbers in 0…MAX_PROPOSED_CLASS_CODE,
 * each seen twice on average. Returns the distinct values in order, or null.
 */
export function looksLikeClassValues(values: readonly number[]): number[] | null {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const k = distinct.length;
  if (k < 2 || k > MAX_PROPOSED_CLASSES || values.length < 2 * k) return null;
  if (k === 2) return distinct;
  const codes = distinct.every((v) => Number.isInteger(v) && v >= 0 && v <= MAX_PROPOSED_CLASS_CODE);
  return codes ? distinct : null;
}

/**
 * A numeric label column whose values look like classes becomes categorical (a proposal the
 * import dialog shows, with one click back to numbers). Not proposed when the same number is
 * written two ways ('1' and '1.0'), since the classes are the texts.
 */
function proposeLabelClasses(columns: CsvColumnPreview[], records: string[][]): CsvPreview['labelAsClasses'] {
  const index = columns.findIndex((c) => c.role === 'label');
  const label = columns[index];
  if (!label || label.type !== 'numeric') return undefined;
  const texts = records.map((r) => (r[index] ?? '').trim()).filter((v) => !MISSING.has(v.toLowerCase()));
  const numbers = texts.map((v) => parseNumberStrict(v));
  if (numbers.some((n) => n === null)) return undefined;
  const classes = looksLikeClassValues(numbers as number[]);
  if (!classes || new Set(texts).size !== classes.length) return undefined;
  label.type = 'categorical';
  label.stats = columnStats(records.map((r) => r[index] ?? ''), 'categorical');
  return { column: label.name, values: [...new Set(texts)].sort(compareCategories) };
}

function columnStats(values: string[], type: ColumnType = 'categorical'): CsvColumnStats {
  let missing = 0;
  const counts = new Map<string, number>();
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const raw of values) {
    const v = raw.trim();
    if (MISSING.has(v.toLowerCase())) {
      missing++;
      continue;
    }
    if (counts.size < 1000 || counts.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    const x = type === 'numeric' ? parseNumberStrict(v) : null;
    if (x !== null) {
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const stats: CsvColumnStats = { count: values.length - missing, missing, distinct: counts.size };
  if (type === 'numeric' && n > 0) Object.assign(stats, { min, max, mean, std: Math.sqrt(m2 / n) });
  if (type === 'categorical') {
    stats.top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || compareCategories(a[0], b[0]))
      .slice(0, 5)
      .map(([value, count]) => ({ value, count }));
  }
  return stats;
}

function assignDefaultRoles(columns: CsvColumnPreview[], rows: number): void {
  const isIdentifier = (c: CsvColumnPreview) =>
    (c.type === 'categorical' && rows > 20 && c.stats.distinct > 0.9 * c.stats.count) ||
    /^(id|index|row|unnamed: ?0)$/i.test(c.name);
  for (const c of columns) c.role = isIdentifier(c) ? 'ignored' : 'feature';
  const label = [...columns].reverse().find((c) => c.role === 'feature');
  if (label && columns.filter((c) => c.role === 'feature').length > 1) label.role = 'label';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function cutToLastLine(text: string): string {
  const end = text.lastIndexOf('\n');
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** Physical line on which each record starts (1-based), counting newlines inside quoted fields. */
function lineNumbers(records: string[][]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const r of records) {
    lines.push(line);
    line += 1;
    for (const field of r) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line++;
  }
  return lines;
}

function raggedMessage(line: number, got: number, width: number, header: boolean): string {
  const reference = header ? 'the header has' : 'the first row has';
  return `Line ${line} has ${got} field${got === 1 ? '' : 's'}; ${reference} ${width}. Check that line for a missing or extra delimiter (or an unquoted delimiter inside a value).`;
}

function quotesMessage(line: number | undefined): string {
  return `${line ? `Line ${line}` : 'A line'} has a quoted field that is never closed. Close the quote (") or remove it.`;
}

// ---------------------------------------------------------------- encoding

class Growable {
  data: Float32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

interface ColumnSlot {
  index: number;
  name: string;
  type: ColumnType;
  role: 'feature' | 'label';
  values: Growable;
  /** categorical: value → id in first-seen order, remapped to sorted order at the end. */
  dictionary?: Map<string, number>;
  sum: number;
  sumSquares: number;
}

/** The parsed file, before normalisation and label encoding (both are cheap to redo at load). */
export interface CsvParsed {
  rows: number;
  /** rows × numFeatures, raw (categorical features as one-hot or indices). */
  x: Float32Array;
  /** rows × label columns: raw values (regression) or class indices (classification). */
  labels: Float32Array;
  labelColumns: number;
  transform: CsvTransform;
  /** Label column names. */
  labelNames: string[];
  /** Rows per class, when classifying. */
  classCounts?: number[];
}

/**
 * Turns records into numbers one chunk at a time, keeping per-column values and sums, so a file of
 * any size is read once. Call `push` with consecutive records from the start of the file
 * (header included), then `finish`.
 */
export class CsvEncoder {
  private readonly slots: ColumnSlot[];
  private readonly width: number;
  private line = 1;
  private rowCount = 0;
  private headerPending: boolean;

  constructor(private readonly config: CsvParseConfig) {
    this.width = config.columns.length;
    this.headerPending = config.header;
    const used = config.columns.map((c, index) => ({ ...c, index })).filter((c) => c.role !== 'ignored');
    const features = used.filter((c) => c.role === 'feature');
    const labels = used.filter((c) => c.role === 'label');
    if (features.length === 0) {
      throw new CsvError('no-feature', 'No column is a feature. Set the role of at least one column to "feature".');
    }
    if (labels.length === 0) {
      throw new CsvError('no-label', 'No column is the label. Set the role of the column to predict to "label".');
    }
    if (labels.length > 1 && labels.some((c) => c.type === 'categorical')) {
      throw new CsvError(
        'mixed-labels',
        `Only one label column can hold classes, but ${labels.map((c) => `'${c.name}'`).join(', ')} are labels. Keep one label column, or make them all numeric for regression.`,
        { column: labels.find((c) => c.type === 'categorical')?.name },
      );
    }
    if (!config.oneHotFeatures && features.every((c) => c.type === 'categorical')) {
      throw new CsvError(
        'no-numeric-column',
        `No feature column holds numbers (${features.map((c) => `'${c.name}'`).join(', ')} are text). A network needs numeric inputs: turn on one-hot encoding for categorical features, or choose a file with numeric columns.`,
        { column: features[0].name },
      );
    }
    this.slots = used.map((c) => ({
      index: c.index,
      name: c.name,
      type: c.type,
      role: c.role as 'feature' | 'label',
      values: new Growable(),
      dictionary: c.type === 'categorical' ? new Map() : undefined,
      sum: 0,
      sumSquares: 0,
    }));
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Line the next record starts on (1-based). */
  get nextLine(): number {
    return this.line;
  }

  push(records: string[][]): void {
    for (const record of records) {
      const line = this.line;
      this.line += 1;
      for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) this.line++;
      if (isBlank(record)) continue;
      if (this.headerPending) {
        this.headerPending = false;
        if (record.length !== this.width) {
          throw new CsvError(
            'columns-changed',
            `The header on line ${line} has ${record.length} columns, but the import was set up for ${this.width}. Open the file again to refresh the preview.`,
            { line },
          );
        }
        continue;
      }
      if (record.length !== this.width) {
        throw new CsvError('ragged-row', raggedMessage(line, record.length, this.width, this.config.header), { line });
      }
      for (const slot of this.slots) this.addValue(slot, record[slot.index], line);
      this.rowCount++;
    }
  }

  private addValue(slot: ColumnSlot, raw: string, line: number): void {
    if (slot.type === 'numeric') {
      const value = parseNumberStrict(raw);
      if (value === null) {
        const text = raw.trim();
        const lower = text.toLowerCase();
        if (NAN_TEXT.has(lower)) {
          throw new CsvError('nan', `Line ${line}, column '${slot.name}': the value is NaN (not a number). Fill in a number or delete the row.`, { line, column: slot.name });
        }
        if (MISSING.has(lower)) {
          throw new CsvError('empty-value', `Line ${line}, column '${slot.name}': the value is missing${text ? ` (${quote(text)})` : ''}. Fill it in or delete the row, or set the column's role to "ignored".`, {
            line,
            column: slot.name,
          });
        }
        throw new CsvError(
          'not-a-number',
          `Line ${line}, column '${slot.name}': expected a number, got ${quote(text)}. Fix the value, or set the column's type to categorical.`,
          { line, column: slot.name },
        );
      }
      slot.values.push(value);
      slot.sum += value;
      slot.sumSquares += value * value;
      return;
    }
    const text = raw.trim();
    const dictionary = slot.dictionary!;
    let id = dictionary.get(text);
    if (id === undefined) {
      id = dictionary.size;
      if (slot.role === 'label' && id >= MAX_CLASSES) {
        throw new CsvError(
          'too-many-classes',
          `Line ${line}, column '${slot.name}': the label column has more than ${MAX_CLASSES} different values. It looks like a number or an identifier, not a class: set its type to numeric (regression) or choose another label.`,
          { line, column: slot.name },
        );
      }
      dictionary.set(text, id);
    }
    slot.values.push(id);
  }

  finish(): CsvParsed {
    if (this.rowCount === 0) {
      throw new CsvError('empty-file', `The file has no data rows${this.config.header ? ' below the header' : ''}. Add rows, or uncheck "first row is a header".`, {
        line: this.line,
      });
    }
    const rows = this.rowCount;
    const features = this.slots.filter((s) => s.role === 'feature');
    const labels = this.slots.filter((s) => s.role === 'label');
    const categories: Record<string, string[]> = {};
    const remaps = new Map<ColumnSlot, Int32Array>();
    for (const slot of this.slots) {
      if (!slot.dictionary) continue;
      const sorted = [...slot.dictionary.keys()].sort(compareCategories);
      const remap = new Int32Array(sorted.length);
      sorted.forEach((name, i) => (remap[slot.dictionary!.get(name)!] = i));
      remaps.set(slot, remap);
      if (slot.role === 'feature') categories[slot.name] = sorted;
    }

    // Names from the pipeline's own encoding, so training and prediction name features alike.
    const featureNames = encodedFeatureNames(csvColumnEncodings(this.config, categories));
    const means: number[] = [];
    const stds: number[] = [];
    const widths: number[] = [];
    for (const slot of features) {
      if (slot.type === 'categorical' && this.config.oneHotFeatures) {
        for (let k = 0; k < categories[slot.name].length; k++) {
          means.push(0);
          stds.push(1);
        }
        widths.push(categories[slot.name].length);
      } else {
        if (slot.type === 'categorical') {
          const remap = remaps.get(slot)!;
          let sum = 0;
          let sumSquares = 0;
          for (let r = 0; r < rows; r++) {
            const v = remap[slot.values.data[r]];
            sum += v;
            sumSquares += v * v;
          }
          slot.sum = sum;
          slot.sumSquares = sumSquares;
        }
        const mean = slot.sum / rows;
        const variance = Math.max(0, slot.sumSquares / rows - mean * mean);
        const std = Math.sqrt(variance);
        means.push(mean);
        // A constant column would divide by zero; leaving it unscaled keeps it harmless.
        stds.push(std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1);
        widths.push(1);
      }
    }

    const numFeatures = featureNames.length;
    const x = new Float32Array(rows * numFeatures);
    let offset = 0;
    features.forEach((slot, f) => {
      const remap = remaps.get(slot);
      const values = slot.values.data;
      if (remap && this.config.oneHotFeatures) {
        for (let r = 0; r < rows; r++) x[r * numFeatures + offset + remap[values[r]]] = 1;
      } else if (remap) {
        for (let r = 0; r < rows; r++) x[r * numFeatures + offset] = remap[values[r]];
      } else {
        for (let r = 0; r < rows; r++) x[r * numFeatures + offset] = values[r];
      }
      offset += widths[f];
    });

    const labelColumns = labels.length;
    const y = new Float32Array(rows * labelColumns);
    let classNames: string[] | undefined;
    let classCounts: number[] | undefined;
    labels.forEach((slot, l) => {
      const values = slot.values.data;
      const remap = remaps.get(slot);
      if (remap) {
        classNames = [...slot.dictionary!.keys()].sort(compareCategories);
        classCounts = new Array<number>(classNames.length).fill(0);
        for (let r = 0; r < rows; r++) {
          const cls = remap[values[r]];
          y[r * labelColumns + l] = cls;
          classCounts[cls]++;
        }
        if (classNames.length < 2) {
          throw new CsvError(
            'one-class',
            `Column '${slot.name}' (the label) has only one class, ${quote(classNames[0] ?? '')}, in all ${rows} rows; a classifier needs at least two. Choose another label column, or a file with more than one class.`,
            { column: slot.name },
          );
        }
      } else {
        for (let r = 0; r < rows; r++) y[r * labelColumns + l] = values[r];
      }
    });

    return {
      rows,
      x,
      labels: y,
      labelColumns,
      labelNames: labels.map((s) => s.name),
      transform: { featureNames, means, stds, categories, ...(classNames ? { classNames } : {}) },
      ...(classCounts ? { classCounts } : {}),
    };
  }
}

/** Parses a whole CSV text at once (embedded data, tests, small files). */
export function parseCsvText(text: string, config: CsvParseConfig): CsvParsed {
  const body = stripBom(text);
  if (body.trim() === '') {
    throw new CsvError('empty-file', 'The file is empty: it has no rows. Choose a CSV file with a header line and data rows.', { line: 1 });
  }
  const encoder = new CsvEncoder(config);
  const parsed = parseText(body, config.delimiter);
  const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (quoteError) {
    const line = quoteError.row !== undefined ? lineNumbers(parsed.data)[quoteError.row] : undefined;
    throw new CsvError('bad-quotes', quotesMessage(line), { line });
  }
  encoder.push(parsed.data);
  return encoder.finish();
}

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
