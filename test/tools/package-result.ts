import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64ToFloat32 } from '../../src/shared/project/base64';
import { projectHashes } from '../../src/shared/project/hash';
import type { Project, WeightTensor } from '../../src/shared/project/schema';

/**
 * Issue 18: a training package's result folder as train.py writes it (src/shared/codegen/distributed.ts),
 * made from weights the app itself produced (running train.py is done once, in
 * test/integration/keras-distributed.test.ts): `model.json` whose weightsManifest names Neurite's
 * `<layer>/<weight>` weights, `weights.bin` (float32 little-endian, in manifest order) and
 * `training-log.jsonl` (start with the project's hashes, two epochs, done) — a multi-worker run of
 * 2 workers, global batch 16. Answers the three files' paths.
 */
export function writePackageResult(folder: string, project: Project, weights: WeightTensor[]): string[] {
  writeFileSync(join(folder, 'weights.bin'), Buffer.concat(weights.map((w) => Buffer.from(base64ToFloat32(w.data)!.buffer))));
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'keras 3 (test fixture)',
    modelTopology: {},
    weightsManifest: [{ paths: ['weights.bin'], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) }],
  };
  writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson));
  const neurite = { ...projectHashes(project), project: project.name };
  const lines = [
    { event: 'start', startedAt: '2026-11-30T01:00:00Z', neurite, strategy: 'multi-worker', workers: 2, replicas: 2, globalBatchSize: 16, epochs: 2, resumedFromEpoch: 0 },
    { event: 'epoch', epoch: 0, logs: { loss: 0.6, accuracy: 0.55 }, elapsedMs: 1200 },
    { event: 'epoch', epoch: 1, logs: { loss: 0.4, accuracy: 0.8 }, elapsedMs: 2300 },
    { event: 'done', status: 'completed', epochs: 2, elapsedMs: 2500, earlyStopping: null, files: ['model.json', 'weights.bin'] },
  ];
  writeFileSync(join(folder, 'training-log.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return ['training-log.jsonl', 'model.json', 'weights.bin'].map((name) => join(folder, name));
}
