import { basename } from 'node:path';
import type { CsvColumnPreview, CsvIssue } from '../../shared/data/csv';
import { DEFAULT_NUMBER_FORMAT, DEFAULT_TEXT, type CsvDecisionLike, type DataOverrides, type DataPreview } from './data-file';
import { describeDelimiter } from './options';
import { dataHealth, healthTableFromPreview, withoutDecided } from '../../shared/data/health';
import { parseNumber } from '../../shared/data/numbers';
import { defaultImportSettings } from '../../shared/data/import-defaults';

/**
 * `neurite inspect DATA.csv`: what the import would decide, from main's preview (the same one
 * the dialog shows). Pure formatting: `inspectReport` is the --json answer, `formatInspect` the text.
 */

/** A data health item as the shared design defines `HealthItem` (slice C), the part the command line prints. */
export interface HealthItemLike {
  kind: string;
  column?: string;
  message: string;
  params?: Record<string, string | number>;
  counts?: { value: string; count: number }[];
  fix?: { kind: string; column?: string; role?: string; value?: unknown; mode?: string; strategy?: string };
}

/**
 * The data health report for a preview, with the import's defaults (detected roles and types,
 * features normalised), over the INSPECT_TEXT_ROWS text rows the preview returns, numbers read
 * in the detected (or given) number format. A label-all-unique warning already among the
 * decisions is not repeated (as in the dialog).
 */
export function inspectHealth(preview: DataPreview): HealthItemLike[] {
  const format = preview.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  return withoutDecided(dataHealth(healthTableFromPreview(preview, preview.columns, true, (t) => parseNumber(t, format))), preview.decisions);
}

/** Text rows `neurite inspect` asks the preview for: as many as the import dialog's health report reads (slice C: 1000). */
export const INSPECT_TEXT_ROWS = 1000;

export interface InspectColumn {
  name: string;
  type: CsvColumnPreview['type'];
  role: CsvColumnPreview['role'];
  /** Missing values in the rows looked at (empty, NA, N/A, null, none, ?). */
  missing: number;
  /** A categorical feature's encoding by default ('onehot'; `train --csv --index-encoding COLUMN` codes it by index). */
  encoding?: 'onehot' | 'index';
  stats: CsvColumnPreview['stats'];
}

/** The --json answer of `neurite inspect` (`ok: true`); field names follow the preview's. */
export interface InspectReport {
  ok: true;
  file: { name: string; size: number };
  /** An Excel workbook's sheets and the one read (absent for a text file). */
  sheets?: string[];
  sheet?: string;
  delimiter: DataPreview['delimiter'];
  header: boolean;
  /** Which settings came from the command line rather than detection. */
  given: (keyof DataOverrides)[];
  text: { encoding: string; skipLines: number };
  numberFormat: { decimal: string; thousands: string };
  /** Settings the preview read with the format's defaults rather than detected (a detection without encoding or number-format support); absent when none. */
  assumed?: ('text' | 'numberFormat')[];
  /** Data rows looked at, and whether that is the whole file. */
  sampledRows: number;
  complete: boolean;
  columns: InspectColumn[];
  /** The label column the import would use and why: always a guess until the user names it (`train --label`). As the preview's `labelGuess`. */
  labelGuess: { column: string; reason: 'name' | 'last-column'; confirmed: false } | null;
  labelAsClasses?: DataPreview['labelAsClasses'];
  decisions?: CsvDecisionLike[];
  issues: CsvIssue[];
  health?: HealthItemLike[];
}

export function inspectReport(path: string, preview: DataPreview, overrides: DataOverrides): InspectReport {
  const labelColumn = preview.columns.find((c) => c.role === 'label');
  const health = inspectHealth(preview);
  const defaults = defaultImportSettings(preview, 'categoricalCrossentropy').columns;
  return {
    ok: true,
    file: { name: basename(path), size: preview.size },
    ...(preview.sheet !== undefined ? { sheets: preview.sheets ?? [preview.sheet], sheet: preview.sheet } : {}),
    delimiter: preview.delimiter,
    header: preview.header,
    given: (Object.keys(overrides) as (keyof DataOverrides)[]).filter((k) => overrides[k] !== undefined),
    text: preview.text ?? { ...DEFAULT_TEXT },
    numberFormat: preview.numberFormat ?? { ...DEFAULT_NUMBER_FORMAT },
    ...(preview.text && preview.numberFormat ? {} : { assumed: [...(preview.text ? [] : ['text' as const]), ...(preview.numberFormat ? [] : ['numberFormat' as const])] }),
    sampledRows: preview.sampledRows,
    complete: preview.complete,
    // The import's own defaults (one implementation with the dialog): no `encoding` means one-hot.
    columns: preview.columns.map(({ name, type, role, stats }, i) => ({
      name,
      type,
      role,
      missing: stats.missing,
      ...(type === 'categorical' && role === 'feature' ? { encoding: defaults[i].encoding ?? 'onehot' } : {}),
      stats,
    })),
    // A preview without `labelGuess` (detection before issue 12) always proposed the last usable column.
    labelGuess: preview.labelGuess !== undefined ? preview.labelGuess : labelColumn ? { column: labelColumn.name, reason: 'last-column', confirmed: false } : null,
    ...(preview.labelAsClasses ? { labelAsClasses: preview.labelAsClasses } : {}),
    ...(preview.decisions ? { decisions: preview.decisions } : {}),
    issues: preview.issues,
    ...(health ? { health } : {}),
  };
}

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

function describeNumberFormat(format: InspectReport['numberFormat']): string {
  const decimal = format.decimal === ',' ? "decimal comma ','" : "decimal point '.'";
  const thousands = format.thousands === '' ? 'no thousands separator' : `thousands separator ${format.thousands === ' ' ? 'space' : `'${format.thousands}'`}`;
  return `${decimal}, ${thousands}`;
}

function describeValues(column: InspectColumn): string {
  const s = column.stats;
  if (column.type === 'numeric') {
    return s.min !== undefined && s.max !== undefined ? `${formatNumber(s.min)} to ${formatNumber(s.max)}, mean ${formatNumber(s.mean!)}` : 'no numbers';
  }
  const top = (s.top ?? []).slice(0, 3).map((t) => `${t.value} (${t.count})`).join(', ');
  return `${s.distinct}${s.distinct >= 1000 ? '+' : ''} distinct${top ? `: ${top}` : ''}${s.distinct > 3 ? ', …' : ''}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4).replace(/\.?0+$/, '');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd());
}

function decisionLines(decisions: CsvDecisionLike[] | undefined): string[] {
  if (!decisions) return [];
  if (decisions.length === 0) return ['Decisions: none beyond the defaults.'];
  return ['Decisions:', ...decisions.map((d) => `  - ${d.column !== undefined ? `[${d.column}] ` : ''}${d.message}`)];
}

/** How to apply a health fix from the command line, where a flag exists. */
function fixHint(fix: HealthItemLike['fix']): string {
  if (!fix) return '';
  if (fix.kind === 'set-role' && fix.role === 'ignored' && fix.column !== undefined) return ` (fix: train with --ignore ${JSON.stringify(fix.column)})`;
  if (fix.kind === 'set-normalize') return ' (fix: train with --normalize)';
  if (fix.kind === 'set-split-mode' && fix.mode) return ` (fix: set the project's training.splitMode to "${fix.mode}")`;
  if (fix.kind === 'set-missing' && fix.column !== undefined && fix.strategy) return ` (fix: train with --missing ${JSON.stringify(`${fix.column}=${fix.strategy}`)})`;
  return '';
}

function healthLines(health: HealthItemLike[] | undefined): string[] {
  if (!health) return [];
  if (health.length === 0) return ['Health: no problems found.'];
  return [
    'Health:',
    ...health.flatMap((h) => [
      `  - ${h.column !== undefined ? `[${h.column}] ` : ''}${h.message}${fixHint(h.fix)}`,
      ...(h.counts ? [`      ${h.counts.map((c) => `${c.value}: ${c.count}`).join(', ')}`] : []),
    ]),
  ];
}

export function formatInspect(report: InspectReport): string[] {
  const given = (key: keyof DataOverrides) => (report.given.includes(key) ? 'as given' : 'detected');
  const textHow = report.assumed?.includes('text') ? 'not detected: this version reads UTF-8' : given('encoding');
  const numberHow = report.assumed?.includes('numberFormat')
    ? "not detected: this version reads '.' decimals without separators"
    : report.given.includes('decimal') || report.given.includes('thousands')
      ? 'as given'
      : 'detected';
  const lines = [
    `${report.file.name}: ${report.file.size.toLocaleString('en-US')} bytes, ${report.sampledRows.toLocaleString('en-US')} data rows ${report.complete ? '(the whole file)' : 'looked at (the head of the file)'}`,
    ...(report.sheet !== undefined
      ? [`Sheet: ${report.sheet} (${report.given.includes('sheet') ? 'as given' : report.sheet !== report.sheets?.[0] ? 'the first sheet with data rows' : 'detected'}; the workbook has ${report.sheets!.map((s) => JSON.stringify(s)).join(', ')}: --sheet NAME chooses)`]
      : [`Delimiter: ${describeDelimiter(report.delimiter)} (${given('delimiter')})`]),
    `Header: ${report.header ? 'yes, the first line names the columns' : 'no, columns are numbered'} (${given('header')})`,
    ...(report.sheet !== undefined ? [] : [`Encoding: ${ENCODING_NAMES[report.text.encoding] ?? report.text.encoding}${report.text.skipLines > 0 ? `, ${report.text.skipLines} line(s) skipped before the data` : ''} (${textHow})`,
    `Number format: ${describeNumberFormat(report.numberFormat)} (${numberHow})`]),
    `Columns (${report.columns.length}):`,
    ...table([['#', 'name', 'type', 'role', 'missing', 'values'], ...report.columns.map((c, i) => [String(i + 1), c.name, c.encoding ? `${c.type} (${c.encoding === 'onehot' ? 'one-hot' : 'index'})` : c.type, c.role, String(c.missing), describeValues(c)])]),
  ];
  if (report.labelGuess) {
    const why = report.labelGuess.reason === 'name' ? 'named like a target' : 'the last usable column';
    lines.push(`Label: ${report.labelGuess.column} - a guess (${why}), not confirmed: train with --label COLUMN to choose.`);
  } else {
    lines.push('Label: none (fewer than two usable columns): train with --label COLUMN to choose.');
  }
  if (report.labelAsClasses) {
    lines.push(`  ${report.labelAsClasses.column} holds numbers that look like classes (${report.labelAsClasses.values.slice(0, 10).join(', ')}): imported as categories; --numeric ${JSON.stringify(report.labelAsClasses.column)} keeps them numbers.`);
  }
  lines.push(...decisionLines(report.decisions));
  if (report.issues.length > 0) lines.push('Problems:', ...report.issues.map((i) => `  - ${i.message}`));
  lines.push(...healthLines(report.health));
  return lines;
}
