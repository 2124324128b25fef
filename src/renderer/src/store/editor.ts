import { create } from 'zustand';
import type { OptimizerName } from '../../../shared/project/schema';
import type { WireProject as Project, WireTrained } from '../../../shared/project/wire';
import type { Remedy } from '../../../shared/training/outcome';
import type { FixAction } from '../../../shared/graph/fixes';
import type { DataFix } from '../../../shared/data/health';
import * as commands from './commands';
import { EMPTY_SELECTION, type CommandContext, type CommandResult, type Fragment, type Selection } from './commands';
import { emptyDoc, RESULT_KEYS, type DocResults, type EditorDoc } from './document';
import { emptyHistory, record, redo, undo, type History } from './history';
import type { NodeSize } from '../lib/layout';
import { rememberRecent } from '../lib/recent';
import { tr } from '../i18n';

/**
 * The editor's one store: the document, its undo/redo history, the selection and the transient
 * state of gestures in progress. Only `perform` changes the document, so every edit is undoable.
 */
export interface EditorState {
  doc: EditorDoc;
  history: History;
  selection: Selection;
  /** Next node number; only grows, so an id is never handed out twice in a session. */
  idCounter: number;
  /** Positions of nodes being dragged; committed as one moveNodes command on drag stop. */
  dragging: Record<string, { x: number; y: number }>;
  /** Rendered node sizes reported by React Flow (for auto-layout). */
  sizes: Record<string, NodeSize>;
  clipboard: Fragment | null;
  /** How many times the current clipboard was pasted, to offset each paste a little more. */
  pasteCount: number;

  perform(run: (doc: EditorDoc, ctx: CommandContext) => CommandResult): CommandResult;
  undo(): void;
  redo(): void;
  /** Puts a run's result into the document (or removes it): no undo step, but unsaved work. */
  setTrained(trained: WireTrained | null): void;
  /**
   * Issue 15: changes the run history, the runs' "best by" or the sweeps (results, like
   * `trained`: no undo step, but unsaved work). `update` gets the current values and returns the
   * ones to change (an absent key keeps its value, `undefined` removes it).
   */
  updateResults(update: (current: DocResults) => Partial<DocResults>): void;
  setSelection(selection: Selection): void;
  selectAll(): void;
  setDragging(positions: Record<string, { x: number; y: number }> | null): void;
  setSizes(sizes: Record<string, NodeSize>): void;

  addNode(args: commands.AddNodeArgs): CommandResult;
  connect(source: string, target: string): CommandResult;
  /** Issue 17: removes one connection (the keyboard's "Disconnect…"); one undo step. */
  disconnect(edgeId: string): CommandResult;
  deleteSelection(): CommandResult;
  moveNodes(positions: Record<string, { x: number; y: number }>): CommandResult;
  updateParams(nodeId: string, params: Record<string, unknown>): CommandResult;
  updateTraining(patch: commands.TrainingPatch): CommandResult;
  /** Sets the learning rate as its own undo step (the learning-rate finder's "Use"). */
  applyLearningRate(learningRate: number): CommandResult;
  /** Switches optimizer, bringing its Keras defaults for the fields the user has not typed. */
  chooseOptimizer(type: OptimizerName): CommandResult;
  updateDataset(patch: Parameters<typeof commands.updateDataset>[1]): CommandResult;
  /** Replaces the dataset wholesale, as one undo step of its own (issue 14). */
  setDataset(dataset: Parameters<typeof commands.setDataset>[1]): CommandResult;
  /** Applies a validation problem's one-click fix. */
  applyFix(action: FixAction): CommandResult;
  /** Applies a run outcome's remedy (one undo step). */
  applyRemedy(remedy: Remedy): CommandResult;
  /** Applies a data health fix that edits settings only (one undo step); re-import fixes are refused. */
  applyDataFix(fix: DataFix): CommandResult;
  rename(name: string): CommandResult;
  loadProject(project: Project): CommandResult;
  copy(): Fragment | null;
  paste(fragment?: Fragment | null): CommandResult;
  duplicate(): CommandResult;
  autoLayout(): CommandResult;
}

const CLIPBOARD_KEY = 'neurite.clipboard';

function highestNodeNumber(doc: EditorDoc): number {
  let max = 0;
  for (const node of doc.graph.nodes) {
    const match = /^n(\d+)$/.exec(node.id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max;
}

function readSharedClipboard(): Fragment | null {
  try {
    const text = globalThis.localStorage?.getItem(CLIPBOARD_KEY);
    if (!text) return null;
    const parsed = JSON.parse(text) as Fragment;
    return parsed?.kind === 'neurite-fragment' && Array.isArray(parsed.nodes) && Array.isArray(parsed.edges) ? parsed : null;
  } catch {
    return null;
  }
}

export const createEditorStore = (initial: EditorDoc = emptyDoc()) =>
  create<EditorState>()((set, get) => ({
    doc: initial,
    history: emptyHistory(),
    selection: EMPTY_SELECTION,
    idCounter: highestNodeNumber(initial) + 1,
    dragging: {},
    sizes: {},
    clipboard: null,
    pasteCount: 0,

    perform(run) {
      const state = get();
      let counter = state.idCounter;
      const result = run(state.doc, { newNodeId: () => `n${counter++}` });
      const idCounter = Math.max(counter, highestNodeNumber(result.doc) + 1);
      if (!result.changed) {
        set({ idCounter, ...(result.selection ? { selection: result.selection } : {}) });
        return result;
      }
      set({
        doc: result.doc,
        history: record(state.history, state.doc, result.mergeKey),
        idCounter,
        selection: result.selection ?? pruneSelection(state.selection, result.doc),
      });
      return result;
    },
    undo() {
      const state = get();
      const step = undo(state.history, state.doc);
      if (!step) return;
      const doc = withResults(step.doc, state.doc);
      set({ doc, history: step.history, selection: pruneSelection(state.selection, doc), dragging: {} });
    },
    redo() {
      const state = get();
      const step = redo(state.history, state.doc);
      if (!step) return;
      const doc = withResults(step.doc, state.doc);
      set({ doc, history: step.history, selection: pruneSelection(state.selection, doc), dragging: {} });
    },
    updateResults(update) {
      const doc = get().doc;
      const patch = update({ trained: doc.trained, runs: doc.runs, runsBestBy: doc.runsBestBy, sweeps: doc.sweeps });
      const keys = Object.keys(patch) as (keyof DocResults)[];
      if (keys.every((k) => patch[k] === doc[k])) return;
      const next: EditorDoc = { ...doc };
      for (const k of keys) {
        if (patch[k] === undefined) delete next[k];
        else (next as unknown as Record<string, unknown>)[k] = patch[k];
      }
      set({ doc: next });
    },
    setTrained(trained) {
      const doc = get().doc;
      if ((doc.trained ?? null) === trained) return;
      set({ doc: withTrained(doc, trained ?? undefined) });
    },
    setSelection(selection) {
      const current = get().selection;
      if (sameIds(current.nodes, selection.nodes) && sameIds(current.edges, selection.edges)) return;
      set({ selection });
    },
    selectAll() {
      const { graph } = get().doc;
      set({ selection: { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id) } });
    },
    setDragging(positions) {
      set({ dragging: positions ?? {} });
    },
    setSizes(sizes) {
      set({ sizes: { ...get().sizes, ...sizes } });
    },

    addNode: (args) => get().perform((doc, ctx) => commands.addNode(doc, args, ctx)),
    connect: (source, target) => get().perform((doc) => commands.connect(doc, { source, target })),
    disconnect: (edgeId) =>
      get().perform((doc) => {
        // The layer stays selected, so the next "Disconnect…" or "Connect to…" starts from it again.
        const result = commands.deleteSelection(doc, { nodes: [], edges: [edgeId] });
        return result.changed ? { ...result, selection: { nodes: get().selection.nodes, edges: [] } } : result;
      }),
    deleteSelection: () => get().perform((doc) => commands.deleteSelection(doc, get().selection)),
    moveNodes: (positions) => get().perform((doc) => commands.moveNodes(doc, positions)),
    updateParams: (nodeId, params) => get().perform((doc) => commands.updateParams(doc, { nodeId, params })),
    updateTraining: (patch) => get().perform((doc) => commands.updateTraining(doc, patch)),
    applyLearningRate: (learningRate) => get().perform((doc) => commands.applyLearningRate(doc, learningRate)),
    chooseOptimizer: (type) => get().perform((doc) => commands.selectOptimizer(doc, type)),
    updateDataset: (patch) => get().perform((doc) => commands.updateDataset(doc, patch)),
    setDataset: (dataset) => get().perform((doc) => commands.setDataset(doc, dataset)),
    applyFix: (action) => get().perform((doc) => commands.applyProblemFix(doc, action)),
    applyRemedy: (remedy) => get().perform((doc, ctx) => commands.applyRemedy(doc, remedy, ctx)),
    applyDataFix: (fix) => get().perform((doc) => commands.applyDataFix(doc, fix)),
    rename: (name) => get().perform((doc) => commands.rename(doc, name)),
    loadProject(project) {
      rememberRecent(project);
      return get().perform((doc) => commands.loadProject(doc, project));
    },
    copy() {
      const fragment = commands.copySelection(get().doc, get().selection);
      if (!fragment) return null;
      set({ clipboard: fragment, pasteCount: 0 });
      try {
        globalThis.localStorage?.setItem(CLIPBOARD_KEY, JSON.stringify(fragment));
      } catch {
        // Storage full or disabled: the in-memory clipboard still works within this window.
      }
      return fragment;
    },
    paste(fragment) {
      const source = fragment ?? readSharedClipboard() ?? get().clipboard;
      if (!source) return { doc: get().doc, changed: false, refused: tr('editor.nothingToPaste') };
      const count = get().pasteCount + 1;
      set({ pasteCount: count });
      return get().perform((doc, ctx) => commands.paste(doc, source, { x: 40 * count, y: 40 * count }, ctx));
    },
    duplicate() {
      const fragment = commands.copySelection(get().doc, get().selection);
      if (!fragment) return { doc: get().doc, changed: false };
      return get().perform((doc, ctx) => commands.paste(doc, fragment, { x: 40, y: 40 }, ctx));
    },
    autoLayout: () => get().perform((doc) => commands.autoLayout(doc, get().sizes)),
  }));

/** `doc` (an undo/redo step) with the results of `current` (see `RESULT_KEYS`); the same object when they are already its own. */
function withResults(doc: EditorDoc, current: EditorDoc): EditorDoc {
  if (RESULT_KEYS.every((k) => doc[k] === current[k])) return doc;
  const next: EditorDoc = { ...doc };
  for (const k of RESULT_KEYS) {
    if (current[k] === undefined) delete next[k];
    else (next as unknown as Record<string, unknown>)[k] = current[k];
  }
  return next;
}

/** The document with the given run result; the same object when it already has it. */
function withTrained(doc: EditorDoc, trained: WireTrained | undefined): EditorDoc {
  if (doc.trained === trained) return doc;
  if (trained) return { ...doc, trained };
  const { trained: _dropped, ...rest } = doc;
  return rest;
}

function sameIds(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

function pruneSelection(selection: Selection, doc: EditorDoc): Selection {
  if (selection.nodes.length === 0 && selection.edges.length === 0) return selection;
  const nodes = new Set(doc.graph.nodes.map((n) => n.id));
  const edges = new Set(doc.graph.edges.map((e) => e.id));
  const next = { nodes: selection.nodes.filter((id) => nodes.has(id)), edges: selection.edges.filter((id) => edges.has(id)) };
  return next.nodes.length === selection.nodes.length && next.edges.length === selection.edges.length ? selection : next;
}

export const useEditor = createEditorStore(emptyDoc(tr('files.untitled')));
