import { MISSING } from './csv-types';
import { parseNumberStrict } from './numbers';
import { csvColumnEncodings, type ColumnEncoding } from './preprocess';
import { expectedRuns, looksSortedByLabel, profileLabels, type LabelProfile, type SplitMode } from './split';

/**
 * The data health report (issue 12): what in a table will make training mislead — a class the
 * model barely sees, a column that carries no information, copies of rows, features on very
 * different scales without normalisation, a feature that is the label in disguise, a file sorted
 * by its label, missing values, a label whose every value is its own class. Pure: the import
 * dialog builds the table from the preview rows, the Data tab from the imported sample, the CLI
 * from the file's head; every item carries its numbers (`params`) so each UI renders it in its
 * language, an English `message` for logs and the command line, and a fix where one exists.
 */

export type HealthColumnType = 'numeric' | 'categorical';
export type HealthColumnRole = 'feature' | 'label' | 'ignored';

/**
 * Counts over more rows than `values` holds (the preview's statistics of its first rows, or the
 * whole file); when present the missing, constant and class-count checks read them instead.
 */
export interface HealthColumnSummary {
  /** Rows counted. */
  rows: number;
  missing: number;
  /** Distinct non-missing values (a lower bound when the source caps it). */
  distinct: number;
  /** The most frequent values with their counts, most frequent first (at least the first). */
  top?: { value: string; count: number }[];
  /** True when `rows` are only the start of the file (messages then say so). */
  partial?: boolean;
}

export interface HealthColumn {
  name: string;
  type: HealthColumnType;
  role: HealthColumnRole;
  /** One value per row, in file order; `null` = missing. Numeric columns hold numbers. */
  values: (number | string | null)[];
  summary?: HealthColumnSummary;
  /**
   * The missing-value strategy chosen for the column (the import dialog's menu; absent = none
   * chosen: a number stops the import, a category keeps "missing" as a category of its own).
   * A chosen strategy other than 'error' handles the column's missing values: no item is raised.
   */
  missing?: 'error' | 'drop' | 'mean' | 'median' | 'most-frequent';
}

export interface HealthTable {
  columns: HealthColumn[];
  /** Whether the features are z-scored before training. */
  normalize: boolean;
  /** Rows in the whole file (the table's `values` may be fewer). */
  totalRows: number;
  /** True when `values` are only some of the rows (messages then say "in the first N rows"). */
  sampled: boolean;
  /** Main's summary of every row's label (not only the sample's), when known: class counts and order. */
  labelProfile?: LabelProfile;
  /** The current split mode: the sorted-by-label item is only raised for `end` (absent = `end`). */
  splitMode?: SplitMode;
}

export type HealthKind =
  | 'class-imbalance'
  | 'constant-column'
  | 'near-constant-column'
  | 'duplicate-rows'
  | 'scale-spread'
  | 'label-leak'
  | 'sorted-by-label'
  | 'missing-values'
  | 'label-all-unique';

/** A fix as data; the dialog applies it to its own choices, the Data tab as an undoable command. */
export type DataFix =
  | { kind: 'set-role'; column: string; role: 'ignored' }
  | { kind: 'set-normalize'; value: true }
  | { kind: 'set-split-mode'; mode: 'shuffle' | 'stratified' }
  | { kind: 'set-missing'; column: string; strategy: 'drop' | 'mean' | 'median' | 'most-frequent' }
  | { kind: 'drop-duplicates' };

export interface HealthItem {
  kind: HealthKind;
  column?: string;
  /** English, for the command line and logs; the UI renders from kind + params. */
  message: string;
  params: Record<string, string | number>;
  /** Rows per value, for class imbalance (most frequent first). */
  counts?: { value: string; count: number }[];
  fix?: DataFix;
}

// ---------------------------------------------------------------- thresholds

/**
 * Class imbalance: the largest class has at least 4× the rows of the smallest. For two classes
 * that is a minority of 20% of the rows, where Google's ML Crash Course ("Datasets: Class-
 * imbalanced datasets") starts calling a set imbalanced ("mild": 20–40% is its upper edge; we take
 * the point where accuracy of always answering the majority reaches 80%).
 */
export const IMBALANCE_RATIO = 4;
/**
 * Near-constant: one value fills at least 99% of the non-missing rows (the example; caret's
 * `nearZeroVar` flags a 95:5 frequency ratio, which we keep as the stricter-to-raise 99:1 so that a
 * rare-but-real category is not called useless).
 */
export const NEAR_CONSTANT_SHARE = 0.99;
/**
 * Duplicate rows are reported when copies make up at least 1% of the rows: a few copies barely
 * move a fit (Iris has one), while more suggest a file concatenated or joined twice, and copies that
 * land on both sides of the split make the validation score optimistic.
 */
export const DUPLICATE_SHARE = 0.01;
/**
 * Scale spread: without normalisation, the largest standard deviation of a numeric feature is at
 * least 10× the smallest. The curvature of the loss along a first-layer weight grows with its
 * input's variance, so 10× in std is 100× in curvature: one learning rate cannot suit both
 * (LeCun et al., "Efficient BackProp", 1998, §4.3: inputs should have similar variances).
 */
export const SCALE_SPREAD_RATIO = 10;
/** Leakage: |Pearson r| with a numeric label at least this (the threshold). */
export const LEAK_CORRELATION = 0.99;
/** Leakage: share of rows where the feature equals the label, or where each predicts the other. */
export const LEAK_AGREEMENT = 0.99;
/**
 * Leakage needs this many rows with both values: at n = 10 a chance |r| ≥ 0.99 has probability
 * below 1e-6 (t = r·√(n−2)/√(1−r²) ≈ 20 with 8 degrees of freedom).
 */
export const LEAK_MIN_ROWS = 10;

// ---------------------------------------------------------------- report

/**
 * The health report of a table: every item found, in a fixed order of kinds (label problems
 * first, then columns left to right, then rows). An empty list means nothing was found.
 */
export function dataHealth(table: HealthTable): HealthItem[] {
  const items: HealthItem[] = [];
  const rows = Math.max(0, ...table.columns.map((c) => c.values.length));
  const where = table.sampled ? ` in the first ${rows} rows` : '';
  const used = table.columns.filter((c) => c.role !== 'ignored');
  const features = used.filter((c) => c.role === 'feature');
  const labels = used.filter((c) => c.role === 'label');

  for (const label of labels) {
    if (label.type !== 'categorical') continue;
    const unique = labelAllUnique(label, where);
    if (unique) {
      items.push(unique);
      continue;
    }
    const imbalance = classImbalance(label, table);
    if (imbalance) items.push(imbalance);
  }

  for (const label of labels) {
    const sorted = sortedByLabel(label, table, rows);
    if (sorted) items.push(sorted);
  }

  for (const feature of features) {
    for (const label of labels) {
      const leak = labelLeak(feature, label, where);
      if (leak) {
        items.push(leak);
        break;
      }
    }
  }

  for (const feature of features) {
    const constant = constantColumn(feature, where);
    if (constant) items.push(constant);
  }

  const spread = scaleSpread(features, table.normalize, where);
  if (spread) items.push(spread);

  for (const column of used) {
    const missing = missingValues(column, where);
    if (missing) items.push(missing);
  }

  const duplicates = duplicateRows(used, rows, where);
  if (duplicates) items.push(duplicates);
  return items;
}

/** A value as text, for counting (numbers as JavaScript prints them). */
function key(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

function present<T>(values: (T | null)[]): T[] {
  return values.filter((v): v is T => v !== null);
}

function countValues(values: (number | string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
  return counts;
}

function byCountDescending(counts: Map<string, number>): { value: string; count: number }[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

function labelAllUnique(label: HealthColumn, where: string): HealthItem | null {
  // The preview counts at most 1000 distinct values; past that the rows themselves decide.
  const summary = label.summary && label.summary.distinct < 1000 ? label.summary : undefined;
  const distinct = summary?.distinct ?? countValues(label.values).size;
  const rows = summary ? summary.rows - summary.missing : present(label.values).length;
  const note = summary ? (summary.partial ? ' at the start of the file' : '') : where;
  if (rows < 3 || distinct < rows) return null;
  return {
    kind: 'label-all-unique',
    column: label.name,
    params: { column: label.name, rows },
    message: `Every value of the label '${label.name}' is its own class (${rows} different values in ${rows} rows${note}): a classifier cannot learn classes it sees once. If it holds measurements, set its type to numeric; otherwise choose another label column.`,
  };
}

function classImbalance(label: HealthColumn, table: HealthTable): HealthItem | null {
  let counts: { value: string; count: number }[];
  let whole = '';
  if (table.labelProfile?.kind === 'classes' && table.columns.find((c) => c.role === 'label') === label) {
    const profile = table.labelProfile;
    counts = profile.classNames.map((value, c) => ({ value, count: profile.counts[c] ?? 0 })).filter((c) => c.count > 0);
    counts.sort((a, b) => b.count - a.count);
    whole = ` in all ${profile.rows} rows`;
  } else if (label.summary?.top && label.summary.top.length >= label.summary.distinct) {
    // The summary lists every class (the preview keeps the five most frequent).
    counts = label.summary.top.filter((c) => c.count > 0);
    if (label.summary.partial) whole = ` in the first ${label.summary.rows} rows`;
  } else {
    counts = byCountDescending(countValues(label.values));
    if (table.sampled) whole = ` in the first ${label.values.length} rows`;
  }
  if (counts.length < 2) return null;
  const largest = counts[0];
  const smallest = counts[counts.length - 1];
  if (largest.count < IMBALANCE_RATIO * smallest.count) return null;
  const total = counts.reduce((a, c) => a + c.count, 0);
  const ratio = Math.round((10 * largest.count) / smallest.count) / 10;
  return {
    kind: 'class-imbalance',
    column: label.name,
    counts,
    params: { column: label.name, largest: largest.value, largestCount: largest.count, smallest: smallest.value, smallestCount: smallest.count, ratio, majorityShare: percent(largest.count, total) },
    message: `The classes of '${label.name}' are imbalanced${whole}: '${largest.value}' has ${largest.count} rows, '${smallest.value}' only ${smallest.count} (${ratio}:1). Always answering '${largest.value}' already scores ${percent(largest.count, total)}% accuracy, so judge the model by per-class results (the confusion matrix), and split stratified so every class is held out in proportion.`,
    fix: { kind: 'set-split-mode', mode: 'stratified' },
  };
}

/** The label's order summary: main's, else computed from the table's rows with split.ts' own profiler. */
function labelOrder(label: HealthColumn, table: HealthTable, rows: number): LabelProfile | null {
  // Main's profile summarises the first label column.
  if (table.labelProfile) return table.columns.find((c) => c.role === 'label') === label ? table.labelProfile : null;
  if (label.values.some((v) => v === null)) return null;
  if (label.type === 'numeric') {
    const y = Float32Array.from(label.values as number[]);
    return profileLabels({ rows, y, task: 'regression', labelEncoding: 'value', labelWidth: 1 });
  }
  const index = new Map<string, number>();
  const y = Float32Array.from(label.values as (number | string)[], (v) => {
    const k = key(v);
    if (!index.has(k)) index.set(k, index.size);
    return index.get(k)!;
  });
  return profileLabels({ rows, y, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: index.size, classNames: [...index.keys()] });
}

function sortedByLabel(label: HealthColumn, table: HealthTable, rows: number): HealthItem | null {
  if ((table.splitMode ?? 'end') !== 'end') return null;
  const profile = labelOrder(label, table, rows);
  if (!profile || !looksSortedByLabel(profile)) return null;
  if (profile.kind === 'classes') {
    const expected = Math.round(expectedRuns(profile.counts));
    return {
      kind: 'sorted-by-label',
      column: label.name,
      params: { column: label.name, runs: profile.runs, expected },
      message: `The rows look sorted by the label '${label.name}': its values form ${profile.runs} runs, where a shuffled file would have about ${expected}. The last rows, held out for validation, are then not like the rest. Split stratified by class.`,
      fix: { kind: 'set-split-mode', mode: 'stratified' },
    };
  }
  const rho = Math.round(profile.orderCorrelation * 100) / 100;
  return {
    kind: 'sorted-by-label',
    column: label.name,
    params: { column: label.name, rho },
    message: `The rows look sorted by the label '${label.name}' (rank correlation ${rho} between row number and label): the last rows, held out for validation, hold the extreme values. Shuffle before splitting.`,
    fix: { kind: 'set-split-mode', mode: 'shuffle' },
  };
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

/** Share of pairs whose `to` value is the most frequent one for their `from` value (1 = `from` determines `to`). */
function determines(pairs: [string, string][], from: 0 | 1): number {
  const to = from === 0 ? 1 : 0;
  const groups = new Map<string, Map<string, number>>();
  for (const p of pairs) {
    let g = groups.get(p[from]);
    if (!g) groups.set(p[from], (g = new Map()));
    g.set(p[to], (g.get(p[to]) ?? 0) + 1);
  }
  let agree = 0;
  for (const g of groups.values()) agree += Math.max(...g.values());
  return agree / pairs.length;
}

function labelLeak(feature: HealthColumn, label: HealthColumn, where: string): HealthItem | null {
  const pairs: [number | string, number | string][] = [];
  for (let r = 0; r < Math.min(feature.values.length, label.values.length); r++) {
    const f = feature.values[r];
    const l = label.values[r];
    if (f !== null && l !== null) pairs.push([f, l]);
  }
  if (pairs.length < LEAK_MIN_ROWS) return null;
  const sampledNote = where ? ', the first of the file' : '';
  const equal = pairs.filter(([f, l]) => key(f) === key(l)).length / pairs.length;
  // Only an exact or near-exact leak (equal in ≥ 99% of rows, a one-to-one class mapping) gets a
  // one-click "set to ignored": such a column is the label under another name. A high correlation
  // alone is not evidence of leakage — in clean data a real cause can track a numeric label
  // closely (house size and price, r = 0.99), and ignoring it would throw away the best feature —
  // so that item only asks whether the value is known at prediction time and offers no fix.
  const base = { kind: 'label-leak' as const, column: feature.name, fix: { kind: 'set-role' as const, column: feature.name, role: 'ignored' as const } };
  const advice = `A feature that gives the label away makes validation look perfect and fails on new data (it is usually recorded after the outcome, or is the label under another name). Set '${feature.name}' to ignored unless it will truly be known at prediction time.`;
  if (equal >= LEAK_AGREEMENT) {
    const share = percent(equal * pairs.length, pairs.length);
    return { ...base, params: { column: feature.name, label: label.name, share, measure: 'equal' }, message: `Column '${feature.name}' equals the label '${label.name}' in ${share}% of ${pairs.length} rows${sampledNote}. ${advice}` };
  }
  if (feature.type === 'numeric' && label.type === 'numeric' && pairs.every(([f, l]) => typeof f === 'number' && typeof l === 'number')) {
    const r = pearson(pairs.map((p) => p[0] as number), pairs.map((p) => p[1] as number));
    if (Math.abs(r) >= LEAK_CORRELATION) {
      // Truncated, not rounded: r = 0.9996 is shown as 0.999, never as an exact 1.
      const shown = Math.abs(r) === 1 ? r : Math.trunc(r * 1000) / 1000;
      return {
        kind: 'label-leak',
        column: feature.name,
        params: { column: feature.name, label: label.name, r: shown, measure: 'correlation' },
        message: `Column '${feature.name}' may give the label '${label.name}' away (Pearson r = ${shown} over ${pairs.length} rows${sampledNote}): keep it only if it is known at prediction time (a real cause, such as size for a price, is fine; a value recorded after the outcome is not).`,
      };
    }
    return null;
  }
  if (label.type !== 'categorical') return null;
  // A one-to-one mapping between feature values and classes; a column with a value per row (an ID)
  // determines the label trivially, so the label must determine the feature too.
  const text = pairs.map(([f, l]): [string, string] => [key(f), key(l)]);
  if (new Set(text.map((p) => p[1])).size * 2 > text.length) return null;
  const forward = determines(text, 0);
  const backward = determines(text, 1);
  if (forward < LEAK_AGREEMENT || backward < LEAK_AGREEMENT) return null;
  const share = percent(Math.min(forward, backward) * pairs.length, pairs.length);
  return { ...base, params: { column: feature.name, label: label.name, share, measure: 'mapping' }, message: `Column '${feature.name}' maps one-to-one onto the classes of '${label.name}' (in ${share}% of ${pairs.length} rows${sampledNote}). ${advice}` };
}

function constantColumn(column: HealthColumn, where: string): HealthItem | null {
  const counts = byCountDescending(countValues(column.values));
  const summary = column.summary;
  const fromSummary = summary !== undefined && (summary.top?.length !== undefined || summary.distinct <= 1);
  const note = fromSummary ? (summary.partial ? ' at the start of the file' : '') : where;
  const counted =
    summary && fromSummary
      ? { rows: summary.rows - summary.missing, distinct: summary.distinct, top: summary.top?.[0] ?? (counts[0] ? { value: counts[0].value, count: summary.rows - summary.missing } : undefined) }
      : { rows: present(column.values).length, distinct: counts.length, top: counts[0] };
  if (counted.rows === 0 || !counted.top) return null;
  const fix = { kind: 'set-role' as const, column: column.name, role: 'ignored' as const };
  if (counted.distinct <= 1) {
    return {
      kind: 'constant-column',
      column: column.name,
      params: { column: column.name, value: counted.top.value, rows: counted.rows },
      message: `Column '${column.name}' has the same value, '${counted.top.value}', in all ${counted.rows} rows${note}: it carries no information. Set it to ignored.`,
      fix,
    };
  }
  const share = counted.top.count / counted.rows;
  if (share < NEAR_CONSTANT_SHARE) return null;
  return {
    kind: 'near-constant-column',
    column: column.name,
    params: { column: column.name, value: counted.top.value, count: counted.top.count, rows: counted.rows, share: percent(counted.top.count, counted.rows) },
    message: `Column '${column.name}' is '${counted.top.value}' in ${counted.top.count} of ${counted.rows} rows (${percent(counted.top.count, counted.rows)}%)${note}: it carries almost no information, and the few other rows are easy to overfit. Consider setting it to ignored.`,
    fix,
  };
}

function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

function significant(x: number): number {
  return Number(x.toPrecision(3));
}

function scaleSpread(features: HealthColumn[], normalize: boolean, where: string): HealthItem | null {
  if (normalize) return null;
  const spreads = features
    .filter((c) => c.type === 'numeric')
    .map((c) => ({ name: c.name, std: (() => {
      const v = present(c.values).filter((x): x is number => typeof x === 'number');
      return v.length < 2 ? 0 : std(v);
    })() }))
    .filter((s) => s.std > 0);
  if (spreads.length < 2) return null;
  spreads.sort((a, b) => b.std - a.std);
  const widest = spreads[0];
  const narrowest = spreads[spreads.length - 1];
  const ratio = widest.std / narrowest.std;
  if (ratio < SCALE_SPREAD_RATIO) return null;
  const params = { widest: widest.name, widestStd: significant(widest.std), narrowest: narrowest.name, narrowestStd: significant(narrowest.std), ratio: Math.round(ratio) };
  return {
    kind: 'scale-spread',
    params,
    message: `The features are on very different scales${where}: '${widest.name}' varies ${params.ratio}× more than '${narrowest.name}' (standard deviation ${params.widestStd} against ${params.narrowestStd}), and normalisation is off. Gradient descent then barely moves the small feature's weights, or diverges on the large one's. Turn normalisation on.`,
    fix: { kind: 'set-normalize', value: true },
  };
}

function missingValues(column: HealthColumn, where: string): HealthItem | null {
  const rows = column.summary?.rows ?? column.values.length;
  const missing = column.summary?.missing ?? column.values.filter((v) => v === null).length;
  if (missing === 0) return null;
  // A strategy chosen (the dialog's menu) handles them: the report follows the current choices.
  if (column.missing !== undefined && column.missing !== 'error') return null;
  // scikit-learn's SimpleImputer defaults to the mean for numbers; a label cannot be filled in.
  const strategy = column.role === 'label' ? 'drop' : column.type === 'numeric' ? 'mean' : 'most-frequent';
  // A text feature with no strategy keeps "missing" as a category of its own (no mean or median for text).
  const kept = strategy === 'most-frequent' && column.missing === undefined;
  const advice =
    strategy === 'drop'
      ? 'A label cannot be filled in: drop those rows.'
      : kept
        ? 'They are kept as a category of their own; to change that, fill with the most frequent value or drop those rows.'
        : 'Choose how to handle them: drop those rows, or fill with the mean or median (optionally with a "was missing" indicator).';
  const values = missing === 1 ? 'value' : 'values';
  return {
    kind: 'missing-values',
    column: column.name,
    params: { column: column.name, missing, rows, share: percent(missing, rows), ...(kept ? { handling: 'category' } : {}) },
    message: `Column '${column.name}' has ${missing} missing ${values} in ${rows} rows (${percent(missing, rows)}%)${column.summary ? (column.summary.partial ? ' at the start of the file' : '') : where}. ${advice}`,
    fix: { kind: 'set-missing', column: column.name, strategy },
  };
}

function duplicateRows(columns: HealthColumn[], rows: number, where: string): HealthItem | null {
  if (columns.length === 0 || rows === 0) return null;
  const seen = new Set<string>();
  let copies = 0;
  for (let r = 0; r < rows; r++) {
    const row = JSON.stringify(columns.map((c) => c.values[r] ?? null));
    if (seen.has(row)) copies++;
    else seen.add(row);
  }
  if (copies === 0 || copies < DUPLICATE_SHARE * rows) return null;
  return {
    kind: 'duplicate-rows',
    params: { count: copies, rows, share: percent(copies, rows) },
    message: `${copies} of ${rows} rows${where} ${copies === 1 ? 'repeats' : 'repeat'} an earlier row exactly (in the feature and label columns). Copies that fall on both sides of the split make the validation score optimistic; remove them in the source file unless they are real repeated observations.`,
  };
}

/**
 * The report without what detection already said: a label-all-unique item for a column the
 * preview's decisions name as label-all-unique (the dialog and `neurite inspect` show those
 * decisions, so the warning is given once).
 */
export function withoutDecided(items: HealthItem[], decisions: readonly { kind: string; column?: string }[] | undefined): HealthItem[] {
  const said = new Set((decisions ?? []).filter((d) => d.kind === 'label-all-unique').map((d) => d.column));
  return items.filter((i) => i.kind !== 'label-all-unique' || !said.has(i.column));
}

// ---------------------------------------------------------------- building tables

/** A cell of text as the import reads it: missing markers → null, numbers parsed for numeric columns. */
export function healthValue(text: string | undefined, type: HealthColumnType, parse: (text: string) => number | null = parseNumberStrict): number | string | null {
  if (text === undefined || MISSING.has(text.trim().toLowerCase())) return null;
  if (type === 'categorical') return text;
  return parse(text) ?? text;
}

/**
 * The import dialog's table: the preview's text rows with the dialog's current roles and types,
 * and the preview's per-column statistics (over more rows than it returns as text).
 * `parse` reads numbers in the file's number format (default: plain decimal point).
 */
export function healthTableFromPreview(
  preview: {
    rows: string[][];
    sampledRows: number;
    complete: boolean;
    columns: { name: string; stats: { count: number; missing: number; distinct: number; top?: { value: string; count: number }[] } }[];
  },
  columns: { name: string; type: HealthColumnType; role: HealthColumnRole; missing?: HealthColumn['missing'] }[],
  normalize: boolean,
  parse?: (text: string) => number | null,
): HealthTable {
  const sampled = !preview.complete || preview.rows.length < preview.sampledRows;
  return {
    columns: columns.map((c, i) => {
      const stats = preview.columns[i]?.stats;
      // Preview stats are of the column's detected type; they count categories only when top values are kept.
      // The preview's counts are of the column's detected type: its categories are kept only for text columns.
      const summary: HealthColumnSummary | undefined = stats
        ? { rows: stats.count + stats.missing, missing: stats.missing, distinct: stats.distinct, ...(stats.top?.length ? { top: stats.top } : {}), ...(preview.complete ? {} : { partial: true }) }
        : undefined;
      return {
        name: c.name,
        type: c.type,
        role: c.role,
        values: preview.rows.map((row) => healthValue(row[i], c.type, parse)),
        ...(summary ? { summary } : {}),
        ...(c.missing !== undefined ? { missing: c.missing } : {}),
      };
    }),
    normalize,
    totalRows: preview.complete ? preview.sampledRows : Math.max(preview.sampledRows, preview.rows.length),
    sampled,
  };
}

/**
 * The Data tab's table: an imported CSV's raw sample rows mapped back to values. Features are in
 * the import's encoded order (`transform.featureNames`): a numeric column is one number, a
 * categorical one an index or a one-hot block into `transform.categories[column]`; labels are
 * values or class indices into `transform.classNames`.
 */
export function healthTableFromSample(
  spec: {
    columns: { name: string; type: HealthColumnType; role: HealthColumnRole; encoding?: 'onehot' | 'index'; missingIndicator?: boolean }[];
    normalize: boolean;
    rows: number;
    transform: { featureNames: string[]; categories: Record<string, string[]>; classNames?: string[] };
  },
  sample: { x: number[][]; y: number[][]; labels?: LabelProfile },
  splitMode?: SplitMode,
): HealthTable {
  // Where each feature column sits in the encoded row: the pipeline's own encodings (one
  // implementation), which also place a "(missing)" indicator right after its column.
  const offsets = new Map<string, ColumnEncoding>();
  const starts = new Map<string, number>();
  let at = 0;
  for (const e of csvColumnEncodings(spec, spec.transform.categories)) {
    offsets.set(e.column, e);
    starts.set(e.column, at);
    at += e.kind === 'onehot' ? e.categories.length : 1;
  }
  let labelIndex = 0;
  const columns: HealthColumn[] = spec.columns.map((c) => {
    if (c.role === 'ignored') return { ...pick(c), values: [] };
    if (c.role === 'label') {
      const l = labelIndex++;
      const classes = spec.transform.classNames;
      const values = sample.y.map((row) => {
        const v = row[l];
        return c.type === 'categorical' && classes ? (classes[Math.round(v)] ?? String(v)) : v;
      });
      return { ...pick(c), values };
    }
    const encoding = offsets.get(c.name);
    const start = starts.get(c.name) ?? 0;
    if (encoding?.kind === 'onehot') return { ...pick(c), values: sample.x.map((row) => encoding.categories[argmax(row, start, encoding.categories.length)] ?? null) };
    if (encoding?.kind === 'index') return { ...pick(c), values: sample.x.map((row) => encoding.categories[Math.round(row[start])] ?? null) };
    return { ...pick(c), values: sample.x.map((row) => row[start]) };
  });
  return { columns, normalize: spec.normalize, totalRows: spec.rows, sampled: sample.x.length < spec.rows, ...(sample.labels ? { labelProfile: sample.labels } : {}), ...(splitMode ? { splitMode } : {}) };
}

function pick(c: { name: string; type: HealthColumnType; role: HealthColumnRole }) {
  return { name: c.name, type: c.type, role: c.role };
}

function argmax(row: number[], start: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (row[start + k] > row[start + best]) best = k;
  return best;
}
