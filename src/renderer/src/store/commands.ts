import type { Graph, GraphEdge, GraphNode } from '../../../shared/graph/types';
import { applyFix, type FixAction } from '../../../shared/graph/fixes';
import { canConnect } from '../../../shared/graph/validate';
import { edgeId } from '../../../shared/graph/topology';
import { defaultParams, getLayer, isInputType } from '../../../shared/layers';
import type { LayerParams } from '../../../shared/layers/types';
import { chooseOptimizer } from '../../../shared/optimizers';
import type { DatasetSpec, OptimizerName, OptimizerSettings, TrainingSettings } from '../../../shared/project/schema';
import type { WireProject as Project } from '../../../shared/project/wire';
import { exampleShape } from '../data/datasetInfo';
import { layoutLeftToRight, type NodeSize } from '../lib/layout';
import type { Remedy } from '../../../shared/training/outcome';
import type { DataFix } from '../../../shared/data/health';
import { docFromProject, type EditorDoc } from './document';
import { tr } from '../i18n';

/**
 * Every edit to the document is a command: a pure function from the current document (and its
 * arguments) to the next one, in the manner of Excalidraw's actions. The store runs commands
 * and keeps undo/redo in one place; nothing else writes the document.
 */

export interface Selection {
  nodes: string[];
  edges: string[];
}
export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export interface CommandContext {
  /** A fresh node id: 'n' + a counter that never goes back, so ids are never reused in a session. */
  newNodeId(): string;
}

export interface CommandResult {
  doc: EditorDoc;
  /** The selection after the command, when it changes it (e.g. paste selects what was pasted). */
  selection?: Selection;
  /** False when nothing changed; the store then records no undo step. */
  changed: boolean;
  /** Consecutive commands with the same key collapse into one undo step (typing in one field). */
  mergeKey?: string;
  /** Why the command was refused, for the user. */
  refused?: string;
}

const unchanged = (doc: EditorDoc, refused?: string): CommandResult => ({ doc, changed: false, ...(refused ? { refused } : {}) });
const withGraph = (doc: EditorDoc, graph: Graph): EditorDoc => ({ ...doc, graph });
export { edgeId };

export interface AddNodeArgs {
  type: string;
  position: { x: number; y: number };
  params?: LayerParams;
  /** Connect the new node after this one (double-click in the palette adds after the selection). */
  after?: string;
}

export function addNode(doc: EditorDoc, args: AddNodeArgs, ctx: CommandContext): CommandResult {
  const def = getLayer(args.type);
  if (!def) return unchanged(doc, tr('editor.unknownType', { type: args.type }));
  const params: LayerParams = { ...defaultParams(def), ...args.params };
  if (def.role === 'input' && !args.params?.shape) {
    const shape = exampleShape(doc.dataset);
    if (shape !== null) params.shape = [...shape];
  }
  const node: GraphNode = { id: ctx.newNodeId(), type: args.type, params, position: { ...args.position } };
  let graph: Graph = { nodes: [...doc.graph.nodes, node], edges: doc.graph.edges };
  if (args.after && doc.graph.nodes.some((n) => n.id === args.after)) {
    const verdict = canConnect(graph, args.after, node.id);
    if (verdict.ok) graph = { ...graph, edges: [...graph.edges, { id: edgeId(args.after, node.id), source: args.after, target: node.id }] };
  }
  return { doc: withGraph(doc, graph), selection: { nodes: [node.id], edges: [] }, changed: true };
}

export function connect(doc: EditorDoc, args: { source: string; target: string }): CommandResult {
  const verdict = canConnect(doc.graph, args.source, args.target);
  if (!verdict.ok) return unchanged(doc, verdict.reason);
  const id = edgeId(args.source, args.target);
  if (doc.graph.edges.some((e) => e.id === id)) return unchanged(doc, tr('editor.alreadyConnected', { source: args.source, target: args.target }));
  const edge: GraphEdge = { id, source: args.source, target: args.target };
  return { doc: withGraph(doc, { nodes: doc.graph.nodes, edges: [...doc.graph.edges, edge] }), selection: EMPTY_SELECTION, changed: true };
}

export function deleteSelection(doc: EditorDoc, selection: Selection): CommandResult {
  const nodes = new Set(selection.nodes);
  const edges = new Set(selection.edges);
  const keptNodes = doc.graph.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = doc.graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === doc.graph.nodes.length && keptEdges.length === doc.graph.edges.length) return unchanged(doc);
  return { doc: withGraph(doc, { nodes: keptNodes, edges: keptEdges }), selection: EMPTY_SELECTION, changed: true };
}

/** Commits the end of a drag: one command, so one undo step, however long the drag was. */
export function moveNodes(doc: EditorDoc, positions: Record<string, { x: number; y: number }>): CommandResult {
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { doc: withGraph(doc, { nodes, edges: doc.graph.edges }), changed } : unchanged(doc);
}

export function updateParams(doc: EditorDoc, args: { nodeId: string; params: LayerParams }): CommandResult {
  const node = doc.graph.nodes.find((n) => n.id === args.nodeId);
  if (!node) return unchanged(doc, tr('editor.noNode', { id: args.nodeId }));
  const changedKeys = Object.keys(args.params).filter((k) => JSON.stringify(node.params[k]) !== JSON.stringify(args.params[k]));
  if (changedKeys.length === 0) return unchanged(doc);
  const nodes = doc.graph.nodes.map((n) => (n.id === args.nodeId ? { ...n, params: { ...n.params, ...args.params } } : n));
  return { doc: withGraph(doc, { nodes, edges: doc.graph.edges }), changed: true, mergeKey: `params:${args.nodeId}:${changedKeys.sort().join(',')}` };
}

export type TrainingPatch = Partial<Omit<TrainingSettings, 'optimizer'>> & { optimizer?: Partial<OptimizerSettings> };

export function updateTraining(doc: EditorDoc, patch: TrainingPatch): CommandResult {
  const optimizer = patch.optimizer ? { ...doc.training.optimizer, ...patch.optimizer } : doc.training.optimizer;
  const training: TrainingSettings = { ...doc.training, ...patch, optimizer } as TrainingSettings;
  if (JSON.stringify(training) === JSON.stringify(doc.training)) return unchanged(doc);
  const keys = [...Object.keys(patch).filter((k) => k !== 'optimizer'), ...Object.keys(patch.optimizer ?? {}).map((k) => `optimizer.${k}`)];
  return { doc: { ...doc, training }, changed: true, mergeKey: `training:${keys.sort().join(',')}` };
}

/**
 * Chooses another optimizer. Its Keras defaults come along unless the user typed their own value
 * for a field (the rule is `chooseOptimizer`'s, in the optimizer registry).
 */
export function selectOptimizer(doc: EditorDoc, type: OptimizerName): CommandResult {
  const optimizer = chooseOptimizer(doc.training.optimizer, type);
  if (optimizer === doc.training.optimizer) return unchanged(doc);
  return { doc: { ...doc, training: { ...doc.training, optimizer } }, changed: true };
}

/** Applies a validation problem's one-click fix (a typed action: set a loss, units, an activation…). */
export function applyProblemFix(doc: EditorDoc, action: FixAction): CommandResult {
  let next: ReturnType<typeof applyFix>;
  try {
    next = applyFix(doc.graph, doc.training, action);
  } catch (error) {
    return unchanged(doc, error instanceof Error ? error.message : String(error));
  }
  if (next.graph === doc.graph && next.settings === doc.training) return unchanged(doc);
  return { doc: { ...withGraph(doc, next.graph), training: next.settings }, changed: true };
}

export function updateDataset(doc: EditorDoc, patch: Partial<DatasetSpec>): CommandResult {
  const dataset = { ...doc.dataset, ...patch } as DatasetSpec;
  const fields = dataset as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  if (JSON.stringify(dataset) === JSON.stringify(doc.dataset)) return unchanged(doc);
  return { doc: { ...doc, dataset }, changed: true, mergeKey: `dataset:${Object.keys(patch).sort().join(',')}` };
}

/**
 * Replaces the dataset wholesale (issue 14: choosing a built-in image set, its count, labels or
 * scaling): always its own undo step, never merged with the previous edit.
 */
export function setDataset(doc: EditorDoc, dataset: DatasetSpec): CommandResult {
  if (JSON.stringify(dataset) === JSON.stringify(doc.dataset)) return unchanged(doc);
  return { doc: { ...doc, dataset }, changed: true };
}

/**
 * Applies a run outcome's remedy (src/shared/training/outcome.ts) as one undo step: a learning
 * rate or epoch count, CSV normalisation on (the transform's means and stds were learned at
 * import, so no re-import is needed), or a Dropout layer before the output layer.
 */
export function applyRemedy(doc: EditorDoc, remedy: Remedy, ctx: CommandContext): CommandResult {
  const step = (result: CommandResult): CommandResult => (result.changed ? { ...result, mergeKey: undefined } : result);
  switch (remedy.kind) {
    case 'set-learning-rate':
      return step(updateTraining(doc, { optimizer: { learningRate: remedy.learningRate } }));
    case 'set-epochs':
      return step(updateTraining(doc, { epochs: remedy.epochs }));
    case 'normalize-inputs':
      if (doc.dataset.kind !== 'csv') return unchanged(doc, tr('remedy.notCsv'));
      return step(updateDataset(doc, { normalize: true }));
    case 'add-dropout':
      return insertDropoutBeforeOutput(doc, remedy.rate, ctx);
    case 'set-split-mode':
      return step(updateTraining(doc, { splitMode: remedy.mode }));
  }
}

/**
 * Applies a data health fix (src/shared/data/health.ts) to the project as one undo step: turn
 * normalisation on (the transform learned at import already has the means and stds) or change the
 * split mode. Column roles, missing-value strategies and duplicates change the imported rows, so
 * they are refused here: the Data tab sends the user to the import dialog for those.
 */
export function applyDataFix(doc: EditorDoc, fix: DataFix): CommandResult {
  const step = (result: CommandResult): CommandResult => (result.changed ? { ...result, mergeKey: undefined } : result);
  switch (fix.kind) {
    case 'set-normalize':
      if (doc.dataset.kind !== 'csv') return unchanged(doc, tr('remedy.notCsv'));
      return step(updateDataset(doc, { normalize: true }));
    case 'set-split-mode':
      return step(updateTraining(doc, { splitMode: fix.mode }));
    default:
      return unchanged(doc, tr('health.needsReimport'));
  }
}

/** source → output becomes source → Dropout(rate) → output, for the one output layer fed by one edge. */
function insertDropoutBeforeOutput(doc: EditorDoc, rate: number, ctx: CommandContext): CommandResult {
  const { nodes, edges } = doc.graph;
  const outputs = nodes.filter((n) => !isInputType(n.type) && !edges.some((e) => e.source === n.id));
  const into = outputs.length === 1 ? edges.filter((e) => e.target === outputs[0].id) : [];
  if (into.length !== 1) return unchanged(doc, tr('remedy.noSingleOutput'));
  const output = outputs[0];
  const edge = into[0];
  const source = nodes.find((n) => n.id === edge.source)!;
  const def = getLayer('Dropout')!;
  const dropout: GraphNode = {
    id: ctx.newNodeId(),
    type: 'Dropout',
    params: { ...defaultParams(def), rate },
    position: { x: (source.position.x + output.position.x) / 2, y: (source.position.y + output.position.y) / 2 + 90 },
  };
  const kept = edges.filter((e) => e.id !== edge.id);
  const graph: Graph = {
    nodes: [...nodes, dropout],
    edges: [...kept, { id: edgeId(source.id, dropout.id), source: source.id, target: dropout.id }, { id: edgeId(dropout.id, output.id), source: dropout.id, target: output.id }],
  };
  return { doc: withGraph(doc, graph), selection: { nodes: [dropout.id], edges: [] }, changed: true };
}

export function rename(doc: EditorDoc, name: string): CommandResult {
  return name === doc.name ? unchanged(doc) : { doc: { ...doc, name }, changed: true, mergeKey: 'name' };
}

export function loadProject(_doc: EditorDoc, project: Project): CommandResult {
  return { doc: docFromProject(project), selection: EMPTY_SELECTION, changed: true };
}

/** What copy puts on the clipboard: the selected nodes and the edges between them. */
export interface Fragment {
  kind: 'neurite-fragment';
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function copySelection(doc: EditorDoc, selection: Selection): Fragment | null {
  const ids = new Set(selection.nodes);
  const nodes = doc.graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { kind: 'neurite-fragment', nodes: structuredClone(nodes), edges: structuredClone(edges) };
}

/** Pastes a fragment with fresh ids, shifted by `offset`, and selects it. */
export function paste(doc: EditorDoc, fragment: Fragment, offset: { x: number; y: number }, ctx: CommandContext): CommandResult {
  if (fragment.nodes.length === 0) return unchanged(doc);
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = ctx.newNodeId();
    idMap.set(n.id, id);
    return { id, type: n.type, params: structuredClone(n.params), position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges: GraphEdge[] = [];
  for (const e of fragment.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (source && target) edges.push({ id: edgeId(source, target), source, target });
  }
  return {
    doc: withGraph(doc, { nodes: [...doc.graph.nodes, ...nodes], edges: [...doc.graph.edges, ...edges] }),
    selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) },
    changed: true,
  };
}

export function autoLayout(doc: EditorDoc, sizes: Record<string, NodeSize> = {}): CommandResult {
  if (doc.graph.nodes.length === 0) return unchanged(doc);
  return moveNodes(doc, layoutLeftToRight(doc.graph, sizes));
}

// ---- issue 15: runs
/**
 * Restores (or branches from) a remembered run: its graph and training settings, and its dataset
 * spec when given (the caller passes it only when the run's data is available), as ONE undo step.
 * The results (`trained`, `runs`…) are untouched: the run's weights are put in place by the caller.
 * Unchanged (no undo step) when the document already is the run's setup.
 */
export function restoreRun(doc: EditorDoc, run: { graph: Graph; training: TrainingSettings; dataset?: DatasetSpec }): CommandResult {
  const graph = structuredClone(run.graph);
  const training = structuredClone(run.training);
  const dataset = run.dataset ? structuredClone(run.dataset) : doc.dataset;
  if (JSON.stringify([graph, training, dataset]) === JSON.stringify([doc.graph, doc.training, doc.dataset])) return unchanged(doc);
  return { doc: { ...doc, graph, training, dataset }, selection: EMPTY_SELECTION, changed: true };
}
// ---- end issue 15: runs
