import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsvText, previewCsv, type CsvParseConfig } from '../../shared/data/csv';
import type { CsvDataset } from '../../shared/project/schema';
import { parseCsvFile } from './import-job';
import { loadParsedRows } from './load-csv';
import { storedFilePath } from './store';
import { cellText, parseXlsxFile, previewWorkbook, readSheetRecords, recordsToCsv, readSheetRecordsSync, readWorkbookSheet, spreadsheetKind, XlsxError } from './xlsx';

/** Issue 12 (xlsx): a real two-sheet workbook written by openpyxl (test/fixtures/xlsx/make-two-sheets.py). */
const FIXTURES = join(__dirname, '../../../test/fixtures/xlsx');
const WORKBOOK = join(FIXTURES, 'two-sheets.xlsx');
const IRIS_CSV = join(FIXTURES, 'iris-sheet.csv');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-xlsx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KINDS = [
  ['length', 'measured_on', 'note', 'passed', 'class'],
  ['1250', '2024-03-15', 'first', 'TRUE', 'A'],
  [''],
  ['2.718281828459045', '2024-03-16T09:30:05', '', 'FALSE', 'B'],
  ['-2.5e-7', '1999-12-31', 'third, with a comma', 'TRUE', 'A'],
  ['123456789.125', '2024-02-29', '  spaced  ', 'FALSE', 'B'],
];

describe('reading a workbook sheet into records', () => {
  it('lists both sheets and reads the first: numbers at full precision, ISO dates, TRUE/FALSE, an empty cell as empty text, text kept as written, an empty row as a blank line', async () => {
    const read = await readWorkbookSheet(WORKBOOK);
    expect(read.sheets).toEqual(['Kinds', 'Iris']);
    expect(read.sheet).toBe('Kinds');
    expect(read.records).toEqual(KINDS);
  });

  it('trial fixes (P3): with no sheet named, opens the first sheet with data rows, not a header-only first sheet', async () => {
    const path = join(FIXTURES, 'empty-first.xlsx');
    const read = await readWorkbookSheet(path);
    expect(read.sheets).toEqual(['Notes', 'Iris']);
    expect(read.sheet).toBe('Iris');
    expect((await previewWorkbook(path)).sheet).toBe('Iris');
    // Named, the empty sheet is still read.
    expect((await readWorkbookSheet(path, 'Notes')).records).toEqual([['a', 'b']]);
  });

  it('reads the second sheet by name, header row first', async () => {
    const records = await readSheetRecords(WORKBOOK, 'Iris');
    expect(records[0]).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'species']);
    expect(records[2]).toEqual(['4.9', '3', '1.4', 'setosa']);
    expect(records[10]).toEqual(['0.1234567890123456', '1e-7', '12345.678', 'setosa']);
    expect(records).toHaveLength(11);
  });

  it('the synchronous reader (trainer reload) gives the same records as the asynchronous one', async () => {
    expect(readSheetRecordsSync(WORKBOOK, 'Iris')).toEqual(await readSheetRecords(WORKBOOK, 'Iris'));
    expect(readSheetRecordsSync(WORKBOOK, 'Kinds')).toEqual(KINDS);
  });

  it('the synchronous reader reports a missing sheet and a broken file instead of hanging', () => {
    expect(() => readSheetRecordsSync(WORKBOOK, 'Sheet9')).toThrow(/no sheet named 'Sheet9'/);
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]));
    expect(() => readSheetRecordsSync(path, 'Iris')).toThrow(/not a readable Excel workbook/);
  });

  it('writes cells as a CSV export would', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 600)))).toBe('2024-01-02T03:04:05.600');
  });

  it('the preview of a sheet detects the header and types, and lists the sheets', async () => {
    const preview = await previewWorkbook(WORKBOOK, {}, 'Kinds');
    expect(preview.sheets).toEqual(['Kinds', 'Iris']);
    expect(preview.sheet).toBe('Kinds');
    expect(preview.header).toBe(true);
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['length', 'numeric'],
      ['measured_on', 'categorical'],
      ['note', 'categorical'],
      ['passed', 'categorical'],
      ['class', 'categorical'],
    ]);
    expect(preview.columns[2].stats.missing).toBe(1);
    expect(preview.sampledRows).toBe(4);
    expect(preview.rows[1]).toEqual(KINDS[3]);
  });
});

describe('bad workbooks get a message saying what to do', () => {
  it('names the sheets when the asked one does not exist', async () => {
    await expect(readWorkbookSheet(WORKBOOK, 'Sheet9')).rejects.toThrow(/no sheet named 'Sheet9'; it has 'Kinds', 'Iris'/);
  });

  it('refuses an old binary .xls, saying how to re-save it', async () => {
    const path = join(dir, 'old.xls');
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(spreadsheetKind(path)).toBe('xls');
    const error = await readWorkbookSheet(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('old-xls');
    expect((error as XlsxError).message).toMatch(/save it as "Excel Workbook \(\.xlsx\)"/);
  });

  it('a ZIP that is not a workbook is a bad workbook, not a crash', async () => {
    const path = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    const error = await readWorkbookSheet(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('bad-workbook');
    expect((error as XlsxError).message).toMatch(/not a readable Excel workbook/);
  });

  it('CSV text is not taken for a workbook', () => {
    expect(spreadsheetKind(IRIS_CSV)).toBe('text');
    expect(spreadsheetKind(WORKBOOK)).toBe('xlsx');
  });
});

describe('a sheet imports exactly as the same table saved as CSV', () => {
  it('same preview decisions and the same parsed rows, labels and transform', async () => {
    const sheetPreview = await previewWorkbook(WORKBOOK, {}, 'Iris');
    const csvPreview = previewCsv(readFileSync(IRIS_CSV, 'utf8'));
    const strip = (p: typeof csvPreview) => ({ header: p.header, columns: p.columns.map(({ name, type, role }) => ({ name, type, role })), sampledRows: p.sampledRows });
    expect(strip(sheetPreview)).toEqual(strip(csvPreview));

    const config: CsvParseConfig = { delimiter: ',', header: true, columns: strip(csvPreview).columns };
    const fromSheet = await parseXlsxFile(WORKBOOK, 'Iris', config);
    const fromCsv = await parseCsvFile(IRIS_CSV, config);
    expect(fromSheet.sheet).toBe('Iris');
    expect(fromSheet.parsed.rows).toBe(10);
    expect(Array.from(fromSheet.parsed.x)).toEqual(Array.from(fromCsv.parsed.x));
    expect(Array.from(fromSheet.parsed.labels)).toEqual(Array.from(fromCsv.parsed.labels));
    expect(fromSheet.parsed.transform).toEqual(fromCsv.parsed.transform);
    expect(fromSheet.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the trainer re-reads the stored workbook by hash when the parsed cache is missing', async () => {
    const preview = await previewWorkbook(WORKBOOK, {}, 'Iris');
    const columns = preview.columns.map(({ name, type, role }) => ({ name, type, role }));
    const config: CsvParseConfig = { delimiter: ',', header: true, columns };
    const imported = await parseXlsxFile(WORKBOOK, 'Iris', config);
    mkdirSync(join(dir, 'files'), { recursive: true });
    copyFileSync(WORKBOOK, storedFilePath(dir, imported.sha256));
    const spec: CsvDataset = {
      kind: 'csv',
      file: { name: 'two-sheets.xlsx', size: imported.size, sha256: imported.sha256 },
      ...config,
      normalize: true,
      labelEncoding: 'index',
      transform: imported.parsed.transform,
      rows: imported.parsed.rows,
      sheet: 'Iris',
    };
    const rows = loadParsedRows(spec, dir);
    expect(rows.rows).toBe(10);
    expect(Array.from(rows.x)).toEqual(Array.from(imported.parsed.x));
    expect(Array.from(rows.labels)).toEqual(Array.from(imported.parsed.labels));

    rmSync(join(dir, 'files'), { recursive: true });
    expect(() => loadParsedRows({ ...spec, sheet: 'Kinds', file: { ...spec.file } }, dir)).toThrow(/workbook 'two-sheets.xlsx' \(sheet 'Kinds'\) is not available/);
  });

  it('a small sheet embedded as CSV text parses to the same rows as the sheet, in any delimiter', async () => {
    const preview = await previewWorkbook(WORKBOOK, {}, 'Kinds');
    const columns = preview.columns.map(({ name, type, role }) => ({ name, type, role: name === 'note' ? ('ignored' as const) : role }));
    for (const delimiter of [',', ';', '\t'] as const) {
      const config: CsvParseConfig = { delimiter, header: true, columns };
      const imported = await parseXlsxFile(WORKBOOK, 'Kinds', config, undefined, 1 << 20);
      expect(imported.embedded).toBe(recordsToCsv(KINDS, delimiter));
      const fromText = parseCsvText(imported.embedded!, config);
      expect(fromText.rows).toBe(4);
      expect(Array.from(fromText.x)).toEqual(Array.from(imported.parsed.x));
      expect(Array.from(fromText.labels)).toEqual(Array.from(imported.parsed.labels));
      expect(fromText.transform).toEqual(imported.parsed.transform);
    }
    expect(recordsToCsv(KINDS)).toContain('"third, with a comma"');
    const tooSmall = await parseXlsxFile(WORKBOOK, 'Kinds', { delimiter: ',', header: true, columns }, undefined, 10);
    expect(tooSmall.embedded).toBeUndefined();
  });
});
