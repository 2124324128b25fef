import { parseNumberStrict } from './numbers';
import { csvColumnEncodings, encodedFeatureNames } from './preprocess';
import { compareCategories, CsvError, MAX_CLASSES, MISSING, NAN_TEXT, quote, type ColumnType, type CsvParseConfig, type CsvTransform } from './csv-types';
import { isBlank, lineNumbers, parseText, quotesMessage, raggedMessage, stripBom } from './csv-records';

/**
 * One column's values in fixed chunks of 2^bits: growing never copies (a doubling array holds up
 * to 2× the values, 3× while it copies), and `finish` frees each chunk of rows once it is in x.
 * Chunks of a few MiB are mapped by the allocator on their own, so freeing one returns its pages
 * to the system (small ones stay in the allocator's pool and would not make room for x).
 */
class ChunkedColumn {
  private chunks: (Float32Array | null)[] = [];
  private readonly mask: number;
  length = 0;
  constructor(private readonly bits: number) {
    this.mask = (1 << bits) - 1;
  }
  push(v: number): void {
    const i = this.length & this.mask;
    if (i === 0) this.chunks.push(new Float32Array(this.mask + 1));
    this.chunks[this.chunks.length - 1]![i] = v;
    this.length++;
  }
  /** Value of row `r` (its chunk must not be released). */
  at(r: number): number {
    return this.chunks[r >>> this.bits]![r & this.mask];
  }
  /** Frees chunk `index`: rows [index × 2^bits, (index + 1) × 2^bits). */
  release(index: number): void {
    this.chunks[index] = null;
  }
}

/**
 * log2 of the rows per chunk for `columns` stored columns: 2^20 rows (4 MiB of float32) per
 * column, fewer for wide tables so that one chunk of every column stays within 256 MiB.
 */
function chunkBits(columns: number): number {
  return Math.max(12, Math.min(20, Math.floor(Math.log2((64 * 1024 * 1024) / Math.max(1, columns)))));
}

interface ColumnSlot {
  index: number;
  name: string;
  type: ColumnType;
  role: 'feature' | 'label';
  values: ChunkedColumn;
  /** categorical: value → id in first-seen order, remapped to sorted order at the end. */
  dictionary?: Map<string, number>;
  sum: number;
  sumSquares: number;
}

/** The parsed file, before normalisation and label encoding (both are cheap to redo at load). */
export interface CsvParsed {
  rows: number;
  /** rows × numFeatures, raw (categorical features as one-hot or indices). */
  x: Float32Array;
  /** rows × label columns: raw values (regression) or class indices (classification). */
  labels: Float32Array;
  labelColumns: number;
  transform: CsvTransform;
  /** Label column names. */
  labelNames: string[];
  /** Rows per class, when classifying. */
  classCounts?: number[];
}

/**
 * Turns records into numbers one chunk at a time, keeping per-column values and sums, so a file of
 * any size is read once. Call `push` with consecutive records from the start of the file
 * (header included), then `finish`.
 */
export class CsvEncoder {
  private readonly slots: ColumnSlot[];
  private readonly width: number;
  private line = 1;
  private rowCount = 0;
  private headerPending: boolean;
  private readonly chunkBits: number;

  constructor(private readonly config: CsvParseConfig) {
    this.width = config.columns.length;
    this.headerPending = config.header;
    const used = config.columns.map((c, index) => ({ ...c, index })).filter((c) => c.role !== 'ignored');
    const features = used.filter((c) => c.role === 'feature');
    const labels = used.filter((c) => c.role === 'label');
    if (features.length === 0) {
      throw new CsvError('no-feature', 'No column is a feature. Set the role of at least one column to "feature".');
    }
    if (labels.length === 0) {
      throw new CsvError('no-label', 'No column is the label. Set the role of the column to predict to "label".');
    }
    if (labels.length > 1 && labels.some((c) => c.type === 'categorical')) {
      throw new CsvError(
        'mixed-labels',
        `Only one label column can hold classes, but ${labels.map((c) => `'${c.name}'`).join(', ')} are labels. Keep one label column, or make them all numeric for regression.`,
        { column: labels.find((c) => c.type === 'categorical')?.name },
      );
    }
    if (!config.oneHotFeatures && features.every((c) => c.type === 'categorical')) {
      throw new CsvError(
        'no-numeric-column',
        `No feature column holds numbers (${features.map((c) => `'${c.name}'`).join(', ')} are text). A network needs numeric inputs: turn on one-hot encoding for categorical features, or choose a file with numeric columns.`,
        { column: features[0].name },
      );
    }
    this.chunkBits = chunkBits(used.length);
    this.slots = used.map((c) => ({
      index: c.index,
      name: c.name,
      type: c.type,
      role: c.role as 'feature' | 'label',
      values: new ChunkedColumn(this.chunkBits),
      dictionary: c.type === 'categorical' ? new Map() : undefined,
      sum: 0,
      sumSquares: 0,
    }));
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Line the next record starts on (1-based). */
  get nextLine(): number {
    return this.line;
  }

  push(records: string[][]): void {
    for (const record of records) {
      const line = this.line;
      this.line += 1;
      for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) this.line++;
      if (isBlank(record)) continue;
      if (this.headerPending) {
        this.headerPending = false;
        if (record.length !== this.width) {
          throw new CsvError(
            'columns-changed',
            `The header on line ${line} has ${record.length} columns, but the import was set up for ${this.width}. Open the file again to refresh the preview.`,
            { line },
          );
        }
        continue;
      }
      if (record.length !== this.width) {
        throw new CsvError('ragged-row', raggedMessage(line, record.length, this.width, this.config.header), { line });
      }
      for (const slot of this.slots) this.addValue(slot, record[slot.index], line);
      this.rowCount++;
    }
  }

  private addValue(slot: ColumnSlot, raw: string, line: number): void {
    if (slot.type === 'numeric') {
      const value = parseNumberStrict(raw);
      if (value === null) {
        const text = raw.trim();
        const lower = text.toLowerCase();
        if (NAN_TEXT.has(lower)) {
          throw new CsvError('nan', `Line ${line}, column '${slot.name}': the value is NaN (not a number). Fill in a number or delete the row.`, { line, column: slot.name });
        }
        if (MISSING.has(lower)) {
          throw new CsvError('empty-value', `Line ${line}, column '${slot.name}': the value is missing${text ? ` (${quote(text)})` : ''}. Fill it in or delete the row, or set the column's role to "ignored".`, {
            line,
            column: slot.name,
          });
        }
        throw new CsvError(
          'not-a-number',
          `Line ${line}, column '${slot.name}': expected a number, got ${quote(text)}. Fix the value, or set the column's type to categorical.`,
          { line, column: slot.name },
        );
      }
      slot.values.push(value);
      slot.sum += value;
      slot.sumSquares += value * value;
      return;
    }
    const text = raw.trim();
    const dictionary = slot.dictionary!;
    let id = dictionary.get(text);
    if (id === undefined) {
      id = dictionary.size;
      if (slot.role === 'label' && id >= MAX_CLASSES) {
        throw new CsvError(
          'too-many-classes',
          `Line ${line}, column '${slot.name}': the label column has more than ${MAX_CLASSES} different values. It looks like a number or an identifier, not a class: set its type to numeric (regression) or choose another label.`,
          { line, column: slot.name },
        );
      }
      dictionary.set(text, id);
    }
    slot.values.push(id);
  }

  /**
   * The encoded rows. `onBlock` runs after each chunk of rows is assembled and its column
   * chunks dropped (the import worker collects garbage there, so their memory is returned).
   */
  finish(onBlock: () => void = () => undefined): CsvParsed {
    if (this.rowCount === 0) {
      throw new CsvError('empty-file', `The file has no data rows${this.config.header ? ' below the header' : ''}. Add rows, or uncheck "first row is a header".`, {
        line: this.line,
      });
    }
    const rows = this.rowCount;
    const features = this.slots.filter((s) => s.role === 'feature');
    const labels = this.slots.filter((s) => s.role === 'label');
    const categories: Record<string, string[]> = {};
    const remaps = new Map<ColumnSlot, Int32Array>();
    for (const slot of this.slots) {
      if (!slot.dictionary) continue;
      const sorted = [...slot.dictionary.keys()].sort(compareCategories);
      const remap = new Int32Array(sorted.length);
      sorted.forEach((name, i) => (remap[slot.dictionary!.get(name)!] = i));
      remaps.set(slot, remap);
      if (slot.role === 'feature') categories[slot.name] = sorted;
    }

    // Names from the pipeline's own encoding, so training and prediction name features alike.
    const featureNames = encodedFeatureNames(csvColumnEncodings(this.config, categories));
    const means: number[] = [];
    const stds: number[] = [];
    const widths: number[] = [];
    for (const slot of features) {
      if (slot.type === 'categorical' && this.config.oneHotFeatures) {
        for (let k = 0; k < categories[slot.name].length; k++) {
          means.push(0);
          stds.push(1);
        }
        widths.push(categories[slot.name].length);
      } else {
        if (slot.type === 'categorical') {
          const remap = remaps.get(slot)!;
          let sum = 0;
          let sumSquares = 0;
          for (let r = 0; r < rows; r++) {
            const v = remap[slot.values.at(r)];
            sum += v;
            sumSquares += v * v;
          }
          slot.sum = sum;
          slot.sumSquares = sumSquares;
        }
        const mean = slot.sum / rows;
        const variance = Math.max(0, slot.sumSquares / rows - mean * mean);
        const std = Math.sqrt(variance);
        means.push(mean);
        // A constant column would divide by zero; leaving it unscaled keeps it harmless.
        stds.push(std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1);
        widths.push(1);
      }
    }

    const numFeatures = featureNames.length;
    const labelColumns = labels.length;
    // Row-major x and y are assembled one chunk of rows at a time, and each column's chunk is freed
    // once copied (`onBlock` lets the caller collect it): x's pages are committed as they are
    // written, so the values are never held twice (peak ≈ one copy + one chunk per column).
    const x = new Float32Array(rows * numFeatures);
    const y = new Float32Array(rows * labelColumns);
    let classNames: string[] | undefined;
    let classCounts: number[] | undefined;
    labels.forEach((slot) => {
      if (!remaps.has(slot)) return;
      classNames = [...slot.dictionary!.keys()].sort(compareCategories);
      classCounts = new Array<number>(classNames.length).fill(0);
      if (classNames.length < 2) {
        throw new CsvError(
          'one-class',
          `Column '${slot.name}' (the label) has only one class, ${quote(classNames[0] ?? '')}, in all ${rows} rows; a classifier needs at least two. Choose another label column, or a file with more than one class.`,
          { column: slot.name },
        );
      }
    });
    const chunkRows = 1 << this.chunkBits;
    for (let block = 0, start = 0; start < rows; block++, start += chunkRows) {
      const end = Math.min(rows, start + chunkRows);
      let offset = 0;
      features.forEach((slot, f) => {
        const remap = remaps.get(slot);
        const values = slot.values;
        if (remap && this.config.oneHotFeatures) {
          for (let r = start; r < end; r++) x[r * numFeatures + offset + remap[values.at(r)]] = 1;
        } else if (remap) {
          for (let r = start; r < end; r++) x[r * numFeatures + offset] = remap[values.at(r)];
        } else {
          for (let r = start; r < end; r++) x[r * numFeatures + offset] = values.at(r);
        }
        offset += widths[f];
        values.release(block);
      });
      labels.forEach((slot, l) => {
        const values = slot.values;
        const remap = remaps.get(slot);
        if (remap) {
          for (let r = start; r < end; r++) {
            const cls = remap[values.at(r)];
            y[r * labelColumns + l] = cls;
            classCounts![cls]++;
          }
        } else {
          for (let r = start; r < end; r++) y[r * labelColumns + l] = values.at(r);
        }
        values.release(block);
      });
      onBlock();
    }

    return {
      rows,
      x,
      labels: y,
      labelColumns,
      labelNames: labels.map((s) => s.name),
      transform: { featureNames, means, stds, categories, ...(classNames ? { classNames } : {}) },
      ...(classCounts ? { classCounts } : {}),
    };
  }
}

/** Parses a whole CSV text at once (embedded data, tests, small files). */
export function parseCsvText(text: string, config: CsvParseConfig): CsvParsed {
  const body = stripBom(text);
  if (body.trim() === '') {
    throw new CsvError('empty-file', 'The file is empty: it has no rows. Choose a CSV file with a header line and data rows.', { line: 1 });
  }
  const encoder = new CsvEncoder(config);
  const parsed = parseText(body, config.delimiter);
  const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (quoteError) {
    const line = quoteError.row !== undefined ? lineNumbers(parsed.data)[quoteError.row] : undefined;
    throw new CsvError('bad-quotes', quotesMessage(line), { line });
  }
  encoder.push(parsed.data);
  return encoder.finish();
}
