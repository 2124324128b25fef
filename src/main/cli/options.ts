import Papa from 'papaparse';
import { InvalidArgumentError } from 'commander';
import { CSV_DELIMITERS, type CsvDelimiter } from '../../shared/data/csv';
import { TEXT_ENCODINGS, type TextEncodingName } from '../../shared/data/text-decode';
import { DECIMAL_SEPARATORS, THOUSANDS_SEPARATORS, type NumberFormat } from '../../shared/data/numbers';
import type { MissingStrategy } from '../../shared/data/preprocess';
import type { KeepBestSettings, LrScheduleSettings, ReduceLrOnPlateauSettings } from '../../shared/project/schema';
import { REDUCE_LR_DEFAULTS } from '../../shared/training/reduce-lr-on-plateau';
import { kerasLogName } from '../../shared/training/epoch-log';

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

/** Text encodings the import reads (text-decode.ts). */
export { TEXT_ENCODINGS, type TextEncodingName };

export function parseEncoding(value: string): TextEncodingName {
  const v = value.toLowerCase() === 'utf8' ? 'utf-8' : value.toLowerCase();
  if ((TEXT_ENCODINGS as readonly string[]).includes(v)) return v as TextEncodingName;
  throw new InvalidArgumentError(`Expected one of ${TEXT_ENCODINGS.join(', ')}.`);
}

/** Number format parts (numbers.ts). */
export const DECIMAL_MARKS = DECIMAL_SEPARATORS;
export { THOUSANDS_SEPARATORS };
export type DecimalMark = NumberFormat['decimal'];
export type ThousandsSeparator = NumberFormat['thousands'];

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
 * `--input 1,2.5,red` (repeatable): one raw row, read as one CSV record (Papa Parse, `,`
 * delimiter, `"` quotes honoured: `'"180,5",95'` is two values), its fields as text: the command
 * reads the numbers among them in the dataset's number format (run.ts inputValues: decimal comma,
 * thousands separators); the rest are category names, checked by the project's preprocessing.
 */
export function collectInputRow(value: string, rows: string[][] = []): string[][] {
  if (value.trim() === '') {
    throw new InvalidArgumentError('Expected comma-separated values such as 1,2.5,3.');
  }
  const parsed = Papa.parse<string[]>(value, { delimiter: ',', quoteChar: '"', header: false, dynamicTyping: false, skipEmptyLines: false });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) throw new InvalidArgumentError(`${JSON.stringify(value)}: ${bad.message.toLowerCase()} (at character ${(bad.index ?? 0) + 1}); close the quote, e.g. "180,5",95,40.`);
  if (parsed.data.length !== 1) throw new InvalidArgumentError(`${JSON.stringify(value)} holds ${parsed.data.length} lines; give one row per --input.`);
  // An empty field is a missing value (issue 12): the project's impute step fills it, or names row and column.
  return [...rows, parsed.data[0].map((v) => v.trim())];
}

/** A repeatable option naming a column (`--ignore id --ignore name`); a name may hold commas or spaces, so one name per flag. */
export function collectColumns(value: string, columns: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a column name.');
  return [...columns, value];
}

/** Missing-value strategies by their command-line names (the project format's `missing`). */
export const MISSING_STRATEGIES: readonly MissingStrategy[] = ['drop', 'mean', 'median', 'most-frequent', 'error'];

/**
 * `--missing COLUMN=STRATEGY` (repeatable): what to do with a column's missing values. The
 * column name is everything before the last '=', so a name may hold '=' itself.
 */
export function collectMissing(value: string, choices: { column: string; strategy: MissingStrategy }[] = []): { column: string; strategy: MissingStrategy }[] {
  const at = value.lastIndexOf('=');
  const column = at < 0 ? '' : value.slice(0, at);
  const strategy = at < 0 ? '' : value.slice(at + 1).toLowerCase();
  if (column === '' || !(MISSING_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new InvalidArgumentError(`Expected COLUMN=STRATEGY with STRATEGY one of ${MISSING_STRATEGIES.join(', ')} (e.g. Age=median).`);
  }
  return [...choices, { column, strategy: strategy as MissingStrategy }];
}

/**
 * `--early-stopping MONITOR[:PATIENCE[:MIN_DELTA]]`, e.g. `val_loss:5:0.001`: Keras 3
 * `EarlyStopping(monitor, patience, min_delta)`; patience defaults to 0 and min_delta to 0 as in
 * Keras. Whether the run logs MONITOR is checked with the project's settings (validate-settings.ts).
 */
export function parseEarlyStopping(value: string): { monitor: string; patience: number; minDelta: number } {
  const [monitor = '', patience = '0', minDelta = '0', ...rest] = value.split(':');
  const p = Number(patience);
  const d = Number(minDelta);
  if (!/^[A-Za-z_]\w*$/.test(monitor) || rest.length > 0 || patience.trim() === '' || !Number.isInteger(p) || p < 0 || minDelta.trim() === '' || !Number.isFinite(d) || d < 0) {
    throw new InvalidArgumentError('Expected MONITOR[:PATIENCE[:MIN_DELTA]] with PATIENCE a whole number ≥ 0 and MIN_DELTA a number ≥ 0 (e.g. val_loss:5:0.001).');
  }
  // tfjs' spelling (acc, val_acc), as --json prints the history, is Keras' accuracy (trial 7 finding 3).
  return { monitor: kerasLogName(monitor), patience: p, minDelta: d };
}

/** `--early-stopping-mode auto|min|max` (Keras `EarlyStopping(mode=...)`). */
export function parseEarlyStoppingMode(value: string): 'auto' | 'min' | 'max' {
  const v = value.toLowerCase();
  if (v === 'auto' || v === 'min' || v === 'max') return v;
  throw new InvalidArgumentError('Expected auto, min or max.');
}

// --- Issue 15 callbacks ---

const MONITOR = /^[A-Za-z_]\w*$/;

/**
 * `--reduce-lr-on-plateau MONITOR[:FACTOR[:PATIENCE]]`, e.g. `val_loss:0.5:3`: Keras 3
 * `ReduceLROnPlateau(monitor, factor, patience)` with Keras' defaults for the rest (factor 0.1,
 * patience 10, mode auto, min_delta 1e-4, cooldown 0, min_lr 0).
 */
export function parseReduceLrOnPlateau(value: string): ReduceLrOnPlateauSettings {
  const [monitor = '', factor = String(REDUCE_LR_DEFAULTS.factor), patience = String(REDUCE_LR_DEFAULTS.patience), ...rest] = value.split(':');
  const f = Number(factor);
  const p = Number(patience);
  if (!MONITOR.test(monitor) || rest.length > 0 || factor.trim() === '' || !(f > 0 && f < 1) || patience.trim() === '' || !Number.isInteger(p) || p < 0) {
    throw new InvalidArgumentError('Expected MONITOR[:FACTOR[:PATIENCE]] with FACTOR a number between 0 and 1 (exclusive) and PATIENCE a whole number ≥ 0 (e.g. val_loss:0.5:3; Keras defaults 0.1 and 10).');
  }
  return { ...REDUCE_LR_DEFAULTS, monitor: kerasLogName(monitor), factor: f, patience: p };
}

const SCHEDULE_FORMS = 'Expected step:FACTOR:EVERY (FACTOR in (0, 1], EVERY whole epochs ≥ 1), exponential:RATE:STEPS (RATE in (0, 1], STEPS whole ≥ 1) or cosine:STEPS[:ALPHA] (ALPHA in [0, 1]), e.g. cosine:1000:0.1.';

/** `--lr-schedule step:FACTOR:EVERY | exponential:RATE:STEPS | cosine:STEPS[:ALPHA]` (warm-up: --warmup-steps). */
export function parseLrSchedule(value: string): LrScheduleSettings {
  const [kind, ...parts] = value.split(':');
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const whole = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 1;
  const fraction = (n: number | undefined) => n !== undefined && n > 0 && n <= 1;
  if (kind === 'step' && nums.length === 2 && fraction(nums[0]) && whole(nums[1])) return { kind, factor: nums[0], everyEpochs: nums[1], warmupSteps: 0 };
  if (kind === 'exponential' && nums.length === 2 && fraction(nums[0]) && whole(nums[1])) return { kind, decayRate: nums[0], decaySteps: nums[1], staircase: false, warmupSteps: 0 };
  if (kind === 'cosine' && (nums.length === 1 || nums.length === 2) && whole(nums[0]) && (nums.length === 1 || (nums[1] >= 0 && nums[1] <= 1))) {
    return { kind, decaySteps: nums[0], alpha: nums[1] ?? 0, warmupSteps: 0 };
  }
  throw new InvalidArgumentError(SCHEDULE_FORMS);
}

/** `--warmup-steps N`: a whole number ≥ 0 (with --lr-schedule). */
export function parseWarmupSteps(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Expected a whole number of optimizer steps ≥ 0.');
  return n;
}

/** `--keep-best MONITOR` (Keras `ModelCheckpoint(monitor, save_best_only=True)`, mode auto). */
export function parseKeepBest(value: string): KeepBestSettings {
  if (!MONITOR.test(value)) throw new InvalidArgumentError('Expected a log name such as val_loss, loss, accuracy or val_accuracy.');
  return { monitor: kerasLogName(value), mode: 'auto' };
}
