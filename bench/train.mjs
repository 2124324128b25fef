#!/usr/bin/env node
// Training benchmarks: our loop (with the wasm matMul fix) beside plain `model.fit` on the same
// backend in the same run, plus the cost of streaming progress to a parent process.
// Needs the build: `npm run bench` (or `npx electron-vite build && node bench/train.mjs`).
// Options: --only W1,W2,W3   --skip-fit   --repeat N (median of N runs, order rotated each round)
//          NEURITE_BACKEND=wasm|cpu
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = path.join(root, 'out/main/bench.js');
if (!existsSync(cliPath)) {
  console.error(`bench: ${cliPath} is missing; run npm run build first.`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const engine = require(cliPath);
// The bundle keeps tfjs external, so this is the very instance the engine uses.
const tf = require('@tensorflow/tfjs');

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const skipFit = args.includes('--skip-fit');
const repeat = args.includes('--repeat') ? Math.max(1, Number(args[args.indexOf('--repeat') + 1])) : 1;

function template(id) {
  const result = engine.parseProject(readFileSync(path.join(root, 'resources/templates', `${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

function w3Project() {
  const dense = (units, activation) => ({ units, activation, useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 });
  return {
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [784] }, position: { x: 0, y: 0 } },
        { id: 'hidden', type: 'Dense', params: dense(256, 'relu'), position: { x: 260, y: 0 } },
        { id: 'output', type: 'Dense', params: dense(10, 'softmax'), position: { x: 520, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'input', target: 'hidden' },
        { id: 'e2', source: 'hidden', target: 'output' },
      ],
    },
    training: { optimizer: { type: 'adam', learningRate: 0.001 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], epochs: 3, batchSize: 128, validationSplit: 0, shuffle: true, seed: 1 },
  };
}

function w3Dataset() {
  const rows = 60000, features = 784, classes = 10;
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(rows * features);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) y[r * classes + Math.floor(next() * classes)] = 1;
  return { rows, x, y, numFeatures: features, task: 'classification', labelEncoding: 'onehot', labelWidth: classes, numClasses: classes, featureNames: [] };
}

const workloads = [
  { id: 'W1', name: 'tutorial regression, 200 epochs, batch 32', make: () => { const p = template('keras-tutorial-regression'); return { ...p, dataset: engine.loadDataset(p.dataset) }; }, metric: 'loss' },
  { id: 'W2', name: 'tutorial classifier, 100 epochs, batch 32', make: () => { const p = template('keras-tutorial-classifier'); return { ...p, dataset: engine.loadDataset(p.dataset) }; }, metric: 'acc' },
  { id: 'W3', name: '60000×784 random, Dense 256 relu → 10 softmax, 3 epochs, batch 128', make: () => ({ ...w3Project(), dataset: w3Dataset() }), metric: 'acc' },
].filter((w) => !only || only.includes(w.id));

/** The model and the source the fast path reads (the graph's plan and the settings), as a run builds them. */
function build(work) {
  return engine.buildForTraining(work.graph, work.training);
}

async function runFit(work) {
  const { model } = build(work);
  const { dataset: d, training: t } = work;
  const x = tf.tensor2d(d.x, [d.rows, d.numFeatures]);
  const y = tf.tensor2d(d.y, [d.rows, d.labelWidth]);
  const started = performance.now();
  const history = await model.fit(x, y, { epochs: t.epochs, batchSize: t.batchSize, shuffle: t.shuffle, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([x, y]);
  engine.disposeModel(model);
  const last = (name) => history.history[name]?.[history.history[name].length - 1];
  return { seconds, final: last(work.metric) ?? last('loss') };
}

async function runOurs(work, onProgress, path = 'auto') {
  const { model, source } = build(work);
  const outcome = await engine.trainModel({ model, source, dataset: work.dataset, settings: work.training, onProgress, path });
  engine.disposeModel(model);
  return { seconds: outcome.elapsedMs / 1000, final: outcome.finalLogs[work.metric] ?? outcome.finalLogs.loss, path: outcome.path };
}

async function withMatMulPatch(on, run) {
  const patched = engine.isWasmMatMulPatched();
  if (patched === on) return run();
  if (on) engine.patchWasmMatMul();
  else engine.unpatchWasmMatMul();
  try {
    return await run();
  } finally {
    if (patched) engine.patchWasmMatMul();
    else engine.unpatchWasmMatMul();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function steps(work) {
  return Math.ceil(work.dataset.rows / work.training.batchSize) * work.training.epochs;
}

const backend = await engine.initBackend();
console.log(`Backend: ${backend.name}${backend.fallbackReasons.length ? ` (${backend.fallbackReasons.join(' ')})` : ''}`);
console.log(`Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);

// Warm-up so JIT and wasm compilation do not land on the first measured run.
{
  const warm = workloads[0]?.make();
  if (warm) await runOurs({ ...warm, training: { ...warm.training, epochs: 2 } });
}

const rows = [];
const paths = [];
for (const w of workloads) {
  const work = { ...w.make(), metric: w.metric };
  const n = steps(work);
  const wasm = backend.name === 'wasm';
  const configs = [];
  if (!skipFit) {
    configs.push({ label: 'model.fit (stock tfjs)', run: () => withMatMulPatch(false, () => runFit(work)) });
    if (wasm) configs.push({ label: 'model.fit + matMul fix', run: () => withMatMulPatch(true, () => runFit(work)) });
  }
  configs.push({ label: `our loop, general step${wasm ? ' + matMul fix' : ''}`, run: () => runOurs(work, undefined, 'general') });
  configs.push({ label: 'our loop, auto step', run: () => runOurs(work, undefined, 'auto') });
  const samples = configs.map(() => []);
  for (let round = 0; round < repeat; round++) {
    // Rotating the order each round spreads machine noise (other jobs, thermal) over all configs.
    for (let k = 0; k < configs.length; k++) {
      const i = (k + round) % configs.length;
      samples[i].push(await configs[i].run());
    }
  }
  const results = configs.map((c, i) => {
    const seconds = median(samples[i].map((r) => r.seconds));
    const last = samples[i][samples[i].length - 1];
    const label = last.path ? `${c.label} → ${last.path.kind}` : c.label;
    return { label, seconds, final: last.final, all: samples[i].map((r) => r.seconds.toFixed(2)).join(' ') };
  });
  const base = results[0].seconds;
  for (const r of results) rows.push([w.id, r.label, r.seconds.toFixed(2), (n / r.seconds).toFixed(0), `${w.metric} ${r.final?.toFixed(4)}`, `${(base / r.seconds).toFixed(2)}×`, r.all]);
  const fastPath = samples[samples.length - 1][0].path;
  paths.push(`${w.id}: ${fastPath.description}`);
  console.error(`${w.id} done`);
}

function table(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n');
}
console.log(`Runs per config: ${repeat} (seconds = median; every run listed in the last column)\n`);
console.log(table(['workload', 'run', 'seconds', 'steps/s', 'final', 'speedup vs first row', 'runs (s)'], rows));
console.log('\nStep taken by "auto":\n' + paths.map((p) => `  ${p}`).join('\n'));
console.log('\nW1 = tutorial regression (200 epochs, batch 32); W2 = tutorial classifier (100 epochs, batch 32); W3 = 60000×784 random, Dense(256, relu) → Dense(10, softmax), 3 epochs, batch 128.');

// Streaming: the same W2 run headless vs with every progress message serialised to a parent-like process.
if (!only || only.includes('W2')) {
  const sink = spawn(process.execPath, ['-e', "process.on('message', () => {}); process.on('disconnect', () => process.exit(0));"], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const work = workloads.find((w) => w.id === 'W2') ?? workloads[0];
  const data = { ...work.make(), metric: work.metric };
  let messages = 0;
  const times = { headless: [], streamed: [] };
  for (let i = 0; i < Math.max(3, repeat); i++) {
    // Alternating which goes first, and taking the best of each, keeps machine noise out of the ratio.
    const headless = async () => times.headless.push((await runOurs(data)).seconds);
    const streamed = async () =>
      times.streamed.push((await runOurs(data, (p) => { messages++; sink.send({ type: 'event', event: { type: 'progress', runId: 'bench', ...p } }); })).seconds);
    if (i % 2 === 0) { await headless(); await streamed(); } else { await streamed(); await headless(); }
  }
  sink.disconnect();
  const best = (xs) => Math.min(...xs);
  const cost = (best(times.streamed) / best(times.headless) - 1) * 100;
  console.log(`\nStreaming (W2, auto step, best of ${Math.max(3, repeat)}): headless ${best(times.headless).toFixed(2)} s, streamed ${best(times.streamed).toFixed(2)} s (${Math.round(messages / Math.max(3, repeat))} messages per run), cost ${cost.toFixed(1)}%`);
}

let torch = false;
try {
  (await import('node:child_process')).execFileSync('python3', ['-c', 'import torch'], { stdio: 'ignore' });
  torch = true;
} catch {
  // python3-torch is not installed: no reference times.
}
console.log(torch ? '\nPyTorch is installed but the PyTorch reference is not implemented yet.' : '\nPyTorch: not installed here (python3 -c "import torch" fails), no reference times.');
