import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsvText, type CsvParseConfig } from '../../src/shared/data/csv';
import type { CsvDataset, Project, TrainingSettings } from '../../src/shared/project/schema';
import { FORMAT, FORMAT_VERSION } from '../../src/shared/project/schema';

export const FIXTURES_CSV = path.resolve(__dirname, '..', 'fixtures', 'csv');

/**
 * The dataset spec `data.import` would give a small CSV fixture (the file embedded, its transform
 * learned by the same parser), for tests that train on it without going through an upload.
 */
export function csvDatasetFromFixture(file: string, config: CsvParseConfig, options: { normalize: boolean; classLabels: 'onehot' | 'index' }): CsvDataset {
  const text = readFileSync(path.join(FIXTURES_CSV, file), 'utf8');
  const parsed = parseCsvText(text, config);
  return {
    kind: 'csv',
    file: { name: file, size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') },
    ...config,
    normalize: options.normalize,
    labelEncoding: parsed.transform.classNames ? options.classLabels : 'value',
    transform: parsed.transform,
    rows: parsed.rows,
    embedded: text,
  };
}

const WINE_COLUMNS = ['Class', 'Alcohol', 'Malic acid', 'Ash', 'Alcalinity of ash', 'Magnesium', 'Total phenols', 'Flavanoids', 'Nonflavanoid phenols', 'Proanthocyanins', 'Color intensity', 'Hue', 'OD280/OD315 of diluted wines', 'Proline'];

/** test/fixtures/csv/wine-like.csv (made by test/tools/make-wine-like.mjs): Class is the label, the 13 others are numeric features. */
export function wineLikeDataset(normalize: boolean): CsvDataset {
  return csvDatasetFromFixture(
    'wine-like.csv',
    {
      delimiter: ',',
      header: true,
      columns: WINE_COLUMNS.map((name, i) => (i === 0 ? { name, type: 'categorical', role: 'label' } : { name, type: 'numeric', role: 'feature' })),
    },
    { normalize, classLabels: 'onehot' },
  );
}

/**
 * What a learner builds for the wine data: Input(13) → Dense(16, relu) → Dense(3, softmax),
 * categorical crossentropy with accuracy, on the dataset given.
 */
export function wineLikeProject(dataset: CsvDataset, training: Partial<TrainingSettings> = {}): Project {
  const dense = (units: number, activation: string) => ({ units, activation, useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 });
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: '0.1.0',
    savedAt: '2026-01-01T00:00:00.000Z',
    name: 'Wine-like',
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [13] }, position: { x: 0, y: 0 } },
        { id: 'hidden', type: 'Dense', params: dense(16, 'relu'), position: { x: 200, y: 0 } },
        { id: 'output', type: 'Dense', params: dense(3, 'softmax'), position: { x: 400, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'input', target: 'hidden' },
        { id: 'e2', source: 'hidden', target: 'output' },
      ],
    },
    training: {
      optimizer: { type: 'rmsprop', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 100,
      batchSize: 32,
      validationSplit: 0,
      shuffle: true,
      seed: 1,
      ...training,
    },
    dataset,
  } as Project;
}
