import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** The repository's root folder. */
export const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/neurite.js');

/** What one run of the built command line gave: exit code and its two streams. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built `neurite` command line for an integration test file: a scratch folder `work` (removed
 * after the file) as the working directory, and `neurite(...args)` / `neurite.env(env, ...args)`
 * running bin/neurite.js there. Fails the file at once when out/main/cli.js is missing (`npm run build`).
 */
export function builtCli(name: string): { work: string; neurite: ((...args: string[]) => CliRun) & { env: (env: NodeJS.ProcessEnv, ...args: string[]) => CliRun } } {
  const work = mkdtempSync(path.join(tmpdir(), `neurite-${name}-`));
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run npm run build first.');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (env: NodeJS.ProcessEnv, args: string[]): CliRun => {
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, timeout: 120_000, env: { ...process.env, ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const neurite = Object.assign((...args: string[]) => run({}, args), { env: (env: NodeJS.ProcessEnv, ...args: string[]) => run(env, args) });
  return { work, neurite };
}
