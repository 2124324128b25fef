import { describe, expect, it } from 'vitest';
import { chain, node } from '../../../shared/graph/fixtures';
import { planCount, planOf } from '../../../shared/graph/plan';
import { summarize } from '../../../shared/graph/summary';
import { trainedStatus } from '../../../shared/project/trained';
import { emptyDoc, type EditorDoc } from '../store/document';
import { useFieldDrafts } from '../store/fieldDrafts';
import { analyze } from './analysis';

describe('the canvas analysis plans each document graph once', () => {
  it('re-plans on a graph edit, not on a settings or dataset change, and the summary and staleness read the same plan', () => {
    const graph = chain(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 4, activation: 'relu' }), node('out', 'Dense', { units: 1 }));
    const doc: EditorDoc = { ...emptyDoc(), graph };
    const start = planCount();
    const first = analyze(doc);
    expect(planCount() - start).toBe(1);
    // A settings edit gives a new document with the same graph object: new problems, same plan.
    const settingsEdit = analyze({ ...doc, training: { ...doc.training, epochs: 7, validationSplit: 0.2 } });
    analyze({ ...doc, dataset: { kind: 'generator', generator: 'linear', seed: 2 } });
    summarize(graph, planOf(graph));
    trainedStatus(doc, planOf(graph));
    expect(planCount() - start).toBe(1);
    expect(settingsEdit.shapes).toBe(first.shapes);
    // A graph edit (a command makes a new graph) plans once more.
    const edited = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'd' ? { ...n, params: { ...n.params, units: 5 } } : n)) };
    const after = analyze({ ...doc, graph: edited });
    expect(planCount() - start).toBe(2);
    expect(after.nodes.get('d')!.params).toEqual({ trainable: 10, nonTrainable: 0 });
  });
});

describe('a field holding a refused value (trial 5 F8)', () => {
  it('counts as an error pinned to the field while it lasts, and goes when cleared', () => {
    const doc: EditorDoc = { ...emptyDoc(), graph: chain(node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 1 })) };
    const before = analyze(doc).problems.filter((p) => p.severity === 'error').length;
    useFieldDrafts.getState().setDraft('images-count', 'Images: expected a whole number from 1 to 10000, got 10001.');
    expect(analyze(doc).problems.filter((p) => p.severity === 'error')).toHaveLength(before + 1);
    expect(analyze(doc).problems).toContainEqual({ code: 'invalid-field', severity: 'error', field: 'images-count', message: 'Images: expected a whole number from 1 to 10000, got 10001.' });
    useFieldDrafts.getState().setDraft('images-count', null);
    expect(analyze(doc).problems.filter((p) => p.severity === 'error')).toHaveLength(before);
  });
});
