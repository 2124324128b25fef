import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallRequest, CallResponse, DataProgress } from '../../shared/api/contract';
import type { CsvDataset } from '../../shared/project/schema';
import type { Handlers } from '../services/dispatch';
import { ServiceError } from '../services/errors';
import { dataDir, storedFilePath } from './store';
import type { ImportResult, RowsSample, WorkerReply, WorkerRequest } from './worker-protocol';

/** Files up to this size are embedded in the project, so it opens anywhere without the import store. */
export const EMBED_LIMIT_BYTES = 2 * 1024 * 1024;
/** Rows sent back to the editor for its data view and predict inputs. */
export const SAMPLE_ROWS = 2000;

interface Upload {
  id: string;
  name: string;
  size: number;
  received: number;
  path: string;
  /** Set while a browser upload is being written. */
  handle: FileHandle | null;
  /** A file the user picked in the desktop dialog: remembered in the spec so the trainer can re-read it. */
  picked: boolean;
}

export interface DataServiceOptions {
  /** The import store; defaults to NEURITE_DATA_DIR or a folder in the temp dir. */
  dir?: string;
  /** Desktop only: shows the native open dialog and returns the chosen path (null when cancelled). */
  pickCsvFile?: () => Promise<string | null>;
  emit?: (progress: DataProgress) => void;
  /** The built worker (out/main/csv-worker.js). */
  workerScript?: string;
}

export type DataCallName = 'data.openCsv' | 'data.uploadBegin' | 'data.uploadChunk' | 'data.inspect' | 'data.import' | 'data.sample';

/**
 * CSV import on main's side: receives uploads (browser host) or picks files (desktop), and runs
 * every parse in a worker thread, relaying its progress as `data.progress` events. Main itself
 * only moves bytes and messages.
 */
export class DataService {
  readonly dir: string;
  private readonly uploads = new Map<string, Upload>();
  private emit: (progress: DataProgress) => void;

  constructor(private readonly options: DataServiceOptions = {}) {
    this.dir = options.dir ?? dataDir();
    mkdirSync(join(this.dir, 'uploads'), { recursive: true });
    mkdirSync(join(this.dir, 'files'), { recursive: true });
    // The trainer process inherits this and finds the parsed cache there.
    process.env.NEURITE_DATA_DIR = this.dir;
    this.emit = options.emit ?? (() => undefined);
  }

  setEmitter(emit: (progress: DataProgress) => void): void {
    this.emit = emit;
  }

  handlers(): Pick<Handlers, DataCallName> {
    return {
      'data.openCsv': () => this.openCsv(),
      'data.uploadBegin': (request) => this.uploadBegin(request),
      'data.uploadChunk': (request) => this.uploadChunk(request),
      'data.inspect': (request) => this.inspect(request),
      'data.import': (request) => this.importCsv(request),
      'data.sample': (request) => this.sample(request.dataset),
    };
  }

  async openCsv(): Promise<CallResponse<'data.openCsv'>> {
    if (!this.options.pickCsvFile) {
      throw new ServiceError('unsupported', 'This host has no file dialog; upload the file with data.uploadBegin and data.uploadChunk.');
    }
    const path = await this.options.pickCsvFile();
    if (!path) return { upload: null };
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new ServiceError('not-found', `Cannot read ${basename(path)}: it is not a file.`);
    const upload: Upload = { id: newId(), name: basename(path), size: info.size, received: info.size, path, handle: null, picked: true };
    this.uploads.set(upload.id, upload);
    return { upload: { uploadId: upload.id, name: upload.name, size: upload.size } };
  }

  async uploadBegin({ name, size }: CallRequest<'data.uploadBegin'>): Promise<CallResponse<'data.uploadBegin'>> {
    const id = newId();
    const path = join(this.dir, 'uploads', `${id}.part`);
    const handle = await open(path, 'w');
    this.uploads.set(id, { id, name, size, received: 0, path, handle, picked: false });
    return { uploadId: id, name, size };
  }

  async uploadChunk({ uploadId, offset, data }: CallRequest<'data.uploadChunk'>): Promise<CallResponse<'data.uploadChunk'>> {
    const upload = this.getUpload(uploadId);
    if (!upload.handle) throw new ServiceError('upload-closed', `Upload ${upload.name} is already complete.`);
    if (offset !== upload.received) {
      throw new ServiceError('upload-order', `Upload ${upload.name}: expected the chunk at byte ${upload.received}, got one at byte ${offset}. Send chunks in order.`);
    }
    const bytes = Buffer.from(data, 'base64');
    if (upload.received + bytes.length > upload.size) {
      throw new ServiceError('upload-size', `Upload ${upload.name}: the chunks add up to more than the ${upload.size} bytes announced.`);
    }
    await upload.handle.write(bytes, 0, bytes.length, offset);
    upload.received += bytes.length;
    if (upload.received === upload.size) {
      await upload.handle.close();
      upload.handle = null;
    }
    return { received: upload.received };
  }

  async inspect({ uploadId, delimiter, header }: CallRequest<'data.inspect'>): Promise<CallResponse<'data.inspect'>> {
    const upload = this.completeUpload(uploadId);
    const reply = await this.runWorker({ type: 'preview', path: upload.path, options: { delimiter, header, maxRows: 20 } });
    if (reply.type !== 'preview') throw unexpected(reply);
    return reply.preview;
  }

  async importCsv(request: CallRequest<'data.import'>): Promise<CallResponse<'data.import'>> {
    const upload = this.completeUpload(request.uploadId);
    const config = { delimiter: request.delimiter, header: request.header, columns: request.columns, oneHotFeatures: request.oneHotFeatures };
    const progress = (p: Omit<DataProgress, 'uploadId'>) => this.emit({ uploadId: upload.id, ...p });
    let result: ImportResult;
    try {
      const reply = await this.runWorker({ type: 'import', path: upload.path, config, dataDir: this.dir, sampleRows: SAMPLE_ROWS }, (p) => progress(p));
      if (reply.type !== 'imported') throw unexpected(reply);
      result = reply.result;
    } catch (error) {
      progress({ phase: 'failed', bytes: 0, totalBytes: upload.size, rows: 0 });
      throw error;
    }
    if (!upload.picked) {
      // Keep the upload under its hash so the trainer (and a later re-import) can read it again.
      const stored = storedFilePath(this.dir, result.sha256);
      if (upload.path !== stored) {
        if (existsSync(stored)) await rm(upload.path, { force: true });
        else await rename(upload.path, stored);
        upload.path = stored;
      }
    }
    const embedded = result.size <= EMBED_LIMIT_BYTES ? await readFile(upload.path, 'utf8') : undefined;
    const dataset: CsvDataset = {
      kind: 'csv',
      file: { name: upload.name, size: result.size, sha256: result.sha256 },
      ...config,
      normalize: request.normalize,
      labelEncoding: result.transform.classNames ? request.classLabels : 'value',
      transform: result.transform,
      rows: result.rows,
      ...(embedded !== undefined ? { embedded } : {}),
      ...(upload.picked ? { path: upload.path } : {}),
    };
    progress({ phase: 'done', bytes: result.size, totalBytes: result.size, rows: result.rows });
    return { dataset, sample: result.sample, ...(result.classCounts ? { classCounts: result.classCounts } : {}) };
  }

  async sample(dataset: CsvDataset): Promise<RowsSample> {
    const reply = await this.runWorker({ type: 'sample', spec: dataset, dataDir: this.dir, sampleRows: SAMPLE_ROWS });
    if (reply.type !== 'sample') throw unexpected(reply);
    return reply.sample;
  }

  /** Closes open uploads and deletes unfinished ones. */
  async dispose(): Promise<void> {
    for (const upload of this.uploads.values()) {
      if (upload.handle) {
        await upload.handle.close().catch(() => undefined);
        await rm(upload.path, { force: true });
      }
    }
    this.uploads.clear();
  }

  private getUpload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new ServiceError('no-upload', `There is no upload ${uploadId}: choose the file again.`);
    return upload;
  }

  private completeUpload(uploadId: string): Upload {
    const upload = this.getUpload(uploadId);
    if (upload.received !== upload.size) {
      throw new ServiceError('upload-incomplete', `Upload ${upload.name} is incomplete: ${upload.received} of ${upload.size} bytes arrived. Choose the file again.`);
    }
    return upload;
  }

  private runWorker(request: WorkerRequest, onProgress?: (p: Extract<WorkerReply, { type: 'progress' }>['progress']) => void): Promise<WorkerReply> {
    const worker = new Worker(this.options.workerScript ?? defaultWorkerScript());
    return new Promise<WorkerReply>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        void worker.terminate();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onProgress?.(reply.progress);
        else if (reply.type === 'error') {
          const where = reply.error.line !== undefined || reply.error.column !== undefined ? [{ line: reply.error.line, column: reply.error.column }] : undefined;
          settle(() => reject(new ServiceError(reply.error.code, reply.error.message, where)));
        } else settle(() => resolve(reply));
      });
      worker.on('error', (error) => settle(() => reject(new ServiceError('import-failed', `The CSV import worker failed: ${error.message}`))));
      worker.on('exit', (code) => settle(() => reject(new ServiceError('import-failed', `The CSV import worker stopped (exit code ${code}) before answering.`))));
      worker.postMessage(request);
    });
  }
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

function unexpected(reply: WorkerReply): ServiceError {
  return new ServiceError('import-failed', `The CSV import worker answered ${reply.type} unexpectedly.`);
}

/** out/main/csv-worker.js, whether this code was bundled into an entry (out/main) or a shared chunk (out/main/chunks). */
export function defaultWorkerScript(): string {
  const beside = join(__dirname, 'csv-worker.js');
  if (existsSync(beside)) return beside;
  return join(__dirname, '..', 'csv-worker.js');
}
