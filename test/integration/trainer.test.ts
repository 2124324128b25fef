import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeRows } from '../../src/shared/api/numbers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/shared/api/contract';
import { parseProject } from '../../src/shared/project/load';
import type { Project } from '../../src/shared/project/schema';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost, type TrainerChannel } from '../../src/main/engine/trainer-host';
import { importLayersModel } from '../../src/shared/import/layers-model';
import { resolveOptimizer } from '../../src/shared/optimizers';

/**
 * The real trainer process (built out/main/trainer.js) driven through TrainerHost, as the browser
 * host and the command line use it. Build first: `npx electron-vite build`.
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');

function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

class Recorder {
  readonly events: TrainEvent[] = [];
  private waiters: { test: (e: TrainEvent) => boolean; resolve: (e: TrainEvent) => void }[] = [];
  readonly emit = (event: TrainEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => (w.test(event) ? (w.resolve(event), false) : true));
  };
  next<T extends TrainEvent['type']>(type: T, runId?: string): Promise<Extract<TrainEvent, { type: T }>> {
    const test = (e: TrainEvent) => e.type === type && (runId === undefined || e.runId === runId);
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen as Extract<TrainEvent, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ test, resolve: resolve as (e: TrainEvent) => void }));
  }
  finished(runId: string): Promise<TrainEvent> {
    const test = (e: TrainEvent) => (e.type === 'done' || e.type === 'failed') && e.runId === runId;
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

let children: TrainerChannel[] = [];
let hosts: TrainerHost[] = [];
function makeHost(): { host: TrainerHost; recorder: Recorder } {
  const recorder = new Recorder();
  const host = new TrainerHost(() => {
    const channel = forkNodeTrainer(TRAINER);
    children.push(channel);
    return channel;
  }, recorder.emit);
  hosts.push(host);
  return { host, recorder };
}

beforeAll(() => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npx electron-vite build first.`);
});
afterEach(() => {
  for (const host of hosts) host.dispose();
  hosts = [];
  children = [];
});

describe('trainer process', () => {
  it('sends the outcome with done: the classifier at learning rate 10 did not learn, and epochs carry their durations', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training = { ...project.training, optimizer: { type: 'rmsprop', learningRate: 10 }, epochs: 15 };
    const { runId } = await host.start(project);
    const done = await recorder.next('done', runId);
    expect(done.reason).toBe('completed');
    expect(done.outcome).toMatchObject({ kind: 'did-not-learn', epochs: 15, plannedEpochs: 15 });
    expect(done.outcome!.remedies[0]).toEqual({ kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'rmsprop' });
    const epochs = recorder.events.flatMap((e) => (e.type === 'progress' && e.runId === runId ? e.epochs : []));
    expect(epochs).toHaveLength(15);
    for (const e of epochs) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports its backend', async () => {
    const { host } = makeHost();
    const backend = await host.backend();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(backend.name);
    if (backend.name !== 'tensorflow') expect(backend.fallbackReasons.length).toBeGreaterThan(0);
  });

  it('trains the tutorial regression: started → progress → done, loss going down, then predicts', async () => {
    const { host, recorder } = makeHost();
    const { runId } = await host.start(template('keras-tutorial-regression'));
    const started = await recorder.next('started', runId);
    expect(started).toMatchObject({ epochs: 200, batchesPerEpoch: 4, trainSamples: 100, validationSamples: 0 });
    const done = await recorder.next('done', runId);
    expect(done.reason).toBe('completed');
    const epochs = recorder.events.flatMap((e) => (e.type === 'progress' ? e.epochs : []));
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(epochs[199].logs.loss).toBeLessThan(epochs[0].logs.loss);
    expect(done.finalLogs.loss).toBe(epochs[199].logs.loss);
    const { outputs } = await host.predict(runId, [[1]]);
    expect(outputs[0][0]).toBeGreaterThan(0.5);
    expect(outputs[0][0]).toBeLessThan(1.2);
  });

  it('refuses a second start while a run is active, and stops within a second', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.epochs = 10_000;
    const { runId } = await host.start(project);
    await expect(host.start(project)).rejects.toMatchObject({ code: 'busy' });
    await recorder.next('progress', runId);
    const asked = Date.now();
    expect(await host.stop(runId)).toEqual({ stopped: true });
    const done = await recorder.next('done', runId);
    const tookMs = Date.now() - asked;
    expect(done.reason).toBe('stopped');
    // Recorded for the report; the bound is generous so the test stays about behaviour.
    console.log(`stop took ${tookMs} ms`);
    expect(tookMs).toBeLessThan(5000);
    // Stopped runs keep their model for prediction.
    const outputs = decodeRows((await host.predict(runId, [Array.from({ length: 100 }, () => 0.5)])).outputs);
    expect(outputs[0]).toHaveLength(10);
    expect(outputs[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // And a new run may start now.
    project.training.epochs = 1;
    const second = await host.start(project);
    expect((await recorder.finished(second.runId)).type).toBe('done');
  });

  it('answers while an epoch runs, and predicts with the active run\'s model mid-run', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.epochs = 10_000;
    const first = await host.start({ ...project, training: { ...project.training, epochs: 1 } });
    await recorder.finished(first.runId);
    const { runId } = await host.start(project);
    await recorder.next('progress', runId);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = Date.now();
      await expect(host.predict(first.runId, [Array.from({ length: 100 }, () => 0.1)])).rejects.toMatchObject({ code: 'no-model' });
      await host.backend();
      latencies.push(Date.now() - sent);
    }
    // The active run's model answers between steps, for live previews of the fit.
    const live = { outputs: decodeRows((await host.predict(runId, [Array.from({ length: 100 }, () => 0.1)])).outputs) };
    expect(live.outputs[0]).toHaveLength(10);
    expect(live.outputs[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(recorder.events.some((e) => e.type === 'done' && e.runId === runId)).toBe(false);
    console.log(`round trips while training: ${latencies.join(', ')} ms`);
    await host.stop(runId);
  });

  it('reports a killed trainer as failed with trainer-crashed, and the next start uses a fresh process', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.epochs = 10_000;
    const { runId } = await host.start(project);
    await recorder.next('progress', runId);
    children[children.length - 1].kill();
    const failed = await recorder.next('failed', runId);
    expect(failed.code).toBe('trainer-crashed');
    expect(failed.message).toMatch(/stopped unexpectedly/);
    await expect(host.predict(runId, [[1]])).rejects.toMatchObject({ code: 'no-model' });
    project.training.epochs = 2;
    const retry = await host.start(project);
    expect(children).toHaveLength(2);
    const done = await recorder.finished(retry.runId);
    expect(done.type).toBe('done');
  });

  it('refuses an invalid graph before anything is sent to the trainer', async () => {
    const { host } = makeHost();
    const project = template('keras-tutorial-regression');
    project.graph.edges = [];
    await expect(host.start(project)).rejects.toMatchObject({ code: 'invalid-graph' });
    expect(children).toHaveLength(0);
  });

  it('refuses invalid training settings with the settings problem, before anything is sent to the trainer', async () => {
    const { host } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.batchSize = 0;
    await expect(host.start(project)).rejects.toMatchObject({
      code: 'invalid-graph',
      details: [expect.objectContaining({ field: 'batchSize', message: 'Batch size must be a whole number of at least 1; it is 0.' })],
    });
    expect(children).toHaveLength(0);
  });

  it('sends a diverging run to done with reason diverged and an explanation', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-regression');
    project.training.optimizer = { type: 'sgd', learningRate: 10 };
    if (project.dataset.kind !== 'generator') throw new Error('the regression template uses a generator');
    project.dataset = { ...project.dataset, generator: 'linear', samples: 100, noise: 10 };
    const { runId } = await host.start(project);
    const done = await recorder.next('done', runId);
    expect(done.reason).toBe('diverged');
    expect(done.message).toMatch(/learning rate/);
  });

  it('exports a finished run and, in a fresh trainer, rebuilds it from the saved weights with the same predictions', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.epochs = 3;
    const { runId } = await host.start(project);
    await expect(host.exportModel(runId)).rejects.toMatchObject({ code: 'busy' });
    expect((await recorder.finished(runId)).type).toBe('done');
    const rows = [Array.from({ length: 100 }, (_, i) => (i % 7) / 7), Array.from({ length: 100 }, () => 0.5)];
    const before = await host.predict(runId, rows);

    const exported = await host.exportModel(runId);
    expect(exported.modelJson).toMatchObject({ format: 'layers-model' });
    expect(exported.modelJson.modelTopology).toBeDefined();
    // The run's training settings travel in model.json (issue 13): a re-import gets them back.
    const reimported = importLayersModel(exported.modelJson);
    if (!reimported.ok) throw new Error(reimported.error.message);
    expect(reimported.model.training).toMatchObject({ loss: project.training.loss, metrics: project.training.metrics, optimizer: resolveOptimizer(project.training.optimizer) });
    expect(Buffer.from(exported.weightData, 'base64').byteLength).toBe(11_110 * 4);
    expect(exported.trained.weights.map((w) => w.shape)).toEqual([[100, 100], [100], [100, 10], [10]]);
    expect(exported.trained.history).toHaveLength(3);

    const { host: fresh } = makeHost();
    await expect(fresh.loadTrained(project)).rejects.toMatchObject({ code: 'no-weights' });
    const saved = { ...project, trained: exported.trained };
    const loaded = await fresh.loadTrained(saved);
    const after = await fresh.predict(loaded.runId, rows);
    after.outputs.forEach((row, r) => row.forEach((p, c) => expect(p).toBeCloseTo(before.outputs[r][c] as number, 6)));
    const again = await fresh.exportModel(loaded.runId);
    expect(again.weightData).toBe(exported.weightData);

    // Weights that do not fit the graph are refused, naming the weight.
    const changed = structuredClone(saved);
    const hidden = changed.graph.nodes.find((n) => n.type === 'Dense' && n.params.units === 100)!;
    hidden.params.units = 50;
    await expect(fresh.loadTrained(changed)).rejects.toMatchObject({ code: 'weights-mismatch' });
  });

  it('keeps training from saved weights when asked to resume, continuing the history', async () => {
    const { host, recorder } = makeHost();
    const project = template('keras-tutorial-classifier');
    project.training.epochs = 5;
    const first = await host.start(project);
    await recorder.finished(first.runId);
    const saved = { ...project, trained: (await host.exportModel(first.runId)).trained };
    const lastLoss = saved.trained.history.at(-1)!.logs.loss;

    const oneMore = { ...saved, training: { ...saved.training, epochs: 1 } };
    const resumed = await host.start(oneMore, { resume: true });
    const resumedDone = await recorder.finished(resumed.runId);
    const fresh = await host.start(oneMore);
    const freshDone = await recorder.finished(fresh.runId);
    if (resumedDone.type !== 'done' || freshDone.type !== 'done') throw new Error('a run failed');
    // One more epoch from the saved weights goes on from where they were; a fresh start does not.
    expect(resumedDone.finalLogs.loss).toBeLessThan(lastLoss * 1.05);
    expect(freshDone.finalLogs.loss).toBeGreaterThan(resumedDone.finalLogs.loss);

    const again = await host.start(oneMore, { resume: true });
    await recorder.finished(again.runId);
    const history = (await host.exportModel(again.runId)).trained.history;
    expect(history.map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4, 5]);

    await expect(host.start(project, { resume: true })).rejects.toMatchObject({ code: 'no-weights' });
  });

  it('holds out a test split: counted in started, evaluated once in done and saved with the weights, apart from val_ (issue 9)', async () => {
    const { host, recorder } = makeHost();
    const project = template('playground-circles');
    project.training = { ...project.training, epochs: 4, testSplit: 0.2, splitMode: 'stratified' };
    const { runId } = await host.start(project);
    const started = await recorder.next('started', runId);
    expect(started).toMatchObject({ trainSamples: 240, validationSamples: 80, testSamples: 80 });
    const done = await recorder.next('done', runId);
    expect(Object.keys(done.testLogs ?? {}).sort()).toEqual(['test_acc', 'test_loss']);
    expect(Object.keys(done.finalLogs).filter((k) => k.startsWith('test_'))).toEqual([]);
    const exported = await host.exportModel(runId);
    expect(exported.trained.test).toEqual(done.testLogs);
  });

  it('trains with reduce-on-plateau and keep-best: done says what each did and which epoch the model holds (issue 15)', async () => {
    const { host, recorder } = makeHost();
    const project = template('playground-circles');
    // min_delta 100 on loss: no epoch after the first improves, so with patience 0 the rate halves after epochs 2, 3, 4 and 5.
    project.training = {
      ...project.training,
      epochs: 5,
      reduceLrOnPlateau: { monitor: 'loss', factor: 0.5, patience: 0, mode: 'auto', minDelta: 100, cooldown: 0, minLr: 0 },
      keepBest: { monitor: 'val_loss', mode: 'auto' },
    };
    const { runId } = await host.start(project);
    const done = await recorder.next('done', runId);
    expect(done.reduceLrOnPlateau?.reductions.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    const epochs = recorder.events.filter((e): e is Extract<TrainEvent, { type: 'progress' }> => e.type === 'progress' && e.runId === runId).flatMap((e) => e.epochs);
    const lr = Math.fround(project.training.optimizer.learningRate);
    expect(epochs.map((e) => e.logs.learning_rate)).toEqual([lr, lr, Math.fround(lr / 2), Math.fround(lr / 4), Math.fround(lr / 8)]);
    const losses = epochs.map((e) => e.logs.val_loss);
    const best = losses.indexOf(Math.min(...losses));
    expect(done.keepBest).toEqual({ monitor: 'val_loss', bestEpoch: best, best: losses[best], restored: true });
    expect(done.keptEpoch).toBe(best);
  });
});
