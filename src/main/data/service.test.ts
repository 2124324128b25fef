import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCsvDataset } from './load-csv';
import { MAX_HELD_UPLOADS, MAX_OPEN_UPLOADS, MAX_QUEUED_JOBS, MAX_WORKERS, DataService } from './service';
import { parseKey } from './store';

/**
 * Resource bounds of the CSV import service against a client that holds the token (issue 11,
 * finding 6), with the real worker thread (built out/main/csv-worker.js) and real files.
 */
const WORKER = resolve(__dirname, '../../../out/main/csv-worker.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-data-bounds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const openFiles = () => readdirSync('/proc/self/fd').length;
const parts = () => readdirSync(join(dir, 'uploads')).filter((f) => f.endsWith('.part'));
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('DataService bounds', () => {
  it.skipIf(!existsSync('/proc/self/fd'))('holds no file handle for an unfinished upload, and refuses more than MAX_OPEN_UPLOADS at once', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const before = openFiles();
    const begun: string[] = [];
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      try {
        const { uploadId } = await service.uploadBegin({ name: `f${i}.csv`, size: 1000 });
        await service.uploadChunk({ uploadId, offset: 0, data: b64('a,b\n') });
        begun.push(uploadId);
      } catch (error) {
        expect(error).toMatchObject({ code: 'too-many-uploads', message: expect.stringContaining(`${MAX_OPEN_UPLOADS} uploads are already in progress`) });
        refused++;
      }
    }
    expect(begun.length).toBe(MAX_OPEN_UPLOADS);
    expect(refused).toBe(300 - MAX_OPEN_UPLOADS);
    expect(openFiles() - before).toBeLessThanOrEqual(2);
    expect(parts().length).toBe(MAX_OPEN_UPLOADS);
    await service.dispose();
    expect(parts()).toEqual([]);
  });

  it('two chunks at the same offset: one is written, the other refused, and the upload is never "complete" with a hole', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const { uploadId } = await service.uploadBegin({ name: 'x.csv', size: 8 });
    const results = await Promise.allSettled([
      service.uploadChunk({ uploadId, offset: 0, data: b64('a,b\n') }),
      service.uploadChunk({ uploadId, offset: 0, data: b64('c,d\n') }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'upload-order' });
    await expect(service.inspect({ uploadId })).rejects.toMatchObject({ code: 'upload-incomplete' });
    await service.uploadChunk({ uploadId, offset: 4, data: b64('1,2\n') });
    const [part] = parts();
    expect(readFileSync(join(dir, 'uploads', part), 'utf8')).toBe('a,b\n1,2\n');
    await service.dispose();
  });

  it(`keeps at most MAX_HELD_UPLOADS (${MAX_HELD_UPLOADS}) finished uploads, dropping the least recently used`, async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    for (let i = 0; i < 200; i++) {
      const { uploadId } = await service.uploadBegin({ name: `f${i}.csv`, size: 4 });
      await service.uploadChunk({ uploadId, offset: 0, data: b64('a,b\n') });
    }
    expect(parts().length).toBe(MAX_HELD_UPLOADS);
    await service.dispose();
    expect(parts()).toEqual([]);
  });

  it('deletes .part files a dead host left behind when it starts, and keeps a live one', () => {
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, 'uploads', `${dead}-${'a'.repeat(32)}.part`), 'half a file');
    writeFileSync(join(dir, 'uploads', `${'b'.repeat(32)}.part`), 'from an older version');
    writeFileSync(join(dir, 'uploads', `${process.ppid}-${'c'.repeat(32)}.part`), 'another live host');
    new DataService({ dir, workerScript: WORKER });
    expect(parts()).toEqual([`${process.ppid}-${'c'.repeat(32)}.part`]);
  });

  it(`runs at most MAX_WORKERS (${MAX_WORKERS}) CSV workers at once and refuses beyond ${MAX_QUEUED_JOBS} waiting`, async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const { uploadId } = await service.uploadBegin({ name: 'x.csv', size: 8 });
    await service.uploadChunk({ uploadId, offset: 0, data: b64('a,b\n1,2\n') });
    const total = MAX_WORKERS + MAX_QUEUED_JOBS + 10;
    const results = await Promise.allSettled(Array.from({ length: total }, () => service.inspect({ uploadId })));
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'busy');
    expect(busy.length).toBe(10);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(total - 10);
    expect(service.peakWorkers).toBe(MAX_WORKERS);
    expect(service.workersStarted).toBe(total - 10);
    await service.dispose();
  });

  it('a desktop import keeps no absolute path in the project, and this computer can still re-read the file', async () => {
    const folder = join(dir, 'Users', 'alice', 'private');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'points.csv');
    const text = 'x,y\n' + Array.from({ length: 3000 }, (_, i) => `${i},${2 * i}`).join('\n') + '\n';
    writeFileSync(file, text);
    const service = new DataService({ dir, workerScript: WORKER, pickCsvFile: async () => file });
    const { upload } = await service.openCsv();
    const { dataset } = await service.importCsv({
      uploadId: upload!.uploadId,
      delimiter: ',',
      header: true,
      columns: [
        { name: 'x', type: 'numeric', role: 'feature' },
        { name: 'y', type: 'numeric', role: 'label' },
      ],
      normalize: false,
      classLabels: 'index',
    });
    expect(JSON.stringify(dataset)).not.toContain(folder);
    expect(dataset.path).toBeUndefined();
    expect(dataset.file.name).toBe('points.csv');
    // Without the parsed cache, the trainer re-reads the original (hash-checked) through this computer's own note.
    rmSync(join(dir, 'parsed', `${parseKey(dataset)}.bin`));
    const spec = { ...dataset, embedded: undefined };
    expect(loadCsvDataset(spec, dir).rows).toBe(3000);
    await service.dispose();
  });
});
