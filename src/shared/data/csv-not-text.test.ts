import { describe, expect, it } from 'vitest';
import { previewCsvBytes } from './csv-preview';
import { CsvError } from './csv-types';
import { CsvPreviewSchema } from '../api/contract';
import { MAX_COLUMN_NAME } from './csv-detect';
import { notTextEvidence } from './text-decode';
import { translator } from '../i18n/translate';

/** 3000 bytes of a fixed pseudo-random sequence (as `head -c 3000 /dev/urandom`, but reproducible). */
function randomBytes(n: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function refusal(bytes: Uint8Array): CsvError & { messageId?: string; params?: Record<string, string | number> } {
  try {
    previewCsvBytes(bytes, { fileName: 'binary.csv', complete: true });
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('trial 10 (13): a binary file chosen as CSV', () => {
  it('random bytes are refused as not text, naming the file and what was found', () => {
    const error = refusal(randomBytes(3000));
    expect(error.code).toBe('not-text');
    expect(error.message).toMatch(/^binary\.csv is not a text CSV file: its first 3000 bytes hold \d+ zero bytes/);
    expect(error.message).toContain('Choose a CSV file');
    expect(error.messageId).toBe('csv.notText.nul');
    expect(translator('zh-CN')(error.messageId as 'csv.notText.nul', error.params)).toMatch(/^binary\.csv 不是文本 CSV 文件/);
  });

  it('bytes without zeros that are mostly not characters are refused too', () => {
    const bytes = randomBytes(3000, 7).map((b) => (b === 0 ? 0xff : b));
    const error = refusal(bytes);
    expect(error.messageId).toBe('csv.notText.invalid');
    expect(error.message).toMatch(/binary\.csv is not a text CSV file: \d+ % of its first 3000 bytes are not characters/);
  });

  it('text with a few Latin-1 bytes or in UTF-16 is still text', () => {
    const latin1 = Uint8Array.from(Buffer.from('name,city\nJos\xe9,M\xfcnchen\nAnna,Berlin\n', 'latin1'));
    expect(notTextEvidence(latin1, 'utf-8')).toBeNull();
    const utf16 = Uint8Array.from(Buffer.from('\ufeffa,b\n1,2\n3,4\n', 'utf16le'));
    expect(() => previewCsvBytes(utf16)).not.toThrow();
    expect(notTextEvidence(Uint8Array.from(Buffer.from('a,b\n1,2\n')), 'utf-8')).toBeNull();
  });

  it('a header cell longer than the contract allows is cut with an ellipsis, said in a decision, and the reply fits the contract', () => {
    const long = 'x'.repeat(3000);
    const preview = previewCsvBytes(Uint8Array.from(Buffer.from(`${long},y\n1,2\n3,4\n5,6\n`)), { header: true });
    expect(preview.columns[0].name).toBe(`${'x'.repeat(MAX_COLUMN_NAME)}…`);
    const decision = preview.decisions.find((d) => d.kind === 'long-name');
    expect(decision?.params).toMatchObject({ index: 1, length: 3000, max: MAX_COLUMN_NAME });
    expect(decision?.message).toContain('Column 1 has a name of 3000 characters');
    expect(CsvPreviewSchema.safeParse({ ...preview, size: 9000 }).success).toBe(true);
  });
});
