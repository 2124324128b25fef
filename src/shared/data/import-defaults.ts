import type { CallRequest } from '../api/contract';
import type { LossName } from '../project/schema';
import { labelEncodingFor, type CsvColumnConfig, type CsvParseConfig, type CsvPreview } from './csv';
import type { MissingStrategy } from './preprocess';

/**
 * The import settings a preview leads to before the user changes anything: the settings the
 * import dialog opens with and the ones `neurite train --csv` starts from, so both import a file
 * the same way. Typed by the import config (CsvParseConfig) and the data.import request, so a
 * change to what the import takes must be decided here, once.
 */
export type ImportSettings = Omit<CallRequest<'data.import'>, 'uploadId'>;

/**
 * Defaults: detection's delimiter, header, column types and roles; categorical features
 * one-hot (no `encoding` on a column means 'onehot'); no missing-value strategy chosen (the
 * import stops on a missing number, naming line and column, until one is); the detected text
 * encoding and number format; numeric features normalised (z-score); a categorical label
 * as one-hot rows when the project's loss takes them (categorical crossentropy), else as class
 * indices (`labelEncodingFor`).
 */
export function defaultImportSettings(preview: Pick<CsvPreview, 'delimiter' | 'header' | 'columns'> & Partial<Pick<CsvPreview, 'text' | 'numberFormat'>>, loss: LossName | string): ImportSettings {
  const config: CsvParseConfig = {
    delimiter: preview.delimiter,
    header: preview.header,
    columns: preview.columns.map(({ name, type, role }) => ({ name, type, role })),
    ...(preview.text ? { text: preview.text } : {}),
    ...(preview.numberFormat ? { numberFormat: preview.numberFormat } : {}),
  };
  return { ...config, normalize: true, classLabels: labelEncodingFor(true, loss) === 'onehot' ? 'onehot' : 'index' };
}

/** Which missing-value strategies a column can take: a label is never filled in; categories have no mean or median. */
export function missingStrategiesFor(column: Pick<CsvColumnConfig, 'type' | 'role'>): MissingStrategy[] {
  if (column.role === 'label') return ['error', 'drop'];
  return column.type === 'categorical' ? ['error', 'drop', 'most-frequent'] : ['error', 'drop', 'mean', 'median', 'most-frequent'];
}

/** A column after its type or role changed: options it can no longer take are dropped (a label keeps no fill or indicator). */
export function fitColumnOptions(column: CsvColumnConfig): CsvColumnConfig {
  const { missing, missingIndicator, ...rest } = column;
  return {
    ...rest,
    ...(missing !== undefined && missingStrategiesFor(column).includes(missing) ? { missing } : {}),
    ...(missingIndicator && column.role === 'feature' ? { missingIndicator } : {}),
  };
}

