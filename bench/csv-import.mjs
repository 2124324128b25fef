// CSV import benchmark: generates CSV files of growing size, imports each through the built
// import worker (out/main/csv-worker.js, as DataService runs it) and prints a table with the
// main thread's worst event-loop delay while the worker parses. Build first: npx electron-vite build.
// Usage: node bench/csv-import.mjs [MB ...]   (default: 1 10 100)
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const WORKER = resolve(import.meta.dirname, '../out/main/csv-worker.js');
if (!existsSync(WORKER)) {
  console.error(`${WORKER} is missing: run npx electron-vite build first.`);
  process.exit(1);
}
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const targets = sizes.length ? sizes : [1, 10, 100];
const dir = mkdtempSync(join(tmpdir(), 'neurite-csv-bench-'));

async function writeCsv(file, megabytes) {
  const out = createWriteStream(file);
  out.write('f0,f1,f2,f3,f4,f5,f6,f7,kind\n');
  let bytes = 0;
  let rows = 0;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  while (bytes < megabytes * 1e6) {
    const lines = [];
    for (let i = 0; i < 10000; i++, rows++) {
      const k = rows % 3;
      lines.push(`${Array.from({ length: 8 }, () => (k + random()).toFixed(4)).join(',')},${['alpha', 'beta', 'gamma'][k]}`);
    }
    const text = `${lines.join('\n')}\n`;
    bytes += text.length;
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return rows;
}

function importFile(file) {
  const columns = [...Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, type: 'numeric', role: 'feature' })), { name: 'kind', type: 'categorical', role: 'label' }];
  const config = { delimiter: ',', header: true, columns };
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER);
    let progress = 0;
    worker.on('message', (reply) => {
      if (reply.type === 'progress') progress++;
      else if (reply.type === 'imported') {
        void worker.terminate();
        resolvePromise({ rows: reply.result.rows, progress });
      } else if (reply.type === 'error') reject(new Error(reply.error.message));
    });
    worker.on('error', reject);
    worker.postMessage({ type: 'import', path: file, config, dataDir: join(dir, 'store'), sampleRows: 2000 });
  });
}

const table = [];
for (const mb of targets) {
  const file = join(dir, `bench-${mb}.csv`);
  const written = await writeCsv(file, mb);
  const size = statSync(file).size;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const { rows, progress } = await importFile(file);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  if (rows !== written) throw new Error(`imported ${rows} rows, wrote ${written}`);
  table.push({
    rows,
    MB: (size / 1e6).toFixed(1),
    seconds: seconds.toFixed(2),
    'MB/s': (size / 1e6 / seconds).toFixed(1),
    'progress events': progress,
    'max event-loop delay (ms)': (delay.max / 1e6).toFixed(1),
    'p99 delay (ms)': (delay.percentile(99) / 1e6).toFixed(1),
  });
  rmSync(file);
}
rmSync(dir, { recursive: true, force: true });
console.log('CSV import through the worker thread (8 numeric features + a 3-class label per row)');
console.table(table);
