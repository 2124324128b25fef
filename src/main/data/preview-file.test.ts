import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvPreviewSchema } from '../../shared/api/contract';
import { previewCsvBytes } from '../../shared/data/csv';
import { EXPECTED_DECISIONS, expectDecisions } from '../../../test/fixtures/csv/expected-decisions';
import { parseCsvFile, previewFile } from './import-job';

/**
 * Issue 12 (B1): main's preview path reads the bytes of real files and decides as the shared
 * code does (test/fixtures/csv/expected-decisions.json); the import reads UTF-16 and Excel's
 * `sep=` line as the preview did.
 */
const FIXTURES = join(__dirname, '../../../test/fixtures/csv');

describe('previewFile', () => {
  for (const [file, want] of Object.entries(EXPECTED_DECISIONS)) {
    if (file.startsWith('$') || typeof want === 'string') continue;
    it(`${file}: the file on disk gives the expected decisions, the same as previewCsvBytes, in the API's shape`, async () => {
      const { size, ...preview } = await previewFile(join(FIXTURES, file));
      expectDecisions(preview, want);
      expect(preview).toEqual(previewCsvBytes(new Uint8Array(readFileSync(join(FIXTURES, file)))));
      expect(CsvPreviewSchema.safeParse({ ...preview, size }).success).toBe(true);
    });
  }

  it('takes the encoding and number format overrides', async () => {
    const preview = await previewFile(join(FIXTURES, 'grouped-numbers.csv'), { numberFormat: { decimal: '.', thousands: '' } });
    expect(preview.columns.map((c) => c.type)).toEqual(['categorical', 'numeric', 'categorical']);
    const utf8 = await previewFile(join(FIXTURES, 'utf16le-bom.txt'), { encoding: 'utf-8' });
    expect(utf8.text.encoding).toBe('utf-8');
    expect(utf8.decisions.map((d) => d.kind)).not.toContain('utf16');
  });
});

describe('parseCsvFile', () => {
  it.each(['utf16le-bom.txt', 'utf16le-no-bom.txt', 'utf16be-no-bom.txt'])('imports %s (UTF-16) as the preview read it', async (file) => {
    const preview = await previewFile(join(FIXTURES, file));
    const config = { delimiter: preview.delimiter, header: preview.header, columns: preview.columns.map(({ name, type, role }) => ({ name, type, role })) };
    const { parsed } = await parseCsvFile(join(FIXTURES, file), config);
    expect(parsed.rows).toBe(25);
    expect(new Set(parsed.transform.classNames)).toEqual(new Set(['círculo', 'cuadrado', 'триугольник']));
    expect(parsed.transform.featureNames).toEqual(['width', 'height']);
  });

  it("skips Excel's sep= line and keeps the file's line numbers in errors", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'neurite-sep-'));
    try {
      const path = join(dir, 'sep.csv');
      writeFileSync(path, 'sep=;\r\nx;y;label\r\n1;2;a\r\n3;oops;b\r\n');
      const columns = [
        { name: 'x', type: 'numeric' as const, role: 'feature' as const },
        { name: 'y', type: 'numeric' as const, role: 'feature' as const },
        { name: 'label', type: 'categorical' as const, role: 'label' as const },
      ];
      await expect(parseCsvFile(path, { delimiter: ';', header: true, columns })).rejects.toThrow("Line 4, column 'y'");
      writeFileSync(path, 'sep=;\r\nx;y;label\r\n1;2;a\r\n3;4;b\r\n');
      const { parsed } = await parseCsvFile(path, { delimiter: ';', header: true, columns });
      expect(Array.from(parsed.x)).toEqual([1, 2, 3, 4]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
