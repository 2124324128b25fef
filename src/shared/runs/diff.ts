import { getLayer, resolveParams } from '../layers';
import { layerNames } from '../graph/names';
import { canonicalJson } from '../project/hash';
import type { Graph } from '../graph/types';
import type { z } from 'zod';
import type { DatasetSpec, RunChangeSchema, TrainingSettings } from '../project/schema';

/** What a run trained on, as far as comparing runs goes. */
export interface RunSetup {
  graph: Graph;
  training: TrainingSettings;
  dataset: DatasetSpec;
  datasetHash?: string;
}

/**
 * One difference between two runs' setups, as data (the UI words it in the user's language):
 * - `param`: a layer's param (`layer` is its Keras layer name, e.g. `dense_n3`), resolved with
 *   the registry's defaults so an absent and a default value are the same;
 * - `layer-added` / `layer-removed`: a node only one graph has; `connections`: the same nodes,
 *   wired differently;
 * - `setting`: a training setting by its dotted path (`optimizer.learningRate`, `batchSize`,
 *   `earlyStopping.patience`…);
 * - `dataset`: the data changed (another file, generator, split of images…).
 * Values are JSON values (`undefined` when absent on that side).
 */
export type RunChange = z.infer<typeof RunChangeSchema>;

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** `value`'s leaves by dotted path (`optimizer.learningRate` → 0.001; arrays are leaves), as the diff compares settings; the runs table reads settings the same way. */
export function flattenSettings(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenSettings(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
}

/**
 * The differences from setup `before` to `after`, in a stable order: layers (graph order of
 * `after`, then removed ones), their params, connections, settings (sorted by path), data.
 * Positions and node order do not count. Example: a Dense whose units went 64 → 128 gives
 * `{ kind: 'param', layer: 'dense_n3', field: 'units', from: 64, to: 128 }`.
 */
export function diffRunSetups(before: RunSetup, after: RunSetup): RunChange[] {
  const changes: RunChange[] = [];
  const namesBefore = layerNames(before.graph);
  const namesAfter = layerNames(after.graph);
  const nodesBefore = new Map(before.graph.nodes.map((n) => [n.id, n]));
  const nodesAfter = new Map(after.graph.nodes.map((n) => [n.id, n]));
  const resolved = (node: Graph['nodes'][number]) => {
    const def = getLayer(node.type);
    return def ? resolveParams(def, node.params) : node.params;
  };
  for (const node of after.graph.nodes) {
    const old = nodesBefore.get(node.id);
    const layer = namesAfter.get(node.id) ?? node.id;
    if (!old || old.type !== node.type) {
      if (old) changes.push({ kind: 'layer-removed', nodeId: old.id, layer: namesBefore.get(old.id) ?? old.id, type: old.type });
      changes.push({ kind: 'layer-added', nodeId: node.id, layer, type: node.type });
      continue;
    }
    const a = resolved(old) as Record<string, unknown>;
    const b = resolved(node) as Record<string, unknown>;
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!same(a[field], b[field])) changes.push({ kind: 'param', nodeId: node.id, layer, type: node.type, field, from: a[field], to: b[field] });
    }
  }
  for (const node of before.graph.nodes) {
    if (!nodesAfter.has(node.id)) changes.push({ kind: 'layer-removed', nodeId: node.id, layer: namesBefore.get(node.id) ?? node.id, type: node.type });
  }
  const wires = (g: Graph) => g.edges.map((e) => `${e.source}->${e.target}`).sort();
  if (!same(wires(before.graph), wires(after.graph))) changes.push({ kind: 'connections' });
  const sa = new Map<string, unknown>();
  const sb = new Map<string, unknown>();
  flattenSettings(before.training, '', sa);
  flattenSettings(after.training, '', sb);
  for (const field of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
    if (!same(sa.get(field), sb.get(field))) changes.push({ kind: 'setting', field, from: sa.get(field), to: sb.get(field) });
  }
  const dataChanged = before.datasetHash !== undefined && after.datasetHash !== undefined ? before.datasetHash !== after.datasetHash : !same(before.dataset, after.dataset);
  if (dataChanged) changes.push({ kind: 'dataset' });
  return changes;
}

/** A value as a change shows it: numbers as they are, arrays in brackets, absent as "—". */
export function formatChangeValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A change in English, for the command line and logs (the app words it in the UI language):
 * `dense_n3 (Dense): units 64 → 128`, `optimizer.learningRate 0.01 → 0.001`, `added conv2d_n4 (Conv2D)`.
 */
export function describeRunChange(change: RunChange): string {
  switch (change.kind) {
    case 'param':
      return `${change.layer} (${change.type}): ${change.field} ${formatChangeValue(change.from)} → ${formatChangeValue(change.to)}`;
    case 'layer-added':
      return `added ${change.layer} (${change.type})`;
    case 'layer-removed':
      return `removed ${change.layer} (${change.type})`;
    case 'connections':
      return 'connections changed';
    case 'setting':
      return `${change.field} ${formatChangeValue(change.from)} → ${formatChangeValue(change.to)}`;
    case 'dataset':
      return 'data changed';
  }
}
