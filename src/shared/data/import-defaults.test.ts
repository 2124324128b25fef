import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCsv } from './csv';
import { defaultImportSettings } from './import-defaults';

describe('defaultImportSettings', () => {
  it("takes detection's delimiter, header, types and roles; normalises; codes class labels as the loss needs", () => {
    const preview = previewCsv(readFileSync(path.resolve(__dirname, '../../../test/fixtures/csv/semicolon.csv'), 'utf8'));
    const settings = defaultImportSettings(preview, 'sparseCategoricalCrossentropy');
    expect(settings).toEqual({
      delimiter: ';',
      header: true,
      columns: preview.columns.map(({ name, type, role }) => ({ name, type, role })),
      text: { encoding: 'utf-8', skipLines: 0 },
      numberFormat: { decimal: '.', thousands: '' },
      normalize: true,
      classLabels: 'index',
    });
    expect(defaultImportSettings(preview, 'categoricalCrossentropy').classLabels).toBe('onehot');
    // Column settings only: the preview's statistics are not part of the import request.
    expect(Object.keys(settings.columns[0]).sort()).toEqual(['name', 'role', 'type']);
  });
});
