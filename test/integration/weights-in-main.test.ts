import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
import { startWebServer } from '../e2e/harness';

/**
 * Issue 11, finding 2 (and issue 10): trained weights stay in main. A project with 12.7 million
 * trained parameters is trained, kept, backed up, saved and reopened through the real browser
 * host, and no message carries the weights except the download the user asked for (in chunks)
 * — before, the two-second backup of such a project was a 64 MiB message that killed the host.
 */
let server: ChildProcess;
let userDir: string;
let ws: WebSocket;
const sizes: { call: string; bytes: number }[] = [];
const events: { type: string; runId: string }[] = [];
const waiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void>();
let nextId = 1;

function call<T>(name: string, payload: unknown): Promise<T> {
  const id = nextId++;
  const text = JSON.stringify({ id, call: name, payload });
  sizes.push({ call: name, bytes: text.length });
  return new Promise((resolve, reject) => {
    waiting.set(id, (result) => (result.ok ? resolve(result.value as T) : reject(Object.assign(new Error(result.error?.message), result.error))));
    ws.send(text);
  });
}

function finished(runId: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (events.some((e) => e.runId === runId && (e.type === 'done' || e.type === 'failed')) ? resolve() : setTimeout(poll, 50));
    poll();
  });
}

beforeAll(async () => {
  const started = await startWebServer();
  server = started.server;
  userDir = started.userDir;
  const url = new URL(started.url);
  ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { origin: `http://${url.host}`, maxPayload: 256 * 1024 * 1024 });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: never; event?: string; payload?: { type: string; runId: string } };
    if (message.event === 'train.event' && message.payload) events.push(message.payload);
    else if (typeof message.id === 'number') {
      waiting.get(message.id)?.(message.result!);
      waiting.delete(message.id);
    }
  });
}, 60_000);

afterAll(() => {
  ws?.close();
  server?.kill('SIGTERM');
});

describe('trained weights stay in main', () => {
  it('keeps, backs up, saves and reopens a 12.7M-parameter model without shipping its weights', { timeout: 300_000 }, async () => {
    const project = await call<Project>('templates.get', { id: 'keras-tutorial-classifier' });
    // Input(100) → Dense(4096) → Dense(3000) → Dense(10): 12,734,706 parameters, 50.9 MB of float32.
    const dense = project.graph.nodes.filter((n) => n.type === 'Dense');
    const input = project.graph.nodes.find((n) => n.type === 'Input')!;
    dense[0].params.units = 4096;
    const wide = { ...dense[0], id: 'wide', params: { ...dense[0].params, units: 3000 }, position: { x: 0, y: 0 } };
    project.graph.nodes.push(wide);
    project.graph.edges = project.graph.edges
      .filter((e) => !(e.source === dense[0].id && e.target === dense[1].id))
      .concat([
        { id: 'e-wide-in', source: dense[0].id, target: 'wide' },
        { id: 'e-wide-out', source: 'wide', target: dense[1].id },
      ]);
    expect(input).toBeDefined();
    project.training = { ...project.training, epochs: 1 };
    project.dataset = { kind: 'generator', generator: 'classification', seed: 1, samples: 64 };

    const { runId } = await call<{ runId: string }>('train.start', { project });
    await finished(runId);
    expect(events.find((e) => e.runId === runId && e.type === 'done')).toBeDefined();

    const trained = await call<{ ref: string; values: number; history: unknown[] }>('model.keep', { runId });
    expect(trained.values).toBe(12_734_706);
    expect(trained.history).toHaveLength(1);
    const withRef = { ...project, trained };

    await call('project.backup', { project: withRef });
    const backup = JSON.parse(readFileSync(join(userDir, 'recovery', 'backup.json'), 'utf8')) as { project: unknown };
    const recovered = parseProject(JSON.stringify(backup.project));
    expect(recovered.ok && recovered.project.trained?.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0)).toBe(12_734_706);

    const { downloadId, size } = await call<{ downloadId: string; size: number }>('project.download', { project: withRef });
    const chunks: Buffer[] = [];
    for (let offset = 0, done = false; !done; ) {
      const chunk = await call<{ data: string; done: boolean }>('project.downloadChunk', { downloadId, offset });
      const bytes = Buffer.from(chunk.data, 'base64');
      chunks.push(bytes);
      offset += bytes.length;
      done = chunk.done;
    }
    const file = Buffer.concat(chunks);
    expect(file.length).toBe(size);
    const saved = parseProject(file.toString('utf8'));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.project.trained?.weights.map((w) => w.shape)).toEqual([[100, 4096], [4096], [4096, 3000], [3000], [3000, 10], [10]]);

    // Reopened, the weights load from main's copy by reference.
    const loaded = await call<{ runId: string; trained: { ref: string } }>('model.load', { project: withRef });
    const { outputs } = await call<{ outputs: number[][] }>('model.predict', { runId: loaded.runId, inputs: [Array.from({ length: 100 }, () => 0.5)] });
    expect(outputs[0]).toHaveLength(10);

    // Nothing the page sent carried the weights: every request stayed under 64 KiB.
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes).toBeLessThan(64 * 1024);
    expect(server.exitCode).toBeNull();
  });

  it('says so when a reference is unknown, and still backs up the rest', async () => {
    const project = await call<Project>('templates.get', { id: 'keras-tutorial-regression' });
    const stale = { ...project, trained: { trainedAt: 'x', reason: 'completed', graphHash: 'g', settingsHash: 's', datasetHash: 'd', history: [], ref: 'w0123456789abcdef', tensors: 2, values: 2 } };
    await expect(call('project.download', { project: stale })).rejects.toMatchObject({ code: 'weights-missing' });
    await call('project.backup', { project: stale });
    const backup = JSON.parse(readFileSync(join(userDir, 'recovery', 'backup.json'), 'utf8')) as { project: { name: string; trained?: unknown } };
    expect(backup.project.name).toBe(project.name);
    expect(backup.project.trained).toBeUndefined();
  });
});
