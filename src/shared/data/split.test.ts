import { describe, expect, it } from 'vitest';
import { checkSplit, expectedRuns, looksSortedByLabel, profileLabels, rowClasses, splitCounts, splitRows, type SplitSettings } from './split';
import type { Dataset } from './types';

/** A classification dataset whose rows carry the given class indices (one feature: the row number). */
function classes(labels: number[], numClasses = Math.max(...labels) + 1): Dataset {
  return {
    rows: labels.length,
    numFeatures: 1,
    task: 'classification',
    labelEncoding: 'index',
    labelWidth: 1,
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, c) => `c${c}`),
    featureNames: ['row'],
    x: Float32Array.from(labels, (_, i) => i),
    y: Float32Array.from(labels),
  };
}

const sortedWine = [...new Array(59).fill(0), ...new Array(71).fill(1), ...new Array(48).fill(2)];
const settings = (over: Partial<SplitSettings>): SplitSettings => ({ validationSplit: 0.2, testSplit: 0, splitMode: 'end', seed: 1, ...over });

function union(split: ReturnType<typeof splitRows>): number[] {
  return [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
}

describe('splitCounts', () => {
  it("follows Keras' split_at = int(n * (1 - validation_split)) and counts the test part the same way", () => {
    expect(splitCounts(178, { validationSplit: 0.2 })).toEqual({ train: 142, validation: 36, test: 0 });
    expect(splitCounts(10, { validationSplit: 0.25, testSplit: 0.1 })).toEqual({ train: 6, validation: 3, test: 1 });
    expect(splitCounts(5, { validationSplit: 0 })).toEqual({ train: 5, validation: 0, test: 0 });
  });
});

describe('splitRows', () => {
  it("end: the validation rows are Keras' last rows, the test rows just before them", () => {
    const split = splitRows(classes(sortedWine), settings({ testSplit: 0.1 }));
    expect(Array.from(split.validation)).toEqual(Array.from({ length: 36 }, (_, i) => 142 + i));
    expect(Array.from(split.test)).toEqual(Array.from({ length: 18 }, (_, i) => 124 + i));
    expect(Array.from(split.train)).toEqual(Array.from({ length: 124 }, (_, i) => i));
  });

  it('every mode partitions the rows: disjoint, complete, with the counts of splitCounts', () => {
    const data = classes(sortedWine);
    for (const splitMode of ['end', 'shuffle', 'stratified'] as const) {
      const split = splitRows(data, settings({ splitMode, testSplit: 0.15 }));
      expect(union(split), splitMode).toEqual(Array.from({ length: 178 }, (_, i) => i));
      const counts = splitCounts(178, { validationSplit: 0.2, testSplit: 0.15 });
      expect([split.train.length, split.validation.length, split.test.length], splitMode).toEqual([counts.train, counts.validation, counts.test]);
    }
  });

  it('shuffle: seeded — the same seed gives the same split, another seed another one; a null seed splits as seed 0', () => {
    const data = classes(sortedWine);
    const a = splitRows(data, settings({ splitMode: 'shuffle', seed: 7 }));
    expect(splitRows(data, settings({ splitMode: 'shuffle', seed: 7 }))).toEqual(a);
    expect(Array.from(splitRows(data, settings({ splitMode: 'shuffle', seed: 8 })).validation)).not.toEqual(Array.from(a.validation));
    expect(splitRows(data, settings({ splitMode: 'shuffle', seed: null }))).toEqual(splitRows(data, settings({ splitMode: 'shuffle', seed: 0 })));
  });

  it('stratified: each class is held out in proportion to its size', () => {
    const data = classes(sortedWine);
    const split = splitRows(data, settings({ splitMode: 'stratified', validationSplit: 0.2 }));
    const perClass = [0, 0, 0];
    for (const row of split.validation) perClass[sortedWine[row]]++;
    // 36 validation rows over 59/71/48: quotas 11.93, 14.36, 9.71.
    expect(perClass).toEqual([12, 14, 10]);
  });

  it('stratified never holds out the last row of a class', () => {
    const data = classes([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2]);
    const split = splitRows(data, settings({ splitMode: 'stratified', validationSplit: 0.5 }));
    const trained = new Set(Array.from(split.train, (r) => data.y[r]));
    expect([...trained].sort()).toEqual([0, 1, 2]);
  });

  it('rowClasses reads one-hot and index labels alike', () => {
    const onehot: Dataset = { ...classes([1, 0]), labelEncoding: 'onehot', labelWidth: 2, y: Float32Array.from([0, 1, 1, 0]) };
    expect(Array.from(rowClasses(onehot)!)).toEqual([1, 0]);
    expect(Array.from(rowClasses(classes([2, 0, 1]))!)).toEqual([2, 0, 1]);
  });
});

describe('profileLabels and looksSortedByLabel', () => {
  it('counts runs, first and last rows', () => {
    const profile = profileLabels(classes([0, 0, 1, 1, 1, 0, 2]));
    expect(profile).toMatchObject({ kind: 'classes', rows: 7, counts: [3, 3, 1], firstRow: [0, 2, 6], lastRow: [5, 4, 6], runs: 4 });
  });

  it('expectedRuns is 1 + (n² − Σ n_c²) / n', () => {
    expect(expectedRuns([59, 71, 48])).toBeCloseTo(1 + (178 ** 2 - 59 ** 2 - 71 ** 2 - 48 ** 2) / 178, 10);
  });

  it('a file sorted by class looks sorted; the same rows shuffled do not', () => {
    expect(looksSortedByLabel(profileLabels(classes(sortedWine)))).toBe(true);
    // 97 is coprime with 178, so i ↦ 97·i mod 178 is a permutation that scatters the classes.
    const permuted = Array.from({ length: 178 }, (_, i) => sortedWine[(i * 97) % 178]);
    expect(looksSortedByLabel(profileLabels(classes(permuted)))).toBe(false);
  });

  it('numeric labels: sorted by value looks sorted, unordered does not', () => {
    const values = (ys: number[]): Dataset => ({ ...classes(ys.map(() => 0)), task: 'regression', labelEncoding: 'value', numClasses: undefined, classNames: undefined, y: Float32Array.from(ys) });
    const ascending = Array.from({ length: 50 }, (_, i) => i * 1.5 + Math.sin(i));
    expect(looksSortedByLabel(profileLabels(values(ascending)))).toBe(true);
    expect(looksSortedByLabel(profileLabels(values(ascending.map((_, i) => ascending[(i * 17) % 50]))))).toBe(false);
  });
});

describe('checkSplit', () => {
  it("end on a file sorted by class: the validation rows hold a class never trained on, and the file looks sorted; fixes offer stratified", () => {
    // With 30% held out the validation rows (124–177) start 6 rows before class 2 (130–177) and hold every row of it.
    const problems = checkSplit(profileLabels(classes(sortedWine)), settings({ validationSplit: 0.3 }));
    expect(problems.map((p) => p.code)).toEqual(['split-class-not-trained', 'split-sorted-file']);
    expect(problems[0].classes).toEqual([{ name: 'c2', part: 'validation' }]);
    expect(problems[0].fix).toEqual({ mode: 'stratified', id: 'set-split-mode:stratified' });
    expect(problems[1]).toMatchObject({ runs: 3, expectedRuns: 118, field: 'validationSplit' });
    // With 20% the validation rows are all class 2, which training does see (rows 130–141): only the order is flagged.
    expect(checkSplit(profileLabels(classes(sortedWine)), settings({})).map((p) => p.code)).toEqual(['split-sorted-file']);
  });

  it('names a class that only the test rows hold', () => {
    const labels = [...new Array(80).fill(0), ...new Array(10).fill(1), ...new Array(10).fill(0)];
    const problems = checkSplit(profileLabels(classes(labels)), settings({ validationSplit: 0.1, testSplit: 0.1 }));
    expect(problems.find((p) => p.code === 'split-class-not-trained')?.classes).toEqual([{ name: 'c1', part: 'test' }]);
  });

  it('shuffle and stratified on the sorted file: nothing to warn about', () => {
    const profile = profileLabels(classes(sortedWine));
    expect(checkSplit(profile, settings({ splitMode: 'shuffle' }))).toEqual([]);
    expect(checkSplit(profile, settings({ splitMode: 'stratified' }))).toEqual([]);
  });

  it('agrees with splitRows for a rare class under shuffle', () => {
    // One row of class 1 among 99 of class 0: for some seeds it lands in the validation rows.
    const labels = [...new Array(60).fill(0), 1, ...new Array(39).fill(0)];
    const data = classes(labels);
    for (let seed = 0; seed < 30; seed++) {
      const s = settings({ splitMode: 'shuffle', seed, validationSplit: 0.3 });
      const split = splitRows(data, s);
      const heldOut = split.validation.includes(60);
      const warned = checkSplit(profileLabels(data), s).some((p) => p.code === 'split-class-not-trained');
      expect(warned, `seed ${seed}`).toBe(heldOut);
    }
  });

  it('no held-out rows: no warnings, even for a sorted file', () => {
    expect(checkSplit(profileLabels(classes(sortedWine)), settings({ validationSplit: 0 }))).toEqual([]);
  });
});
