import { z } from 'zod';
import { createRandom } from './random';
import type { Dataset } from './types';

/**
 * Which rows train, which validate and which test: one pure function (`splitRows`) used by the
 * training loop (both training steps read their rows from it), the run plan and the data views,
 * and one summary of the labels (`profileLabels`) from which `checkSplit` warns when a split
 * would measure nothing (a class held out that training never sees, a file sorted by its label).
 */

/** How held-out rows are chosen. */
export const SPLIT_MODES = ['end', 'shuffle', 'stratified'] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];

export interface SplitSettings {
  /** Fraction of all rows held out for validation, in [0, 1). */
  validationSplit: number;
  /** Fraction of all rows held out for the final test, in [0, 1); 0 = no test split. */
  testSplit?: number;
  /**
   * `end`: Keras' `validation_split` — the last rows validate (the test rows sit just before
   * them). `shuffle`: rows are permuted (seeded) before splitting. `stratified`: like shuffle,
   * but every class is held out in proportion, as scikit-learn's `StratifiedShuffleSplit`.
   * Absent = `end` (format v2 and earlier).
   */
  splitMode?: SplitMode;
  /** The training seed; the split uses it (0 when null, so a split never changes between runs). */
  seed: number | null;
}

/** Row indices (into the dataset's rows) of each part, ascending. */
export interface RowSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface SplitCounts {
  train: number;
  validation: number;
  test: number;
}

/**
 * How many rows each part gets. Validation follows Keras (`split_at = int(n * (1 -
 * validation_split))`, the rest validates); the test part is counted the same way; training
 * keeps what is left (it may be 0 or negative: the caller refuses that, naming the settings).
 */
export function splitCounts(rows: number, settings: Pick<SplitSettings, 'validationSplit' | 'testSplit'>): SplitCounts {
  const validation = rows - Math.floor(rows * (1 - settings.validationSplit));
  const test = rows - Math.floor(rows * (1 - (settings.testSplit ?? 0)));
  return { train: rows - validation - test, validation, test };
}

/** XOR-ed into the split seed, so the split's random stream differs from the trainer's batch shuffling. */
export const SPLIT_STREAM_SALT = 0x5b1d_a7e5;

/** The seed the split uses: the training seed, or 0 when the run seed is random. */
export function splitSeed(settings: Pick<SplitSettings, 'seed'>): number {
  return settings.seed ?? 0;
}

/**
 * The permutation `shuffle` and `stratified` draw from. A stream of its own (not the one the
 * trainer shuffles batches with), so changing the epochs or batch size never moves a row
 * between training and validation.
 */
export function splitPermutation(rows: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  createRandom((seed ^ SPLIT_STREAM_SALT) >>> 0).shuffle(order);
  return order;
}

/** The class of every row (argmax of one-hot rows, or the index), or null for regression. */
export function rowClasses(data: Pick<Dataset, 'rows' | 'y' | 'labelEncoding' | 'labelWidth' | 'task'>): Int32Array | null {
  if (data.task !== 'classification') return null;
  const classes = new Int32Array(data.rows);
  const width = data.labelWidth;
  for (let r = 0; r < data.rows; r++) {
    if (data.labelEncoding === 'onehot') {
      let best = 0;
      for (let c = 1; c < width; c++) if (data.y[r * width + c] > data.y[r * width + best]) best = c;
      classes[r] = best;
    } else {
      classes[r] = Math.round(data.y[r * width]);
    }
  }
  return classes;
}

/**
 * Splits a dataset's rows into training, validation and test rows. Pure: the same dataset and
 * settings always give the same split. `stratified` on a regression dataset splits as
 * `shuffle` (there are no classes to stratify; `checkSplit` says so).
 */
export function splitRows(data: Pick<Dataset, 'rows' | 'y' | 'labelEncoding' | 'labelWidth' | 'task'>, settings: SplitSettings): RowSplit {
  const n = data.rows;
  const counts = splitCounts(n, settings);
  const mode = settings.splitMode ?? 'end';
  if (counts.train < 0) return { train: new Int32Array(0), validation: new Int32Array(0), test: new Int32Array(0) };
  if (mode === 'end') {
    // train | test | validation, so the validation rows are exactly Keras' tail.
    const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
    return { train: range(0, counts.train), test: range(counts.train, counts.train + counts.test), validation: range(counts.train + counts.test, n) };
  }
  const order = splitPermutation(n, splitSeed(settings));
  const classes = mode === 'stratified' ? rowClasses(data) : null;
  if (!classes) {
    return {
      train: sorted(order.subarray(0, counts.train)),
      test: sorted(order.subarray(counts.train, counts.train + counts.test)),
      validation: sorted(order.subarray(counts.train + counts.test)),
    };
  }
  return stratify(order, classes, counts);
}

function sorted(rows: Int32Array): Int32Array {
  return Int32Array.from(rows).sort();
}

/**
 * Stratified allocation: each class gives validation and test rows in proportion to its size
 * (largest remainders, so the totals match the unstratified counts), never its last training
 * row. Rows of a class are taken in the shuffled order.
 */
function stratify(order: Int32Array, classes: Int32Array, counts: SplitCounts): RowSplit {
  const numClasses = classes.reduce((m, c) => Math.max(m, c + 1), 0);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (const row of order) byClass[classes[row]].push(row);
  const sizes = byClass.map((rows) => rows.length);
  const room = sizes.map((s) => Math.max(0, s - 1));
  const take = (total: number): number[] => {
    const n = classes.length;
    const quota = sizes.map((s) => (n === 0 ? 0 : (s * total) / n));
    const given = quota.map((q, c) => Math.min(Math.floor(q), room[c]));
    let left = total - given.reduce((a, b) => a + b, 0);
    const byRemainder = quota.map((q, c) => ({ c, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.c - b.c);
    while (left > 0) {
      let progressed = false;
      for (const { c } of byRemainder) {
        if (left === 0) break;
        if (given[c] < room[c]) {
          given[c]++;
          left--;
          progressed = true;
        }
      }
      if (!progressed) break;
    }
    given.forEach((g, c) => (room[c] -= g));
    return given;
  };
  const validationPer = take(counts.validation);
  const testPer = take(counts.test);
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, c) => {
    validation.push(...rows.slice(0, validationPer[c]));
    test.push(...rows.slice(validationPer[c], validationPer[c] + testPer[c]));
    train.push(...rows.slice(validationPer[c] + testPer[c]));
  });
  const asSorted = (rows: number[]) => Int32Array.from(rows).sort();
  return { train: asSorted(train), validation: asSorted(validation), test: asSorted(test) };
}

// ---------------------------------------------------------------- label profile and checks

/** Classes with at most this many rows keep their row numbers in the profile (see checkSplit). */
export const RARE_CLASS_ROWS = 64;

/**
 * A compact summary of a dataset's labels in file order, computed from all its rows (by the
 * CSV worker, or from generated rows) so the editor can check a split without holding the rows.
 * `classes`: rows per class, first and last row of each class (-1 when absent), the number of
 * maximal runs of equal labels in file order, and the row numbers of classes with at most
 * RARE_CLASS_ROWS rows (by class index). `values`: Spearman's rank correlation between row
 * number and (the first) label, ±1 = sorted by label.
 */
export const LabelProfileSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classes'),
    rows: z.number().int().nonnegative(),
    classNames: z.array(z.string()).max(100_000),
    counts: z.array(z.number().int().nonnegative()).max(100_000),
    firstRow: z.array(z.number().int()).max(100_000),
    lastRow: z.array(z.number().int()).max(100_000),
    runs: z.number().int().nonnegative(),
    rareRows: z.record(z.string(), z.array(z.number().int().nonnegative()).max(RARE_CLASS_ROWS)),
  }),
  z.object({ kind: z.literal('values'), rows: z.number().int().nonnegative(), orderCorrelation: z.number().min(-1).max(1) }),
]);
export type LabelProfile = z.infer<typeof LabelProfileSchema>;

/** Summarises the labels of every row. O(n) for classes, O(n log n) for values. */
export function profileLabels(data: Pick<Dataset, 'rows' | 'y' | 'labelEncoding' | 'labelWidth' | 'task' | 'numClasses' | 'classNames'>): LabelProfile {
  const classes = rowClasses(data);
  if (!classes) {
    const values = Float64Array.from({ length: data.rows }, (_, r) => data.y[r * data.labelWidth]);
    return { kind: 'values', rows: data.rows, orderCorrelation: spearmanWithOrder(values) };
  }
  const k = Math.max(data.numClasses ?? 0, classes.reduce((m, c) => Math.max(m, c + 1), 0));
  const counts = new Array<number>(k).fill(0);
  const firstRow = new Array<number>(k).fill(-1);
  const lastRow = new Array<number>(k).fill(-1);
  let runs = 0;
  for (let r = 0; r < classes.length; r++) {
    const c = classes[r];
    counts[c]++;
    if (firstRow[c] < 0) firstRow[c] = r;
    lastRow[c] = r;
    if (r === 0 || classes[r - 1] !== c) runs++;
  }
  const rareRows: Record<string, number[]> = {};
  counts.forEach((count, c) => {
    if (count > 0 && count <= RARE_CLASS_ROWS) rareRows[String(c)] = [];
  });
  for (let r = 0; r < classes.length; r++) rareRows[String(classes[r])]?.push(r);
  const classNames = Array.from({ length: k }, (_, c) => data.classNames?.[c] ?? String(c));
  return { kind: 'classes', rows: data.rows, classNames, counts, firstRow, lastRow, runs, rareRows };
}

/** Spearman's rho between position and value (average ranks for ties); 0 when undefined. */
function spearmanWithOrder(values: Float64Array): number {
  const n = values.length;
  if (n < 3) return 0;
  const index = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[index[j + 1]] === values[index[i]]) j++;
    const average = (i + j) / 2;
    for (let t = i; t <= j; t++) rank[index[t]] = average;
    i = j + 1;
  }
  const mean = (n - 1) / 2;
  let cov = 0;
  let varRank = 0;
  let varPos = 0;
  for (let i = 0; i < n; i++) {
    cov += (i - mean) * (rank[i] - mean);
    varRank += (rank[i] - mean) ** 2;
    varPos += (i - mean) ** 2;
  }
  return varRank === 0 ? 0 : Math.max(-1, Math.min(1, cov / Math.sqrt(varRank * varPos)));
}

/**
 * Runs of equal labels a randomly ordered file with these class counts would have on average:
 * 1 + (n² − Σ n_c²) / n (each of the n−1 neighbour pairs differs with probability
 * 1 − Σ n_c(n_c−1) / (n(n−1))).
 */
export function expectedRuns(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  return 1 + (n * n - counts.reduce((a, c) => a + c * c, 0)) / n;
}

/**
 * A file "looks sorted by the label" when its labels form at most a quarter of the runs a
 * shuffled file would have (runs test, as Wald–Wolfowitz; a shuffled file of 20 rows or more
 * essentially never falls that low) or, for numeric labels, when the rank correlation between
 * row number and label is at least 0.9 in size.
 */
export const SORTED_RUNS_FRACTION = 0.25;
export const SORTED_ORDER_CORRELATION = 0.9;
const MIN_ROWS_FOR_ORDER_TEST = 20;

export function looksSortedByLabel(profile: LabelProfile): boolean {
  if (profile.rows < MIN_ROWS_FOR_ORDER_TEST) return false;
  if (profile.kind === 'values') return Math.abs(profile.orderCorrelation) >= SORTED_ORDER_CORRELATION;
  const present = profile.counts.filter((c) => c > 0).length;
  if (present < 2) return false;
  return profile.runs <= SORTED_RUNS_FRACTION * expectedRuns(profile.counts);
}

export type SplitProblemCode = 'split-class-not-trained' | 'split-sorted-file' | 'split-stratified-regression';

/**
 * A problem with how rows are held out: pinned to the training settings' `validationSplit`
 * field, with the numbers the message quotes and the fix (setting id) computed together.
 */
export interface SplitProblem {
  code: SplitProblemCode;
  severity: 'warning';
  field: 'validationSplit';
  /** `set-split-mode:shuffle` or `set-split-mode:stratified`. */
  fix: { mode: SplitMode; id: string };
  /** Class names held out but never trained on, with the part they are held out in. */
  classes?: { name: string; part: 'validation' | 'test' }[];
  /** For the sorted-file warning: runs found and runs a shuffled file would have, or the rank correlation. */
  runs?: number;
  expectedRuns?: number;
  orderCorrelation?: number;
}

/**
 * Checks a split against the label profile. `end` is checked exactly (from each class's first
 * and last rows); `shuffle` exactly for classes of at most RARE_CLASS_ROWS rows — a larger
 * class lands wholly outside the training rows with probability below (1 − train fraction)^65,
 * under 1e-6 whenever training keeps a fifth of the rows; `stratified` keeps a training row of
 * every class by construction.
 */
export function checkSplit(profile: LabelProfile, settings: SplitSettings): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const mode = settings.splitMode ?? 'end';
  const counts = splitCounts(profile.rows, settings);
  const heldOut = counts.validation + counts.test;
  if (heldOut === 0 || counts.train < 1) return problems;
  const classFix = profile.kind === 'classes' ? { mode: 'stratified' as const, id: 'set-split-mode:stratified' } : { mode: 'shuffle' as const, id: 'set-split-mode:shuffle' };

  if (mode === 'stratified' && profile.kind === 'values') {
    problems.push({ code: 'split-stratified-regression', severity: 'warning', field: 'validationSplit', fix: { mode: 'shuffle', id: 'set-split-mode:shuffle' } });
  }

  if (profile.kind === 'classes' && mode !== 'stratified') {
    const missing: { name: string; part: 'validation' | 'test' }[] = [];
    const testStart = counts.train;
    const validationStart = counts.train + counts.test;
    let inPart: (c: number) => { trained: boolean; validation: boolean; test: boolean };
    if (mode === 'end') {
      inPart = (c) => {
        const first = profile.firstRow[c];
        const last = profile.lastRow[c];
        return {
          trained: first >= 0 && first < testStart,
          validation: last >= validationStart,
          // A class first seen in the test rows is in them; one first seen earlier may be too, but is then trained on.
          test: first >= testStart && first < validationStart,
        };
      };
    } else {
      const order = splitPermutation(profile.rows, splitSeed(settings));
      const position = new Int32Array(profile.rows);
      order.forEach((row, i) => (position[row] = i));
      inPart = (c) => {
        const rows = profile.rareRows[String(c)];
        if (!rows) return { trained: true, validation: true, test: counts.test > 0 };
        const parts = rows.map((r) => position[r]);
        return { trained: parts.some((p) => p < testStart), validation: parts.some((p) => p >= validationStart), test: parts.some((p) => p >= testStart && p < validationStart) };
      };
    }
    profile.counts.forEach((count, c) => {
      if (count === 0) return;
      const where = inPart(c);
      if (where.trained) return;
      if (where.validation) missing.push({ name: profile.classNames[c], part: 'validation' });
      else if (where.test) missing.push({ name: profile.classNames[c], part: 'test' });
    });
    if (missing.length > 0) {
      problems.push({ code: 'split-class-not-trained', severity: 'warning', field: 'validationSplit', classes: missing, fix: classFix });
    }
  }

  if (mode === 'end' && looksSortedByLabel(profile)) {
    problems.push({
      code: 'split-sorted-file',
      severity: 'warning',
      field: 'validationSplit',
      fix: classFix,
      ...(profile.kind === 'classes'
        ? { runs: profile.runs, expectedRuns: Math.round(expectedRuns(profile.counts)) }
        : { orderCorrelation: Math.round(profile.orderCorrelation * 100) / 100 }),
    });
  }
  return problems;
}

/**
 * A split problem in plain English, for the command line (the editor renders the same data
 * through its dictionaries, in the UI language).
 */
export function describeSplitProblem(p: SplitProblem): string {
  const fix = p.fix.mode === 'stratified' ? 'set splitMode to "stratified"' : 'set splitMode to "shuffle"';
  switch (p.code) {
    case 'split-class-not-trained': {
      const part = p.classes?.[0]?.part ?? 'validation';
      const names = (p.classes ?? []).filter((c) => c.part === part).map((c) => `"${c.name}"`);
      return `the ${part} rows hold ${names.join(', ')}, which the training rows never contain: the model is scored on a class it never saw. To fix, ${fix}.`;
    }
    case 'split-sorted-file':
      return p.orderCorrelation !== undefined
        ? `the rows look sorted by the label (rank correlation ${p.orderCorrelation} between row number and label): the last rows held out are the extreme values. To fix, ${fix}.`
        : `the rows look sorted by the label: the labels form ${p.runs} runs, where a shuffled file would have about ${p.expectedRuns}, so the last rows held out are not like the rest. To fix, ${fix}.`;
    case 'split-stratified-regression':
      return `stratified splitting needs classes, but this data predicts numbers: rows are held out at random instead. To silence this, ${fix}.`;
  }
}
