import type { GeneratorDataset, GeneratorName } from '../project/schema';
import { createRandom, type Random } from './random';
import type { DataInfo, Dataset } from './types';

/** Rows each generator makes when the spec gives no `samples`. */
export const DEFAULT_SAMPLES: Record<GeneratorName, number> = {
  linear: 100,
  classification: 1000,
  xor: 400,
  circles: 400,
  gaussians: 400,
  spirals: 400,
};

/** Noise each generator uses when the spec gives no `noise`. */
export const DEFAULT_NOISE: Record<GeneratorName, number> = {
  linear: 0.1,
  classification: 0,
  xor: 0.1,
  circles: 0.1,
  gaussians: 0.1,
  spirals: 0.1,
};

/** What each generator makes, for the data panel and the template descriptions. */
export const GENERATOR_DESCRIPTIONS: Record<GeneratorName, string> = {
  linear: 'x = linspace(0, 1, n), y = x + N(0, noise) — the Keras tutorial regression.',
  classification: 'n×100 uniform random features, 10 random classes, one-hot labels — the Keras tutorial classifier.',
  xor: 'Points in the four quadrants; the class is the sign of x·y.',
  circles: 'A disc inside a ring.',
  gaussians: 'Two Gaussian blobs.',
  spirals: 'Two interleaved spirals.',
};

/**
 * Makes a built-in dataset. The same spec (including seed) always gives the same data. Rows
 * come in shuffled order (see `shuffleRows`), so holding out the last rows is as fair as any.
 */
export function generateDataset(spec: GeneratorDataset): Dataset {
  const info = generatorInfo(spec);
  const rows = generateRows(spec);
  return { ...info, ...(spec.generator === 'classification' ? rows : shuffleRows(rows, info.rows, spec.seed)) };
}

/**
 * Puts generated rows in a seeded random order. The generators draw points in a structured
 * order (linspace; spirals from the centre outwards; classes alternating), which would make
 * Keras' "last rows validate" split measure something else than the rest. The permutation has
 * its own random stream, so the points themselves are the same as before shuffling. The
 * tutorial classifier's rows are independent draws already, and stay as Keras' example makes them.
 */
function shuffleRows(rows: Rows, count: number, seed: number): Rows {
  const fx = rows.x.length / Math.max(1, count);
  const fy = rows.y.length / Math.max(1, count);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  createRandom((seed ^ 0x9e37_79b9) >>> 0).shuffle(order);
  const x = new Float32Array(rows.x.length);
  const y = new Float32Array(rows.y.length);
  order.forEach((from, to) => {
    x.set(rows.x.subarray(from * fx, (from + 1) * fx), to * fx);
    y.set(rows.y.subarray(from * fy, (from + 1) * fy), to * fy);
  });
  return { x, y };
}

type Rows = Pick<Dataset, 'x' | 'y'>;

function generateRows(spec: GeneratorDataset): Rows {
  const rng = createRandom(spec.seed);
  const samples = spec.samples ?? DEFAULT_SAMPLES[spec.generator];
  const noise = spec.noise ?? DEFAULT_NOISE[spec.generator];
  switch (spec.generator) {
    case 'linear':
      return linear(rng, samples, noise);
    case 'classification':
      return randomClassification(rng, samples);
    case 'xor':
      return twoClass(samples, (i) => xorPoint(rng, i, noise));
    case 'circles':
      return twoClass(samples, (i) => circlePoint(rng, i, noise));
    case 'gaussians':
      return twoClass(samples, (i) => gaussianPoint(rng, i, noise));
    case 'spirals':
      return twoClass(samples, (i) => spiralPoint(rng, i, samples, noise));
  }
}

function linear(rng: Random, samples: number, noise: number): Rows {
  const x = new Float32Array(samples);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    // numpy.linspace(0, 1, n) includes both ends.
    const xi = samples === 1 ? 0 : i / (samples - 1);
    x[i] = xi;
    y[i] = xi + rng.normal(0, noise);
  }
  return { x, y };
}

const TUTORIAL_FEATURES = 100;
const TUTORIAL_CLASSES = 10;

function randomClassification(rng: Random, samples: number): Rows {
  const x = new Float32Array(samples * TUTORIAL_FEATURES);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = new Float32Array(samples * TUTORIAL_CLASSES);
  for (let row = 0; row < samples; row++) y[row * TUTORIAL_CLASSES + rng.int(TUTORIAL_CLASSES)] = 1;
  return { x, y };
}

type Point = [x: number, y: number, label: 0 | 1];

/** 2-D sets alternate the classes row by row, so they are exactly balanced. */
function twoClass(samples: number, point: (index: number) => Point): Rows {
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples * 2);
  for (let i = 0; i < samples; i++) {
    const [px, py, label] = point(i);
    x[i * 2] = px;
    x[i * 2 + 1] = py;
    y[i * 2 + label] = 1;
  }
  return { x, y };
}

function xorPoint(rng: Random, index: number, noise: number): Point {
  const label = (index % 2) as 0 | 1;
  // Class 1 = same sign quadrants; points keep a small margin from the axes, as the Playground does.
  const sx = rng.next() < 0.5 ? -1 : 1;
  const sy = label === 1 ? sx : -sx;
  const px = sx * (0.1 + rng.next() * 0.9) + rng.normal(0, noise);
  const py = sy * (0.1 + rng.next() * 0.9) + rng.normal(0, noise);
  return [px, py, label];
}

function circlePoint(rng: Random, index: number, noise: number): Point {
  const label = (index % 2) as 0 | 1;
  const radius = label === 0 ? rng.next() * 0.5 : 0.7 + rng.next() * 0.3;
  const angle = rng.next() * 2 * Math.PI;
  return [radius * Math.cos(angle) + rng.normal(0, noise), radius * Math.sin(angle) + rng.normal(0, noise), label];
}

function gaussianPoint(rng: Random, index: number, noise: number): Point {
  const label = (index % 2) as 0 | 1;
  const centre = label === 0 ? -0.5 : 0.5;
  // noise widens the blobs; at 0 they are tight but still not single points.
  const spread = 0.15 + noise;
  return [rng.normal(centre, spread), rng.normal(centre, spread), label];
}

function spiralPoint(rng: Random, index: number, samples: number, noise: number): Point {
  const label = (index % 2) as 0 | 1;
  const perClass = Math.max(1, Math.ceil(samples / 2));
  const t = Math.floor(index / 2) / perClass;
  const radius = t;
  const angle = 1.75 * t * 2 * Math.PI + label * Math.PI;
  return [radius * Math.sin(angle) + rng.normal(0, noise), radius * Math.cos(angle) + rng.normal(0, noise), label];
}

/** Finds the first NaN or infinite value, so a bad dataset is refused naming the row and column. */
export function findNonFinite(dataset: Dataset): { where: 'feature' | 'label'; row: number; column: number; name: string } | null {
  const check = (values: Float32Array, width: number, where: 'feature' | 'label') => {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        const column = i % width;
        const name = where === 'feature' ? (dataset.featureNames[column] ?? `feature ${column}`) : `label ${column}`;
        return { where, row: Math.floor(i / width), column, name };
      }
    }
    return null;
  };
  return check(dataset.x, dataset.numFeatures, 'feature') ?? check(dataset.y, dataset.labelWidth, 'label');
}

/** What a generator will produce, without producing it (validation runs in main, which must stay light). */
export function generatorInfo(spec: GeneratorDataset): DataInfo & { rows: number } {
  const rows = spec.samples ?? DEFAULT_SAMPLES[spec.generator];
  if (spec.generator === 'linear') {
    return { rows, numFeatures: 1, task: 'regression', labelEncoding: 'value', labelWidth: 1, featureNames: ['x'] };
  }
  if (spec.generator === 'classification') {
    return {
      rows,
      numFeatures: TUTORIAL_FEATURES,
      task: 'classification',
      labelEncoding: 'onehot',
      labelWidth: TUTORIAL_CLASSES,
      numClasses: TUTORIAL_CLASSES,
      classNames: Array.from({ length: TUTORIAL_CLASSES }, (_, i) => String(i)),
      featureNames: Array.from({ length: TUTORIAL_FEATURES }, (_, i) => `x${i}`),
    };
  }
  return {
    rows,
    numFeatures: 2,
    task: 'classification',
    labelEncoding: 'onehot',
    labelWidth: 2,
    numClasses: 2,
    classNames: ['0', '1'],
    featureNames: ['x1', 'x2'],
  };
}
