import Papa from 'papaparse';
import { DEFAULT_NUMBER_FORMAT, parseNumber, parseNumberStrict, type NumberFormat } from './numbers';
import { CSV_DELIMITERS, MISSING, type CsvColumnPreview, type CsvDecision, type CsvDelimiter, type CsvPreview } from './csv-types';
import { isBlank, parseText } from './csv-records';
import { CSV_TEXT_MESSAGES_EN } from './csv-text-messages';
import { renderTemplate } from '../graph/problem-text';

/** Guesses about a CSV file: delimiter, header, column names, classes and default column roles. */

/**
 * Picks the delimiter among comma, semicolon, tab and pipe, by Papa Parse's consistency guess.
 * When another delimiter splits the first 50 lines just as consistently into more numbers (read
 * with a decimal point or a decimal comma), it wins: `5,1;3,5;A` splits evenly on ',' too, but
 * only ';' gives numbers.
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const head = sample.slice(0, 64 * 1024);
  const result = Papa.parse<string[]>(head, {
    delimiter: '',
    delimitersToGuess: [...CSV_DELIMITERS],
    preview: 50,
  });
  const found = result.meta.delimiter as CsvDelimiter;
  const guess = (CSV_DELIMITERS as readonly string[]).includes(found) ? found : ',';
  let best = guess;
  let bestScore = numericFieldsIfConsistent(head, guess);
  for (const d of CSV_DELIMITERS) {
    const score = numericFieldsIfConsistent(head, d);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

const DECIMAL_COMMA: NumberFormat = { decimal: ',', thousands: '' };

/** Fields of the first 50 records that are numbers, when every record has the same width ≥ 2; else -1. */
function numericFieldsIfConsistent(text: string, delimiter: CsvDelimiter): number {
  const rows = parseText(text, delimiter, 50).data.filter((r) => !isBlank(r));
  if (rows.length < 2 || rows[0].length < 2 || rows.some((r) => r.length !== rows[0].length)) return -1;
  let numbers = 0;
  for (const r of rows) for (const v of r) if (parseNumberStrict(v) !== null || parseNumber(v, DECIMAL_COMMA) !== null) numbers++;
  return numbers;
}

/**
 * A first row is a header when some column is numeric below it but not in it, or, for all-text
 * files, when none of its values recurs further down.
 */
export function detectHeader(records: string[][], format: NumberFormat = DEFAULT_NUMBER_FORMAT): boolean {
  const num = (v: string) => parseNumber(v, format);
  const rows = records.filter((r) => !isBlank(r));
  if (rows.length < 2) return rows.length === 1 && rows[0].some((v) => num(v) === null && v.trim() !== '');
  const [first, ...rest] = rows;
  if (first.every((v) => num(v) !== null)) return false;
  for (let c = 0; c < first.length; c++) {
    if (num(first[c]) !== null) continue;
    const below = rest.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (below.length > 0 && below.every((v) => num(v) !== null)) return true;
  }
  return first.every((v, c) => v.trim() !== '' && !rest.some((r) => r[c] === v));
}

/** Column names from the header (blank → "column N", repeats get a suffix) or "column 1..n". */
export function columnNames(headerRow: string[] | null, count: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = shortColumnName(headerRow?.[i]?.trim() || `column ${i + 1}`);
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

/**
 * Trial 10 (13): longest column name kept (characters); a longer header cell is cut and ends in
 * "…". The project file allows 500 (CsvColumnSchema) and one-hot feature names add the category.
 */
export const MAX_COLUMN_NAME = 200;

/** `name` cut to MAX_COLUMN_NAME characters (code points, so no surrogate pair is split) plus "…". */
export function shortColumnName(name: string): string {
  const chars = Array.from(name);
  return chars.length > MAX_COLUMN_NAME ? `${chars.slice(0, MAX_COLUMN_NAME).join('')}…` : name;
}

/** One 'long-name' decision per header cell that columnNames cut, naming the column (1-based), its length and the shown name. */
export function longNameDecisions(headerRow: string[] | null, names: string[]): CsvDecision[] {
  const out: CsvDecision[] = [];
  names.forEach((column, i) => {
    const length = Array.from(headerRow?.[i]?.trim() ?? '').length;
    if (length > MAX_COLUMN_NAME) {
      const params = { index: i + 1, length, max: MAX_COLUMN_NAME, column };
      out.push({ kind: 'long-name', column, message: renderTemplate(CSV_TEXT_MESSAGES_EN, 'csvDecision.longName', params), params });
    }
  });
  return out;
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

// ---- issue 12 (B1): number format and column roles

/** Formats tried, in order of preference when two read the same columns; a comma-separated file rarely has decimal commas. */
const FORMATS_COMMA_FILE: NumberFormat[] = [
  { decimal: '.', thousands: ',' },
  { decimal: '.', thousands: ' ' },
  { decimal: '.', thousands: "'" },
  { decimal: ',', thousands: '' },
  { decimal: ',', thousands: '.' },
  { decimal: ',', thousands: ' ' },
];
const FORMATS_OTHER_FILE: NumberFormat[] = [...FORMATS_COMMA_FILE.slice(3), ...FORMATS_COMMA_FILE.slice(0, 3)];

export interface NumberFormatGuess {
  format: NumberFormat;
  /** Columns (indices) that are numbers only in `format`. */
  gained: number[];
}

/**
 * The file's number format, from its values by column (missing values excluded): among plain
 * numbers, thousands separators (',' '.' ' ' "'") and a decimal comma, the format that makes the
 * most columns numeric beyond plain numbers, less those it would stop reading (`1.5` is no number
 * with '.' as thousands separator). Ties go to thousands ',' in a comma-separated file
 * (`"1,250"`), to a decimal comma otherwise (`1,250` in a semicolon file is 1.25, as German Excel
 * reads it). Plain numbers unless some format gains a column.
 */
export function detectNumberFormat(columns: readonly string[][], delimiter: CsvDelimiter): NumberFormatGuess {
  const plain = columns.map((values) => values.length > 0 && values.every((v) => parseNumberStrict(v) !== null || isNanText(v)));
  // A plain number without a '.' reads the same in every format: only those with one are checked again.
  const checked = columns.map((values, c) => (plain[c] ? values.filter((v) => v.includes('.')) : values));
  const numericIn = (format: NumberFormat) => checked.map((values, c) => (plain[c] || values.length > 0) && values.every((v) => parseNumber(v, format) !== null || isNanText(v)));
  let best: NumberFormatGuess = { format: DEFAULT_NUMBER_FORMAT, gained: [] };
  let bestScore = 0;
  for (const format of delimiter === ',' ? FORMATS_COMMA_FILE : FORMATS_OTHER_FILE) {
    const numeric = numericIn(format);
    const gained = numeric.flatMap((n, c) => (n && !plain[c] ? [c] : []));
    const lost = numeric.filter((n, c) => !n && plain[c]).length;
    if (gained.length - lost > bestScore) {
      best = { format, gained };
      bestScore = gained.length - lost;
    }
  }
  return best;
}

function isNanText(v: string): boolean {
  return ['nan', '-nan', '+nan'].includes(v.trim().toLowerCase());
}

/** Names a label column is proposed by (case-insensitive), most telling first. */
export const LABEL_NAMES = ['survived', 'target', 'label', 'class', 'outcome', 'y'] as const;

/** Row-number columns shorter than this are not taken for identifiers (a 3-row file's 1,2,3 may be data). */
export const MIN_ROW_NUMBER_ROWS = 10;

export type IdentifierReason = 'name' | 'unnamed-index' | 'row-number' | 'unique-text';

const ID_NAME = /^(id|idx|index|row|rowid|row_?id|row_?n(o|um|umber)|unnamed: ?0)$|(^|[_\s.-])(id|uuid|guid)$/i;
const CAMEL_ID = /[a-z](Id|ID)$/;

/**
 * Why a column is an identifier rather than a feature, or null: its name (`id`, `PassengerId`,
 * `customer_id`, `row_no`, `Unnamed: 0`), a first column with a blank header holding ascending
 * integers (pandas' `to_csv` index), numbers that count 0…n−1 or 1…n row by row, or text with
 * (almost) a different value on every row (names, codes).
 */
export function identifierReason(column: CsvColumnPreview, index: number, rawName: string | null, values: readonly string[], format: NumberFormat): IdentifierReason | null {
  if (ID_NAME.test(column.name) || CAMEL_ID.test(column.name)) return 'name';
  if (column.type === 'categorical') return values.length > 20 && column.stats.distinct > 0.9 * column.stats.count ? 'unique-text' : null;
  const numbers = values.map((v) => parseNumber(v, format));
  if (numbers.length === 0 || numbers.some((n) => n === null || !Number.isInteger(n))) return null;
  const ints = numbers as number[];
  if (index === 0 && rawName !== null && rawName.trim() === '' && ints.every((n, i) => i === 0 || n > ints[i - 1])) return 'unnamed-index';
  if (ints.length >= MIN_ROW_NUMBER_ROWS && (ints[0] === 0 || ints[0] === 1) && ints.every((n, i) => n === ints[0] + i)) return 'row-number';
  return null;
}

const ID_MESSAGES: Record<IdentifierReason, (column: string) => string> = {
  name: (c) => `'${c}' is named like an identifier: it is ignored (not a feature). Set its role to feature if it carries meaning.`,
  'unnamed-index': (c) => `'${c}' is an unnamed first column of ascending numbers (a saved row index): it is ignored. Set its role to feature if it carries meaning.`,
  'row-number': (c) => `'${c}' counts the rows (0, 1, 2, … or 1, 2, 3, …): it is ignored. Set its role to feature if it carries meaning.`,
  'unique-text': (c) => `'${c}' holds text with a different value on almost every row (names or codes): it is ignored. Set its role to feature to one-hot encode it anyway.`,
};

/**
 * Default roles: identifiers ignored, columns in `skip` left as they are (ignored), the label
 * chosen by name (LABEL_NAMES) or else the last usable column, the rest features. A row-number
 * column stays a feature when it is needed (`x,y` with x = 1…n). `values[c]` are column c's
 * non-missing texts; `rawNames` the header's cells (null without a header). Returns the
 * decisions taken and the label guess.
 */
export function assignDefaultRoles(
  columns: CsvColumnPreview[],
  values: readonly string[][],
  rawNames: readonly string[] | null,
  format: NumberFormat,
  skip: ReadonlySet<number> = new Set(),
): { decisions: CsvDecision[]; labelGuess: CsvPreview['labelGuess'] } {
  const decisions: CsvDecision[] = [];
  const reasons = columns.map((c, i) => (skip.has(i) ? null : identifierReason(c, i, rawNames ? (rawNames[i] ?? '') : null, values[i] ?? [], format)));
  // A column that only counts rows is kept when without it no feature and label would be left (`x,y` with x = 1…n).
  const others = reasons.filter((r, i) => r === null && !skip.has(i)).length;
  columns.forEach((c, i) => {
    if (skip.has(i)) return;
    const reason = reasons[i] === 'row-number' && others < 2 ? null : reasons[i];
    c.role = reason ? 'ignored' : 'feature';
    if (reason) decisions.push({ kind: 'id-column', column: c.name, message: ID_MESSAGES[reason](c.name), params: { column: c.name, reason } });
  });
  const usable = columns.filter((c) => c.role === 'feature');
  if (usable.length < 2) return { decisions, labelGuess: null };
  for (const name of LABEL_NAMES) {
    const byName = [...usable].reverse().find((c) => c.name.trim().toLowerCase() === name);
    if (byName) {
      byName.role = 'label';
      decisions.push({
        kind: 'label-by-name',
        column: byName.name,
        message: `The label (the column to predict) is '${byName.name}', going by its name. This is a guess: confirm it or choose another label column.`,
        params: { column: byName.name },
      });
      return { decisions, labelGuess: { column: byName.name, reason: 'name', confirmed: false } };
    }
  }
  const last = usable[usable.length - 1];
  last.role = 'label';
  decisions.push({
    kind: 'label-last-column',
    column: last.name,
    message: `The label (the column to predict) is '${last.name}', the last column, since no column is named like a label (${LABEL_NAMES.join(', ')}). This is a guess: confirm it or choose another label column.`,
    params: { column: last.name },
  });
  return { decisions, labelGuess: { column: last.name, reason: 'last-column', confirmed: false } };
}

/** Non-missing texts of column `c`. */
export function presentValues(records: readonly string[][], c: number): string[] {
  const out: string[] = [];
  for (const r of records) {
    const v = r[c] ?? '';
    if (!MISSING.has(v.trim().toLowerCase())) out.push(v);
  }
  return out;
}
// ---- end issue 12 (B1)
