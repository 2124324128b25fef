import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../shared/api/contract';
import { dispatch, type Handlers } from '../main/services/dispatch';

/**
 * The browser host: serves the built renderer and the main-process services over a WebSocket on
 * a loopback address. A random token in the URL guards the socket, and the Origin of the upgrade
 * must be this server, so other pages in the same browser can't drive it.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Largest WebSocket message accepted (a project with embedded data can be large). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface WebHostOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Sends an event to every connected window. */
  broadcast<N extends EventName>(event: N, payload: EventPayload<N>): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new Error(`The browser host listens on loopback only (127.0.0.1, ::1 or localhost); got --host ${host}.`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const allowedOrigins = [`http://${hostForUrl(host)}:${port()}`, `http://localhost:${port()}`, `http://127.0.0.1:${port()}`];
    if (url.pathname !== '/api' || !tokenMatches(url.searchParams.get('token'), token) || (origin !== undefined && !allowedOrigins.includes(origin))) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        void handleMessage(options.handlers, ws, isBinary ? null : data.toString());
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = () => (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(host)}:${port()}/?token=${token}`;

  return {
    url,
    port: port(),
    token,
    broadcast(event, payload) {
      const text = JSON.stringify({ event, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Wire format: client sends {id, call, payload}; server answers {id, result} where result is a WireResult. */
async function handleMessage(handlers: Handlers, ws: WebSocket, text: string | null): Promise<void> {
  let message: unknown;
  try {
    message = text === null ? undefined : JSON.parse(text);
  } catch {
    message = undefined;
  }
  const envelope = message as { id?: unknown; call?: unknown; payload?: unknown } | undefined;
  const id = typeof envelope?.id === 'number' || typeof envelope?.id === 'string' ? envelope.id : null;
  if (!envelope || typeof envelope !== 'object' || id === null) {
    reply(ws, null, {
      ok: false,
      error: { code: 'bad-message', message: 'Malformed message: expected JSON {"id": number, "call": string, "payload": object}.' },
    });
    return;
  }
  reply(ws, id, await dispatch(handlers, envelope.call, envelope.payload));
}

function reply(ws: WebSocket, id: unknown, result: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(normalize(root) + sep) || relative.split(/[/\\]/).includes('..')) {
    res.writeHead(404, headers).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
