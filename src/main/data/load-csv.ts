import { CsvEncoder, CsvError, parseCsvText } from '../../shared/data/csv';
import { readSheetRecordsSync, XlsxError } from './xlsx';
import { csvToDataset } from '../../shared/data/csv-dataset';
import type { Dataset } from '../../shared/data/types';
import type { CsvDataset } from '../../shared/project/schema';
import { ServiceError } from '../services/errors';
import { readFileSync } from 'node:fs';
import { dataDir, parseKey, sourceNotePath, readParsedCache, readVerifiedFile, storedFilePath, writeParsedCache, type ParsedRows } from './store';

/** Parsed rows kept in this process, so a second run on the same data skips even the disk read. */
const memory = new Map<string, ParsedRows>();
const MEMORY_ENTRIES = 2;

/**
 * The rows of a CSV dataset: from this process's memory, else main's parsed cache, else parsed
 * from the embedded text, main's stored copy, the project's `path` (older projects) or the file
 * this computer imported it from (recorded in the data folder, not the project), each only if
 * its hash matches. Synchronous because it runs in the trainer process, which has nothing else to do.
 */
export function loadCsvDataset(spec: CsvDataset, dir: string = dataDir()): Dataset {
  return csvToDataset(loadParsedRows(spec, dir), spec);
}

export function loadParsedRows(spec: CsvDataset, dir: string = dataDir()): ParsedRows {
  const key = parseKey(spec);
  let rows = memory.get(key) ?? readParsedCache(dir, key);
  if (!rows && spec.sheet !== undefined && spec.embedded === undefined) {
    rows = parseStoredWorkbook(spec, spec.sheet, dir);
    cacheQuietly(dir, key, rows);
  }
  if (!rows) {
    const text = csvTextOf(spec, dir);
    if (text === null) {
      throw new ServiceError(
        'data-missing',
        `The CSV file '${spec.file.name}' is not available on this computer any more (it was imported elsewhere, or the file changed since). Import it again: Dataset → Import data….`,
      );
    }
    try {
      rows = parseCsvText(text, spec);
    } catch (error) {
      if (error instanceof CsvError) throw new ServiceError('bad-data', `${spec.file.name}: ${error.message}`, undefined, inFile(error, { file: spec.file.name }));
      throw error;
    }
    cacheQuietly(dir, key, rows);
  }
  memory.delete(key);
  memory.set(key, rows);
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
  return rows;
}

/**
 * The CSV's text (decoded, as the import read it): embedded in the project, main's stored copy,
 * the project's `path` or the recorded source, each only if its hash matches; null when none is
 * here. An Excel sheet has text only when embedded (a small sheet is embedded as CSV text).
 */
export function csvTextOf(spec: CsvDataset, dir: string = dataDir()): string | null {
  if (spec.embedded !== undefined) return spec.embedded;
  if (spec.sheet !== undefined) return null;
  return readVerifiedFile(storedFilePath(dir, spec.file.sha256), spec.file, spec.text?.encoding) ?? readVerifiedFile(spec.path, spec.file, spec.text?.encoding) ?? readVerifiedFile(recordedSource(dir, spec.file.sha256), spec.file, spec.text?.encoding);
}

/** The path a desktop import of this file came from, as DataService recorded it (sources/<sha256>.path). */
function recordedSource(dir: string, sha256: string): string | undefined {
  try {
    return readFileSync(sourceNotePath(dir, sha256), 'utf8');
  } catch {
    return undefined;
  }
}

function cacheQuietly(dir: string, key: string, rows: ParsedRows): void {
  try {
    writeParsedCache(dir, key, rows);
  } catch {
    // A read-only data folder only costs a re-parse next time.
  }
}

/**
 * Issue 12 (xlsx): the imported sheet of a workbook, read again from main's stored copy (or the
 * recorded source) when its hash still matches, through the same encoder as the import.
 */
function parseStoredWorkbook(spec: CsvDataset, sheet: string, dir: string): ParsedRows {
  const path = [storedFilePath(dir, spec.file.sha256), spec.path, recordedSource(dir, spec.file.sha256)].find((p) => readVerifiedFile(p, spec.file) !== null);
  if (path === undefined) {
    throw new ServiceError(
      'data-missing',
      `The workbook '${spec.file.name}' (sheet '${sheet}') is not available on this computer any more (it was imported elsewhere, or the file changed since). Import it again: Dataset → Import data….`,
    );
  }
  try {
    const encoder = new CsvEncoder(spec);
    encoder.push(readSheetRecordsSync(path, sheet));
    return encoder.finish();
  } catch (error) {
    if (error instanceof CsvError || error instanceof XlsxError) throw new ServiceError('bad-data', `${spec.file.name} (sheet '${sheet}'): ${error.message}`, undefined, inFile(error, { file: spec.file.name, sheet }));
    throw error;
  }
}

/** Issue 16: a CSV error prefixed with the file (and sheet) it is in, as data: `csv.inFile`/`csv.inSheet` with the error's own id nested as `messageId`. */
function inFile(error: { messageId?: string; params?: Record<string, string | number> }, where: { file: string; sheet?: string }): { messageId: string; params: Record<string, string | number> } | undefined {
  if (!error.messageId) return undefined;
  return { messageId: where.sheet === undefined ? 'csv.inFile' : 'csv.inSheet', params: { ...error.params, ...where, messageId: error.messageId } };
}
