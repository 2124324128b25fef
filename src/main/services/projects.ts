import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { CallRequest, CallResponse } from '../../shared/api/contract';
import { parseProject, parseProjectData } from '../../shared/project/load';
import { FORMAT, FORMAT_VERSION, type Project } from '../../shared/project/schema';
import { AtomicWriter, removeStaleTemps } from '../files/atomic-write';
import { importLayersModel, projectFromImport, weightFilePaths } from '../../shared/import/layers-model';
import { ServiceError } from './errors';

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
}

export const PROJECT_FILTERS = [{ name: 'Neurite project', extensions: ['neurite'] }];
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
  project: unknown;
}

type ProjectCallName = 'project.open' | 'project.save' | 'project.recent' | 'project.backup' | 'project.recovery' | 'project.importModel' | 'project.exportFiles';
export type ProjectHandlers = { [N in ProjectCallName]: (request: CallRequest<N>) => Promise<CallResponse<N>> };

export interface ProjectService {
  handlers: ProjectHandlers;
  files: FileRegistry;
  /** A path from the command line, a second launch or the OS (open-file): registers it for the renderer to open. */
  registerPath(path: string): string;
  /** Reads and parses a project at a registered path; shared by project.open and tests. */
  openPath(path: string): Promise<Extract<CallResponse<'project.open'>, { opened: true }>>;
  /** Converts a model.json at a path (and the weight files beside it). */
  importModelAt(path: string): Promise<CallResponse<'project.importModel'>>;
}

export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const files = new FileRegistry();
  const writer = options.writer ?? new AtomicWriter();
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxFileBytes ?? 512 * 1024 * 1024;
  const recentPath = options.dataDir ? join(options.dataDir, 'recent.json') : null;
  const backupPath = options.dataDir ? join(options.dataDir, 'recovery', 'backup.json') : null;

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
      if (info.size > maxBytes) throw new ServiceError('too-large', `${name} is ${info.size} bytes; Neurite opens project files up to ${maxBytes} bytes.`);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      const code = (error as { code?: string }).code;
      throw new ServiceError(code === 'ENOENT' ? 'not-found' : 'read-failed', `Could not read ${name}: ${code === 'ENOENT' ? 'the file no longer exists' : String((error as Error).message)}.`);
    }
    const result = parseProject(text, name);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message, result.error.field ? [{ field: result.error.field }] : undefined);
    await remember(path);
    void removeStaleTemps(path);
    return {
      opened: true,
      file: files.ref(path),
      project: result.project,
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

  async function clearBackup(): Promise<void> {
    if (backupPath) await writer.write(backupPath, JSON.stringify(null)).catch(() => undefined);
  }

  const handlers: ProjectHandlers = {
    'project.open': async ({ fileId }) => {
      const path = fileId ? files.path(fileId) : await needDialogs('Opening a project').showOpen({ title: 'Open project', filters: PROJECT_FILTERS });
      if (!path) return { opened: false };
      return openPath(path);
    },

    'project.save': async ({ project, fileId, saveAs }) => {
      let path = fileId && !saveAs ? files.path(fileId) : null;
      if (!path) {
        const defaultName = `${(project.name.trim() || 'untitled').replace(/[^\w.-]+/g, '-')}.neurite`;
        path = await needDialogs('Saving a project').showSave({ title: 'Save project', defaultName, filters: PROJECT_FILTERS });
        if (!path) return { saved: false };
      }
      await refuseNewer(path);
      const savedAt = now().toISOString();
      const stamped: Project = { ...project, format: FORMAT, formatVersion: FORMAT_VERSION, appVersion: options.appVersion, savedAt };
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

    'project.backup': async ({ project, fileId }) => {
      if (!backupPath) return { backedUp: false };
      await mkdir(dirname(backupPath), { recursive: true });
      if (!project) {
        await clearBackup();
        return { backedUp: false };
      }
      const backup: BackupFile = { backedUpAt: now().toISOString(), project, ...(fileId ? { path: files.path(fileId) } : {}) };
      await writer.write(backupPath, JSON.stringify(backup));
      return { backedUp: true };
    },

    'project.recovery': async () => {
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
        project: result.project,
        backedUpAt: String(backup.backedUpAt),
        warnings: result.warnings,
        ...(typeof backup.path === 'string' ? { file: files.ref(backup.path) } : {}),
      };
    },

    'project.importModel': async () => {
      const path = await needDialogs('Importing a model').showOpen({ title: 'Import model.json', filters: [{ name: 'TensorFlow.js layers model', extensions: ['json'] }] });
      return path ? importModelAt(path) : { imported: false };
    },

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
      throw new ServiceError('not-a-model', `${basename(path)} is not a model.json: ${(error as Error).message}.`);
    }
    const result = importLayersModel(json);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message, 'missing' in result.error ? result.error.missing : undefined);
    const folder = dirname(path);
    const chunks: Uint8Array[] = [];
    const warnings = [...result.model.warnings];
    for (const relative of weightFilePaths(json)) {
      // Weight files must sit beside model.json; a manifest cannot point main anywhere else.
      const weightPath = resolve(folder, relative);
      if (!weightPath.startsWith(folder + sep) || relative.includes('..')) {
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
    const base = {
      appVersion: options.appVersion,
      training: result.model.training ?? {
        optimizer: { type: 'adam' as const, learningRate: 0.001 },
        loss: 'meanSquaredError' as const,
        metrics: [],
        epochs: 10,
        batchSize: 32,
        validationSplit: 0,
        splitMode: 'shuffle' as const,
        testSplit: 0,
        shuffle: true,
        seed: 1,
      },
      dataset: { kind: 'generator' as const, generator: 'linear' as const, seed: 1 },
    };
    const project = projectFromImport(result.model, base, data ? new Uint8Array(data) : null, now().toISOString());
    if (!('format' in project)) throw new ServiceError(project.code, project.message);
    return {
      imported: true,
      model: {
        name: result.model.name,
        graph: result.model.graph,
        ...(result.model.training ? { training: result.model.training } : {}),
        warnings,
        ...(project.trained ? { project } : {}),
      },
    };
  }

  return { handlers, files, registerPath: (path) => files.register(path), openPath, importModelAt };
}
