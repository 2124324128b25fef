import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsvText, type CsvDatasetLike, type CsvParseConfig } from './csv';
import { csvToDataset } from './csv-dataset';
import { applyPreprocessing, csvPreprocessing, PreprocessError, preprocessingFor, preprocessRows, type Preprocessing } from './preprocess';

const FIXTURES = join(__dirname, '../../../test/fixtures/csv');

const HOUSE: CsvParseConfig = {
  delimiter: ',',
  header: true,
  columns: [
    { name: 'area_m2', type: 'numeric', role: 'feature' },
    { name: 'year_built', type: 'numeric', role: 'feature' },
    { name: 'rooms', type: 'numeric', role: 'feature' },
    { name: 'distance_km', type: 'numeric', role: 'feature' },
    { name: 'price_k', type: 'numeric', role: 'label' },
  ],
};

function specOf(text: string, config: CsvParseConfig, normalize: boolean): CsvDatasetLike {
  const parsed = parseCsvText(text, config);
  return { ...config, normalize, labelEncoding: 'value', transform: parsed.transform, rows: parsed.rows };
}

describe('one preprocessing pipeline', () => {
  it('gives training rows and predict-time rows alike: the z-scored training x equals the pipeline on the raw CSV records', () => {
    const text = readFileSync(join(FIXTURES, 'house-prices.csv'), 'utf8');
    const spec = specOf(text, HOUSE, true);
    const training = csvToDataset(parseCsvText(text, HOUSE), spec);
    const records = Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data.slice(1).map((r) => r.slice(0, 4));
    const pipeline = csvPreprocessing(spec);
    expect(pipeline.steps.map((s) => s.kind)).toEqual(['encode', 'zscore']);
    // Records as text (the CSV path) and as numbers (the predict path) both.
    const fromText = applyPreprocessing(pipeline, records);
    const fromNumbers = applyPreprocessing(pipeline, records.map((r) => r.map(Number)));
    expect(Array.from(fromText)).toEqual(Array.from(training.x));
    expect(Array.from(fromNumbers)).toEqual(Array.from(training.x));
    // Really normalised: the year column is near 0, not near 2000.
    expect(Math.abs(training.x[1])).toBeLessThan(3);
  });

  it('one-hot encodes category names and z-scores in one pass; a row of encoded features gives the same input', () => {
    const text = 'colour,size,price\nred,1,10\nblue,2,20\nred,3,30\ngreen,4,40\n';
    const config: CsvParseConfig = {
      delimiter: ',',
      header: true,
      columns: [
        { name: 'colour', type: 'categorical', role: 'feature' },
        { name: 'size', type: 'numeric', role: 'feature' },
        { name: 'price', type: 'numeric', role: 'label' },
      ],
    };
    const spec = specOf(text, config, true);
    const pipeline = csvPreprocessing(spec);
    expect(pipeline.inputColumns).toEqual(['colour', 'size']);
    expect(pipeline.featureNames).toEqual(spec.transform.featureNames);
    const training = csvToDataset(parseCsvText(text, config), spec);
    expect(preprocessRows(pipeline, [['green', 4]])[0]).toEqual(Array.from(training.x.subarray(12, 16)));
    expect(preprocessRows(pipeline, [[0, 1, 0, 4]])[0]).toEqual(Array.from(training.x.subarray(12, 16)));
  });

  it('refuses a row that does not fit, naming the row, the column, expected and got', () => {
    const text = 'colour,size,price\nred,1,10\nblue,2,20\n';
    const config: CsvParseConfig = {
      delimiter: ',',
      header: true,
      columns: [
        { name: 'colour', type: 'categorical', role: 'feature' },
        { name: 'size', type: 'numeric', role: 'feature' },
        { name: 'price', type: 'numeric', role: 'label' },
      ],
    };
    const pipeline = csvPreprocessing(specOf(text, config, false));
    expect(() => applyPreprocessing(pipeline, [['red', 1], ['purple', 2]])).toThrow("Row 2, column 'colour': unknown category \"purple\"; expected one of \"blue\", \"red\".");
    expect(() => applyPreprocessing(pipeline, [['red', 'big']])).toThrow("Row 1, column 'size': expected a number, got \"big\".");
    expect(() => applyPreprocessing(pipeline, [[1]])).toThrow(PreprocessError);
    expect(() => applyPreprocessing(pipeline, [[1]])).toThrow('Row 1 has 1 value; expected 3 (one per feature: colour=blue, colour=red, size) or 2 (one per column: colour, size).');
  });

  it('quotes the categories of an unknown-category error and names the empty one (trial finding 4, P1)', () => {
    const pipeline: Preprocessing = {
      inputColumns: ['Embarked'],
      featureNames: ['Embarked=', 'Embarked=C', 'Embarked=Q', 'Embarked=S'],
      steps: [{ kind: 'encode', columns: [{ column: 'Embarked', kind: 'onehot', categories: ['', 'C', 'Q', 'S'] }] }],
    };
    expect(() => applyPreprocessing(pipeline, [['X']])).toThrow(`Row 1, column 'Embarked': unknown category "X"; expected one of "" (empty), "C", "Q", "S".`);
  });

  it('leaves generator rows as they are', () => {
    const pipeline = preprocessingFor({ kind: 'generator', generator: 'circles', seed: 1 });
    expect(pipeline.steps).toHaveLength(1);
    expect(preprocessRows(pipeline, [[0.25, -0.5]])).toEqual([[0.25, -0.5]]);
  });
});
