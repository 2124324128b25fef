import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { actionTitle, installAppCommands, runAction } from '../actions';
import { installFileHandling, openTemplate } from '../lib/files';
import { useEditor } from '../store/editor';
import { hasModel, isActive } from '../store/run';
import { useRun } from '../store/training';
import { useToast } from './Toast';
import { useI18n, useT } from '../i18n';
import { localizedTemplate } from '../../../shared/api/templates';

const FALLBACK_TEMPLATES = [
  { id: 'keras-tutorial-regression', name: 'Keras tutorial: linear regression', description: '' },
  { id: 'keras-tutorial-classifier', name: 'Keras tutorial: 10-class classifier', description: '' },
];

export function Toolbar() {
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const running = useRun((s) => isActive(s.run));
  // Train and Stop take turns being disabled; a keyboard user who pressed one keeps the focus on
  // the other instead of losing it to the page (trial 11).
  const trainRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current === running) return;
    wasRunning.current = running;
    const lost = document.activeElement === document.body || document.activeElement === null;
    const from = running ? trainRef.current : stopRef.current;
    if (lost || document.activeElement === from) (running ? stopRef.current : trainRef.current)?.focus();
  }, [running]);
  const canExportModel = useRun((s) => hasModel(s.run));
  const [templates, setTemplates] = useState(FALLBACK_TEMPLATES);
  const [template, setTemplate] = useState('');
  const t = useT();
  const language = useI18n((s) => s.language);

  useEffect(() => {
    api['templates.list']({})
      .then((list) => list.length && setTemplates(list))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    installFileHandling();
    installAppCommands();
  }, []);

  const loadTemplate = async (id: string) => {
    setTemplate(id);
    if (!id) return;
    try {
      await openTemplate(id, templates);
    } catch (error) {
      useToast.getState().show(t('toolbar.templateFailed', { id, message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setTemplate('');
    }
  };

  return (
    // issue 17: the header is the page's banner landmark (a role="toolbar" here hid it and promised arrow keys it lacked)
    <header className="toolbar">
      <h1 className="brand">Neurite</h1>
      <input
        className="doc-name"
        value={name}
        onChange={(e) => useEditor.getState().rename(e.target.value)}
        aria-label={t('toolbar.projectName')}
        data-testid="project-name"
      />
      <button onClick={() => runAction('new')} title={actionTitle('new', t('toolbar.newTitle'))}>
        {t('toolbar.new')}
      </button>
      <button onClick={() => runAction('open')} title={actionTitle('open', t('toolbar.openTitle'))} data-testid="open-button">
        {t('toolbar.open')}
      </button>
      <button onClick={() => runAction('save')} title={actionTitle('save', t('toolbar.saveTitle'))} data-testid="save-button">
        {t('toolbar.save')}
      </button>
      <button onClick={() => runAction('import-model')} title={actionTitle('import-model', t('toolbar.importTitle'))} data-testid="import-model">
        {t('toolbar.import')}
      </button>
      <button onClick={() => runAction('export-python')} title={actionTitle('export-python', t('toolbar.exportPythonTitle'))} data-testid="export-python">
        {t('toolbar.exportPython')}
      </button>
      <button onClick={() => runAction('export-typescript')} title={actionTitle('export-typescript', t('toolbar.exportTypeScriptTitle'))} data-testid="export-typescript">
        {t('toolbar.exportTypeScript')}
      </button>
      <button
        onClick={() => runAction('export-model-json')}
        disabled={!canExportModel}
        title={canExportModel ? t('toolbar.exportModelTitle') : t('toolbar.exportModelDisabled')}
        data-testid="export-model-json"
      >
        {t('toolbar.exportModel')}
      </button>
      <button
        onClick={() => runAction('export-onnx')}
        disabled={!canExportModel}
        title={canExportModel ? t('toolbar.exportOnnxTitle') : t('toolbar.exportOnnxDisabled')}
        data-testid="export-onnx"
      >
        {t('toolbar.exportOnnx')}
      </button>
      {/* issue 18: train at scale */}
      <button onClick={() => runAction('export-training-package')} title={actionTitle('export-training-package', t('toolbar.exportPackageTitle'))} data-testid="export-training-package">
        {t('toolbar.exportPackage')}
      </button>
      <select className="template-picker" value={template} onChange={(e) => void loadTemplate(e.target.value)} data-testid="template-picker" aria-label={t('toolbar.templatesLabel')}>
        <option value="">{t('toolbar.templates')}</option>
        {templates.map((template) => {
          const text = localizedTemplate(template, language);
          return (
            <option key={template.id} value={template.id} title={text.description}>
              {text.name}
            </option>
          );
        })}
      </select>
      <span className="sep" />
      <button onClick={() => runAction('undo')} disabled={!canUndo} title={actionTitle('undo', t('toolbar.undoTitle'))} data-testid="undo-button">
        ↶ {t('toolbar.undo')}
      </button>
      <button onClick={() => runAction('redo')} disabled={!canRedo} title={actionTitle('redo', t('toolbar.redoTitle'))} data-testid="redo-button">
        ↷ {t('toolbar.redo')}
      </button>
      <button
        onClick={() => runAction('auto-layout')}
        title={actionTitle('auto-layout', t('toolbar.autoLayoutTitle'))}
        data-testid="auto-layout"
      >
        {t('toolbar.autoLayout')}
      </button>
      <button onClick={() => runAction('fit-view')} title={actionTitle('fit-view', t('toolbar.fitTitle'))} data-testid="fit-view">
        {t('toolbar.fit')}
      </button>
      <span className="spacer" />
      <button ref={trainRef} className="primary" onClick={() => runAction('train')} disabled={running} title={actionTitle('train', t('toolbar.trainTitle'))} data-testid="train-button">
        ▶ {t('toolbar.train')}
      </button>
      <button ref={stopRef} className="danger" onClick={() => runAction('stop')} disabled={!running} title={actionTitle('stop', t('toolbar.stopTitle'))} data-testid="stop-button">
        ■ {t('toolbar.stop')}
      </button>
    </header>
  );
}
