import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { api } from '../api';
import { exportCode, exportModelJson, importModelJson, installFileHandling, newProject, openProjectFile, saveProjectFile } from '../lib/files';
import { useEditor } from '../store/editor';
import { hasModel, isActive } from '../store/run';
import { openProject, useRun } from '../store/training';
import { useToast } from './Toast';
import { useT } from '../i18n';

const FALLBACK_TEMPLATES = [
  { id: 'keras-tutorial-regression', name: 'Keras tutorial: linear regression', description: '' },
  { id: 'keras-tutorial-classifier', name: 'Keras tutorial: 10-class classifier', description: '' },
];

export function Toolbar() {
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const running = useRun((s) => isActive(s.run));
  const canExportModel = useRun((s) => hasModel(s.run));
  const { fitView } = useReactFlow();
  const [templates, setTemplates] = useState(FALLBACK_TEMPLATES);
  const [template, setTemplate] = useState('');
  const t = useT();

  useEffect(() => {
    api['templates.list']({})
      .then((list) => list.length && setTemplates(list))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const fit = () => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 });
    installFileHandling({ 'fit-view': fit });
  }, [fitView]);

  const loadTemplate = async (id: string) => {
    setTemplate(id);
    if (!id) return;
    try {
      const project = await api['templates.get']({ id });
      openProject(project);
      requestAnimationFrame(() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 }));
    } catch (error) {
      useToast.getState().show(t('toolbar.templateFailed', { id, message: error instanceof Error ? error.message : String(error) }));
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
        aria-label={t('toolbar.projectName')}
        data-testid="project-name"
      />
      <button onClick={newProject} title={t('toolbar.newTitle')}>
        {t('toolbar.new')}
      </button>
      <button onClick={() => void openProjectFile()} title={t('toolbar.openTitle')} data-testid="open-button">
        {t('toolbar.open')}
      </button>
      <button onClick={() => void saveProjectFile()} title={t('toolbar.saveTitle')} data-testid="save-button">
        {t('toolbar.save')}
      </button>
      <button onClick={() => void importModelJson()} title={t('toolbar.importTitle')} data-testid="import-model">
        {t('toolbar.import')}
      </button>
      <button onClick={() => exportCode('python')} title={t('toolbar.exportPythonTitle')} data-testid="export-python">
        {t('toolbar.exportPython')}
      </button>
      <button onClick={() => exportCode('typescript')} title={t('toolbar.exportTypeScriptTitle')} data-testid="export-typescript">
        {t('toolbar.exportTypeScript')}
      </button>
      <button
        onClick={() => void exportModelJson()}
        disabled={!canExportModel}
        title={canExportModel ? t('toolbar.exportModelTitle') : t('toolbar.exportModelDisabled')}
        data-testid="export-model-json"
      >
        {t('toolbar.exportModel')}
      </button>
      <select value={template} onChange={(e) => void loadTemplate(e.target.value)} data-testid="template-picker" aria-label={t('toolbar.templatesLabel')}>
        <option value="">{t('toolbar.templates')}</option>
        {templates.map((template) => (
          <option key={template.id} value={template.id} title={template.description}>
            {template.name}
          </option>
        ))}
      </select>
      <span className="sep" />
      <button onClick={() => useEditor.getState().undo()} disabled={!canUndo} title={t('toolbar.undoTitle')} data-testid="undo-button">
        ↶ {t('toolbar.undo')}
      </button>
      <button onClick={() => useEditor.getState().redo()} disabled={!canRedo} title={t('toolbar.redoTitle')} data-testid="redo-button">
        ↷ {t('toolbar.redo')}
      </button>
      <button
        onClick={() => {
          useEditor.getState().autoLayout();
          requestAnimationFrame(() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 }));
        }}
        title={t('toolbar.autoLayoutTitle')}
        data-testid="auto-layout"
      >
        {t('toolbar.autoLayout')}
      </button>
      <button onClick={() => fitView({ padding: 0.3, maxZoom: 1.25, duration: 200 })} title={t('toolbar.fitTitle')} data-testid="fit-view">
        {t('toolbar.fit')}
      </button>
      <span className="spacer" />
      <button className="primary" onClick={() => void useRun.getState().start()} disabled={running} title={t('toolbar.trainTitle')} data-testid="train-button">
        ▶ {t('toolbar.train')}
      </button>
      <button className="danger" onClick={() => void useRun.getState().stop()} disabled={!running} title={t('toolbar.stopTitle')} data-testid="stop-button">
        ■ {t('toolbar.stop')}
      </button>
    </header>
  );
}
