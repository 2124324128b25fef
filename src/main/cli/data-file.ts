import { CsvError, type CsvDelimiter, type CsvPreview, type PreviewOptions } from '../../shared/data/csv';
import { previewFile } from '../data/import-job';
import { previewWorkbook, spreadsheetKind, XlsxError } from '../data/xlsx';
import type { DecimalMark, TextEncodingName, ThousandsSeparator } from './options';
import type { MessageParams } from '../../shared/graph/problem-text';
import { messageText } from '../../shared/i18n/problem-text';
import { translator, type Translate } from '../../shared/i18n/translate';

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

/** `sheets` and `sheet`: an Excel workbook's sheets and the one read (absent for a text file). */
export type DataPreview = CsvPreview & PreviewV4 & { size: number; sheets?: string[]; sheet?: string };

/** The overrides a user can give on the command line; each replaces one detection. */
export interface DataOverrides {
  delimiter?: CsvDelimiter;
  header?: boolean;
  encoding?: TextEncodingName;
  decimal?: DecimalMark;
  thousands?: ThousandsSeparator;
  /** An Excel workbook's sheet (default: the first with data rows). */
  sheet?: string;
}

/** Preview options of issue 12 (B1 adds them to PreviewOptions), optional here for the same reason as PreviewV4. */
interface PreviewOptionsV4 {
  encoding?: TextEncodingName;
  numberFormat?: { decimal: DecimalMark; thousands: ThousandsSeparator };
}

/**
 * A file the command line cannot read as data, said plainly (exit code: usage). `message` is
 * English (--json); `words`, when the reader's error carried a message id, let people read it in
 * the CLI's language (`messageText`).
 */
export class DataFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { line?: number; column?: string } = {},
    readonly words?: { messageId: string; params: MessageParams },
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** A DataFileError for people, in the language of `t` (its English `message` when the reader gave no words). */
export function dataFileText(error: DataFileError, t: Translate): string {
  return error.words ? messageText({ message: error.message, ...error.words }, t) : error.message;
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
  let preview: DataPreview;
  try {
    // A workbook (.xlsx, told by its bytes, not its name) goes through the same records pipeline
    // as the dialog's (xlsx.ts previewWorkbook); an old .xls is refused with how to re-save it.
    if (spreadsheetKind(path) !== 'text') {
      checkWorkbookOverrides(overrides);
      preview = await previewWorkbook(path, { maxRows, ...(overrides.header !== undefined ? { header: overrides.header } : {}) }, overrides.sheet);
      return preview;
    }
    if (overrides.sheet !== undefined) {
      throw new DataFileError('not-a-workbook', `--sheet ${JSON.stringify(overrides.sheet)}: ${path} is a text file, not an Excel workbook (.xlsx); only workbooks have sheets. Leave out --sheet.`);
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
    preview = await previewFile(path, options);
  } catch (error) {
    throw asDataFileError(path, error);
  }
  checkOverridesApplied(preview, overrides);
  return preview;
}

/** Options about bytes and text do not apply to a workbook, whose cells already hold numbers and text: named, never ignored. */
function checkWorkbookOverrides(overrides: DataOverrides): void {
  const given = (['delimiter', 'encoding', 'decimal', 'thousands'] as const).find((k) => overrides[k] !== undefined);
  if (given) {
    throw new DataFileError('not-for-workbook', `--${given} does not apply to an Excel workbook: its cells hold numbers and text, not delimited bytes. Leave out --${given} (--sheet chooses the sheet, --header/--no-header the first row's role).`);
  }
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
  if (error instanceof DataFileError) return error;
  // The reader's own words nested in `csv.inFile` ("{file}: {message}"), as the app words them.
  const inFile = (inner: { messageId?: string; params?: MessageParams }) => (inner.messageId ? { messageId: 'csv.inFile', params: { ...inner.params, file: path, messageId: inner.messageId } } : undefined);
  if (error instanceof XlsxError) return new DataFileError(error.code, `${path}: ${error.message}`, {}, inFile(error));
  if (error instanceof CsvError) {
    // A message that names the file itself ("{file} is not a text CSV file") gets the path there, not again in front.
    if (error.messageId && error.params && 'file' in error.params) {
      const words = { messageId: error.messageId, params: { ...error.params, file: path } };
      return new DataFileError(error.code, messageText({ message: error.message, ...words }, translator('en')), { line: error.line, column: error.column }, words);
    }
    return new DataFileError(error.code, `${path}: ${error.message}`, { line: error.line, column: error.column }, inFile(error));
  }
  return new DataFileError(typeof e.code === 'string' ? e.code : 'unreadable', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
}
