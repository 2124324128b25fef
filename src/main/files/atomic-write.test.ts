import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../services/errors';
import { AtomicWriter, isTempFileFor, realFs, removeStaleTemps, writeFileAtomic, type AtomicFs, type FileHandleLike } from './atomic-write';

let dir: string;
let target: string;
const OLD = '{"old": true, "bytes": "' + 'x'.repeat(5000) + '"}';
const NEW = '{"new": true, "bytes": "' + 'y'.repeat(9000) + '"}';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neurite-save-'));
  target = join(dir, 'project.neurite');
  await writeFile(target, OLD);
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (a crashed writer). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Real fs, but one call fails: the fault sits only at the syscall seam. */
function faulty(fault: { writeFile?: Error; writeHalfFirst?: boolean; sync?: Error; open?: Error; rename?: Error }): AtomicFs {
  return {
    ...realFs,
    async open(path, flags, mode) {
      if (fault.open && flags !== 'r') throw fault.open;
      const handle = await realFs.open(path, flags, mode);
      const wrapped: FileHandleLike = {
        async writeFile(data) {
          if (fault.writeFile) {
            // A full disk usually takes part of the data before refusing the rest.
            if (fault.writeHalfFirst) await handle.writeFile(typeof data === 'string' ? data.slice(0, data.length / 2) : data.subarray(0, data.length / 2));
            throw fault.writeFile;
          }
          return handle.writeFile(data);
        },
        sync: () => (fault.sync ? Promise.reject(fault.sync) : handle.sync()),
        close: () => handle.close(),
      };
      return wrapped;
    },
    rename: (from, to) => (fault.rename ? Promise.reject(fault.rename) : realFs.rename(from, to)),
  };
}

async function expectUntouched(): Promise<void> {
  expect(await readFile(target, 'utf8')).toBe(OLD);
  expect((await readdir(dir)).filter((f) => f !== 'project.neurite')).toEqual([]);
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected the save to fail');
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    await writeFileAtomic(target, NEW);
    expect(await readFile(target, 'utf8')).toBe(NEW);
    expect(await readdir(dir)).toEqual(['project.neurite']);
  });

  it('creates a new file', async () => {
    const fresh = join(dir, 'new.neurite');
    await writeFileAtomic(fresh, Uint8Array.from([1, 2, 3]));
    expect(Array.from(await readFile(fresh))).toEqual([1, 2, 3]);
  });

  it('on a full disk (ENOSPC mid-write) keeps the old file byte for byte and says the disk is full', async () => {
    const error = await failure(writeFileAtomic(target, NEW, faulty({ writeFile: errno('ENOSPC'), writeHalfFirst: true })));
    expect(error.code).toBe('disk-full');
    expect(error.message).toContain('project.neurite');
    expect(error.message).toContain('disk is full');
    await expectUntouched();
  });

  it('when fsync fails (EIO) keeps the old file', async () => {
    const error = await failure(writeFileAtomic(target, NEW, faulty({ sync: errno('EIO') })));
    expect(error.code).toBe('save-failed');
    expect(error.message).toContain('flushing to disk');
    await expectUntouched();
  });

  it('in a read-only folder (EACCES/EROFS at the seam) keeps the old file and says it is read-only', async () => {
    for (const code of ['EACCES', 'EROFS', 'EPERM']) {
      const error = await failure(writeFileAtomic(target, NEW, faulty({ open: errno(code) })));
      expect(error.code).toBe('read-only');
      expect(error.message).toContain(code);
      await expectUntouched();
    }
  });

  it('when the rename fails (a crash between write and rename) keeps the old file', async () => {
    const error = await failure(writeFileAtomic(target, NEW, faulty({ rename: errno('EXDEV') })));
    expect(error.code).toBe('save-failed');
    expect(error.message).toContain('replacing the old file');
    await expectUntouched();
  });

  it('after a real crash before the rename, the target is intact and the leftover temp is cleaned up', async () => {
    // What a process killed between fsync and rename leaves: a complete temp file beside the old one.
    const leftover = join(dir, `.project.neurite.neurite-save-${deadPid()}-abc.tmp`);
    await writeFile(leftover, NEW);
    expect(isTempFileFor(target, leftover)).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await removeStaleTemps(target)).toBe(1);
    await expectUntouched();
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // chmod does not stop root from writing, so as root this real-folder case cannot fail; the seam test above covers EACCES there.
  it.skipIf(isRoot || process.platform === 'win32')('in a real read-only folder (chmod 0555) keeps the old file', async () => {
    await chmod(dir, 0o555);
    const error = await failure(writeFileAtomic(target, NEW));
    expect(error.code).toBe('read-only');
    await chmod(dir, 0o755);
    await expectUntouched();
  });
});

describe('AtomicWriter', () => {
  it('serialises saves to one path: no two overlap and the last one requested wins', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const tracing: AtomicFs = {
      ...realFs,
      async open(path, flags, mode) {
        if (flags === 'wx') {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          log.push('open');
        }
        return realFs.open(path, flags, mode);
      },
      async rename(from, to) {
        await new Promise((r) => setImmediate(r));
        await realFs.rename(from, to);
        inFlight--;
        log.push('rename');
      },
    };
    const writer = new AtomicWriter(tracing);
    const saves = Array.from({ length: 12 }, (_, i) => writer.write(target, `save ${i}`));
    await Promise.all(saves);
    expect(maxInFlight).toBe(1);
    expect(log).toEqual(Array.from({ length: 12 }, () => ['open', 'rename']).flat());
    expect(await readFile(target, 'utf8')).toBe('save 11');
  });

  it('a failed save does not block the next one', async () => {
    let failNext = true;
    const flaky: AtomicFs = {
      ...realFs,
      rename: (from, to) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(errno('ENOSPC'));
        }
        return realFs.rename(from, to);
      },
    };
    const writer = new AtomicWriter(flaky);
    const first = writer.write(target, 'first');
    const second = writer.write(target, 'second');
    await expect(first).rejects.toMatchObject({ code: 'disk-full' });
    await second;
    expect(await readFile(target, 'utf8')).toBe('second');
    await writer.idle();
  });
});

describe('saving through a symlink (issue 11)', () => {
  it('writes the file the link points to and keeps the link', async () => {
    const real = join(dir, 'real', 'project.neurite');
    await mkdir(join(dir, 'real'));
    await writeFile(real, OLD);
    const link = join(dir, 'link.neurite');
    await symlink(real, link);
    await writeFileAtomic(link, NEW);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe(NEW);
    expect((await readdir(join(dir, 'real'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('follows a relative link and a chain of links, and reports a loop', async () => {
    await symlink('project.neurite', join(dir, 'a.neurite'));
    await symlink('a.neurite', join(dir, 'b.neurite'));
    await new AtomicWriter().write(join(dir, 'b.neurite'), NEW);
    expect(await readFile(target, 'utf8')).toBe(NEW);
    expect((await lstat(join(dir, 'b.neurite'))).isSymbolicLink()).toBe(true);
    await symlink('loop2', join(dir, 'loop1'));
    await symlink('loop1', join(dir, 'loop2'));
    await expect(writeFileAtomic(join(dir, 'loop1'), NEW)).rejects.toMatchObject({ code: 'save-failed', message: expect.stringContaining('symbolic links') });
  });
});

describe('removeStaleTemps', () => {
  it('keeps a temp file of a live writer (a save in progress elsewhere) and removes a dead one', async () => {
    const parent = process.ppid;
    const live = join(dir, `.project.neurite.neurite-save-${parent}-live.tmp`);
    const dead = join(dir, `.project.neurite.neurite-save-${deadPid()}-dead.tmp`);
    await writeFile(live, NEW);
    await writeFile(dead, NEW);
    expect(await removeStaleTemps(target)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([`.project.neurite.neurite-save-${parent}-live.tmp`, 'project.neurite'].sort());
  });
});
