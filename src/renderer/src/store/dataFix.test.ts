import { describe, expect, it } from 'vitest';
import { dataHealth, healthTableFromSample } from '../../../shared/data/health';
import type { CsvDataset } from '../../../shared/project/schema';
import * as commands from './commands';
import { emptyDoc } from './document';
import { createEditorStore } from './editor';

/** An imported CSV whose label is sorted (20 × a, then 20 × b) and whose features differ 1000× in scale, normalisation off. */
const csv: CsvDataset = {
  kind: 'csv',
  file: { name: 'sorted.csv', size: 400, sha256: 'b'.repeat(64) },
  delimiter: ',',
  header: true,
  columns: [
    { name: 'small', type: 'numeric', role: 'feature' },
    { name: 'large', type: 'numeric', role: 'feature' },
    { name: 'class', type: 'categorical', role: 'label' },
  ],
  normalize: false,
  labelEncoding: 'index',
  transform: { featureNames: ['small', 'large'], means: [0.5, 500], stds: [0.3, 300], categories: {}, classNames: ['a', 'b'] },
  rows: 40,
};
const sample = {
  x: Array.from({ length: 40 }, (_, i) => [((i * 7) % 11) / 10, ((i * 13) % 17) * 60]),
  y: Array.from({ length: 40 }, (_, i) => [i < 20 ? 0 : 1]),
};

describe('data health fixes in the Data tab are undoable commands', () => {
  it('each settings fix clears its item in one undo step; undo brings it back', () => {
    const empty = emptyDoc();
    // A project from before issue 9 holds out the last rows (Keras' validation_split).
    const store = createEditorStore({ ...empty, dataset: csv, training: { ...empty.training, splitMode: 'end' } });
    const report = () => {
      const { doc } = store.getState();
      return dataHealth(healthTableFromSample(doc.dataset as CsvDataset, sample, doc.training.splitMode));
    };
    const before = report();
    expect(before.map((i) => i.kind)).toEqual(['sorted-by-label', 'scale-spread']);
    for (const item of before) expect(store.getState().applyDataFix(item.fix!).changed).toBe(true);
    expect(report()).toEqual([]);
    expect(store.getState().doc.dataset).toMatchObject({ normalize: true, transform: csv.transform });
    expect(store.getState().doc.training.splitMode).toBe('stratified');
    store.getState().undo();
    expect(report().map((i) => i.kind)).toEqual(['scale-spread']);
    store.getState().undo();
    expect(report().map((i) => i.kind)).toEqual(['sorted-by-label', 'scale-spread']);
  });

  it('refuses fixes that need a re-import, saying so', () => {
    const doc = { ...emptyDoc(), dataset: csv };
    const result = commands.applyDataFix(doc, { kind: 'set-role', column: 'large', role: 'ignored' });
    expect(result.changed).toBe(false);
    expect(result.refused).toMatch(/import/i);
  });
});
