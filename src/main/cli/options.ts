import { InvalidArgumentError } from 'commander';
import { CSV_DELIMITERS, parseNumberStrict, type CsvDelimiter } from '../../shared/data/csv';
import type { RawValue } from '../../shared/data/preprocess';

/**
 * Value parsers for the command line's options. Each throws commander's InvalidArgumentError,
 * which commander reports as `option '--x <value>' argument 'got' is invalid. <expected>` and
 * the CLI exits with the usage code.
 */

/** Delimiters by name as well as by character, since a tab or a `;` is awkward to type in a shell. */
const DELIMITER_NAMES: Record<string, CsvDelimiter> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };

/** `--delimiter , | ; | tab | pipe` (also `comma`, `semicolon`, `\t`, or a literal tab). */
export function parseDelimiter(value: string): CsvDelimiter {
  const named = DELIMITER_NAMES[value.toLowerCase()];
  if (named) return named;
  if ((CSV_DELIMITERS as readonly string[]).includes(value)) return value as CsvDelimiter;
  throw new InvalidArgumentError(`Expected one of , ; | or tab (also comma, semicolon, pipe).`);
}

/** The delimiter as a person reads it: `',' (comma)`. */
export function describeDelimiter(delimiter: CsvDelimiter): string {
  const name = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[delimiter];
  return delimiter === '\t' ? 'tab' : `'${delimiter}' (${name})`;
}

/** Text encodings the import reads (issue 12 design: `text.encoding`); at merge, import B1's TEXT_ENCODINGS (text-decode.ts) instead. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export function parseEncoding(value: string): TextEncodingName {
  const v = value.toLowerCase() === 'utf8' ? 'utf-8' : value.toLowerCase();
  if ((TEXT_ENCODINGS as readonly string[]).includes(v)) return v as TextEncodingName;
  throw new InvalidArgumentError(`Expected one of ${TEXT_ENCODINGS.join(', ')}.`);
}

/** Number format parts (issue 12 design: `numberFormat`); at merge, import B1's DECIMAL_SEPARATORS / THOUSANDS_SEPARATORS (numbers.ts) instead. */
export const DECIMAL_MARKS = ['.', ','] as const;
export const THOUSANDS_SEPARATORS = ['', ',', '.', ' ', "'"] as const;
export type DecimalMark = (typeof DECIMAL_MARKS)[number];
export type ThousandsSeparator = (typeof THOUSANDS_SEPARATORS)[number];

export function parseDecimal(value: string): DecimalMark {
  const v = { point: '.', dot: '.', comma: ',' }[value.toLowerCase()] ?? value;
  if ((DECIMAL_MARKS as readonly string[]).includes(v)) return v as DecimalMark;
  throw new InvalidArgumentError(`Expected . or , (also point, comma).`);
}

export function parseThousands(value: string): ThousandsSeparator {
  const v = { none: '', comma: ',', point: '.', dot: '.', space: ' ', apostrophe: "'" }[value.toLowerCase()] ?? value;
  if ((THOUSANDS_SEPARATORS as readonly string[]).includes(v)) return v as ThousandsSeparator;
  throw new InvalidArgumentError(`Expected none, ',', '.', space or apostrophe (').`);
}

/** `--epochs N`: a whole number ≥ 1. */
export function parseEpochs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number ≥ 1.');
  return n;
}

/**
 * `--input 1,2.5,red` (repeatable): one raw row. Numbers become numbers; anything else is a
 * category name, which the project's preprocessing checks against the column's categories.
 */
export function collectInputRow(value: string, rows: RawValue[][] = []): RawValue[][] {
  const row = value.split(',').map((v) => v.trim());
  if (value.trim() === '') {
    throw new InvalidArgumentError('Expected comma-separated values such as 1,2.5,3.');
  }
  // Numbers as numbers; anything else is a category name, checked by the preprocessing. An empty
  // field is a missing value (issue 12): the project's impute step fills it, or names row and column.
  return [...rows, row.map((v) => parseNumberStrict(v) ?? v)];
}

/** A repeatable option naming a column (`--ignore id --ignore name`); a name may hold commas or spaces, so one name per flag. */
export function collectColumns(value: string, columns: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a column name.');
  return [...columns, value];
}
