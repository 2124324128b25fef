import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_DEFAULTS, importLayersModel, projectFromImport } from '../../shared/import/layers-model';
import type { Graph } from '../../shared/graph/types';
import { LOSSES, METRICS, OPTIMIZERS, type OptimizerSettings, type TrainingSettings } from '../../shared/project/schema';
import { getLoss } from '../../shared/losses';
import { getOptimizer, resolveOptimizer } from '../../shared/optimizers';
import { buildModel } from './compile';
import { applyWeights, exportLayersModel } from './export-model';

/**
 * Issue 13: the TF.js export carries the training settings (model.json `trainingConfig`), so a
 * re-import keeps loss, optimizer (every argument) and metrics, and stock `tf.loadLayersModel`
 * compiles the loaded model with them.
 */
const GRAPH: Graph = {
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } },
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 0 } },
  ],
  edges: [{ id: 'e', source: 'in', target: 'out' }],
};

/** Every field of the optimizer away from its default (a changed value proves it was carried). */
function nonDefault(type: OptimizerSettings['type']): OptimizerSettings {
  const settings: Record<string, unknown> = { type };
  for (const field of getOptimizer(type).fields) {
    if (field.kind === 'bool') settings[field.name] = !field.default;
    else settings[field.name] = field.default === 0 ? 0.25 : field.default * 0.5;
  }
  return settings as OptimizerSettings;
}

function training(optimizer: OptimizerSettings, loss: TrainingSettings['loss'] = 'categoricalCrossentropy', metrics: TrainingSettings['metrics'] = ['accuracy', 'mse']): TrainingSettings {
  return { optimizer, loss, metrics, epochs: 3, batchSize: 4, validationSplit: 0, splitMode: 'end', testSplit: 0, shuffle: false, seed: 1 };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js export with training_config', () => {
  it.each(OPTIMIZERS.map((id) => [id]))('%s: export → import gives the same optimizer, loss and metrics; tf.loadLayersModel compiles with them', async (id) => {
    const settings = nonDefault(id);
    const model = buildModel(GRAPH, { seed: 1 });
    const exported = await exportLayersModel(model, 'weights.bin', undefined, training(settings));
    expect(exported.training).toEqual({ kind: 'written' });
    const json = JSON.parse(JSON.stringify(exported.modelJson)) as Record<string, unknown>;
    const result = importLayersModel(json);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.warnings).toEqual([]);
    expect(result.model.training?.optimizer).toEqual(resolveOptimizer(settings));
    expect(result.model.training?.loss).toBe('categoricalCrossentropy');
    expect(result.model.training?.metrics).toEqual(['accuracy', 'mse']);

    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: exported.modelJson.modelTopology, weightSpecs: exported.modelJson.weightsManifest[0].weights, weightData: exported.weightData, trainingConfig: exported.modelJson.trainingConfig as tf.io.TrainingConfig }),
    );
    expect(loaded.optimizer.getConfig()).toEqual(getOptimizer(id).tfjsConfig(resolveOptimizer(settings)));
    expect(loaded.loss).toBe('categoricalCrossentropy');
    model.dispose();
    loaded.dispose();
  });

  it.each(LOSSES.map((id) => [id]))('loss %s: carried, or left out with the reason when tfjs has no such loss', async (loss) => {
    const model = buildModel(GRAPH, { seed: 1 });
    const exported = await exportLayersModel(model, 'weights.bin', undefined, training({ type: 'adam', learningRate: 0.01 }, loss, [...METRICS]));
    const result = importLayersModel(JSON.parse(JSON.stringify(exported.modelJson)));
    if (!result.ok) throw new Error(result.error.message);
    if (getLoss(loss).tfjsName) {
      expect(result.model.training).toMatchObject({ loss, metrics: [...METRICS], optimizer: { type: 'adam', learningRate: 0.01 } });
    } else {
      expect(exported.training).toMatchObject({ kind: 'omitted' });
      if (exported.training.kind === 'omitted') expect(exported.training.reason).toContain(getLoss(loss).label);
      expect(exported.modelJson.trainingConfig).toBeUndefined();
    }
    model.dispose();
  });
});

describe('a tfjs model saved with includeOptimizer', () => {
  it('imports its weights, skips the optimizer state and names it', async () => {
    const model = buildModel(GRAPH, { seed: 2 });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    await model.fit(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1, 0], [0, 1]]), { epochs: 2, verbose: 0 });
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })), { includeOptimizer: true });
    const artifacts = saved as unknown as tf.io.ModelArtifacts;
    const specs = artifacts.weightSpecs!;
    expect(specs.some((s) => s.group === 'optimizer')).toBe(true);
    const json = { format: 'layers-model', modelTopology: artifacts.modelTopology, trainingConfig: artifacts.trainingConfig, weightsManifest: [{ paths: ['w.bin'], weights: specs }] };
    const result = importLayersModel(JSON.parse(JSON.stringify(json)));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.warnings).toHaveLength(1);
    expect(result.model.warnings[0]).toMatch(/^The file holds the optimizer's state \(\d+ weights: .*\); it is not carried over/);
    const project = projectFromImport(result.model, { appVersion: 'test', ...IMPORT_DEFAULTS }, new Uint8Array(artifacts.weightData as ArrayBuffer), '2026-01-01T00:00:00Z');
    if (!('format' in project)) throw new Error(project.message);
    const rebuilt = buildModel(project.graph, { seed: 9 });
    applyWeights(rebuilt, project.trained!.weights);
    const x = tf.tensor2d([[0.5, -1]]);
    expect(Array.from((rebuilt.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
    expect(project.training.optimizer).toMatchObject({ type: 'adam', learningRate: 0.01 });
    tf.dispose(x);
    model.dispose();
    rebuilt.dispose();
  });
});
