/**
 * One function per format step: MIGRATIONS[n] turns a version-n document into version n+1.
 * Steps are frozen: they must keep giving the same result for the same old file even when the
 * layer registry changes, so they never read today's registry, only tables written down here.
 * Each step has a fixture of the old version in test/fixtures/projects and a test.
 */
export type ProjectDocument = Record<string, unknown>;
export type MigrationStep = (old: ProjectDocument) => ProjectDocument;

/** The layer param defaults of format version 1 (Neurite 0.1), by layer type. */
export const V1_LAYER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  Input: { shape: [1] },
  Dense: { units: 8, activation: 'linear', useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros', l1: 0, l2: 0 },
  Activation: { activation: 'relu', alpha: 0.3 },
  Dropout: { rate: 0.5 },
  BatchNormalization: { momentum: 0.99, epsilon: 0.001, center: true, scale: true },
  Flatten: {},
  Reshape: { targetShape: [1] },
  Add: {},
  Concatenate: { axis: -1 },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v1 → v2: v1 files could leave layer params out and took the defaults of the day; v2 stores
 * them all, so a later change of a default cannot change what an old file means. Nodes of
 * unknown types keep their params untouched (they are reported on load, not dropped). v1 has no
 * `trained` section, so there is nothing else to convert.
 */
export function pinV1LayerDefaults(old: ProjectDocument): ProjectDocument {
  const graph = old.graph;
  if (!isRecord(graph) || !Array.isArray(graph.nodes)) return { ...old, formatVersion: 2 };
  const nodes = graph.nodes.map((node: unknown) => {
    if (!isRecord(node) || typeof node.type !== 'string') return node;
    const defaults = Object.prototype.hasOwnProperty.call(V1_LAYER_DEFAULTS, node.type) ? V1_LAYER_DEFAULTS[node.type] : undefined;
    if (!defaults) return node;
    const params = isRecord(node.params) ? node.params : {};
    return { ...node, params: { ...structuredCloneJson(defaults), ...params } };
  });
  return { ...old, formatVersion: 2, graph: { ...graph, nodes } };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * v2 → v3: v2 always held out the last rows (Keras' `validation_split`) and had no test split;
 * the step writes that down (`splitMode: 'end'`, `testSplit: 0`) so an old file trains exactly
 * as before. New projects start with `shuffle` instead (see the renderer's new-project defaults).
 */
export function addSplitSettings(old: ProjectDocument): ProjectDocument {
  const training = old.training;
  if (!isRecord(training)) return { ...old, formatVersion: 3 };
  return { ...old, formatVersion: 3, training: { ...training, splitMode: 'end', testSplit: 0 } };
}

/**
 * v3 → v4: the global `oneHotFeatures` becomes each categorical feature column's `encoding`
 * (`onehot` when it was true, `index` when false); numeric, label and ignored columns get none.
 * Nothing else changes: absent `text`, `numberFormat` and `missing` mean what v3 did (UTF-8,
 * `.` decimals without thousands separators, a missing number stops the import, a missing
 * category is its own category), so the file trains and predicts exactly as before.
 */
export function columnEncodings(old: ProjectDocument): ProjectDocument {
  const dataset = old.dataset;
  if (!isRecord(dataset) || dataset.kind !== 'csv' || !Array.isArray(dataset.columns)) return { ...old, formatVersion: 4 };
  const { oneHotFeatures, ...rest } = dataset;
  const encoding = oneHotFeatures === false ? 'index' : 'onehot';
  const columns = dataset.columns.map((c: unknown) => (isRecord(c) && c.type === 'categorical' && c.role === 'feature' ? { ...c, encoding } : c));
  return { ...old, formatVersion: 4, dataset: { ...rest, columns } };
}

/**
 * v4 → v5: version 5 adds image datasets (issue 14) and changes nothing a v4 file holds, so the
 * step only raises the version number.
 */
export function addImageDatasets(old: ProjectDocument): ProjectDocument {
  return { ...old, formatVersion: 5 };
}

/**
 * v5 → v6: version 6 adds the run history (issue 15: `runs`, `runsBestBy`, `sweeps`). A v5 file
 * has no record of its runs, so it migrates with none; its `trained` section stays the current
 * model. The step only raises the version number.
 */
export function addRunHistory(old: ProjectDocument): ProjectDocument {
  return { ...old, formatVersion: 6 };
}

export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {
  1: pinV1LayerDefaults,
  2: addSplitSettings,
  3: columnEncodings,
  4: addImageDatasets,
  5: addRunHistory,
};
