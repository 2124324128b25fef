import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallRequest, CallResponse, DataProgress } from '../../shared/api/contract';
import type { CsvDataset, ImagesDataset } from '../../shared/project/schema';
import { imageFolderHealth } from '../../shared/data/image-folder';
import type { Handlers } from '../services/dispatch';
import { processAlive } from '../files/process-alive';
import { ServiceError } from '../services/errors';
import { dataWords, type DataMessageId } from '../../shared/data/data-messages';
import { dataDir, sourceNotePath, storedFilePath } from './store';
import type { ImagesImportResult, ImportResult, RowsSample, WorkerReply, WorkerRequest } from './worker-protocol';
import type { ImageSourceRef } from './image-folder';

/** Files up to this size are embedded in the project, so it opens anywhere without the import store. */
export const EMBED_LIMIT_BYTES = 2 * 1024 * 1024;
/** Rows sent back to the editor for its data view and predict inputs. */
export const SAMPLE_ROWS = 2000;

/**
 * Resource bounds for clients holding the token (issue 11, finding 6). An upload holds no file
 * handle between chunks (each chunk opens, writes and closes), so open files are bounded by the
 * chunks in flight, not by uploads begun. At most MAX_OPEN_UPLOADS unfinished uploads exist at
 * once: a person uploads one file at a time, 8 leaves room for retries and several tabs, and
 * their `.part` files can then hold at most 8 × 4 GiB (the contract's size cap). An unfinished
 * upload idle for UPLOAD_IDLE_MS is deleted when room is needed (a chunk arrives at least every
 * few seconds during a real upload).
 */
export const MAX_OPEN_UPLOADS = 8;
/** Uploads remembered at once (finished ones wait for data.import); beyond it the least recently used finished one is dropped. */
export const MAX_HELD_UPLOADS = 64;
export const UPLOAD_IDLE_MS = 10 * 60 * 1000;
/**
 * CSV worker threads running at once: one per core but one (main keeps a core), at least 1, at
 * most 4 (each holds a parse of up to a whole file in memory). Further requests wait in a queue
 * of at most MAX_QUEUED_JOBS, beyond which they are refused with 'busy'.
 */
export const MAX_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));
export const MAX_QUEUED_JOBS = 32;

interface Upload {
  id: string;
  name: string;
  size: number;
  received: number;
  path: string;
  /** Still receiving chunks (browser upload). */
  open: boolean;
  /** Last chunk or begin, for idle expiry (ms since epoch). */
  touched: number;
  /** Chunks are applied one at a time, in arrival order, so two chunks at one offset can't both be written. */
  queue: Promise<unknown>;
  /** A file the user picked in the desktop dialog: read in place, never copied. */
  picked: boolean;
  /** Issue 14: a folder of class folders (picked in the desktop dialog) or a zip of one. */
  imageKind?: 'folder' | 'zip';
}

export interface DataServiceOptions {
  /** The import store; defaults to NEURITE_DATA_DIR or a folder in the temp dir. */
  dir?: string;
  /** Desktop only: shows the native open dialog and returns the chosen path (null when cancelled). */
  pickCsvFile?: () => Promise<string | null>;
  /** Issue 14, desktop only: the native dialog for a folder of class folders or a .zip of one (null when cancelled). */
  pickImageSource?: (kind: 'folder' | 'zip') => Promise<string | null>;
  emit?: (progress: DataProgress) => void;
  /** The built worker (out/main/csv-worker.js). */
  workerScript?: string;
  /** Preflight bound of an import in bytes (issue 12); default `importMemoryBound()`, half of this computer's memory. Tests set a small one. */
  memoryBoundBytes?: number;
}

/** Text rows the preview returns: the dialog shows the first 20, the data health report reads them all (issue 12). */
const PREVIEW_TEXT_ROWS = 1000;

export type DataCallName =
  | 'data.openCsv'
  | 'data.uploadBegin'
  | 'data.uploadChunk'
  | 'data.inspect'
  | 'data.import'
  | 'data.sample'
  | 'data.cancel'
  // issue 14: seeing it
  | 'data.images'
  // issue 14: image folders
  | 'data.openImages'
  | 'data.inspectImages'
  | 'data.importImages';

/**
 * CSV import on main's side: receives uploads (browser host) or picks files (desktop), and runs
 * every parse in a worker thread, relaying its progress as `data.progress` events. Main itself
 * only moves bytes and messages.
 */
export class DataService {
  readonly dir: string;
  private readonly uploads = new Map<string, Upload>();
  private emit: (progress: DataProgress) => void;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Imports running or queued, by upload id: aborting one terminates its worker (issue 12). */
  private readonly importing = new Map<string, AbortController>();
  /** Worker threads started so far (for tests and the security benchmark). */
  workersStarted = 0;
  /** Most worker threads alive at once so far. */
  peakWorkers = 0;

  constructor(private readonly options: DataServiceOptions = {}) {
    this.dir = options.dir ?? dataDir();
    mkdirSync(join(this.dir, 'uploads'), { recursive: true });
    mkdirSync(join(this.dir, 'files'), { recursive: true });
    removeOrphanParts(join(this.dir, 'uploads'));
    // The trainer process inherits this and finds the parsed cache there.
    process.env.NEURITE_DATA_DIR = this.dir;
    this.emit = options.emit ?? (() => undefined);
  }

  handlers(): Pick<Handlers, DataCallName> {
    return {
      'data.openCsv': () => this.openCsv(),
      'data.uploadBegin': (request) => this.uploadBegin(request),
      'data.uploadChunk': (request) => this.uploadChunk(request),
      'data.inspect': (request) => this.inspect(request),
      'data.import': (request) => this.importCsv(request),
      'data.sample': (request) => this.sample(request.dataset),
      'data.cancel': (request) => this.cancel(request.uploadId),
      // issue 14: seeing it
      'data.images': (request) => this.images(request),
      'data.openImages': (request) => this.openImages(request.kind),
      'data.inspectImages': (request) => this.inspectImages(request),
      'data.importImages': (request) => this.importImages(request),
    };
  }

  // ---- issue 14: image folders

  async openImages(kind: 'folder' | 'zip'): Promise<CallResponse<'data.openImages'>> {
    if (!this.options.pickImageSource) {
      throw new ServiceError('unsupported', 'This host has no folder dialog; upload a .zip of the folder with data.uploadBegin and data.uploadChunk.');
    }
    const path = await this.options.pickImageSource(kind);
    if (!path) return { upload: null };
    const info = await stat(path).catch(() => null);
    if (kind === 'folder' ? !info?.isDirectory() : !info?.isFile()) {
      throw refusal('not-found', kind === 'folder' ? 'dataService.notAFolder' : 'dataService.notAFile', { name: basename(path) });
    }
    const size = kind === 'zip' ? info!.size : 0;
    const upload: Upload = { id: newId(), name: basename(path), size, received: size, path, open: false, touched: Date.now(), queue: Promise.resolve(), picked: true, imageKind: kind };
    this.uploads.set(upload.id, upload);
    return { upload: { uploadId: upload.id, name: upload.name, size } };
  }

  /** The folder or zip of an upload: a picked one as it is, an uploaded file only when it is a .zip. */
  private imageSource(uploadId: string): { upload: Upload; source: ImageSourceRef } {
    const upload = this.completeUpload(uploadId);
    const kind = upload.imageKind ?? (upload.name.toLowerCase().endsWith('.zip') ? 'zip' : null);
    if (!kind) {
      throw refusal('not-a-zip', 'dataService.notAZip', { name: upload.name });
    }
    return { upload, source: { path: upload.path, kind, name: upload.name } };
  }

  async inspectImages({ uploadId, size }: CallRequest<'data.inspectImages'>): Promise<CallResponse<'data.inspectImages'>> {
    const { upload, source } = this.imageSource(uploadId);
    const reply = await this.runWorker({ type: 'images-inspect', source, ...(size ? { size } : {}) }, (p) => this.emit({ uploadId: upload.id, ...p }));
    if (reply.type !== 'images-inspected') throw unexpected(reply);
    const { summary, defaults, size: chosen, preview } = reply.inspection;
    return {
      summary,
      defaults,
      size: chosen,
      preview: preview.map((p) => ({ classIndex: p.classIndex, file: p.file, pixels: Buffer.from(p.pixels.buffer, p.pixels.byteOffset, p.pixels.byteLength).toString('base64') })),
      health: imageFolderHealth(summary, chosen),
    };
  }

  async importImages(request: CallRequest<'data.importImages'>): Promise<CallResponse<'data.importImages'>> {
    const { upload, source } = this.imageSource(request.uploadId);
    if (this.importing.has(upload.id)) throw refusal('import-running', 'dataService.importRunning', { name: upload.name });
    const progress = (p: Omit<DataProgress, 'uploadId'>) => this.emit({ uploadId: upload.id, ...p });
    const abort = new AbortController();
    const jobId = newId();
    this.importing.set(upload.id, abort);
    let result: ImagesImportResult;
    try {
      const reply = await this.runWorker({ type: 'images-import', source, size: request.size, dataDir: this.dir, jobId, embedLimitBytes: EMBED_LIMIT_BYTES }, progress, abort.signal);
      if (reply.type !== 'images-imported') throw unexpected(reply);
      if (abort.signal.aborted) throw cancelledError(upload.name);
      result = reply.result;
    } catch (error) {
      const cancelled = (error as { code?: unknown }).code === 'cancelled';
      if (cancelled) await removeTempFiles(join(this.dir, 'images'), jobId);
      progress({ phase: cancelled ? 'cancelled' : 'failed', bytes: 0, totalBytes: 1, rows: 0 });
      throw error;
    } finally {
      this.importing.delete(upload.id);
    }
    const { summary } = result;
    const dataset: ImagesDataset = {
      kind: 'images',
      // No `path`: a project is shared, and an absolute path would leak the user's folders (as for CSV);
      // this computer remembers where a picked folder came from in sources/<sha256>.path.
      source: { kind: 'folder', name: upload.name, sha256: result.sha256, size: result.size, ...(result.embedded !== undefined ? { embedded: result.embedded } : {}) },
      height: request.size.height,
      width: request.size.width,
      channels: request.size.channels,
      maxValue: 255,
      classNames: summary.classNames,
      rows: result.rows,
      labelEncoding: request.labelEncoding,
      scaling: request.scaling ?? 'unit',
      transform: result.transform,
      // Kept in the project for the Data tab's Health view (trial 5, F10).
      importReport: summary,
    };
    if (upload.picked) await rememberSource(this.dir, result.sha256, upload.path);
    // The packed copy is what training reads: an uploaded zip is not needed any more.
    else await this.discard(upload);
    progress({ phase: 'done', bytes: result.rows, totalBytes: result.rows, rows: result.rows });
    return { dataset, summary, health: imageFolderHealth(summary, request.size) };
  }
  // ---- end issue 14: image folders

  async openCsv(): Promise<CallResponse<'data.openCsv'>> {
    if (!this.options.pickCsvFile) {
      throw new ServiceError('unsupported', 'This host has no file dialog; upload the file with data.uploadBegin and data.uploadChunk.');
    }
    const path = await this.options.pickCsvFile();
    if (!path) return { upload: null };
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw refusal('not-found', 'dataService.notAFile', { name: basename(path) });
    const upload: Upload = { id: newId(), name: basename(path), size: info.size, received: info.size, path, open: false, touched: Date.now(), queue: Promise.resolve(), picked: true };
    this.uploads.set(upload.id, upload);
    return { upload: { uploadId: upload.id, name: upload.name, size: upload.size } };
  }

  async uploadBegin({ name, size }: CallRequest<'data.uploadBegin'>): Promise<CallResponse<'data.uploadBegin'>> {
    const unfinished = () => [...this.uploads.values()].filter((u) => u.open);
    if (unfinished().length >= MAX_OPEN_UPLOADS) {
      const now = Date.now();
      for (const upload of unfinished()) if (now - upload.touched > UPLOAD_IDLE_MS) await this.discard(upload);
    }
    if (unfinished().length >= MAX_OPEN_UPLOADS) {
      throw refusal('too-many-uploads', 'dataService.tooManyUploads', { count: MAX_OPEN_UPLOADS, minutes: UPLOAD_IDLE_MS / 60000 });
    }
    while (this.uploads.size >= MAX_HELD_UPLOADS) {
      const idle = [...this.uploads.values()].filter((u) => !u.open).sort((a, b) => a.touched - b.touched)[0];
      if (!idle) break;
      await this.discard(idle);
    }
    const id = newId();
    // The pid in the name lets a later start tell an orphan (its host died) from a live upload.
    const path = join(this.dir, 'uploads', `${process.pid}-${id}.part`);
    await writeFile(path, '', { flag: 'wx' });
    this.uploads.set(id, { id, name, size, received: 0, path, open: true, touched: Date.now(), queue: Promise.resolve(), picked: false });
    if (size === 0) this.uploads.get(id)!.open = false;
    return { uploadId: id, name, size };
  }

  async uploadChunk(request: CallRequest<'data.uploadChunk'>): Promise<CallResponse<'data.uploadChunk'>> {
    const upload = this.getUpload(request.uploadId);
    const next = upload.queue.catch(() => undefined).then(() => this.writeChunk(upload, request));
    upload.queue = next;
    return next;
  }

  private async writeChunk(upload: Upload, { offset, data }: CallRequest<'data.uploadChunk'>): Promise<CallResponse<'data.uploadChunk'>> {
    if (this.uploads.get(upload.id) !== upload) throw refusal('no-upload', 'dataService.uploadCancelled', { name: upload.name });
    if (!upload.open) throw new ServiceError('upload-closed', `Upload ${upload.name} is already complete.`);
    if (offset !== upload.received) {
      throw new ServiceError('upload-order', `Upload ${upload.name}: expected the chunk at byte ${upload.received}, got one at byte ${offset}. Send chunks in order, one at a time.`);
    }
    const bytes = Buffer.from(data, 'base64');
    if (upload.received + bytes.length > upload.size) {
      throw new ServiceError('upload-size', `Upload ${upload.name}: the chunks add up to more than the ${upload.size} bytes announced.`);
    }
    upload.touched = Date.now();
    const handle = await open(upload.path, 'r+');
    try {
      await handle.write(bytes, 0, bytes.length, offset);
    } finally {
      await handle.close();
    }
    upload.received += bytes.length;
    upload.touched = Date.now();
    if (upload.received === upload.size) upload.open = false;
    return { received: upload.received };
  }

  async inspect({ uploadId, delimiter, header, encoding, numberFormat, sheet }: CallRequest<'data.inspect'>): Promise<CallResponse<'data.inspect'>> {
    const upload = this.completeUpload(uploadId);
    const reply = await this.runWorker({ type: 'preview', path: upload.path, options: { delimiter, header, encoding, numberFormat, maxRows: PREVIEW_TEXT_ROWS, fileName: upload.name }, ...(sheet !== undefined ? { sheet } : {}) });
    if (reply.type !== 'preview') throw unexpected(reply);
    return reply.preview;
  }

  async importCsv(request: CallRequest<'data.import'>): Promise<CallResponse<'data.import'>> {
    const upload = this.completeUpload(request.uploadId);
    if (this.importing.has(upload.id)) throw refusal('import-running', 'dataService.importRunning', { name: upload.name });
    const config = {
      delimiter: request.delimiter,
      header: request.header,
      columns: request.columns,
      ...(request.text ? { text: request.text } : {}),
      ...(request.numberFormat ? { numberFormat: request.numberFormat } : {}),
    };
    const progress = (p: Omit<DataProgress, 'uploadId'>) => this.emit({ uploadId: upload.id, ...p });
    const abort = new AbortController();
    const jobId = newId();
    this.importing.set(upload.id, abort);
    let result: ImportResult;
    try {
      const reply = await this.runWorker(
        {
          type: 'import',
          path: upload.path,
          config,
          dataDir: this.dir,
          sampleRows: SAMPLE_ROWS,
          ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
          embedLimitBytes: EMBED_LIMIT_BYTES,
          name: upload.name,
          jobId,
          memoryBound: this.options.memoryBoundBytes,
        },
        (p) => progress(p),
        abort.signal,
      );
      if (reply.type !== 'imported') throw unexpected(reply);
      if (abort.signal.aborted) throw cancelledError(upload.name);
      result = reply.result;
    } catch (error) {
      const cancelled = (error as { code?: unknown }).code === 'cancelled';
      // The worker is gone: a cache file it was writing is only a temp file, tagged with the job.
      if (cancelled) await removeTempFiles(join(this.dir, 'parsed'), jobId);
      progress({ phase: cancelled ? 'cancelled' : 'failed', bytes: 0, totalBytes: upload.size, rows: 0 });
      throw error;
    } finally {
      this.importing.delete(upload.id);
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
    // A workbook is not text: a small sheet is embedded as CSV text in the dataset's delimiter, made by the worker (issue 12, xlsx).
    // Text is embedded decoded (UTF-16 too), so the project re-reads it without the original bytes.
    const encoding = request.text?.encoding ?? 'utf-8';
    const embedded =
      result.sheet !== undefined
        ? result.embedded
        : result.size <= EMBED_LIMIT_BYTES
          ? encoding === 'utf-8'
            ? await readFile(upload.path, 'utf8')
            : new TextDecoder(encoding).decode(await readFile(upload.path))
          : undefined;
    const dataset: CsvDataset = {
      kind: 'csv',
      file: { name: upload.name, size: result.size, sha256: result.sha256 },
      ...config,
      normalize: request.normalize,
      labelEncoding: result.transform.classNames ? request.classLabels : 'value',
      transform: result.transform,
      rows: result.rows,
      ...(result.droppedRows ? { droppedRows: result.droppedRows } : {}),
      ...(embedded !== undefined ? { embedded } : {}),
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
      // No `path`: a project is shared, and an absolute path would leak the user's folders. The
      // parsed cache (and the source note below) let this computer re-read the data by hash.
    };
    if (upload.picked) await rememberSource(this.dir, result.sha256, upload.path);
    progress({ phase: 'done', bytes: result.size, totalBytes: result.size, rows: result.rows });
    return { dataset, sample: result.sample, ...(result.classCounts ? { classCounts: result.classCounts } : {}), ...(result.droppedRows ? { droppedRows: result.droppedRows } : {}) };
  }

  /** Stops this upload's import (issue 12): its worker is terminated and `importCsv` rejects with `cancelled`. */
  async cancel(uploadId: string): Promise<CallResponse<'data.cancel'>> {
    const abort = this.importing.get(uploadId);
    if (!abort || abort.signal.aborted) return { cancelled: false };
    abort.abort();
    return { cancelled: true };
  }

  async sample(dataset: CsvDataset): Promise<RowsSample> {
    const reply = await this.runWorker({ type: 'sample', spec: dataset, dataDir: this.dir, sampleRows: SAMPLE_ROWS });
    if (reply.type !== 'sample') throw unexpected(reply);
    return reply.sample;
  }

  /** Issue 14 (seeing it): a range of an image dataset's raw images, read in a worker thread (image-range.ts). */
  async images({ dataset, start, count }: CallRequest<'data.images'>): Promise<CallResponse<'data.images'>> {
    const reply = await this.runWorker({ type: 'images', spec: dataset, start, count, dataDir: this.dir });
    if (reply.type !== 'images') throw unexpected(reply);
    return reply.images;
  }

  /** Deletes every upload's `.part` file (finished but not imported, or unfinished) and forgets them; call on shutdown. */
  async dispose(): Promise<void> {
    for (const upload of [...this.uploads.values()]) await this.discard(upload);
    this.uploads.clear();
  }

  // issue 18: import training run
  /**
   * The files of finished uploads by file name (a training package's result uploaded file by file:
   * training-log.jsonl, model.json, weights.bin), for a reader that opens them by name. Errors:
   * `no-upload`, `upload-incomplete`, `duplicate-name` (two uploads of one name: which to use is unclear).
   */
  uploadedFiles(uploadIds: readonly string[]): Record<string, string> {
    const files: Record<string, string> = {};
    for (const id of uploadIds) {
      const upload = this.completeUpload(id);
      if (Object.hasOwn(files, upload.name)) throw refusal('duplicate-name', 'dataService.duplicateName', { name: upload.name });
      files[upload.name] = upload.path;
    }
    return files;
  }

  /** Lets go of uploads once read (their files are deleted; a picked file is never touched). Unknown ids are ignored. */
  async discardUploads(uploadIds: readonly string[]): Promise<void> {
    for (const id of uploadIds) {
      const upload = this.uploads.get(id);
      if (upload) await this.discard(upload);
    }
  }

  /** Unfinished uploads right now (for tests and the security benchmark). */
  get openUploads(): number {
    return [...this.uploads.values()].filter((u) => u.open).length;
  }

  /** Forgets an upload and deletes its `.part` file (finished or not; an imported one has moved to files/). */
  private async discard(upload: Upload): Promise<void> {
    this.uploads.delete(upload.id);
    upload.open = false;
    await upload.queue.catch(() => undefined);
    if (!upload.picked && upload.path.endsWith('.part')) await rm(upload.path, { force: true });
  }

  private getUpload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw refusal('no-upload', 'dataService.noUpload', { id: uploadId });
    return upload;
  }

  private completeUpload(uploadId: string): Upload {
    const upload = this.getUpload(uploadId);
    if (upload.received !== upload.size) {
      throw refusal('upload-incomplete', 'dataService.uploadIncomplete', { name: upload.name, received: upload.received, size: upload.size });
    }
    return upload;
  }

  /** Runs one request in a worker thread, at most MAX_WORKERS at once; refuses beyond MAX_QUEUED_JOBS waiting. */
  private async runWorker(request: WorkerRequest, onProgress?: (p: Extract<WorkerReply, { type: 'progress' }>['progress']) => void, signal?: AbortSignal): Promise<WorkerReply> {
    if (this.running >= MAX_WORKERS) {
      if (this.waiting.length >= MAX_QUEUED_JOBS) {
        throw refusal('busy', 'dataService.busy', { running: MAX_WORKERS, waiting: MAX_QUEUED_JOBS });
      }
      // A queued import that is cancelled leaves the queue at once.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(cancelledError(request.type === 'import' ? request.name : request.type === 'images-import' ? request.source.name : undefined));
        };
        const waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    if (signal?.aborted) {
      this.waiting.shift()?.();
      throw cancelledError(request.type === 'import' ? request.name : request.type === 'images-import' ? request.source.name : undefined);
    }
    this.running++;
    this.workersStarted++;
    this.peakWorkers = Math.max(this.peakWorkers, this.running);
    try {
      return await this.startWorker(request, onProgress, signal);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private startWorker(request: WorkerRequest, onProgress?: (p: Extract<WorkerReply, { type: 'progress' }>['progress']) => void, signal?: AbortSignal): Promise<WorkerReply> {
    const worker = new Worker(this.options.workerScript ?? defaultWorkerScript());
    return new Promise<WorkerReply>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      // Cancelling waits for the worker to be gone, so nothing it was writing changes afterwards.
      const onAbort = () => {
        if (settled) return;
        settled = true;
        void worker.terminate().finally(() => reject(cancelledError(request.type === 'import' ? request.name : request.type === 'images-import' ? request.source.name : undefined)));
      };
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onProgress?.(reply.progress);
        else if (reply.type === 'error') {
          const where = reply.error.line !== undefined || reply.error.column !== undefined ? [{ line: reply.error.line, column: reply.error.column }] : undefined;
          const { messageId, params } = reply.error;
          settle(() => reject(new ServiceError(reply.error.code, reply.error.message, where, messageId ? { messageId, params } : undefined)));
        } else settle(() => resolve(reply));
      });
      worker.on('error', (error) => settle(() => reject(refusal('import-failed', 'dataService.workerFailed', { detail: error.message }))));
      worker.on('exit', (code) => settle(() => reject(refusal('import-failed', 'dataService.workerStopped', { exitCode: String(code) }))));
      worker.postMessage(request);
    });
  }
}

/**
 * Deletes `.part` files left by a host that is no longer running (killed, crashed): their name
 * starts with the pid that wrote them. Files of a live process (another host sharing the
 * folder) are left alone; names without a pid (older versions) are orphans by definition.
 */
export function removeOrphanParts(folder: string): number {
  let removed = 0;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.endsWith('.part')) continue;
    const pid = Number(/^(\d+)-/.exec(entry)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue;
    if (pid === process.pid) continue;
    try {
      rmSync(join(folder, entry), { force: true });
      removed++;
    } catch {
      // Someone else's file, or already gone.
    }
  }
  return removed;
}

async function rememberSource(dir: string, sha256: string, path: string): Promise<void> {
  try {
    mkdirSync(join(dir, 'sources'), { recursive: true });
    await writeFile(sourceNotePath(dir, sha256), path, 'utf8');
  } catch {
    // Only costs a re-import if the parsed cache is ever lost.
  }
}

function cancelledError(name: string | undefined): ServiceError {
  return name === undefined ? refusal('cancelled', 'dataService.cancelledFile') : refusal('cancelled', 'dataService.cancelled', { name });
}

/** Deletes `<anything>.<tag>.tmp` in `folder` (a cancelled job's unfinished cache file). */
async function removeTempFiles(folder: string, tag: string): Promise<void> {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) if (entry.endsWith(`.${tag}.tmp`)) await rm(join(folder, entry), { force: true });
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

/** Issue 16: a refusal with its words as data (DATA_MESSAGES_EN, src/shared/data/data-messages.ts): the English `message` and its id + params. */
function refusal(code: string, id: DataMessageId, params: Record<string, string | number> = {}): ServiceError {
  const words = dataWords(id, params);
  return new ServiceError(code, words.message, undefined, words);
}
