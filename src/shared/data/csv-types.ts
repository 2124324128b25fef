import type { CsvDataset } from '../project/schema';
import { CSV_COLUMN_ROLES, CSV_COLUMN_TYPES, CSV_DELIMITER_VALUES } from '../project/schema';
import { parseNumberStrict, type NumberFormat } from './numbers';
import type { TextEncodingName } from './text-decode';
import { MISSING_TEXTS } from './preprocess';
import type { MessageParams } from '../graph/problem-text';

/**
 * The CSV vocabulary: what the import dialog sets up, what the import learns and the errors it
 * reports. The stored shapes are derived from the project file's zod schema (CsvDatasetSchema),
 * so the file format, the API and the import code cannot disagree.
 */

export const CSV_DELIMITERS = CSV_DELIMITER_VALUES;
export type CsvDelimiter = CsvDataset['delimiter'];
export const COLUMN_TYPES = CSV_COLUMN_TYPES;
export type ColumnType = CsvDataset['columns'][number]['type'];
export const COLUMN_ROLES = CSV_COLUMN_ROLES;
export type ColumnRole = CsvDataset['columns'][number]['role'];

/** One column as set up in the import dialog. */
export type CsvColumnConfig = CsvDataset['columns'][number];

/** What the user chose in the import dialog; together with the file it fixes the parsed rows. */
export type CsvParseConfig = Pick<CsvDataset, 'delimiter' | 'header' | 'columns'> & Partial<Pick<CsvDataset, 'text' | 'numberFormat'>>;

/**
 * Learned at import and stored with the project, so prediction applies exactly the transform
 * training saw. means/stds are per (expanded) feature; one-hot columns keep mean 0, std 1;
 * `categories` maps a categorical feature column to its categories in encoding order;
 * `classNames` (classification only) are the label's classes in class-index order.
 */
export type CsvTransform = CsvDataset['transform'];

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
  | 'bad-encoding'
  | 'columns-changed'
  | 'too-many-classes'
  | 'missing-strategy'
  // trial 10 (13): a binary file chosen as CSV
  | 'not-text';

/**
 * A CSV import error. Issue 16: raised with its words as data (`csvWords(id, params)` from
 * csv-messages.ts), it carries `messageId` and `params` for the UI's dictionary and the English
 * `message` rendered from them.
 */
export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly line?: number;
  readonly column?: string;
  readonly messageId?: string;
  readonly params?: MessageParams;
  constructor(code: CsvErrorCode, message: string | { messageId: string; params: MessageParams; message: string }, where: { line?: number; column?: string } = {}) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'CsvError';
    this.code = code;
    this.line = where.line;
    this.column = where.column;
    if (typeof message !== 'string') {
      this.messageId = message.messageId;
      this.params = message.params;
    }
  }
}

/** Classification with more classes than this is almost always a wrongly chosen label column. */
export const MAX_CLASSES = 1000;

/** Texts that mean "no value" (the pipeline's own list, so import and predict agree). */
export const MISSING = MISSING_TEXTS;
export const NAN_TEXT = new Set(['nan', '-nan', '+nan']);

/** Orders category names numerically when both look like numbers ('2' < '10'), otherwise by code unit: stable across locales. */
export function compareCategories(a: string, b: string): number {
  const na = parseNumberStrict(a);
  const nb = parseNumberStrict(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `'${cut}'`;
}

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
  /** Issue 16: `message` as data (csv-messages.ts). */
  messageId?: string;
  params?: MessageParams;
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
  // ---- issue 12 (B1): what detection decided, each explained and overridable
  /** How the bytes were read: the encoding, and lines skipped before the records (Excel's `sep=;` line). */
  text: CsvTextLayout;
  /** How numbers are written; every numeric column is read with it. */
  numberFormat: NumberFormat;
  /** Every decision detection took, in file order (encoding, delimiter, header, numbers, columns, label). */
  decisions: CsvDecision[];
  /** The proposed label and why; a guess until the user confirms it (choosing or keeping a label in the dialog). */
  labelGuess: { column: string; reason: 'name' | 'last-column'; confirmed: false } | null;
}

/** Text encoding and skipped lines of a file; defaults {utf-8, 0}. */
export interface CsvTextLayout {
  encoding: TextEncodingName;
  skipLines: number;
}

export const CSV_DECISION_KINDS = [
  'utf16',
  'bom',
  'sep-line',
  'delimiter',
  'header',
  'decimal-comma',
  'thousands',
  'trailing-delimiter',
  'id-column',
  'label-by-name',
  'label-last-column',
  'label-all-unique',
  // trial 10 (13): a column name cut to MAX_COLUMN_NAME characters
  'long-name',
] as const;

/**
 * One decision of the preview. `message` is English for the CLI and logs; the UI renders its own
 * text from `kind` and `params` (messages as data). `column` names the column a decision is about.
 */
export interface CsvDecision {
  kind: (typeof CSV_DECISION_KINDS)[number];
  column?: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface PreviewOptions {
  delimiter?: CsvDelimiter;
  header?: boolean;
  /** Rows to return as text. */
  maxRows?: number;
  /** False when `text` is only the head of a larger file (its last line may be cut). */
  complete?: boolean;
  /** Read the bytes in this encoding instead of the detected one (previewCsvBytes / previewFile). */
  encoding?: TextEncodingName;
  /** Read numbers in this format instead of the detected one. */
  numberFormat?: NumberFormat;
  /** Trial 10 (13): the file's name as the user chose it, for messages (absent: "The file"). */
  fileName?: string;
}
