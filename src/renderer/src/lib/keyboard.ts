import { useEffect } from 'react';
import { useToast } from '../components/Toast';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';
import { newProject, openProjectFile, saveProjectFile } from './files';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The editor's shortcuts. Text fields keep their own Ctrl+Z, C, V and A. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const editing = isEditable(event.target);
      const editor = useEditor.getState();
      const handled = (): void => event.preventDefault();

      if (mod && key === 'enter') return handled(), void useRun.getState().start();
      if (key === 'escape') return void useRun.getState().stop();
      if (mod && key === 's') return handled(), saveProjectFile();
      if (mod && key === 'o') return handled(), openProjectFile();
      if (mod && key === 'n') return handled(), newProject();
      if (editing) return;

      if (!mod && (key === 'delete' || key === 'backspace')) return handled(), void editor.deleteSelection();
      if (mod && key === 'z' && event.shiftKey) return handled(), editor.redo();
      if (mod && key === 'z') return handled(), editor.undo();
      if (mod && key === 'y') return handled(), editor.redo();
      if (mod && key === 'a') return handled(), editor.selectAll();
      if (mod && key === 'c') return void editor.copy();
      if (mod && key === 'd') return handled(), void editor.duplicate();
      if (mod && key === 'v') {
        handled();
        const result = editor.paste();
        if (result.refused) useToast.getState().show(result.refused);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
