import { describe, expect, it } from 'vitest';
import { dataHealth, healthTableFromPreview, healthTableFromSample, type HealthColumn, type HealthTable } from './health';
import { parseCsvText, previewCsv } from './csv';
import { checkSplit, profileLabels } from './split';

const N = 40;
/** A deterministic, unsorted pseudo-random sequence in [0, 1). */
const noise = (i: number, salt = 1) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};
const num = (name: string, f: (i: number) => number, role: HealthColumn['role'] = 'feature'): HealthColumn => ({ name, type: 'numeric', role, values: Array.from({ length: N }, (_, i) => f(i)) });
const cat = (name: string, f: (i: number) => string | null, role: HealthColumn['role'] = 'feature'): HealthColumn => ({ name, type: 'categorical', role, values: Array.from({ length: N }, (_, i) => f(i)) });

/** Two informative features on similar scales and a balanced, shuffled two-class label. */
function clean(): HealthColumn[] {
  return [
    num('a', (i) => Math.round(noise(i, 1) * 1000) / 100),
    num('b', (i) => Math.round(noise(i, 2) * 500) / 100),
    cat('colour', (i) => ['red', 'green', 'blue'][Math.floor(noise(i, 3) * 3)]),
    cat('y', (i) => (noise(i, 4) < 0.5 ? 'yes' : 'no'), 'label'),
  ];
}
const table = (columns: HealthColumn[], over: Partial<HealthTable> = {}): HealthTable => ({ columns, normalize: false, totalRows: N, sampled: false, ...over });
const kinds = (t: HealthTable) => dataHealth(t).map((i) => i.kind);

describe('dataHealth', () => {
  it('finds nothing on a clean table', () => {
    expect(dataHealth(table(clean()))).toEqual([]);
  });

  it('class imbalance: counts per class and a stratified split', () => {
    const cols = clean();
    cols[3] = cat('y', (i) => (i % 10 === 3 ? 'rare' : 'common'), 'label');
    const [item] = dataHealth(table(cols)).filter((i) => i.kind === 'class-imbalance');
    expect(item.counts).toEqual([
      { value: 'common', count: 36 },
      { value: 'rare', count: 4 },
    ]);
    expect(item.params).toMatchObject({ column: 'y', ratio: 9, majorityShare: 90 });
    expect(item.fix).toEqual({ kind: 'set-split-mode', mode: 'stratified' });
    expect(item.message).toContain("'rare' only 4");
  });

  it('class imbalance reads the whole file when main profiled it', () => {
    const y = Float32Array.from({ length: 100 }, (_, i) => (i % 20 === 0 ? 1 : 0));
    const profile = profileLabels({ rows: 100, y, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: 2, classNames: ['no', 'yes'] });
    const item = dataHealth(table(clean(), { sampled: true, totalRows: 100, labelProfile: profile })).find((i) => i.kind === 'class-imbalance');
    expect(item?.counts).toEqual([
      { value: 'no', count: 95 },
      { value: 'yes', count: 5 },
    ]);
  });

  it('class counts come from the preview statistics of every row read, not only its text rows', () => {
    // The first 20 text rows are 16:4 (imbalanced), the 60 rows read are 33:27 (not).
    const label: HealthColumn = { ...cat('y', (i) => (i < 20 ? (i % 5 === 0 ? 'yes' : 'no') : i % 2 ? 'yes' : 'no'), 'label'), summary: { rows: 60, missing: 0, distinct: 2, top: [{ value: 'no', count: 33 }, { value: 'yes', count: 27 }] } };
    label.values = label.values.slice(0, 20);
    const cols = clean().map((c) => ({ ...c, values: c.values.slice(0, 20) }));
    cols[3] = label;
    expect(kinds(table(cols, { sampled: true, totalRows: 60 }))).not.toContain('class-imbalance');
    expect(kinds(table(cols.map((c) => ({ ...c, summary: undefined })), { sampled: true, totalRows: 60 }))).toContain('class-imbalance');
  });

  it('constant and near-constant columns, with the fix to ignore them', () => {
    const cols = [...clean(), num('zero', () => 0), cat('flag', () => 'x')];
    const items = dataHealth(table(cols));
    expect(items.filter((i) => i.kind === 'constant-column').map((i) => [i.column, i.fix])).toEqual([
      ['zero', { kind: 'set-role', column: 'zero', role: 'ignored' }],
      ['flag', { kind: 'set-role', column: 'flag', role: 'ignored' }],
    ]);
    // 199 of 200 rows: near-constant; 197 of 200 (98.5%): not.
    const long = (odd: number): HealthColumn => ({ name: 'mostly', type: 'numeric', role: 'feature', values: Array.from({ length: 200 }, (_, i) => (i < odd ? 1 : 0)) });
    const near = dataHealth(table([long(1)])).find((i) => i.kind === 'near-constant-column');
    expect(near?.params).toMatchObject({ column: 'mostly', value: '0', count: 199, rows: 200, share: 99.5 });
    expect(dataHealth(table([long(3)])).map((i) => i.kind)).not.toContain('near-constant-column');
  });

  it('near-constant from the preview counts of more rows than the text sample', () => {
    const col: HealthColumn = { ...cat('country', () => 'US'), summary: { rows: 1000, missing: 0, distinct: 2, top: [{ value: 'US', count: 995 }, { value: 'CA', count: 5 }] } };
    const item = dataHealth(table([...clean(), col])).find((i) => i.column === 'country');
    expect(item?.kind).toBe('near-constant-column');
    expect(item?.params).toMatchObject({ count: 995, rows: 1000 });
  });

  it('duplicate rows: exact copies of the used columns, ignored columns not compared', () => {
    const cols = clean().map((c) => ({ ...c, values: c.values.map((v, i) => (i >= 36 ? c.values[i - 36] : v)) }));
    cols.push(num('id', (i) => i, 'ignored'));
    const item = dataHealth(table(cols)).find((i) => i.kind === 'duplicate-rows');
    expect(item?.params).toMatchObject({ count: 4, rows: 40, share: 10 });
    expect(item?.fix).toBeUndefined();
  });

  it('scale spread when normalisation is off, and not when it is on', () => {
    const cols = clean();
    cols[1] = num('income', (i) => Math.round(noise(i, 5) * 100_000));
    const item = dataHealth(table(cols)).find((i) => i.kind === 'scale-spread');
    expect(item?.params).toMatchObject({ widest: 'income', narrowest: 'a' });
    expect(Number(item?.params.ratio)).toBeGreaterThan(1000);
    expect(item?.fix).toEqual({ kind: 'set-normalize', value: true });
    expect(kinds(table(cols, { normalize: true }))).not.toContain('scale-spread');
  });

  it('label leak: a categorical copy under another name (one-to-one mapping)', () => {
    const cols = clean();
    cols.push(cat('outcome_code', (i) => (cols[3].values[i] === 'yes' ? 'Y' : 'N')));
    const item = dataHealth(table(cols)).find((i) => i.kind === 'label-leak');
    expect(item).toMatchObject({ column: 'outcome_code', params: { label: 'y', measure: 'mapping', share: 100 }, fix: { kind: 'set-role', column: 'outcome_code', role: 'ignored' } });
  });

  it('label leak: a numeric feature with |r| ≥ 0.99 to a numeric label; an ID column is not a leak', () => {
    const target = num('price', (i) => 100 + noise(i, 7) * 50, 'label');
    const cols = [num('a', (i) => noise(i, 1)), num('price_eur', (i) => (target.values[i] as number) * 0.92 + noise(i, 9) * 0.01), num('id', (i) => i), target];
    const items = dataHealth(table(cols, { normalize: true }));
    expect(items.filter((i) => i.kind === 'label-leak').map((i) => [i.column, i.params.measure])).toEqual([['price_eur', 'correlation']]);
    // A correlation alone is no proof of a leak (size vs price): no one-click "set to ignored".
    expect(items.find((i) => i.kind === 'label-leak')?.fix).toBeUndefined();
    expect(items.find((i) => i.kind === 'label-leak')?.message).toMatch(/may give the label 'price' away \(Pearson r = 0\.99\d*.*keep it only if it is known at prediction time/);
    // An identifier determines a categorical label (one value per row) but is no leak.
    const withId = clean();
    withId.push(num('PassengerId', (i) => i + 1));
    expect(kinds(table(withId, { normalize: true }))).not.toContain('label-leak');
  });

  it('rows sorted by the label: the split module decides, and shuffled splits are not warned', () => {
    const cols = clean();
    cols[3] = cat('y', (i) => (i < N / 2 ? 'no' : 'yes'), 'label');
    const item = dataHealth(table(cols)).find((i) => i.kind === 'sorted-by-label');
    expect(item).toMatchObject({ column: 'y', params: { runs: 2, expected: 21 }, fix: { kind: 'set-split-mode', mode: 'stratified' } });
    expect(kinds(table(cols, { splitMode: 'stratified' }))).not.toContain('sorted-by-label');
    const numeric = [num('a', (i) => noise(i)), num('y', (i) => i * 2 + noise(i), 'label')];
    expect(dataHealth(table(numeric)).find((i) => i.kind === 'sorted-by-label')?.fix).toEqual({ kind: 'set-split-mode', mode: 'shuffle' });
  });

  it('agrees with the split check: the same files are called sorted, with the same numbers', () => {
    let sorted = 0;
    for (const labels of [
      Array.from({ length: 60 }, (_, i) => (i < 30 ? 'a' : 'b')),
      Array.from({ length: 60 }, (_, i) => ['a', 'b', 'c'][Math.floor(i / 20)]),
      Array.from({ length: 60 }, (_, i) => (noise(i, 11) < 0.5 ? 'a' : 'b')),
      Array.from({ length: 60 }, (_, i) => (i % 2 ? 'a' : 'b')),
    ]) {
      const classNames = [...new Set(labels)];
      const profile = profileLabels({ rows: 60, y: Float32Array.from(labels, (l) => classNames.indexOf(l)), task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: classNames.length, classNames });
      const split = checkSplit(profile, { validationSplit: 0.2, splitMode: 'end', seed: 0 }).find((p) => p.code === 'split-sorted-file');
      const health = dataHealth(table([{ name: 'y', type: 'categorical', role: 'label', values: labels }])).find((i) => i.kind === 'sorted-by-label');
      expect(health?.params.runs).toBe(split?.runs);
      expect(health?.params.expected).toBe(split?.expectedRuns);
      expect(health?.fix?.kind === 'set-split-mode' ? health.fix.mode : undefined).toBe(split?.fix.mode);
      if (health) sorted++;
    }
    expect(sorted).toBe(2);
  });

  it('missing values per column, with a strategy that fits the column', () => {
    const cols = clean();
    cols[0] = num('a', (i) => (i % 8 === 0 ? null : noise(i)) as number);
    cols[2] = cat('colour', (i) => (i % 20 === 1 ? null : ['red', 'green'][i % 2]));
    cols[3] = cat('y', (i) => (i === 5 ? null : noise(i, 4) < 0.5 ? 'yes' : 'no'), 'label');
    const items = dataHealth(table(cols)).filter((i) => i.kind === 'missing-values');
    expect(items.map((i) => [i.column, i.params.missing, i.fix])).toEqual([
      ['a', 5, { kind: 'set-missing', column: 'a', strategy: 'mean' }],
      ['colour', 2, { kind: 'set-missing', column: 'colour', strategy: 'most-frequent' }],
      ['y', 1, { kind: 'set-missing', column: 'y', strategy: 'drop' }],
    ]);
  });

  it('trial fixes (P3): a house size tracking its price (r ≥ 0.99) is no one-click leak; an exact copy still is', () => {
    const sqm = num('sqm', (i) => 50 + i * 3 + noise(i, 5) * 2);
    const price = num('price', (i) => 2000 * (sqm.values[i] as number) + noise(i, 6) * 1000, 'label');
    const copy = num('price_copy', (i) => price.values[i] as number);
    const items = dataHealth(table([sqm, copy, price], { normalize: true, splitMode: 'shuffle' })).filter((i) => i.kind === 'label-leak');
    expect(items.map((i) => [i.column, i.params.measure, i.fix?.kind])).toEqual([
      ['sqm', 'correlation', undefined],
      ['price_copy', 'equal', 'set-role'],
    ]);
  });

  it('trial fixes (P3): missing values follow the chosen strategy; a text column says they are kept as a category', () => {
    const cols = clean();
    cols[0] = { ...num('a', (i) => (i % 8 === 0 ? null : noise(i)) as number) };
    cols[2] = cat('colour', (i) => (i % 20 === 1 ? null : ['red', 'green'][i % 2]));
    const before = dataHealth(table(cols)).filter((i) => i.kind === 'missing-values');
    expect(before.map((i) => i.column)).toEqual(['a', 'colour']);
    const colour = before[1];
    expect(colour.params.handling).toBe('category');
    expect(colour.message).not.toMatch(/mean|median/);
    expect(colour.message).toMatch(/kept as a category of their own.*most frequent value or drop/);
    // Choosing a strategy (the dialog's menu) handles the column: its item goes.
    cols[0] = { ...cols[0], missing: 'mean' };
    cols[2] = { ...cols[2], missing: 'drop' };
    expect(dataHealth(table(cols)).filter((i) => i.kind === 'missing-values')).toEqual([]);
    // 'error' (stop the import) handles nothing.
    cols[0] = { ...cols[0], missing: 'error' };
    expect(dataHealth(table(cols)).filter((i) => i.kind === 'missing-values').map((i) => i.column)).toEqual(['a']);
  });

  it('trial fixes (P3): one missing value is singular', () => {
    const cols = clean();
    cols[0] = num('a', (i) => (i === 3 ? null : noise(i)) as number);
    expect(dataHealth(table(cols)).find((i) => i.kind === 'missing-values')?.message).toMatch(/has 1 missing value in 40 rows/);
  });

  it('every value of a label its own class', () => {
    const cols = clean();
    cols[3] = cat('price', (i) => `${1000 + i * 7}`, 'label');
    const items = dataHealth(table(cols));
    expect(items.map((i) => i.kind)).toEqual(['label-all-unique']);
    expect(items[0].params).toEqual({ column: 'price', rows: N });
  });
});

describe('tables from the import dialog and the Data tab', () => {
  it('the dialog sees a file sorted by its label in the preview rows', () => {
    const sorted = ['a,b,species', ...Array.from({ length: 90 }, (_, i) => `${noise(i).toFixed(3)},${noise(i, 2).toFixed(3)},${['setosa', 'versicolor', 'virginica'][Math.floor(i / 30)]}`)].join('\n');
    const preview = previewCsv(sorted, { maxRows: 1000 });
    const items = dataHealth(healthTableFromPreview(preview, preview.columns, true));
    expect(items.map((i) => [i.kind, i.params.runs])).toEqual([['sorted-by-label', 3]]);
  });

  const text = ['x,const,leak,y', ...Array.from({ length: 30 }, (_, i) => `${(noise(i) * 10).toFixed(2)},1,${i % 3 === 0 ? 'A' : 'B'},${i % 3 === 0 ? 'a' : 'b'}`)].join('\n');

  it('the preview rows give the same report as the imported sample', () => {
    const preview = previewCsv(text, { maxRows: 30 });
    const columns = preview.columns.map((c) => ({ name: c.name, type: c.name === 'y' ? ('categorical' as const) : c.type, role: c.name === 'y' ? ('label' as const) : ('feature' as const) }));
    const fromPreview = dataHealth(healthTableFromPreview(preview, columns, true));
    expect(fromPreview.map((i) => [i.kind, i.column])).toEqual([
      ['label-leak', 'leak'],
      ['constant-column', 'const'],
    ]);

    for (const encoding of ['onehot', 'index'] as const) {
      const parsed = parseCsvText(text, { delimiter: ',', header: true, columns: columns.map((c) => (c.type === 'categorical' && c.role === 'feature' ? { ...c, encoding } : c)) });
      const sample = { x: Array.from({ length: parsed.rows }, (_, r) => Array.from(parsed.x.subarray(r * parsed.transform.featureNames.length, (r + 1) * parsed.transform.featureNames.length))), y: Array.from(parsed.labels, (v) => [v]) };
      const spec = { columns: columns.map((c) => (c.type === 'categorical' && c.role === 'feature' ? { ...c, encoding } : c)), normalize: true, rows: parsed.rows, transform: parsed.transform };
      const fromSample = healthTableFromSample(spec, sample);
      expect(fromSample.columns.map((c) => c.values.slice(0, 2))).toEqual(healthTableFromPreview(preview, columns, true).columns.map((c) => c.values.slice(0, 2).map((v) => (typeof v === 'number' ? Math.fround(v) : v))));
      expect(dataHealth(fromSample).map((i) => [i.kind, i.column])).toEqual(fromPreview.map((i) => [i.kind, i.column]));
    }
  });

  it('the imported sample with "(missing)" indicator features: each column reads its own feature, the indicators are skipped', () => {
    const gaps = ['x,colour,z,y', ...Array.from({ length: 30 }, (_, i) => `${i % 5 === 0 ? '' : (noise(i) * 10).toFixed(2)},${i % 7 === 0 ? '' : ['red', 'blue'][i % 2]},${(noise(i, 3) * 100).toFixed(1)},${i % 2 ? 'a' : 'b'}`)].join('\n');
    const columns = [
      { name: 'x', type: 'numeric' as const, role: 'feature' as const, missing: 'median' as const, missingIndicator: true },
      { name: 'colour', type: 'categorical' as const, role: 'feature' as const, missing: 'most-frequent' as const, missingIndicator: true },
      { name: 'z', type: 'numeric' as const, role: 'feature' as const },
      { name: 'y', type: 'categorical' as const, role: 'label' as const },
    ];
    const parsed = parseCsvText(gaps, { delimiter: ',', header: true, columns });
    const width = parsed.transform.featureNames.length;
    expect(parsed.transform.featureNames).toEqual(['x', 'x (missing)', 'colour=blue', 'colour=red', 'colour (missing)', 'z']);
    const sample = { x: Array.from({ length: parsed.rows }, (_, r) => Array.from(parsed.x.subarray(r * width, (r + 1) * width))), y: Array.from(parsed.labels, (v) => [v]) };
    const fromSample = healthTableFromSample({ columns, normalize: false, rows: parsed.rows, transform: parsed.transform }, sample);
    const rows = gaps.split('\n').slice(1).map((l) => l.split(','));
    // z is the last feature: read from its own column, not from an indicator's.
    expect(fromSample.columns[2].values).toEqual(rows.map((r) => Math.fround(Number(r[2]))));
    expect(fromSample.columns[0].values[1]).toBe(Math.fround(Number(rows[1][0])));
    expect(fromSample.columns[1].values[1]).toBe(rows[1][1]);
  });
});
