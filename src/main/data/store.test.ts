import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDir, ensurePrivateDir, readParsedCache, userCacheDir, writeParsedCache, type ParsedRows } from './store';

/** Issue 11, finding 4: the parsed-CSV cache cannot be poisoned or used to overwrite files. */
const rows: ParsedRows = { rows: 2, x: new Float32Array([1, 2, 3, 4]), labels: new Float32Array([0, 1]), labelColumns: 1 };
const KEY = 'a'.repeat(40);
const roots: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-store-'));
  roots.push(dir);
  return dir;
}
afterEach(() => {
  roots.length = 0;
});

describe('the parsed-rows cache', () => {
  it('lives in the per-user cache folder, not a shared temp folder', () => {
    const saved = process.env.NEURITE_DATA_DIR;
    delete process.env.NEURITE_DATA_DIR;
    try {
      expect(dataDir().startsWith(tmpdir())).toBe(false);
      expect(dataDir()).toBe(join(userCacheDir(), 'neurite', 'data'));
    } finally {
      if (saved !== undefined) process.env.NEURITE_DATA_DIR = saved;
    }
    expect(userCacheDir('linux', { XDG_CACHE_HOME: '/x/cache' }, '/home/u')).toBe('/x/cache');
    expect(userCacheDir('linux', {}, '/home/u')).toBe('/home/u/.cache');
    expect(userCacheDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Caches');
    expect(userCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local');
  });

  it('round-trips rows in a folder only its user can enter', () => {
    const dir = join(scratch(), 'data');
    writeParsedCache(dir, KEY, rows);
    expect(readParsedCache(dir, KEY)).toEqual(rows);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'parsed')).mode & 0o777).toBe(0o700);
    }
  });

  it('does not trust a cache file whose rows were changed after writing', () => {
    const dir = scratch();
    writeParsedCache(dir, KEY, rows);
    const file = join(dir, 'parsed', `${KEY}.bin`);
    const bytes = readFileSync(file);
    bytes.writeFloatLE(999, bytes.length - 4);
    writeFileSync(file, bytes);
    expect(readParsedCache(dir, KEY)).toBeNull();
  });

  it('does not trust a file planted under another key', () => {
    const dir = scratch();
    writeParsedCache(dir, KEY, rows);
    const other = 'b'.repeat(40);
    writeFileSync(join(dir, 'parsed', `${other}.bin`), readFileSync(join(dir, 'parsed', `${KEY}.bin`)));
    expect(readParsedCache(dir, other)).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('follows no planted symlink, reading or writing', () => {
    const dir = scratch();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    mkdirSync(join(dir, 'parsed'), { mode: 0o700 });
    // The old writer's temp name was predictable (<target>.<pid>.tmp) and opened with 'w'.
    symlinkSync(victim, join(dir, 'parsed', `${KEY}.bin.${process.pid}.tmp`));
    writeParsedCache(dir, KEY, rows);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    // A cache entry that is a symlink is not read.
    const elsewhere = scratch();
    writeParsedCache(elsewhere, KEY, rows);
    const other = 'c'.repeat(40);
    symlinkSync(join(elsewhere, 'parsed', `${KEY}.bin`), join(dir, 'parsed', `${other}.bin`));
    expect(readParsedCache(dir, other)).toBeNull();
    expect(readdirSync(join(dir, 'parsed')).filter((f) => f.endsWith('.tmp') && !f.includes(String(process.pid)))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('refuses a cache folder that is a symlink, and tightens a loose one of ours', () => {
    const dir = scratch();
    const real = join(dir, 'real');
    mkdirSync(real);
    symlinkSync(real, join(dir, 'link'));
    expect(() => ensurePrivateDir(join(dir, 'link'))).toThrow(/link or not a folder/);
    expect(() => writeParsedCache(join(dir, 'link'), KEY, rows)).toThrow(/link or not a folder/);
    expect(readParsedCache(join(dir, 'link'), KEY)).toBeNull();
    const loose = join(dir, 'loose');
    mkdirSync(loose);
    chmodSync(loose, 0o777);
    ensurePrivateDir(loose);
    expect(statSync(loose).mode & 0o777).toBe(0o700);
    expect(existsSync(loose)).toBe(true);
  });
});
