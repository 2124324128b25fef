import { randomBytes, timingSafeEqual } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_WIRE_MESSAGE_BYTES, type EventName, type EventPayload } from '../shared/api/contract';
import { quoteValue, truncate } from '../shared/api/quote';
import { dispatch, type Handlers } from '../main/services/dispatch';

/**
 * The browser host: serves the built renderer and the main-process services over a WebSocket on
 * a loopback address. A random token in the URL guards the socket, the Host header must be a
 * loopback name (so a DNS-rebound name can't reach it), and the Origin of the upgrade must be the
 * page's own (the Host it asked), so other pages in the same browser can't drive it. No message, frame or socket error
 * can stop it: each is answered or logged, and the host keeps serving the other clients.
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

/** Sent with every HTTP response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

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

/**
 * A token must be long enough that guessing it is hopeless: 24 or more URL-safe characters
 * (≥ 143 bits when random; the generated one is 32 characters, 192 bits).
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24,256}$/;

/** Why a token is refused, or null when it is strong enough. */
export function tokenProblem(token: string): string | null {
  if (TOKEN_PATTERN.test(token)) return null;
  if (token.length < 24) return `the token must be at least 24 characters long; got ${token.length}. Leave it out to get a random one.`;
  if (token.length > 256) return `the token must be at most 256 characters long; got ${token.length}.`;
  return 'the token may only contain letters, digits, "-" and "_" (it travels in the URL).';
}

/** The close reason sent with code 1009 when a message exceeds the cap (at most 123 bytes). */
export const TOO_BIG_REASON = `Message too big: the browser host accepts up to ${MAX_WIRE_MESSAGE_BYTES / 1024 / 1024} MiB per message.`;

export interface WebHostOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** At least 24 URL-safe characters (see TOKEN_PATTERN); a random one when absent. */
  token?: string;
  /** Where faults are logged (console.error by default). */
  log?: (message: string, error?: unknown) => void;
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
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[neurite] ${message}`, ...(error === undefined ? [] : [error])));
  if (!LOOPBACK.has(host)) {
    throw new Error(`The browser host listens on loopback only (127.0.0.1, ::1 or localhost); got --host ${host}.`);
  }
  if (options.token !== undefined) {
    const problem = tokenProblem(options.token);
    if (problem) throw new Error(`Refusing a weak token: ${problem}`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const noisy = rateLimited(log, 1000);
  const rendererRoot = await realpath(options.rendererDir).catch(() => normalize(options.rendererDir));
  const server = createServer((req, res) => {
    res.on('error', (error) => log('HTTP response failed', error));
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(hostRefusal(req.headers.host));
      return;
    }
    serveStatic(rendererRoot, req, res).catch((error: unknown) => {
      log('Serving a file failed', error);
      if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });
  // A malformed request line or headers: Node answers 400 by default; keep that, but never let the socket's error escape.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawResponse(400, 'Bad request'));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  wss.on('error', (error) => log('WebSocket server error', error));
  wss.on('wsClientError', (error, socket) => {
    // A bad WebSocket handshake (wrong version, bad key…): say so and close.
    if (socket.writable) socket.end(rawResponse(400, `Bad WebSocket handshake: ${truncate(error.message, 200)}`));
    else socket.destroy();
  });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket: Socket, head) => {
    // Node hands the raw socket over without an error listener: a reset here would otherwise crash the host.
    socket.on('error', (error: NodeJS.ErrnoException) => noisy(`WebSocket socket error (${error.code ?? 'no code'}): ${truncate(error.message, 200)}`));
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const origin = req.headers.origin;
      if (!hostAllowed(req.headers.host)) {
        socket.end(rawResponse(403, hostRefusal(req.headers.host)));
        return;
      }
      if (url.pathname !== '/api' || !tokenMatches(url.searchParams.get('token'), token) || (origin !== undefined && origin !== `http://${req.headers.host?.toLowerCase()}`)) {
        socket.end(rawResponse(403, 'Forbidden'));
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        withReasonForTooBig(ws);
        ws.on('close', () => clients.delete(ws));
        // A malformed frame, a bad UTF-8 text, an oversize message: ws closes this socket (with
        // 1002/1007/1009) and reports it here; the host and its other clients carry on.
        ws.on('error', (error: Error & { code?: string }) => {
          if (error.code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') noisy(`WebSocket client error (${error.code ?? 'no code'}): ${truncate(error.message, 200)}`);
          else noisy(`Refused a WebSocket message over ${MAX_WIRE_MESSAGE_BYTES} bytes (closed with 1009).`);
        });
        ws.on('message', (data, isBinary) => {
          handleMessage(options.handlers, ws, isBinary ? null : data.toString()).catch((error: unknown) => log('Handling a message failed', error));
        });
      });
    } catch (error) {
      log('WebSocket upgrade failed', error);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.on('error', (error) => log('HTTP server error', error));
  const port = () => (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(host)}:${port()}/?token=${token}`;

  return {
    url,
    port: port(),
    token,
    broadcast(event, payload) {
      let text: string;
      try {
        text = JSON.stringify({ event, payload });
      } catch (error) {
        log(`Could not encode the ${event} event`, error);
        return;
      }
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

/**
 * A log that a hostile client can't flood: at most one line per `everyMs`, the next one saying
 * how many were left out meanwhile.
 */
function rateLimited(log: (message: string) => void, everyMs: number): (message: string) => void {
  let last = -Infinity;
  let skipped = 0;
  return (message) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    last = now;
    log(skipped ? `${message} (and ${skipped} more client errors since the last one logged)` : message);
    skipped = 0;
  };
}

/**
 * ws closes an oversize message with code 1009 but no reason; give it one, so the client can
 * show why ("Message too big … 64 MiB") instead of a bare disconnect.
 */
function withReasonForTooBig(ws: WebSocket): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => close(code, reason ?? (code === 1009 ? TOO_BIG_REASON : undefined));
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS rebinding defence: a page served from evil.example that resolves to 127.0.0.1 still sends
 * `Host: evil.example`, so only loopback names are answered. Any port is accepted, so an SSH
 * forward to another local port (`ssh -L 9000:127.0.0.1:41234`) keeps working.
 */
export function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    const url = new URL(`http://${hostHeader}`);
    return LOOPBACK_NAMES.has(url.hostname) && url.username === '' && url.pathname === '/' && `${url.host}` === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

function hostRefusal(hostHeader: string | undefined): string {
  return `Forbidden: the Host header ${quoteValue(hostHeader)} does not name this server. Open the address the browser host printed (http://127.0.0.1:PORT/?token=…).`;
}

function rawResponse(status: number, text: string): string {
  const reason = { 400: 'Bad Request', 403: 'Forbidden' }[status] ?? 'Error';
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n${text}`;
}

/** Wire format: client sends {id, call, payload}; server answers {id, result} where result is a WireResult. Never throws. */
async function handleMessage(handlers: Handlers, ws: WebSocket, text: string | null): Promise<void> {
  let message: unknown;
  try {
    message = text === null ? undefined : JSON.parse(text);
  } catch {
    message = undefined;
  }
  const envelope = message as { id?: unknown; call?: unknown; payload?: unknown } | undefined;
  const id = typeof envelope?.id === 'number' || (typeof envelope?.id === 'string' && envelope.id.length <= 100) ? envelope.id : null;
  if (!envelope || typeof envelope !== 'object' || id === null) {
    reply(ws, null, {
      ok: false,
      error: {
        code: 'bad-message',
        message:
          text === null
            ? 'Malformed message: binary frames are not accepted; send JSON text {"id": number, "call": string, "payload": object}.'
            : 'Malformed message: expected JSON {"id": number, "call": string, "payload": object}.',
      },
    });
    return;
  }
  reply(ws, id, await dispatch(handlers, envelope.call, envelope.payload));
}

function reply(ws: WebSocket, id: unknown, result: unknown): void {
  if (ws.readyState !== ws.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify({ id, result });
  } catch (error) {
    text = JSON.stringify({ id, result: { ok: false, error: { code: 'internal', message: `Internal error: the reply could not be encoded (${truncate(String(error), 200)}).` } } });
  }
  ws.send(text);
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

/**
 * Serves a file of the built renderer. `root` is already resolved (realpath); a request whose
 * resolved path differs from its plain path went through a symlink and is refused, and the file
 * itself is opened without following a final symlink (O_NOFOLLOW where the OS has it).
 */
async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  const notFound = () => res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    notFound();
    return;
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep) || relative.split(/[/\\]/).includes('..') || pathname.includes('\0')) {
    notFound();
    return;
  }
  const real = await realpath(file).catch(() => null);
  if (real !== file) {
    notFound();
    return;
  }
  const handle = await open(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0)).catch(() => null);
  if (!handle) {
    notFound();
    return;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      notFound();
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = handle.createReadStream({ autoClose: false });
    await new Promise<void>((resolve) => {
      stream.on('error', (error) => {
        res.destroy(error);
        resolve();
      });
      res.on('close', () => resolve());
      stream.pipe(res);
    });
  } finally {
    await handle.close().catch(() => undefined);
  }
}
