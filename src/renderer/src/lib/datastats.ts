import type { Dataset } from '../../../shared/data/types';

/** Per-column statistics of a dataset, and how a model's predictions compare with its labels. */

export interface ColumnStats {
  name: string;
  kind: 'feature' | 'label';
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation, as numpy's default. */
  std: number;
  distinct: number;
}

function columnStats(name: string, kind: ColumnStats['kind'], values: Float32Array, stride: number, offset: number, rows: number): ColumnStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const seen = new Set<number>();
  for (let r = 0; r < rows; r++) {
    const v = values[r * stride + offset];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    seen.add(v);
  }
  const mean = rows ? sum / rows : NaN;
  let squares = 0;
  for (let r = 0; r < rows; r++) squares += (values[r * stride + offset] - mean) ** 2;
  return { name, kind, min: rows ? min : NaN, max: rows ? max : NaN, mean, std: rows ? Math.sqrt(squares / rows) : NaN, distinct: seen.size };
}

/** The class of each row, whatever the label encoding. */
export function trueClass(data: Dataset, row: number): number {
  if (data.labelEncoding === 'onehot') return argmax(data.y, row * data.labelWidth, data.labelWidth);
  return Math.round(data.y[row * data.labelWidth]);
}

function argmax(values: ArrayLike<number>, start: number, length: number): number {
  let best = 0;
  for (let c = 1; c < length; c++) if (values[start + c] > values[start + best]) best = c;
  return best;
}

/** Features first, then the label: for one-hot labels a single "label" column holding the class index. */
export function datasetStats(data: Dataset): ColumnStats[] {
  const stats = data.featureNames.map((name, i) => columnStats(name, 'feature', data.x, data.numFeatures, i, data.rows));
  if (data.labelEncoding === 'onehot') {
    const classes = new Float32Array(data.rows);
    for (let r = 0; r < data.rows; r++) classes[r] = trueClass(data, r);
    stats.push(columnStats('label', 'label', classes, 1, 0, data.rows));
  } else {
    for (let j = 0; j < data.labelWidth; j++) stats.push(columnStats(data.labelWidth === 1 ? 'label' : `label${j}`, 'label', data.y, data.labelWidth, j, data.rows));
  }
  return stats;
}

/** The class a model's output row stands for: argmax, or a single sigmoid's P(class 1) ≥ 0.5. */
export function predictedClass(output: readonly number[]): number {
  return output.length === 1 ? (output[0] >= 0.5 ? 1 : 0) : argmax(output, 0, output.length);
}

export interface ClassificationResult {
  kind: 'classification';
  classes: number;
  /** matrix[true][predicted] = rows */
  matrix: number[][];
  perClass: { total: number; correct: number }[];
  accuracy: number;
}

export interface RegressionResult {
  kind: 'regression';
  truth: number[];
  predicted: number[];
  rmse: number;
}

export function classificationResult(
  data: Dataset,
  outputs: readonly (readonly number[])[],
  /** Only these rows (e.g. the validation rows of `splitRows`); absent = every row. Trial 5, F3. */
  only?: ArrayLike<number>,
): ClassificationResult {
  const classes = Math.max(data.numClasses ?? 0, outputs[0]?.length === 1 ? 2 : (outputs[0]?.length ?? 0));
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  let counted = 0;
  const n = only ? only.length : Math.min(data.rows, outputs.length);
  for (let i = 0; i < n; i++) {
    const r = only ? only[i] : i;
    if (r >= data.rows || r >= outputs.length) continue;
    const truth = trueClass(data, r);
    const guess = predictedClass(outputs[r]);
    if (truth < classes && guess < classes) matrix[truth][guess]++;
    if (truth === guess) correct++;
    counted++;
  }
  const perClass = matrix.map((row, i) => ({ total: row.reduce((a, b) => a + b, 0), correct: row[i] }));
  return { kind: 'classification', classes, matrix, perClass, accuracy: counted ? correct / counted : NaN };
}

export function regressionResult(data: Dataset, outputs: readonly (readonly number[])[]): RegressionResult {
  const truth: number[] = [];
  const predicted: number[] = [];
  let squares = 0;
  for (let r = 0; r < data.rows && r < outputs.length; r++) {
    const t = data.y[r * data.labelWidth];
    const p = outputs[r][0];
    truth.push(t);
    predicted.push(p);
    squares += (p - t) ** 2;
  }
  return { kind: 'regression', truth, predicted, rmse: truth.length ? Math.sqrt(squares / truth.length) : NaN };
}

/** Rows per predict call: the contract allows 10,000 rows, and we keep each request near 200,000 numbers. */
export function predictChunkRows(numFeatures: number): number {
  return Math.max(1, Math.min(10_000, Math.floor(200_000 / Math.max(1, numFeatures))));
}

/** The dataset's rows as plain arrays, `chunk` rows at a time, for model.predict. */
export function* rowChunks(data: Dataset, chunk = predictChunkRows(data.numFeatures)): Generator<number[][]> {
  for (let start = 0; start < data.rows; start += chunk) {
    const rows: number[][] = [];
    for (let r = start; r < Math.min(data.rows, start + chunk); r++) rows.push(Array.from(data.x.subarray(r * data.numFeatures, (r + 1) * data.numFeatures)));
    yield rows;
  }
}

/** Which rows a scrolled list shows: the visible window plus `overscan` rows each side. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
