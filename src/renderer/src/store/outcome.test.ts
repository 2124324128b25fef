import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api/contract';
import type { RunOutcome } from '../../../shared/training/outcome';
import { epochLabel, lastFinite } from '../components/chartData';
import * as commands from './commands';
import { emptyDoc, type EditorDoc } from './document';
import { createEditorStore } from './editor';
import { applyTrainEvent, idleRun, runStatusText } from './run';
import { logLines } from './series';
import type { CsvDataset } from '../../../shared/project/schema';
import { generateDataset } from '../../../shared/data/generators';
import { assessProjectRun } from '../../../shared/training/outcome';
import { rememberCsvSample } from '../components/CsvImportState';
import { savedRunOutcome } from './savedOutcome';
import { builtinImagesSpec, imagesToDataset } from '../../../shared/data/images';
import { imageSampleKey, useImageSamples } from '../data/imageSamples';

/** A 4-row CSV with one feature on a large scale (the shape of the wine data's proline), normalisation off. */
const csv: CsvDataset = {
  kind: 'csv',
  file: { name: 'tiny.csv', size: 40, sha256: 'a'.repeat(64) },
  delimiter: ',',
  header: true,
  columns: [
    { name: 'proline', type: 'numeric', role: 'feature' },
    { name: 'class', type: 'categorical', role: 'label' },
  ],
  normalize: false,
  labelEncoding: 'index',
  transform: { featureNames: ['proline'], means: [750], stds: [300], categories: {}, classNames: ['a', 'b'] },
  rows: 4,
};

const backend = { name: 'wasm' as const, fallbackReasons: [] };
const stuck: RunOutcome = {
  kind: 'did-not-learn',
  epochs: 2,
  plannedEpochs: 2,
  loss: { first: 14, last: 14.3, tailMean: 14.2, change: 0.014 },
  accuracy: { last: 0.11, tailMean: 0.11, chance: 0.1 },
  causes: [{ kind: 'learning-rate-too-high', optimizer: 'rmsprop', learningRate: 10, defaultLearningRate: 0.001 }],
  remedies: [{ kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'rmsprop' }],
};

describe('a finished run in the editor', () => {
  it('says what the run achieved instead of a bare "Done", and keeps a Keras-like log', () => {
    let run = applyTrainEvent({ ...idleRun(), status: 'starting' }, { type: 'started', runId: 'r', backend, epochs: 2, batchesPerEpoch: 1, trainSamples: 4, validationSamples: 0 });
    const progress: TrainEvent = {
      type: 'progress',
      runId: 'r',
      batches: [],
      epochs: [
        { epoch: 0, logs: { loss: 14, acc: 0.1 }, durationMs: 12 },
        { epoch: 1, logs: { loss: 14.3, acc: 0.11 }, durationMs: 1500 },
      ],
      epoch: 1,
      batch: 0,
      elapsedMs: 20,
      etaMs: 0,
    };
    run = applyTrainEvent(run, progress);
    run = applyTrainEvent(run, { type: 'done', runId: 'r', reason: 'completed', elapsedMs: 20, finalLogs: { loss: 14.3, acc: 0.11 }, outcome: stuck });
    expect(run.outcome).toEqual(stuck);
    expect(runStatusText(run)).toBe('Done · Did not learn');
    expect(logLines(run.series, run.epochs)).toEqual(['Epoch 1/2 - 12ms - loss: 14.0000 - accuracy: 0.1000', 'Epoch 2/2 - 1.5s - loss: 14.3000 - accuracy: 0.1100']);
  });

  it('legends read whole epochs and, away from the chart, the last value', () => {
    expect(epochLabel(140)).toBe('140');
    expect(epochLabel(2.25)).toBe('3');
    expect(epochLabel(0.5)).toBe('1');
    expect(lastFinite([1, 2, NaN])).toBe(2);
    expect(lastFinite([])).toBeNull();
  });
});

const chain = (): EditorDoc => {
  let n = 1;
  const ctx = { newNodeId: () => `n${n++}` };
  let doc = emptyDoc();
  for (const [i, type] of ['Input', 'Dense', 'Dense'].entries()) doc = commands.addNode(doc, { type, position: { x: i * 200, y: 0 } }, ctx).doc;
  doc = commands.connect(doc, { source: 'n1', target: 'n2' }).doc;
  return commands.connect(doc, { source: 'n2', target: 'n3' }).doc;
};

describe('remedies are undoable commands', () => {

  it('sets the learning rate in one undo step', () => {
    const store = createEditorStore(chain());
    store.getState().updateTraining({ optimizer: { type: 'rmsprop', learningRate: 10 } });
    store.getState().applyRemedy({ kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'rmsprop' });
    expect(store.getState().doc.training.optimizer.learningRate).toBe(0.001);
    store.getState().undo();
    expect(store.getState().doc.training.optimizer.learningRate).toBe(10);
  });

  it('turns normalisation on for CSV data (no re-import: the transform is already there), and refuses it for a generator', () => {
    const doc = { ...chain(), dataset: csv };
    const result = commands.applyRemedy(doc, { kind: 'normalize-inputs' }, { newNodeId: () => 'x' });
    expect(result.changed).toBe(true);
    expect(result.doc.dataset).toMatchObject({ kind: 'csv', normalize: true, transform: doc.dataset.transform });
    const refused = commands.applyRemedy(chain(), { kind: 'normalize-inputs' }, { newNodeId: () => 'x' });
    expect(refused.changed).toBe(false);
    expect(refused.refused).toMatch(/CSV/);
  });

  it('inserts Dropout(rate) between the last hidden layer and the output layer', () => {
    const result = commands.applyRemedy(chain(), { kind: 'add-dropout', rate: 0.2 }, { newNodeId: () => 'n9' });
    const dropout = result.doc.graph.nodes.find((n) => n.id === 'n9')!;
    expect(dropout).toMatchObject({ type: 'Dropout', params: { rate: 0.2 } });
    expect(result.doc.graph.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['n1>n2', 'n2>n9', 'n9>n3']);
  });

  it('sets the epochs', () => {
    expect(commands.applyRemedy(chain(), { kind: 'set-epochs', epochs: 12, basis: 'best-epoch' }, { newNodeId: () => 'x' }).doc.training.epochs).toBe(12);
  });
});

describe('a reopened project', () => {
  const trained = (history: { epoch: number; logs: Record<string, number> }[]) => ({
    trainedAt: '2026-01-01T00:00:00.000Z',
    reason: 'completed' as const,
    graphHash: 'x',
    settingsHash: 'x',
    datasetHash: 'x',
    weights: [],
    history,
  });
  const flat = [0, 1, 2].map((epoch) => ({ epoch, logs: { loss: 0.69, acc: 0.75 } }));

  it('recomputes the outcome the trainer computed: generators are regenerated, so the chance level is the same', () => {
    const spec = { kind: 'generator' as const, generator: 'classification' as const, seed: 42 };
    const project = { ...chain(), dataset: spec, trained: trained(flat) };
    // The trainer's dataset for a generator spec is generateDataset(spec) (src/main/engine/run-project.ts loadDataset).
    const trainer = assessProjectRun(project, generateDataset(spec), 'completed', flat);
    expect(savedRunOutcome(project)).toEqual(trainer);
  });

  // Issue 14: an image dataset's images arrive from main after the project opens; 0 or some of N loaded is not the data the run saw.
  it('for image data, judges nothing from the images until all have arrived, then as the trainer did', () => {
    // 40 synthetic 8×8 images: the first 20 all of class 0, then classes 1–9.
    const spec = { ...builtinImagesSpec('digits', { samples: 40 }) };
    const project = { ...chain(), dataset: spec, trained: trained(flat) };
    const raw = { rows: 40, height: 8, width: 8, channels: 1, maxValue: 16, pixels: new Uint8Array(40 * 64), labels: Uint8Array.from({ length: 40 }, (_, r) => (r < 20 ? 0 : (r % 9) + 1)), classNames: spec.classNames };
    const whole = imagesToDataset(spec, raw);
    const first = (rows: number) => ({ ...whole, rows, x: Float32Array.from(raw.pixels.subarray(0, rows * 64)), y: whole.y.slice(0, rows) });
    for (const rows of [0, 20]) {
      // 0 of 40 loaded, or only the first 20 (all class 0): no chance level drawn from them.
      useImageSamples.getState().remember(imageSampleKey(spec), first(rows));
      const partial = savedRunOutcome(project)!;
      expect(partial.accuracy!.chance).toBe(0.1);
      expect(partial).toEqual(assessProjectRun(project, whole, 'completed', flat, { complete: false }));
    }
    // Every image here (raw pixels, as the editor holds them): the trainer's verdict on the same labels.
    useImageSamples.getState().remember(imageSampleKey(spec), first(40));
    const outcome = savedRunOutcome(project)!;
    expect(outcome).toEqual(assessProjectRun(project, whole, 'completed', flat));
    expect(outcome.accuracy!.chance).toBe(0.5);
  });

  it('for CSV data, uses the majority share when the editor holds every row, else 1/classes', () => {
    const project = { ...chain(), dataset: csv, trained: trained(flat) };
    expect(savedRunOutcome(project)!.accuracy!.chance).toBe(0.5);
    rememberCsvSample(csv, { x: [[400], [700], [800], [1100]], y: [[0], [0], [0], [1]] });
    const outcome = savedRunOutcome(project)!;
    expect(outcome.accuracy!.chance).toBe(0.75);
    expect(outcome.kind).toBe('did-not-learn');
    expect(outcome.causes[0]).toEqual({ kind: 'inputs-not-normalized', feature: 'proline', mean: 750, std: 300 });
  });
});
