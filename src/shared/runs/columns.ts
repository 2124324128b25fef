import { getLayer, resolveParams } from '../layers';
import { layerNames } from '../graph/names';
import { canonicalJson } from '../project/hash';
import { diffRunSetups, type RunSetup } from './diff';

/**
 * The settings and layer params that differ between runs (issue 15: "compare runs in a table by
 * their hyperparameters"): the columns worth showing, each with every run's value. Found with
 * {@link diffRunSetups} against the first run — a field on which any two runs differ differs from
 * the first run in at least one of them — so the table and the run diff agree.
 */
export interface DifferingField {
  /** `setting:<dotted path>` (`setting:optimizer.learningRate`) or `param:<nodeId>.<param>` (`param:n3.units`). */
  key: string;
  /** The column heading: the setting's dotted path, or `<Keras layer name>.<param>` (`dense_n3.units`). */
  label: string;
  /** Each run's value, in the order of the setups given (`undefined` when absent: a layer that run did not have). */
  values: unknown[];
}

function flatSettings(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatSettings(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

function paramOf(setup: RunSetup, nodeId: string, field: string): unknown {
  const node = setup.graph.nodes.find((n) => n.id === nodeId);
  if (!node) return undefined;
  const def = getLayer(node.type);
  return (def ? resolveParams(def, node.params) : node.params)[field];
}

/**
 * The fields on which `setups` (runs, oldest first) differ: settings first (sorted by path), then
 * layer params (in the order the diffs name them). Structural changes (layers added or removed,
 * rewiring, other data) are not fields; `diffRunSetups` names them. Empty for fewer than two runs.
 */
export function differingFields(setups: readonly RunSetup[]): DifferingField[] {
  if (setups.length < 2) return [];
  const first = setups[0];
  const settings = new Set<string>();
  const params = new Map<string, { nodeId: string; field: string; layer: string }>();
  for (const setup of setups.slice(1)) {
    for (const change of diffRunSetups(first, setup)) {
      if (change.kind === 'setting') settings.add(change.field);
      else if (change.kind === 'param') params.set(`${change.nodeId}.${change.field}`, { nodeId: change.nodeId, field: change.field, layer: change.layer });
    }
  }
  const flat = setups.map((s) => flatSettings(s.training, '', new Map()));
  const out: DifferingField[] = [...settings].sort().map((field) => ({ key: `setting:${field}`, label: field, values: flat.map((f) => f.get(field)) }));
  for (const [id, { nodeId, field }] of params) {
    // The layer's name as the first run that has it calls it.
    const owner = setups.find((s) => s.graph.nodes.some((n) => n.id === nodeId));
    const layer = owner ? (layerNames(owner.graph).get(nodeId) ?? nodeId) : nodeId;
    out.push({ key: `param:${id}`, label: `${layer}.${field}`, values: setups.map((s) => paramOf(s, nodeId, field)) });
  }
  // A guard: only fields with at least two distinct values are columns.
  return out.filter((f) => new Set(f.values.map((v) => canonicalJson(v ?? null))).size > 1);
}
