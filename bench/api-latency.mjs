#!/usr/bin/env node
// API responsiveness while training (issue 4): starts the real browser host, trains the Keras
// tutorial classifier through the WebSocket API, and measures the round trip of `app.info`
// and `engine.backend` calls made during the run, beside the same calls with no training.
// Target: under 100 ms. Needs the build: `npm run build && node bench/api-latency.mjs`.
import { createRequire } from 'node:module';
import { startBrowserHost } from './lib/browser-host.mjs';

const require = createRequire(import.meta.url);
const WebSocket = require('ws');
const { server, url: address } = await startBrowserHost();
const url = new URL(address);
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

// Through the API, so the template is migrated to the current format as the app does it.
const template = await call('templates.get', { id: 'keras-tutorial-classifier' });
if (!template.ok) throw new Error(template.error.message);
const project = template.value;
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
