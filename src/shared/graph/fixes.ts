import { z } from 'zod';
import { SPLIT_MODES } from '../data/split';
import { LOSSES, METRICS, type TrainingSettings } from '../project/schema';
import { metricsFittingLoss } from '../metrics';
import { defaultParams, getLayer } from '../layers';
import { edgeId } from './topology';
import { renderEnglish, type GraphMessageId, type MessageParams } from './problem-text';
import type { Graph, GraphNode } from './types';

/**
 * A one-click fix offered by validation, as data (issue 10: fixes were strings such as
 * `set-units:n3:10` parsed back): what to set, where, to what. `fixId` derives a stable id from it
 * for the UI (test ids, React keys); nothing parses ids back.
 */
export const FixActionSchema = z.discriminatedUnion('kind', [
  /** Sets the loss; metrics that do not fit it go (`metricsFittingLoss`), in the same command. */
  z.object({ kind: z.literal('set-loss'), loss: z.enum(LOSSES) }),
  z.object({ kind: z.literal('set-metrics'), metrics: z.array(z.enum(METRICS)).max(METRICS.length) }),
  z.object({ kind: z.literal('set-split-mode'), mode: z.enum(SPLIT_MODES) }),
  z.object({ kind: z.literal('set-units'), nodeId: z.string(), units: z.number().int().min(1) }),
  /** Sets the Input's shape to `shape` (an image's `[height, width, channels]`, issue 14), or to `[size]` without it. */
  z.object({ kind: z.literal('set-input-shape'), nodeId: z.string(), size: z.number().int().min(1), shape: z.array(z.number().int().min(1)).min(1).max(8).optional() }),
  z.object({ kind: z.literal('set-activation'), nodeId: z.string(), activation: z.string() }),
  /** Puts a new layer of `layerType` (its defaults) on the connection from `source` to `target` (e.g. a Flatten between a pooling layer and a Dense). */
  z.object({ kind: z.literal('insert-layer'), source: z.string(), target: z.string(), layerType: z.string() }),
  /** Removes a layer with one input and connects that input to each layer it fed (e.g. a Flatten before a Conv2D). */
  z.object({ kind: z.literal('remove-layer'), nodeId: z.string() }),
]);
export type FixAction = z.infer<typeof FixActionSchema>;

/** A fix with its words: what the button says, its stable id, and what it does. */
export const ProblemFixSchema = z.object({
  label: z.string(),
  id: z.string(),
  action: FixActionSchema,
  // issue 16: graph problems — the label as data (a key of GRAPH_PROBLEM_MESSAGES_EN and its values), for the UI's dictionary.
  labelId: z.string().max(100).optional(),
  labelParams: z.record(z.string(), z.union([z.string().max(1000), z.number()])).optional(),
});
export type ProblemFix = z.infer<typeof ProblemFixSchema>;

/** The fix's stable id, e.g. `set-units:n3:10`, `set-loss:binaryCrossentropy`. */
export function fixId(action: FixAction): string {
  switch (action.kind) {
    case 'set-loss':
      return `set-loss:${action.loss}`;
    case 'set-split-mode':
      return `set-split-mode:${action.mode}`;
    case 'set-metrics':
      return `set-metrics:${action.metrics.join('+')}`;
    case 'set-units':
      return `set-units:${action.nodeId}:${action.units}`;
    case 'set-input-shape':
      return `set-input-shape:${action.nodeId}:${action.shape ? action.shape.join('x') : action.size}`;
    case 'set-activation':
      return `set-activation:${action.nodeId}:${action.activation}`;
    case 'insert-layer':
      return `insert-layer:${action.source}:${action.target}:${action.layerType}`;
    case 'remove-layer':
      return `remove-layer:${action.nodeId}`;
  }
}

/**
 * A fix for `action`: labelled `label` (English, already worded), or by a label id of
 * GRAPH_PROBLEM_MESSAGES_EN and its params (issue 16), whose English becomes `label`.
 */
export function makeFix(label: string | { id: GraphMessageId; params?: MessageParams }, action: FixAction): ProblemFix {
  if (typeof label === 'string') return { label, id: fixId(action), action };
  const labelParams = label.params ?? {};
  return { label: renderEnglish(label.id, labelParams), id: fixId(action), action, labelId: label.id, labelParams };
}

/**
 * Applies a fix to the graph and training settings. Returns new objects (the inputs unchanged).
 * @throws Error naming the layer when the fix points at a node the graph no longer has.
 */
export function applyFix(graph: Graph, settings: TrainingSettings, action: FixAction): { graph: Graph; settings: TrainingSettings } {
  switch (action.kind) {
    case 'set-loss':
      return { graph, settings: { ...settings, loss: action.loss, ...(settings.metrics ? { metrics: metricsFittingLoss(settings.metrics, action.loss) } : {}) } };
    case 'set-metrics':
      return { graph, settings: { ...settings, metrics: [...action.metrics] } };
    case 'set-split-mode':
      return { graph, settings: { ...settings, splitMode: action.mode } };
    case 'insert-layer':
      return { graph: insertLayer(graph, action.source, action.target, action.layerType), settings };
    case 'remove-layer':
      return { graph: removeLayer(graph, action.nodeId), settings };
    default: {
      const target = graph.nodes.find((n) => n.id === action.nodeId);
      if (!target) throw new Error(`Fix "${fixId(action)}": there is no layer "${action.nodeId}".`);
      const params =
        action.kind === 'set-units'
          ? { ...target.params, units: action.units }
          : action.kind === 'set-input-shape'
            ? { ...target.params, shape: action.shape ? [...action.shape] : [action.size] }
            : { ...target.params, activation: action.activation };
      return { graph: { ...graph, nodes: graph.nodes.map((n) => (n === target ? { ...n, params } : n)) }, settings };
    }
  }
}

/**
 * The graph with a `layerType` node (its default params) on the connection `source` → `target`,
 * placed halfway between them. Its id is `<layertype>_<target>` (then `_2`, `_3`… if taken), never
 * of the editor's `n<counter>` form, so it cannot collide with ids the editor hands out later.
 * @throws Error naming the layers when there is no such connection or no such layer type.
 */
function insertLayer(graph: Graph, source: string, target: string, layerType: string): Graph {
  const def = getLayer(layerType);
  if (!def) throw new Error(`Fix "insert-layer": "${layerType}" is not a layer type.`);
  const edge = graph.edges.find((e) => e.source === source && e.target === target);
  const from = graph.nodes.find((n) => n.id === source);
  const to = graph.nodes.find((n) => n.id === target);
  if (!edge || !from || !to) throw new Error(`Fix "insert-layer": there is no connection from layer "${source}" to layer "${target}".`);
  const taken = new Set(graph.nodes.map((n) => n.id));
  const base = `${layerType.toLowerCase()}_${target}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  const node: GraphNode = { id, type: layerType, params: defaultParams(def), position: { x: (from.position.x + to.position.x) / 2, y: (from.position.y + to.position.y) / 2 } };
  const edges = graph.edges.filter((e) => e !== edge);
  edges.push({ id: edgeId(source, id), source, target: id }, { id: edgeId(id, target), source: id, target });
  return { ...graph, nodes: [...graph.nodes, node], edges };
}

/**
 * The graph without `nodeId`, its one input connected to each layer it fed (edges in the graph's
 * order, the new ones last).
 * @throws Error naming the layer when there is no such node or it has not exactly one input.
 */
function removeLayer(graph: Graph, nodeId: string): Graph {
  const incoming = graph.edges.filter((e) => e.target === nodeId);
  if (!graph.nodes.some((n) => n.id === nodeId) || incoming.length !== 1) {
    throw new Error(`Fix "remove-layer": there is no layer "${nodeId}" with exactly one input.`);
  }
  const source = incoming[0].source;
  const targets = graph.edges.filter((e) => e.source === nodeId).map((e) => e.target);
  const edges = graph.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
  for (const target of targets) {
    if (!edges.some((e) => e.source === source && e.target === target)) edges.push({ id: edgeId(source, target), source, target });
  }
  return { ...graph, nodes: graph.nodes.filter((n) => n.id !== nodeId), edges };
}
