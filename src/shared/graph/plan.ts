import { getLayer, resolveParams, validateParams, type ParamProblem } from '../layers';
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
 * reads that plan throughout. `planGraph` always walks the graph (some callers edit graphs in
 * place between operations); `planOf` memoises on the graph object for immutable graphs.
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
  /** Each node of a known type: its param problems (empty when the params are valid), checked once here; validation words them. */
  paramProblems: Map<string, ParamProblem[]>;
}

/** The plan of `graph`. Never throws: problems are in the shapes, and `validateGraph` words them. */
export function planGraph(graph: Graph): ModelPlan {
  plansMade++;
  const names = layerNames(graph);
  const paramProblems = new Map<string, ParamProblem[]>();
  for (const node of graph.nodes) {
    const def = getLayer(node.type);
    if (def) paramProblems.set(node.id, validateParams(def, node.params));
  }
  const shapes = inferShapes(graph, paramProblems);
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
  return { nodes, byId: new Map(nodes.map((n) => [n.nodeId, n])), cyclic, names, shapes, isChain, paramProblems };
}

let plansMade = 0;

/** How many plans `planGraph` has made in this process: lets tests check that an operation plans (and validates) a graph once. */
export const planCount = (): number => plansMade;

const memo = new WeakMap<Graph, ModelPlan>();

/**
 * The plan of `graph`, made once per graph object: for graphs that are never edited in place,
 * as the renderer's store keeps them (every command makes a new graph), so the plan is computed
 * once per document change however many views read it.
 */
export function planOf(graph: Graph): ModelPlan {
  let plan = memo.get(graph);
  if (!plan) {
    plan = planGraph(graph);
    memo.set(graph, plan);
  }
  return plan;
}
