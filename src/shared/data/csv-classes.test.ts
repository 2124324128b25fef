import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chain, node } from '../graph/fixtures';
import { validateGraph } from '../graph/validate';
import type { LossName, TrainingSettings } from '../project/schema';
import { csvToDataset, labelEncodingFor, looksLikeClassValues, parseCsvText, previewCsv, type CsvDatasetLike } from './csv';
import { checkSplit, profileLabels } from './split';

/** Issue 9: numeric labels that are classes, and a file sorted by its class (the UCI wine layout). */

const FIXTURES = join(__dirname, '../../../test/fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function training(loss: LossName, over: Partial<TrainingSettings> = {}): TrainingSettings {
  return { optimizer: { type: 'adam', learningRate: 0.01 }, loss, metrics: ['accuracy'], epochs: 10, batchSize: 32, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1, ...over };
}

/** Imports a CSV text as the dialog would with the preview's proposals, returning the stored spec and the dataset. */
function importText(text: string, loss: LossName, typeOverride?: { column: string; type: 'numeric' | 'categorical' }) {
  const preview = previewCsv(text);
  const columns = preview.columns.map(({ name, type, role }) => ({ name, role, type: name === typeOverride?.column ? typeOverride.type : type }));
  const config = { delimiter: preview.delimiter, header: preview.header, columns };
  const parsed = parseCsvText(text, config);
  const classes = parsed.transform.classNames !== undefined;
  const spec: CsvDatasetLike = { ...config, normalize: true, labelEncoding: labelEncodingFor(classes, loss), transform: parsed.transform, rows: parsed.rows };
  return { preview, spec, dataset: csvToDataset(parsed, spec) };
}

const zeroOne = ['x1,x2,passed', ...Array.from({ length: 40 }, (_, i) => `${(i * 0.37) % 3},${(i * 1.3) % 5},${i % 3 === 0 ? 1 : 0}`)].join('\n');
const sigmoidOutput = (units = 1, activation = 'sigmoid', features = 2) =>
  chain(node('in', 'Input', { shape: [features] }), node('h', 'Dense', { units: 8, activation: 'relu' }), node('out', 'Dense', { units, activation }));

describe('a numeric label with two values is proposed as classes', () => {
  it('the preview proposes a 0/1 label as categorical, naming its values', () => {
    const preview = previewCsv(zeroOne);
    expect(preview.columns.find((c) => c.name === 'passed')).toMatchObject({ role: 'label', type: 'categorical' });
    expect(preview.labelAsClasses).toEqual({ column: 'passed', values: ['0', '1'] });
  });

  it('imported as proposed, Dense(1, sigmoid) + binary crossentropy is accepted', () => {
    const { dataset } = importText(zeroOne, 'binaryCrossentropy');
    expect(dataset).toMatchObject({ task: 'classification', numClasses: 2, labelEncoding: 'index', classNames: ['0', '1'] });
    expect(validateGraph(sigmoidOutput(), { data: dataset, training: training('binaryCrossentropy') })).toEqual([]);
  });

  it('with two softmax units and binary crossentropy the fix goes to 1 unit, as the message says', () => {
    const { dataset } = importText(zeroOne, 'binaryCrossentropy');
    const problems = validateGraph(sigmoidOutput(2, 'sigmoid'), { data: dataset, training: training('binaryCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'output-units-vs-classes', message: expect.stringContaining('needs 1 unit; it has 2'), fix: expect.objectContaining({ id: 'set-units:out:1' }) })]);
  });

  it('switched back to numbers, binary crossentropy is refused pointing to classes, not to mean squared error', () => {
    const { dataset } = importText(zeroOne, 'binaryCrossentropy', { column: 'passed', type: 'numeric' });
    expect(dataset.task).toBe('regression');
    const problems = validateGraph(sigmoidOutput(), { data: dataset, training: training('binaryCrossentropy') });
    expect(problems.map((p) => p.code)).toContain('classification-loss-on-numeric-classes');
    expect(problems.some((p) => p.fix?.id === 'set-loss:meanSquaredError')).toBe(false);
  });

  it('looksLikeClassValues: two values, or a few small whole numbers; not measurements', () => {
    expect(looksLikeClassValues([0, 1, 1, 0])).toEqual([0, 1]);
    expect(looksLikeClassValues([-1, 1, 1, -1])).toEqual([-1, 1]);
    expect(looksLikeClassValues([1, 2, 3, 1, 2, 3])).toEqual([1, 2, 3]);
    expect(looksLikeClassValues([1.5, 2.5, 3.5, 1.5, 2.5, 3.5])).toBeNull();
    expect(looksLikeClassValues([100, 200, 300, 100, 200, 300])).toBeNull();
    expect(looksLikeClassValues(Array.from({ length: 100 }, (_, i) => i % 50))).toBeNull();
    expect(looksLikeClassValues([0, 1])).toBeNull();
  });

  it('a continuous label stays numeric', () => {
    const text = ['x,y', ...Array.from({ length: 30 }, (_, i) => `${i},${(i * 1.7).toFixed(2)}`)].join('\n');
    const preview = previewCsv(text);
    expect(preview.columns[1]).toMatchObject({ role: 'label', type: 'numeric' });
    expect(preview.labelAsClasses).toBeUndefined();
  });
});

describe('a file sorted by its class (test/fixtures/csv/wine-sorted.csv, made by make-wine-sorted.mjs)', () => {
  it('imports as three classes, proposed from the numeric class column', () => {
    const { preview, dataset } = importText(fixture('wine-sorted.csv'), 'sparseCategoricalCrossentropy');
    expect(preview.labelAsClasses).toEqual({ column: 'class', values: ['1', '2', '3'] });
    expect(dataset).toMatchObject({ rows: 178, numClasses: 3, classNames: ['1', '2', '3'] });
  });

  it("Keras' last-rows split warns that the file looks sorted, with a one-click fix to stratified", () => {
    const { dataset } = importText(fixture('wine-sorted.csv'), 'sparseCategoricalCrossentropy');
    const problems = checkSplit(profileLabels(dataset), training('sparseCategoricalCrossentropy'));
    expect(problems).toEqual([expect.objectContaining({ code: 'split-sorted-file', field: 'validationSplit', runs: 3, fix: { mode: 'stratified', id: 'set-split-mode:stratified' } })]);
  });

  it('with 30% held out the validation rows are a class never trained on', () => {
    const { dataset } = importText(fixture('wine-sorted.csv'), 'sparseCategoricalCrossentropy');
    const problems = checkSplit(profileLabels(dataset), training('sparseCategoricalCrossentropy', { validationSplit: 0.3 }));
    expect(problems.find((p) => p.code === 'split-class-not-trained')?.classes).toEqual([{ name: '3', part: 'validation' }]);
  });

  it('shuffled or stratified splits raise nothing', () => {
    const { dataset } = importText(fixture('wine-sorted.csv'), 'sparseCategoricalCrossentropy');
    for (const splitMode of ['shuffle', 'stratified'] as const) {
      expect(checkSplit(profileLabels(dataset), training('sparseCategoricalCrossentropy', { splitMode, validationSplit: 0.3 }))).toEqual([]);
    }
  });
});
