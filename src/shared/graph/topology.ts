import type { Graph, GraphEdge } from './types';

/** The id the editor gives the connection `source` → `target`. */
export const edgeId = (source: string, target: string): string => `e-${source}-${target}`;

/** Incoming edges per node id, in `graph.edges` order (the input order for merge layers). */
export function incomingEdges(graph: Graph): Map<string, GraphEdge[]> {
  const incoming = new Map<string, GraphEdge[]>();
  for (const node of graph.nodes) incoming.set(node.id, []);
  for (const edge of graph.edges) incoming.get(edge.target)?.push(edge);
  return incoming;
}

export function outgoingEdges(graph: Graph): Map<string, GraphEdge[]> {
  const outgoing = new Map<string, GraphEdge[]>();
  for (const node of graph.nodes) outgoing.set(node.id, []);
  for (const edge of graph.edges) outgoing.get(edge.source)?.push(edge);
  return outgoing;
}

/**
 * Kahn's algorithm, ties broken by the order of `graph.nodes` so the result is stable.
 * Nodes on or behind a cycle are returned in `cyclic`. Edges to unknown nodes are ignored.
 */
export function topologicalOrder(graph: Graph): { order: string[]; cyclic: string[] } {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const indegree = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const id of ids) {
    indegree.set(id, 0);
    outgoing.set(id, []);
  }
  for (const edge of graph.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
    outgoing.get(edge.source)!.push(edge.target);
  }
  const position = new Map(graph.nodes.map((n, i) => [n.id, i]));
  // A small binary heap keyed by node position keeps this O((V+E) log V) for large graphs.
  const heap: string[] = [];
  const less = (a: string, b: string) => position.get(a)! < position.get(b)!;
  const push = (id: string) => {
    heap.push(id);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): string => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  for (const node of graph.nodes) if (indegree.get(node.id) === 0) push(node.id);
  const order: string[] = [];
  while (heap.length) {
    const id = pop();
    order.push(id);
    for (const next of outgoing.get(id)!) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) push(next);
    }
  }
  const done = new Set(order);
  const cyclic = graph.nodes.map((n) => n.id).filter((id) => !done.has(id));
  return { order, cyclic };
}

/** Whether `to` can be reached from `from` by following edges forward. */
export function reachable(graph: Graph, from: string, to: string): boolean {
  const outgoing = outgoingEdges(graph);
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const edge of outgoing.get(id) ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return false;
}
