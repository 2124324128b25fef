import { describe, expect, it } from 'vitest';
import { chain, node } from '../../../shared/graph/fixtures';
import { planCount, planOf } from '../../../shared/graph/plan';
import { summarize } from '../../../shared/graph/summary';
import { trainedStatus } from '../../../shared/project/trained';
import { emptyDoc, type EditorDoc } from '../store/document';
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
