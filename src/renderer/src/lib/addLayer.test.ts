import { describe, expect, it } from 'vitest';
import { addLayer } from './addLayer';
import { useEditor } from '../store/editor';

/** Issue 17: the palette's Enter/double-click and drag and drop add a layer through one function, `addLayer`. */
describe('addLayer', () => {
  it('after the selected layer: placed to its right, connected, selected, one undo step', () => {
    const store = useEditor;
    addLayer('Input', { x: 100, y: 100 });
    const input = store.getState().doc.graph.nodes[0];
    expect(input.position).toEqual({ x: 15, y: 70 });
    expect(store.getState().selection.nodes).toEqual([input.id]);
    addLayer('Dense');
    const { nodes, edges } = store.getState().doc.graph;
    expect(nodes).toHaveLength(2);
    expect(nodes[1].type).toBe('Dense');
    expect(nodes[1].position.y).toBe(input.position.y);
    expect(nodes[1].position.x).toBeGreaterThan(input.position.x);
    expect(edges.map((e) => [e.source, e.target])).toEqual([[input.id, nodes[1].id]]);
    expect(store.getState().selection.nodes).toEqual([nodes[1].id]);
    store.getState().undo();
    expect(store.getState().doc.graph.nodes).toHaveLength(1);
    expect(store.getState().doc.graph.edges).toHaveLength(0);
  });

  it('dropped, and added from the palette, the same layer gets the same parameters', () => {
    const store = useEditor;
    store.getState().setSelection({ nodes: [], edges: [] });
    addLayer('Dense', { x: 0, y: 0 });
    const dropped = store.getState().doc.graph.nodes.at(-1)!;
    addLayer('Dense');
    const added = store.getState().doc.graph.nodes.at(-1)!;
    expect(added.params).toEqual(dropped.params);
  });
});
