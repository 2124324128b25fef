#!/usr/bin/env node
// Compile benchmark (issue 3): validate + build a 200-node graph into a tf.LayersModel.
// Target: under 100 ms. Needs the build: `npm run build && node bench/compile.mjs [--nodes 200] [--repeats 15]`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'out/main/bench.js');
if (!existsSync(entry)) {
  console.error(`bench: ${entry} is missing; run npm run build first.`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const engine = require(entry);
const tf = require('@tensorflow/tfjs');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const size = option('--nodes', 200);
const repeats = option('--repeats', 15);

const backend = await engine.initBackend();
console.log(`backend: ${backend.name}${backend.fallbackReasons.length ? ` (${backend.fallbackReasons.join('; ')})` : ''}`);

function denseChain(n) {
  const nodes = [engine.node('in', 'Input', { shape: [16] })];
  for (let i = 1; i < n; i++) nodes.push(engine.node(`d${i}`, 'Dense', { units: 16, activation: i % 2 ? 'relu' : 'linear' }));
  return engine.chain(...nodes);
}

const graphs = [
  { name: `residual tower (${size} nodes, functional)`, graph: engine.residualTower(size) },
  { name: `Dense chain (${size} nodes, sequential)`, graph: denseChain(size) },
];

const rows = [];
for (const { name, graph } of graphs) {
  const times = { validate: [], build: [] };
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const problems = engine.validateGraph(graph).filter((p) => p.severity === 'error');
    const t1 = performance.now();
    if (problems.length) throw new Error(`${name}: ${problems[0].message}`);
    const model = engine.buildModel(graph, { seed: 1 });
    const t2 = performance.now();
    if (model.layers.length !== graph.nodes.length) throw new Error(`${name}: ${model.layers.length} layers for ${graph.nodes.length} nodes`);
    model.dispose();
    times.validate.push(t1 - t0);
    times.build.push(t2 - t1);
  }
  const total = times.validate.map((v, i) => v + times.build[i]);
  const sorted = [...total].sort((a, b) => a - b);
  rows.push({
    graph: name,
    'first ms': total[0].toFixed(1),
    'median ms': sorted[Math.floor(sorted.length / 2)].toFixed(1),
    'max ms': sorted.at(-1).toFixed(1),
    'median validate ms': [...times.validate].sort((a, b) => a - b)[Math.floor(repeats / 2)].toFixed(1),
    'under 100 ms (median)': sorted[Math.floor(sorted.length / 2)] < 100 ? 'yes' : 'no',
  });
}
console.table(rows);
console.log(`tensors left: ${tf.memory().numTensors}`);
