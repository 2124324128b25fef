import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataProgress } from '../../shared/api/contract';
import { DataService, MAX_WORKERS } from './service';
import { readParsedCache } from './store';
import { PEAK_FACTOR } from './preflight';

/**
 * Issue 12 (scale): an import that will not fit is refused before parsing, and a running import
 * can be cancelled without leaving a cache file behind. Real worker thread (npm run build first),
 * real files.
 */
const WORKER = resolve(__dirname, '../../../out/main/csv-worker.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-data-scale-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS = [
  { name: 'a', type: 'numeric', role: 'feature' },
  { name: 'b', type: 'numeric', role: 'feature' },
  { name: 'kind', type: 'categorical', role: 'label' },
] as const;

function smallCsv(rows: number): string {
  const lines = ['a,b,kind'];
  for (let r = 0; r < rows; r++) lines.push(`${r % 97},${(r * 0.5).toFixed(1)},${r % 2 ? 'x' : 'y'}`);
  return `${lines.join('\n')}\n`;
}

/** Writes about `megabytes` MB of rows; returns the data rows written. */
async function bigCsv(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('a,b,kind\n');
  const block = `${Array.from({ length: 10_000 }, (_, r) => `${r % 97}.25,${r}.5,${r % 2 ? 'x' : 'y'}`).join('\n')}\n`;
  let rows = 0;
  for (let bytes = 0; bytes < megabytes * 1e6; bytes += block.length, rows += 10_000) {
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return rows;
}

const cacheFiles = () => (existsSync(join(dir, 'store', 'parsed')) ? readdirSync(join(dir, 'store', 'parsed')) : []);

function service(file: string, events: DataProgress[], memoryBoundBytes?: number): DataService {
  return new DataService({ dir: join(dir, 'store'), workerScript: WORKER, pickCsvFile: async () => file, emit: (p) => events.push(p), memoryBoundBytes });
}

const request = (uploadId: string) => ({ uploadId, delimiter: ',' as const, header: true, columns: [...COLUMNS], normalize: true, classLabels: 'index' as const });

describe('import preflight', () => {
  it('refuses a file whose estimate exceeds the bound before parsing any row, naming both numbers and what to do', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, smallCsv(2000));
    const events: DataProgress[] = [];
    const data = service(file, events, 10_000);
    const { upload } = await data.openCsv();
    const error = await data.importCsv(request(upload!.uploadId)).then(
      () => null,
      (e: unknown) => e,
    );
    // 2000 rows × 3 stored columns × 4 bytes × the factor.
    const needed = 2000 * 3 * 4 * PEAK_FACTOR;
    expect(error).toMatchObject({ code: 'too-large' });
    const message = (error as Error).message;
    expect(message).toContain(`rows.csv is too large to import: it needs about ${Math.round(needed / 1e3)} kB of memory (about 2,000 rows × 3 stored columns × 4 bytes × ${PEAK_FACTOR})`);
    expect(message).toContain('more than the 10 kB an import may use');
    expect(message).toMatch(/Set columns you do not need to "ignored".*import a sample of the file \(about (\d+) rows fit\)/);
    expect(Number(/about (\d+) rows fit/.exec(message)![1])).toBe(Math.floor(10_000 / (3 * 4 * PEAK_FACTOR)));
    expect(events.filter((e) => e.phase === 'parsing' || e.phase === 'saving')).toEqual([]);
    expect(events.at(-1)?.phase).toBe('failed');
    expect(cacheFiles()).toEqual([]);

    // The same file under the default bound imports.
    const ok = await service(file, []).openCsv();
    const imported = await service(file, []).importCsv(request(ok.upload!.uploadId)).catch((e: unknown) => e);
    expect(imported).toMatchObject({ code: 'no-upload' }); // uploads belong to their service
    const fresh = service(file, []);
    const picked = await fresh.openCsv();
    expect((await fresh.importCsv(request(picked.upload!.uploadId))).dataset.rows).toBe(2000);
  });

  it('estimates rows of a file larger than the preview from its head', async () => {
    const file = join(dir, 'big.csv');
    const real = await bigCsv(file, 3);
    const events: DataProgress[] = [];
    const data = service(file, events, 1e6);
    const { upload } = await data.openCsv();
    const error = await data.importCsv(request(upload!.uploadId)).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'too-large' });
    const rows = Number(/about ([\d,]+) rows/.exec((error as Error).message)![1].replace(/,/g, ''));
    // The head's mean bytes per row stands for the whole file: within 5% of the real count.
    expect(Math.abs(rows - real) / real).toBeLessThan(0.05);
    expect(events.some((e) => e.phase === 'parsing')).toBe(false);
  });
});

describe('import preflight of a workbook', () => {
  it('refuses a sheet whose stored matrix exceeds the bound, counted on the sheet read, before encoding; the same sheet imports under the default bound', async () => {
    const workbook = resolve(__dirname, '../../../test/fixtures/xlsx/two-sheets.xlsx');
    const iris = {
      uploadId: '',
      delimiter: ',' as const,
      header: true,
      sheet: 'Iris',
      columns: [
        { name: 'sepal_length', type: 'numeric', role: 'feature' },
        { name: 'sepal_width', type: 'numeric', role: 'feature' },
        { name: 'petal_length', type: 'numeric', role: 'feature' },
        { name: 'species', type: 'categorical', role: 'label' },
      ] as const,
      normalize: true,
      classLabels: 'index' as const,
    };
    const events: DataProgress[] = [];
    const small = service(workbook, events, 100);
    const { upload } = await small.openCsv();
    const error = await small.importCsv({ ...iris, columns: [...iris.columns], uploadId: upload!.uploadId }).catch((e: unknown) => e as Error);
    // 10 rows × 4 stored columns × 4 bytes × the factor.
    expect(error).toMatchObject({ code: 'too-large' });
    expect((error as Error).message).toContain(`two-sheets.xlsx is too large to import: it needs about ${Math.round(10 * 4 * 4 * PEAK_FACTOR)} bytes of memory (about 10 rows × 4 stored columns`);
    expect(events.some((e) => e.phase === 'encoding' || e.phase === 'saving')).toBe(false);
    expect(cacheFiles()).toEqual([]);
    const fine = service(workbook, []);
    const picked = await fine.openCsv();
    expect((await fine.importCsv({ ...iris, columns: [...iris.columns], uploadId: picked.upload!.uploadId })).dataset.rows).toBe(10);
  });
});

describe('import cancel', () => {
  it('terminates the running import: data.import rejects with cancelled, no cache file is left', async () => {
    const file = join(dir, 'large.csv');
    await bigCsv(file, 40);
    const events: DataProgress[] = [];
    const data = service(file, events);
    const { upload } = await data.openCsv();
    expect(await data.cancel(upload!.uploadId)).toEqual({ cancelled: false });
    const running = data.importCsv(request(upload!.uploadId)).catch((e: unknown) => e);
    await expect.poll(() => events.some((e) => e.phase === 'parsing' && e.bytes > 0), { timeout: 30_000, interval: 20 }).toBe(true);
    expect(await data.cancel(upload!.uploadId)).toEqual({ cancelled: true });
    const error = await running;
    expect(error).toMatchObject({ code: 'cancelled', message: 'The import of large.csv was cancelled; the project is unchanged.' });
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(cacheFiles()).toEqual([]);
    // The upload is still there: importing it again works.
    const again = await data.importCsv(request(upload!.uploadId));
    expect(again.dataset.rows).toBeGreaterThan(1_000_000);
  }, 120_000);

  it('cancelled while saving: no temp file is left, and any cache file is complete', async () => {
    const file = join(dir, 'large.csv');
    await bigCsv(file, 20);
    const events: DataProgress[] = [];
    let data: DataService;
    let uploadId = '';
    const saving = new Promise<void>((resolveSaving) => {
      data = new DataService({
        dir: join(dir, 'store'),
        workerScript: WORKER,
        pickCsvFile: async () => file,
        emit: (p) => {
          events.push(p);
          if (p.phase === 'saving') {
            void data.cancel(uploadId);
            resolveSaving();
          }
        },
      });
    });
    uploadId = (await data!.openCsv()).upload!.uploadId;
    const error = await data!.importCsv(request(uploadId)).catch((e: unknown) => e);
    await saving;
    expect(error).toMatchObject({ code: 'cancelled' });
    const files = cacheFiles();
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of files) expect(readParsedCache(join(dir, 'store'), f.replace(/\.bin$/, ''))).not.toBeNull();
  }, 120_000);

  it('cancels an import still waiting for a worker at once, without touching the running ones', async () => {
    const file = join(dir, 'large.csv');
    await bigCsv(file, 40);
    const events: DataProgress[] = [];
    const data = service(file, events);
    const uploads: string[] = [];
    for (let i = 0; i <= MAX_WORKERS; i++) uploads.push((await data.openCsv()).upload!.uploadId);
    const running = uploads.slice(0, MAX_WORKERS).map((id) => data.importCsv(request(id)).catch((e: unknown) => e));
    const queued = uploads[MAX_WORKERS];
    const waiting = data.importCsv(request(queued)).catch((e: unknown) => e);
    await expect.poll(() => events.filter((e) => e.phase === 'parsing').length, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    expect(await data.cancel(queued)).toEqual({ cancelled: true });
    expect(await waiting).toMatchObject({ code: 'cancelled' });
    // At once: the running imports have not finished (they would free a slot for it).
    expect(events.some((e) => e.phase === 'done' || e.phase === 'saving')).toBe(false);
    expect(events.filter((e) => e.uploadId === queued).map((e) => e.phase)).toEqual(['cancelled']);
    expect(data.workersStarted).toBe(MAX_WORKERS);
    for (const id of uploads.slice(0, MAX_WORKERS)) await data.cancel(id);
    for (const result of await Promise.all(running)) expect(result).toMatchObject({ code: 'cancelled' });
    expect(cacheFiles()).toEqual([]);
  }, 120_000);
});
