import { describe, expect, it } from 'vitest';
import { projectHashes } from '../../../shared/project/hash';
import { ProjectSchema, type Trained } from '../../../shared/project/schema';
import { trainedStatus } from '../../../shared/project/trained';
import { docFromProject, emptyDoc, projectFromDoc, type EditorDoc } from './document';
import { createEditorStore } from './editor';
import { hasModel, idleRun, runFromSaved } from './run';
import { column, metricNames } from './series';

function linearDoc(): EditorDoc {
  const doc = emptyDoc();
  return {
    ...doc,
    name: 'linear',
    graph: {
      nodes: [
        { id: 'n1', type: 'Input', params: { shape: [1] }, position: { x: 0, y: 0 } },
        { id: 'n2', type: 'Dense', params: { units: 1, activation: 'linear', useBias: true }, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: 'e-n1-n2', source: 'n1', target: 'n2' }],
    },
  };
}

function trainedFor(doc: EditorDoc): Trained {
  return {
    trainedAt: '2024-01-02T03:04:05.000Z',
    reason: 'completed',
    ...projectHashes(doc),
    weights: [
      { name: 'dense_n2/kernel', shape: [1, 1], dtype: 'float32', data: 'AACAPw==' },
      { name: 'dense_n2/bias', shape: [1], dtype: 'float32', data: 'AAAAAA==' },
    ],
    history: [
      { epoch: 0, logs: { loss: 2, val_loss: 2.5, mae: 1 } },
      { epoch: 1, logs: { loss: 1, val_loss: 1.5, mae: 0.5 } },
    ],
  };
}

describe('trained weights in the document', () => {
  it('are set without an undo step, saved by projectFromDoc and read back by docFromProject', () => {
    const store = createEditorStore(linearDoc());
    const before = store.getState().doc;
    const trained = trainedFor(before);
    store.getState().setTrained(trained);
    const after = store.getState().doc;
    expect(after).not.toBe(before);
    expect(after.trained).toBe(trained);
    expect(store.getState().history.past).toHaveLength(0);
    expect(after.graph).toBe(before.graph);

    const project = projectFromDoc(after, '1.2.3');
    expect(ProjectSchema.safeParse(project).success).toBe(true);
    expect(project.trained).toBe(trained);
    expect(trainedStatus(project)).toEqual({ state: 'fresh' });
    expect(docFromProject(project).trained).toBe(trained);
    expect(projectFromDoc(before, '1.2.3')).not.toHaveProperty('trained');
  });

  it('survive undo and redo, and go stale when an edit changes what they were trained on', () => {
    const store = createEditorStore(linearDoc());
    store.getState().updateParams('n2', { units: 3 });
    store.getState().updateParams('n2', { useBias: false });
    const trained = trainedFor(store.getState().doc);
    store.getState().setTrained(trained);

    store.getState().updateTraining({ epochs: 7 });
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'stale', changed: ['settings'], canContinue: true });

    store.getState().undo();
    expect(store.getState().doc.trained).toBe(trained);
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'fresh' });

    // Back past the training: the graph differs from the trained one, and the weights are kept.
    store.getState().undo();
    expect(store.getState().doc.graph.nodes[1].params.useBias).toBe(true);
    expect(store.getState().doc.trained).toBe(trained);
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'stale', changed: ['graph'], canContinue: false });

    store.getState().redo();
    expect(store.getState().doc.trained).toBe(trained);
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'fresh' });

    store.getState().setTrained(null);
    expect(store.getState().doc).not.toHaveProperty('trained');
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'untrained' });
  });

  it('moving a node keeps them fresh', () => {
    const store = createEditorStore(linearDoc());
    store.getState().setTrained(trainedFor(store.getState().doc));
    store.getState().moveNodes({ n2: { x: 500, y: 80 } });
    expect(trainedStatus(store.getState().doc)).toEqual({ state: 'fresh' });
  });
});

describe('runFromSaved', () => {
  it('is a finished run with the saved history in the series once the model is loaded', () => {
    const trained = trainedFor(linearDoc());

    const loading = runFromSaved(trained, null);
    expect(loading.status).toBe('idle');
    expect(hasModel(loading)).toBe(false);
    expect(column(loading.series, 'loss')).toEqual([2, 1]);

    const loaded = runFromSaved(trained, 'saved-1');
    const series = loaded.series;
    expect(loaded).toMatchObject({ status: 'done', runId: 'saved-1', epochs: 2, epochsDone: 2, finalLogs: { loss: 1, val_loss: 1.5, mae: 0.5 } });
    expect(hasModel(loaded)).toBe(true);
    expect(series.epochX).toEqual([1, 2]);
    expect(column(series, 'val_loss')).toEqual([2.5, 1.5]);
    expect(metricNames(series)).toEqual(['loss', 'mae']);

    expect(runFromSaved({ ...trained, reason: 'stopped' }, 'saved-2').status).toBe('stopped');
    expect(hasModel(idleRun())).toBe(false);
  });
});
