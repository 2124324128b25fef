import { SPLIT_MODES, type SplitMode } from '../data/split';
import { LOSSES, type LossName, type TrainingSettings } from '../project/schema';
import type { Graph } from './types';

/**
 * Applies a one-click fix offered by `validateGraph`. Fix ids:
 * `set-loss:<loss>`, `set-units:<nodeId>:<n>`, `set-activation:<nodeId>:<activation>`,
 * `set-input-shape:<nodeId>:<n>`, `set-split-mode:<end|shuffle|stratified>` (from `checkSplit`). Node ids may contain ':', so the value is after the last one.
 * Returns the inputs unchanged (same objects) when the fix does not apply.
 */
export function applyFix(graph: Graph, settings: TrainingSettings, fixId: string): { graph: Graph; settings: TrainingSettings } {
  const first = fixId.indexOf(':');
  const kind = first < 0 ? fixId : fixId.slice(0, first);
  const rest = first < 0 ? '' : fixId.slice(first + 1);
  if (kind === 'set-loss') {
    if (!(LOSSES as readonly string[]).includes(rest)) throw new Error(`Fix "${fixId}": "${rest}" is not a loss (expected one of ${LOSSES.join(', ')}).`);
    return { graph, settings: { ...settings, loss: rest as LossName } };
  }
  if (kind === 'set-split-mode') {
    if (!(SPLIT_MODES as readonly string[]).includes(rest)) throw new Error(`Fix "${fixId}": "${rest}" is not a split mode (expected one of ${SPLIT_MODES.join(', ')}).`);
    return { graph, settings: { ...settings, splitMode: rest as SplitMode } };
  }
  const last = rest.lastIndexOf(':');
  if (last < 0) throw new Error(`Fix "${fixId}" is not a known fix (expected set-loss:<loss>, set-units:<node>:<n>, set-activation:<node>:<name> or set-input-shape:<node>:<n>).`);
  const nodeId = rest.slice(0, last);
  const value = rest.slice(last + 1);
  const target = graph.nodes.find((n) => n.id === nodeId);
  if (!target) throw new Error(`Fix "${fixId}": there is no layer "${nodeId}".`);
  let params: Record<string, unknown>;
  switch (kind) {
    case 'set-units':
    case 'set-input-shape': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`Fix "${fixId}": expected a positive whole number; got "${value}".`);
      params = kind === 'set-units' ? { ...target.params, units: n } : { ...target.params, shape: [n] };
      break;
    }
    case 'set-activation':
      params = { ...target.params, activation: value };
      break;
    default:
      throw new Error(`Fix "${fixId}" is not a known fix.`);
  }
  return { graph: { ...graph, nodes: graph.nodes.map((n) => (n === target ? { ...n, params } : n)) }, settings };
}
