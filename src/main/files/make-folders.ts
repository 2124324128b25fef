import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `folder` and its missing parents, synchronously, walking up to the nearest existing
 * ancestor (which must be a folder) and creating each missing level itself. Node's
 * `mkdirSync(…, { recursive: true })` is not used: under a file system that refuses a folder with
 * ENOENT (/proc on Linux) it retries the same parent for ever (the command line hung at 100 % CPU
 * on `--tensorboard /proc/x`). Returns the folders created, outermost first.
 * @throws Error naming the path and the reason (an ancestor is a file, permission, ENOENT under /proc).
 */
export function makeFoldersSync(folder: string): string[] {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    let found;
    try {
      found = statSync(at);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if ((e.code !== 'ENOENT' && e.code !== 'ENOTDIR') || dirname(at) === at) throw new Error(`Cannot create the folder ${folder}: ${e.message}`);
      missing.unshift(at);
      continue;
    }
    if (!found.isDirectory()) throw new Error(`Cannot create the folder ${folder}: ${at} is a file, not a folder`);
    break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EEXIST' && statSync(at, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw new Error(`Cannot create the folder ${at}: ${e.message}`);
    }
  }
  return missing;
}
