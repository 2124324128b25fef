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

/** A residual tower of about `size` nodes (Input, then blocks of Dense → Dense → Add with a skip), for benchmarks. */
export function residualTower(size: number, width = 16): Graph {
  const nodes: GraphNode[] = [node('in', 'Input', { shape: [width] })];
  const edges: Graph['edges'] = [];
  let previous = 'in';
  for (let block = 0; nodes.length + 3 <= size; block++) {
    const [a, b, sum] = [`a${block}`, `b${block}`, `sum${block}`];
    nodes.push(node(a, 'Dense', { units: width, activation: 'relu' }), node(b, 'Dense', { units: width }), node(sum, 'Add'));
    edges.push(edge(previous, a), edge(a, b), edge(previous, sum), edge(b, sum));
    previous = sum;
  }
  while (nodes.length < size) {
    const id = `tail${nodes.length}`;
    nodes.push(node(id, 'Dense', { units: width }));
    edges.push(edge(previous, id));
    previous = id;
  }
  return { nodes, edges };
}
