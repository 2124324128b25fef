import { dataWords } from '../../shared/data/data-messages';
import type { MessageParams } from '../../shared/graph/problem-text';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import readXlsxFile, { readSheet, SheetNotFoundError, type SheetData } from 'read-excel-file/node';
import { CsvEncoder, DEFAULT_NUMBER_FORMAT, previewRecords, type CsvDelimiter, type CsvParseConfig, type CsvPreview, type PreviewOptions } from '../../shared/data/csv';
import type { ImportedFile, ImportProgress } from './import-job';

/**
 * Excel workbooks (.xlsx, Office Open XML SpreadsheetML) read with `read-excel-file` into the
 * same records (`string[][]`, header row first) the CSV path produces, so preview, encoder and
 * the rest of the pipeline are shared. Runs only in the import worker thread, in the trainer
 * process and in tests — never on Electron main's event loop.
 */

export type XlsxErrorCode = 'bad-workbook' | 'old-xls' | 'no-sheet' | 'empty-sheet';

/** A workbook that cannot be read, or a sheet it does not have; the message says what to do. */
export class XlsxError extends Error {
  /** Issue 16: the message as data (DATA_MESSAGES_EN, src/shared/data/data-messages.ts). */
  readonly messageId: string;
  readonly params: MessageParams;
  constructor(
    readonly code: XlsxErrorCode,
    words: ReturnType<typeof dataWords>,
  ) {
    super(words.message);
    this.name = 'XlsxError';
    this.messageId = words.messageId;
    this.params = words.params;
  }
}

export type SpreadsheetKind = 'xlsx' | 'xls' | 'text';

/**
 * What a file holds, from its first bytes: a ZIP container ("PK\x03\x04", as every .xlsx is),
 * an OLE2 compound file (D0 CF 11 E0: the pre-2007 binary .xls), or anything else (read as text).
 */
export function spreadsheetKind(path: string): SpreadsheetKind {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  return 'text';
}

/**
 * One cell as the text a CSV export would hold: numbers with '.' decimals at full precision
 * (JavaScript's shortest round-trip form, so the number read back is the same double), dates as
 * ISO 8601 (`2024-03-15`, or `2024-03-16T09:30:05` with a time; Excel stores no time zone, so none
 * is written), booleans as TRUE/FALSE (as Excel's own CSV export writes them), empty cells as ''.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
    return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  }
  return String(value);
}

/**
 * A sheet's cells as records of equal width (the widest row's), header row first, one record
 * per sheet row (so a CSV "line" number is the sheet's row number). A row without any value
 * becomes the blank record `['']`, which preview and encoder skip as they skip a blank CSV line.
 */
export function sheetRecords(data: SheetData): string[][] {
  const width = data.reduce((w, row) => Math.max(w, row.length), 0);
  return data.map((row) => (row.every((v) => v === null || v === undefined || v === '') ? [''] : Array.from({ length: width }, (_, c) => cellText(row[c]))));
}

/**
 * Records as CSV text ('\n' lines, quoted where needed) that parseText with the same delimiter
 * reads back into the same records: how a small sheet is embedded in the project, like a small CSV.
 */
export function recordsToCsv(records: string[][], delimiter: CsvDelimiter = ','): string {
  return Papa.unparse(records, { delimiter, newline: '\n', quotes: false }) + '\n';
}

export interface WorkbookSheet {
  /** Every sheet's name, in workbook order. */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  records: string[][];
}

/**
 * Reads one sheet (by name; when `sheet` is undefined, the first with data rows, else the first) and lists them all.
 * Throws XlsxError: 'old-xls' for a pre-2007 .xls, 'bad-workbook' for a file that is not a
 * readable .xlsx, 'no-sheet' for a name the workbook lacks, 'empty-sheet' for a sheet without cells.
 */
export async function readWorkbookSheet(path: string, sheet?: string): Promise<WorkbookSheet> {
  checkKind(path);
  let all: { sheet: string; data: SheetData }[];
  try {
    all = await readXlsxFile(path, { trim: false });
  } catch (error) {
    throw translate(error);
  }
  const sheets = all.map((s) => s.sheet);
  // No sheet named: the first with data rows (a header and at least one more row), so an empty or
  // header-only cover sheet is not what the dialog and `neurite inspect` open; else the first.
  const chosen = sheet === undefined ? (all.find((s) => sheetRecords(s.data).length >= 2) ?? all[0]) : all.find((s) => s.sheet === sheet);
  if (!chosen) throw noSheet(sheet ?? '', sheets);
  return { sheets, sheet: chosen.sheet, records: nonEmpty(sheetRecords(chosen.data), chosen.sheet) };
}

/** Reads only the named sheet (the import: the other sheets' cells are never parsed). */
export async function readSheetRecords(path: string, sheet: string): Promise<string[][]> {
  checkKind(path);
  try {
    return nonEmpty(sheetRecords(await readSheet(path, sheet, { trim: false })), sheet);
  } catch (error) {
    throw translate(error, sheet);
  }
}

/**
 * The whole-file import of one sheet: hashes the workbook and pushes the sheet's records
 * through the same CsvEncoder a CSV goes through. With `embedLimitBytes`, also returns the sheet as
 * CSV text (recordsToCsv) when it is at most that long, for the project to embed.
 * Rejects with XlsxError or CsvError (line = sheet row).
 */
export async function parseXlsxFile(
  path: string,
  sheet: string | undefined,
  config: CsvParseConfig,
  onProgress: (progress: ImportProgress) => void = () => undefined,
  embedLimitBytes = 0,
  /** Called with the sheet's records before they are encoded: the import's preflight (throws to refuse). */
  beforeEncode: (records: string[][]) => void = () => undefined,
): Promise<ImportedFile & { sheet: string; embedded?: string }> {
  const { size } = statSync(path);
  onProgress({ phase: 'parsing', bytes: 0, totalBytes: size, rows: 0 });
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const read = sheet === undefined ? await readWorkbookSheet(path) : { sheet, records: await readSheetRecords(path, sheet) };
  beforeEncode(read.records);
  onProgress({ phase: 'encoding', bytes: size, totalBytes: size, rows: read.records.length });
  const encoder = new CsvEncoder(config);
  encoder.push(read.records);
  const parsed = encoder.finish();
  const text = embedLimitBytes > 0 ? recordsToCsv(read.records, config.delimiter) : '';
  const embedded = text !== '' && Buffer.byteLength(text) <= embedLimitBytes ? text : undefined;
  return { parsed, sha256, size, sheet: read.sheet, ...(embedded !== undefined ? { embedded } : {}) };
}

/**
 * The preview of one sheet (the first when `sheet` is undefined) through the shared
 * previewRecords, with the workbook's sheet list. A sheet has no delimiter: ',' is reported.
 */
export async function previewWorkbook(path: string, options: Omit<PreviewOptions, 'complete'> = {}, sheet?: string): Promise<CsvPreview & { size: number; sheets: string[]; sheet: string }> {
  const { size } = statSync(path);
  const read = await readWorkbookSheet(path, sheet);
  const preview = previewRecords(read.records, { ...options, numberFormat: DEFAULT_NUMBER_FORMAT, complete: true }, ',');
  return { ...preview, size, sheets: read.sheets, sheet: read.sheet };
}

/**
 * readSheetRecords for synchronous callers (the trainer's dataset loader re-reading a stored
 * workbook when the parsed cache is gone): the library is asynchronous, so the read runs in a
 * short-lived worker thread while this thread waits on an Atomics flag (no event loop needed).
 */
export function readSheetRecordsSync(path: string, sheet: string): string[][] {
  checkKind(path);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(SYNC_READER, {
    eval: true,
    workerData: { lib: require.resolve('read-excel-file/node'), path, sheet, signal: signal.buffer, port: port2 },
    transferList: [port2],
  });
  try {
    if (Atomics.wait(signal, 0, 0, SYNC_READ_LIMIT_MS) === 'timed-out') {
      throw new XlsxError('bad-workbook', dataWords('xlsx.tooSlow', { minutes: SYNC_READ_LIMIT_MS / 60000 }));
    }
    const reply = receiveMessageOnPort(port1)?.message as { data?: SheetData; error?: { name: string; message: string } } | undefined;
    if (!reply) throw new XlsxError('bad-workbook', dataWords('xlsx.noAnswer'));
    if (reply.error) {
      const error = Object.assign(new Error(reply.error.message), { name: reply.error.name });
      throw translate(error, sheet);
    }
    return nonEmpty(sheetRecords(reply.data!), sheet);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** Longest the synchronous reader waits (a worker that died without answering must not hang the trainer). */
const SYNC_READ_LIMIT_MS = 10 * 60 * 1000;

// Every path ends in done(): a failure to load the library is reported, not left to hang the caller.
const SYNC_READER = `
const { workerData } = require('node:worker_threads');
const signal = new Int32Array(workerData.signal);
const done = (message) => { workerData.port.postMessage(message); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
const failed = (error) => done({ error: { name: error && error.name, message: String(error && error.message) } });
try {
  require(workerData.lib).readSheet(workerData.path, workerData.sheet, { trim: false }).then((data) => done({ data }), failed);
} catch (error) {
  failed(error);
}
`;

function checkKind(path: string): void {
  if (spreadsheetKind(path) === 'xls') {
    throw new XlsxError('old-xls', dataWords('xlsx.oldXls'));
  }
}

function nonEmpty(records: string[][], sheet: string): string[][] {
  if (records.length === 0 || records.every((r) => r.every((v) => v.trim() === ''))) {
    throw new XlsxError('empty-sheet', dataWords('xlsx.emptySheet', { sheet }));
  }
  return records;
}

function noSheet(sheet: string, sheets: string[]): XlsxError {
  return new XlsxError('no-sheet', dataWords('xlsx.noSheet', { sheet, sheets: sheets.map((s) => `'${s}'`).join(', ') }));
}

function translate(error: unknown, sheet?: string): Error {
  if (error instanceof XlsxError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (error instanceof SheetNotFoundError || name === 'SheetNotFoundError') {
    return new XlsxError('no-sheet', dataWords('xlsx.noSheetInspect', { sheet: sheet ?? '' }));
  }
  // Everything else the reader throws (InvalidSpreadsheetError, InvalidInputError, a broken ZIP) is about the file.
  const detail = error instanceof Error ? error.message : String(error);
  return new XlsxError('bad-workbook', dataWords('xlsx.badWorkbook', { detail }));
}
