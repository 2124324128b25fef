import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { buildForTraining } from '../../src/main/engine/compile';
import { planFastDense } from '../../src/main/engine/fast-dense';
import { chain, node } from '../../src/shared/graph/fixtures';
import { planGraph } from '../../src/shared/graph/plan';
import type { TrainingSettings } from '../../src/shared/project/schema';

/**
 * Issue 14: a CNN built from the registry's image layers (flat rows reshaped to 8×8×1, Rescaling,
 * Conv2D, MaxPooling2D, GlobalAveragePooling2D, Dense) compiles through the app's training build
 * and fits on the tfjs cpu backend (the wasm backend lacks Conv2DBackpropFilter in stock tfjs 4.22;
 * its kernels are another part of the issue). Its parameter count is the plan's.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('a small CNN trains on the cpu backend with finite losses and the parameter count the canvas shows', async () => {
  const graph = chain(
    node('in', 'Input', { shape: [64] }),
    node('r', 'Reshape', { targetShape: [8, 8, 1] }),
    node('s', 'Rescaling', { scale: 1 / 16 }),
    node('c', 'Conv2D', { filters: 4, activation: 'relu', padding: 'same' }),
    node('p', 'MaxPooling2D'),
    node('c2', 'Conv2D', { filters: 4 }),
    node('g', 'GlobalAveragePooling2D'),
    node('out', 'Dense', { units: 3, activation: 'softmax' }),
  );
  const training: TrainingSettings = { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'sparseCategoricalCrossentropy', metrics: [], epochs: 2, batchSize: 16, validationSplit: 0, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 } as TrainingSettings;
  const { model, source } = buildForTraining(graph, training);
  const planned = planGraph(graph).nodes.reduce((n, p) => n + p.count.trainable + p.count.nonTrainable, 0);
  expect(model.countParams()).toBe(planned);
  expect(planned).toBe(3 * 3 * 1 * 4 + 4 + (3 * 3 * 4 * 4 + 4) + (4 * 3 + 3));
  // The fused fast path runs Dense chains only: it declines this model, which trains on the general tfjs path.
  expect(planFastDense(source, model)).toMatch(/not in the fast path/);
  const x = tf.randomUniform([48, 64], 0, 16, 'float32', 7);
  const y = tf.tensor1d(Array.from({ length: 48 }, (_, i) => i % 3));
  const history = await model.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false });
  for (const loss of history.history.loss as number[]) expect(Number.isFinite(loss)).toBe(true);
  tf.dispose([x, y]);
  model.dispose();
});
