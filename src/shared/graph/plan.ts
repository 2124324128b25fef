import { getLayer, resolveParams } from '../layers';
import type { LayerDefinition, LayerParams, ParamCount, Shape, ShapeResult, TfjsLayerConfig } from '../layers/types';
import { layerNames } from './names';
import { inferShapes } from './shapes';
import { incomingEdges, outgoingEdges, topologicalOrder } from './topology';
import type { Graph, GraphNode } from './types';

/**
 * One walk over a graph that every consumer reads — the compiler, the code generators and the
 * summary — instead of each ordering the nodes, naming them, resolving their params, inferring
 * shapes and building tfjs configs on its own (issue 10; Keras builds its layer graph once and
 * `summary()`, `get_config()` and saving all read it).
 *
 * A plan is a snapshot of the graph it was made from: a caller plans once per operation and
 * reads that plan throughout (it is not cached across calls, because some callers edit graphs in
 * place between operations).
 */
export interface PlannedNode {
  node: GraphNode;
  nodeId: string;
  /** The layer's name in the compiled model, the summary and generated code (`dense_n2`). */
  name: string;
  /** The registry entry; null for a type this version does not know. */
  def: LayerDefinition | null;
  /** The params with every missing key filled from the registry's defaults (the raw params for an unknown type). */
  params: LayerParams;
  /** Source node ids, in edge order. */
  sources: string[];
  /** The sources' output shapes, in the same order (an unknown shape is `[]`). */
  inputShapes: Shape[];
  /** This node's output shape, or why it has none. */
  output: ShapeResult;
  /** The node feeds nothing: one of the model's outputs. */
  isOutput: boolean;
  /** What tfjs builds for it; null when the type is unknown or the output shape failed. */
  tfjs: TfjsLayerConfig | null;
  /** Its parameter count (zero when the shape failed). */
  count: ParamCount;
}

export interface ModelPlan {
  /** Nodes in topological order (nodes on a cycle are left out; see `cyclic`). */
  nodes: PlannedNode[];
  byId: Map<string, PlannedNode>;
  /** Ids of nodes on or fed by a cycle. */
  cyclic: string[];
  /** Every node's layer name, cycles included. */
  names: Map<string, string>;
  /** Every node's output shape or why it has none, cycles included. */
  shapes: Map<string, ShapeResult>;
  /** A single chain Input → … → output (tfjs can build it as a `tf.sequential`). */
  isChain: boolean;
}

/** The plan of `graph`. Never throws: problems are in the shapes, and `validateGraph` words them. */
export function planGraph(graph: Graph): ModelPlan {
  const names = layerNames(graph);
  const shapes = inferShapes(graph);
  const incoming = incomingEdges(graph);
  const outgoing = outgoingEdges(graph);
  const byNodeId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { order, cyclic } = topologicalOrder(graph);
  const nodes = order.map((id): PlannedNode => {
    const node = byNodeId.get(id)!;
    const def = getLayer(node.type) ?? null;
    const params = def ? resolveParams(def, node.params) : node.params;
    const sources = (incoming.get(id) ?? []).map((e) => e.source);
    const inputShapes = sources.map((s) => {
      const r = shapes.get(s);
      return r && r.ok ? r.shape : [];
    });
    const output = shapes.get(id) ?? { ok: false, message: 'No shape was worked out for this layer.' };
    const usable = def !== null && output.ok;
    return {
      node,
      nodeId: id,
      name: names.get(id)!,
      def,
      params,
      sources,
      inputShapes,
      output,
      isOutput: (outgoing.get(id)?.length ?? 0) === 0,
      tfjs: usable ? def.toTfjs(params, inputShapes) : null,
      count: usable ? def.countParams(inputShapes, params) : { trainable: 0, nonTrainable: 0 },
    };
  });
  const isChain = nodes.every((n, i) => n.sources.length === (i === 0 ? 0 : 1) && (outgoing.get(n.nodeId)?.length ?? 0) === (i === nodes.length - 1 ? 0 : 1));
  return { nodes, byId: new Map(nodes.map((n) => [n.nodeId, n])), cyclic, names, shapes, isChain };
}
