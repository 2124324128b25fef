import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Starts the real browser host (`node out/main/web.js`, built by `npm run build`) on a free
 * loopback port and opens it in Debian's Chromium. Nothing is mocked: the page talks to the
 * real services and the real trainer process.
 */
export const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const CHROMIUM = process.env.NEURITE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Page errors and console errors of every open app. A test during which the page threw or logged
 * an error fails, naming them: an error the user never sees in the UI is still a fault.
 */
const pageErrors: string[] = [];
afterEach(() => {
  if (pageErrors.length === 0) return;
  const errors = pageErrors.splice(0);
  throw new Error(`The page reported ${errors.length} error(s) during this test:\n${errors.join('\n')}`);
});

/** For a test that provokes errors on purpose: takes the matching ones out of the list (and answers them). */
export function acceptPageErrors(match: RegExp): string[] {
  const accepted = pageErrors.filter((e) => match.test(e));
  for (const e of accepted) pageErrors.splice(pageErrors.indexOf(e), 1);
  return accepted;
}

export interface App {
  url: string;
  page: Page;
  browser: Browser;
  server: ChildProcess;
  serverOutput: () => string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** Extra command-line arguments for out/main/web.js. */
  args?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<{ url: string; server: ChildProcess; output: () => string; userDir: string }> {
  // NEURITE_WEB_ENTRY runs another build (e.g. an older one, to check a test fails there).
  const entry = process.env.NEURITE_WEB_ENTRY ?? join(ROOT, 'out', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` before the end-to-end tests.`);
  // Each server gets its own user folder (recent files, crash backups, imported data), so tests
  // neither see each other's state nor touch the real user's.
  const userDir = mkdtempSync(join(tmpdir(), 'neurite-e2e-'));
  const server = spawn(process.execPath, [entry, '--port', '0', ...(options.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEURITE_USER_DIR: userDir, NEURITE_DATA_DIR: join(userDir, 'data'), ...options.env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser host did not print its URL within 30 s. Output:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited with code ${code}. Output:\n${output}`));
    });
  });
  return { url, server, output: () => output, userDir };
}

export async function launchBrowser(options: { showScrollbars?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` or set NEURITE_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Trial 10 (6): playwright hides scrollbars in headless mode; a user's window has them, and they take width.
    ...(options.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function startApp(viewport = { width: 1440, height: 900 }): Promise<App> {
  const { url, server, output } = await startWebServer();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => pageErrors.push(`page error: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    page,
    browser,
    server,
    serverOutput: output,
    async screenshot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((resolve) => {
        if (server.exitCode !== null) resolve(null);
        else server.once('exit', resolve);
      });
    },
  };
}

/** The crash backup the web host keeps in `userDir` (recovery/backup.json), parsed; null when there is none. */
export function readBackup<T>(userDir: string): T | null {
  const path = join(userDir, 'recovery', 'backup.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T | null) : null;
}

/**
 * A web host and one browser for a test file that opens its own pages (several sizes, reloads,
 * standalone files): started before the file's tests and stopped after them. The fields are set
 * once `beforeAll` has run.
 */
export function webHostAndBrowser(): { server: Awaited<ReturnType<typeof startWebServer>>; browser: Browser } {
  const host = {} as { server: Awaited<ReturnType<typeof startWebServer>>; browser: Browser };
  beforeAll(async () => {
    host.server = await startWebServer();
    host.browser = await launchBrowser();
  });
  afterAll(async () => {
    await host.browser?.close().catch(() => undefined);
    host.server?.server.kill('SIGTERM');
  });
  return host;
}
