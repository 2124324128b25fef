import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvText, type CsvParseConfig } from './csv';
import { csvToDataset } from './csv-dataset';
import { csvPreprocessing, inputFields, PreprocessError, preprocessRows, rawRowFromEncoded } from './preprocess';
import { parseNumber } from './numbers';

/**
 * Issue 12 (B2): missing values as pipeline steps. Every expected number below is worked out by
 * hand in the comment next to it; float32 where the model sees float32.
 */

type Col = CsvParseConfig['columns'][number];
const cfg = (columns: Col[], extra: Partial<CsvParseConfig> = {}): CsvParseConfig => ({ delimiter: ',', header: true, columns, ...extra });
const num = (name: string, more: Partial<Col> = {}): Col => ({ name, type: 'numeric', role: 'feature', ...more });
const cat = (name: string, more: Partial<Col> = {}): Col => ({ name, type: 'categorical', role: 'feature', ...more });
const label: Col = { name: 'y', type: 'numeric', role: 'label' };
const f32 = (v: number) => Math.fround(v);
const column = (x: Float32Array, width: number, f: number) => Array.from(x).filter((_, i) => i % width === f);
const specOf = (text: string, config: CsvParseConfig, normalize = false) => {
  const parsed = parseCsvText(text, config);
  return { parsed, spec: { ...config, normalize, labelEncoding: 'value' as const, transform: parsed.transform, rows: parsed.rows } };
};

describe('missing values: what the import does per strategy', () => {
  const text = 'x,y\n1,10\n,20\n3,30\nNA,40\n6,50\n';

  it("'error' (the default for numbers) stops on the first missing value, naming line and column and the choices", () => {
    const run = () => parseCsvText(text, cfg([num('x'), label]));
    expect(run).toThrow(CsvError);
    expect(run).toThrow(/^Line 3, column 'x': the value is missing\. Choose what to do with missing values in this column/);
    expect(() => parseCsvText(text, cfg([num('x', { missing: 'error' }), label]))).toThrow(/^Line 3, column 'x'/);
  });

  it("'mean': the mean of the present values, 10/3; the z-score's mean and std include the filled rows", () => {
    const { parsed } = specOf(text, cfg([num('x', { missing: 'mean' }), label]));
    // Present: 1, 3, 6 → mean 10/3.
    expect(parsed.transform.fills).toEqual({ x: 10 / 3 });
    expect(Array.from(parsed.x)).toEqual([1, f32(10 / 3), 3, f32(10 / 3), 6]);
    // Filled column 1, 10/3, 3, 10/3, 6: mean stays 10/3; squared deviations 49/9, 0, 1/9, 0, 64/9 → var 114/45, std 1.5916.
    expect(parsed.transform.means[0]).toBeCloseTo(10 / 3, 5);
    expect(parsed.transform.stds[0]).toBeCloseTo(Math.sqrt(114 / 45), 5);
    expect(parsed.droppedRows).toBe(0);
  });

  it("'median': the middle present value, exact; the mean of the two middle ones for an even count", () => {
    // Present 1, 3, 6 → 3.
    expect(specOf(text, cfg([num('x', { missing: 'median' }), label])).parsed.transform.fills).toEqual({ x: 3 });
    // Present 9, 1, 6, 3 → sorted 1, 3, 6, 9 → (3 + 6) / 2 = 4.5.
    const even = 'x,y\n9,1\n?,2\n1,3\n6,4\n3,5\n';
    const { parsed } = specOf(even, cfg([num('x', { missing: 'median' }), label]));
    expect(parsed.transform.fills).toEqual({ x: 4.5 });
    expect(Array.from(parsed.x)).toEqual([9, 4.5, 1, 6, 3]);
  });

  it("'most-frequent': the most frequent value, the smallest one on ties (scikit-learn's rule)", () => {
    // 5 and 2 appear twice each, 9 once → 2.
    const numbers = 'x,y\n5,1\n2,2\n,3\n5,4\n9,5\n2,6\n';
    expect(specOf(numbers, cfg([num('x', { missing: 'most-frequent' }), label])).parsed.transform.fills).toEqual({ x: 2 });
    // Categories: b ×2, a ×2 → 'a' (first in category order); one-hot a, b, c.
    const categories = 'c,x,y\nb,1,1\na,2,2\n,3,3\na,4,4\nb,5,5\nc,6,6\n';
    const { parsed } = specOf(categories, cfg([cat('c', { missing: 'most-frequent' }), num('x'), label]));
    expect(parsed.transform.fills).toEqual({ c: 'a' });
    expect(parsed.transform.featureNames).toEqual(['c=a', 'c=b', 'c=c', 'x']);
    // Row 3 (missing) is coded as 'a': 1, 0, 0.
    expect(Array.from(parsed.x.subarray(8, 12))).toEqual([1, 0, 0, 3]);
  });

  it("'drop': rows missing the value are left out and counted; fills are learned from the rows kept", () => {
    const both = 'x,z,y\n1,,10\n,4,20\n3,8,30\nNA,2,40\n6,5,50\n';
    const { parsed } = specOf(both, cfg([num('x', { missing: 'drop' }), num('z', { missing: 'mean' }), label]));
    // Rows 2 and 4 are dropped (x missing); kept z: 8, 5 (row 1's z missing) → mean 6.5.
    expect(parsed.droppedRows).toBe(2);
    expect(parsed.rows).toBe(3);
    expect(parsed.transform.fills).toEqual({ z: 6.5 });
    expect(Array.from(parsed.x)).toEqual([1, 6.5, 3, 8, 6, 5]);
    expect(Array.from(parsed.labels)).toEqual([10, 30, 50]);
    // A label column can drop its rows too.
    const labels = specOf('x,y\n1,10\n2,\n3,30\n', cfg([num('x'), { ...label, missing: 'drop' }])).parsed;
    expect([labels.rows, labels.droppedRows, Array.from(labels.labels)]).toEqual([2, 1, [10, 30]]);
  });

  it('says so when every row was dropped, naming the column and the count', () => {
    expect(() => parseCsvText('x,y\n,1\nNA,2\n', cfg([num('x', { missing: 'drop' }), label]))).toThrow(
      "All 2 data rows were dropped because a value was missing in a column set to \"drop the rows\": 'x' (2).",
    );
  });

  it('the indicator adds "<column> (missing)" right after the column: 1 where the value was missing, unscaled', () => {
    const { parsed, spec } = specOf(text, cfg([num('x', { missing: 'median', missingIndicator: true }), label]), true);
    expect(parsed.transform.featureNames).toEqual(['x', 'x (missing)']);
    expect(column(parsed.x, 2, 1)).toEqual([0, 1, 0, 1, 0]);
    expect(parsed.transform.means[1]).toBe(0);
    expect(parsed.transform.stds[1]).toBe(1);
    // Normalised training rows: the flag stays 0/1.
    expect(column(csvToDataset(parsed, spec).x, 2, 1)).toEqual([0, 1, 0, 1, 0]);
  });

  it('refuses strategies that make no sense, naming the column', () => {
    expect(() => parseCsvText(text, cfg([num('x'), { ...label, missing: 'mean' }]))).toThrow(/Column 'y' is the label: a missing label cannot be filled in/);
    expect(() => parseCsvText('c,x,y\na,1,1\n', cfg([cat('c', { missing: 'median' }), num('x'), label]))).toThrow(/Column 'c' holds categories: it has no median/);
    expect(() => parseCsvText('x,y\n,1\nNA,2\n', cfg([num('x', { missing: 'mean' }), label]))).toThrow(/Column 'x' has no value in any row/);
  });

  it('without a strategy a missing category stays a category of its own (format 3 behaviour); "error" stops', () => {
    const text2 = 'c,x,y\na,1,1\n,2,2\n';
    expect(specOf(text2, cfg([cat('c'), num('x'), label])).parsed.transform.categories).toEqual({ c: ['', 'a'] });
    expect(() => parseCsvText(text2, cfg([cat('c', { missing: 'error' }), num('x'), label]))).toThrow(/^Line 3, column 'c': the value is missing/);
  });
});

describe('missing values at predict time: the same fills, or an error naming row and column', () => {
  const text = 'x,z,w,y\n1,2,1,10\n,4,2,20\n3,,3,30\nNA,6,4,40\n6,8,5,50\n';
  const config = cfg([num('x', { missing: 'mean', missingIndicator: true }), num('z', { missing: 'drop' }), num('w'), label]);

  it('fills a missing value exactly as training did and sets the indicator; training rows equal the pipeline on the raw records', () => {
    const { parsed, spec } = specOf(text, config, true);
    const pipeline = csvPreprocessing(spec);
    expect(pipeline.steps.map((s) => s.kind)).toEqual(['impute', 'encode', 'zscore']);
    expect(pipeline.inputColumns).toEqual(['x', 'z', 'w']);
    // Kept rows (z present): 1, '', NA, 6 → x fill = mean(1, 6) = 3.5.
    expect(parsed.transform.fills).toEqual({ x: 3.5 });
    const records = [['1', '2', '1'], ['', '4', '2'], ['NA', '6', '4'], ['6', '8', '5']];
    expect(preprocessRows(pipeline, records)).toEqual(Array.from({ length: 4 }, (_, r) => Array.from(csvToDataset(parsed, spec).x.subarray(r * 4, r * 4 + 4))));
    const raw = csvPreprocessing({ ...spec, normalize: false });
    expect(preprocessRows(raw, [['', 7, 1]])).toEqual([[3.5, 1, 7, 1]]);
    expect(preprocessRows(raw, [['n/a', 7, 1]])).toEqual([[3.5, 1, 7, 1]]);
  });

  it("refuses a missing value in a 'drop' or 'error' column, naming row and column", () => {
    const pipeline = csvPreprocessing(specOf(text, config).spec);
    expect(() => preprocessRows(pipeline, [[1, 2, 3], [1, '', 3]])).toThrow(PreprocessError);
    expect(() => preprocessRows(pipeline, [[1, 2, 3], [1, '', 3]])).toThrow(
      "Row 2, column 'z': the value is missing; rows missing it were dropped at import, so the model has no value to fill in. Enter a value.",
    );
    expect(() => preprocessRows(pipeline, [[1, 2, '?']])).toThrow(
      "Row 1, column 'w': the value is missing; the import required a value in this column, so the model has no value to fill in. Enter a value.",
    );
  });
});

describe('per-column encoding and number format', () => {
  it('codes each categorical feature as its own encoding says (one-hot by default, or the index)', () => {
    const text = 'a,b,y\nred,s,1\nblue,m,2\nred,l,3\n';
    const { parsed, spec } = specOf(text, cfg([cat('a'), cat('b', { encoding: 'index' }), label]));
    // a: one-hot blue, red; b: index of l, m, s.
    expect(parsed.transform.featureNames).toEqual(['a=blue', 'a=red', 'b']);
    expect(Array.from(parsed.x)).toEqual([0, 1, 2, 1, 0, 1, 0, 1, 0]);
    expect(preprocessRows(csvPreprocessing(spec), [['blue', 'l']])).toEqual([[1, 0, 0]]);
  });

  it('reads numbers in the dataset\'s number format, at import and at predict', () => {
    const text = 'x;y\n5,1;1\n"1.250,5";2\n';
    const config = cfg([num('x'), label], { delimiter: ';', numberFormat: { decimal: ',', thousands: '.' } });
    const { parsed, spec } = specOf(text, config);
    expect(Array.from(parsed.x)).toEqual([f32(5.1), f32(1250.5)]);
    expect(preprocessRows(csvPreprocessing(spec), [['2,5']])).toEqual([[2.5]]);
    expect(parseNumber('245,000', { decimal: '.', thousands: ',' })).toBe(245000);
    expect(parseNumber('24,50', { decimal: '.', thousands: ',' })).toBeNull();
    expect(parseNumber('1.5', { decimal: ',', thousands: '' })).toBeNull();
  });

  it('skips a `sep=;` line and counts it in line numbers', () => {
    const config = cfg([num('x'), label], { delimiter: ';', text: { encoding: 'utf-8', skipLines: 1 } });
    expect(Array.from(parseCsvText('sep=;\nx;y\n1;2\n', config).x)).toEqual([1]);
    expect(() => parseCsvText('sep=;\nx;y\n1;2\nz;3\n', config)).toThrow(/^Line 4, column 'x'/);
  });
});

describe('the predict form: one field per raw input column (trial findings 1-2, P1)', () => {
  // Titanic-like: Age missing (filled with the mean), Sex categorical, Embarked with empty values kept as a category.
  const text = 'Pclass,Sex,Age,Fare,Embarked,y\n3,male,22,7.25,S,0\n1,female,38,71.28,C,1\n3,female,,7.92,S,1\n1,female,35,53.1,,1\n3,male,,8.05,Q,0\n';
  const columns = [num('Pclass'), cat('Sex'), num('Age', { missing: 'mean' }), num('Fare'), cat('Embarked'), label];

  it('gives numbers and categories with the stored fill, and a blank Age is filled with the mean as at import', () => {
    const { spec, parsed } = specOf(text, cfg(columns));
    const pipeline = csvPreprocessing(spec);
    expect(pipeline.featureNames).toEqual(['Pclass', 'Sex=female', 'Sex=male', 'Age', 'Fare', 'Embarked=', 'Embarked=C', 'Embarked=Q', 'Embarked=S']);
    const mean = (22 + 38 + 35) / 3;
    expect(inputFields(pipeline)).toEqual([
      { column: 'Pclass', kind: 'number' },
      { column: 'Sex', kind: 'category', categories: ['female', 'male'] },
      { column: 'Age', kind: 'number', fill: mean },
      { column: 'Fare', kind: 'number' },
      { column: 'Embarked', kind: 'category', categories: ['', 'C', 'Q', 'S'] },
    ]);
    // The panel's row for Pclass=3, Sex=female, Age blank, Fare=10, Embarked=S.
    expect(preprocessRows(pipeline, [[3, 'female', '', 10, 'S']])).toEqual([[3, 1, 0, f32(mean), 10, 0, 0, 0, 1]]);
    // Row 3 of the data (Age missing) decodes to its raw row with Age blank, and encodes back to the same features.
    const features = Array.from(parsed.x.subarray(2 * 9, 3 * 9));
    expect(rawRowFromEncoded(pipeline, features)).toEqual([3, 'female', f32(mean), f32(7.92), 'S']);
    expect(preprocessRows(pipeline, [rawRowFromEncoded(pipeline, features)])[0]).toEqual(features);
  });

  it('decodes a row whose indicator is 1 to a blank, which the impute step fills again', () => {
    const { spec, parsed } = specOf('x,z,y\n1,2,10\n,4,20\n3,6,30\n', cfg([num('x', { missing: 'median', missingIndicator: true }), num('z'), label]));
    const pipeline = csvPreprocessing(spec);
    expect(pipeline.featureNames).toEqual(['x', 'x (missing)', 'z']);
    expect(inputFields(pipeline)).toEqual([{ column: 'x', kind: 'number', fill: 2 }, { column: 'z', kind: 'number' }]);
    const raw = rawRowFromEncoded(pipeline, parsed.x.subarray(3, 6));
    expect(raw).toEqual(['', 4]);
    // Median of 1, 3 = 2; flag 1.
    expect(preprocessRows(pipeline, [raw])).toEqual([[2, 1, 4]]);
  });
});
