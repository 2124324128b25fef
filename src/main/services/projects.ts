import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { CallRequest, CallResponse } from '../../shared/api/contract';
import { parseProject, parseProjectData, projectWords } from '../../shared/project/load';
import { importWords } from '../../shared/import/import-messages';
import { FORMAT, FORMAT_VERSION, type Project } from '../../shared/project/schema';
import { AtomicWriter, removeStaleTemps } from '../files/atomic-write';
import { IMPORT_DEFAULTS, companionWarnings, importLayersModel, projectFromImport, weightFilePaths } from '../../shared/import/layers-model';
import { preprocessingFileName } from '../../shared/import/neurite-metadata';
import { readPreprocessingCompanion } from '../files/model-companions';
import type { WireProject } from '../../shared/project/wire';
import { ServiceError } from './errors';
import { TrainedStore } from './trained-store';
import type { UiLanguage } from '../ui-language';
import { translator, type Translate } from '../../shared/i18n/translate';

/** Native dialogs, supplied by the desktop host (Electron's `dialog`); absent in the browser host. */
export interface ProjectDialogs {
  showOpen(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  showSave(options: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Picks a folder (for exports that write several files). */
  showFolder(options: { title: string }): Promise<string | null>;
}

export interface ProjectServiceOptions {
  appVersion: string;
  /** Where recent.json and the crash backup live (Electron's userData folder). Without it there is no recent list or backup. */
  dataDir?: string;
  dialogs?: ProjectDialogs;
  writer?: AtomicWriter;
  /** For tests: the clock. */
  now?: () => Date;
  /** Largest project file main will read, so a mistaken pick of a huge file fails fast. */
  maxFileBytes?: number;
  /** Where trained weights are kept by reference (shared with the model calls); a private one when absent. */
  trained?: TrainedStore;
  /** Issue 16: the UI language of the dialogs' titles and filter names (English when absent). */
  language?: Pick<UiLanguage, 't'>;
}

/** The project file filter of the open and save dialogs, its name in the language of `t`. */
export const projectFilters = (t: Translate) => [{ name: t('dialog.filter.project'), extensions: ['neurite'] }];
const RECENT_LIMIT = 10;

/**
 * Paths the renderer may refer to, by opaque id. An id exists only for a path main itself got
 * from a native dialog, the command line, a second launch or the recent list.
 */
export class FileRegistry {
  private readonly byId = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  register(path: string): string {
    const known = this.byPath.get(path);
    if (known) return known;
    const id = `f${randomBytes(8).toString('hex')}`;
    this.byId.set(id, path);
    this.byPath.set(path, id);
    return id;
  }

  path(id: string): string {
    const path = this.byId.get(id);
    if (!path) throw new ServiceError('unknown-file', `File handle ${id} is unknown (handles last one session). Open the file again.`);
    return path;
  }

  ref(path: string): { id: string; name: string } {
    return { id: this.register(path), name: basename(path) };
  }
}

interface RecentEntry {
  path: string;
  openedAt: string;
}

interface BackupFile {
  backedUpAt: string;
  path?: string;
  /** Written by the page's normal unload (reload, close); absent in a backup a crash left. */
  cleanExit?: boolean;
  project: unknown;
}

type ProjectCallName =
  | 'project.open'
  | 'project.save'
  | 'project.recent'
  | 'project.backup'
  | 'project.recovery'
  | 'project.importModel'
  | 'project.exportFiles'
  | 'project.keep'
  | 'project.download'
  | 'project.downloadChunk';
export type ProjectHandlers = { [N in ProjectCallName]: (request: CallRequest<N>) => Promise<CallResponse<N>> };

export interface ProjectService {
  handlers: ProjectHandlers;
  files: FileRegistry;
  trained: TrainedStore;
  /** A path from the command line, a second launch or the OS (open-file): registers it for the renderer to open. */
  registerPath(path: string): string;
  /** Reads and parses a project at a registered path; shared by project.open and tests. */
  openPath(path: string): Promise<Extract<CallResponse<'project.open'>, { opened: true }>>;
  /** Converts a model.json at a path (and the weight files beside it). */
  importModelAt(path: string): Promise<CallResponse<'project.importModel'>>;
  /** Settles when the start-up clean-up of stale temp files in the data folder is done, with how many it removed. */
  cleaned: Promise<number>;
  /** Settles when the last crash backup sent (e.g. the closing page's, marked as a clean exit) is on disk; the app waits for it before quitting. */
  backupWritten(): Promise<void>;
}

export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const files = new FileRegistry();
  const writer = options.writer ?? new AtomicWriter();
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxFileBytes ?? 512 * 1024 * 1024;
  const recentPath = options.dataDir ? join(options.dataDir, 'recent.json') : null;
  const backupPath = options.dataDir ? join(options.dataDir, 'recovery', 'backup.json') : null;
  const trained = options.trained ?? new TrainedStore();
  const downloads = new Downloads();
  const english = translator('en');
  const t: Translate = (key, vars) => (options.language ? options.language.t(key, vars) : english(key, vars));
  // A crash mid-save leaves a temp file beside the backup or the recent list: clear them on start.
  const cleaned = Promise.all([backupPath, recentPath].map((path) => (path ? removeStaleTemps(path) : 0))).catch(() => [0]);

  const needDialogs = (what: string): ProjectDialogs => {
    if (!options.dialogs) {
      throw new ServiceError('unsupported', `${what} needs the desktop app's file dialogs; in the browser, use the page's own open and download buttons.`);
    }
    return options.dialogs;
  };

  async function readRecent(): Promise<RecentEntry[]> {
    if (!recentPath) return [];
    try {
      const data = JSON.parse(await readFile(recentPath, 'utf8')) as unknown;
      return Array.isArray(data) ? data.filter((e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.openedAt === 'string') : [];
    } catch {
      return [];
    }
  }

  async function remember(path: string): Promise<void> {
    if (!recentPath) return;
    const list = [{ path, openedAt: now().toISOString() }, ...(await readRecent()).filter((e) => e.path !== path)].slice(0, RECENT_LIMIT);
    await mkdir(dirname(recentPath), { recursive: true });
    // The recent list is a convenience: failing to write it must not fail the open or save.
    await writer.write(recentPath, JSON.stringify(list, null, 2)).catch(() => undefined);
  }

  async function openPath(path: string): Promise<Extract<CallResponse<'project.open'>, { opened: true }>> {
    const name = basename(path);
    let text: string;
    try {
      const info = await stat(path);
      if (info.size > maxBytes) throw wordsError('too-large', projectWords('project.tooLarge', { name, size: info.size, max: maxBytes }));
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      const code = (error as { code?: string }).code;
      throw code === 'ENOENT'
        ? wordsError('not-found', projectWords('project.gone', { name }))
        : wordsError('read-failed', projectWords('project.readFailed', { name, detail: String((error as Error).message) }));
    }
    const result = parseProject(text, name);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message, result.error.field ? [{ field: result.error.field }] : undefined, wordsOf(result.error));
    await remember(path);
    void removeStaleTemps(path);
    return {
      opened: true,
      file: files.ref(path),
      project: trained.referProject(result.project),
      warnings: result.warnings,
      ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}),
    };
  }

  /** A file written by a newer Neurite is never overwritten, even when it replaced ours after we opened it. */
  async function refuseNewer(path: string): Promise<void> {
    let head: unknown;
    try {
      head = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return;
    }
    const version = (head as { format?: unknown; formatVersion?: unknown })?.formatVersion;
    if ((head as { format?: unknown })?.format === FORMAT && typeof version === 'number' && version > FORMAT_VERSION) {
      throw new ServiceError(
        'newer-version',
        `${basename(path)} was saved by a newer Neurite (format version ${version}); this version will not overwrite it. Use Save As to save a copy.`,
      );
    }
  }

  let backupWrite: Promise<unknown> = Promise.resolve();

  async function markCleanExit(): Promise<{ backedUp: boolean }> {
    const kept = await readFile(backupPath!, 'utf8').then((text) => JSON.parse(text) as BackupFile | null, () => null);
    if (!kept || typeof kept !== 'object' || !kept.project) return { backedUp: false };
    await writer.write(backupPath!, JSON.stringify({ ...kept, cleanExit: true }));
    return { backedUp: true };
  }

  async function clearBackup(): Promise<void> {
    if (backupPath) await writer.write(backupPath, JSON.stringify(null)).catch(() => undefined);
  }

  const handlers: ProjectHandlers = {
    'project.open': async ({ fileId }) => {
      const path = fileId ? files.path(fileId) : await needDialogs('Opening a project').showOpen({ title: t('dialog.openProject'), filters: projectFilters(t) });
      if (!path) return { opened: false };
      return openPath(path);
    },

    'project.save': async ({ project, fileId, saveAs }) => {
      let path = fileId && !saveAs ? files.path(fileId) : null;
      if (!path) {
        const defaultName = `${(project.name.trim() || 'untitled').replace(/[^\w.-]+/g, '-')}.neurite`;
        path = await needDialogs('Saving a project').showSave({ title: t('dialog.saveProject'), defaultName, filters: projectFilters(t) });
        if (!path) return { saved: false };
      }
      await refuseNewer(path);
      const savedAt = now().toISOString();
      const stamped: Project = { ...trained.resolveProject(project), format: FORMAT, formatVersion: FORMAT_VERSION, appVersion: options.appVersion, savedAt };
      await writer.write(path, `${JSON.stringify(stamped, null, 2)}\n`);
      await remember(path);
      await clearBackup();
      return { saved: true, file: files.ref(path), savedAt };
    },

    'project.recent': async () => {
      const out: CallResponse<'project.recent'> = [];
      for (const entry of await readRecent()) {
        const exists = await stat(entry.path).then(
          (s) => s.isFile(),
          () => false,
        );
        if (exists) out.push({ ...files.ref(entry.path), location: dirname(entry.path), openedAt: entry.openedAt });
      }
      return out;
    },

    'project.backup': ({ project, fileId, closed }) => {
      // A reloaded page asks for recovery while the old page's last backup may still be being written: it waits for it.
      const write = backupWrite.then(async () => {
        if (!backupPath) return { backedUp: false };
        await mkdir(dirname(backupPath), { recursive: true });
        if (!project && closed) return markCleanExit();
        if (!project) {
          await clearBackup();
          return { backedUp: false };
        }
        const backup: BackupFile = {
          backedUpAt: now().toISOString(),
          project: resolveForBackup(project),
          ...(fileId ? { path: files.path(fileId) } : {}),
          ...(closed ? { cleanExit: true } : {}),
        };
        await writer.write(backupPath, JSON.stringify(backup));
        return { backedUp: true };
      });
      backupWrite = write.catch(() => undefined);
      return write;
    },

    'project.recovery': async () => {
      await backupWrite;
      if (!backupPath) return null;
      let backup: BackupFile | null;
      try {
        backup = JSON.parse(await readFile(backupPath, 'utf8')) as BackupFile | null;
      } catch {
        return null;
      }
      if (!backup || typeof backup !== 'object' || !backup.project) return null;
      const result = parseProjectData(backup.project, 'The recovered project');
      if (!result.ok) return null;
      return {
        project: trained.referProject(result.project),
        backedUpAt: String(backup.backedUpAt),
        cleanExit: backup.cleanExit === true,
        warnings: result.warnings,
        ...(typeof backup.path === 'string' ? { file: files.ref(backup.path) } : {}),
      };
    },

    'project.importModel': async () => {
      const path = await needDialogs('Importing a model').showOpen({ title: t('dialog.importModel'), filters: [{ name: t('dialog.filter.layersModel'), extensions: ['json'] }] });
      return path ? importModelAt(path) : { imported: false };
    },

    // Issue 15: run records' inline weights are kept here too, not only the trained section's.
    'project.keep': async ({ project }) => ({ project: trained.referInline(project) }),

    'project.download': async ({ project }) => {
      const text = `${JSON.stringify({ ...trained.resolveProject(project), format: FORMAT, formatVersion: FORMAT_VERSION, appVersion: options.appVersion, savedAt: now().toISOString() }, null, 2)}\n`;
      return downloads.add(Buffer.from(text, 'utf8'));
    },

    'project.downloadChunk': async ({ downloadId, offset }) => downloads.chunk(downloadId, offset),

    'project.exportFiles': async ({ title, files: outputs }) => {
      const folder = await needDialogs('Exporting').showFolder({ title });
      if (!folder) return { saved: false };
      for (const file of outputs) {
        await writer.write(join(folder, file.name), file.encoding === 'base64' ? Buffer.from(file.data, 'base64') : file.data);
      }
      return { saved: true, folder: basename(folder) };
    },
  };

  async function importModelAt(path: string): Promise<CallResponse<'project.importModel'>> {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw wordsError('not-a-model', importWords('import.notModelJson', { file: basename(path), detail: (error as Error).message }));
    }
    const result = importLayersModel(json);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message, 'missing' in result.error ? result.error.missing : undefined, wordsOf(result.error));
    const folder = dirname(path);
    const realFolder = await realpath(folder).catch(() => folder);
    const chunks: Uint8Array[] = [];
    const warnings = [...result.model.warnings];
    for (const relative of weightFilePaths(json)) {
      // Weight files must sit beside model.json; a manifest cannot point main anywhere else, nor
      // can a symlink in the folder (it is followed only if it stays inside the folder).
      const weightPath = resolve(folder, relative);
      const realWeight = await realpath(weightPath).catch(() => weightPath);
      if (!weightPath.startsWith(folder + sep) || relative.includes('..') || !realWeight.startsWith(realFolder + sep)) {
        warnings.push(`Weight file ${relative} is outside the model's folder and was not read.`);
        chunks.length = 0;
        break;
      }
      try {
        chunks.push(await readFile(weightPath));
      } catch {
        warnings.push(`Weight file ${relative} was not found beside model.json; the model was imported without weights.`);
        chunks.length = 0;
        break;
      }
    }
    const data = chunks.length ? Buffer.concat(chunks) : null;
    // No training configuration in the file: Keras' compile() defaults (IMPORT_DEFAULTS).
    const base = { appVersion: options.appVersion, ...IMPORT_DEFAULTS };
    // The fit() settings left at defaults and the inputs the model expects (preprocessing.json beside it): as `neurite import` says them.
    warnings.push(...companionWarnings(result.model, await readPreprocessingCompanion(path, preprocessingFileName(json)), base));
    const project = projectFromImport(result.model, base, data ? new Uint8Array(data) : null, now().toISOString());
    if (!('format' in project)) throw new ServiceError(project.code, project.message, undefined, wordsOf(project));
    return {
      imported: true,
      model: {
        name: result.model.name,
        graph: result.model.graph,
        ...(result.model.training ? { training: result.model.training } : {}),
        warnings,
        ...(project.trained ? { project: trained.referProject(project) } : {}),
      },
    };
  }

  /** A backup keeps the weights when they are still here; losing them must not lose the rest of the work. */
  function resolveForBackup(project: WireProject): Project {
    return trained.resolveProjectLeniently(project).project;
  }

  return {
    handlers,
    files,
    trained,
    registerPath: (path) => files.register(path),
    openPath,
    importModelAt,
    cleaned: cleaned.then((n) => n.reduce((a, b) => a + b, 0)),
    backupWritten: () => backupWrite.then(() => undefined),
  };
}

/**
 * Prepared downloads for the browser host's page (`project.download`): at most four at once, each
 * forgotten after its last chunk or after ten minutes.
 */
class Downloads {
  static readonly CHUNK_BYTES = 4 * 1024 * 1024;
  private readonly pending = new Map<string, { bytes: Buffer; timer: NodeJS.Timeout }>();

  add(bytes: Buffer): { downloadId: string; size: number } {
    while (this.pending.size >= 4) this.drop(this.pending.keys().next().value!);
    const downloadId = `d${randomBytes(8).toString('hex')}`;
    const timer = setTimeout(() => this.drop(downloadId), 10 * 60_000);
    timer.unref?.();
    this.pending.set(downloadId, { bytes, timer });
    return { downloadId, size: bytes.length };
  }

  chunk(downloadId: string, offset: number): { data: string; done: boolean } {
    const entry = this.pending.get(downloadId);
    if (!entry) throw new ServiceError('unknown-download', `Download ${downloadId} is unknown or finished; save again.`);
    if (offset > entry.bytes.length) throw new ServiceError('bad-offset', `Download ${downloadId} has ${entry.bytes.length} bytes; offset ${offset} is past its end.`);
    const end = Math.min(entry.bytes.length, offset + Downloads.CHUNK_BYTES);
    const done = end === entry.bytes.length;
    const data = entry.bytes.subarray(offset, end).toString('base64');
    if (done) this.drop(downloadId);
    return { data, done };
  }

  private drop(downloadId: string): void {
    const entry = this.pending.get(downloadId);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(downloadId);
  }
}

/** Issue 16: a ServiceError from words as data (its English `message` and its id + params). */
function wordsError(code: string, words: { messageId: string; params: Record<string, string | number>; message: string }): ServiceError {
  return new ServiceError(code, words.message, undefined, words);
}

function wordsOf(error: { messageId?: string; params?: Record<string, string | number> }): { messageId: string; params?: Record<string, string | number> } | undefined {
  return error.messageId ? { messageId: error.messageId, params: error.params } : undefined;
}
