import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_DECISION_KINDS } from './csv-types';
import { EXPECTED_DECISIONS, expectDecisions } from '../../../test/fixtures/csv/expected-decisions';
import { detectDelimiter, detectNumberFormat } from './csv-detect';
import { previewCsv, previewCsvBytes } from './csv-preview';
import { DEFAULT_NUMBER_FORMAT, parseNumber, parseNumberStrict, type NumberFormat } from './numbers';
import { ChunkDecoder, decodeHead, detectTextEncoding, sepLine } from './text-decode';

/** Issue 12 (B1): files as Excel, R, pandas and Kaggle export them, and what the preview decides. */

const FIXTURES = join(__dirname, '../../../test/fixtures/csv');
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('files as people export them (test/fixtures/csv/expected-decisions.json)', () => {
  for (const [file, want] of Object.entries(EXPECTED_DECISIONS)) {
    if (file.startsWith('$') || typeof want === 'string') continue;
    it(`${file}: ${want.decisions.map((d) => d.kind).join(', ')}`, () => {
      expectDecisions(previewCsvBytes(bytes(file)), want);
    });
  }

  it('every preview says how it split the file and whether the first row is a header', () => {
    const preview = previewCsvBytes(bytes('iris-like.csv'));
    expect(preview.decisions.map((d) => d.kind)).toEqual(['delimiter', 'header', 'label-last-column']);
    expect(preview.decisions[0].params).toEqual({ delimiter: ',', source: 'detected' });
    for (const d of preview.decisions) expect(CSV_DECISION_KINDS).toContain(d.kind);
  });
});

describe('numbers written with separators', () => {
  it('a price label written "1,250" is a number (regression), not one class per row', () => {
    const text = 'area,price\n"1,250","245,000"\n"980","189,500"\n"2,100","410,000"\n"1,640","302,000"\n"1,105","228,750"\n';
    const preview = previewCsv(text);
    expect(preview.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['area', 'numeric', 'feature'],
      ['price', 'numeric', 'label'],
    ]);
    expect(preview.columns[1].stats).toMatchObject({ min: 189500, max: 410000 });
    expect(preview.labelAsClasses).toBeUndefined();
    expect(preview.decisions.map((d) => d.kind)).not.toContain('label-all-unique');
    expect(preview.decisions.find((d) => d.kind === 'thousands')?.message).toContain("'1,250' reads as 1250");
  });

  it('the number format can be overridden: read as plain numbers, the same prices are text, one class per row', () => {
    const text = 'area,price\n"1,250","245,000"\n"980","189,500"\n"2,100","410,000"\n';
    const preview = previewCsv(text, { numberFormat: DEFAULT_NUMBER_FORMAT });
    expect(preview.numberFormat).toEqual(DEFAULT_NUMBER_FORMAT);
    expect(preview.columns[1]).toMatchObject({ type: 'categorical', role: 'label' });
    expect(preview.decisions.map((d) => d.kind)).toContain('label-all-unique');
    const comma = previewCsv(text, { numberFormat: { decimal: ',', thousands: '' } });
    expect(comma.columns[1].stats.min).toBe(189.5);
    expect(comma.decisions.find((d) => d.kind === 'decimal-comma')?.params).toMatchObject({ source: 'chosen' });
  });

  it('parseNumber is strict: the whole text in that format, thousands grouped in threes', () => {
    const us: NumberFormat = { decimal: '.', thousands: ',' };
    const de: NumberFormat = { decimal: ',', thousands: '.' };
    const fr: NumberFormat = { decimal: ',', thousands: ' ' };
    const ch: NumberFormat = { decimal: '.', thousands: "'" };
    expect(parseNumber('1,250', us)).toBe(1250);
    expect(parseNumber(' -12,500,000.75 ', us)).toBe(-12500000.75);
    expect(parseNumber('1250', us)).toBe(1250);
    for (const bad of ['1,25', '12,50,000', '1,250,', ',250', '1.250,5', 'abc', '']) expect(parseNumber(bad, us), bad).toBeNull();
    expect(parseNumber('1.234,5', de)).toBe(1234.5);
    expect(parseNumber('5,1', de)).toBe(5.1);
    for (const bad of ['1.5', '1,2,3', '1.23,4']) expect(parseNumber(bad, de), bad).toBeNull();
    expect(parseNumber('1 234,5', fr)).toBe(1234.5);
    expect(parseNumber('1\u00a0234,5', fr)).toBe(1234.5);
    expect(parseNumber('1\u202f234', fr)).toBe(1234);
    expect(parseNumber("1'234.5", ch)).toBe(1234.5);
    expect(parseNumber('1,5e3', { decimal: ',', thousands: '' })).toBe(1500);
    for (const text of ['1.5', ' 2e3 ', '-0', '0x10', '1,5', 'NaN', '']) expect(parseNumber(text, DEFAULT_NUMBER_FORMAT)).toBe(parseNumberStrict(text));
  });

  it('a comma-separated file with "1,250" reads thousands; a semicolon file with 1,250 reads a decimal comma (as German Excel does)', () => {
    expect(detectNumberFormat([['1,250', '950', '12,000']], ',')).toEqual({ format: { decimal: '.', thousands: ',' }, gained: [0] });
    expect(detectNumberFormat([['1,250', '950', '12,000']], ';').format).toEqual({ decimal: ',', thousands: '' });
    // Groups of more than one set it: 1,250,000 is no decimal.
    expect(detectNumberFormat([['1,250,000', '950']], ';').format).toEqual({ decimal: '.', thousands: ',' });
    // '.' groups thousands only when a column needs it (1.234,5); with a decimal comma a '.' is no decimal point.
    expect(detectNumberFormat([['1.234,5', '12,25'], ['5,1', '4,9']], ';').format).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat([['5,1', '4,9'], ['15', '22']], ';').format).toEqual({ decimal: ',', thousands: '' });
    expect(detectNumberFormat([['5,1', '4,9'], ['1.500', '2.250']], ';').format).toEqual({ decimal: ',', thousands: '.' });
    // A format that would stop reading a column of plain decimals is not taken for one column.
    expect(detectNumberFormat([['5,1', '4,9'], ['1.5', '2.25']], ';').format).toEqual(DEFAULT_NUMBER_FORMAT);
    expect(detectNumberFormat([['a', 'b'], ['1.5', '2']], ',').format).toEqual(DEFAULT_NUMBER_FORMAT);
  });

  it('a semicolon file with decimal commas is split on semicolons even without a header (a comma splits it just as evenly)', () => {
    expect(detectDelimiter('5,1;3,5;1,4;A\n4,9;3,0;1,4;A\n6,2;2,9;4,3;B\n')).toBe(';');
    expect(detectDelimiter('1,2,3\n4,5,6\n')).toBe(',');
  });
});

describe('text encodings', () => {
  it('knows UTF-8 and UTF-16 by their byte-order marks, UTF-16 without one by its zero bytes', () => {
    expect(detectTextEncoding(bytes('bom.csv'))).toEqual({ encoding: 'utf-8', bomBytes: 3, evidence: 'bom' });
    expect(detectTextEncoding(bytes('utf16le-bom.txt'))).toEqual({ encoding: 'utf-16le', bomBytes: 2, evidence: 'bom' });
    expect(detectTextEncoding(bytes('utf16le-no-bom.txt'))).toEqual({ encoding: 'utf-16le', bomBytes: 0, evidence: 'zero-bytes' });
    expect(detectTextEncoding(bytes('utf16be-no-bom.txt'))).toEqual({ encoding: 'utf-16be', bomBytes: 0, evidence: 'zero-bytes' });
    expect(detectTextEncoding(bytes('iris-like.csv'))).toEqual({ encoding: 'utf-8', bomBytes: 0, evidence: 'default' });
    expect(decodeHead(bytes('utf16le-bom.txt'), 'utf-16le').startsWith('width\theight\tshape\r\n')).toBe(true);
  });

  it('the encoding can be overridden; bytes that are not UTF-8 are named with their line and how to re-save', () => {
    const forced = previewCsvBytes(bytes('utf16le-no-bom.txt'), { encoding: 'utf-16be' });
    expect(forced.text.encoding).toBe('utf-16be');
    expect(forced.decisions[0]).toMatchObject({ kind: 'utf16', params: { encoding: 'utf-16be', evidence: 'chosen' } });
    const latin1 = new Uint8Array([...new TextEncoder().encode('city,size\nabc,1\n'), 0x4b, 0xf6, 0x6c, 0x6e, ...new TextEncoder().encode(',2\nx,3\n')]);
    const preview = previewCsvBytes(latin1);
    expect(preview.issues[0]).toMatchObject({ code: 'bad-encoding', line: 3 });
    expect(preview.issues[0].message).toContain('CSV UTF-8');
  });

  it("Excel's sep= line names the delimiter, is skipped, and line numbers stay the file's", () => {
    expect(sepLine('sep=;\r\na;b\n')).toEqual({ delimiter: ';' });
    expect(sepLine('"sep=,"\na,b\n')).toEqual({ delimiter: ',' });
    expect(sepLine('separator,b\n')).toBeNull();
    const preview = previewCsv('sep=,\nx;y,label\n1,a\n1,2,b\n');
    expect(preview.delimiter).toBe(',');
    expect(preview.issues[0]).toMatchObject({ code: 'ragged-row', line: 4 });
  });

  it('ChunkDecoder: any chunking decodes as the whole, the BOM dropped, the sep= line blanked so line numbers stay true', () => {
    const file = bytes('utf16le-bom.txt');
    const whole = decodeHead(file, 'utf-16le');
    for (const size of [1, 3, 7, 1000]) {
      const decoder = new ChunkDecoder('utf-16le', 1);
      let text = '';
      for (let i = 0; i < file.length; i += size) text += decoder.decode(file.subarray(i, i + size));
      text += decoder.flush();
      expect(text).toBe('\n' + whole.slice(whole.indexOf('\n') + 1));
    }
  });
});

describe('column roles', () => {
  it('the label goes by name, case-insensitively, before the last column; identifiers are never the label', () => {
    const preview = previewCsv('ID,Outcome,x,z\n' + Array.from({ length: 12 }, (_, i) => `${i + 100},${i % 2},${i * 0.5},${i % 3}`).join('\n'));
    expect(preview.columns.map((c) => c.role)).toEqual(['ignored', 'label', 'feature', 'feature']);
    expect(preview.labelGuess).toEqual({ column: 'Outcome', reason: 'name', confirmed: false });
  });

  it("UCI's wine layout: the class column comes first and is the label by its name, not the last column", () => {
    const wine = previewCsvBytes(bytes('wine-like.csv'));
    expect(wine.labelGuess).toEqual({ column: 'Class', reason: 'name', confirmed: false });
    expect(wine.columns.filter((c) => c.role === 'feature')).toHaveLength(13);
  });

  it('not every ending in "id" is an identifier, nor every ascending column', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${2001 + i},${i * 3},${i + 1},${i % 2}`);
    const preview = previewCsv('year,paid,grid,label\n' + rows.join('\n'));
    expect(preview.columns.map((c) => c.role)).toEqual(['feature', 'feature', 'ignored', 'label']);
    expect(preview.decisions.find((d) => d.kind === 'id-column')).toMatchObject({ column: 'grid', params: { reason: 'row-number' } });
    // A short 1..n column may be data.
    const short = previewCsv('n,x,y\n1,5,a\n2,3,b\n3,1,a\n');
    expect(short.columns[0].role).toBe('feature');
  });
});

describe('a row counter that is the only feature', () => {
  it('stays a feature (a learner\'s x,y file with x = 1…n)', () => {
    const preview = previewCsv(['x,y', ...Array.from({ length: 12 }, (_, i) => `${i + 1},${(i * 1.7).toFixed(2)}`)].join('\n'));
    expect(preview.columns.map((c) => c.role)).toEqual(['feature', 'label']);
  });
});
