import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataService } from './service';

/**
 * Issue 18: a training package's result uploaded file by file (browser host) is read by name
 * (`uploadedFiles`) and let go once read (`discardUploads`): the same upload path as the CSV and
 * image-folder dialogs (data.uploadBegin / data.uploadChunk).
 */

let dir: string;
let service: DataService;
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function upload(name: string, text: string, sent = text): Promise<string> {
  const { uploadId } = await service.uploadBegin({ name, size: Buffer.byteLength(text) });
  await service.uploadChunk({ uploadId, offset: 0, data: b64(sent) });
  return uploadId;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-result-uploads-'));
  service = new DataService({ dir });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('uploaded result files (DataService.uploadedFiles)', () => {
  it('maps each finished upload by its file name to the bytes received, then deletes them when discarded', async () => {
    const ids = [await upload('training-log.jsonl', '{"event":"start"}\n'), await upload('model.json', '{}')];
    const files = service.uploadedFiles(ids);
    expect(Object.keys(files)).toEqual(['training-log.jsonl', 'model.json']);
    expect(readFileSync(files['model.json'], 'utf8')).toBe('{}');
    await service.discardUploads(ids);
    expect(existsSync(files['model.json'])).toBe(false);
    expect(() => service.uploadedFiles(ids)).toThrow(/There is no upload/);
  });

  it('refuses two uploads of one name and an unfinished upload, naming the file', async () => {
    const a = await upload('model.json', '{}');
    const b = await upload('model.json', '{}');
    expect(() => service.uploadedFiles([a, b])).toThrow(/Two of the uploaded files are named model\.json/);
    const { uploadId } = await service.uploadBegin({ name: 'weights.bin', size: 8 });
    await service.uploadChunk({ uploadId, offset: 0, data: b64('1234') });
    expect(() => service.uploadedFiles([uploadId])).toThrow(/Upload weights\.bin is incomplete: 4 of 8 bytes/);
  });
});
