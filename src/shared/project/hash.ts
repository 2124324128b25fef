/**
 * Content hashes that tell whether trained weights still match the project. They are computed
 * over a canonical JSON (sorted keys) of exactly what affects training, so moving a node or
 * renaming the project keeps the weights fresh, and any change to a layer, an edge, a setting
 * or the dataset makes them stale.
 */
import { getLayer, resolveParams } from '../layers';
import { planGraph, type ModelPlan } from '../graph/plan';
import type { Graph } from '../graph/types';
import type { DatasetSpec, Project, TrainingSettings } from './schema';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** cyrb53: a fast 53-bit string hash, as 14 hex digits. Not cryptographic; it detects edits. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The hash of the model the graph resolves to, read from its plan (src/shared/graph/plan.ts):
 * each layer in build order with its id (its layer name and initializer seeds), type, resolved
 * params (defaults filled) and sources in input order. Positions, the order nodes and edges are
 * listed in (where it does not change the build order) and edge ids are left out, so two graphs
 * that resolve to the same model hash alike. Nodes on a cycle (no model) are hashed from the
 * graph, sorted by id. `plan` must be `graph`'s; the renderer passes its memoised one.
 */
export function graphHash(graph: Graph, plan: ModelPlan = planGraph(graph)): string {
  const nodes = plan.nodes.map((n) => ({ id: n.nodeId, type: n.node.type, params: n.params, sources: n.sources }));
  const onCycle = new Set(plan.cyclic);
  const cyclic = graph.nodes
    .filter((n) => onCycle.has(n.id))
    .map((n) => ({ id: n.id, type: n.type, params: n.params, sources: graph.edges.filter((e) => e.target === n.id).map((e) => e.source) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hashText(canonicalJson({ model: nodes, ...(cyclic.length ? { cyclic } : {}) }));
}

/**
 * The graph hash files saved before the plan-based hash hold (nodes and edges in list order,
 * params with defaults filled). Kept so weights trained before stay fresh: `graphHashMatches`
 * accepts either.
 */
export function legacyGraphHash(graph: Graph): string {
  const nodes = graph.nodes.map((n) => {
    const def = getLayer(n.type);
    return { id: n.id, type: n.type, params: def ? resolveParams(def, n.params) : n.params };
  });
  const edges = graph.edges.map((e) => ({ source: e.source, target: e.target }));
  return hashText(canonicalJson({ nodes, edges }));
}

/** Whether a stored graph hash is the graph's: the plan-based hash, or the one files saved before it hold. */
export function graphHashMatches(stored: string, graph: Graph, plan: ModelPlan = planGraph(graph)): boolean {
  return stored === graphHash(graph, plan) || stored === legacyGraphHash(graph);
}

/**
 * The split fields (format 3) are hashed only when they differ from what every earlier file
 * meant — Keras' last rows, no test split — so weights saved before format 3 stay fresh after
 * the migration writes those values down.
 */
export function settingsHash(settings: TrainingSettings): string {
  const { splitMode, testSplit, ...rest } = settings;
  return hashText(canonicalJson({ ...rest, ...(splitMode !== 'end' ? { splitMode } : {}), ...(testSplit !== 0 ? { testSplit } : {}) }));
}

export function datasetHash(dataset: DatasetSpec): string {
  return datasetHashes(dataset)[0];
}

/**
 * Every hash that names this dataset, the first being `datasetHash`. A CSV dataset that uses
 * nothing of format 4 (no missing strategy or indicator, default text and number format, one
 * encoding for all categorical features) is hashed in its format-3 shape (`oneHotFeatures`), so
 * weights saved before format 4 stay fresh after the migration. Without categorical features
 * format 3's `oneHotFeatures` changed nothing, so both of its values name the dataset.
 */
export function datasetHashes(dataset: DatasetSpec): string[] {
  if (dataset.kind !== 'csv') return [hashText(canonicalJson(dataset))];
  const { text, numberFormat, droppedRows, ...rest } = dataset;
  const isCategoricalFeature = (c: (typeof dataset.columns)[number]) => c.type === 'categorical' && c.role === 'feature';
  const columns = dataset.columns.map(({ encoding, missing, missingIndicator, ...c }) => ({
    ...c,
    ...(isCategoricalFeature({ ...c }) && encoding === 'index' ? { encoding } : {}),
    ...(missing !== undefined ? { missing } : {}),
    ...(missingIndicator ? { missingIndicator } : {}),
  }));
  const { fills, ...transform } = dataset.transform;
  const defaults =
    (!text || (text.encoding === 'utf-8' && text.skipLines === 0)) && (!numberFormat || (numberFormat.decimal === '.' && numberFormat.thousands === ''));
  const encodings = new Set(columns.filter(isCategoricalFeature).map((c) => c.encoding ?? 'onehot'));
  const v4Only = !defaults || (droppedRows ?? 0) > 0 || (fills && Object.keys(fills).length > 0) || columns.some((c) => c.missing !== undefined || c.missingIndicator) || encodings.size > 1;
  if (v4Only) {
    return [hashText(canonicalJson({ ...rest, columns, transform: { ...transform, ...(fills ? { fills } : {}) }, ...(text ? { text } : {}), ...(numberFormat ? { numberFormat } : {}), ...(droppedRows ? { droppedRows } : {}) }))];
  }
  const v3Columns = columns.map((c) => ({ name: c.name, type: c.type, role: c.role }));
  const v3 = (oneHotFeatures: boolean) => hashText(canonicalJson({ ...rest, columns: v3Columns, transform, oneHotFeatures }));
  if (encodings.size === 1) return [v3(encodings.has('onehot'))];
  return [v3(true), v3(false)];
}

export interface ProjectHashes {
  graphHash: string;
  settingsHash: string;
  datasetHash: string;
}

/** `plan`, when given, must be `project.graph`'s. */
export function projectHashes(project: Pick<Project, 'graph' | 'training' | 'dataset'>, plan?: ModelPlan): ProjectHashes {
  return { graphHash: graphHash(project.graph, plan), settingsHash: settingsHash(project.training), datasetHash: datasetHash(project.dataset) };
}
