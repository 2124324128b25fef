import { describe, expect, it } from 'vitest';
import { canConnect } from '../../../shared/graph/validate';
import { translator } from '../../../shared/i18n/translate';
import * as commands from '../store/commands';
import { emptyDoc, type EditorDoc } from '../store/document';
import { createEditorStore } from '../store/editor';
import { connectChoices, disconnectChoices, nodeAccessibleName } from './connectChoices';
import { problemText } from './problemText';

const en = translator('en');
const zh = translator('zh-CN');

/** Input n1 → Dense n2 → Dense n3, plus an unconnected Dense n4 and an Add n5. */
function chain(): EditorDoc {
  const doc = emptyDoc();
  const node = (id: string, type: string) => ({ id, type, params: {}, position: { x: 0, y: 0 } });
  return {
    ...doc,
    graph: {
      nodes: [node('n1', 'Input'), node('n2', 'Dense'), node('n3', 'Dense'), node('n4', 'Dense'), node('n5', 'Add')],
      edges: [
        { id: commands.edgeId('n1', 'n2'), source: 'n1', target: 'n2' },
        { id: commands.edgeId('n2', 'n3'), source: 'n2', target: 'n3' },
      ],
    },
  };
}

describe('the keyboard connection pickers (issue 17)', () => {
  it('offer exactly the connections the connect command accepts, and give the refused ones the reason drag and drop gives', () => {
    const doc = chain();
    for (const source of doc.graph.nodes.map((n) => n.id)) {
      const choices = connectChoices(doc.graph, source, en);
      expect(choices.map((c) => c.id).sort()).toEqual(doc.graph.nodes.map((n) => n.id).filter((id) => id !== source).sort());
      // Offered first, refused after.
      const firstRefused = choices.findIndex((c) => c.refused);
      if (firstRefused >= 0) expect(choices.slice(firstRefused).every((c) => c.refused)).toBe(true);
      for (const choice of choices) {
        const result = commands.connect(doc, { source, target: choice.id });
        expect(result.changed, `${source} → ${choice.id}`).toBe(!choice.refused);
        if (choice.refused) {
          const verdict = canConnect(doc.graph, source, choice.id);
          expect(verdict.ok).toBe(false);
          if (!verdict.ok) expect(choice.refused).toBe(problemText({ message: verdict.reason, messageId: verdict.messageId, params: verdict.params }, en));
        }
      }
    }
    const fromN3 = connectChoices(doc.graph, 'n3', en);
    expect(fromN3.map((c) => c.id)).toEqual(['n4', 'n5', 'n1', 'n2']);
    expect(fromN3.find((c) => c.id === 'n1')?.refused).toMatch(/Input/);
    expect(fromN3.find((c) => c.id === 'n2')?.refused).toMatch(/already has/);
  });

  it('name layers and connections in the UI language', () => {
    const doc = chain();
    expect(nodeAccessibleName(doc.graph, 'n2', en)).toBe('Dense n2');
    expect(nodeAccessibleName(doc.graph, 'n2', zh)).not.toBe('Dense n2');
    expect(nodeAccessibleName(doc.graph, 'gone', en)).toBe('gone');
    expect(disconnectChoices(doc.graph, 'n2', en)).toEqual([
      { id: commands.edgeId('n1', 'n2'), label: 'Input n1 → Dense n2' },
      { id: commands.edgeId('n2', 'n3'), label: 'Dense n2 → Dense n3' },
    ]);
    expect(disconnectChoices(doc.graph, 'n4', en)).toEqual([]);
  });

  it('disconnect removes one connection as one undo step and keeps the layer selected', () => {
    const store = createEditorStore(chain());
    store.getState().setSelection({ nodes: ['n2'], edges: [] });
    const result = store.getState().disconnect(commands.edgeId('n2', 'n3'));
    expect(result.changed).toBe(true);
    expect(store.getState().doc.graph.edges.map((e) => e.id)).toEqual([commands.edgeId('n1', 'n2')]);
    expect(store.getState().selection).toEqual({ nodes: ['n2'], edges: [] });
    expect(store.getState().disconnect('no-such-edge').changed).toBe(false);
    store.getState().undo();
    expect(store.getState().doc.graph.edges).toHaveLength(2);
  });
});
