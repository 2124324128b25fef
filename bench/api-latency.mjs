#!/usr/bin/env node
// API responsiveness while training (issue 4): starts the real browser host, trains the Keras
// tutorial classifier through the WebSocket API, and measures the round trip of `app.info`
// and `engine.backend` calls made during the run, beside the same calls with no training.
// Target: under 100 ms. Needs the build: `npm run build && node bench/api-latency.mjs`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const WebSocket = require('ws');
const entry = path.join(root, 'out/main/web.js');
if (!existsSync(entry)) {
  console.error(`bench: ${entry} is missing; run npm run build first.`);
  process.exit(1);
}

const server = spawn(process.execPath, [entry, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
    if (match) resolve(new URL(match[1]));
  });
  server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { origin: `http://${url.host}` });
await new Promise((resolve) => ws.once('open', resolve));

let nextId = 1;
const pending = new Map();
const events = [];
ws.on('message', (data) => {
  const message = JSON.parse(String(data));
  if (message.event) events.push(message.payload);
  else pending.get(message.id)?.(message.result);
});
const call = (name, payload = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, call: name, payload }));
  });

async function sample(count, gapMs) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const result = await call(i % 2 ? 'app.info' : 'engine.backend');
    times.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error.message);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return times;
}

function stats(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  return { when: label, calls: times.length, 'p50 ms': q(0.5), 'p95 ms': q(0.95), 'max ms': sorted.at(-1).toFixed(1) };
}

const backend = await call('engine.backend');
console.log(`backend: ${backend.value.name}`);
const idle = await sample(40, 20);

const project = JSON.parse(readFileSync(path.join(root, 'resources/templates/keras-tutorial-classifier.neurite'), 'utf8'));
const started = await call('train.start', { project });
if (!started.ok) throw new Error(started.error.message);
const runId = started.value.runId;
while (!events.some((e) => e.type === 'progress')) await new Promise((r) => setTimeout(r, 20));
const training = [];
while (!events.some((e) => e.runId === runId && (e.type === 'done' || e.type === 'failed'))) {
  training.push(...(await sample(5, 20)));
}
console.table([stats('idle', idle), stats('while training W2', training)]);
const done = events.find((e) => e.runId === runId && e.type === 'done');
console.log(`run ended: ${done ? `${done.reason} in ${(done.elapsedMs / 1000).toFixed(2)} s` : 'failed'}; progress messages: ${events.filter((e) => e.type === 'progress').length}`);
ws.close();
server.kill('SIGTERM');
