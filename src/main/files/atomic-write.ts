import * as nodeFs from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ServiceError } from '../services/errors';
import { processAlive } from './process-alive';

/**
 * The few file-system calls an atomic save makes. Real `fs/promises` by default; tests pass a
 * wrapper that fails one call on purpose (a full disk, a read-only folder, a crash before the
 * rename) while everything else still hits real files.
 */
export interface FileHandleLike {
  writeFile(data: Uint8Array | string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number }>;
}

export const realFs: AtomicFs = {
  open: (path, flags, mode) => nodeFs.open(path, flags, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
  stat: (path) => nodeFs.stat(path),
};

const TEMP_MARK = '.neurite-save-';

/** Temp files live beside the target so the final rename stays on one file system (and so is atomic). */
export function tempPathFor(target: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${random}.tmp`);
}

export function isTempFileFor(target: string, candidate: string): boolean {
  return basename(candidate).startsWith(`.${basename(target)}${TEMP_MARK}`) && candidate.endsWith('.tmp');
}

/** A save that failed, with a reason a person can act on; the old file is untouched. */
export function saveError(target: string, error: unknown, step: string): ServiceError {
  const code = (error as { code?: unknown })?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const name = basename(target);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ServiceError('disk-full', `Could not save ${name}: the disk is full (${code} while ${step}). The file on disk was not changed; free some space and save again, or save elsewhere.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ServiceError(
      'read-only',
      `Could not save ${name}: the folder or file is read-only or not yours to write (${code} while ${step}). The file on disk was not changed; use Save As to pick another folder.`,
    );
  }
  if (code === 'ENOENT') {
    return new ServiceError('not-found', `Could not save ${name}: its folder no longer exists (${code} while ${step}). Use Save As to pick a folder.`);
  }
  return new ServiceError('save-failed', `Could not save ${name}: ${detail} (while ${step}). The file on disk was not changed.`);
}

/**
 * Writes `data` to `target` so that the target holds either the old bytes or all the new bytes,
 * never a mix: write a temp file in the same folder, fsync it, rename it over the target, then
 * fsync the folder so the rename itself survives a power cut. On failure the temp file is
 * removed (best effort) and a ServiceError says why. Not serialised: use `AtomicWriter`.
 */
export async function writeFileAtomic(requested: string, data: Uint8Array | string, fs: AtomicFs = realFs): Promise<void> {
  // Saving through a symlink writes the file it points to; renaming over the link itself would
  // replace the link with a plain file and leave its target stale.
  const target = await followLinks(requested);
  const temp = tempPathFor(target);
  let mode = 0o644;
  try {
    mode = (await fs.stat(target)).mode & 0o777;
  } catch {
    // A new file: default permissions.
  }
  let step = 'creating a temporary file';
  let handle: FileHandleLike | null = null;
  try {
    handle = await fs.open(temp, 'wx', mode);
    step = 'writing';
    await handle.writeFile(data);
    step = 'flushing to disk';
    await handle.sync();
    step = 'closing';
    const h = handle;
    handle = null;
    await h.close();
    step = 'replacing the old file';
    await fs.rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw saveError(target, error, step);
  }
  await syncFolder(dirname(target), fs);
}

/**
 * The file a path finally names, following symlinks (also a dangling one, so a new file is
 * created where the link points). At most 40 hops, as Linux's own limit (ELOOP); a loop is
 * reported as a save error naming the file.
 */
export async function followLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hop = 0; hop < 40; hop++) {
    let isLink: boolean;
    try {
      isLink = (await nodeFs.lstat(current)).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    const link = await nodeFs.readlink(current);
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw saveError(path, Object.assign(new Error('too many symbolic links (a link loop?)'), { code: 'ELOOP' }), 'following symbolic links');
}

async function syncFolder(folder: string, fs: AtomicFs): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is as durable as the OS makes it.
  try {
    const dir = await fs.open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Best effort.
  }
}

/**
 * Serialises saves per path: a second save to the same file waits for the first to finish (or
 * fail), so two renames never race and the last save requested is the one on disk. Saves to
 * different paths run in parallel.
 */
export class AtomicWriter {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly fs: AtomicFs = realFs) {}

  write(target: string, data: Uint8Array | string): Promise<void> {
    const key = resolve(target);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => writeFileAtomic(key, data, this.fs));
    this.queues.set(key, next);
    void next.then(
      () => this.forget(key, next),
      () => this.forget(key, next),
    );
    return next;
  }

  /** Resolves when every save queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  private forget(key: string, settled: Promise<unknown>): void {
    if (this.queues.get(key) === settled) this.queues.delete(key);
  }
}

/**
 * Removes temp files a crash left beside `target` (a crash between write and rename leaves one).
 * A temp file whose writer (the pid in its name) is still running is a save in progress and is
 * kept, unless that writer is this process (then nothing of ours is in flight when this is called).
 */
export async function removeStaleTemps(target: string, list: (folder: string) => Promise<string[]> = (f) => nodeFs.readdir(f), fs: AtomicFs = realFs): Promise<number> {
  const folder = dirname(target);
  let removed = 0;
  for (const entry of await list(folder).catch(() => [] as string[])) {
    const path = join(folder, entry);
    if (!isTempFileFor(target, path)) continue;
    const pid = Number(new RegExp(`${TEMP_MARK}(\\d+)-`).exec(entry)?.[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    await fs.unlink(path).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}
