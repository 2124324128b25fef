import type { CallRequest, ExportPreprocessingInfo, TemplateInfo } from '../../../shared/api/contract';
import { templateProject } from '../../../shared/api/templates';
import { fitAfterLayout } from './viewport';
import { toKerasPython, toTfjsTypeScript } from '../../../shared/codegen';
import { toKerasDistributed } from '../../../shared/codegen/distributed';
import type { ProjectLoadWarning } from '../../../shared/project/load';
import type { WireProject as Project } from '../../../shared/project/wire';
import { api } from '../api';
import { host, type OpenedProject } from '../host';
import { emptyDoc, projectFromDoc, untitledIn, type EditorDoc } from '../store/document';
import { useEditor } from '../store/editor';
import { hasModel } from '../store/run';
import { openProject, useRun, withRunModel } from '../store/training';
import { forgetRunWeights, runsMissingWeights } from '../store/runs';
import { useToast } from '../components/Toast';
import { download } from './download';
import { settingsProblems } from './analysis';
import { tr, useI18n } from '../i18n';
import { recoveryQuestion } from './dateTime';
import { rememberRecent } from './recent';
import { codegenErrorText, messageText } from './problemText';
import { CodegenError } from '../../../shared/codegen/common';

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
  // Trial 10 (19): an opened project is framed, not left where the last one's view was.
  fitAfterLayout();
  markSaved(from.fileId, from.fileName);
  if (from.fileName) rememberRecent(project, from.fileName);
  const notes = warnings.map((w) => messageText(w, tr));
  if (migratedFrom !== undefined) notes.push(tr('files.migrated', { version: migratedFrom }));
  if (notes.length) toast(notes.join('\n'));
}

export async function saveProjectFile(saveAs = false, retried = false): Promise<void> {
  const doc = useEditor.getState().doc;
  // A file with a setting outside the format's limits could not be opened again: say what to fix.
  const invalid = settingsProblems(doc.training);
  if (invalid.length > 0) {
    toast(tr('files.settingsInvalid', { problems: invalid.map((p) => p.message).join(' ') }));
    return;
  }
  const project = currentProject(doc);
  const name = (doc.name.trim() || 'untitled').replace(/[^\w.-]+/g, '-');
  try {
    const saved = await host.saveProject(project, { fileId: file.fileId, saveAs, name });
    if (!saved) return;
    markSaved(saved.file?.id ?? null, saved.file?.name ?? null, doc);
    // Issue 17: a saved project is in Recent at once, not only once reopened (the browser's file is the download's name).
    rememberRecent(project, saved.file?.name ?? `${name}.neurite`);
    // A download is not a file Neurite can come back to: the crash backup is cleared here (main clears it on a desktop save).
    if (!saved.file) void api['project.backup']({ project: null }).catch(() => undefined);
  } catch (error) {
    // Issue 15: runs whose kept weights main no longer holds can be saved without them, if the user agrees.
    const missing = retried ? [] : runsMissingWeights(error);
    if (missing.length > 0 && window.confirm(tr('runsCore.saveWithoutWeights', { message: message(error), runs: missing.map((r) => r.number).join(', ') }))) {
      forgetRunWeights(missing.map((r) => r.id));
      return saveProjectFile(saveAs, true);
    }
    toast(message(error));
  }
}

/** Puts an opened project into the editor, with its file (if Neurite can save back to it) and load notes. */
function loadOpened(opened: OpenedProject): void {
  const fileId = opened.file && opened.file.id !== null ? opened.file.id : null;
  loadIntoEditor(opened.project, { fileId, fileName: opened.file?.name ?? null }, opened.warnings, opened.migratedFrom);
}

/** Opens a project file dropped on the window. */
export async function openDroppedFile(dropped: File): Promise<void> {
  try {
    loadOpened(await host.openDroppedFile(dropped));
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
    if (confirmDiscard()) void openDroppedFile(file);
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
  try {
    const opened = await host.openProject(fileId);
    if (opened) loadOpened(opened);
  } catch (error) {
    toast(message(error));
  }
}

export function newProject(): void {
  if (!confirmDiscard()) return;
  // Trial 10 (12): the name is stored in the UI language of its creation (未命名 in 简体中文), as other apps store "Untitled".
  openProject(projectFromDoc(emptyDoc(tr('files.untitled')), appVersion()));
  markSaved(null, null);
}

/** Opens bundled template `id` as the project, named as `list` (the template list) shows it in the UI language. */
export async function openTemplate(id: string, list: readonly TemplateInfo[]): Promise<void> {
  const project = await api['templates.get']({ id });
  openProject(templateProject(project, list.find((info) => info.id === id), useI18n.getState().language));
  fitAfterLayout();
}

function scriptName(extension: string): string {
  return `${(useEditor.getState().doc.name.trim() || 'model').replace(/[^\w.-]+/g, '_')}.${extension}`;
}

export async function exportCode(language: 'python' | 'typescript'): Promise<void> {
  try {
    // Code carries no weights: the scripts train the model themselves.
    const { trained: _weights, ...project } = currentProject();
    const name = scriptName(language === 'python' ? 'py' : 'ts');
    const stem = name.replace(/\.(py|ts)$/, '');
    const text = language === 'python' ? toKerasPython(project, { dataStem: stem }) : toTfjsTypeScript(project, { dataStem: stem });
    const type = language === 'python' ? 'text/x-python' : 'text/typescript';
    if (project.dataset.kind !== 'images') {
      download(new Blob([text], { type }), name);
      return;
    }
    // issue 14: an image dataset's script reads its images and labels from .npy files beside it, made in the trainer process.
    const { files } = await api['code.imageData']({ dataset: project.dataset, stem });
    const result = await host.exportFiles(tr('files.exportCodeDialog'), [{ name, data: text, encoding: 'utf8' }, ...files.map((f) => ({ name: f.name, data: f.data, encoding: 'base64' as const }))]);
    if (!result.saved) return;
    const all = [name, ...files.map((f) => f.name)].join(', ');
    toast(result.folder ? tr('files.exportedOnnxTo', { files: all, folder: result.folder }) : tr('files.exportedOnnx', { files: all }));
  } catch (error) {
    toast(error instanceof CodegenError ? codegenErrorText(error, tr) : message(error));
  }
}

/**
 * Issue 18, "Train at scale…": the training package (src/shared/codegen/distributed.ts) — train.py
 * and README.md made here from the document, the data (the CSV as UTF-8, or the images as .npy)
 * read in the trainer process — written into a folder the user picks (desktop) or downloaded.
 */
export async function exportTrainingPackage(): Promise<void> {
  try {
    // The package carries no weights: train.py trains the model and writes them.
    const { trained: _weights, runs: _runs, sweeps: _sweeps, ...project } = currentProject();
    const pkg = toKerasDistributed(project, { appVersion: appVersion() });
    const data = project.dataset.kind === 'generator' ? [] : (await api['code.packageData']({ dataset: project.dataset, stem: pkg.imageStem ?? 'data' })).files;
    const files = [
      { name: 'train.py', data: pkg.trainPy, encoding: 'utf8' as const },
      { name: 'README.md', data: pkg.readme, encoding: 'utf8' as const },
      ...data.map((f) => ({ name: f.name, data: f.data, encoding: 'base64' as const })),
    ];
    const result = await host.exportFiles(tr('files.exportPackageDialog'), files);
    if (!result.saved) return;
    const all = files.map((f) => f.name).join(', ');
    toast(result.folder ? tr('files.exportedPackageTo', { files: all, folder: result.folder }) : tr('files.exportedPackage', { files: all }));
  } catch (error) {
    toast(message(error));
  }
}

export const MODEL_JSON_NAME = 'model.json';
export const WEIGHTS_NAME = 'weights.bin';
export const PREPROCESSING_NAME = 'preprocessing.json';

/** What the export toast says about the inputs the exported model (TF.js by default, or ONNX) expects (issue 9: raw rows). */
export function exportPreprocessingNote(p: ExportPreprocessingInfo, format: 'tfjs' | 'onnx' = 'tfjs'): string {
  if (p.kind === 'none') return '';
  const reason = p.kind === 'file' ? tr(`export.unfoldable.${p.reason}`) : '';
  if (p.kind === 'rescaling') return tr('export.preprocessingRescaling', { layer: p.layer, file: format === 'onnx' ? ONNX_NAME : MODEL_JSON_NAME });
  if (format === 'onnx') {
    return p.kind === 'folded' ? tr('export.onnxPreprocessingFolded', { layers: p.layers.join(', '), file: ONNX_NAME }) : tr('export.onnxPreprocessingFile', { file: PREPROCESSING_NAME, model: ONNX_NAME, reason });
  }
  if (p.kind === 'folded') return tr('export.preprocessingFolded', { layers: p.layers.join(', ') });
  return tr('export.preprocessingFile', { file: PREPROCESSING_NAME, reason });
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
    const { modelJson, weightData, preprocessing } = await withRunModel(run.runId, (runId) => api['model.export']({ runId }));
    // The trainer's manifest already names weights.bin, the file written beside it.
    const json = JSON.stringify(modelJson);
    // Preprocessing that could not be folded into the first layer travels beside the model.
    const extra = preprocessing.kind === 'file' ? [{ name: PREPROCESSING_NAME, data: JSON.stringify(preprocessing.json, null, 1), encoding: 'utf8' as const }] : [];
    // The export leaves training_config out only when tfjs could not load it (src/main/engine/export-model.ts layersTrainingConfig).
    const note = [exportPreprocessingNote(preprocessing), modelJson.trainingConfig === undefined ? tr('export.noTrainingConfig') : ''].filter(Boolean).join('\n');
    const result = await host.exportFiles(tr('files.exportModelDialog'), [
      { name: MODEL_JSON_NAME, data: json, encoding: 'utf8' },
      { name: WEIGHTS_NAME, data: weightData, encoding: 'base64' },
      ...extra,
    ]);
    const names = { model: MODEL_JSON_NAME, weights: WEIGHTS_NAME };
    if (!result.saved) return;
    const where = result.folder ? tr('files.exportedTo', { ...names, folder: result.folder }) : host.kind === 'desktop' ? tr('files.exported', names) : '';
    const text = [where, note].filter(Boolean).join('\n');
    if (text) toast(text);
  } catch (error) {
    toast(message(error));
  }
}

export const ONNX_NAME = 'model.onnx';

/**
 * Exports the trained model as ONNX (model.onnx, opset 17), with preprocessing.json beside it
 * when the preprocessing could not be folded into the model, as the TF.js export does.
 */
export async function exportOnnxModel(): Promise<void> {
  const run = useRun.getState().run;
  if (!hasModel(run) || !run.runId) {
    toast(tr('files.noModel'));
    return;
  }
  try {
    const { onnx, preprocessing } = await withRunModel(run.runId, (runId) => api['model.exportOnnx']({ runId }));
    const extra = preprocessing.kind === 'file' ? [{ name: PREPROCESSING_NAME, data: JSON.stringify(preprocessing.json, null, 1), encoding: 'utf8' as const }] : [];
    const result = await host.exportFiles(tr('files.exportOnnxDialog'), [{ name: ONNX_NAME, data: onnx, encoding: 'base64' }, ...extra]);
    if (!result.saved) return;
    const files = [ONNX_NAME, ...extra.map((f) => f.name)].join(', ');
    const where = result.folder ? tr('files.exportedOnnxTo', { files, folder: result.folder }) : host.kind === 'desktop' ? tr('files.exportedOnnx', { files }) : '';
    const text = [where, exportPreprocessingNote(preprocessing, 'onnx')].filter(Boolean).join('\n');
    if (text) toast(text);
  } catch (error) {
    toast(message(error));
  }
}

/** Imports a layers-model model.json (with its weight files, when picked together in the browser). */
export async function importModelJson(): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    const imported = await host.importModel(currentProject());
    if (!imported) return;
    loadIntoEditor(imported.project, { fileId: null, fileName: null });
    if (imported.warnings.length) toast(imported.warnings.join('\n'));
  } catch (error) {
    toast(message(error));
  }
}

const BACKUP_DELAY_MS = 2000;

/**
 * The backup sent as the page unloads: the unsaved project marked `closed`, or null when nothing is
 * unsaved. While a setting is invalid (the file format refuses it) the last good backup is marked instead.
 */
function unloadBackup(): CallRequest<'project.backup'> {
  const fileId = file.fileId ? { fileId: file.fileId } : {};
  if (!isDirty()) return { project: null };
  if (settingsProblems(useEditor.getState().doc.training).length > 0) return { project: null, closed: true, ...fileId };
  return { project: currentProject(), closed: true, ...fileId };
}
let installed = false;

/**
 * Once per page: the dirty marker in the title, a warning before closing with unsaved work, and
 * crash-recovery backups on a debounce (and the offer to restore one at start).
 */
export function installFileHandling(): void {
  if (installed) return;
  installed = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Trial 10 (12): an empty new project not saved to a file keeps its generated name in the UI language.
  useI18n.subscribe((state, previous) => {
    if (state.language === previous.language || file.fileId) return;
    const { doc } = useEditor.getState();
    const renamed = untitledIn(doc, state.language);
    if (renamed !== doc) useEditor.setState({ doc: renamed });
  });
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
  // A page that unloads normally (reload, close) ended cleanly: its last state is kept, marked so, and the
  // next start offers it without calling it a crash. A crash never runs this.
  window.addEventListener('pagehide', () => {
    if (timer) clearTimeout(timer);
    void api['project.backup'](unloadBackup()).catch(() => undefined);
  });
  updateTitle();

  void api['project.recovery']({})
    .then((recovered) => {
      if (!recovered) return;
      if (window.confirm(recoveryQuestion(recovered, useI18n.getState().language))) {
        openProject(recovered.project);
        fitAfterLayout();
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
