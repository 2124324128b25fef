import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeRows } from '../../src/shared/api/numbers';
import type { TrainEvent } from '../../src/shared/api/contract';
import { bytesToBase64 } from '../../src/shared/project/base64';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost, type TrainerChannel } from '../../src/main/engine/trainer-host';

/**
 * Issue 11, finding 5: no call to the trainer hangs. A stuck trainer is a real child process that
 * never answers (test/fixtures/trainers/peer-trainer.cjs); the overflow case runs the real
 * trainer (build first: `npx electron-vite build`).
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');
const PEER = path.resolve(__dirname, '../fixtures/trainers/peer-trainer.cjs');

let hosts: TrainerHost[] = [];
let exits: Promise<number | null>[] = [];
function makeHost(script: string, mode?: string, deadlines = {}): { host: TrainerHost; events: TrainEvent[]; spawned: () => number } {
  const events: TrainEvent[] = [];
  let spawned = 0;
  const host = new TrainerHost(
    () => {
      const previous = process.env.NEURITE_PEER_MODE;
      if (mode) process.env.NEURITE_PEER_MODE = mode;
      const channel: TrainerChannel = forkNodeTrainer(script);
      if (mode) process.env.NEURITE_PEER_MODE = previous ?? '';
      spawned += 1;
      exits.push(new Promise((resolve) => channel.onExit(resolve)));
      return channel;
    },
    (event) => events.push(event),
    { deadlines },
  );
  hosts.push(host);
  return { host, events, spawned: () => spawned };
}

function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

beforeAll(() => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npx electron-vite build first.`);
});
afterEach(() => {
  for (const host of hosts) host.dispose();
  hosts = [];
  exits = [];
});

describe('trainer requests have deadlines', () => {
  it('fails a request a stuck trainer never answers, restarts the trainer, and serves the next call', async () => {
    const { host, spawned } = makeHost(PEER, 'silent', { load: 400 });
    const project = { ...template('keras-tutorial-regression'), trained: { trainedAt: 'x', reason: 'completed' as const, graphHash: 'g', settingsHash: 's', datasetHash: 'd', weights: [], history: [] } };
    const asked = Date.now();
    await expect(host.loadTrained(project)).rejects.toMatchObject({ code: 'trainer-timeout', message: expect.stringContaining('restarted') });
    expect(Date.now() - asked).toBeLessThan(10_000);
    // The stuck process is killed, not left behind.
    expect(await exits[0]).toBeNull();
    await host.backend();
    expect(spawned()).toBe(2);
  });

  it('fails a request whose reply breaks the protocol instead of dropping it', async () => {
    const { host } = makeHost(PEER, 'garbled');
    const project = { ...template('keras-tutorial-regression'), trained: { trainedAt: 'x', reason: 'completed' as const, graphHash: 'g', settingsHash: 's', datasetHash: 'd', weights: [], history: [] } };
    const { runId } = await host.loadTrained(project);
    await expect(host.predict(runId, [[1]])).rejects.toMatchObject({ code: 'bad-reply' });
  });

  it('answers a prediction that overflows float32 with Infinity instead of hanging', async () => {
    const { host, events } = makeHost(TRAINER);
    const project = template('keras-tutorial-regression');
    project.training.epochs = 1;
    const { runId } = await host.start(project);
    while (!events.some((e) => (e.type === 'done' || e.type === 'failed') && e.runId === runId)) await new Promise((r) => setTimeout(r, 20));
    const { trained } = await host.exportModel(runId);
    // Kernel 1e30: an input of 1e30 gives 1e60, past float32's 3.4e38.
    const huge = trained.weights.map((w) => ({ ...w, data: bytesToBase64(new Uint8Array(new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(w.name.endsWith('kernel') ? 1e30 : 0).buffer)) }));
    const loaded = await host.loadTrained({ ...project, trained: { ...trained, weights: huge } });
    const { outputs } = await host.predict(loaded.runId, [[1e30], [-1e30], [1]]);
    expect(outputs).toEqual([['Infinity'], ['-Infinity'], [1e30]].map((row) => row.map((v) => (typeof v === 'number' ? expect.closeTo(v, -25) : v))));
    expect(decodeRows(outputs)[0][0]).toBe(Infinity);
    // And it survives JSON, as the browser host and `--json` send it.
    expect(JSON.parse(JSON.stringify(outputs))[1][0]).toBe('-Infinity');
  });
});
