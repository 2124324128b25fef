import { extname } from 'node:path';
import { CsvError, type CsvDelimiter, type CsvPreview, type PreviewOptions } from '../../shared/data/csv';
import { previewFile } from '../data/import-job';
import type { DecimalMark, TextEncodingName, ThousandsSeparator } from './options';

/**
 * What the command line looks at before an import: main's own preview (`previewFile`, the
 * function the import worker runs for the dialog), so `neurite inspect`, `neurite train --csv`
 * and the dialog decide the same.
 */

/**
 * Fields issue 12 adds to the preview (shared design, slice B1). Declared here as optional so the
 * command line compiles before and after they land; once CsvPreview has them, this intersection
 * is the same type (and a mismatch with B1's shapes fails to compile, loudly).
 */
export interface PreviewV4 {
  text?: { encoding: TextEncodingName; skipLines: number };
  numberFormat?: { decimal: DecimalMark; thousands: ThousandsSeparator };
  decisions?: CsvDecisionLike[];
  labelGuess?: { column: string; reason: 'name' | 'last-column'; confirmed: false } | null;
}

/** A detection decision as the shared design defines `CsvDecision` (B1). */
export interface CsvDecisionLike {
  kind: string;
  column?: string;
  message: string;
  params?: Record<string, string | number>;
}

export type DataPreview = CsvPreview & PreviewV4 & { size: number };

/** The overrides a user can give on the command line; each replaces one detection. */
export interface DataOverrides {
  delimiter?: CsvDelimiter;
  header?: boolean;
  encoding?: TextEncodingName;
  decimal?: DecimalMark;
  thousands?: ThousandsSeparator;
}

/** Preview options of issue 12 (B1 adds them to PreviewOptions), optional here for the same reason as PreviewV4. */
interface PreviewOptionsV4 {
  encoding?: TextEncodingName;
  numberFormat?: { decimal: DecimalMark; thousands: ThousandsSeparator };
}

/** A file the command line cannot read as data, said plainly (exit code: usage). */
export class DataFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { line?: number; column?: string } = {},
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** Text defaults of the project format (issue 12 design): what a preview without `text` read. */
export const DEFAULT_TEXT = { encoding: 'utf-8', skipLines: 0 } as const;
/** Number format defaults (issue 12 design): what a preview without `numberFormat` read (`parseNumberStrict`). */
export const DEFAULT_NUMBER_FORMAT = { decimal: '.', thousands: '' } as const;

/**
 * Previews a data file as the import would see it, applying the user's overrides. Throws
 * DataFileError for a file that cannot be read or holds no rows (the message names the file).
 */
export async function previewDataFile(path: string, overrides: DataOverrides = {}, maxRows = 20): Promise<DataPreview> {
  // Seam for workbooks (issue 12, slice E): an .xlsx file is previewed through the same records
  // pipeline; until that lands it is refused by name, not read as garbled text.
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xls') {
    throw new DataFileError('unsupported-file', `${path} is an Excel workbook; this version reads CSV and TSV text files. In Excel: File → Save As → "CSV UTF-8 (comma delimited)", then inspect that file.`);
  }
  const options: PreviewOptions & PreviewOptionsV4 = {
    maxRows,
    ...(overrides.delimiter !== undefined ? { delimiter: overrides.delimiter } : {}),
    ...(overrides.header !== undefined ? { header: overrides.header } : {}),
    ...(overrides.encoding !== undefined ? { encoding: overrides.encoding } : {}),
    ...(overrides.decimal !== undefined || overrides.thousands !== undefined
      ? { numberFormat: { decimal: overrides.decimal ?? DEFAULT_NUMBER_FORMAT.decimal, thousands: overrides.thousands ?? DEFAULT_NUMBER_FORMAT.thousands } }
      : {}),
  };
  let preview: DataPreview;
  try {
    preview = await previewFile(path, options);
  } catch (error) {
    throw asDataFileError(path, error);
  }
  checkOverridesApplied(preview, overrides);
  return preview;
}

/**
 * An override the preview did not apply (this build's detection has no such setting) is an
 * error, never silently ignored: the user would believe numbers were read a way they were not.
 */
function checkOverridesApplied(preview: DataPreview, overrides: DataOverrides): void {
  const unsupported = (flag: string) =>
    new DataFileError('unsupported-option', `${flag} is not supported by this version's CSV detection: it cannot read the file that way yet. Re-save the file as UTF-8 with '.' as the decimal mark and no thousands separators.`);
  if (overrides.encoding !== undefined && preview.text?.encoding !== overrides.encoding) throw unsupported(`--encoding ${overrides.encoding}`);
  if (overrides.decimal !== undefined && preview.numberFormat?.decimal !== overrides.decimal) throw unsupported(`--decimal ${overrides.decimal}`);
  if (overrides.thousands !== undefined && preview.numberFormat?.thousands !== overrides.thousands) throw unsupported(`--thousands '${overrides.thousands}'`);
}

function asDataFileError(path: string, error: unknown): DataFileError {
  const e = error as { code?: unknown; message?: unknown; line?: number; column?: string };
  if (e.code === 'ENOENT') return new DataFileError('not-found', `Cannot read ${path}: there is no such file.`);
  if (e.code === 'EISDIR') return new DataFileError('not-a-file', `Cannot read ${path}: it is a folder, not a file.`);
  if (e.code === 'EACCES' || e.code === 'EPERM') return new DataFileError('no-access', `Cannot read ${path}: permission denied.`);
  if (error instanceof CsvError) {
    return new DataFileError(error.code, `${path}: ${error.message}`, { line: error.line, column: error.column });
  }
  return new DataFileError(typeof e.code === 'string' ? e.code : 'unreadable', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
}
