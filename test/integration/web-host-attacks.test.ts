import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACKS, fuzz, hostEntry, ping, STARTUP_ATTACKS, type AttackContext } from '../../bench/lib/attacks.mjs';
import { ROOT, startWebServer } from '../e2e/harness';

/**
 * Issue 11's attacks against the real browser host (built out/main/web.js, a child process),
 * over loopback: each must be refused with a clear error, and afterwards the host must still
 * answer and never have exited. The same attacks make up bench/security.mjs.
 */
let server: ChildProcess;
let output: () => string;
let context: AttackContext;

beforeAll(async () => {
  const started = await startWebServer();
  const url = new URL(started.url);
  server = started.server;
  output = started.output;
  context = {
    port: Number(url.port),
    token: url.searchParams.get('token') ?? '',
    pid: server.pid!,
    userDir: started.userDir,
    rendererDir: join(dirname(hostEntry(ROOT)), '..', 'renderer'),
  };
});

afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGTERM');
});

describe('browser host under attack (issue 11)', () => {
  for (const attack of ATTACKS) {
    it(`refuses: ${attack.name} (finding ${attack.finding}), and keeps serving`, async () => {
      const outcome = await attack.run(context);
      expect(outcome, `${attack.name}: ${outcome.error}`).toMatchObject({ refused: true });
      expect(outcome.bytesLost ?? 0).toBe(0);
      expect(server.exitCode, output()).toBeNull();
      expect(await ping(context.port, context.token)).toBe(true);
    });
  }

  for (const attack of STARTUP_ATTACKS) {
    it(`refuses at start-up: ${attack.name}`, async () => {
      const outcome = await attack.run({ entry: hostEntry(ROOT) });
      expect(outcome, outcome.error).toMatchObject({ refused: true });
    });
  }

  it('survives a fuzz of random and mutated frames and messages, and still answers a ping', async () => {
    const logBefore = output().length;
    const sent = await fuzz(context, { frames: 1500, messages: 1500, seconds: 90 });
    expect(sent.frames + sent.messages).toBeGreaterThan(1000);
    // Client errors are logged at most once a second: thousands of bad frames can't flood the log.
    expect(output().length - logBefore).toBeLessThan(5_000);
    expect(server.exitCode, output()).toBeNull();
    expect(await ping(context.port, context.token)).toBe(true);
    expect(output()).not.toMatch(/uncaught exception|unhandled promise rejection/);
  }, 180_000);

  it('leaves no .part file behind when it shuts down', async () => {
    const uploads = join(context.userDir, 'data', 'uploads');
    expect(readdirSync(uploads).filter((f) => f.endsWith('.part')).length).toBeGreaterThan(0);
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    expect(readdirSync(uploads).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

describe('a chosen token stays out of the process list (issue 11)', () => {
  const stop = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  };
  /** Child processes of a process (Linux), waiting up to 10 s for the trainer to be forked. */
  const children = async (pid: number): Promise<number[]> => {
    const file = `/proc/${pid}/task/${pid}/children`;
    for (let i = 0; i < 100 && existsSync(file); i++) {
      const pids = readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      if (pids.length) return pids;
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  };

  it.skipIf(!existsSync('/proc/self/cmdline'))('reads it from --token-file: in the URL, not in the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-token-'));
    const token = randomBytes(24).toString('base64url');
    writeFileSync(join(dir, 'token'), `${token}\n`, { mode: 0o600 });
    const started = await startWebServer({ args: ['--token-file', join(dir, 'token')] });
    try {
      const url = new URL(started.url);
      expect(url.searchParams.get('token')).toBe(token);
      expect(readFileSync(`/proc/${started.server.pid}/cmdline`, 'utf8')).not.toContain(token);
      expect(await ping(Number(url.port), token)).toBe(true);
    } finally {
      await stop(started.server);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('/proc/self/environ'))('reads it from NEURITE_TOKEN and does not hand it on to the trainer process', async () => {
    const token = randomBytes(24).toString('base64url');
    const started = await startWebServer({ env: { NEURITE_TOKEN: token } });
    try {
      const url = new URL(started.url);
      expect(url.searchParams.get('token')).toBe(token);
      expect(await ping(Number(url.port), token)).toBe(true);
      const kids = await children(started.server.pid!);
      if (existsSync(`/proc/${started.server.pid}/task/${started.server.pid}/children`)) expect(kids.length).toBeGreaterThan(0);
      for (const kid of kids) expect(readFileSync(`/proc/${kid}/environ`, 'utf8')).not.toContain(token);
    } finally {
      await stop(started.server);
    }
  });
});
