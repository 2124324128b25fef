import dagre from '@dagrejs/dagre';
import type { Graph } from '../../../shared/graph/types';

export interface NodeSize {
  width: number;
  height: number;
}

const DEFAULT_SIZE: NodeSize = { width: 180, height: 90 };

/** Left-to-right layered layout; returns each node's top-left position. */
export function layoutLeftToRight(graph: Graph, sizes: Record<string, NodeSize>): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes[node.id] ?? DEFAULT_SIZE) });
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    const size = sizes[node.id] ?? DEFAULT_SIZE;
    positions[node.id] = { x: Math.round(laid.x - size.width / 2), y: Math.round(laid.y - size.height / 2) };
  }
  return positions;
}
