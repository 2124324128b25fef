import { defaultOptimizerSettings } from '../../src/shared/optimizers';
import { FORMAT, FORMAT_VERSION, type Project, type RunEpoch, type RunRecord, type RunStatus, type WeightTensor } from '../../src/shared/project/schema';
import { applyKeepPolicy } from '../../src/shared/runs/policy';
import { makeRunRecord, type RunReport } from '../../src/shared/runs/record';

// No Node imports: the renderer's unit tests (tsconfig.web.json) use this file too.

const dense = (units: number, activation: string) => ({ units, activation, useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 });

/** resources/templates/keras-tutorial-classifier.neurite as the app opens it: Input(100) → Dense(100, relu) → Dense(10, softmax), RMSprop, 1000 generated rows. */
export function classifierProject(): Project {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: '0.1.0',
    savedAt: '2026-11-30T00:00:00.000Z',
    name: 'Keras tutorial: 10-class classifier',
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [100] }, position: { x: 80, y: 160 } },
        { id: 'hidden', type: 'Dense', params: dense(100, 'relu'), position: { x: 340, y: 160 } },
        { id: 'output', type: 'Dense', params: dense(10, 'softmax'), position: { x: 600, y: 160 } },
      ],
      edges: [
        { id: 'input->hidden', source: 'input', target: 'hidden' },
        { id: 'hidden->output', source: 'hidden', target: 'output' },
      ],
    },
    training: {
      optimizer: defaultOptimizerSettings('rmsprop'),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 100,
      batchSize: 32,
      validationSplit: 0,
      splitMode: 'shuffle',
      testSplit: 0,
      shuffle: true,
      seed: 42,
    },
    dataset: { kind: 'generator', generator: 'classification', seed: 42 },
  };
}

/** The hidden Dense's units, the learning rate, the batch size and the optimizer of run `i` (0-based) of {@link runsProject}. */
export const UNITS = [32, 64, 128] as const;
export const LEARNING_RATES = [0.01, 0.001, 0.1, 0.0001] as const;
export const BATCH_SIZES = [32, 16, 64] as const;

/** Run `i`'s setup: units change fastest, then learning rate, then batch size, then optimizer (RMSprop / Adam). */
export function runSetup(i: number): { units: number; learningRate: number; batchSize: number; optimizer: 'rmsprop' | 'adam' } {
  return {
    units: UNITS[i % 3],
    learningRate: LEARNING_RATES[Math.floor(i / 3) % 4],
    batchSize: BATCH_SIZES[Math.floor(i / 12) % 3],
    optimizer: Math.floor(i / 36) % 2 === 0 ? 'rmsprop' : 'adam',
  };
}

/** A small deterministic generator (mulberry32), so a fixture is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RunsProjectOptions {
  /** Epochs per run's history (default 20). */
  epochs?: number;
  /** Give every `weightsEvery`-th run (and run 2) a tiny weight tensor, for the keep policy to keep or drop (default none). */
  withWeights?: boolean;
}

/**
 * The Keras tutorial classifier ({@link classifierProject}) with
 * `count` remembered runs, each a real record from `makeRunRecord` (the app's and the CLI's one
 * builder): run i's setup is {@link runSetup}(i) (so runs 1 and 2 differ only in the hidden
 * layer's units, 32 → 64); histories are made-up, deterministic curves with loss, accuracy and
 * their val_ logs and per-epoch times; every 23rd run was stopped, every 50th diverged, every
 * 97th failed (no logs). The keep policy is applied, as the app does after every run.
 * For the runs view's tests and its 500-run benchmark (bench/runs-view.mjs).
 */
export function runsProject(count: number, options: RunsProjectOptions = {}): Project {
  const base = classifierProject();
  const epochs = options.epochs ?? 20;
  const rand = random(15);
  let runs: RunRecord[] = [];
  const start = Date.parse('2026-11-01T09:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const setup = runSetup(i);
    const graph = {
      ...base.graph,
      nodes: base.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { ...n.params, units: setup.units } } : n)),
    };
    const training = {
      ...base.training,
      optimizer: { ...defaultOptimizerSettings(setup.optimizer), learningRate: setup.learningRate },
      batchSize: setup.batchSize,
      epochs,
      validationSplit: 0.2,
    };
    const status: RunStatus = i % 37 === 36 ? 'failed' : i % 50 === 49 ? 'diverged' : i % 23 === 22 ? 'stopped' : 'completed';
    const history: RunEpoch[] = [];
    const floor = 0.2 + rand() * 0.6;
    const speed = 0.05 + rand() * 0.3;
    const perEpochMs = 40 + setup.units + rand() * 30;
    const ran = status === 'failed' ? 0 : status === 'stopped' || status === 'diverged' ? Math.max(1, Math.floor(epochs / 2)) : epochs;
    for (let e = 0; e < ran; e++) {
      const loss = floor + 2 * Math.exp(-speed * (e + 1)) + rand() * 0.02;
      const valLoss = loss * (1.05 + rand() * 0.1);
      const accuracy = Math.min(0.99, 1 - loss / 2.5);
      history.push({ epoch: e, logs: { loss, accuracy, val_loss: valLoss, val_accuracy: Math.min(0.99, accuracy - 0.03) }, elapsedMs: Math.round(perEpochMs * (e + 1)) });
    }
    const last = history[history.length - 1]?.logs ?? {};
    const report: RunReport = {
      startedAt: new Date(start + i * 600_000).toISOString(),
      durationMs: Math.round(perEpochMs * ran) + 150,
      backend: 'wasm',
      history,
      status,
      ...(status === 'failed' ? { message: 'The trainer stopped: out of memory (made-up failure for the fixture).' } : {}),
      ...(status === 'failed' ? {} : { outcomeKind: status === 'stopped' ? 'stopped' : status === 'diverged' ? 'diverged' : floor < 0.5 ? 'learned' : 'did-not-learn' }),
      finalLogs: status === 'failed' ? {} : last,
      ...(status === 'completed' && i % 5 === 0 ? { test: { test_loss: (last.val_loss ?? 1) * 1.01, test_accuracy: (last.val_accuracy ?? 0) - 0.01 } } : {}),
      origin: { kind: 'train' },
    };
    const weights: WeightTensor[] | undefined = options.withWeights && status !== 'failed' ? [{ name: 'dense_hidden/bias', shape: [1], dtype: 'float32', data: 'AACAPw==' }] : undefined;
    runs.push(makeRunRecord({ graph, training, dataset: base.dataset }, report, runs, weights));
    runs = applyKeepPolicy(runs, undefined);
  }
  return { ...base, name: `Classifier with ${count} runs`, ...(runs.length > 0 ? { runs } : {}) };
}
