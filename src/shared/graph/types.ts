/** The user's model as drawn on the canvas: plain data, stored in project files. */
export interface GraphNode {
  id: string;
  /** A registered `LayerDefinition.type`. */
  type: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
}

/** A connection. For merge layers (Add, Concatenate) the order of edges in `Graph.edges` is the input order. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
