import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/shared/api/contract';
import { base64ToBytes } from '../../src/shared/project/base64';
import { planGraph } from '../../src/shared/graph/plan';
import { imageDataFiles } from '../../src/shared/codegen/image-data';
import { loadBuiltinImages } from '../../src/main/data/builtin-images';
import { buildModel } from '../../src/main/engine/compile';
import { applyWeights } from '../../src/main/engine/export-model';
import { featureMapsForRow } from '../../src/main/engine/feature-maps';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { inputTransform } from '../../src/main/engine/run-project';
import { TrainerHost } from '../../src/main/engine/trainer-host';
import { digitsSpec, imageProject, rawDigitRows } from '../tools/image-project';

/**
 * Issue 14 through the real trainer process (built out/main/trainer.js; `npm run build` first):
 * `model.activations` on a trained digits CNN gives the maps the same model computes here from the
 * run's exported weights, and `code.imageData` gives the .npy files of the code export.
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');
const project = imageProject(digitsSpec('unit', 300));
let host: TrainerHost;
let runId: string;

beforeAll(async () => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  await tf.setBackend('cpu');
  let finished: (e: TrainEvent) => void = () => undefined;
  const done = new Promise<TrainEvent>((resolve) => (finished = resolve));
  host = new TrainerHost(() => forkNodeTrainer(TRAINER), (event) => {
    if (event.type === 'done' || event.type === 'failed') finished(event);
  });
  runId = (await host.start(project)).runId;
  const end = await done;
  if (end.type !== 'done') throw new Error(`training failed: ${JSON.stringify(end)}`);
}, 180_000);

afterAll(() => host?.dispose());

describe('image calls in the trainer process (issue 14)', () => {
  it('model.activations: the trained model\'s maps and first filters for a raw image, as computed here from the run\'s weights', async () => {
    const [row] = rawDigitRows(1, 7);
    const maps = await host.activations(runId, row);
    expect(maps.layers.map((l) => [l.nodeId, l.shape])).toEqual([['c1', [8, 8, 4]], ['p1', [4, 4, 4]], ['c2', [3, 3, 3]]]);
    expect(maps.filters?.shape).toEqual([3, 3, 1, 4]);
    const { trained } = await host.exportModel(runId);
    const model = buildModel(project.graph, { seed: 1 });
    applyWeights(model, trained.weights);
    const here = featureMapsForRow(model, planGraph(project.graph), inputTransform(project.dataset, 64), row);
    model.dispose();
    expect(maps.filters).toEqual(here.filters);
    maps.layers.forEach((layer, i) => layer.values.forEach((v, j) => expect(Math.abs((v as number) - (here.layers[i].values[j] as number)), `${layer.name}[${j}]`).toBeLessThan(1e-5)));
  });

  it('model.activations refuses an image of the wrong size and an unknown run, saying what to do', async () => {
    await expect(host.activations(runId, [1, 2, 3])).rejects.toThrow(/Row 1 has 3 values; expected 64/);
    await expect(host.activations('nope', rawDigitRows(1)[0])).rejects.toThrow(/train first/);
  });

  it('code.imageData: the .npy files of the code export, byte for byte those made here', async () => {
    const { files } = await host.codeImageData(project.dataset as never, 'digits_cnn');
    const want = imageDataFiles(project.dataset as never, loadBuiltinImages('digits'), 'digits_cnn');
    expect(files.map((f) => f.name)).toEqual(want.map((f) => f.name));
    files.forEach((f, i) => expect(Buffer.from(base64ToBytes(f.data)!).equals(Buffer.from(want[i].bytes))).toBe(true));
  });
});
