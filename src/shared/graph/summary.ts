import type { ModelSummary } from '../api/contract';
import { getLayer, resolveParams } from '../layers';
import type { Shape } from '../layers/types';
import { layerNames } from './names';
import { inferShapes } from './shapes';
import { incomingEdges, topologicalOrder } from './topology';
import type { Graph } from './types';

/**
 * What Keras' `model.summary()` prints for the compiled model: one row per layer in topological
 * order (the Input included, as in a functional model), its output shape and parameter count,
 * and the totals. Layer names and types are the compiled model's. Rows whose shape cannot be
 * inferred have a null shape and count 0.
 */
export function summarize(graph: Graph): ModelSummary {
  const names = layerNames(graph);
  const shapes = inferShapes(graph);
  const incoming = incomingEdges(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { order } = topologicalOrder(graph);
  const rows: ModelSummary['rows'] = [];
  let trainable = 0;
  let nonTrainable = 0;
  for (const id of order) {
    const node = byId.get(id)!;
    const def = getLayer(node.type);
    const result = shapes.get(id);
    const sources = (incoming.get(id) ?? []).map((e) => e.source);
    let params = 0;
    let type = node.type;
    if (def && result?.ok) {
      const inputs: Shape[] = [];
      for (const source of sources) {
        const s = shapes.get(source);
        if (s?.ok) inputs.push(s.shape);
      }
      const resolved = resolveParams(def, node.params);
      const count = def.countParams(inputs, resolved);
      trainable += count.trainable;
      nonTrainable += count.nonTrainable;
      params = count.trainable + count.nonTrainable;
      type = def.toTfjs(resolved, inputs).className;
    }
    rows.push({
      nodeId: id,
      name: names.get(id)!,
      type,
      outputShape: result?.ok ? result.shape : null,
      params,
      connectedTo: sources.map((s) => names.get(s) ?? s),
    });
  }
  return { rows, totalParams: trainable + nonTrainable, trainableParams: trainable, nonTrainableParams: nonTrainable };
}
