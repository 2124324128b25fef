import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CsvDatasetSchema } from '../../shared/project/schema';
import { loadCsvDataset } from './load-csv';
import { DataService } from './service';
import { parseKey } from './store';

/**
 * Issue 12 (xlsx) through DataService and the real import worker thread (built
 * out/main/csv-worker.js): a browser upload of a two-sheet workbook is inspected, its second
 * sheet chosen and imported, and the trainer's loader re-reads the stored workbook.
 */
const WORKER = resolve(__dirname, '../../../out/main/csv-worker.js');
const WORKBOOK = resolve(__dirname, '../../../test/fixtures/xlsx/two-sheets.xlsx');
let dir: string;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-xlsx-service-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function uploadWorkbook(service: DataService, bytes: Buffer, name = 'two-sheets.xlsx'): Promise<string> {
  const { uploadId } = await service.uploadBegin({ name, size: bytes.length });
  await service.uploadChunk({ uploadId, offset: 0, data: bytes.toString('base64') });
  return uploadId;
}

describe('DataService with an .xlsx upload', () => {
  it('inspect lists the sheets and previews the chosen one; import records the sheet and embeds it as CSV text; the trainer re-reads the workbook, or the text elsewhere', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const uploadId = await uploadWorkbook(service, readFileSync(WORKBOOK));

    const first = await service.inspect({ uploadId });
    expect(first.sheets).toEqual(['Kinds', 'Iris']);
    expect(first.sheet).toBe('Kinds');
    expect(first.columns.map((c) => c.name)).toEqual(['length', 'measured_on', 'note', 'passed', 'class']);

    const iris = await service.inspect({ uploadId, sheet: 'Iris' });
    expect(iris.sheet).toBe('Iris');
    expect(iris.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['sepal_length', 'numeric', 'feature'],
      ['sepal_width', 'numeric', 'feature'],
      ['petal_length', 'numeric', 'feature'],
      ['species', 'categorical', 'label'],
    ]);

    const { dataset, sample } = await service.importCsv({
      uploadId,
      delimiter: iris.delimiter,
      header: iris.header,
      columns: iris.columns.map(({ name, type, role }) => ({ name, type, role })),
      normalize: true,
      classLabels: 'index',
      sheet: 'Iris',
    });
    expect(CsvDatasetSchema.parse(dataset)).toEqual(dataset);
    expect(dataset.sheet).toBe('Iris');
    // Small: embedded as CSV text of the sheet (never the workbook's bytes), so the project opens anywhere.
    expect(dataset.embedded?.split('\n')[0]).toBe('sepal_length,sepal_width,petal_length,species');
    expect(dataset.rows).toBe(10);
    expect(dataset.transform.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(sample.x[9]).toEqual([Math.fround(0.1234567890123456), Math.fround(1e-7), Math.fround(12345.678)]);

    // The parsed cache gone, the trainer's loader parses the stored workbook (kept under its hash) again...
    rmSync(join(dir, 'parsed', `${parseKey(dataset)}.bin`));
    const fromWorkbook = loadCsvDataset({ ...dataset, embedded: undefined }, dir);
    expect(fromWorkbook.rows).toBe(10);
    expect(fromWorkbook.x).toHaveLength(30);
    // ...and on a computer without the workbook, from the embedded text, to the same rows.
    rmSync(join(dir, 'parsed'), { recursive: true });
    rmSync(join(dir, 'files'), { recursive: true });
    const elsewhere = mkdtempSync(join(tmpdir(), 'neurite-xlsx-elsewhere-'));
    try {
      // A number format changes the cache key (so this process's memory cannot answer) but not these plain numbers.
      const fromText = loadCsvDataset({ ...dataset, numberFormat: { decimal: '.', thousands: "'" } }, elsewhere);
      expect(Array.from(fromText.x)).toEqual(Array.from(fromWorkbook.x));
      expect(Array.from(fromText.y)).toEqual(Array.from(fromWorkbook.y));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    await service.dispose();
  });

  it('a sheet the workbook lacks, and a file that is not a workbook, are refused with what to do', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const uploadId = await uploadWorkbook(service, readFileSync(WORKBOOK));
    await expect(service.inspect({ uploadId, sheet: 'Summary' })).rejects.toMatchObject({ code: 'no-sheet', message: expect.stringMatching(/it has 'Kinds', 'Iris'/) });

    const old = join(dir, 'old.xls');
    writeFileSync(old, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const xls = await uploadWorkbook(service, readFileSync(old), 'old.xls');
    await expect(service.inspect({ uploadId: xls })).rejects.toMatchObject({ code: 'old-xls', message: expect.stringMatching(/save it as "Excel Workbook \(\.xlsx\)"/) });
    await service.dispose();
  });
});
