import { basename } from 'node:path';
import { cliT } from './language';
import { displayWidth } from './runs';
import type { Translate } from '../../shared/i18n/translate';
import type { CsvColumnPreview, CsvIssue } from '../../shared/data/csv';
import { DEFAULT_NUMBER_FORMAT, DEFAULT_TEXT, type CsvDecisionLike, type DataOverrides, type DataPreview } from './data-file';
import { describeDelimiter } from './options';
import { dataHealth, healthTableFromPreview, withoutDecided, type HealthItem } from '../../shared/data/health';
import { decisionText, healthText, type CsvDecisionInfo } from '../../shared/i18n/data-text';
import { messageText } from '../../shared/i18n/problem-text';
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

function describeNumberFormat(format: InspectReport['numberFormat'], t: Translate): string {
  const decimal = t(format.decimal === ',' ? 'cli.inspect.decimalComma' : 'cli.inspect.decimalPoint');
  const thousands = format.thousands === '' ? t('cli.inspect.noThousands') : t('cli.inspect.thousands', { separator: format.thousands === ' ' ? t('cli.inspect.space') : `'${format.thousands}'` });
  return `${decimal}, ${thousands}`;
}

function describeValues(column: InspectColumn, t: Translate): string {
  const s = column.stats;
  if (column.type === 'numeric') {
    return s.min !== undefined && s.max !== undefined ? t('cli.inspect.range', { min: formatNumber(s.min), max: formatNumber(s.max), mean: formatNumber(s.mean!) }) : t('cli.inspect.noNumbers');
  }
  const top = (s.top ?? []).slice(0, 3).map((v) => `${v.value} (${v.count})`).join(', ');
  return `${t('cli.inspect.distinct', { count: `${s.distinct}${s.distinct >= 1000 ? '+' : ''}` })}${top ? `: ${top}` : ''}${s.distinct > 3 ? ', …' : ''}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4).replace(/\.?0+$/, '');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
  return rows.map((r) => `  ${r.map((cell, i) => cell + ' '.repeat(widths[i] - displayWidth(cell))).join('  ')}`.trimEnd());
}

// Decisions, problems and health items in the language, worded as the import dialog words them
// (src/shared/i18n/data-text.ts, messageText); the delimiter and header decisions, which the
// dialog shows as controls, in the language's own words for them.
function decisionLines(decisions: CsvDecisionLike[] | undefined, t: Translate): string[] {
  if (!decisions) return [];
  if (decisions.length === 0) return [t('cli.inspect.noDecisions')];
  const text = (d: CsvDecisionLike) => decisionText(d as CsvDecisionInfo, t) ?? (t === cliT({}) ? d.message : t(d.kind === 'delimiter' ? 'cli.inspect.decidedDelimiter' : 'cli.inspect.decidedHeader'));
  return [t('cli.inspect.decisions'), ...decisions.map((d) => `  - ${d.column !== undefined ? `[${d.column}] ` : ''}${text(d)}`)];
}

/** How to apply a health fix from the command line, where a flag exists, in the language of `t`. */
function fixHint(fix: HealthItemLike['fix'], t: Translate): string {
  if (!fix) return '';
  const trainWith = (flag: string) => t('cli.inspect.fixHint', { how: t('cli.inspect.fixTrainWith', { flag }) });
  if (fix.kind === 'set-role' && fix.role === 'ignored' && fix.column !== undefined) return trainWith(`--ignore ${JSON.stringify(fix.column)}`);
  if (fix.kind === 'set-normalize') return trainWith('--normalize');
  if (fix.kind === 'set-split-mode' && fix.mode) return t('cli.inspect.fixHint', { how: t('cli.inspect.fixSplitMode', { mode: fix.mode }) });
  if (fix.kind === 'set-missing' && fix.column !== undefined && fix.strategy) return trainWith(`--missing ${JSON.stringify(`${fix.column}=${fix.strategy}`)}`);
  return '';
}

function healthLines(health: HealthItemLike[] | undefined, t: Translate): string[] {
  if (!health) return [];
  if (health.length === 0) return [t('cli.inspect.healthy')];
  return [
    t('cli.inspect.health'),
    ...health.flatMap((h) => [
      `  - ${h.column !== undefined ? `[${h.column}] ` : ''}${t === cliT({}) ? h.message : healthText(h as HealthItem, t)}${fixHint(h.fix, t)}`,
      ...(h.counts ? [`      ${h.counts.map((c) => `${c.value}: ${c.count}`).join(', ')}`] : []),
    ]),
  ];
}

export function formatInspect(report: InspectReport, t: Translate = cliT({})): string[] {
  const given = (key: keyof DataOverrides) => t(report.given.includes(key) ? 'cli.inspect.asGiven' : 'cli.inspect.detected');
  const textHow = report.assumed?.includes('text') ? t('cli.inspect.assumedUtf8') : given('encoding');
  const numberHow = report.assumed?.includes('numberFormat')
    ? t('cli.inspect.assumedNumbers')
    : report.given.includes('decimal') || report.given.includes('thousands')
      ? t('cli.inspect.asGiven')
      : t('cli.inspect.detected');
  const sheetHow = report.given.includes('sheet') ? t('cli.inspect.asGiven') : report.sheet !== report.sheets?.[0] ? t('cli.inspect.firstSheetWithRows') : t('cli.inspect.detected');
  const lines = [
    t(report.complete ? 'cli.inspect.fileWhole' : 'cli.inspect.fileHead', { file: report.file.name, bytes: report.file.size.toLocaleString('en-US'), rows: report.sampledRows.toLocaleString('en-US') }),
    ...(report.sheet !== undefined
      ? [t('cli.inspect.sheet', { sheet: report.sheet, how: sheetHow, sheets: report.sheets!.map((s) => JSON.stringify(s)).join(', ') })]
      : [t('cli.inspect.delimiter', { delimiter: describeDelimiter(report.delimiter), how: given('delimiter') })]),
    t('cli.inspect.header', { header: t(report.header ? 'cli.inspect.headerYes' : 'cli.inspect.headerNo'), how: given('header') }),
    ...(report.sheet !== undefined
      ? []
      : [
          t('cli.inspect.encoding', { encoding: ENCODING_NAMES[report.text.encoding] ?? report.text.encoding, skipped: report.text.skipLines > 0 ? t('cli.inspect.skipped', { lines: report.text.skipLines }) : '', how: textHow }),
          t('cli.inspect.numberFormat', { format: describeNumberFormat(report.numberFormat, t), how: numberHow }),
        ]),
    t('cli.inspect.columns', { count: report.columns.length }),
    ...table([
      ['#', t('cli.inspect.col.name'), t('cli.inspect.col.type'), t('cli.inspect.col.role'), t('cli.inspect.col.missing'), t('cli.inspect.col.values')],
      ...report.columns.map((c, i) => [String(i + 1), c.name, c.encoding ? `${c.type} (${c.encoding === 'onehot' ? 'one-hot' : 'index'})` : c.type, c.role, String(c.missing), describeValues(c, t)]),
    ]),
  ];
  if (report.labelGuess) {
    const why = t(report.labelGuess.reason === 'name' ? 'cli.inspect.labelByName' : 'cli.inspect.labelLast');
    lines.push(t('cli.inspect.labelGuess', { column: report.labelGuess.column, why }));
  } else {
    lines.push(t('cli.inspect.labelNone'));
  }
  if (report.labelAsClasses) {
    lines.push(t('cli.inspect.labelAsClasses', { column: report.labelAsClasses.column, values: report.labelAsClasses.values.slice(0, 10).join(', '), flag: `--numeric ${JSON.stringify(report.labelAsClasses.column)}` }));
  }
  lines.push(...decisionLines(report.decisions, t));
  if (report.issues.length > 0) lines.push(t('cli.inspect.problems'), ...report.issues.map((i) => `  - ${messageText(i, t)}`));
  lines.push(...healthLines(report.health, t));
  return lines;
}
