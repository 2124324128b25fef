import type { CallRequest } from '../api/contract';
import type { LossName } from '../project/schema';
import { labelEncodingFor, type CsvParseConfig, type CsvPreview } from './csv';

/**
 * The import settings a preview leads to before the user changes anything: the settings the
 * import dialog opens with and the ones `neurite train --csv` starts from, so both import a file
 * the same way. Typed by the import config (CsvParseConfig) and the data.import request, so a
 * change to what the import takes must be decided here, once.
 */
export type ImportSettings = Omit<CallRequest<'data.import'>, 'uploadId'>;

/**
 * Defaults: detection's delimiter, header, column types and roles; categorical features coded
 * by index (`oneHotFeatures: false`); numeric features normalised (z-score); a categorical label
 * as one-hot rows when the project's loss takes them (categorical crossentropy), else as class
 * indices (`labelEncodingFor`).
 */
export function defaultImportSettings(preview: Pick<CsvPreview, 'delimiter' | 'header' | 'columns'>, loss: LossName | string): ImportSettings {
  const config: CsvParseConfig = {
    delimiter: preview.delimiter,
    header: preview.header,
    columns: preview.columns.map(({ name, type, role }) => ({ name, type, role })),
    oneHotFeatures: false,
  };
  return { ...config, normalize: true, classLabels: labelEncodingFor(true, loss) === 'onehot' ? 'onehot' : 'index' };
}
