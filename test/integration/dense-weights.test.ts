import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LAYER_WEIGHT_VALUES, type LayerWeightsInfo, type TrainEvent } from '../../src/shared/api/contract';
import { decodeNumber } from '../../src/shared/api/numbers';
import { chain, node } from '../../src/shared/graph/fixtures';
import { planGraph } from '../../src/shared/graph/plan';
import { base64ToFloat32 } from '../../src/shared/project/base64';
import { parseProject } from '../../src/shared/project/load';
import type { Project, Trained } from '../../src/shared/project/schema';
import { buildModel } from '../../src/main/engine/compile';
import { layerWeights, snapshotDenseWeights } from '../../src/main/engine/dense-weights';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';

/**
 * Issue 16, "inside the model", through the real trainer process (built out/main/trainer.js; `npm
 * run build` first): `model.weights` on the Keras tutorial regression gives, as `current`, the
 * weights the run exports, and as `initial` the weights a fresh model built from the same graph
 * and seed starts with; a resumed run's `initial` is the saved weights it continued from.
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');

function template(id: string): Project {
  const result = parseProject(readFileSync(path.resolve(__dirname, `../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const project: Project = { ...template('keras-tutorial-regression'), training: { ...template('keras-tutorial-regression').training, epochs: 20 } };
let host: TrainerHost;
const ends = new Map<string, (e: TrainEvent) => void>();

async function train(p: Project, resume = false): Promise<string> {
  let finished: (e: TrainEvent) => void = () => undefined;
  const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
  const { runId } = await host.start(p, { resume });
  ends.set(runId, finished);
  const end = await done;
  if (end.type !== 'done') throw new Error(`training failed: ${JSON.stringify(end)}`);
  return runId;
}

/** The values of the model's weight `<layer>/<name>` as float32, from an exported `trained` section. */
function exported(trained: Trained, layer: string, name: 'kernel' | 'bias'): number[] {
  const w = trained.weights.find((t) => t.name === `${layer}/${name}`);
  if (!w) throw new Error(`no ${layer}/${name} in ${trained.weights.map((t) => t.name).join(', ')}`);
  return Array.from(base64ToFloat32(w.data)!);
}

const values = (info: LayerWeightsInfo, name: 'kernel' | 'bias', which: 'initial' | 'current') => info.tensors.find((t) => t.name === name)![which]!.map(decodeNumber);

beforeAll(async () => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  await tf.setBackend('cpu');
  host = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
    if (event.type === 'done' || event.type === 'failed') ends.get(event.runId)?.(event);
  });
}, 60_000);

afterAll(() => host?.dispose());

describe('model.weights in the trainer process (issue 16)', () => {
  it('current = the exported weights, initial = a fresh model of the same graph and seed; the tutorial model is linear in x', async () => {
    const runId = await train(project);
    const info = await host.weights(runId, 'dense');
    const name = planGraph(project.graph).byId.get('dense')!.name;
    expect(info.layer).toEqual({ nodeId: 'dense', name, type: 'Dense', inputs: 1, units: 1, activation: 'linear', useBias: true });
    expect(info.linearModel).toBe(true);
    expect(info.initialSource).toBe('initialized');
    expect(info.tensors.map((t) => [t.name, t.shape])).toEqual([['kernel', [1, 1]], ['bias', [1]]]);

    const { trained } = await host.exportModel(runId);
    expect(values(info, 'kernel', 'current')).toEqual(exported(trained, name, 'kernel'));
    expect(values(info, 'bias', 'current')).toEqual(exported(trained, name, 'bias'));

    const fresh = buildModel(project.graph, { seed: project.training.seed });
    const [kernel, bias] = fresh.getLayer(name).getWeights().map((t) => Array.from(t.dataSync()));
    fresh.dispose();
    expect(values(info, 'kernel', 'initial')).toEqual(kernel);
    expect(values(info, 'bias', 'initial')).toEqual(bias);
    // Training moved them: before and after differ.
    expect(values(info, 'kernel', 'current')).not.toEqual(kernel);

    // A resumed run starts from the saved weights: they are its "before".
    const resumed = await train({ ...project, trained }, true);
    const again = await host.weights(resumed, 'dense');
    expect(again.initialSource).toBe('resumed');
    expect(values(again, 'kernel', 'initial')).toEqual(exported(trained, name, 'kernel'));
    expect(values(again, 'bias', 'initial')).toEqual(exported(trained, name, 'bias'));

    // Saved weights loaded from a file: no run started them, so "before" is unknown rather than invented.
    const { runId: loaded } = await host.loadTrained({ ...project, trained });
    const fromFile = await host.weights(loaded, 'dense');
    expect(fromFile.initialSource).toBe('unknown');
    expect(fromFile.tensors.every((t) => t.initial === null)).toBe(true);
    expect(values(fromFile, 'kernel', 'current')).toEqual(exported(trained, name, 'kernel'));
  }, 180_000);

  it('refuses a node that is not a Dense layer of the run\'s model, and an unknown run, saying what to do', async () => {
    const runId = await train(project);
    await expect(host.weights(runId, 'input')).rejects.toMatchObject({ code: 'not-dense', message: expect.stringMatching(/Node input is of type Input: weights are shown for Dense layers only/) });
    await expect(host.weights(runId, 'n99')).rejects.toMatchObject({ code: 'not-in-model', message: expect.stringMatching(/Node n99 is not in the model this run trained.*Train again/) });
    await expect(host.weights('nope', 'dense')).rejects.toMatchObject({ code: 'no-model', message: expect.stringMatching(/train first/) });
  }, 180_000);
});

describe('layerWeights bound', () => {
  it(`refuses a layer of more than ${MAX_LAYER_WEIGHT_VALUES.toLocaleString('en-US')} values with a message naming it and its size`, () => {
    const graph = chain(node('in', 'Input', { shape: [1000] }), node('big', 'Dense', { units: 1000 }));
    const plan = planGraph(graph);
    const model = buildModel(graph, { seed: 1 }, plan);
    try {
      expect(() => layerWeights(model, plan, 'big', null)).toThrow(/dense_big \(node big\) has 1,001,000 weights; at most 1,000,000 are shown/);
      const small = chain(node('in', 'Input', { shape: [3] }), node('d', 'Dense', { units: 2, activation: 'relu' }));
      const smallPlan = planGraph(small);
      const smallModel = buildModel(small, { seed: 1 }, smallPlan);
      // Copying and reading the weights make no tensor (they read the variables' own): nothing to leak.
      const before = tf.memory().numTensors;
      const snapshot = snapshotDenseWeights(smallModel, smallPlan);
      const info = layerWeights(smallModel, smallPlan, 'd', { source: 'initialized', weights: snapshot });
      const unknown = layerWeights(smallModel, smallPlan, 'd', null);
      expect(tf.memory().numTensors).toBe(before);
      smallModel.dispose();
      expect(info.linearModel).toBe(false);
      expect(info.tensors.map((t) => [t.name, t.shape])).toEqual([['kernel', [3, 2]], ['bias', [2]]]);
      // Nothing trained in between: before = now.
      for (const t of info.tensors) expect(t.initial).toEqual(t.current);
      expect(unknown.initialSource).toBe('unknown');
      expect(unknown.tensors.map((t) => t.initial)).toEqual([null, null]);
    } finally {
      model.dispose();
    }
  });
});
