import type { Graph, GraphNode } from './types';

/** Builds graphs for tests and benchmarks: `chain` lays out nodes left to right and connects them in order. */
export function node(id: string, type: string, params: Record<string, unknown> = {}): GraphNode {
  return { id, type, params, position: { x: 0, y: 0 } };
}

export function edge(source: string, target: string): Graph['edges'][number] {
  return { id: `${source}->${target}`, source, target };
}

export function chain(...nodes: GraphNode[]): Graph {
  return { nodes, edges: nodes.slice(1).map((n, i) => edge(nodes[i].id, n.id)) };
}

/** Keras tutorial: Input(1) → Dense(1) → Activation(linear), 2 parameters. */
export function tutorialLinear(): Graph {
  return chain(node('in', 'Input', { shape: [1] }), node('d1', 'Dense', { units: 1 }), node('act', 'Activation', { activation: 'linear' }));
}

/** Keras tutorial: Input(100) → Dense(100, relu) → Dense(10, softmax), 11,110 parameters. */
export function tutorialClassifier(): Graph {
  return chain(
    node('in', 'Input', { shape: [100] }),
    node('hidden', 'Dense', { units: 100, activation: 'relu' }),
    node('out', 'Dense', { units: 10, activation: 'softmax' }),
  );
}
