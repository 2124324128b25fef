import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvEncoder,
  CsvError,
  compareCategories,
  csvDataInfo,
  csvToDataset,
  detectDelimiter,
  detectHeader,
  parseCsvText,
  parseNumberStrict,
  previewCsv,
  transformInputRows,
  type CsvDatasetLike,
  type CsvParseConfig,
} from './csv';
import Papa from 'papaparse';

const FIXTURES = join(__dirname, '../../../test/fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function configFromPreview(text: string, overrides: Partial<CsvParseConfig> = {}): CsvParseConfig {
  const head = text.split('\n').slice(0, 21).join('\n');
  const preview = previewCsv(head, { complete: false });
  return {
    delimiter: preview.delimiter,
    header: preview.header,
    columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })),
    ...overrides,
  };
}

function spec(text: string, config: CsvParseConfig, extra: Partial<CsvDatasetLike> = {}): CsvDatasetLike {
  const parsed = parseCsvText(text, config);
  return {
    ...config,
    normalize: false,
    labelEncoding: parsed.transform.classNames ? 'onehot' : 'value',
    transform: parsed.transform,
    rows: parsed.rows,
    ...extra,
  };
}

describe('bad CSV files (test/fixtures/csv/expected.json)', () => {
  const expected = JSON.parse(fixture('expected.json')) as Record<string, { code: string; line?: number; column?: string; message: string } | string>;
  for (const [file, want] of Object.entries(expected)) {
    if (file.startsWith('$') || typeof want === 'string') continue;
    it(`${file}: ${want.code}`, () => {
      const text = fixture(file);
      let error: unknown;
      try {
        parseCsvText(text, configFromPreview(text));
      } catch (e) {
        error = e;
      }
      expect(error, `${file} must fail`).toBeInstanceOf(CsvError);
      const csvError = error as CsvError;
      expect(csvError.code).toBe(want.code);
      expect(csvError.message).toContain(want.message);
      if (want.line !== undefined) expect(csvError.line).toBe(want.line);
      if (want.column !== undefined) expect(csvError.column).toBe(want.column);
      // Every message says what to do, not only what is wrong.
      expect(csvError.message).toMatch(/choose|check|fix|fill|set|add|turn on|close|open/i);
    });
  }

  it('the preview already lists ragged rows and a missing numeric column, without throwing', () => {
    const ragged = previewCsv(fixture('ragged.csv'));
    expect(ragged.issues[0]).toMatchObject({ code: 'ragged-row', line: 17 });
    const text = previewCsv(fixture('no-numeric.csv'));
    expect(text.issues.map((i) => i.code)).toContain('no-numeric-column');
  });

  it('streaming the same file in small chunks reports the same line', () => {
    const text = fixture('text-in-numeric.csv');
    const config = configFromPreview(text);
    const records = Papa.parse<string[]>(text, { delimiter: ',' }).data;
    const encoder = new CsvEncoder(config);
    expect(() => {
      for (let i = 0; i < records.length; i += 7) encoder.push(records.slice(i, i + 7));
    }).toThrow(/Line 52, column 'age'/);
  });
});

describe('detection', () => {
  it.each([
    ['semicolon.csv', ';'],
    ['tab.tsv', '\t'],
    ['pipe.csv', '|'],
    ['iris-like.csv', ','],
  ])('%s is split on %j', (file, delimiter) => {
    expect(detectDelimiter(fixture(file))).toBe(delimiter);
    const preview = previewCsv(fixture(file));
    expect(preview.delimiter).toBe(delimiter);
    expect(preview.header).toBe(true);
    expect(preview.columns.map((c) => c.name)).toEqual(file === 'iris-like.csv' ? ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'] : ['x', 'y', 'label']);
  });

  it('tells a header from a data row', () => {
    expect(detectHeader([['a', 'b'], ['1', '2']])).toBe(true);
    expect(detectHeader([['1', '2'], ['3', '4']])).toBe(false);
    expect(detectHeader([['name', 'colour'], ['ann', 'red'], ['bob', 'blue']])).toBe(true);
    expect(detectHeader([['red', 'x'], ['red', 'y']])).toBe(false);
    const preview = previewCsv(fixture('no-header.csv'));
    expect(preview.header).toBe(false);
    expect(preview.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(preview.sampledRows).toBe(20);
  });

  it('types columns and suggests roles: the last usable column is the label, identifiers are ignored', () => {
    const preview = previewCsv(fixture('iris-like.csv'));
    expect(preview.columns.map((c) => [c.type, c.role])).toEqual([
      ['numeric', 'feature'],
      ['numeric', 'feature'],
      ['numeric', 'feature'],
      ['numeric', 'feature'],
      ['categorical', 'label'],
    ]);
    expect(preview.columns[4].stats.distinct).toBe(3);
    expect(preview.columns[0].stats.min).toBeGreaterThan(3);
    expect(preview.rows).toHaveLength(20);
    const people = previewCsv(fixture('text-in-numeric.csv').split('\n').slice(0, 40).join('\n'), { complete: false });
    expect(people.columns[0]).toMatchObject({ name: 'name', type: 'categorical', role: 'ignored' });
  });

  it('parses numbers strictly', () => {
    expect(parseNumberStrict(' 1.5e3 ')).toBe(1500);
    expect(parseNumberStrict('-0.25')).toBe(-0.25);
    for (const bad of ['', ' ', 'abc', '0x10', 'NaN', 'Infinity', '1,5']) expect(parseNumberStrict(bad)).toBeNull();
  });

  it('orders categories numerically when they are numbers, else by code unit', () => {
    expect(['10', '2', '1'].sort(compareCategories)).toEqual(['1', '2', '10']);
    expect(['b', 'B', 'a'].sort(compareCategories)).toEqual(['B', 'a', 'b']);
  });
});

describe('encoding and transforms', () => {
  const iris = fixture('iris-like.csv');

  it('turns a categorical label into sorted classes with their names, one-hot or index', () => {
    const config = configFromPreview(iris);
    const parsed = parseCsvText(iris, config);
    expect(parsed.rows).toBe(150);
    expect(parsed.transform.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(parsed.classCounts).toEqual([50, 50, 50]);
    const s = spec(iris, config);
    const onehot = csvToDataset(parsed, s);
    expect(onehot).toMatchObject({ numFeatures: 4, task: 'classification', labelEncoding: 'onehot', labelWidth: 3, numClasses: 3 });
    const firstClass = iris.split('\n')[1].split(',')[4];
    const index = ['setosa', 'versicolor', 'virginica'].indexOf(firstClass);
    expect(Array.from(onehot.y.subarray(0, 3))).toEqual([0, 1, 2].map((i) => (i === index ? 1 : 0)));
    const sparse = csvToDataset(parsed, { ...s, labelEncoding: 'index' });
    expect(sparse.labelWidth).toBe(1);
    expect(sparse.y[0]).toBe(index);
    expect(csvDataInfo({ ...s, labelEncoding: 'index' })).toMatchObject({ labelEncoding: 'index', labelWidth: 1, numClasses: 3, rows: 150 });
  });

  it('z-scores features with stored means and stds, and prediction applies the same transform', () => {
    const config = configFromPreview(iris);
    const s = spec(iris, config, { normalize: true });
    const data = csvToDataset(parseCsvText(iris, config), s);
    for (let f = 0; f < 4; f++) {
      let sum = 0;
      let squares = 0;
      for (let r = 0; r < data.rows; r++) {
        const v = data.x[r * 4 + f];
        sum += v;
        squares += v * v;
      }
      expect(sum / data.rows).toBeCloseTo(0, 4);
      expect(squares / data.rows).toBeCloseTo(1, 3);
    }
    const raw = iris.split('\n')[1].split(',').slice(0, 4).map(Number);
    const typed = transformInputRows([raw], s)[0];
    typed.forEach((v, f) => expect(v).toBeCloseTo(data.x[f], 5));
    expect(transformInputRows([raw], { ...s, normalize: false })[0]).toEqual(raw.map(Math.fround)); // the model sees float32
  });

  it('one-hot encodes categorical features on request, leaving those columns unscaled', () => {
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
    const parsed = parseCsvText(text, config);
    expect(parsed.transform.featureNames).toEqual(['colour=blue', 'colour=green', 'colour=red', 'size']);
    expect(parsed.transform.categories).toEqual({ colour: ['blue', 'green', 'red'] });
    expect(parsed.transform.means.slice(0, 3)).toEqual([0, 0, 0]);
    expect(parsed.transform.stds.slice(0, 3)).toEqual([1, 1, 1]);
    expect(Array.from(parsed.x.subarray(0, 8))).toEqual([0, 0, 1, 1, 1, 0, 0, 2]);
    const data = csvToDataset(parsed, { ...config, normalize: true, labelEncoding: 'value', transform: parsed.transform, rows: parsed.rows });
    expect(data).toMatchObject({ task: 'regression', labelEncoding: 'value', labelWidth: 1, numFeatures: 4 });
    expect(Array.from(data.y)).toEqual([10, 20, 30, 40]);
    expect(data.x[2]).toBe(1);
    // Without one-hot a categorical feature is its category index.
    const indexed = parseCsvText(text, { ...config, columns: config.columns.map((c) => (c.type === 'categorical' ? { ...c, encoding: 'index' as const } : c)) });
    expect(indexed.transform.featureNames).toEqual(['colour', 'size']);
    expect(Array.from(indexed.x.subarray(0, 4))).toEqual([2, 1, 0, 2]);
  });

  it('ignores ignored columns, skips blank lines but keeps counting them, strips a BOM and handles quotes', () => {
    const text = '\uFEFFid,"note",x,y\n1,"a, quoted",1,2\n\n2,"two\nlines",3,4\n3,plain,5,z\n';
    const config: CsvParseConfig = {
      delimiter: ',',
      header: true,
      columns: [
        { name: 'id', type: 'numeric', role: 'ignored' },
        { name: 'note', type: 'categorical', role: 'ignored' },
        { name: 'x', type: 'numeric', role: 'feature' },
        { name: 'y', type: 'numeric', role: 'label' },
      ],
    };
    // Line 6: the quoted value on line 4 spans two lines.
    expect(() => parseCsvText(text, config)).toThrow("Line 6, column 'y': expected a number, got 'z'");
    const parsed = parseCsvText(text.replace(',z', ',6'), config);
    expect(parsed.rows).toBe(3);
    expect(Array.from(parsed.x)).toEqual([1, 3, 5]);
  });

  it('refuses configurations that cannot train, saying which column to change', () => {
    const columns = [
      { name: 'a', type: 'numeric' as const, role: 'feature' as const },
      { name: 'b', type: 'numeric' as const, role: 'feature' as const },
    ];
    expect(() => new CsvEncoder({ delimiter: ',', header: true, columns })).toThrow(/No column is the label/);
    expect(
      () => new CsvEncoder({ delimiter: ',', header: true, columns: columns.map((c) => ({ ...c, role: 'label' as const })) }),
    ).toThrow(/No column is a feature/);
  });
});
