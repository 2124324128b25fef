import { z } from 'zod';
import { SPLIT_MODES } from '../data/split';
import { LOSSES, type TrainingSettings } from '../project/schema';
import type { Graph } from './types';

/**
 * A one-click fix offered by validation, as data (issue 10: fixes were strings such as
 * `set-units:n3:10` parsed back): what to set, where, to what. `fixId` derives a stable id from it
 * for the UI (test ids, React keys); nothing parses ids back.
 */
export const FixActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set-loss'), loss: z.enum(LOSSES) }),
  z.object({ kind: z.literal('set-split-mode'), mode: z.enum(SPLIT_MODES) }),
  z.object({ kind: z.literal('set-units'), nodeId: z.string(), units: z.number().int().min(1) }),
  z.object({ kind: z.literal('set-input-shape'), nodeId: z.string(), size: z.number().int().min(1) }),
  z.object({ kind: z.literal('set-activation'), nodeId: z.string(), activation: z.string() }),
]);
export type FixAction = z.infer<typeof FixActionSchema>;

/** A fix with its words: what the button says, its stable id, and what it does. */
export const ProblemFixSchema = z.object({ label: z.string(), id: z.string(), action: FixActionSchema });
export type ProblemFix = z.infer<typeof ProblemFixSchema>;

/** The fix's stable id, e.g. `set-units:n3:10`, `set-loss:binaryCrossentropy`. */
export function fixId(action: FixAction): string {
  switch (action.kind) {
    case 'set-loss':
      return `set-loss:${action.loss}`;
    case 'set-split-mode':
      return `set-split-mode:${action.mode}`;
    case 'set-units':
      return `set-units:${action.nodeId}:${action.units}`;
    case 'set-input-shape':
      return `set-input-shape:${action.nodeId}:${action.size}`;
    case 'set-activation':
      return `set-activation:${action.nodeId}:${action.activation}`;
  }
}

/** A fix for `action` labelled `label`. */
export function makeFix(label: string, action: FixAction): ProblemFix {
  return { label, id: fixId(action), action };
}

/**
 * Applies a fix to the graph and training settings. Returns new objects (the inputs unchanged).
 * @throws Error naming the layer when the fix points at a node the graph no longer has.
 */
export function applyFix(graph: Graph, settings: TrainingSettings, action: FixAction): { graph: Graph; settings: TrainingSettings } {
  switch (action.kind) {
    case 'set-loss':
      return { graph, settings: { ...settings, loss: action.loss } };
    case 'set-split-mode':
      return { graph, settings: { ...settings, splitMode: action.mode } };
    default: {
      const target = graph.nodes.find((n) => n.id === action.nodeId);
      if (!target) throw new Error(`Fix "${fixId(action)}": there is no layer "${action.nodeId}".`);
      const params =
        action.kind === 'set-units'
          ? { ...target.params, units: action.units }
          : action.kind === 'set-input-shape'
            ? { ...target.params, shape: [action.size] }
            : { ...target.params, activation: action.activation };
      return { graph: { ...graph, nodes: graph.nodes.map((n) => (n === target ? { ...n, params } : n)) }, settings };
    }
  }
}
