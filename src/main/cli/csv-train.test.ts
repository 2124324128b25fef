import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCsv } from '../../shared/data/csv';
import { chooseColumns, importRequest, type CsvTrainChoices } from './csv-train';
import { DataFileError, type DataPreview } from './data-file';

const CSV = path.resolve(__dirname, '../../../test/fixtures/csv');
const preview = (name: string): DataPreview => ({ ...previewCsv(readFileSync(path.join(CSV, name), 'utf8')), size: 0 });
const choices = (patch: Partial<CsvTrainChoices>): CsvTrainChoices => ({ label: 'class', ignore: [], categorical: [], numeric: [], ...patch });

describe('train --csv column choices', () => {
  it('keeps detection as it is when the label is the guessed one (class-like numbers stay categories)', () => {
    const wine = preview('wine-sorted.csv');
    expect(chooseColumns(wine, choices({}), 'wine.csv')).toEqual(wine.columns.map(({ name, type, role }) => ({ name, type, role })));
    expect(wine.labelAsClasses?.column).toBe('class');
  });

  it('another label: the guessed label becomes a feature, back to numbers (the class proposal was for a label)', () => {
    const columns = chooseColumns(preview('wine-sorted.csv'), choices({ label: 'alcohol' }), 'wine.csv');
    expect(columns.find((c) => c.name === 'alcohol')).toEqual({ name: 'alcohol', type: 'numeric', role: 'label' });
    expect(columns.find((c) => c.name === 'class')).toEqual({ name: 'class', type: 'numeric', role: 'feature' });
    const asCategories = chooseColumns(preview('wine-sorted.csv'), choices({ label: 'alcohol', categorical: ['class'] }), 'wine.csv');
    expect(asCategories.find((c) => c.name === 'class')).toEqual({ name: 'class', type: 'categorical', role: 'feature' });
  });

  it('refuses unknown columns (naming the ones there are), ignoring the label, and a column both numeric and categorical', () => {
    const wine = preview('wine-sorted.csv');
    expect(() => chooseColumns(wine, choices({ label: 'Class' }), 'wine.csv')).toThrow(DataFileError);
    expect(() => chooseColumns(wine, choices({ label: 'Class' }), 'wine.csv')).toThrow('--label "Class": wine.csv has no such column. Its columns are: "alcohol", "malic_acid", "ash", "proline", "class".');
    expect(() => chooseColumns(wine, choices({ ignore: ['colour'] }), 'wine.csv')).toThrow(/--ignore "colour": wine\.csv has no such column/);
    expect(() => chooseColumns(wine, choices({ ignore: ['class'] }), 'wine.csv')).toThrow(/that column is the label/);
    expect(() => chooseColumns(wine, choices({ numeric: ['ash'], categorical: ['ash'] }), 'wine.csv')).toThrow(/--categorical and --numeric both name "ash"/);
  });

  it('the import request has the dialog defaults: normalised features, class labels as the loss needs them', () => {
    const wine = preview('wine-sorted.csv');
    expect(importRequest('u1', wine, choices({}), 'sparseCategoricalCrossentropy', 'wine.csv')).toMatchObject({ uploadId: 'u1', normalize: true, classLabels: 'index' });
    expect(importRequest('u1', wine, choices({ normalize: false }), 'categoricalCrossentropy', 'wine.csv')).toMatchObject({ normalize: false, classLabels: 'onehot' });
  });

  it('per-column options: missing strategy, indicator, index encoding; a detected identifier named by a feature option becomes a feature', () => {
    const gaps = preview('missing-values.csv');
    const columns = chooseColumns(
      gaps,
      choices({ label: 'churned', missing: [{ column: 'age', strategy: 'median' }, { column: 'city', strategy: 'most-frequent' }], missingIndicator: ['age'], indexEncoding: ['city'], numeric: ['id'] }),
      'gaps.csv',
    );
    expect(columns).toEqual([
      { name: 'id', type: 'numeric', role: 'feature' },
      { name: 'age', type: 'numeric', role: 'feature', missing: 'median', missingIndicator: true },
      { name: 'income', type: 'numeric', role: 'feature' },
      { name: 'city', type: 'categorical', role: 'feature', encoding: 'index', missing: 'most-frequent' },
      { name: 'churned', type: 'categorical', role: 'label' },
    ]);
    expect(() => chooseColumns(gaps, choices({ label: 'churned', missing: [{ column: 'age', strategy: 'mean' }, { column: 'age', strategy: 'drop' }] }), 'gaps.csv')).toThrow(/--missing names "age" twice/);
    expect(() => chooseColumns(gaps, choices({ label: 'churned', missingIndicator: ['churned'] }), 'gaps.csv')).toThrow(/that column is the label; only a feature gets a "was missing" indicator/);
    expect(() => chooseColumns(gaps, choices({ label: 'churned', ignore: ['age'], missing: [{ column: 'age', strategy: 'mean' }] }), 'gaps.csv')).toThrow(/that column is ignored \(--ignore\)/);
  });
});
