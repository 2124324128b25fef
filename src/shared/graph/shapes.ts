import { arityWords } from './problem-text';
import { getLayer, resolveParams, validateParams, type ParamProblem } from '../layers';
import type { Shape, ShapeResult } from '../layers/types';
import { incomingEdges, topologicalOrder } from './topology';
import type { Graph } from './types';
import { shapeFailure } from '../layers/shape-text';

/**
 * The output shape of every node, computed in topological order. A node gets an error result
 * when its type is unknown, its params are invalid, it has the wrong number of inputs, an input
 * failed, or the layer refuses its input shapes. Nodes on a cycle get an error result too.
 * `paramProblems` gives each node's param problems when the caller has checked them already
 * (`planGraph` checks every node once); missing entries are checked here.
 */
export function inferShapes(graph: Graph, paramProblems?: ReadonlyMap<string, readonly ParamProblem[]>): Map<string, ShapeResult> {
  const results = new Map<string, ShapeResult>();
  const incoming = incomingEdges(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { order, cyclic } = topologicalOrder(graph);
  for (const id of order) {
    const node = byId.get(id)!;
    results.set(id, inferNode(node.type, node.params, (incoming.get(id) ?? []).map((e) => e.source), results, paramProblems?.get(id)));
  }
  for (const id of cyclic) results.set(id, shapeFailure('shape.loop', {}));
  return results;
}

function inferNode(type: string, params: Record<string, unknown>, sources: string[], known: Map<string, ShapeResult>, checked?: readonly ParamProblem[]): ShapeResult {
  const def = getLayer(type);
  if (!def) return shapeFailure('shape.unknownLayer', { type });
  const problems = checked ?? validateParams(def, params);
  if (problems.length) return { ok: false, message: problems.map((p) => p.message).join(' ') };
  if (sources.length < def.arity.min || sources.length > def.arity.max) {
    return { ok: false, ...arityWords(def.label, def.arity, sources.length) };
  }
  const inputs: Shape[] = [];
  for (const source of sources) {
    const result = known.get(source);
    if (!result || !result.ok) return shapeFailure('shape.inputUnknown', {});
    inputs.push(result.shape);
  }
  return def.inferOutputShape(inputs, resolveParams(def, params));
}

/** The arity message in English: one wording with the validation problem (src/shared/graph/problem-text.ts). */
export function arityMessage(label: string, arity: { min: number; max: number }, got: number): string {
  return arityWords(label, arity, got).message;
}
