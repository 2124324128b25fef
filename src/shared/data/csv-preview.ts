import { csvWords } from './csv-messages';
import type { ParseError } from 'papaparse';
import { csvTextWords } from './csv-text-messages';
import { DEFAULT_NUMBER_FORMAT, parseNumber, type NumberFormat } from './numbers';
import { compareCategories, CsvError, MISSING, NAN_TEXT, type ColumnType, type CsvColumnPreview, type CsvColumnStats, type CsvDecision, type CsvDelimiter, type CsvIssue, type CsvPreview, type PreviewOptions } from './csv-types';
import { cutToLastLine, isBlank, lineNumbers, parseText, quotesMessage, raggedMessage } from './csv-records';
import { assignDefaultRoles, columnNames, longNameDecisions, detectDelimiter, detectHeader, detectNumberFormat, looksLikeClassValues, presentValues } from './csv-detect';
import { decodeHead, detectTextEncoding, firstInvalidLine, notTextEvidence, sepLine, type EncodingEvidence, type TextEncodingName } from './text-decode';

/** How the text reached previewCsv: its encoding, and whether bytes told it (previewCsvBytes). */
interface TextOrigin {
  encoding: TextEncodingName;
  evidence: EncodingEvidence;
  /** The encoding was the user's override. */
  chosen: boolean;
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/**
 * Looks at (the head of) a file given as bytes: detects the text encoding (byte-order mark, or
 * UTF-16's zero bytes; `options.encoding` overrides), decodes and previews it. The one path from
 * bytes to a preview: main's previewFile and the CLI both come here.
 */
export function previewCsvBytes(bytes: Uint8Array, options: PreviewOptions = {}): CsvPreview {
  const detected = detectTextEncoding(bytes);
  const encoding = options.encoding ?? detected.encoding;
  // Trial 10 (13): a binary file is refused in words, before its bytes become absurd column names.
  // Zero bytes that UTF-16 explains are text even when the user chose to read the file otherwise.
  const notText = detected.encoding === 'utf-8' ? notTextEvidence(bytes, encoding) : null;
  if (notText) {
    const words = csvTextWords(notText.kind === 'nul' ? 'csv.notText.nul' : 'csv.notText.invalid', { file: options.fileName ?? 'The file', bytes: notText.bytes, count: notText.count, percent: notText.percent });
    throw Object.assign(new CsvError('not-text', words.message, { line: 1 }), { messageId: words.messageId, params: words.params });
  }
  // With an overridden encoding a byte-order mark of another encoding is kept, as the user asked.
  const origin: TextOrigin = { encoding, evidence: encoding === detected.encoding ? detected.evidence : 'default', chosen: options.encoding !== undefined && options.encoding !== detected.encoding };
  const bomMark = origin.evidence === 'bom' && encoding === 'utf-8' ? '\uFEFF' : '';
  return previewText(bomMark + decodeHead(bytes, encoding), options, origin);
}

/**
 * Looks at (the head of) a file: delimiter, header, column names, types, statistics and default
 * roles (identifiers ignored, the label by name or else the last usable column, the rest
 * features), with every decision explained in `decisions`.
 */
export function previewCsv(text: string, options: PreviewOptions = {}): CsvPreview {
  return previewText(text, options, { encoding: 'utf-8', evidence: text.charCodeAt(0) === 0xfeff ? 'bom' : 'default', chosen: false });
}

function previewText(text: string, options: PreviewOptions, origin: TextOrigin): CsvPreview {
  const complete = options.complete ?? true;
  const decisions: CsvDecision[] = [];
  const issues: CsvIssue[] = [];
  let body = complete ? text : cutToLastLine(text);
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  if (origin.encoding !== 'utf-8') {
    const name = origin.encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    const how = origin.chosen ? 'as you chose' : origin.evidence === 'bom' ? 'its byte-order mark says so' : 'every other byte is zero, as in UTF-16 text without a byte-order mark';
    decisions.push({ kind: 'utf16', message: `The file is ${name} text (Excel's "Unicode text"; ${how}): decoded from ${name}.`, params: { encoding: origin.encoding, evidence: origin.chosen ? 'chosen' : origin.evidence } });
  } else if (origin.evidence === 'bom') {
    decisions.push({ kind: 'bom', message: 'The file starts with a UTF-8 byte-order mark (as Excel\'s "CSV UTF-8" writes): it was removed from the first column name.', params: { encoding: 'utf-8' } });
  }
  const invalidLine = firstInvalidLine(body);
  if (invalidLine !== null) {
    issues.push({
      code: 'bad-encoding',
      ...csvWords('csv.badEncoding', { line: invalidLine, encoding: origin.encoding.toUpperCase() }),
      line: invalidLine,
    });
  }
  const sep = sepLine(body);
  let skipLines = 0;
  let sepDelimiter: CsvDelimiter | undefined;
  if (sep) {
    skipLines = 1;
    const end = body.indexOf('\n');
    body = end === -1 ? '' : body.slice(end + 1);
    sepDelimiter = sep.delimiter in DELIMITER_NAMES ? (sep.delimiter as CsvDelimiter) : undefined;
    decisions.push({
      kind: 'sep-line',
      message: sepDelimiter
        ? `The first line 'sep=${sep.delimiter}' (written by Excel) names the delimiter, ${DELIMITER_NAMES[sepDelimiter]}; the line is skipped.`
        : `The first line 'sep=${sep.delimiter}' (written by Excel) names a delimiter this import does not read; the line is skipped. Save the file again with commas, semicolons, tabs or pipes.`,
      params: { delimiter: sep.delimiter },
    });
  }
  if (body.trim() === '') {
    throw new CsvError('empty-file', csvWords('csv.empty'), { line: 1 + skipLines });
  }
  const delimiter = options.delimiter ?? sepDelimiter ?? detectDelimiter(body);
  decisions.push({
    kind: 'delimiter',
    message: `Columns are separated by ${DELIMITER_NAMES[delimiter]}s (${options.delimiter ? 'as you chose' : sepDelimiter ? "from the 'sep=' line" : 'detected'}).`,
    params: { delimiter, source: options.delimiter ? 'chosen' : sepDelimiter ? 'sep-line' : 'detected' },
  });
  const parsed = parseText(body, delimiter);
  return previewRecords(parsed.data, options, delimiter, parsed.errors, { decisions, issues, skipLines, encoding: origin.encoding });
}

/** What the text layer decided before the records: its decisions and issues, lines skipped, the encoding. */
export interface RecordsContext {
  decisions: CsvDecision[];
  issues: CsvIssue[];
  skipLines: number;
  encoding: TextEncodingName;
}

/**
 * The preview after parsing: header, number format, column names, types, statistics and default
 * roles of records (`string[][]`, a possible header row first) however they were read — CSV text
 * or a workbook sheet (src/main/data/xlsx.ts, which passes the default number format: its cells
 * are written with '.' decimals and no separators). `delimiter` is only reported back (a sheet
 * has none: ','); `errors` are the text parser's, for the quote issues.
 */
export function previewRecords(
  records: string[][],
  options: PreviewOptions = {},
  delimiter: CsvDelimiter = ',',
  errors: readonly ParseError[] = [],
  context: RecordsContext = { decisions: [], issues: [], skipLines: 0, encoding: 'utf-8' },
): CsvPreview {
  const complete = options.complete ?? true;
  const { decisions, issues, skipLines } = context;
  const parsed = { errors };
  const lines = lineNumbers(records).map((line) => line + skipLines);
  const nonBlank = records.map((r, i) => ({ r, line: lines[i] })).filter(({ r }) => !isBlank(r));
  if (nonBlank.length === 0) {
    throw new CsvError('empty-file', csvWords('csv.blankLines'), { line: 1 });
  }
  const width = nonBlank[0].r.length;
  // The number format is read below a possible header row, then the header is told with it.
  const below = nonBlank.slice(1).map(({ r }) => r);
  const guess = options.numberFormat
    ? { format: options.numberFormat, gained: [] as number[] }
    : detectNumberFormat(Array.from({ length: width }, (_, c) => presentValues(below, c)), delimiter);
  const format = guess.format;
  const header = options.header ?? detectHeader(records.slice(0, 50), format);
  decisions.push({
    kind: 'header',
    message: header ? `The first row holds the column names (${options.header !== undefined ? 'as you chose' : 'detected'}).` : `The first row is data; columns are named column 1, column 2, … (${options.header !== undefined ? 'as you chose' : 'detected'}).`,
    params: { header: header ? 1 : 0, source: options.header !== undefined ? 'chosen' : 'detected' },
  });
  const rawNames = header ? nonBlank[0].r : null;
  const names = columnNames(rawNames, width);
  decisions.push(...longNameDecisions(rawNames, names));
  const data = header ? nonBlank.slice(1) : nonBlank;
  const rows = data.map(({ r }) => r);
  if (data.length === 0) {
    issues.push({ code: 'empty-file', ...csvWords('csv.headerOnly'), line: 2 + skipLines });
  }
  for (const error of parsed.errors.slice(0, 3)) {
    if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
      const line = error.row !== undefined ? lines[error.row] : undefined;
      issues.push({ code: 'bad-quotes', ...quotesMessage(line), line });
    }
  }
  for (const { r, line } of data) {
    if (r.length !== width && issues.length < 10) {
      issues.push({ code: 'ragged-row', ...raggedMessage(line, r.length, width, header), line });
    }
  }
  const present = names.map((_, c) => presentValues(rows, c));
  const columns: CsvColumnPreview[] = names.map((name, c) => {
    const type: ColumnType = present[c].every((v) => parseNumber(v, format) !== null || NAN_TEXT.has(v.trim().toLowerCase())) ? 'numeric' : 'categorical';
    return { name, type, role: 'feature', stats: columnStats(rows.map((r) => r[c] ?? ''), type, format) };
  });
  decisions.push(...numberFormatDecisions(format, guess.gained.length > 0 ? guess.gained : columns.flatMap((c, i) => (c.type === 'numeric' ? [i] : [])), columns, present, options.numberFormat !== undefined));
  const trailing = trailingEmptyColumns(rawNames, present);
  for (const c of trailing) {
    columns[c].role = 'ignored';
    decisions.push({
      kind: 'trailing-delimiter',
      column: names[c],
      message: `Every line ends with a delimiter, which adds an empty, unnamed last column ('${names[c]}'): it is ignored.`,
      params: { column: names[c] },
    });
  }
  if (columns.length > 0 && !columns.some((c) => c.type === 'numeric' && c.role !== 'ignored')) {
    issues.push({
      code: 'no-numeric-column',
      message: 'No column holds numbers. A network needs numeric inputs: turn on one-hot encoding for the categorical features, or choose a file with numeric columns.',
    });
  }
  const roles = assignDefaultRoles(columns, present, rawNames, format, new Set(trailing));
  decisions.push(...roles.decisions);
  const labelAsClasses = proposeLabelClasses(columns, rows, format);
  const label = columns.find((c) => c.role === 'label');
  if (label && label.type === 'categorical') {
    const values = present[columns.indexOf(label)].map((v) => v.trim());
    if (values.length >= 2 && new Set(values).size === values.length) {
      decisions.push({
        kind: 'label-all-unique',
        column: label.name,
        message: `Every value of the label '${label.name}' is its own class (${values.length} rows, ${values.length} classes): a network cannot learn classes seen once. If it holds amounts, make it numeric (check the number format); otherwise choose another label column.`,
        params: { column: label.name, rows: values.length },
      });
    }
  }
  return {
    delimiter,
    header,
    columns,
    rows: rows.slice(0, options.maxRows ?? 20),
    sampledRows: data.length,
    complete,
    issues,
    ...(labelAsClasses ? { labelAsClasses } : {}),
    text: { encoding: context.encoding, skipLines },
    numberFormat: format,
    decisions,
    labelGuess: roles.labelGuess,
  };
}

/** Unnamed last columns with no value on any row (a delimiter at the end of every line), from the last one back. */
function trailingEmptyColumns(rawNames: readonly string[] | null, present: readonly string[][]): number[] {
  const out: number[] = [];
  for (let c = present.length - 1; c > 0; c--) {
    const unnamed = rawNames === null || (rawNames[c] ?? '').trim() === '';
    if (!unnamed || present[c].some((v) => v.trim() !== '')) break;
    out.push(c);
  }
  return out.reverse();
}

const SEPARATOR_NAMES: Record<NumberFormat['thousands'], string> = { '': 'none', ',': 'comma', '.': 'period', ' ': 'space', "'": 'apostrophe' };

/** The decimal-comma and thousands decisions of a number format, each with an example from the columns it reads. */
function numberFormatDecisions(format: NumberFormat, numericColumns: number[], columns: CsvColumnPreview[], present: string[][], chosen: boolean): CsvDecision[] {
  const out: CsvDecision[] = [];
  const names = numericColumns.map((c) => columns[c].name);
  const list = names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
  const example = (test: (v: string) => boolean) => {
    for (const c of numericColumns) for (const v of present[c]) if (test(v)) return v.trim();
    return '';
  };
  const how = chosen ? 'as you chose' : 'detected';
  if (format.decimal === ',') {
    const sample = example((v) => v.includes(','));
    const value = sample ? parseNumber(sample, format) : null;
    out.push({
      kind: 'decimal-comma',
      message: `Decimal comma ${how}${sample && value !== null ? `: '${sample}' reads as ${value}` : ''} (columns ${list}).`,
      params: { example: sample, value: value ?? '', columns: names.join(', '), source: chosen ? 'chosen' : 'detected' },
    });
  }
  if (format.thousands !== '') {
    const sep = format.thousands;
    const sample = example((v) => (sep === ' ' ? /[ \u00a0\u202f]/.test(v.trim()) : v.includes(sep)));
    const value = sample ? parseNumber(sample, format) : null;
    out.push({
      kind: 'thousands',
      message: `Thousands separators (${SEPARATOR_NAMES[sep]}) ${how} and removed${sample && value !== null ? `: '${sample}' reads as ${value}` : ''} (columns ${list}).`,
      params: { separator: sep, separatorName: SEPARATOR_NAMES[sep], example: sample, value: value ?? '', columns: names.join(', '), source: chosen ? 'chosen' : 'detected' },
    });
  }
  return out;
}

/**
 * A numeric label column whose values look like classes becomes categorical (a proposal the
 * import dialog shows, with one click back to numbers). Not proposed when the same number is
 * written two ways ('1' and '1.0'), since the classes are the texts.
 */
function proposeLabelClasses(columns: CsvColumnPreview[], records: string[][], format: NumberFormat): CsvPreview['labelAsClasses'] {
  const index = columns.findIndex((c) => c.role === 'label');
  const label = columns[index];
  if (!label || label.type !== 'numeric') return undefined;
  const texts = records.map((r) => (r[index] ?? '').trim()).filter((v) => !MISSING.has(v.toLowerCase()));
  const numbers = texts.map((v) => parseNumber(v, format));
  if (numbers.some((n) => n === null)) return undefined;
  const classes = looksLikeClassValues(numbers as number[]);
  if (!classes || new Set(texts).size !== classes.length) return undefined;
  label.type = 'categorical';
  label.stats = columnStats(records.map((r) => r[index] ?? ''), 'categorical', format);
  return { column: label.name, values: [...new Set(texts)].sort(compareCategories) };
}

function columnStats(values: string[], type: ColumnType, format: NumberFormat = DEFAULT_NUMBER_FORMAT): CsvColumnStats {
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
    const x = type === 'numeric' ? parseNumber(v, format) : null;
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
