import { describe, expect, it } from 'vitest';
import { parseCsvText, previewCsv } from '../../../shared/data/csv';
import { profileLabels } from '../../../shared/data/split';
import type { CsvDataset } from '../../../shared/project/schema';
import { rememberCsvSample } from '../components/CsvImportState';
import { emptyDoc, projectFromDoc } from '../store/document';
import { createEditorStore } from '../store/editor';
import { analyze } from './analysis';

/**
 * The editor's split warnings on a file sorted by class (the layout of the UCI wine data and of
 * test/fixtures/csv/wine-sorted.csv: 59, 71, 48 rows of classes 1, 2, 3), and their fix as an
 * undoable command (issue 9). The renderer may not read files, so the rows are made here.
 */
const SORTED = ['alcohol,malic_acid,ash,proline,class', ...[59, 71, 48].flatMap((rows, c) => Array.from({ length: rows }, (_, r) => `${12 + ((r * 7) % 20) / 10},${1 + ((r * 3) % 30) / 10},${2 + c / 5},${500 + 10 * r},${c + 1}`))].join('\n');

function wineDataset(): { spec: CsvDataset; sample: { x: number[][]; y: number[][]; labels: ReturnType<typeof profileLabels> } } {
  const text = SORTED;
  const preview = previewCsv(text);
  const config = { delimiter: preview.delimiter, header: preview.header, columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })) };
  const parsed = parseCsvText(text, config);
  const spec: CsvDataset = {
    kind: 'csv',
    file: { name: 'sorted.csv', size: text.length, sha256: 'a'.repeat(64) },
    ...config,
    normalize: true,
    labelEncoding: 'index',
    transform: parsed.transform,
    rows: parsed.rows,
  };
  const classNames = parsed.transform.classNames!;
  const labels = profileLabels({ rows: parsed.rows, y: parsed.labels, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: classNames.length, classNames });
  const x = Array.from({ length: parsed.rows }, (_, r) => Array.from(parsed.x.subarray(r * 4, r * 4 + 4)));
  const y = Array.from({ length: parsed.rows }, (_, r) => [parsed.labels[r]]);
  return { spec, sample: { x, y, labels } };
}

describe('split warnings in the editor', () => {
  it('pins the sorted-file warning to the validation split; its fix switches to stratified as one undoable step', () => {
    const { spec, sample } = wineDataset();
    rememberCsvSample(spec, sample);
    const doc = { ...emptyDoc(), dataset: spec, training: { ...emptyDoc().training, loss: 'sparseCategoricalCrossentropy' as const, splitMode: 'end' as const, validationSplit: 0.2 } };
    const store = createEditorStore();
    store.getState().loadProject(projectFromDoc(doc, '0.0.0'));
    const warning = analyze(store.getState().doc).problems.find((p) => p.code === 'split-sorted-file');
    expect(warning).toMatchObject({ severity: 'warning', field: 'validationSplit', fix: { id: 'set-split-mode:stratified', label: 'Split stratified by class' } });
    expect(warning!.message).toContain('3 runs');
    expect(warning!.nodeId).toBeUndefined();

    store.getState().applyFix(warning!.fix!.action);
    expect(store.getState().doc.training.splitMode).toBe('stratified');
    expect(analyze(store.getState().doc).problems.filter((p) => p.code.startsWith('split-'))).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc.training.splitMode).toBe('end');
  });

  it('new projects hold out shuffled rows, so the same file raises nothing', () => {
    const { spec, sample } = wineDataset();
    rememberCsvSample(spec, sample);
    const doc = { ...emptyDoc(), dataset: spec };
    expect(doc.training.splitMode).toBe('shuffle');
    expect(analyze(doc).problems.filter((p) => p.code.startsWith('split-'))).toEqual([]);
  });
});
