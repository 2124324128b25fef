import type { EditorDoc } from './document';

/** Undo and redo stacks of whole documents; documents are immutable, so entries share structure. */
export interface History {
  past: EditorDoc[];
  future: EditorDoc[];
  /** The merge key of the newest step, so typing in one field stays one step. */
  lastMergeKey: string | null;
}

export const HISTORY_LIMIT = 300;
export const emptyHistory = (): History => ({ past: [], future: [], lastMergeKey: null });

/** Records that `before` was replaced by a new document. */
export function record(history: History, before: EditorDoc, mergeKey?: string): History {
  if (mergeKey && mergeKey === history.lastMergeKey && history.past.length > 0) {
    return { past: history.past, future: [], lastMergeKey: mergeKey };
  }
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1) : history.past.slice();
  past.push(before);
  return { past, future: [], lastMergeKey: mergeKey ?? null };
}

export function undo(history: History, current: EditorDoc): { history: History; doc: EditorDoc } | null {
  if (history.past.length === 0) return null;
  const doc = history.past[history.past.length - 1];
  return { doc, history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastMergeKey: null } };
}

export function redo(history: History, current: EditorDoc): { history: History; doc: EditorDoc } | null {
  if (history.future.length === 0) return null;
  const [doc, ...future] = history.future;
  return { doc, history: { past: [...history.past, current], future, lastMergeKey: null } };
}
