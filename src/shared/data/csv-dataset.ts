import { csvWords } from './csv-messages';
import { csvDataInfo, CsvError, type CsvDatasetLike, type CsvParsed } from './csv';
import { applyAfterEncode, csvPreprocessing, preprocessRows } from './preprocess';
import type { Dataset } from './types';

/**
 * A CSV dataset for training and validation: the parsed (encoded, not normalised) rows put
 * through the rest of the project's preprocessing pipeline, labels encoded for the loss.
 * `parsed.x` is left untouched, so a cached parse can serve any later setting.
 */
export function csvToDataset(parsed: Pick<CsvParsed, 'rows' | 'x' | 'labels' | 'labelColumns'>, spec: CsvDatasetLike): Dataset {
  const info = csvDataInfo(spec);
  const { rows } = parsed;
  const numFeatures = info.numFeatures;
  if (parsed.x.length !== rows * numFeatures) {
    throw new CsvError(
      'columns-changed',
      csvWords('csv.columnsChanged', { got: parsed.x.length / Math.max(1, rows), expected: numFeatures }),
    );
  }
  const x = spec.normalize ? applyAfterEncode(csvPreprocessing(spec), parsed.x, rows) : parsed.x;
  let y: Float32Array;
  if (info.task === 'classification' && info.labelEncoding === 'onehot') {
    const classes = info.numClasses!;
    y = new Float32Array(rows * classes);
    for (let r = 0; r < rows; r++) y[r * classes + parsed.labels[r * parsed.labelColumns]] = 1;
  } else {
    y = parsed.labels;
  }
  const { rows: _rows, ...dataInfo } = info;
  void _rows;
  return { ...dataInfo, rows, x, y };
}

/** What prediction does to feature rows the user typed: the project's preprocessing pipeline. */
export function transformInputRows(rows: number[][], spec: CsvDatasetLike): number[][] {
  return preprocessRows(csvPreprocessing(spec), rows);
}
