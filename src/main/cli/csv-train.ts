import { resolve } from 'node:path';
import type { CallRequest } from '../../shared/api/contract';
import type { CsvColumnConfig } from '../../shared/data/csv';
import { defaultImportSettings, missingStrategiesFor } from '../../shared/data/import-defaults';
import type { MissingStrategy } from '../../shared/data/preprocess';
import type { CsvDataset, LossName } from '../../shared/project/schema';
import { DataService } from '../data/service';
import { ServiceError } from '../services/errors';
import { DataFileError, previewDataFile, type DataOverrides, type DataPreview } from './data-file';

/**
 * `neurite train PROJECT --csv DATA --label COLUMN`: the file is imported exactly as the import
 * dialog would with its defaults (main's preview, then `DataService.importCsv`, the worker's
 * `parseCsvFile` and the parsed cache the trainer reads), after the command line's overrides.
 */

/** What the command line changes from the dialog's defaults. */
export interface CsvTrainChoices extends DataOverrides {
  /** Required: the label is only ever a guess until the user names it. */
  label: string;
  ignore: string[];
  categorical: string[];
  numeric: string[];
  normalize?: boolean;
  /** `--missing COLUMN=STRATEGY`: the column's missing-value strategy (absent: 'error', the import stops on a missing value). */
  missing?: { column: string; strategy: MissingStrategy }[];
  /** `--missing-indicator COLUMN`: adds the 0/1 feature "COLUMN (missing)". */
  missingIndicator?: string[];
  /** `--index-encoding COLUMN`: a categorical feature coded by its category's index instead of one-hot. */
  indexEncoding?: string[];
}

/** The columns as imported: detection's types and roles, with the user's label and overrides applied. Throws DataFileError naming an unknown column. */
export function chooseColumns(preview: DataPreview, choices: CsvTrainChoices, file: string): CsvColumnConfig[] {
  const names = preview.columns.map((c) => c.name);
  const known = (flag: string, name: string) => {
    if (!names.includes(name)) {
      throw new DataFileError(
        'unknown-column',
        `${flag} ${JSON.stringify(name)}: ${file} has no such column. Its columns are: ${names.map((n) => JSON.stringify(n)).join(', ')}${preview.header ? '' : ' (no header line was detected, so they are numbered; --header reads the first line as names)'}.`,
        { column: name },
      );
    }
  };
  known('--label', choices.label);
  for (const name of choices.ignore) known('--ignore', name);
  for (const name of choices.categorical) known('--categorical', name);
  for (const name of choices.numeric) known('--numeric', name);
  if (choices.ignore.includes(choices.label)) {
    throw new DataFileError('label-ignored', `--ignore ${JSON.stringify(choices.label)}: that column is the label (--label). Ignore another column, or choose another label.`, { column: choices.label });
  }
  const both = choices.categorical.find((n) => choices.numeric.includes(n));
  if (both !== undefined) {
    throw new DataFileError('conflicting-types', `--categorical and --numeric both name ${JSON.stringify(both)}: give one of them.`, { column: both });
  }
  const missing = choices.missing ?? [];
  const indicator = choices.missingIndicator ?? [];
  const index = choices.indexEncoding ?? [];
  for (const m of missing) known('--missing', m.column);
  for (const name of indicator) known('--missing-indicator', name);
  for (const name of index) known('--index-encoding', name);
  const twice = missing.find((m, i) => missing.findIndex((n) => n.column === m.column) !== i);
  if (twice) throw new DataFileError('conflicting-missing', `--missing names ${JSON.stringify(twice.column)} twice: give one strategy per column.`, { column: twice.column });
  const columns = preview.columns.map(({ name, type, role }): CsvColumnConfig => {
    let nextType = type;
    // The preview proposes categories for class-like numbers only because the column was its label guess.
    if (preview.labelAsClasses?.column === name && name !== choices.label) nextType = 'numeric';
    if (choices.categorical.includes(name)) nextType = 'categorical';
    if (choices.numeric.includes(name)) nextType = 'numeric';
    // An identifier detection ignored stays ignored unless named; naming it in a feature option makes it a feature.
    const named = choices.categorical.includes(name) || choices.numeric.includes(name) || indicator.includes(name) || index.includes(name) || missing.some((m) => m.column === name);
    const nextRole = name === choices.label ? 'label' : choices.ignore.includes(name) ? 'ignored' : role === 'label' || (role === 'ignored' && named) ? 'feature' : role;
    const strategy = missing.find((m) => m.column === name)?.strategy;
    return {
      name,
      type: nextType,
      role: nextRole,
      ...(index.includes(name) ? { encoding: 'index' as const } : {}),
      ...(strategy !== undefined ? { missing: strategy } : {}),
      ...(indicator.includes(name) ? { missingIndicator: true } : {}),
    };
  });
  for (const c of columns) checkColumnOptions(c);
  return columns;
}

/** A per-column option the column cannot take (by its type and role), named with what it can take. */
function checkColumnOptions(c: CsvColumnConfig): void {
  const where = { column: c.name };
  if (c.missing !== undefined && c.role === 'ignored') {
    throw new DataFileError('option-on-ignored', `--missing ${JSON.stringify(`${c.name}=${c.missing}`)}: that column is ignored (--ignore), so its values are not read. Leave out one of the two.`, where);
  }
  if (c.missing !== undefined && !missingStrategiesFor(c).includes(c.missing)) {
    const why = c.role === 'label' ? 'a label cannot be filled in' : 'a categorical column has no mean or median';
    throw new DataFileError('missing-strategy', `--missing ${JSON.stringify(`${c.name}=${c.missing}`)}: ${why}. It can take ${missingStrategiesFor(c).join(', ')}.`, where);
  }
  if (c.missingIndicator && c.role !== 'feature') {
    throw new DataFileError('missing-indicator', `--missing-indicator ${JSON.stringify(c.name)}: that column is the ${c.role === 'label' ? 'label' : 'ignored'}; only a feature gets a "was missing" indicator.`, where);
  }
  if (c.encoding === 'index' && (c.type !== 'categorical' || c.role !== 'feature')) {
    throw new DataFileError(
      'index-encoding',
      `--index-encoding ${JSON.stringify(c.name)}: only a categorical feature is coded by index; that column is ${c.role === 'feature' ? 'numeric (add --categorical to read it as categories)' : `the ${c.role === 'label' ? 'label' : 'ignored'}`}.`,
      where,
    );
  }
}

/**
 * The data.import request for this preview: the dialog's defaults (`defaultImportSettings`),
 * then the user's label, column overrides and normalisation.
 */
export function importRequest(uploadId: string, preview: DataPreview, choices: CsvTrainChoices, loss: LossName, file: string): CallRequest<'data.import'> {
  const defaults = defaultImportSettings(preview, loss);
  return {
    uploadId,
    ...defaults,
    columns: chooseColumns(preview, choices, file),
    normalize: choices.normalize ?? defaults.normalize,
    ...(preview.sheet !== undefined ? { sheet: preview.sheet } : {}),
  };
}

export interface CsvImported {
  dataset: CsvDataset;
  preview: DataPreview;
  classCounts?: number[];
}

/**
 * Previews and imports `file` for training. Throws DataFileError (unreadable file, unknown
 * column, or a row the import refuses, with its line and column).
 */
export async function importCsvForTraining(file: string, choices: CsvTrainChoices, loss: LossName): Promise<CsvImported> {
  const path = resolve(file);
  const preview = await previewDataFile(path, choices);
  // Validates the columns before any import work.
  chooseColumns(preview, choices, file);
  const data = new DataService({ pickCsvFile: async () => path });
  try {
    const picked = await data.openCsv();
    if (!picked.upload) throw new DataFileError('not-found', `Cannot read ${file}.`);
    const result = await data.importCsv(importRequest(picked.upload.uploadId, preview, choices, loss, file));
    return { dataset: result.dataset, preview, ...(result.classCounts ? { classCounts: result.classCounts } : {}) };
  } catch (error) {
    if (error instanceof ServiceError) {
      const where = (error.details?.[0] ?? {}) as { line?: number; column?: string };
      throw new DataFileError(error.code, `${file}: ${error.message}`, { line: where.line, column: where.column });
    }
    throw error;
  } finally {
    await data.dispose();
  }
}
