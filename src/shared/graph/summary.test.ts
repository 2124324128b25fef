import { describe, expect, it } from 'vitest';
import { chain, edge, node, tutorialClassifier, tutorialLinear } from './fixtures';
import { layerNames } from './names';
import { inferShapes } from './shapes';
import { summarize } from './summary';
import type { Graph } from './types';

describe('summarize', () => {
  it('reads 2 parameters for Input(1) → Dense(1) → Activation(linear)', () => {
    const summary = summarize(tutorialLinear());
    expect(summary).toEqual({
      rows: [
        { nodeId: 'in', name: 'input_in', type: 'InputLayer', outputShape: [null, 1], params: 0, connectedTo: [] },
        { nodeId: 'd1', name: 'dense_d1', type: 'Dense', outputShape: [null, 1], params: 2, connectedTo: ['input_in'] },
        { nodeId: 'act', name: 'activation_act', type: 'Activation', outputShape: [null, 1], params: 0, connectedTo: ['dense_d1'] },
      ],
      totalParams: 2,
      trainableParams: 2,
      nonTrainableParams: 0,
    });
  });

  it('reads 11,110 parameters for Input(100) → Dense(100, relu) → Dense(10, softmax)', () => {
    const summary = summarize(tutorialClassifier());
    expect(summary.rows.map((r) => [r.outputShape, r.params])).toEqual([
      [[null, 100], 0],
      [[null, 100], 10_100],
      [[null, 10], 1_010],
    ]);
    expect(summary.totalParams).toBe(11_110);
    expect(summary.trainableParams).toBe(11_110);
  });

  it('splits trainable and non-trainable like Keras for BatchNormalization', () => {
    const summary = summarize(chain(node('in', 'Input', { shape: [4] }), node('bn', 'BatchNormalization'), node('out', 'Dense', { units: 1 })));
    expect(summary).toMatchObject({ totalParams: 16 + 5, trainableParams: 8 + 5, nonTrainableParams: 8 });
  });

  it('lists a DAG in topological order with its merge inputs', () => {
    const graph: Graph = {
      nodes: [node('sum', 'Add'), node('b', 'Dense', { units: 3 }), node('a', 'Dense', { units: 3 }), node('in', 'Input', { shape: [2] })],
      edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum'), edge('b', 'sum')],
    };
    const summary = summarize(graph);
    expect(summary.rows.map((r) => r.nodeId)).toEqual(['in', 'b', 'a', 'sum']);
    expect(summary.rows[3].connectedTo).toEqual(['dense_a', 'dense_b']);
    expect(summary.totalParams).toBe(18);
  });

  it('gives rows it cannot infer a null shape instead of throwing', () => {
    const summary = summarize(chain(node('in', 'Input', { shape: [2] }), node('bad', 'Dense', { units: -1 })));
    expect(summary.rows[1]).toMatchObject({ outputShape: null, params: 0 });
  });
});

describe('layerNames', () => {
  it('derives valid, unique, stable names from type and id', () => {
    const graph: Graph = { nodes: [node('a-b', 'Dense'), node('a_b', 'Dense'), node('n1', 'BatchNormalization')], edges: [] };
    expect([...layerNames(graph).values()]).toEqual(['dense_a_b', 'dense_a_b_2', 'batch_normalization_n1']);
    for (const name of layerNames(graph).values()) expect(name).toMatch(/^[A-Za-z0-9][-A-Za-z0-9._/]*$/);
  });
});

describe('inferShapes', () => {
  it('propagates shapes and pins failures to the failing node and what follows it', () => {
    const graph: Graph = {
      nodes: [node('in', 'Input', { shape: [2] }), node('a', 'Dense', { units: 3 }), node('b', 'Dense', { units: 4 }), node('sum', 'Add'), node('out', 'Dense', { units: 1 })],
      edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum'), edge('b', 'sum'), edge('sum', 'out')],
    };
    const shapes = inferShapes(graph);
    expect(shapes.get('a')).toEqual({ ok: true, shape: [null, 3] });
    expect(shapes.get('sum')).toMatchObject({ ok: false, message: 'Add needs all its inputs to have the same shape; got (None, 3) and (None, 4).' });
    expect(shapes.get('out')?.ok).toBe(false);
  });

  it('reports unknown types, bad params, wrong input counts and loops', () => {
    const graph: Graph = {
      nodes: [node('x', 'Conv9D'), node('in', 'Input', { shape: [0] }), node('lonely', 'Dense'), node('p', 'Dense'), node('q', 'Dense')],
      edges: [edge('p', 'q'), edge('q', 'p')],
    };
    const shapes = inferShapes(graph);
    expect(shapes.get('x')).toMatchObject({ ok: false, message: 'Unknown layer type "Conv9D".' });
    expect(shapes.get('in')).toMatchObject({ ok: false, message: expect.stringContaining('Input shape must be') });
    expect(shapes.get('lonely')).toMatchObject({ ok: false, message: 'Dense takes exactly 1 input; it has 0.' });
    expect(shapes.get('p')).toMatchObject({ ok: false, message: expect.stringContaining('loop') });
  });

  it('handles a 2,000-layer chain without recursion limits', () => {
    const nodes = [node('in', 'Input', { shape: [4] }), ...Array.from({ length: 2000 }, (_, i) => node(`d${i}`, 'Dense', { units: 4 }))];
    const shapes = inferShapes(chain(...nodes));
    expect(shapes.get('d1999')).toEqual({ ok: true, shape: [null, 4] });
  });
});

describe('residualTower fixture', () => {
  it('has exactly the requested number of nodes and is valid', async () => {
    const { residualTower } = await import('./fixtures');
    const { validateGraph } = await import('./validate');
    const graph = residualTower(200);
    expect(graph.nodes).toHaveLength(200);
    expect(validateGraph(graph)).toEqual([]);
    expect(summarize(graph).rows).toHaveLength(200);
  });
});
