import type { ModelSummary } from '../api/contract';
import { planGraph, type ModelPlan } from './plan';
import type { Graph } from './types';

/**
 * What Keras' `model.summary()` prints for the compiled model: one row per layer in topological
 * order (the Input included, as in a functional model), its output shape and parameter count,
 * and the totals. Layer names and types are the compiled model's (read from the graph's plan,
 * as the compiler does). Rows whose shape cannot be inferred have a null shape and count 0.
 * `plan` must be `graph`'s; the renderer passes its memoised one (`planOf`).
 */
export function summarize(graph: Graph, plan: ModelPlan = planGraph(graph)): ModelSummary {
  let trainable = 0;
  let nonTrainable = 0;
  const rows = plan.nodes.map((n) => {
    trainable += n.count.trainable;
    nonTrainable += n.count.nonTrainable;
    return {
      nodeId: n.nodeId,
      name: n.name,
      type: n.tfjs?.className ?? n.node.type,
      outputShape: n.output.ok ? n.output.shape : null,
      params: n.count.trainable + n.count.nonTrainable,
      connectedTo: n.sources.map((s) => plan.names.get(s) ?? s),
    };
  });
  return { rows, totalParams: trainable + nonTrainable, trainableParams: trainable, nonTrainableParams: nonTrainable };
}
