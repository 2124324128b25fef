import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decodeRows } from '../../src/shared/api/numbers';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataProgress, TrainEvent } from '../../src/shared/api/contract';
import { parseProject } from '../../src/shared/project/load';
import type { CsvDataset, Project } from '../../src/shared/project/schema';
import { DataService } from '../../src/main/data/service';
import { loadCsvDataset } from '../../src/main/data/load-csv';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';

/**
 * CSV import through the real DataService and its worker thread (built out/main/csv-worker.js),
 * and training on the result in the real trainer process. Build first: `npx electron-vite build`.
 */
const WORKER = path.resolve(__dirname, '../../out/main/csv-worker.js');
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');
const IRIS = path.resolve(__dirname, '../fixtures/csv/iris-like.csv');

let dir: string;
beforeAll(() => {
  for (const file of [WORKER, TRAINER]) if (!existsSync(file)) throw new Error(`${file} is missing: run npx electron-vite build first.`);
  dir = mkdtempSync(path.join(tmpdir(), 'neurite-data-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function upload(service: DataService, name: string, bytes: Buffer, chunk = 8 * 1024 * 1024): Promise<string> {
  const { uploadId } = await service.uploadBegin({ name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    await service.uploadChunk({ uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
  }
  return uploadId;
}

/** Rows like "x0,...,x7,class": class k has features centred on k, so the label is learnable. */
async function writeBigCsv(file: string, targetBytes: number): Promise<{ rows: number; firstRow: number[] }> {
  const out = createWriteStream(file);
  out.write('f0,f1,f2,f3,f4,f5,f6,f7,kind\n');
  let bytes = 0;
  let rows = 0;
  let firstRow: number[] = [];
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 10000; i++) {
      const k = rows % 3;
      const values = Array.from({ length: 8 }, () => Number((k + random()).toFixed(4)));
      if (rows === 0) firstRow = values;
      lines.push(`${values.join(',')},${['alpha', 'beta', 'gamma'][k]}`);
      rows++;
    }
    const text = `${lines.join('\n')}\n`;
    bytes += text.length;
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { rows, firstRow };
}

describe('CSV import service', () => {
  it('imports a ~100 MB file in a worker with ordered progress, while the event loop stays free', async () => {
    const file = path.join(dir, 'big.csv');
    const { rows, firstRow } = await writeBigCsv(file, 100 * 1024 * 1024);
    const events: DataProgress[] = [];
    const service = new DataService({ dir, workerScript: WORKER, pickCsvFile: async () => file, emit: (p) => events.push(p) });
    const { upload } = await service.openCsv();
    expect(upload).not.toBeNull();
    const preview = await service.inspect({ uploadId: upload!.uploadId });
    expect(preview.delimiter).toBe(',');
    expect(preview.columns.map((c) => c.role)).toEqual([...Array(8).fill('feature'), 'label']);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const result = await service.importCsv({
      uploadId: upload!.uploadId,
      delimiter: preview.delimiter,
      header: preview.header,
      columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })),
      normalize: true,
      classLabels: 'index',
    });
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const size = result.dataset.file.size;
    console.log(
      `[csv import] ${rows} rows, ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s (${(size / 1e6 / seconds).toFixed(1)} MB/s); ` +
        `main event loop delay max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; ${events.length} progress events`,
    );

    expect(result.dataset).toMatchObject({ kind: 'csv', rows, labelEncoding: 'index', normalize: true });
    // Projects are shared: no absolute path of this computer goes into them (issue 11).
    expect(result.dataset.path).toBeUndefined();
    expect(result.dataset.embedded).toBeUndefined();
    expect(result.dataset.transform.classNames).toEqual(['alpha', 'beta', 'gamma']);
    expect(result.classCounts!.reduce((a, b) => a + b, 0)).toBe(rows);
    expect(result.sample.x[0]).toEqual(firstRow.map((v) => Math.fround(v)));
    expect(result.sample.y.slice(0, 3)).toEqual([[0], [1], [2]]);

    const phases = ['parsing', 'encoding', 'saving', 'done'];
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((e) => e.uploadId === upload!.uploadId)).toBe(true);
    for (let i = 1; i < events.length; i++) {
      expect(phases.indexOf(events[i].phase)).toBeGreaterThanOrEqual(phases.indexOf(events[i - 1].phase));
      expect(events[i].bytes).toBeGreaterThanOrEqual(events[i - 1].bytes);
      expect(events[i].rows).toBeGreaterThanOrEqual(events[i - 1].rows);
    }
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytes: size, totalBytes: size, rows });
    expect(events.filter((e) => e.phase === 'parsing').length).toBeGreaterThan(3);

    // Training reads the cached parse, not the CSV.
    const data = loadCsvDataset(result.dataset as CsvDataset, dir);
    expect(data).toMatchObject({ rows, numFeatures: 8, labelWidth: 1, numClasses: 3 });
    const mean = result.dataset.transform.means[0];
    const std = result.dataset.transform.stds[0];
    expect(data.x[0]).toBeCloseTo((firstRow[0] - mean) / std, 4);
    rmSync(file);
  }, 300_000);

  it('takes a browser upload in chunks, keeps it under its hash and embeds small files', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const bytes = readFileSync(IRIS);
    const uploadId = await upload(service, 'iris-like.csv', bytes, 1000);
    await expect(service.uploadChunk({ uploadId, offset: 0, data: 'AA==' })).rejects.toMatchObject({ code: 'upload-closed' });
    const preview = await service.inspect({ uploadId });
    expect(preview.columns.at(-1)).toMatchObject({ name: 'species', type: 'categorical', role: 'label' });
    const result = await service.importCsv({
      uploadId,
      delimiter: ',',
      header: true,
      columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })),
      normalize: false,
      classLabels: 'onehot',
    });
    expect(result.dataset.embedded).toBe(bytes.toString('utf8'));
    expect(result.dataset.path).toBeUndefined();
    expect(existsSync(path.join(dir, 'files', `${result.dataset.file.sha256}.csv`))).toBe(true);
    const sample = await service.sample(result.dataset as CsvDataset);
    expect(sample.x).toEqual(result.sample.x);
  });

  it('reports a bad file with its line and column, and refuses out-of-order chunks', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const text = readFileSync(path.resolve(__dirname, '../fixtures/csv/text-in-numeric.csv'), 'utf8');
    const uploadId = await upload(service, 'people.csv', Buffer.from(text));
    const columns = text
      .split('\n')[0]
      .split(',')
      .map((name, i) => ({ name, type: i === 0 || i === 3 ? ('categorical' as const) : ('numeric' as const), role: i === 0 ? ('ignored' as const) : i === 3 ? ('label' as const) : ('feature' as const) }));
    await expect(
      service.importCsv({ uploadId, delimiter: ',', header: true, columns, normalize: false, classLabels: 'index' }),
    ).rejects.toMatchObject({ code: 'not-a-number', message: expect.stringContaining("Line 52, column 'age': expected a number, got 'abc'"), details: [{ line: 52, column: 'age' }] });

    const { uploadId: partial } = await service.uploadBegin({ name: 'x.csv', size: 10 });
    await expect(service.uploadChunk({ uploadId: partial, offset: 4, data: 'AAAA' })).rejects.toMatchObject({ code: 'upload-order' });
    await expect(service.inspect({ uploadId: partial })).rejects.toMatchObject({ code: 'upload-incomplete' });
    await service.dispose();
  });
});

describe('training on an imported CSV', () => {
  it('trains a classifier in the trainer process from the import store and predicts with the stored transform', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const bytes = readFileSync(IRIS);
    const uploadId = await upload(service, 'iris-like.csv', bytes);
    const preview = await service.inspect({ uploadId });
    const { dataset } = await service.importCsv({
      uploadId,
      delimiter: ',',
      header: true,
      columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })),
      normalize: true,
      classLabels: 'onehot',
    });
    // The trainer must find the rows without the embedded copy: only the store has them.
    const stored: CsvDataset = { ...(dataset as CsvDataset), embedded: undefined };
    delete stored.embedded;
    const loaded = parseProject(readFileSync(path.resolve(__dirname, '../../resources/templates/keras-tutorial-classifier.neurite'), 'utf8'), 'template');
    if (!loaded.ok) throw new Error(loaded.error.message);
    const project: Project = loaded.project;
    project.dataset = stored;
    project.graph.nodes.find((n) => n.id === 'input')!.params.shape = [4];
    project.graph.nodes.find((n) => n.id === 'hidden')!.params.units = 16;
    project.graph.nodes.find((n) => n.id === 'output')!.params.units = 3;
    project.training = { ...project.training, epochs: 60, batchSize: 16, optimizer: { type: 'adam', learningRate: 0.05 } };

    const events: TrainEvent[] = [];
    let finished!: (e: TrainEvent) => void;
    const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
    const host = new TrainerHost(
      () => forkNodeTrainer(TRAINER),
      (e) => {
        events.push(e);
        if (e.type === 'done' || e.type === 'failed') finished(e);
      },
    );
    try {
      const { runId } = await host.start(project);
      const end = await done;
      expect(end, JSON.stringify(end)).toMatchObject({ type: 'done', reason: 'completed' });
      expect((end as Extract<TrainEvent, { type: 'done' }>).finalLogs.acc).toBeGreaterThan(0.85);
      // Raw, un-normalised values of each class centre: prediction applies the stored z-score.
      const outputs = decodeRows(
        (
          await host.predict(runId, [
            [5.0, 3.4, 1.5, 0.25],
            [6.6, 3.0, 5.6, 2.0],
          ])
        ).outputs,
      );
      expect(outputs[0].indexOf(Math.max(...outputs[0]))).toBe(0);
      expect(outputs[1].indexOf(Math.max(...outputs[1]))).toBe(2);
    } finally {
      host.dispose();
    }
  }, 120_000);
});

describe('split checks use every row, not the editor sample (issue 9)', () => {
  it("the worker summarises all rows' labels: a class that only starts after the sample is seen, and the sorted-file warning raised", async () => {
    // 2500 rows of class "a", then 1000 of "b": the 2000-row sample holds only "a".
    const lines = ['u,v,kind'];
    for (let r = 0; r < 3500; r++) lines.push(`${(r * 0.37) % 5},${(r * 1.3) % 7},${r < 2500 ? 'a' : 'b'}`);
    const service = new DataService({ dir, workerScript: WORKER });
    const uploadId = await upload(service, 'sorted.csv', Buffer.from(`${lines.join('\n')}\n`));
    const preview = await service.inspect({ uploadId });
    const result = await service.importCsv({ uploadId, delimiter: preview.delimiter, header: preview.header, columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })), normalize: true, classLabels: 'index' });
    expect(new Set(result.sample.y.map((row) => row[0]))).toEqual(new Set([0]));
    const profile = result.sample.labels!;
    expect(profile).toMatchObject({ kind: 'classes', rows: 3500, counts: [2500, 1000], firstRow: [0, 2500], runs: 2 });
    const { checkSplit } = await import('../../src/shared/data/split');
    // 30% held out: training keeps rows 0–2449, all "a"; every "b" row is validated on.
    const end = checkSplit(profile, { validationSplit: 0.3, splitMode: 'end', seed: 1 });
    expect(end.map((p) => p.code)).toEqual(['split-class-not-trained', 'split-sorted-file']);
    expect(checkSplit(profile, { validationSplit: 0.2, splitMode: 'stratified', seed: 1 })).toEqual([]);
    // A reopened project asks for its sample again: the summary comes with it.
    expect((await service.sample(result.dataset)).labels).toEqual(profile);
    await service.dispose();
  });
});
