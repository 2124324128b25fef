import { describe, expect, it } from 'vitest';
import type { WireProject as Project } from '../../../shared/project/wire';
import * as commands from './commands';
import { emptyDoc, projectFromDoc, type EditorDoc } from './document';
import { createEditorStore } from './editor';
import { builtinImagesSpec } from '../../../shared/data/images';

function counter(start = 1): commands.CommandContext {
  let n = start;
  return { newNodeId: () => `n${n++}` };
}

function chain(): { doc: EditorDoc; ids: string[] } {
  const ctx = counter();
  let doc = emptyDoc();
  const ids: string[] = [];
  for (const [i, type] of ['Input', 'Dense', 'Activation'].entries()) {
    const r = commands.addNode(doc, { type, position: { x: i * 200, y: 0 } }, ctx);
    doc = r.doc;
    ids.push(r.selection!.nodes[0]);
  }
  doc = commands.connect(doc, { source: ids[0], target: ids[1] }).doc;
  doc = commands.connect(doc, { source: ids[1], target: ids[2] }).doc;
  return { doc, ids };
}

describe('commands', () => {
  it('addNode gives registry defaults, a counter id, and an Input shaped like the dataset', () => {
    const r = commands.addNode(emptyDoc(), { type: 'Input', position: { x: 10, y: 20 } }, counter(7));
    expect(r.changed).toBe(true);
    expect(r.doc.graph.nodes).toEqual([{ id: 'n7', type: 'Input', params: { shape: [1] }, position: { x: 10, y: 20 } }]);
    expect(r.selection).toEqual({ nodes: ['n7'], edges: [] });

    const twoD = { ...emptyDoc(), dataset: { kind: 'generator' as const, generator: 'circles' as const, seed: 1 } };
    expect(commands.addNode(twoD, { type: 'Input', position: { x: 0, y: 0 } }, counter()).doc.graph.nodes[0].params.shape).toEqual([2]);
    // Issue 14: on image data a new Input takes the image's [height, width, channels].
    const digits = { ...emptyDoc(), dataset: builtinImagesSpec('digits') };
    expect(commands.addNode(digits, { type: 'Input', position: { x: 0, y: 0 } }, counter()).doc.graph.nodes[0].params.shape).toEqual([8, 8, 1]);

    const dense = commands.addNode(emptyDoc(), { type: 'Dense', position: { x: 0, y: 0 } }, counter()).doc.graph.nodes[0];
    expect(dense.params.units).toBeTypeOf('number');
    expect(dense.params.activation).toBeTypeOf('string');
  });

  it('addNode refuses an unknown type and leaves the document alone', () => {
    const doc = emptyDoc();
    const r = commands.addNode(doc, { type: 'Conv9D', position: { x: 0, y: 0 } }, counter());
    expect(r.changed).toBe(false);
    expect(r.doc).toBe(doc);
    expect(r.refused).toContain('Conv9D');
  });

  it('addNode with `after` connects the new node after the given one', () => {
    const ctx = counter();
    const input = commands.addNode(emptyDoc(), { type: 'Input', position: { x: 0, y: 0 } }, ctx);
    const dense = commands.addNode(input.doc, { type: 'Dense', position: { x: 200, y: 0 }, after: 'n1' }, ctx);
    expect(dense.doc.graph.edges).toEqual([{ id: 'e-n1-n2', source: 'n1', target: 'n2' }]);
  });

  it('connect adds an edge, and refuses with a reason what canConnect refuses', () => {
    const { doc, ids } = chain();
    expect(doc.graph.edges.map((e) => [e.source, e.target])).toEqual([
      [ids[0], ids[1]],
      [ids[1], ids[2]],
    ]);
    const intoInput = commands.connect(doc, { source: ids[2], target: ids[0] });
    expect(intoInput.changed).toBe(false);
    expect(intoInput.refused).toBeTruthy();
    const cycle = commands.connect(doc, { source: ids[2], target: ids[1] });
    expect(cycle.changed).toBe(false);
    expect(cycle.refused).toBeTruthy();
    const self = commands.connect(doc, { source: ids[1], target: ids[1] });
    expect(self.changed).toBe(false);
  });

  it('deleteSelection removes nodes with their edges, and selected edges alone', () => {
    const { doc, ids } = chain();
    const noDense = commands.deleteSelection(doc, { nodes: [ids[1]], edges: [] }).doc;
    expect(noDense.graph.nodes.map((n) => n.id)).toEqual([ids[0], ids[2]]);
    expect(noDense.graph.edges).toEqual([]);
    const noEdge = commands.deleteSelection(doc, { nodes: [], edges: [doc.graph.edges[0].id] }).doc;
    expect(noEdge.graph.nodes).toHaveLength(3);
    expect(noEdge.graph.edges).toHaveLength(1);
    expect(commands.deleteSelection(doc, { nodes: [], edges: [] }).changed).toBe(false);
  });

  it('moveNodes changes only the moved nodes and reports no change for a click without movement', () => {
    const { doc, ids } = chain();
    const moved = commands.moveNodes(doc, { [ids[1]]: { x: 5, y: 6 } });
    expect(moved.doc.graph.nodes[1].position).toEqual({ x: 5, y: 6 });
    expect(moved.doc.graph.nodes[0]).toBe(doc.graph.nodes[0]);
    expect(commands.moveNodes(doc, { [ids[1]]: { ...doc.graph.nodes[1].position } }).changed).toBe(false);
  });

  it('updateParams merges params and keys the undo merge on node and field', () => {
    const { doc, ids } = chain();
    const r = commands.updateParams(doc, { nodeId: ids[1], params: { units: 5 } });
    expect(r.doc.graph.nodes[1].params.units).toBe(5);
    expect(r.doc.graph.nodes[1].params.activation).toBe(doc.graph.nodes[1].params.activation);
    expect(r.mergeKey).toBe(`params:${ids[1]}:units`);
    expect(commands.updateParams(r.doc, { nodeId: ids[1], params: { units: 5 } }).changed).toBe(false);
    expect(commands.updateParams(doc, { nodeId: 'nope', params: { units: 5 } }).refused).toContain('nope');
  });

  it('updateTraining patches nested optimizer settings', () => {
    const doc = emptyDoc();
    const r = commands.updateTraining(doc, { epochs: 7, optimizer: { type: 'adam' } });
    expect(r.doc.training.epochs).toBe(7);
    expect(r.doc.training.optimizer).toEqual({ ...doc.training.optimizer, type: 'adam' });
    expect(doc.training.epochs).not.toBe(7);
  });

  it('paste copies nodes and their inner edges with fresh ids, offset, selected', () => {
    const { doc, ids } = chain();
    const fragment = commands.copySelection(doc, { nodes: [ids[0], ids[1]], edges: [] })!;
    expect(fragment.nodes).toHaveLength(2);
    expect(fragment.edges).toHaveLength(1);
    const r = commands.paste(doc, fragment, { x: 40, y: 40 }, counter(10));
    expect(r.doc.graph.nodes.map((n) => n.id)).toEqual([...ids, 'n10', 'n11']);
    expect(r.doc.graph.edges.at(-1)).toEqual({ id: 'e-n10-n11', source: 'n10', target: 'n11' });
    expect(r.doc.graph.nodes[3].position).toEqual({ x: doc.graph.nodes[0].position.x + 40, y: doc.graph.nodes[0].position.y + 40 });
    expect(r.selection).toEqual({ nodes: ['n10', 'n11'], edges: ['e-n10-n11'] });
    // The pasted params are copies, not shared objects.
    expect(r.doc.graph.nodes[3].params).not.toBe(doc.graph.nodes[0].params);
  });

  it('autoLayout places a chain left to right', () => {
    const { doc, ids } = chain();
    const scrambled = commands.moveNodes(doc, { [ids[0]]: { x: 900, y: 300 }, [ids[2]]: { x: -500, y: 40 } }).doc;
    const laid = commands.autoLayout(scrambled).doc;
    const xs = ids.map((id) => laid.graph.nodes.find((n) => n.id === id)!.position.x);
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
  });
});

describe('editor store: undo and redo', () => {
  it('undoes and redoes add, connect, delete and a parameter edit, one step each', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().addNode({ type: 'Input', position: { x: 0, y: 0 } });
    s().addNode({ type: 'Dense', position: { x: 200, y: 0 } });
    s().connect('n1', 'n2');
    s().updateParams('n2', { units: 3 });
    s().setSelection({ nodes: ['n1'], edges: [] });
    s().deleteSelection();
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n2']);
    expect(s().history.past).toHaveLength(5);

    s().undo();
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(s().doc.graph.edges).toHaveLength(1);
    s().undo();
    expect(s().doc.graph.nodes[1].params.units).not.toBe(3);
    s().undo();
    expect(s().doc.graph.edges).toHaveLength(0);
    s().undo();
    s().undo();
    expect(s().doc.graph.nodes).toHaveLength(0);
    s().undo(); // nothing left: no-op
    expect(s().doc.graph.nodes).toHaveLength(0);

    for (let i = 0; i < 5; i++) s().redo();
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n2']);
    expect(s().doc.graph.nodes[0].params.units).toBe(3);
  });

  it('typing in one field is one undo step; a new edit clears redo', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    s().updateParams('n1', { units: 1 });
    s().updateParams('n1', { units: 12 });
    s().updateParams('n1', { units: 128 });
    expect(s().history.past).toHaveLength(2);
    s().undo();
    expect(s().doc.graph.nodes[0].params.units).not.toBe(128);
    expect(s().history.future).toHaveLength(1);
    s().updateTraining({ epochs: 3 });
    expect(s().history.future).toHaveLength(0);
  });

  it('a drag is one step: live positions stay out of the document until the drop', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    for (let x = 1; x <= 100; x++) s().setDragging({ n1: { x, y: x } });
    expect(s().doc.graph.nodes[0].position).toEqual({ x: 0, y: 0 });
    s().moveNodes(s().dragging);
    s().setDragging(null);
    expect(s().doc.graph.nodes[0].position).toEqual({ x: 100, y: 100 });
    expect(s().history.past).toHaveLength(2);
    s().undo();
    expect(s().doc.graph.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('never reuses a node id, even after undo, and continues after loaded ids', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    s().undo();
    s().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    expect(s().doc.graph.nodes[0].id).toBe('n2');

    const project: Project = projectFromDoc(
      { ...emptyDoc(), graph: { nodes: [{ id: 'n41', type: 'Input', params: { shape: [1] }, position: { x: 0, y: 0 } }], edges: [] } },
      'test',
    );
    s().loadProject(project);
    s().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n41', 'n42']);
    s().undo();
    s().undo();
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n2']);
  });

  it('copy, paste and duplicate select the new nodes, each paste one step', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().addNode({ type: 'Input', position: { x: 0, y: 0 } });
    s().addNode({ type: 'Dense', position: { x: 200, y: 0 }, after: 'n1' });
    s().selectAll();
    expect(s().copy()?.nodes).toHaveLength(2);
    s().paste();
    expect(s().doc.graph.nodes).toHaveLength(4);
    expect(s().doc.graph.edges).toHaveLength(2);
    expect(s().selection.nodes).toEqual(['n3', 'n4']);
    s().duplicate();
    expect(s().doc.graph.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    s().undo();
    s().undo();
    expect(s().doc.graph.nodes).toHaveLength(2);
  });

  it('a pasted fragment from another project lands in this one', () => {
    const a = createEditorStore();
    const b = createEditorStore();
    a.getState().addNode({ type: 'Dense', position: { x: 0, y: 0 } });
    a.getState().selectAll();
    const fragment = a.getState().copy();
    b.getState().addNode({ type: 'Input', position: { x: 0, y: 0 } });
    b.getState().paste(fragment);
    expect(b.getState().doc.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Dense']);
  });

  it('applies a validation fix as one undoable step', async () => {
    const { validateGraph } = await import('../../../shared/graph/validate');
    const { previewDataset } = await import('../data/datasetInfo');
    const { doc, ids } = chain();
    // Input(1) → Dense(8) → Activation(relu) on the one-target regression data: the output has 8 units.
    const data = previewDataset(doc.dataset);
    if (data instanceof Error) throw data;
    const problem = validateGraph(doc.graph, { data, training: doc.training }).find((p) => p.fix?.action.kind === 'set-units');
    expect(problem?.fix?.id).toBe(`set-units:${ids[1]}:1`);
    const fixed = commands.applyProblemFix(doc, problem!.fix!.action);
    expect(fixed.changed).toBe(true);
    expect(fixed.doc.graph.nodes.find((n) => n.id === ids[1])?.params.units).toBe(1);
    // A fix whose layer has gone (deleted since validation) is refused with the layer named.
    expect(commands.applyProblemFix(doc, { kind: 'set-units', nodeId: 'gone', units: 2 })).toMatchObject({ changed: false, refused: expect.stringContaining('"gone"') });

    const store = createEditorStore();
    store.getState().loadProject(projectFromDoc(doc, '0.0.0'));
    store.getState().applyFix(problem!.fix!.action);
    expect(store.getState().doc.graph.nodes.find((n) => n.id === ids[1])?.params.units).toBe(1);
    store.getState().undo();
    expect(store.getState().doc.graph.nodes.find((n) => n.id === ids[1])?.params.units).toBe(doc.graph.nodes.find((n) => n.id === ids[1])?.params.units);
  });
});

describe('training settings (issue 9: Keras defaults, invalid values kept)', () => {
  it('a new project starts as Keras compile() does: RMSprop at 0.001', () => {
    expect(emptyDoc().training.optimizer).toEqual({ type: 'rmsprop', learningRate: 0.001 });
  });

  it('choosing an optimizer brings its Keras default learning rate, as one undoable step', () => {
    const store = createEditorStore();
    store.getState().chooseOptimizer('sgd');
    expect(store.getState().doc.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.01 });
    store.getState().chooseOptimizer('rmsprop');
    expect(store.getState().doc.training.optimizer).toEqual({ type: 'rmsprop', learningRate: 0.001 });
    store.getState().chooseOptimizer('adamax');
    expect(store.getState().doc.training.optimizer).toEqual({ type: 'adamax', learningRate: 0.001 });
    store.getState().undo();
    expect(store.getState().doc.training.optimizer.type).toBe('rmsprop');
  });

  it('keeps a learning rate the user typed when the optimizer changes', () => {
    const store = createEditorStore();
    store.getState().updateTraining({ optimizer: { learningRate: 0.05 } });
    store.getState().chooseOptimizer('adam');
    expect(store.getState().doc.training.optimizer).toEqual({ type: 'adam', learningRate: 0.05 });
  });

  it('opens a project with the optimizer it saved, even the old SGD 0.1 start (no silent change)', () => {
    const store = createEditorStore();
    const saved = projectFromDoc({ ...emptyDoc(), training: { ...emptyDoc().training, optimizer: { type: 'sgd', learningRate: 0.1 } } }, '0.1.0');
    store.getState().loadProject(saved as Project);
    expect(store.getState().doc.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.1 });
  });

  it('keeps an invalid value in the document, so Train sees it and refuses', () => {
    const store = createEditorStore();
    store.getState().updateTraining({ batchSize: 0 });
    expect(store.getState().doc.training.batchSize).toBe(0);
  });
});

// Issue 14 (seeing it): choosing an image set and its settings are undoable steps, each its own.
describe('image datasets as commands', () => {
  it('each whole-dataset change is one undo step, never merged with the one before; a new Input takes the image shape', () => {
    const store = createEditorStore();
    const digits = builtinImagesSpec('digits');
    store.getState().setDataset(digits);
    store.getState().setDataset({ ...digits, rows: 500, samples: 500 });
    store.getState().setDataset({ ...digits, rows: 500, samples: 500, scaling: 'zscore', transform: { mean: [4.9], std: [6] } });
    store.getState().addNode({ type: 'Input', position: { x: 0, y: 0 } });
    expect(store.getState().doc.graph.nodes[0].params.shape).toEqual([8, 8, 1]);
    store.getState().undo();
    expect(store.getState().doc.dataset).toMatchObject({ scaling: 'zscore', rows: 500 });
    store.getState().undo();
    expect(store.getState().doc.dataset).toMatchObject({ scaling: 'unit', rows: 500 });
    store.getState().undo();
    expect(store.getState().doc.dataset).toEqual(digits);
    store.getState().undo();
    expect(store.getState().doc.dataset.kind).toBe('generator');
    expect(store.getState().setDataset(store.getState().doc.dataset).changed).toBe(false);
  });
});

describe('applyLearningRate (issue 15: the learning-rate finder\'s "Use")', () => {
  it('is an undo step of its own, not merged into typing in the learning-rate field', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().updateTraining({ optimizer: { learningRate: 0.05 } });
    s().updateTraining({ optimizer: { learningRate: 0.02 } });
    expect(s().history.past).toHaveLength(1);
    expect(s().applyLearningRate(0.0032).changed).toBe(true);
    expect(s().doc.training.optimizer.learningRate).toBe(0.0032);
    expect(s().history.past).toHaveLength(2);
    s().undo();
    expect(s().doc.training.optimizer.learningRate).toBe(0.02);
    // The same rate again changes nothing; a rate that is not positive is refused.
    s().redo();
    expect(s().applyLearningRate(0.0032).changed).toBe(false);
    expect(s().applyLearningRate(0).refused).toBeTruthy();
    expect(s().doc.training.optimizer.learningRate).toBe(0.0032);
  });
});
