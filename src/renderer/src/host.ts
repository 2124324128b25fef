import type { CallResponse } from '../../shared/api/contract';
import { IMPORT_DEFAULTS, companionWarnings, importLayersModel, projectFromImport, weightFilePaths } from '../../shared/import/layers-model';
import { preprocessingFileName, type PreprocessingCompanion } from '../../shared/import/neurite-metadata';
import { parseProject, type ProjectLoadWarning } from '../../shared/project/load';
import type { WireProject as Project } from '../../shared/project/wire';
import { api, ApiCallError, hasDesktopBridge } from './api';
import { tr } from './i18n';
import { download } from './lib/download';

/**
 * What differs between the two hosts, behind one interface (Netron's `host.BrowserHost` /
 * `host.ElectronHost` idea): feature code asks the host to open, save, export and import, and
 * never asks which host it runs in. The desktop host goes through main's native dialogs (the page
 * sees opaque file ids, never paths); the browser host uses the page's own file picker and
 * downloads. Both end in the same shared parsing and the same main services.
 */
export interface Host {
  /** For display only ("desktop" / "web"); never for branching. */
  readonly kind: 'desktop' | 'web';
  /**
   * Opens a project file: the one registered as `fileId`, else what the user picks. Null when
   * cancelled. Weights stay in main; the project holds their reference.
   * @throws Error with the loader's message (line, field) for a bad file.
   */
  openProject(fileId?: string): Promise<OpenedProject | null>;
  /** Opens a file the user dropped on the window (same checks as `openProject`). */
  openDroppedFile(file: File): Promise<OpenedProject>;
  /**
   * Saves the project: to its file (desktop; a dialog when there is none or `saveAs`), or as a
   * download (browser). Null when cancelled; `file` is null when there is no file to come back to.
   */
  saveProject(project: Project, options: { fileId: string | null; saveAs: boolean; name: string }): Promise<{ file: FileRef | null } | null>;
  /** Writes export files: into a folder the user picks (desktop), or as downloads (browser). */
  exportFiles(title: string, files: ExportFile[]): Promise<{ saved: boolean; folder?: string }>;
  /**
   * Imports a layers-model `model.json` (with its weight files: beside it on desktop, picked
   * together in the browser) as a project based on `current`. Null when cancelled.
   * @throws Error naming what is unsupported or unreadable.
   */
  importModel(current: Project): Promise<{ project: Project; warnings: string[] } | null>;
  /** A native CSV file dialog that hands main the file (desktop); absent where the page's own picker is used. */
  readonly openCsvDialog?: () => Promise<CallResponse<'data.openCsv'>['upload']>;
  /** Issue 14 (image folders): a native dialog for a folder of class folders or a .zip of one (desktop); absent where the page uploads a .zip. */
  readonly openImagesDialog?: (kind: 'folder' | 'zip') => Promise<CallResponse<'data.openImages'>['upload']>;
  /**
   * Issue 18 (import training run): how the user gives a training package's result. `folder`: main
   * shows its native folder dialog in `runs.importPackage` (desktop); `files`: the files the user
   * picked in the page (browser host: training-log.jsonl, model.json, weights.bin), to upload.
   * Null when cancelled.
   */
  pickRunResult(): Promise<{ kind: 'folder' } | { kind: 'files'; files: File[] } | null>;
}

export interface FileRef {
  id: string;
  name: string;
}

export interface OpenedProject {
  project: Project;
  file: FileRef | { id: null; name: string } | null;
  warnings: ProjectLoadWarning[];
  migratedFrom?: number;
}

export interface ExportFile {
  name: string;
  data: string;
  encoding: 'utf8' | 'base64';
}

const desktopHost: Host = {
  kind: 'desktop',
  async openProject(fileId) {
    const result = await api['project.open'](fileId ? { fileId } : {});
    if (!result.opened) return null;
    return { project: result.project, file: result.file, warnings: result.warnings as ProjectLoadWarning[], ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}) };
  },
  openDroppedFile: (file) => openPageFile(file),
  async saveProject(project, { fileId, saveAs }) {
    const result = await api['project.save']({ project, ...(fileId ? { fileId } : {}), saveAs });
    return result.saved ? { file: result.file } : null;
  },
  exportFiles: (title, files) => api['project.exportFiles']({ title, files }),
  async importModel(current) {
    const result = await api['project.importModel']({});
    if (!result.imported) return null;
    const m = result.model;
    // Without a training configuration in the file: Keras' compile() defaults, as main's import and its warnings say (IMPORT_DEFAULTS).
    return { project: m.project ?? { ...current, name: m.name, graph: m.graph, training: m.training ?? IMPORT_DEFAULTS.training }, warnings: m.warnings };
  },
  openCsvDialog: async () => (await api['data.openCsv']({})).upload,
  openImagesDialog: async (kind) => (await api['data.openImages']({ kind })).upload,
  pickRunResult: async () => ({ kind: 'folder' }),
};

const browserHost: Host = {
  kind: 'web',
  async openProject() {
    const [picked] = await pickFiles('.neurite,.json,application/json', false);
    return picked ? openPageFile(picked) : null;
  },
  openDroppedFile: (file) => openPageFile(file),
  async pickRunResult() {
    const files = await pickFiles('.jsonl,.json,.bin', true);
    return files.length > 0 ? { kind: 'files', files } : null;
  },
  async saveProject(project, { name }) {
    // Main writes the file's text with the weights it keeps; the page fetches it in chunks.
    download(await fetchDownload(project), `${name}.neurite`);
    return { file: null };
  },
  async exportFiles(_title, files) {
    for (const file of files) {
      const type = file.name.endsWith('.json') ? 'application/json' : file.encoding === 'base64' ? 'application/octet-stream' : 'text/plain';
      download(new Blob([file.encoding === 'base64' ? base64Bytes(file.data) : file.data], { type }), file.name);
    }
    return { saved: true };
  },
  async importModel(current) {
    const picked = await pickFiles('.json,.bin', true);
    if (picked.length === 0) return null;
    // The model.json, not a preprocessing.json picked with it (Neurite's TF.js export writes both).
    const modelFile = picked.find((f) => f.name.endsWith('.json') && !f.name.endsWith('preprocessing.json')) ?? picked.find((f) => f.name.endsWith('.json'));
    // Picked, but no model.json among the files (a .neurite project, or weights alone): say what Import takes.
    if (!modelFile) throw new Error(tr('files.importNeedsModelJson', { files: picked.map((f) => f.name).join(', ') }));
    let json: unknown;
    try {
      json = JSON.parse(await modelFile.text());
    } catch (error) {
      throw new Error(tr('files.notModelJson', { name: modelFile.name, message: error instanceof Error ? error.message : String(error) }));
    }
    const result = importLayersModel(json);
    // Issue 16: shown in the UI's language (ApiCallError renders the refusal's id).
    if (!result.ok) throw new ApiCallError(result.error);
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
    // The preprocessing file picked with it, read as main's import reads it beside model.json (companionWarnings: one implementation).
    const preprocessingName = preprocessingFileName(json).split('/').pop()!;
    const preprocessingPicked = picked.find((f) => f.name === preprocessingName);
    let companion: PreprocessingCompanion | null = null;
    if (preprocessingPicked) {
      const text = await preprocessingPicked.text();
      try {
        companion = { name: preprocessingName, json: JSON.parse(text) as unknown };
      } catch (error) {
        companion = { name: preprocessingName, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    const base = { ...current, training: IMPORT_DEFAULTS.training };
    result.model.warnings.push(...companionWarnings(result.model, companion, base));
    const project = projectFromImport(result.model, base, data, new Date().toISOString());
    if (!('format' in project)) throw new ApiCallError(project);
    return { project: await keepWeights(project), warnings: result.model.warnings };
  },
};

/** The host this page runs in. */
export const host: Host = hasDesktopBridge ? desktopHost : browserHost;

/** A project file the page read itself (picked or dropped): parsed by the shared loader; main keeps its weights. */
async function openPageFile(file: File): Promise<OpenedProject> {
  const result = parseProject(await file.text(), file.name);
  // Issue 16: as a service's refusal, so it is shown in the UI's language (ApiCallError renders its id).
  if (!result.ok) throw new ApiCallError(result.error);
  return {
    project: await keepWeights(result.project),
    file: { id: null, name: file.name },
    warnings: result.warnings,
    ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}),
  };
}

/** A project read by the page: main keeps its weights (sent this once) and the editor gets their reference. */
async function keepWeights(project: Project): Promise<Project> {
  // Issue 15: run records may carry weights too.
  const inline = project.trained !== undefined || (project.runs ?? []).some((run) => (run.weights?.length ?? 0) > 0);
  return inline ? (await api['project.keep']({ project })).project : project;
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
    if (done) return new Blob(parts, { type: 'application/json' });
  }
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

/** base64 → bytes; atob is in both hosts' renderers. */
function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
