import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFoldersSync } from './make-folders';

const root = mkdtempSync(join(tmpdir(), 'neurite-make-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeFoldersSync', () => {
  it('creates the missing levels, outermost first, and accepts a folder that exists', () => {
    expect(makeFoldersSync(join(root, 'a', 'b', 'c'))).toEqual([join(root, 'a'), join(root, 'a', 'b'), join(root, 'a', 'b', 'c')]);
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(makeFoldersSync(join(root, 'a'))).toEqual([]);
  });

  it('refuses a path under a file, naming it', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => makeFoldersSync(join(root, 'file', 'x'))).toThrow(`${join(root, 'file')} is a file, not a folder`);
  });

  // Trial 7: `neurite train --tensorboard /proc/x` spun at 100 % CPU for ever (Node's recursive mkdir retries ENOENT under /proc).
  it.runIf(existsSync('/proc/self'))('fails at once under /proc instead of retrying for ever', () => {
    expect(() => makeFoldersSync('/proc/neurite-no/such')).toThrow(/Cannot create the folder \/proc\/neurite-no/);
  });
});
