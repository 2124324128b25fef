import type { ExportPreprocessingInfo } from '../../../shared/api/contract';
import { toKerasPython, toTfjsTypeScript } from '../../../shared/codegen';
import { importLayersModel, projectFromImport, weightFilePaths } from '../../../shared/import/layers-model';
import { parseProject, type ProjectLoadWarning } from '../../../shared/project/load';
import type { WireProject as Project } from '../../../shared/project/wire';
import { api, hostKind } from '../api';
import { emptyDoc, projectFromDoc, type EditorDoc } from '../store/document';
import { useEditor } from '../store/editor';
import { hasModel } from '../store/run';
import { openProject, useRun } from '../store/training';
import { useToast } from '../components/Toast';
import { download } from './download';
import { settingsProblems } from './analysis';
import { tr } from '../i18n';

/**
 * Project files, exports and imports for both hosts (Netron's Host idea, kept to one branch per
 * action): on the desktop, main shows native dialogs and keeps the paths (we only hold an opaque
 * file id); in the browser, files go through the page's own file picker and downloads, and the
 * same shared code parses and validates them.
 */

interface FileState {
  /** The desktop file the document came from or was last saved to. */
  fileId: string | null;
  fileName: string | null;
  /** The document as last opened or saved: anything else is unsaved work. */
  savedDoc: EditorDoc | null;
}
const file: FileState = { fileId: null, fileName: null, savedDoc: null };

const appVersion = () => useRun.getState().app?.version ?? '0.0.0';
const toast = (message: string) => useToast.getState().show(message);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function currentProject(doc: EditorDoc = useEditor.getState().doc): Project {
  return projectFromDoc(doc, appVersion());
}

export function isDirty(): boolean {
  const doc = useEditor.getState().doc;
  if (file.savedDoc === null) return doc.graph.nodes.length > 0;
  return doc !== file.savedDoc;
}

function updateTitle(): void {
  const doc = useEditor.getState().doc;
  const name = file.fileName ?? (doc.name.trim() || tr('files.untitled'));
  document.title = `${isDirty() ? '• ' : ''}${name} — Neurite`;
}

function markSaved(fileId: string | null, fileName: string | null, doc: EditorDoc = useEditor.getState().doc): void {
  file.fileId = fileId;
  file.fileName = fileName;
  file.savedDoc = doc;
  updateTitle();
}

function confirmDiscard(): boolean {
  return !isDirty() || window.confirm(tr('files.discard'));
}

function loadIntoEditor(project: Project, from: { fileId: string | null; fileName: string | null }, warnings: ProjectLoadWarning[] = [], migratedFrom?: number): void {
  openProject(project);
  markSaved(from.fileId, from.fileName);
  const notes = warnings.map((w) => w.message);
  if (migratedFrom !== undefined) notes.push(tr('files.migrated', { version: migratedFrom }));
  if (notes.length) toast(notes.join('\n'));
}

export async function saveProjectFile(saveAs = false): Promise<void> {
  const doc = useEditor.getState().doc;
  // A file with a setting outside the format's limits could not be opened again: say what to fix.
  const invalid = settingsProblems(doc.training);
  if (invalid.length > 0) {
    toast(tr('files.settingsInvalid', { problems: invalid.map((p) => p.message).join(' ') }));
    return;
  }
  const project = currentProject(doc);
  if (hostKind === 'desktop') {
    try {
      const result = await api['project.save']({ project, ...(file.fileId ? { fileId: file.fileId } : {}), saveAs });
      if (!result.saved) return;
      markSaved(result.file.id, result.file.name, doc);
    } catch (error) {
      toast(message(error));
    }
    return;
  }
  const name = (doc.name.trim() || 'untitled').replace(/[^\w.-]+/g, '-');
  try {
    // Main writes the file's text with the weights it keeps; the page fetches it in chunks.
    download(new Blob([await fetchDownload(project)], { type: 'application/json' }), `${name}.neurite`);
  } catch (error) {
    toast(message(error));
    return;
  }
  markSaved(null, null, doc);
  void api['project.backup']({ project: null }).catch(() => undefined);
}

/** The project file main prepares (`project.download`), fetched chunk by chunk. */
async function fetchDownload(project: Project): Promise<Blob> {
  const { downloadId } = await api['project.download']({ project });
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const { data, done } = await api['project.downloadChunk']({ downloadId, offset });
    const bytes = base64Bytes(data);
    parts.push(bytes);
    offset += bytes.length;
    if (done) return new Blob(parts);
  }
}

/** A project read by the page: main keeps its weights (sent this once) and the editor gets their reference. */
async function keepWeights(project: Project): Promise<Project> {
  return project.trained ? (await api['project.keep']({ project })).project : project;
}

function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.onchange = () => resolve([...(input.files ?? [])]);
    input.click();
  });
}

/** Opens a project file the browser way (also what a file dropped on the window uses). */
export async function openBrowserFile(picked: File): Promise<void> {
  const result = parseProject(await picked.text(), picked.name);
  if (!result.ok) {
    toast(result.error.message);
    return;
  }
  try {
    loadIntoEditor(await keepWeights(result.project), { fileId: null, fileName: picked.name }, result.warnings, result.migratedFrom);
  } catch (error) {
    toast(message(error));
  }
}

/**
 * A `.neurite` file dropped anywhere on the window opens like File › Open (layers dragged from the
 * palette carry no files and are left to the canvas). Returns the uninstaller.
 */
export function installFileDrop(target: Window = window): () => void {
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    const file = [...(event.dataTransfer?.files ?? [])].find((f) => f.name.toLowerCase().endsWith('.neurite'));
    if (!file) {
      toast(tr('files.dropOnlyProjects'));
      return;
    }
    if (confirmDiscard()) void openBrowserFile(file);
  };
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('drop', onDrop);
  };
}

export async function openProjectFile(fileId?: string): Promise<void> {
  if (!confirmDiscard()) return;
  if (hostKind === 'desktop') {
    try {
      const result = await api['project.open'](fileId ? { fileId } : {});
      if (result.opened) loadIntoEditor(result.project, { fileId: result.file.id, fileName: result.file.name }, result.warnings as ProjectLoadWarning[], result.migratedFrom);
    } catch (error) {
      toast(message(error));
    }
    return;
  }
  const [picked] = await pickFiles('.neurite,.json,application/json', false);
  if (picked) await openBrowserFile(picked);
}

export function newProject(): void {
  if (!confirmDiscard()) return;
  openProject(projectFromDoc(emptyDoc(), appVersion()));
  markSaved(null, null);
}

function scriptName(extension: string): string {
  return `${(useEditor.getState().doc.name.trim() || 'model').replace(/[^\w.-]+/g, '_')}.${extension}`;
}

export function exportCode(language: 'python' | 'typescript'): void {
  try {
    // Code carries no weights: the scripts train the model themselves.
    const { trained: _weights, ...project } = currentProject();
    const text = language === 'python' ? toKerasPython(project) : toTfjsTypeScript(project);
    const type = language === 'python' ? 'text/x-python' : 'text/typescript';
    download(new Blob([text], { type }), scriptName(language === 'python' ? 'py' : 'ts'));
  } catch (error) {
    toast(message(error));
  }
}

/** base64 → bytes; atob is in both hosts' renderers. */
function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export const MODEL_JSON_NAME = 'model.json';
export const WEIGHTS_NAME = 'weights.bin';
export const PREPROCESSING_NAME = 'preprocessing.json';

/** What the export toast says about the inputs the exported model expects (issue 9: raw rows). */
export function exportPreprocessingNote(p: ExportPreprocessingInfo): string {
  if (p.kind === 'none') return '';
  if (p.kind === 'folded') return tr('export.preprocessingFolded', { layers: p.layers.join(', ') });
  return tr('export.preprocessingFile', { file: PREPROCESSING_NAME, reason: tr(`export.unfoldable.${p.reason}`) });
}

/**
 * Exports the trained model as a TensorFlow.js layers model: model.json (its manifest names
 * weights.bin) and weights.bin, loadable with `tf.loadLayersModel`. Browser: two downloads;
 * desktop: both files into a folder the user picks.
 */
export async function exportModelJson(): Promise<void> {
  const run = useRun.getState().run;
  if (!hasModel(run) || !run.runId) {
    toast(tr('files.noModel'));
    return;
  }
  try {
    const { modelJson, weightData, preprocessing } = await api['model.export']({ runId: run.runId });
    // The trainer's manifest already names weights.bin, the file written beside it.
    const json = JSON.stringify(modelJson);
    // Preprocessing that could not be folded into the first layer travels beside the model.
    const extra = preprocessing.kind === 'file' ? [{ name: PREPROCESSING_NAME, data: JSON.stringify(preprocessing.json, null, 1), encoding: 'utf8' as const }] : [];
    const note = exportPreprocessingNote(preprocessing);
    if (hostKind === 'desktop') {
      const result = await api['project.exportFiles']({
        title: tr('files.exportModelDialog'),
        files: [{ name: MODEL_JSON_NAME, data: json, encoding: 'utf8' }, { name: WEIGHTS_NAME, data: weightData, encoding: 'base64' }, ...extra],
      });
      const names = { model: MODEL_JSON_NAME, weights: WEIGHTS_NAME };
      if (result.saved) toast([result.folder ? tr('files.exportedTo', { ...names, folder: result.folder }) : tr('files.exported', names), note].filter(Boolean).join('\n'));
      return;
    }
    download(new Blob([json], { type: 'application/json' }), MODEL_JSON_NAME);
    download(new Blob([base64Bytes(weightData)], { type: 'application/octet-stream' }), WEIGHTS_NAME);
    for (const file of extra) download(new Blob([file.data], { type: 'application/json' }), file.name);
    if (note) toast(note);
  } catch (error) {
    toast(message(error));
  }
}

/** Imports a layers-model model.json (with its weight files, when picked together in the browser). */
export async function importModelJson(): Promise<void> {
  if (!confirmDiscard()) return;
  const current = currentProject();
  if (hostKind === 'desktop') {
    try {
      const result = await api['project.importModel']({});
      if (!result.imported) return;
      const m = result.model;
      const project: Project = m.project ?? { ...current, name: m.name, graph: m.graph, training: m.training ?? current.training };
      loadIntoEditor(project, { fileId: null, fileName: null });
      if (m.warnings.length) toast(m.warnings.join('\n'));
    } catch (error) {
      toast(message(error));
    }
    return;
  }
  const picked = await pickFiles('.json,.bin', true);
  const modelFile = picked.find((f) => f.name.endsWith('.json'));
  if (!modelFile) return;
  let json: unknown;
  try {
    json = JSON.parse(await modelFile.text());
  } catch (error) {
    toast(tr('files.notModelJson', { name: modelFile.name, message: message(error) }));
    return;
  }
  const result = importLayersModel(json);
  if (!result.ok) {
    toast(result.error.message);
    return;
  }
  const paths = weightFilePaths(json);
  const parts = paths.map((p) => picked.find((f) => f.name === p.split('/').pop()));
  let data: Uint8Array | null = null;
  if (paths.length && parts.every(Boolean)) {
    const buffers = await Promise.all(parts.map((f) => f!.arrayBuffer()));
    data = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
    let offset = 0;
    for (const b of buffers) {
      data.set(new Uint8Array(b), offset);
      offset += b.byteLength;
    }
  } else if (paths.length) {
    result.model.warnings.push(tr('files.pickWeights', { files: paths.join(', ') }));
  }
  const project = projectFromImport(result.model, current, data, new Date().toISOString());
  if (!('format' in project)) {
    toast(project.message);
    return;
  }
  try {
    loadIntoEditor(await keepWeights(project), { fileId: null, fileName: null });
  } catch (error) {
    toast(message(error));
    return;
  }
  if (result.model.warnings.length) toast(result.model.warnings.join('\n'));
}

const BACKUP_DELAY_MS = 2000;
let installed = false;

/**
 * Once per page: the dirty marker in the title, a warning before closing with unsaved work, and
 * crash-recovery backups on a debounce (and the offer to restore one at start).
 */
export function installFileHandling(): void {
  if (installed) return;
  installed = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  useEditor.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    updateTitle();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      // While a setting is invalid the last good backup stays (the file format refuses the value).
      if (settingsProblems(useEditor.getState().doc.training).length > 0) return;
      const dirty = isDirty();
      void api['project.backup']({ project: dirty ? currentProject() : null, ...(file.fileId ? { fileId: file.fileId } : {}) }).catch(() => undefined);
    }, BACKUP_DELAY_MS);
  });
  window.addEventListener('beforeunload', (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });
  updateTitle();

  void api['project.recovery']({})
    .then((recovered) => {
      if (!recovered) return;
      const when = new Date(recovered.backedUpAt).toLocaleString();
      if (window.confirm(tr('files.restore', { name: recovered.project.name, when }))) {
        openProject(recovered.project);
        file.fileId = recovered.file?.id ?? null;
        file.fileName = recovered.file?.name ?? null;
        file.savedDoc = null;
        updateTitle();
      } else {
        void api['project.backup']({ project: null }).catch(() => undefined);
      }
    })
    .catch(() => undefined);

}
