import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer } from '../e2e/harness';

// The real browser host (built out/main/web.js) in a child process, driven over loopback.
let url: URL;
let server: ChildProcess;

beforeAll(async () => {
  const started = await startWebServer();
  url = new URL(started.url);
  server = started.server;
});

afterAll(() => {
  server?.kill('SIGTERM');
});

function wsUrl(token: string | null): string {
  return `ws://${url.host}/api${token === null ? '' : `?token=${token}`}`;
}

function connect(token: string | null, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(token), origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function send(ws: WebSocket, text: string): Promise<{ id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(text);
  });
}

function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  const token = () => url.searchParams.get('token') ?? '';

  it('listens on loopback only', () => {
    expect(url.hostname).toBe('127.0.0.1');
    // The bound socket itself, not just the printed address: the kernel's table of listening TCP
    // sockets (Linux) has the port bound to 127.0.0.1 only, and to no wildcard or other address.
    if (process.platform !== 'linux') return;
    const port = Number(url.port).toString(16).toUpperCase().padStart(4, '0');
    const listening = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(1) : []))
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length > 3 && cols[3] === '0A' && cols[1].endsWith(`:${port}`))
      .map((cols) => cols[1].split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect(null)).rejects.toThrow(/403/);
    await expect(connect('not-the-token')).rejects.toThrow(/403/);
    await expect(connect(token(), 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('answers calls, and answers malformed or unknown messages with errors without crashing', async () => {
    const ws = await connect(token(), `http://${url.host}`);
    const info = await send(ws, JSON.stringify({ id: 1, call: 'app.info', payload: {} }));
    expect(info).toMatchObject({ id: 1, result: { ok: true, value: { host: 'web' } } });
    // Issue 16: the renderer reports its language at start; the browser host has no menu and accepts it.
    expect(await send(ws, JSON.stringify({ id: 2, call: 'app.setLanguage', payload: { language: 'zh-CN' } }))).toMatchObject({ id: 2, result: { ok: true, value: {} } });
    const french = await send(ws, JSON.stringify({ id: 3, call: 'app.setLanguage', payload: { language: 'fr' } }));
    expect(french.result.ok).toBe(false);
    expect(french.result.error?.code).toBe('bad-request');

    const garbage = await send(ws, '{this is not json');
    expect(garbage.result.ok).toBe(false);
    expect(garbage.result.error?.code).toBe('bad-message');

    const unknown = await send(ws, JSON.stringify({ id: 2, call: 'fs.readFile', payload: { path: '/etc/passwd' } }));
    expect(unknown).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown-call' } } });

    const badRequest = await send(ws, JSON.stringify({ id: 3, call: 'templates.get', payload: { id: '../../etc/passwd' } }));
    expect(badRequest).toMatchObject({ id: 3, result: { ok: false, error: { code: 'bad-request' } } });
    expect(badRequest.result.error?.message).toContain('id');

    const again = await send(ws, JSON.stringify({ id: 4, call: 'templates.list', payload: {} }));
    expect(again.result.ok).toBe(true);
    expect(server.exitCode).toBeNull();
    ws.close();
  });

  it('serves the app with a strict Content-Security-Policy and never files outside it', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.body).toContain('Content-Security-Policy');
    expect((await get('/../../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});
