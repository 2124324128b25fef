import { useEditor } from '../store/editor';
import { revealAfterAdd, viewport } from './viewport';

/**
 * Issue 17: adds a layer — the one way the palette (Enter, double-click) and drag and drop add
 * one, through the `addNode` command (one undo step). Dropped at `at` (flow coordinates) it goes
 * there unconnected; otherwise it goes to the right of the last selected layer and is connected
 * after it (when the graph allows), or near the canvas' centre when nothing is selected.
 */
export function addLayer(type: string, at?: { x: number; y: number }): void {
  const state = useEditor.getState();
  if (at) {
    // Centre the node on the cursor rather than hanging it from its corner.
    state.addNode({ type, position: { x: Math.round(at.x - 85), y: Math.round(at.y - 30) } });
    return;
  }
  const afterId = state.selection.nodes[state.selection.nodes.length - 1];
  const after = state.doc.graph.nodes.find((n) => n.id === afterId);
  if (after) {
    const width = state.sizes[after.id]?.width ?? 180;
    const position = { x: after.position.x + width + 60, y: after.position.y };
    state.addNode({ type, position, after: after.id });
    revealAfterAdd({ ...position, width, height: state.sizes[after.id]?.height ?? 80 });
    return;
  }
  const rect = globalThis.document?.querySelector('.canvas')?.getBoundingClientRect();
  const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
  const p = viewport.toFlow(centre) ?? centre;
  const count = state.doc.graph.nodes.length;
  state.addNode({ type, position: { x: Math.round(p.x - 85 + count * 12), y: Math.round(p.y - 30 + count * 12) } });
}
