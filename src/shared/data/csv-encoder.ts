import { csvWords } from './csv-messages';
import { DEFAULT_NUMBER_FORMAT, parseNumber, type NumberFormat } from './numbers';
import { csvColumnEncodings, encodedFeatureNames, type MissingStrategy } from './preprocess';
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
  /** Sets row `r` (its chunk must not be released). */
  set(r: number, v: number): void {
    this.chunks[r >>> this.bits]![r & this.mask] = v;
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
  /** Missing-value strategy; undefined = numeric: 'error', categorical: the text is a category. */
  missing?: MissingStrategy;
  indicator: boolean;
  encoding: 'onehot' | 'index';
  /** Missing values kept as markers (numeric NaN, categorical -1), replaced by the fill in finish. */
  missingCount: number;
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
  /** Rows dropped by 'drop' strategies (not in `rows`). */
  droppedRows: number;
}

const FILLS: ReadonlySet<MissingStrategy | undefined> = new Set(['mean', 'median', 'most-frequent']);

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
  private readonly numberFormat: NumberFormat;
  private readonly chunkBits: number;
  /** Lines before the header (Excel's `sep=;`), skipped but counted, so messages name the file's own lines. */
  private readonly skipLines: number;
  private readonly dropSlots: ColumnSlot[];
  private droppedRows = 0;
  /** Rows dropped per 'drop' column (the first missing one of each row), for the message when none are left. */
  private readonly droppedBy = new Map<string, number>();

  constructor(private readonly config: CsvParseConfig) {
    this.numberFormat = config.numberFormat ?? DEFAULT_NUMBER_FORMAT;
    this.skipLines = config.text?.skipLines ?? 0;
    this.width = config.columns.length;
    this.headerPending = config.header;
    const used = config.columns.map((c, index) => ({ ...c, index })).filter((c) => c.role !== 'ignored');
    const features = used.filter((c) => c.role === 'feature');
    const labels = used.filter((c) => c.role === 'label');
    if (features.length === 0) {
      throw new CsvError('no-feature', csvWords('csv.noFeature'));
    }
    if (labels.length === 0) {
      throw new CsvError('no-label', csvWords('csv.noLabel'));
    }
    if (labels.length > 1 && labels.some((c) => c.type === 'categorical')) {
      throw new CsvError(
        'mixed-labels',
        csvWords('csv.mixedLabels', { columns: labels.map((c) => `'${c.name}'`).join(', ') }),
        { column: labels.find((c) => c.type === 'categorical')?.name },
      );
    }
    if (features.every((c) => c.type === 'categorical' && c.encoding === 'index' && !c.missingIndicator)) {
      throw new CsvError(
        'no-numeric-column',
        csvWords('csv.noNumericColumn', { columns: features.map((c) => `'${c.name}'`).join(', ') }),
        { column: features[0].name },
      );
    }
    for (const c of used) {
      if (c.role === 'label' && (FILLS.has(c.missing) || c.missingIndicator)) {
        throw new CsvError(
          'missing-strategy',
          csvWords('csv.labelMissingStrategy', { column: c.name }),
          { column: c.name },
        );
      }
      if (c.type === 'categorical' && (c.missing === 'mean' || c.missing === 'median')) {
        throw new CsvError(
          'missing-strategy',
          csvWords(c.missing === 'mean' ? 'csv.categoryNoMean' : 'csv.categoryNoMedian', { column: c.name }),
          { column: c.name },
        );
      }
    }
    this.chunkBits = chunkBits(used.length);
    this.slots = used.map((c) => ({
      index: c.index,
      name: c.name,
      type: c.type,
      role: c.role as 'feature' | 'label',
      missing: c.missing,
      indicator: c.role === 'feature' && c.missingIndicator === true,
      encoding: c.encoding === 'index' ? 'index' : 'onehot',
      missingCount: 0,
      values: new ChunkedColumn(this.chunkBits),
      dictionary: c.type === 'categorical' ? new Map() : undefined,
      sum: 0,
      sumSquares: 0,
    }));
    this.dropSlots = this.slots.filter((s) => s.missing === 'drop');
  }

  /** Rows dropped so far by 'drop' strategies. */
  get dropped(): number {
    return this.droppedRows;
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
      if (line <= this.skipLines || isBlank(record)) continue;
      if (this.headerPending) {
        this.headerPending = false;
        if (record.length !== this.width) {
          throw new CsvError(
            'columns-changed',
            csvWords('csv.headerChanged', { line, got: record.length, width: this.width }),
            { line },
          );
        }
        continue;
      }
      if (record.length !== this.width) {
        throw new CsvError('ragged-row', raggedMessage(line, record.length, this.width, this.config.header), { line });
      }
      const dropBy = this.dropSlots.find((slot) => MISSING.has(record[slot.index].trim().toLowerCase()));
      if (dropBy) {
        this.droppedRows++;
        this.droppedBy.set(dropBy.name, (this.droppedBy.get(dropBy.name) ?? 0) + 1);
        continue;
      }
      for (const slot of this.slots) this.addValue(slot, record[slot.index], line);
      this.rowCount++;
    }
  }

  private addValue(slot: ColumnSlot, raw: string, line: number): void {
    if (slot.type === 'numeric') {
      const value = parseNumber(raw, this.numberFormat);
      if (value === null) {
        const text = raw.trim();
        const lower = text.toLowerCase();
        if (NAN_TEXT.has(lower)) {
          throw new CsvError('nan', csvWords('csv.nan', { line, column: slot.name }), { line, column: slot.name });
        }
        if (MISSING.has(lower)) {
          if (FILLS.has(slot.missing)) {
            slot.missingCount++;
            slot.values.push(Number.NaN);
            return;
          }
          throw missingError(slot.name, line, text);
        }
        throw new CsvError(
          'not-a-number',
          csvWords('csv.notANumber', { line, column: slot.name, got: quote(text) }),
          { line, column: slot.name },
        );
      }
      slot.values.push(value);
      slot.sum += value;
      slot.sumSquares += value * value;
      return;
    }
    const text = raw.trim();
    if (slot.missing !== undefined && MISSING.has(text.toLowerCase())) {
      if (slot.missing === 'error') throw missingError(slot.name, line, text);
      slot.missingCount++;
      slot.values.push(-1);
      return;
    }
    const dictionary = slot.dictionary!;
    let id = dictionary.get(text);
    if (id === undefined) {
      id = dictionary.size;
      if (slot.role === 'label' && id >= MAX_CLASSES) {
        throw new CsvError(
          'too-many-classes',
          csvWords('csv.tooManyClasses', { line, column: slot.name, max: MAX_CLASSES }),
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
    if (this.rowCount === 0 && this.droppedRows > 0) {
      const by = [...this.droppedBy.entries()].map(([name, n]) => `'${name}' (${n})`).join(', ');
      throw new CsvError(
        'empty-file',
        csvWords('csv.allDropped', { dropped: this.droppedRows, columns: by }),
        { column: this.droppedBy.keys().next().value },
      );
    }
    if (this.rowCount === 0) {
      throw new CsvError('empty-file', csvWords(this.config.header ? 'csv.noRows.header' : 'csv.noRows'), {
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
    const fills = new Map<ColumnSlot, { value: number | string; code: number }>();
    for (const slot of this.slots) {
      if (slot.role === 'feature' && FILLS.has(slot.missing)) fills.set(slot, learnFill(slot, rows, slot.dictionary ? categories[slot.name] : undefined));
    }

    // Names from the pipeline's own encoding, so training and prediction name features alike.
    const featureNames = encodedFeatureNames(csvColumnEncodings(this.config, categories));
    const means: number[] = [];
    const stds: number[] = [];
    const widths: number[] = [];
    for (const slot of features) {
      const fill = fills.get(slot);
      if (slot.type === 'categorical' && slot.encoding === 'onehot') {
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
            const id = slot.values.at(r);
            const v = id < 0 ? remap[fill!.code] : remap[id];
            sum += v;
            sumSquares += v * v;
          }
          slot.sum = sum;
          slot.sumSquares = sumSquares;
        } else if (fill && slot.missingCount > 0) {
          // Missing values were left out of the sums while streaming; they count as the fill.
          const v = Math.fround(fill.value as number);
          slot.sum += slot.missingCount * v;
          slot.sumSquares += slot.missingCount * v * v;
        }
        const mean = slot.sum / rows;
        const variance = Math.max(0, slot.sumSquares / rows - mean * mean);
        const std = Math.sqrt(variance);
        means.push(mean);
        // A constant column would divide by zero; leaving it unscaled keeps it harmless.
        stds.push(std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1);
        widths.push(1);
      }
      if (slot.indicator) {
        // A 0/1 flag, like a one-hot column: not rescaled.
        means.push(0);
        stds.push(1);
        widths[widths.length - 1] += 1;
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
          csvWords('csv.oneClass', { column: slot.name, value: quote(classNames[0] ?? ''), rows }),
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
        const fill = fills.get(slot);
        const isMissing = (v: number) => (remap ? v < 0 : Number.isNaN(v));
        if (slot.indicator) {
          const at = offset + widths[f] - 1;
          for (let r = start; r < end; r++) if (isMissing(values.at(r))) x[r * numFeatures + at] = 1;
        }
        if (fill && slot.missingCount > 0) {
          // Markers become the learned fill (an id before remapping, or the number) in place.
          const code = remap ? fill.code : Math.fround(fill.value as number);
          for (let r = start; r < end; r++) if (isMissing(values.at(r))) values.set(r, code);
        }
        if (remap && slot.encoding === 'onehot') {
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
      transform: {
        featureNames,
        means,
        stds,
        categories,
        ...(classNames ? { classNames } : {}),
        ...(fills.size > 0 ? { fills: Object.fromEntries([...fills].map(([slot, fill]) => [slot.name, fill.value])) } : {}),
      },
      ...(classCounts ? { classCounts } : {}),
      droppedRows: this.droppedRows,
    };
  }
}

function missingError(column: string, line: number, text: string): CsvError {
  return new CsvError(
    'empty-value',
    text ? csvWords('csv.missingValueText', { line, column, text: quote(text) }) : csvWords('csv.missingValue', { line, column }),
    { line, column },
  );
}

/**
 * The fill value of one feature column, learned from the imported (kept) rows, with scikit-learn
 * `SimpleImputer` semantics: 'mean' the arithmetic mean of the present values; 'median' the
 * middle present value (the mean of the two middle ones for an even count), exact; 'most-frequent'
 * the most frequent present value, the smallest one on ties (categories: the first in encoding
 * order). Numeric columns already hold every value (as float32), so median and mode sort one
 * transient copy of the present values: memory 4 bytes × present rows, released on return.
 * `code` is what the column stores for the fill: the number, or the category's dictionary id.
 */
function learnFill(slot: ColumnSlot, rows: number, sorted: string[] | undefined): { value: number | string; code: number } {
  const present = rows - slot.missingCount;
  if (present === 0) {
    throw new CsvError(
      'empty-value',
      csvWords(slot.missing === 'mean' ? 'csv.noValues.mean' : slot.missing === 'median' ? 'csv.noValues.median' : 'csv.noValues.mostFrequent', { column: slot.name }),
      { column: slot.name },
    );
  }
  const values = slot.values;
  if (sorted) {
    // Categories: count per dictionary id, pick the largest count, ties to the first in encoding order.
    const counts = new Float64Array(slot.dictionary!.size);
    for (let r = 0; r < rows; r++) {
      const id = values.at(r);
      if (id >= 0) counts[id]++;
    }
    let best = '';
    let bestCount = -1;
    for (const name of sorted) {
      const count = counts[slot.dictionary!.get(name)!];
      if (count > bestCount) {
        best = name;
        bestCount = count;
      }
    }
    return { value: best, code: slot.dictionary!.get(best)! };
  }
  if (slot.missing === 'mean') {
    const value = slot.sum / present;
    return { value, code: value };
  }
  const copy = new Float32Array(present);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const v = values.at(r);
    if (!Number.isNaN(v)) copy[n++] = v;
  }
  copy.sort();
  if (slot.missing === 'median') {
    const mid = present >> 1;
    const value = present % 2 === 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    return { value, code: value };
  }
  let value = copy[0];
  let bestRun = 0;
  for (let i = 0; i < present; ) {
    let j = i + 1;
    while (j < present && copy[j] === copy[i]) j++;
    if (j - i > bestRun) {
      bestRun = j - i;
      value = copy[i];
    }
    i = j;
  }
  return { value, code: value };
}

/** Parses a whole CSV text at once (embedded data, tests, small files). */
export function parseCsvText(text: string, config: CsvParseConfig): CsvParsed {
  const body = stripBom(text);
  if (body.trim() === '') {
    throw new CsvError('empty-file', csvWords('csv.empty'), { line: 1 });
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

