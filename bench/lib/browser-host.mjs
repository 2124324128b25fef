// Shared by the benchmarks that drive the real app: start the built browser host on a free
// loopback port, open Debian's Chromium, and summarise frame intervals.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts `out/main/web.js` with a private user folder; resolves with its URL (token included). */
export async function startBrowserHost() {
  const entry = path.join(root, 'out/main/web.js');
  if (!existsSync(entry)) {
    console.error(`bench: ${entry} is missing; run npm run build first.`);
    process.exit(1);
  }
  const userDir = mkdtempSync(path.join(tmpdir(), 'neurite-bench-'));
  const server = spawn(process.execPath, [entry, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEURITE_USER_DIR: userDir, NEURITE_DATA_DIR: path.join(userDir, 'data') },
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL from the browser host:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the browser host exited (${code}):\n${output}`)));
  });
  return { server, url };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.NEURITE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Frame intervals → count, mean, p95, max and the share of frames over 25 ms (a dropped frame at 60 Hz). */
export function summariseFrames(deltas) {
  if (!deltas.length) return { frames: 0, mean: NaN, p95: NaN, max: NaN, slow: NaN };
  const sorted = [...deltas].sort((a, b) => a - b);
  const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
  const slow = deltas.filter((d) => d > 25).length / deltas.length;
  return { frames: deltas.length, mean, p95, max: sorted[sorted.length - 1], slow };
}
