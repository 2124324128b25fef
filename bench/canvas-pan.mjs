#!/usr/bin/env node
// Canvas panning benchmark (not a test): opens the editor in Chromium through the real browser
// host, pastes a generated graph of N layers through the editor's own clipboard, pans the canvas
// with mouse drags for a few seconds, and measures frame times with requestAnimationFrame in the
// page. Prints one row per size.
// Needs the build: `npx electron-vite build && node bench/canvas-pan.mjs`.
// Options: --sizes 30,100,300   --seconds 4   --zoom fit|1   NEURITE_CHROMIUM=/path/to/chromium
/* global window, document, localStorage, requestAnimationFrame -- these run inside the page */
import { launchChromium, startBrowserHost, summariseFrames } from './lib/browser-host.mjs';
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '30,100,300').split(',').map(Number);
const seconds = Number(option('--seconds', '4'));
const zoom = option('--zoom', 'fit');
// Diagnostic: CSS injected before measuring, e.g. --css '.react-flow__edges{display:none}', to see what a part costs.
const extraCss = option('--css', '');

/** Chains of Input → Dense × 9, laid out on a grid, as the clipboard format the editor pastes. */
function fragment(count) {
  const nodes = [];
  const edges = [];
  const perChain = 10;
  for (let i = 0; i < count; i++) {
    const chain = Math.floor(i / perChain);
    const step = i % perChain;
    const id = `b${i}`;
    nodes.push(
      step === 0
        ? { id, type: 'Input', params: { shape: [4] }, position: { x: step * 240, y: chain * 130 } }
        : {
            id,
            type: 'Dense',
            params: { units: 8, activation: 'relu', useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 },
            position: { x: step * 240, y: chain * 130 },
          },
    );
    if (step > 0) edges.push({ id: `e-b${i - 1}-${id}`, source: `b${i - 1}`, target: id });
  }
  return { kind: 'neurite-fragment', nodes, edges };
}



/**
 * Counts LayerNode renders the way React DevTools does: a fake DevTools hook sees every commit,
 * and a function-component fiber with the PerformedWork flag rendered in that commit. LayerNode is
 * recognised by its props (it gets `data.graphNode`), since the production build renames functions.
 */
function installRenderCounter() {
  window.__layerNodeRenders = 0;
  const PerformedWork = 1;
  // Untouched subtrees keep their fiber objects (and stale flags) from the commit that rendered
  // them, so a render is a new fiber object for that node carrying the PerformedWork flag.
  const lastFiber = new Map();
  const visit = (fiber) => {
    for (let f = fiber; f; f = f.sibling) {
      const id = typeof f.type === 'function' ? f.memoizedProps?.data?.graphNode?.id : undefined;
      if (id !== undefined) {
        if (lastFiber.get(id) !== f && (f.flags & PerformedWork) === PerformedWork) window.__layerNodeRenders++;
        lastFiber.set(id, f);
      }
      if (f.child) visit(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    inject(renderer) {
      this.renderers.set(this.renderers.size + 1, renderer);
      return this.renderers.size;
    },
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      visit(root.current.child);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
}

async function measure(browser, url, count) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(installRenderCounter);
  await page.goto(url);
  await page.getByTestId('palette-Input').waitFor();
  await page.evaluate((text) => localStorage.setItem('neurite.clipboard', text), JSON.stringify(fragment(count)));
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => document.querySelectorAll('.layer-node').length >= Math.min(n, 1), count);
  await page.getByTestId('fit-view').click();
  if (zoom !== 'fit') {
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: /zoom in/i }).click();
  }
  if (extraCss) await page.addStyleTag({ content: extraCss });
  await page.waitForTimeout(600);
  const layers = await page.evaluate(() => Number(/(\d+)/.exec(document.querySelector('[data-testid="status-problems"]')?.textContent ?? '')?.[1] ?? 0));
  const rendered = await page.locator('.react-flow__node').count();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.evaluate(() => {
    window.__rendersBeforePan = window.__layerNodeRenders;
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const traceEvents = [];
  cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
  const traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const before = await metrics();
  const until = Date.now() + seconds * 1000;
  let direction = 1;
  while (Date.now() < until) {
    // Start each drag on empty canvas (a drag that starts on a node moves the node instead).
    const start = await page.evaluate(
      ({ box, dx, dy }) => {
        for (let gy = 0.1; gy < 0.95; gy += 0.07)
          for (let gx = 0.1; gx < 0.95; gx += 0.05) {
            const x = box.x + box.width * gx;
            const y = box.y + box.height * gy;
            const ok = (px, py) => document.elementFromPoint(px, py)?.classList.contains('react-flow__pane');
            if (ok(x, y) && x + dx > box.x && x + dx < box.x + box.width && y + dy > box.y && y + dy < box.y + box.height) return { x, y };
          }
        return null;
      },
      { box: pane, dx: 300 * direction, dy: 120 * direction },
    );
    if (!start) throw new Error('no empty canvas to start a pan from');
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 300 * direction, start.y + 120 * direction, { steps: 40 });
    await page.mouse.up();
    direction = -direction;
  }
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
  const { renders, atLoad } = await page.evaluate(() => ({ renders: window.__layerNodeRenders - window.__rendersBeforePan, atLoad: window.__rendersBeforePan }));
  // A counter that saw nothing while the graph was pasted is not counting at all.
  if (atLoad < count) throw new Error(`render counter saw ${atLoad} LayerNode renders while ${count} nodes mounted`);
  const after = await metrics();
  await cdp.send('Tracing.end');
  await traceDone;
  // CPU time by kind of work, from the trace: less sensitive to a loaded machine than frame intervals.
  const work = { paint: 0, raster: 0, hit: 0 };
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !e.dur) continue;
    if (e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize' || e.name === 'UpdateLayer') work.paint += e.dur / 1000;
    else if (e.name === 'RasterTask') work.raster += e.dur / 1000;
    else if (e.name === 'HitTest') work.hit += e.dur / 1000;
  }
  const busy = (name) => ((after[name] - before[name]) / seconds) * 100;
  await page.close();
  const cost = { script: busy('ScriptDuration'), style: busy('RecalcStyleDuration'), layout: busy('LayoutDuration'), task: busy('TaskDuration') };
  const deltas = frames.slice(1).map((t, i) => t - frames[i]);
  const perFrame = Object.fromEntries(Object.entries(work).map(([k, v]) => [k, v / Math.max(1, deltas.length)]));
  return { count, layers, rendered, renders, cost, perFrame, ...summariseFrames(deltas) };
}

const { server, url } = await startBrowserHost();
const browser = await launchChromium();
try {
  const rows = [];
  for (const count of sizes) rows.push(await measure(browser, url, count));
  console.log(`Canvas pan, ${seconds} s of mouse drags per size, zoom ${zoom}, headless Chromium (${process.platform}, software rendering)`);
  console.log('nodes  in-doc  in-DOM  frames  mean ms  p95 ms  max ms  >25ms    node renders   main thread busy: script style layout all (% of wall time)   per frame ms: paint raster hit-test');
  for (const r of rows) {
    console.log(
      [
        String(r.count).padStart(5),
        String(r.layers).padStart(7),
        String(r.rendered).padStart(7),
        String(r.frames).padStart(7),
        r.mean.toFixed(1).padStart(8),
        r.p95.toFixed(1).padStart(7),
        r.max.toFixed(1).padStart(7),
        `${(r.slow * 100).toFixed(1)}%`.padStart(8),
        String(r.renders).padStart(13),
        '  ',
        ...[r.cost.script, r.cost.style, r.cost.layout, r.cost.task].map((v) => `${v.toFixed(0)}%`.padStart(6)),
        '   ',
        ...[r.perFrame.paint, r.perFrame.raster, r.perFrame.hit].map((v) => v.toFixed(2).padStart(6)),
      ].join(' '),
    );
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
