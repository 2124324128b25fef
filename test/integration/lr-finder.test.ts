import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/shared/api/contract';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';

/**
 * Issue 15: the learning-rate finder through the real trainer process (built out/main/trainer.js),
 * as both hosts use it. Build first: `npx electron-vite build`.
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');

function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

let hosts: TrainerHost[] = [];
function makeHost(): { host: TrainerHost; events: TrainEvent[]; finished: (runId: string) => Promise<TrainEvent> } {
  const events: TrainEvent[] = [];
  const waiters: { runId: string; resolve: (e: TrainEvent) => void }[] = [];
  const host = new TrainerHost(
    () => forkNodeTrainer(TRAINER),
    (event) => {
      events.push(event);
      if (event.type === 'done' || event.type === 'failed') for (const w of waiters.filter((w) => w.runId === event.runId)) w.resolve(event);
    },
  );
  hosts.push(host);
  const finished = (runId: string) => {
    const seen = events.find((e) => (e.type === 'done' || e.type === 'failed') && e.runId === runId);
    return seen ? Promise.resolve(seen) : new Promise<TrainEvent>((resolve) => waiters.push({ runId, resolve }));
  };
  return { host, events, finished };
}

beforeAll(() => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npx electron-vite build first.`);
});
afterEach(() => {
  for (const host of hosts) host.dispose();
  hosts = [];
});

const GRID = [
  [0, 0],
  [0.5, 0.5],
  [1.2, -0.3],
  [-0.8, 0.9],
];

describe('learning-rate finder in the trainer process', () => {
  it('runs on the circles template without touching the trained model: predictions before and after are the same', async () => {
    const { host, finished } = makeHost();
    const project = template('playground-circles');
    project.training = { ...project.training, epochs: 3 };
    const { runId } = await host.start(project);
    expect((await finished(runId)).type).toBe('done');
    const before = await host.predict(runId, GRID);

    const result = await host.findLearningRate(project);
    expect(result.points.length).toBeGreaterThan(200);
    expect(result.points[0].lr).toBe(1e-7);
    for (let i = 1; i < result.points.length; i++) expect(result.points[i].lr).toBeGreaterThan(result.points[i - 1].lr);
    expect(result.suggestion.kind).toBe('minimum');
    if (result.suggestion.kind === 'minimum') {
      expect(result.suggestion.lr).toBeGreaterThan(result.startLr);
      expect(result.suggestion.lr).toBeLessThan(result.endLr);
    }

    const after = await host.predict(runId, GRID);
    expect(after).toEqual(before);
  });

  it("leaves a saved project's loaded weights alone, and a stop ends it early with the points so far", async () => {
    const { host, finished } = makeHost();
    const project = template('keras-tutorial-regression');
    project.training = { ...project.training, epochs: 5 };
    const trainedRun = await host.start(project);
    await finished(trainedRun.runId);
    // The document's `trained` weights, loaded back as a reopened project loads them.
    const saved: Project = { ...project, trained: (await host.exportModel(trainedRun.runId)).trained };
    const { runId } = await host.loadTrained(saved);
    const before = await host.predict(runId, [[0.3], [-1]]);
    const pending = host.findLearningRate(saved, { steps: 1000, startLr: 1e-6, endLr: 1e-3 });
    expect(host.stopLearningRateFinder()).toEqual({ stopped: true });
    const result = await pending;
    expect(result.stoppedEarly).toMatchObject({ reason: 'stopped' });
    expect(result.points.length).toBeLessThan(1000);
    expect(result.points.length).toBe(result.stoppedEarly!.step + 1);
    expect(await host.predict(runId, [[0.3], [-1]])).toEqual(before);
    expect(saved.trained!.weights).toEqual((await host.exportModel(runId)).trained.weights);
    expect(host.stopLearningRateFinder()).toEqual({ stopped: false });
  });

  it('forwards its progress while it runs', async () => {
    const progress: { step: number; steps: number }[] = [];
    const host = new TrainerHost(() => forkNodeTrainer(TRAINER), () => undefined, { onLrFinderProgress: (p) => progress.push(p) });
    hosts.push(host);
    const result = await host.findLearningRate(template('keras-tutorial-classifier'), { steps: 1000 });
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p.steps).toBe(1000);
      expect(p.step).toBeLessThan(result.points.length);
    }
  });

  it('is refused while a run trains, and a run is refused while it runs', async () => {
    const { host, finished } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training = { ...project.training, epochs: 10_000 };
    const { runId } = await host.start(project);
    await expect(host.findLearningRate(project)).rejects.toMatchObject({ code: 'busy', message: expect.stringMatching(/training run .* is in progress/) });
    await host.stop(runId);
    await finished(runId);

    const pending = host.findLearningRate(project, { steps: 1000 });
    await expect(host.start(project)).rejects.toMatchObject({ code: 'busy', message: expect.stringMatching(/learning-rate finder is running/) });
    await expect(host.findLearningRate(project)).rejects.toMatchObject({ code: 'busy' });
    host.stopLearningRateFinder();
    await pending;
  });

  it('refuses an invalid graph exactly as Train does, and a range that is upside down', async () => {
    const { host } = makeHost();
    const project = template('playground-circles');
    // The output Dense loses its input edge.
    project.graph = { ...project.graph, edges: project.graph.edges.slice(0, -1) };
    const start = await host.start(project).catch((error: unknown) => error);
    const find = await host.findLearningRate(project).catch((error: unknown) => error);
    expect(start).toMatchObject({ code: 'invalid-graph' });
    expect(find).toMatchObject({ code: 'invalid-graph', message: (start as Error).message, details: (start as { details: unknown }).details });

    await expect(host.findLearningRate(template('playground-circles'), { startLr: 1, endLr: 0.1 })).rejects.toMatchObject({
      code: 'bad-value',
      message: expect.stringMatching(/endLr must be above its startLr \(1\); got 0\.1/),
    });
  });
});
