import { getLayer, resolveParams } from '../layers';
import { layerNames } from '../graph/names';
import { canonicalJson } from '../project/hash';
import { diffRunSetups, flattenSettings, type RunSetup } from './diff';

/**
 * The settings and layer params that differ between runs (issue 15: "compare runs in a table by
 * their hyperparameters"): the columns worth showing, each with every run's value. Found with
 * {@link diffRunSetups} between consecutive runs — a field on which any two runs differ differs
 * between some two neighbours — so the table and the run diff agree. (Against the first run only,
 * a param of a layer the first run lacks, say a Dropout added later whose rate then changed, was
 * missed: the diff names the layer as added, not its params.) The app's runs table reads the same
 * fields (src/renderer/src/components/runs/runsTable.ts).
 */
export interface DifferingField {
  /** `setting:<dotted path>` (`setting:optimizer.learningRate`) or `param:<nodeId>.<param>` (`param:n3.units`). */
  key: string;
  /** The column heading: the setting's dotted path, or `<Keras layer name>.<param>` (`dense_n3.units`). */
  label: string;
  /** Each run's value, in the order of the setups given (`undefined` when absent: a layer that run did not have). */
  values: unknown[];
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
export function differingFields(setups: readonly (RunSetup & { graphHash?: string; settingsHash?: string })[]): DifferingField[] {
  if (setups.length < 2) return [];
  const settings = new Set<string>();
  const params = new Map<string, { nodeId: string; field: string; layer: string }>();
  for (let i = 1; i < setups.length; i++) {
    const before = setups[i - 1];
    const setup = setups[i];
    // The same objects (a run record copied for a note or a pin keeps them), or run records with the same hashes (trained again unchanged): nothing to diff.
    if (before.graph === setup.graph && before.training === setup.training && before.dataset === setup.dataset) continue;
    if (before.graphHash !== undefined && before.graphHash === setup.graphHash && before.settingsHash === setup.settingsHash && before.datasetHash === setup.datasetHash) continue;
    for (const change of diffRunSetups(before, setup)) {
      if (change.kind === 'setting') settings.add(change.field);
      else if (change.kind === 'param') params.set(`${change.nodeId}.${change.field}`, { nodeId: change.nodeId, field: change.field, layer: change.layer });
    }
  }
  const flat = setups.map((s) => {
    const settings = new Map<string, unknown>();
    flattenSettings(s.training, '', settings);
    return settings;
  });
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
