// Large CSV import benchmark (issue 12, "Scale"): generates a CSV of the given size (10 numeric
// features + a 3-class label) in a temp folder outside the repo and imports it through the real
// DataService (out/main/bench.js) and its worker thread (out/main/csv-worker.js), as the app does.
// Prints a table: time, rows/s, MB/s, the process's peak resident memory during the import
// (main is idle, so the growth is the worker's), the worker's V8 heap (largest reported with
// progress), and main's event-loop delay while it runs.
// Build first: npm run build.
//
//   node bench/import-large.mjs            # 1 GB (1000 MB)
//   node bench/import-large.mjs --quick    # 100 MB
//   node bench/import-large.mjs --mb 200 [--keep]   # any size; --keep leaves the CSV for another run
//   node bench/import-large.mjs --quick --browser   # also through the browser host in Chromium:
//       upload and import from the page, with the page's longest task (PerformanceObserver 'longtask')
import { createRequire } from 'node:module';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const BUNDLE = join(root, 'out/main/bench.js');
const WORKER = join(root, 'out/main/csv-worker.js');
if (!existsSync(BUNDLE) || !existsSync(WORKER)) {
  console.error('bench: out/main/bench.js or csv-worker.js is missing; run npm run build first.');
  process.exit(1);
}
const { DataService } = createRequire(import.meta.url)(BUNDLE);

const { values } = parseArgs({ options: { mb: { type: 'string' }, quick: { type: 'boolean' }, keep: { type: 'boolean' }, dir: { type: 'string' }, browser: { type: 'boolean' } } });
const megabytes = Number(values.mb ?? (values.quick ? 100 : 1000));
const FEATURES = 10;
const CLASSES = ['setosa', 'versicolor', 'virginica'];
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'neurite-import-large-'));
const file = join(dir, `large-${megabytes}mb.csv`);

/** Deterministic rows: class k's features are k + uniform noise, 4 decimals. Returns the data rows written. */
async function writeCsv(path, mb) {
  const out = createWriteStream(path);
  out.write(`${Array.from({ length: FEATURES }, (_, i) => `f${i}`).join(',')},species\n`);
  let bytes = 0;
  let rows = 0;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  while (bytes < mb * 1e6) {
    const lines = [];
    for (let i = 0; i < 10000; i++, rows++) {
      const k = rows % 3;
      const fields = [];
      for (let f = 0; f < FEATURES; f++) fields.push((k + random()).toFixed(4));
      lines.push(`${fields.join(',')},${CLASSES[k]}`);
    }
    const text = `${lines.join('\n')}\n`;
    bytes += text.length;
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return rows;
}

let written;
if (existsSync(file)) {
  written = undefined;
} else {
  const t0 = performance.now();
  written = await writeCsv(file, megabytes);
  console.error(`wrote ${file} (${written} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const size = statSync(file).size;

const store = mkdtempSync(join(tmpdir(), 'neurite-import-large-store-'));
let progressEvents = 0;
let lastFraction = 0;
let heapPeak = 0;
const service = new DataService({ dir: store, workerScript: WORKER, pickCsvFile: async () => file, emit: (p) => {
  progressEvents++;
  if (p.phase === 'parsing') lastFraction = p.bytes / p.totalBytes;
  heapPeak = Math.max(heapPeak, p.heapBytes ?? 0);
} });
const { upload } = await service.openCsv({});
const columns = [...Array.from({ length: FEATURES }, (_, i) => ({ name: `f${i}`, type: 'numeric', role: 'feature' })), { name: 'species', type: 'categorical', role: 'label' }];

// Main's delay with nothing running, for comparison (the machine's own scheduling noise).
const idle = monitorEventLoopDelay({ resolution: 10 });
idle.enable();
await new Promise((r) => setTimeout(r, 3000));
idle.disable();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const started = performance.now();
const result = await service.importCsv({ uploadId: upload.uploadId, delimiter: ',', header: true, columns, normalize: true, classLabels: 'index' });
const seconds = (performance.now() - started) / 1000;
delay.disable();
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const rows = result.dataset.rows;
if (written !== undefined && rows !== written) throw new Error(`imported ${rows} rows, wrote ${written}`);
if (lastFraction <= 0) throw new Error('no parsing progress was reported');

const storedBytes = rows * (FEATURES + 1) * 4;
const mb = (n) => (n / 1e6).toFixed(0);
console.log(`Large CSV import through DataService + worker thread (${FEATURES} numeric features + a 3-class label), Node ${process.version}`);
console.table([
  {
    'file MB': (size / 1e6).toFixed(0),
    rows,
    seconds: seconds.toFixed(1),
    'rows/s': Math.round(rows / seconds),
    'MB/s': (size / 1e6 / seconds).toFixed(1),
    'stored MB (rows×cols×4)': mb(storedBytes),
    'peak RSS MB (process)': mb(rssPeak),
    'RSS growth MB': mb(rssPeak - rssBefore),
    'growth / stored': ((rssPeak - rssBefore) / storedBytes).toFixed(2),
    'worker heap max MB': mb(heapPeak),
    'progress events': progressEvents,
    'main max delay ms': (delay.max / 1e6).toFixed(1),
    'main p99 delay ms': (delay.percentile(99) / 1e6).toFixed(1),
    'idle max / p99 ms': `${(idle.max / 1e6).toFixed(1)} / ${(idle.percentile(99) / 1e6).toFixed(1)}`,
  },
]);
await service.dispose();
rmSync(store, { recursive: true, force: true });
if (values.browser) await throughBrowser();
if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true });
else console.error(`kept ${file}`);

/** The same file uploaded and imported from the page of the browser host, as a user would. */
async function throughBrowser() {
  const { startBrowserHost, launchChromium } = await import('./lib/browser-host.mjs');
  const { server, url } = await startBrowserHost();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      globalThis.__longTasks = [];
      new globalThis.PerformanceObserver((list) => globalThis.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.getByTestId('palette-Input').waitFor();
    await page.getByTestId('dataset-import-csv').click();
    const longest = () => page.evaluate(() => {
      const tasks = globalThis.__longTasks.splice(0);
      return { count: tasks.length, max: tasks.length ? Math.max(...tasks) : 0 };
    });
    await longest();
    const t0 = performance.now();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor({ timeout: 600_000 });
    const uploadSeconds = (performance.now() - t0) / 1000;
    const upload = await longest();
    const t1 = performance.now();
    await page.getByTestId('csv-import').click();
    await page.getByTestId('csv-dialog').waitFor({ state: 'detached', timeout: 600_000 });
    const importSeconds = (performance.now() - t1) / 1000;
    const imported = await longest();
    console.log('Through the browser host (Chromium): the page\'s long tasks (> 50 ms) while uploading, then while importing');
    console.table([
      { phase: 'upload + preview', seconds: uploadSeconds.toFixed(1), 'long tasks': upload.count, 'longest task ms': upload.max.toFixed(0) },
      { phase: 'import', seconds: importSeconds.toFixed(1), 'long tasks': imported.count, 'longest task ms': imported.max.toFixed(0) },
    ]);
  } finally {
    await browser.close();
    server.kill();
  }
}
