import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagePreprocessing } from '../../shared/data/images';
import { preprocessingFor } from '../../shared/data/preprocess';
import { chain, node } from '../../shared/graph/fixtures';
import { planGraph } from '../../shared/graph/plan';
import type { ImagesDataset } from '../../shared/project/schema';
import { importLayersModel } from '../../shared/import/layers-model';
import { branchedGraph, digitsCnnGraph, digitsSpec, flatGraph, IMAGE_SETTINGS, rawDigitRows } from '../../../test/tools/image-project';
import { buildModel } from './compile';
import { decideExportPreprocessing, exportLayersModel, rescalingAlong } from './export-model';
import { inputTransform } from './run-project';
import { predictRows } from './train-loop';

/**
 * Issue 14: an exported image model takes raw pixels. The pipeline's pixel scaling (`rescale`)
 * becomes a Keras Rescaling layer in front of the TF.js model, so stock `tf.loadLayersModel` on
 * raw pixels predicts what Neurite's predict (the trainer's path: inputTransform → predictRows)
 * predicts on the same raw pixels. (Before: `kind: 'none'`, the model silently expected scaled pixels.)
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function reload(exported: Awaited<ReturnType<typeof exportLayersModel>>): Promise<tf.LayersModel> {
  const json = JSON.parse(JSON.stringify(exported.modelJson)) as typeof exported.modelJson;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: exported.weightData }));
}

describe('image exports carry the pixel scaling (issue 14)', () => {
  const raw = rawDigitRows(12, 100);
  for (const scaling of ['unit', 'zscore'] as const) {
    for (const [shape, graph] of [['sequential CNN', digitsCnnGraph()], ['functional CNN (Input feeds two layers)', branchedGraph()], ['flat Input [64]', flatGraph()]] as const) {
      it(`${scaling}, ${shape}: stock tf.loadLayersModel on raw pixels predicts what Neurite predicts on them (1e-5)`, async () => {
        const spec = digitsSpec(scaling);
        const model = buildModel(graph, { seed: 3 });
        const ours = predictRows(model, inputTransform(spec, 64)(raw), 64);
        const exported = await exportLayersModel(model, 'weights.bin', { pipeline: preprocessingFor(spec), plan: planGraph(graph) }, IMAGE_SETTINGS);
        expect(exported.preprocessing.kind).toBe('rescaling');
        expect(exported.modelJson.userDefinedMetadata.neurite.preprocessing).toBe('rescaling');
        const reloaded = await reload(exported);
        expect(reloaded.layers[1].getClassName()).toBe('Rescaling');
        const inputShape = reloaded.inputs[0].shape.slice(1) as number[];
        const theirs = tf.tidy(() => (reloaded.predict(tf.tensor(raw.flat(), [raw.length, ...inputShape])) as tf.Tensor).arraySync() as number[][]);
        ours.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(theirs[i][j] - v), `row ${i} output ${j}`).toBeLessThanOrEqual(1e-5)));
        reloaded.dispose();
        model.dispose();
      });
    }
  }

  it('the scaling layer is a plain Keras Rescaling(scale, offset) that Neurite imports back as a Rescaling node', async () => {
    const spec = digitsSpec('unit');
    const graph = digitsCnnGraph();
    const model = buildModel(graph, { seed: 3 });
    const exported = await exportLayersModel(model, 'weights.bin', { pipeline: preprocessingFor(spec), plan: planGraph(graph) }, IMAGE_SETTINGS);
    expect(exported.preprocessing).toEqual({ kind: 'rescaling', layer: 'pixel_rescaling', scale: [1 / 16], offset: [0] });
    const layers = (exported.modelJson.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    expect(layers[1]).toMatchObject({ class_name: 'Rescaling', config: { name: 'pixel_rescaling', scale: 1 / 16, offset: 0 } });
    const imported = importLayersModel(JSON.parse(JSON.stringify(exported.modelJson)));
    expect(imported.ok ? 'ok' : imported.error.message).toBe('ok');
    if (imported.ok) expect(imported.model.graph.nodes.map((n) => n.type).slice(0, 3)).toEqual(['Input', 'Rescaling', 'Conv2D']);
    model.dispose();
  });

  it('per-channel scaling (RGB z-score) lies along the channels of an image Input, repeated along a flat one, else preprocessing.json', () => {
    const rgb: ImagesDataset = { ...digitsSpec('unit'), channels: 3, maxValue: 255, scaling: 'zscore', transform: { mean: [10, 20, 30], std: [2, 4, 5] } };
    const step = { kind: 'rescale' as const, scale: [0.5, 0.25, 0.2], offset: [-5, -5, -6] };
    expect(imagePreprocessing(rgb).steps[1]).toEqual(step);
    expect(rescalingAlong(step, 3)).toEqual({ scale: [0.5, 0.25, 0.2], offset: [-5, -5, -6] });
    expect(rescalingAlong(step, 6)).toEqual({ scale: [0.5, 0.25, 0.2, 0.5, 0.25, 0.2], offset: [-5, -5, -6, -5, -5, -6] });
    expect(rescalingAlong(step, 8)).toBeNull();
    const image = decideExportPreprocessing(preprocessingFor(rgb), planGraph(chain(node('in', 'Input', { shape: [8, 8, 3] }), node('f', 'Flatten'), node('out', 'Dense', { units: 10 }))));
    expect(image).toMatchObject({ kind: 'rescaling', scale: [0.5, 0.25, 0.2] });
    const odd = decideExportPreprocessing(preprocessingFor(rgb), planGraph(chain(node('in', 'Input', { shape: [8, 24, 1] }), node('f', 'Flatten'), node('out', 'Dense', { units: 10 }))));
    expect(odd).toMatchObject({ kind: 'file', reason: 'input-shape' });
    if (odd.kind === 'file') expect(odd.json.description).toMatch(/"rescale"/);
    expect(decideExportPreprocessing(preprocessingFor(digitsSpec('none')), planGraph(digitsCnnGraph()))).toEqual({ kind: 'none' });
    // A model whose Input does not take the data's 64 pixels gets rows as they are at predict time (modelInputRoute): no scaling either.
    expect(decideExportPreprocessing(preprocessingFor(digitsSpec('unit')), planGraph(chain(node('in', 'Input', { shape: [10] }), node('out', 'Dense', { units: 2 }))))).toEqual({ kind: 'none' });
    if (odd.kind === 'file') expect(odd.json.image).toEqual({ height: 8, width: 8, channels: 3, maxValue: 255 });
  });
});
