import { parseProject } from '../../../shared/project/load';
import { emptyDoc, projectFromDoc, type EditorDoc } from '../store/document';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';
import { useToast } from '../components/Toast';
import { download } from './download';

/** Project files go through the browser's own file picker and downloads, so both hosts share them. */
export function saveProjectFile(doc: EditorDoc = useEditor.getState().doc): void {
  const project = projectFromDoc(doc, useRun.getState().app?.version ?? '0.0.0');
  const name = (doc.name.trim() || 'untitled').replace(/[^\w.-]+/g, '-');
  download(new Blob([JSON.stringify(project, null, 2)], { type: 'application/json' }), `${name}.neurite`);
}

export function openProjectFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.neurite,.json,application/json';
  input.onchange = async () => {
    const file = input.files?.[0];
    if (!file) return;
    const result = parseProject(await file.text(), file.name);
    if (!result.ok) {
      useToast.getState().show(result.error.message);
      return;
    }
    useEditor.getState().loadProject(result.project);
  };
  input.click();
}

export function newProject(): void {
  useEditor.getState().loadProject(projectFromDoc(emptyDoc(), useRun.getState().app?.version ?? '0.0.0'));
}
