import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

/**
 * The directory of one run's TensorBoard logs: `<dir>/<name>-<YYYYMMDD-HHMMSS>` (local time, as
 * Keras tutorials name runs `logs/fit/<datetime>`), with `-2`, `-3`... when that exists. `name` is
 * the project file's name without extension (command line) or the project's name (the app); any
 * character other than letters, digits, `.`, `_` and `-` becomes `_` so the name is one path part.
 */
export function tensorboardRunDir(dir: string, name: string, now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const safe = basename(name, extname(name) === '.neurite' ? '.neurite' : '').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 100) || 'run';
  const base = join(resolve(dir), `${safe}-${stamp}`);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}
