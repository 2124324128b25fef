import { canConnect } from '../../../shared/graph/validate';
import type { Graph } from '../../../shared/graph/types';
import { getLayer } from '../../../shared/layers';
import type { Translate } from '../i18n';
import { layerText, problemText } from './problemText';

/** A layer's accessible name, "Dense n2" (its label in the UI's language and its id); the id alone when it is not in the graph. */
export function nodeAccessibleName(graph: Graph, id: string, t: Translate): string {
  const node = graph.nodes.find((n) => n.id === id);
  const def = node ? getLayer(node.type) : undefined;
  if (!node) return id;
  return `${def ? layerText(def, t).label : node.type} ${id}`;
}

/** One row of a connection picker: what choosing it does, or why it cannot be chosen. */
export interface ConnectChoice {
  /** The target layer's id ("Connect to…") or the edge's id ("Disconnect…"). */
  id: string;
  label: string;
  /** Why the graph refuses this connection (from `canConnect`); absent when it can be chosen. */
  refused?: string;
}

/**
 * Issue 17: the layers the selected one can connect to, in the graph's order; those the graph
 * refuses (`canConnect`: into an Input, a loop, already connected, a full Add…) come last and
 * say why, rather than being offered.
 */
export function connectChoices(graph: Graph, sourceId: string, t: Translate): ConnectChoice[] {
  const choices = graph.nodes
    .filter((n) => n.id !== sourceId)
    .map((n): ConnectChoice => {
      const verdict = canConnect(graph, sourceId, n.id);
      const label = nodeAccessibleName(graph, n.id, t);
      return verdict.ok ? { id: n.id, label } : { id: n.id, label, refused: problemText({ message: verdict.reason, messageId: verdict.messageId, params: verdict.params }, t) };
    });
  return [...choices.filter((c) => !c.refused), ...choices.filter((c) => c.refused)];
}

/** Issue 17: the connections into and out of the selected layer, each named "Input n1 → Dense n2". */
export function disconnectChoices(graph: Graph, nodeId: string, t: Translate): ConnectChoice[] {
  return graph.edges
    .filter((e) => e.source === nodeId || e.target === nodeId)
    .map((e) => ({ id: e.id, label: t('a11y.edge', { source: nodeAccessibleName(graph, e.source, t), target: nodeAccessibleName(graph, e.target, t) }) }));
}
