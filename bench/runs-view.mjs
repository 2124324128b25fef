#!/usr/bin/env node
// Runs view benchmark (issue 15: "stays responsive with 500 runs in a project — measure it"; not a
// test). Writes a project with --runs remembered runs (real records from makeRunRecord, through
// test/tools/runs-project.ts in the built bench bundle), opens it in the editor through the real
// browser host in Chromium, and times, inside the page, from the user's action to the next frame
// painted after it: opening the Runs tab, sorting by a column (each way), typing a filter (per
// keystroke), selecting 5 runs for the overlay (per click), scrolling the table, changing the
// overlay's metric. Prints one row per action: median and worst of --repeats, and the page's
// longest task (PerformanceObserver 'longtask') during it.
// Needs the build: `npm run build && node bench/runs-view.mjs [--runs 500] [--epochs 50] [--repeats 5]`.
/* global window, document, localStorage, requestAnimationFrame, PerformanceObserver, HTMLInputElement, Event -- these run inside the page */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launchChromium, root, startBrowserHost } from './lib/browser-host.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const runs = option('--runs', 500);
const epochs = option('--epochs', 50);
const repeats = option('--repeats', 5);

const require = createRequire(import.meta.url);
const engine = require(path.join(root, 'out/main/bench.js'));
const work = mkdtempSync(path.join(tmpdir(), 'neurite-runs-bench-'));
const file = path.join(work, `runs-${runs}.neurite`);
writeFileSync(file, JSON.stringify(engine.runsProject(runs, { epochs })));

const { server, url } = await startBrowserHost();
const browser = await launchChromium();
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.evaluate(() => localStorage.setItem('neurite.bottomHeight', '420'));
  await page.reload();
  await page.getByTestId('open-button').waitFor();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ entryTypes: ['longtask'] });
    /** Runs `act` and resolves with the ms until the next frame after it is painted, and the longest task in between. */
    window.__time = async (act) => {
      const start = performance.now();
      act();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const end = performance.now();
      const longest = window.__longTasks.filter((l) => l.at + l.ms >= start && l.at <= end).reduce((m, l) => Math.max(m, l.ms), 0);
      return { ms: end - start, longest };
    };
    window.__click = (testId, within) => {
      const scope = within ? document.querySelector(`[data-testid="${within}"]`) : document;
      return window.__time(() => scope.querySelector(`[data-testid="${testId}"]`).click());
    };
    window.__type = (testId, text) =>
      window.__time(() => {
        const input = document.querySelector(`[data-testid="${testId}"]`);
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
  });

  const openStart = Date.now();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
  await chooser.setFiles(file);
  await page.waitForFunction((n) => document.querySelector('[data-testid="tab-runs"]')?.getAttribute('data-count') === String(n), runs, { timeout: 120_000 });
  const openMs = Date.now() - openStart;

  const record = (action, samples) => {
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    results.push({ action, n: ms.length, median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1], longest: Math.max(...samples.map((s) => s.longest)) });
  };

  const open = [];
  for (let i = 0; i < repeats; i++) {
    open.push(await page.evaluate(() => window.__click('tab-runs')));
    if (i < repeats - 1) await page.evaluate(() => window.__click('tab-run'));
  }
  record('open the Runs tab', open);
  const rendered = await page.getByTestId('runs-table').getAttribute('data-rendered-rows');

  const sort = [];
  for (let i = 0; i < repeats; i++) for (let k = 0; k < 3; k++) sort.push(await page.evaluate(() => window.__click('runs-sort-metric:val_loss')));
  record('sort by val_loss (asc, desc, off)', sort);
  const sortSetting = [];
  for (let i = 0; i < repeats; i++) for (let k = 0; k < 3; k++) sortSetting.push(await page.evaluate(() => window.__click('runs-sort-setting:optimizer.learningRate')));
  record('sort by learning rate (asc, desc, off)', sortSetting);

  const typing = [];
  const filter = 'val_loss<0.5 units=64';
  for (let i = 0; i < repeats; i++) {
    for (let k = 1; k <= filter.length; k++) typing.push(await page.evaluate((text) => window.__type('runs-filter', text), filter.slice(0, k)));
    typing.push(await page.evaluate(() => window.__type('runs-filter', '')));
  }
  record(`type the filter "${filter}" (per keystroke)`, typing);
  const words = [];
  for (let i = 0; i < repeats; i++) {
    words.push(await page.evaluate(() => window.__type('runs-filter', 'learned')));
    words.push(await page.evaluate(() => window.__type('runs-filter', '')));
  }
  record('free-text filter "learned" and clear', words);

  const select = [];
  const overlay = [];
  for (let i = 0; i < repeats; i++) {
    for (let n = 1; n <= 5; n++) select.push(await page.evaluate((n) => window.__click(`run-select-${n}`), n));
    overlay.push(await page.evaluate(() => window.__click('runs-clear-selection')));
  }
  record('select a run for the overlay (5 in turn)', select);
  record('clear 5 selected (overlay closes)', overlay);
  for (let n = 1; n <= 5; n++) await page.getByTestId(`run-select-${n}`).check();
  const series = await page.getByTestId('runs-overlay').getAttribute('data-series');
  const metric = [];
  for (let i = 0; i < repeats; i++) {
    for (const m of ['loss', 'val_accuracy']) {
      metric.push(
        await page.evaluate(
          (m) =>
            window.__time(() => {
              const select = document.querySelector('[data-testid="runs-metric"]');
              select.value = m;
              select.dispatchEvent(new Event('change', { bubbles: true }));
            }),
          m,
        ),
      );
    }
  }
  record('change the overlay metric (5 runs)', metric);

  const scroll = [];
  for (let i = 0; i < repeats; i++) {
    for (const to of [0.5, 1, 0]) {
      scroll.push(
        await page.evaluate(
          (to) =>
            window.__time(() => {
              const el = document.querySelector('[data-testid="runs-table"]');
              el.scrollTop = (el.scrollHeight - el.clientHeight) * to;
              el.dispatchEvent(new Event('scroll'));
            }),
          to,
        ),
      );
    }
  }
  record('scroll the table (middle, end, top)', scroll);

  // A note is kept when its field is left: the document's runs change, the table follows.
  const notes = [];
  for (let i = 0; i < repeats; i++) {
    notes.push(
      await page.evaluate(
        (i) =>
          window.__time(() => {
            const input = document.querySelector('[data-testid="run-row-1"] [data-testid="run-note"]');
            input.focus();
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, `note ${i}`);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.blur();
          }),
        i,
      ),
    );
  }
  record('edit a note and leave the field (kept)', notes);

  const fileMb = statSync(file).size / 1e6;
  console.log(
    `Runs view, ${runs} runs of ${epochs} epochs (${fileMb.toFixed(1)} MB project), headless Chromium (${process.platform}, software rendering); ` +
      `opening the file until the Runs tab counts them: ${openMs} ms; rows in the DOM: ${rendered}; overlay series with 5 selected: ${series}`,
  );
  console.log(`${'action'.padEnd(56)}   n   median ms   max ms   longest task ms`);
  for (const r of results) console.log(`${r.action.padEnd(56)} ${String(r.n).padStart(3)} ${r.median.toFixed(1).padStart(11)} ${r.max.toFixed(1).padStart(8)} ${r.longest.toFixed(0).padStart(17)}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
