import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { api } from '../api';
import { newProject, openProjectFile, saveProjectFile } from '../lib/files';
import { useEditor } from '../store/editor';
import { isActive } from '../store/run';
import { useRun } from '../store/training';
import { useToast } from './Toast';

const FALLBACK_TEMPLATES = [
  { id: 'keras-tutorial-regression', name: 'Keras tutorial: linear regression', description: '' },
  { id: 'keras-tutorial-classifier', name: 'Keras tutorial: 10-class classifier', description: '' },
];

export function Toolbar() {
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const running = useRun((s) => isActive(s.run));
  const { fitView } = useReactFlow();
  const [templates, setTemplates] = useState(FALLBACK_TEMPLATES);
  const [template, setTemplate] = useState('');

  useEffect(() => {
    api['templates.list']({})
      .then((list) => list.length && setTemplates(list))
      .catch(() => undefined);
  }, []);

  const loadTemplate = async (id: string) => {
    setTemplate(id);
    if (!id) return;
    try {
      const project = await api['templates.get']({ id });
      useEditor.getState().loadProject(project);
      requestAnimationFrame(() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 }));
    } catch (error) {
      useToast.getState().show(`Could not open the template “${id}”: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setTemplate('');
    }
  };

  return (
    <header className="toolbar" role="toolbar">
      <span className="brand">Neurite</span>
      <input
        className="doc-name"
        value={name}
        onChange={(e) => useEditor.getState().rename(e.target.value)}
        aria-label="Project name"
        data-testid="project-name"
      />
      <button onClick={newProject} title="New project (Ctrl+N)">
        New
      </button>
      <button onClick={openProjectFile} title="Open a .neurite file (Ctrl+O)">
        Open
      </button>
      <button onClick={() => saveProjectFile()} title="Save as a .neurite file (Ctrl+S)">
        Save
      </button>
      <select value={template} onChange={(e) => void loadTemplate(e.target.value)} data-testid="template-picker" aria-label="Templates">
        <option value="">Templates…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id} title={t.description}>
            {t.name}
          </option>
        ))}
      </select>
      <span className="sep" />
      <button onClick={() => useEditor.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo-button">
        ↶ Undo
      </button>
      <button onClick={() => useEditor.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z / Ctrl+Y)" data-testid="redo-button">
        ↷ Redo
      </button>
      <button
        onClick={() => {
          useEditor.getState().autoLayout();
          requestAnimationFrame(() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 }));
        }}
        title="Arrange the layers left to right"
        data-testid="auto-layout"
      >
        Auto-layout
      </button>
      <button onClick={() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 })} title="Fit the model in view" data-testid="fit-view">
        Fit
      </button>
      <span className="spacer" />
      <button className="primary" onClick={() => void useRun.getState().start()} disabled={running} title="Train (Ctrl+Enter)" data-testid="train-button">
        ▶ Train
      </button>
      <button className="danger" onClick={() => void useRun.getState().stop()} disabled={!running} title="Stop (Escape)" data-testid="stop-button">
        ■ Stop
      </button>
    </header>
  );
}
