import { createHash } from 'node:crypto';
import { parseCsvText, type CsvParseConfig } from '../../src/shared/data/csv';
import { createRandom } from '../../src/shared/data/random';
import type { CsvDataset, Project, TrainingSettings } from '../../src/shared/project/schema';
import { FORMAT, FORMAT_VERSION } from '../../src/shared/project/schema';

/**
 * Issue 18: a CSV project that exercises every preprocessing step the training package must
 * reproduce as TensorFlow ops: a plain number, a number with missing values (mean fill and a
 * `(missing)` indicator), a one-hot category, an index-coded category, z-score normalisation, and
 * three classes as class indices. `rows` rows, made from a seeded stream (so the file is the same
 * every run); the class follows the features, so a model learns it.
 */
export function scaleCsvText(rows: number, seed = 18): string {
  const rng = createRandom(seed);
  const colors = ['red', 'green', 'blue'];
  const sizes = ['S', 'M', 'L'];
  const lines = ['height,weight,color,size,kind'];
  for (let r = 0; r < rows; r++) {
    const height = Math.round((150 + rng.next() * 50) * 10) / 10;
    const weight = Math.round((40 + rng.next() * 60) * 100) / 100;
    const color = colors[Math.floor(rng.next() * 3)];
    const size = sizes[Math.floor(rng.next() * 3)];
    const score = (height - 175) / 25 + (weight - 70) / 30 + (color === 'red' ? 0.8 : color === 'blue' ? -0.8 : 0) + rng.next() * 0.4;
    const kind = score < -0.4 ? 'low' : score < 0.5 ? 'mid' : 'high';
    const weightText = rng.next() < 0.08 ? (rng.next() < 0.5 ? '' : 'NA') : String(weight);
    lines.push(`${height},${weightText},${color},"${size}",${kind}`);
  }
  return lines.join('\n') + '\n';
}

/** The import settings for scaleCsvText: weight's missing values filled with the mean (with an indicator), size coded by index. */
export const SCALE_CSV_CONFIG: CsvParseConfig = {
  delimiter: ',',
  header: true,
  columns: [
    { name: 'height', type: 'numeric', role: 'feature' },
    { name: 'weight', type: 'numeric', role: 'feature', missing: 'mean', missingIndicator: true },
    { name: 'color', type: 'categorical', role: 'feature' },
    { name: 'size', type: 'categorical', role: 'feature', encoding: 'index' },
    { name: 'kind', type: 'categorical', role: 'label' },
  ],
};

/** The dataset spec the import gives scaleCsvText (embedded, normalised, class indices), read with `config` (delimiter, number format). */
export function scaleDataset(text: string, name = 'people.csv', config: CsvParseConfig = SCALE_CSV_CONFIG): CsvDataset {
  const parsed = parseCsvText(text, config);
  return {
    kind: 'csv',
    file: { name, size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') },
    ...config,
    normalize: true,
    labelEncoding: 'index',
    transform: parsed.transform,
    rows: parsed.rows,
    embedded: text,
  };
}

/** Input(7) → Dense(16, relu) → Dropout(0.1) → Dense(3, softmax), sparse categorical crossentropy with accuracy, Adam. */
export function scaleProject(dataset: CsvDataset, training: Partial<TrainingSettings> = {}): Project {
  const dense = (units: number, activation: string) => ({ units, activation, useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 });
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: '0.1.0',
    savedAt: '2026-01-01T00:00:00.000Z',
    name: 'People at scale',
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [7] }, position: { x: 0, y: 0 } },
        { id: 'hidden', type: 'Dense', params: dense(16, 'relu'), position: { x: 200, y: 0 } },
        { id: 'drop', type: 'Dropout', params: { rate: 0.1 }, position: { x: 400, y: 0 } },
        { id: 'output', type: 'Dense', params: dense(3, 'softmax'), position: { x: 600, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'input', target: 'hidden' },
        { id: 'e2', source: 'hidden', target: 'drop' },
        { id: 'e3', source: 'drop', target: 'output' },
      ],
    },
    training: {
      optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 3,
      batchSize: 32,
      validationSplit: 0.2,
      splitMode: 'shuffle',
      testSplit: 0,
      shuffle: true,
      seed: 7,
      ...training,
    },
    dataset,
  };
}
