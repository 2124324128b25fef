import Papa from 'papaparse';
import { parseNumberStrict } from './numbers';
import { CSV_DELIMITERS, type CsvColumnPreview, type CsvDelimiter } from './csv-types';
import { isBlank } from './csv-records';

/** Guesses about a CSV file: delimiter, header, column names, classes and default column roles. */

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

/** Default roles: identifiers ignored, the last usable column the label, the rest features. */
export function assignDefaultRoles(columns: CsvColumnPreview[], rows: number): void {
  const isIdentifier = (c: CsvColumnPreview) =>
    (c.type === 'categorical' && rows > 20 && c.stats.distinct > 0.9 * c.stats.count) ||
    /^(id|index|row|unnamed: ?0)$/i.test(c.name);
  for (const c of columns) c.role = isIdentifier(c) ? 'ignored' : 'feature';
  const label = [...columns].reverse().find((c) => c.role === 'feature');
  if (label && columns.filter((c) => c.role === 'feature').length > 1) label.role = 'label';
}
