import type { ParseError } from 'papaparse';
import { parseNumberStrict } from './numbers';
import { compareCategories, CsvError, MISSING, NAN_TEXT, type ColumnType, type CsvColumnPreview, type CsvColumnStats, type CsvDelimiter, type CsvIssue, type CsvPreview, type PreviewOptions } from './csv-types';
import { cutToLastLine, isBlank, lineNumbers, parseText, quotesMessage, raggedMessage, stripBom } from './csv-records';
import { assignDefaultRoles, columnNames, detectDelimiter, detectHeader, looksLikeClassValues } from './csv-detect';

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
  return previewRecords(parsed.data, { ...options, complete }, delimiter, parsed.errors);
}

/**
 * previewCsv after parsing: header, column names, types, statistics and default roles of
 * records (`string[][]`, a possible header row first) however they were read — CSV text or a
 * workbook sheet (src/main/data/xlsx.ts). `delimiter` is only reported back (a sheet has none:
 * ','); `errors` are the text parser's, for the quote issues.
 */
export function previewRecords(records: string[][], options: PreviewOptions = {}, delimiter: CsvDelimiter = ',', errors: readonly ParseError[] = []): CsvPreview {
  const complete = options.complete ?? true;
  const parsed = { errors };
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
