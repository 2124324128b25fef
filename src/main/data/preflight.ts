import { dataWords } from '../../shared/data/data-messages';
import type { MessageParams } from '../../shared/graph/problem-text';
import { totalmem } from 'node:os';
import type { CsvParseConfig, CsvPreview } from '../../shared/data/csv';
import { PREVIEW_BYTES } from './import-job';

/**
 * Issue 12 (scale): before a CSV import starts, estimate the memory it will need from the head of
 * the file and refuse what will not fit, rather than failing midway.
 *
 * Peak memory of an import (the worker's resident memory growth, bench/import-large.mjs) ≈
 * rows × stored columns × 4 bytes × PEAK_FACTOR: the float32 values are held once (the encoder
 * frees each column chunk as it assembles x), plus the parser's working set and one chunk per column.
 */
export const PEAK_FACTOR = 1.3;
/** Largest typed array V8 allows on 64-bit (elements), so the most float32 values x can hold. */
const MAX_ARRAY_ELEMENTS = 2 ** 32;

export interface ImportEstimate {
  /** Data rows: exact when the preview saw the whole file, else file size / mean bytes per row of the head. */
  rows: number;
  /** Float32 columns stored per row: features (a one-hot text feature counts its distinct values in the head) + labels. */
  storedColumns: number;
  /** rows × storedColumns × 4 × PEAK_FACTOR. */
  bytes: number;
}

/** The estimate for importing a file of `size` bytes with `config`, from the preview of its head. */
export function estimateImport(preview: Pick<CsvPreview, 'sampledRows' | 'complete' | 'columns' | 'header'>, size: number, config: CsvParseConfig): ImportEstimate {
  const headLines = preview.sampledRows + (preview.header ? 1 : 0);
  const headBytes = Math.min(size, PREVIEW_BYTES);
  const rows = preview.complete || headLines === 0 ? preview.sampledRows : Math.ceil(size / (headBytes / headLines));
  let storedColumns = 0;
  config.columns.forEach((column, i) => {
    if (column.role === 'ignored') return;
    const distinct = preview.columns[i]?.stats.distinct ?? 1;
    const oneHot = column.role === 'feature' && column.type === 'categorical' && column.encoding !== 'index';
    // The stored matrix: one-hot categories widen it, and so does a "was missing" indicator.
    storedColumns += (oneHot ? Math.max(1, distinct) : 1) + (column.role === 'feature' && column.missingIndicator ? 1 : 0);
  });
  return { rows, storedColumns, bytes: rows * storedColumns * 4 * PEAK_FACTOR };
}

/**
 * The most memory an import may need: half of this computer's memory (the trainer then holds the
 * same rows again, and the rest of the system needs room), and never more than the largest typed
 * array. The values live outside V8's heap (ArrayBuffers), so the heap limit does not bound them.
 */
export function importMemoryBound(total: number = totalmem()): number {
  return Math.min(total / 2, MAX_ARRAY_ELEMENTS * 4);
}

/** Thrown (code `too-large`) before parsing when the estimate exceeds the bound. */
export class ImportTooLargeError extends Error {
  readonly code = 'too-large';
  /** Issue 16: the message as data (DATA_MESSAGES_EN, src/shared/data/data-messages.ts). */
  readonly messageId: string;
  readonly params: MessageParams;
  constructor(words: ReturnType<typeof dataWords>) {
    super(words.message);
    this.messageId = words.messageId;
    this.params = words.params;
  }
}

const gb = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(0)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(0)} kB` : `${Math.round(bytes)} bytes`;

/**
 * @throws ImportTooLargeError naming the estimate, the bound and what to do, when the estimate
 * exceeds the bound.
 */
export function checkImportFits(estimate: ImportEstimate, bound: number, name: string): void {
  if (estimate.bytes <= bound) return;
  const rowsThatFit = Math.floor(bound / (estimate.storedColumns * 4 * PEAK_FACTOR));
  throw new ImportTooLargeError(
    dataWords('data.importTooLarge', {
      name,
      needed: gb(estimate.bytes),
      rows: estimate.rows.toLocaleString('en-US'),
      columns: estimate.storedColumns,
      factor: PEAK_FACTOR,
      bound: gb(bound),
      rowsThatFit: rowsThatFit.toLocaleString('en-US'),
    }),
  );
}
