#!/usr/bin/env node
// Chart streaming benchmark (not a test): opens the editor in Chromium through the real browser
// host, loads the circles template, trains it with batch size 1 (one loss point per batch) until
// the loss chart holds --points batch points, and measures frame times with requestAnimationFrame
// in the page while the points stream in. Prints one row per slice of points.
// Needs the build: `npx electron-vite build && node bench/chart-stream.mjs`.
// Options: --points 100000   --max-seconds 600   --slices 5   NEURITE_CHROMIUM=/path/to/chromium
/* global window, document, requestAnimationFrame, PerformanceObserver -- these run inside the page */
import { launchChromium, startBrowserHost, summariseFrames } from './lib/browser-host.mjs';
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const target = Number(option('--points', '100000'));
const maxSeconds = Number(option('--max-seconds', '600'));
const slices = Number(option('--slices', '5'));



async function fill(page, testId, value) {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.blur();
}

const { server, url } = await startBrowserHost();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.getByTestId('palette-Input').waitFor();
  await page.getByTestId('template-picker').selectOption('playground-circles');
  // The template opens asynchronously; settings typed before it lands would be replaced.
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 1);
  await fill(page, 'setting-batchSize', '1');
  await fill(page, 'setting-epochs', '100000');
  const chart = page.getByTestId('chart-loss');
  await page.evaluate(() => {
    window.__frames = [];
    window.__longTasks = [];
    window.__recording = true;
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ entryTypes: ['longtask'] });
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByTestId('train-button').click();
  const started = Date.now();
  /** (time in the page, batch points on the chart) samples, to cut the frames into slices of points. */
  const samples = [];
  let points = 0;
  while (points < target && Date.now() - started < maxSeconds * 1000) {
    await page.waitForTimeout(250);
    const sample = await chart.evaluate((el) => ({ at: performance.now(), points: Number(el.dataset.batchPoints ?? 0), drawn: Number(el.dataset.drawnPoints ?? 0) }));
    samples.push(sample);
    points = sample.points;
  }
  const seconds = (Date.now() - started) / 1000;
  const { frames, longTasks } = await page.evaluate(() => {
    window.__recording = false;
    return { frames: window.__frames, longTasks: window.__longTasks };
  });
  const status = await page.getByTestId('run-status').textContent();
  await page.getByTestId('stop-button').click().catch(() => {});

  const last = samples[samples.length - 1];
  console.log(
    `Loss chart streaming, circles template, batch size 1: ${last.points} batch points in ${seconds.toFixed(0)} s (${(last.points / seconds).toFixed(0)} points/s), ` +
      `headless Chromium (${process.platform}, software rendering); run status at the end: ${status}`,
  );
  console.log('batch points         frames  mean ms  p95 ms  max ms  >25ms    long tasks  drawn points at end');
  const step = Math.max(1, Math.ceil(last.points / slices));
  for (let lo = 0; lo < last.points; lo += step) {
    const hi = Math.min(last.points, lo + step);
    const from = samples.find((s) => s.points >= lo)?.at ?? 0;
    const toSample = samples.find((s) => s.points >= hi) ?? last;
    const inSlice = frames.filter((t) => t >= from && t <= toSample.at);
    const deltas = inSlice.slice(1).map((t, i) => t - inSlice[i]);
    const r = summariseFrames(deltas);
    const long = longTasks.filter((l) => l.at >= from && l.at <= toSample.at);
    console.log(
      [
        `${String(lo).padStart(6)}–${String(hi).padEnd(7)}`.padEnd(18),
        String(r.frames).padStart(8),
        r.mean.toFixed(1).padStart(8),
        r.p95.toFixed(1).padStart(7),
        r.max.toFixed(1).padStart(7),
        `${(r.slow * 100).toFixed(1)}%`.padStart(8),
        `${long.length} (max ${long.reduce((m, l) => Math.max(m, l.ms), 0).toFixed(0)} ms)`.padStart(19),
        String(toSample.drawn).padStart(12),
      ].join(' '),
    );
  }
  if (last.points < target) console.log(`stopped at ${last.points} of ${target} points after --max-seconds ${maxSeconds}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
