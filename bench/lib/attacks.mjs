// The attacks of issue 11 against a running browser host, shared by bench/security.mjs (which
// prints a table) and test/integration/web-host-attacks.test.ts (which asserts each is refused).
// Loopback only. Each attack returns { refused, error, bytesLost? }: `error` is what the attacker
// was told (close code and reason, HTTP status and body, or the API error), so "clear" can be read.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Buffer } from 'node:buffer';
import WebSocket from 'ws';

/** A client WebSocket frame (masked unless told otherwise); `length` overrides the announced payload length. */
export function frame({ fin = true, rsv = 0, opcode = 1, masked = true, payload = Buffer.alloc(0), length } = {}) {
  const len = length ?? payload.length;
  const b0 = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  const maskBit = masked ? 0x80 : 0;
  let header;
  if (len < 126) header = Buffer.from([b0, maskBit | len]);
  else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = b0;
    header[1] = maskBit | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = b0;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  const body = Buffer.from(payload);
  if (!masked) return Buffer.concat([header, body]);
  const mask = randomBytes(4);
  for (let i = 0; i < body.length; i++) body[i] ^= mask[i % 4];
  return Buffer.concat([header, mask, body]);
}

/** Opens a raw TCP socket and performs the WebSocket handshake by hand. Resolves with the HTTP status and the socket. */
export function rawHandshake(port, token, { host = `127.0.0.1:${port}`, origin, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('handshake timed out'));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET /api?token=${token} HTTP/1.1\r\nHost: ${host}\r\n${origin ? `Origin: ${origin}\r\n` : ''}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      const head = buffer.toString('latin1', 0, end);
      resolve({ socket, status: Number(head.slice(9, 12)), head, body: buffer.subarray(end + 4) });
    };
    socket.on('data', onData);
  });
}

/** Reads server frames until the server closes: the close code and reason, and any text messages. */
export function readUntilClose(socket, initial = Buffer.alloc(0), timeoutMs = 10_000) {
  return new Promise((resolve) => {
    let buffer = initial;
    const texts = [];
    let close = null;
    const parse = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0] & 0x0f;
        let len = buffer[1] & 0x7f;
        let at = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          at = 10;
        }
        if (buffer.length < at + len) return;
        const payload = buffer.subarray(at, at + len);
        buffer = buffer.subarray(at + len);
        if (opcode === 1) texts.push(payload.toString('utf8'));
        if (opcode === 8) close = { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString('utf8') };
      }
    };
    parse();
    const timer = setTimeout(() => finish(false), timeoutMs);
    const finish = (closed) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ closed, close, texts });
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      parse();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.on('end', () => finish(true));
  });
}

/** A WebSocket client for API calls: `call(name, payload)` resolves with the WireResult. */
export async function client(port, token, { timeoutMs = 30_000, maxPayload } = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { origin: `http://127.0.0.1:${port}`, ...(maxPayload ? { maxPayload } : {}) });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', () => undefined);
  const pending = new Map();
  let nextId = 1;
  ws.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const settle = pending.get(message.id) ?? (message.id === null ? pending.values().next().value : undefined);
    if (settle) settle(message.result);
  });
  const closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    ws,
    closed,
    /** Sends raw text (or a Buffer as a binary frame) and resolves with the next reply to it, or null on timeout/close. */
    sendRaw(data, id = null) {
      return new Promise((resolve) => {
        const key = id ?? `raw-${nextId++}`;
        const timer = setTimeout(() => done(null), timeoutMs);
        const done = (result) => {
          clearTimeout(timer);
          pending.delete(key);
          resolve(result);
        };
        pending.set(key, done);
        void closed.then(() => done(null));
        ws.send(data);
      });
    },
    call(call, payload = {}) {
      const id = nextId++;
      return this.sendRaw(JSON.stringify({ id, call, payload }), id);
    },
    close: () => ws.terminate(),
  };
}

/** True when the host answers `app.info` (the cheapest call) on a fresh connection within 10 s. */
export async function ping(port, token) {
  let c;
  try {
    c = await client(port, token, { timeoutMs: 10_000 });
    const result = await c.call('app.info');
    return result?.ok === true;
  } catch {
    return false;
  } finally {
    c?.close();
  }
}

export function httpGet(port, urlPath, { host = `127.0.0.1:${port}`, method = 'GET' } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends bytes on a raw TCP connection and returns everything the server wrote back before closing. */
function rawHttp(port, bytes, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let out = '';
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (c) => (out += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const SECURITY_HEADER_NAMES = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
const hasSecurityHeaders = (headers) => SECURITY_HEADER_NAMES.every((h) => headers[h] !== undefined);

/** Open file descriptors of a process (Linux), or null where /proc is missing. */
export function openFiles(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** A malformed frame sent after a valid handshake: the host must close that socket with a close code, nothing more. */
function malformed(name, bytes) {
  return {
    name: `malformed frame: ${name}`,
    finding: 2,
    async run({ port, token }) {
      const { socket, body } = await rawHandshake(port, token);
      socket.write(bytes());
      const { closed, close } = await readUntilClose(socket, body);
      return { refused: closed && close !== null && close.code >= 1002, error: close ? `close ${close.code}${close.reason ? ` "${close.reason}"` : ''}` : closed ? 'closed' : 'left open' };
    },
  };
}

/** Expects an API error reply with a code; `clear` says the message is short and names the problem. */
function apiRefusal(result, code) {
  const ok = result !== null && result.ok === false && (code === undefined || result.error.code === code) && result.error.message.length < 2000;
  return { refused: ok, error: result === null ? 'no reply' : result.ok ? 'accepted' : `${result.error.code}: ${result.error.message.slice(0, 160)}` };
}

// Order matters where attacks share state: the upload flood runs last, as it fills the upload slots.
export const ATTACKS = [
  malformed('reserved bits set', () => frame({ rsv: 4, payload: Buffer.from('{}') })),
  malformed('unknown opcode 0x3', () => frame({ opcode: 3, payload: Buffer.from('x') })),
  malformed('unmasked client frame', () => frame({ masked: false, payload: Buffer.from('{"id":1}') })),
  malformed('invalid UTF-8 in a text frame', () => frame({ payload: Buffer.from([0xc3, 0x28, 0xff, 0xfe]) })),
  malformed('fragmented ping', () => frame({ opcode: 9, fin: false, payload: Buffer.from('p') })),
  malformed('control frame over 125 bytes', () => frame({ opcode: 9, payload: Buffer.alloc(200, 1) })),
  malformed('continuation without a start', () => frame({ opcode: 0, payload: Buffer.from('x') })),
  malformed('length 2^63 (64-bit length with the top bit set)', () => frame({ length: 2 ** 63, payload: Buffer.alloc(0) })),
  malformed('announced length 64 MiB + 1', () => frame({ length: 64 * 1024 * 1024 + 1, payload: Buffer.alloc(0) })),
  {
    name: 'a real 65 MiB message',
    finding: 2,
    async run({ port, token }) {
      const c = await client(port, token);
      c.ws.send(JSON.stringify({ id: 1, call: 'project.backup', payload: { project: 'x'.repeat(65 * 1024 * 1024) } }));
      const close = await Promise.race([c.closed, new Promise((r) => setTimeout(() => r(null), 30_000))]);
      c.close();
      return { refused: close?.code === 1009 && /64 MiB/.test(close.reason), error: close ? `close ${close.code} "${close.reason}"` : 'left open' };
    },
  },
  {
    name: 'deeply nested `call` (12 KB of brackets)',
    finding: 3,
    async run({ port, token }) {
      const c = await client(port, token);
      const result = await c.sendRaw(`{"id":1,"call":${'['.repeat(6000)}${']'.repeat(6000)},"payload":{}}`, 1);
      c.close();
      return apiRefusal(result, 'unknown-call');
    },
  },
  {
    name: 'deeply nested payload of a real call',
    finding: 3,
    async run({ port, token }) {
      const c = await client(port, token);
      const result = await c.sendRaw(`{"id":1,"call":"templates.get","payload":{"id":${'['.repeat(50000)}${']'.repeat(50000)}}}`, 1);
      c.close();
      return apiRefusal(result, 'bad-request');
    },
  },
  {
    name: '50 MB call name quoted in the error',
    finding: 7,
    async run({ port, token }) {
      const c = await client(port, token);
      const result = await c.sendRaw(JSON.stringify({ id: 1, call: 'c'.repeat(50 * 1024 * 1024), payload: {} }), 1);
      c.close();
      return apiRefusal(result, 'unknown-call');
    },
  },
  {
    name: 'a project whose layer param is Python code (train, save, keep)',
    finding: 1,
    async run({ port, token }) {
      const c = await client(port, token);
      const template = await c.call('templates.get', { id: 'keras-tutorial-regression' });
      const project = template.value;
      const dense = project.graph.nodes.find((n) => n.type === 'Dense');
      dense.params.units = "1)\nimport os\nos.system('touch PWNED')\n#";
      const results = [await c.call('train.start', { project }), await c.call('project.download', { project }), await c.call('project.keep', { project })];
      c.close();
      const refusals = results.map((r) => apiRefusal(r, 'bad-request'));
      const named = results.every((r) => r && !r.ok && r.error.message.includes('units'));
      return { refused: refusals.every((r) => r.refused) && named, error: refusals[0].error };
    },
  },
  {
    name: 'a prediction that overflows float32 (the reply must not be dropped)',
    finding: 5,
    async run({ port, token }) {
      const c = await client(port, token);
      const project = (await c.call('templates.get', { id: 'keras-tutorial-regression' })).value;
      project.training.epochs = 1;
      const started = await c.call('train.start', { project });
      if (!started?.ok) return { refused: false, error: `could not train: ${JSON.stringify(started?.error)}` };
      let kept = null;
      for (let i = 0; i < 200 && !kept?.ok; i++) {
        kept = await c.call('model.keep', { runId: started.value.runId });
        if (!kept?.ok) await new Promise((r) => setTimeout(r, 100));
      }
      const download = await c.call('project.download', { project: { ...project, trained: kept.value } });
      let text = '';
      for (let offset = 0, done = false; !done; ) {
        const chunk = (await c.call('project.downloadChunk', { downloadId: download.value.downloadId, offset })).value;
        const bytes = Buffer.from(chunk.data, 'base64');
        text += bytes.toString('utf8');
        offset += bytes.length;
        done = chunk.done;
      }
      const saved = JSON.parse(text);
      // A kernel of 1e30: an input of 1e30 gives 1e60, past float32's 3.4e38.
      for (const w of saved.trained.weights) {
        const n = w.shape.reduce((a, b) => a * b, 1);
        w.data = Buffer.from(new Float32Array(n).fill(w.name.endsWith('kernel') ? 1e30 : 0).buffer).toString('base64');
      }
      const keptHuge = await c.call('project.keep', { project: saved });
      const loaded = await c.call('model.load', { project: keptHuge.value.project });
      const predicted = await c.call('model.predict', { runId: loaded.value.runId, inputs: [[1e30], [-1e30]] });
      c.close();
      const outputs = predicted?.ok ? predicted.value.outputs : null;
      return { refused: JSON.stringify(outputs) === JSON.stringify([['Infinity'], ['-Infinity']]), error: predicted === null ? 'no reply (hang)' : JSON.stringify(predicted.ok ? outputs : predicted.error) };
    },
  },
  {
    name: 'binary frame and non-JSON text',
    finding: 3,
    async run({ port, token }) {
      const c = await client(port, token);
      const binary = await c.sendRaw(Buffer.from([1, 2, 3]));
      const text = await c.sendRaw('{this is not json');
      c.close();
      const a = apiRefusal(binary, 'bad-message');
      const b = apiRefusal(text, 'bad-message');
      return { refused: a.refused && b.refused, error: a.error };
    },
  },
  {
    name: 'DNS rebinding: page request with Host: evil.example',
    finding: 7,
    async run({ port }) {
      const res = await httpGet(port, '/', { host: `evil.example:${port}` });
      return { refused: res.status === 403 && hasSecurityHeaders(res.headers), error: `HTTP ${res.status}: ${res.body.slice(0, 120)}` };
    },
  },
  {
    name: 'DNS rebinding: WebSocket with Host: evil.example (right token)',
    finding: 7,
    async run({ port, token }) {
      const { socket, status, head } = await rawHandshake(port, token, { host: `evil.example:${port}` });
      socket.destroy();
      return { refused: status === 403 && /content-security-policy/i.test(head), error: `HTTP ${status}` };
    },
  },
  {
    name: 'WebSocket without token, wrong token, foreign Origin',
    finding: 7,
    async run({ port, token }) {
      const statuses = [];
      for (const [t, origin] of [['', undefined], ['x'.repeat(token.length), undefined], [token, 'http://evil.example']]) {
        const { socket, status } = await rawHandshake(port, t, { origin });
        socket.destroy();
        statuses.push(status);
      }
      return { refused: statuses.every((s) => s === 403), error: `HTTP ${statuses.join(', ')}` };
    },
  },
  {
    name: 'error responses (404, 405, 403, bad %-escape, 400) carry the security headers',
    finding: 7,
    async run({ port }) {
      const notFound = await httpGet(port, '/nope.js');
      const method = await httpGet(port, '/', { method: 'POST' });
      const host = await httpGet(port, '/', { host: 'evil.example' });
      const badEscape = await httpGet(port, '/%E0%A4%A');
      const bad = await rawHttp(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n');
      const statuses = [notFound.status, method.status, host.status, badEscape.status];
      const ok = statuses.join() === '404,405,403,404' && [notFound, method, host, badEscape].every((r) => hasSecurityHeaders(r.headers)) && bad.startsWith('HTTP/1.1 400');
      return { refused: ok, error: `HTTP ${statuses.join(', ')}, ${bad.slice(0, 12)}` };
    },
  },
  {
    name: 'static server: path traversal and a symlink out of the app folder',
    finding: 7,
    async run({ port, rendererDir }) {
      const link = path.join(rendererDir, `neurite-attack-link-${process.pid}.txt`);
      const secret = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-secret-')), 'secret.txt');
      writeFileSync(secret, 'SECRET');
      symlinkSync(secret, link);
      try {
        const viaLink = await httpGet(port, `/${path.basename(link)}`);
        const traversal = await httpGet(port, '/%2e%2e/%2e%2e/package.json');
        return { refused: viaLink.status === 404 && !viaLink.body.includes('SECRET') && traversal.status === 404, error: `HTTP ${viaLink.status}, ${traversal.status}` };
      } finally {
        rmSync(link, { force: true });
        rmSync(path.dirname(secret), { recursive: true, force: true });
      }
    },
  },
  {
    name: 'malformed HTTP request line',
    finding: 2,
    async run({ port }) {
      const out = await rawHttp(port, '\x00\x01\x02 garbage\r\n\r\n');
      return { refused: out.startsWith('HTTP/1.1 400'), error: out.split('\r\n')[0] || 'closed' };
    },
  },
  {
    name: 'handshake reset half-way (RST during the upgrade)',
    finding: 2,
    async run({ port, token }) {
      for (let i = 0; i < 20; i++) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise((r) => socket.once('connect', r));
        socket.write(`GET /api?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        socket.resetAndDestroy();
      }
      return { refused: true, error: 'sockets reset; host unaffected' };
    },
  },
  {
    name: 'two upload chunks at the same offset',
    finding: 7,
    async run({ port, token, userDir }) {
      const c = await client(port, token);
      const text = 'x,y\n1,2\n3,4\n';
      const begun = await c.call('data.uploadBegin', { name: 'same-offset.csv', size: text.length });
      const id = begun.value.uploadId;
      const [a, b] = await Promise.all([
        c.call('data.uploadChunk', { uploadId: id, offset: 0, data: Buffer.from(text.slice(0, 8)).toString('base64') }),
        c.call('data.uploadChunk', { uploadId: id, offset: 0, data: Buffer.from('9,9\n9,9\n').toString('base64') }),
      ]);
      await c.call('data.uploadChunk', { uploadId: id, offset: 8, data: Buffer.from(text.slice(8)).toString('base64') });
      const uploads = path.join(userDir, 'data', 'uploads');
      const part = readdirSync(uploads).find((f) => f.endsWith(`${id}.part`));
      const stored = part ? readFileSync(path.join(uploads, part), 'utf8') : '';
      let lost = 0;
      for (let i = 0; i < text.length; i++) if (stored[i] !== text[i]) lost++;
      c.close();
      return { refused: a.ok && !b.ok && b.error.code === 'upload-order', error: b.ok ? 'accepted' : `${b.error.code}: ${b.error.message.slice(0, 100)}`, bytesLost: lost };
    },
  },
  {
    name: '60 CSV parses at once (worker threads)',
    finding: 6,
    async run({ port, token }) {
      const c = await client(port, token);
      const text = 'x,y\n1,2\n';
      const begun = await c.call('data.uploadBegin', { name: 'w.csv', size: text.length });
      await c.call('data.uploadChunk', { uploadId: begun.value.uploadId, offset: 0, data: Buffer.from(text).toString('base64') });
      const results = await Promise.all(Array.from({ length: 60 }, () => c.call('data.inspect', { uploadId: begun.value.uploadId })));
      c.close();
      const busy = results.filter((r) => r && !r.ok && r.error.code === 'busy');
      const answered = results.every((r) => r !== null);
      return { refused: answered && busy.length > 0, error: `${busy.length} of 60 refused: ${busy[0]?.error.message.slice(0, 100) ?? ''}` };
    },
  },
  {
    name: '300 unfinished uploads (file handles, .part files)',
    finding: 6,
    async run({ port, token, pid }) {
      const c = await client(port, token);
      const before = openFiles(pid);
      let refused = 0;
      let last = null;
      for (let i = 0; i < 300; i++) {
        const begun = await c.call('data.uploadBegin', { name: `f${i}.csv`, size: 1_000_000 });
        if (!begun?.ok) {
          refused++;
          last = begun;
          continue;
        }
        await c.call('data.uploadChunk', { uploadId: begun.value.uploadId, offset: 0, data: Buffer.from('a,b\n').toString('base64') });
      }
      const after = openFiles(pid);
      c.close();
      const bounded = before === null || after - before < 20;
      return { refused: refused >= 290 && bounded && last?.error?.code === 'too-many-uploads', error: `${refused} refused (${last?.error?.code}); open files ${before} → ${after}` };
    },
  },
];

/** Attacks on the host's start-up: a weak token is refused, and the token can stay out of the process list. */
export const STARTUP_ATTACKS = [
  {
    name: 'start with a one-character token',
    finding: 7,
    async run({ entry }) {
      const { code, output } = await runHost(entry, ['--token', 'a']);
      return { refused: code !== 0 && code !== null && /weak token/i.test(output), error: output.trim().split('\n').pop() ?? '' };
    },
  },
  {
    name: 'start with an empty NEURITE_TOKEN / token file',
    finding: 7,
    async run({ entry }) {
      const dir = mkdtempSync(path.join(tmpdir(), 'neurite-token-'));
      writeFileSync(path.join(dir, 'token'), '\n');
      const { code, output } = await runHost(entry, ['--token-file', path.join(dir, 'token')]);
      rmSync(dir, { recursive: true, force: true });
      return { refused: code !== 0 && code !== null && /at least 24/.test(output), error: output.trim().split('\n').pop() ?? '' };
    },
  },
];

/** Starts the host and waits for it to exit (or be killed after 20 s); for start-up refusals. */
function runHost(entry, args) {
  return new Promise((resolve) => {
    const userDir = mkdtempSync(path.join(tmpdir(), 'neurite-start-'));
    const child = spawn(process.execPath, [entry, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEURITE_USER_DIR: userDir, NEURITE_DATA_DIR: path.join(userDir, 'data') },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(userDir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/** Mutates a text: flips, deletes, duplicates or inserts characters at random. */
function mutate(text, random) {
  const chars = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * chars.length);
    const kind = Math.floor(random() * 5);
    if (kind === 0) chars[at] = String.fromCharCode(Math.floor(random() * 0x3000));
    else if (kind === 1) chars.splice(at, 1);
    else if (kind === 2) chars.splice(at, 0, ...chars.slice(at, at + Math.floor(random() * 20)));
    else if (kind === 3) chars.splice(at, 0, '{["\\'[Math.floor(random() * 4)].repeat(1 + Math.floor(random() * 300)));
    else chars[at] = '"';
  }
  return chars.join('');
}

/** Cheap calls whose mutations are sent (no training, no file dialogs). */
const SEEDS = [
  { id: 1, call: 'app.info', payload: {} },
  { id: 2, call: 'templates.list', payload: {} },
  { id: 3, call: 'templates.get', payload: { id: 'xor' } },
  { id: 4, call: 'train.start', payload: { project: { graph: { nodes: [{ id: 'a', type: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } }], edges: [] } } } },
  { id: 5, call: 'data.uploadBegin', payload: { name: 'a.csv', size: 10 } },
  { id: 6, call: 'data.uploadChunk', payload: { uploadId: '0'.repeat(32), offset: 0, data: 'AAAA' } },
  { id: 7, call: 'project.recovery', payload: {} },
  { id: 8, call: 'train.stop', payload: { runId: 'r1' } },
];

/**
 * Sends `frames` random and mutated raw WebSocket frames (each on a raw socket after a real
 * handshake, several per connection) and `messages` mutated API messages over a normal client,
 * stopping early after `seconds`. Deterministic for a seed. Returns what was sent.
 */
export async function fuzz({ port, token }, { frames = 1500, messages = 1500, seconds = 90, seed = 11 } = {}) {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const deadline = Date.now() + seconds * 1000;
  let sentFrames = 0;
  let sentMessages = 0;
  const valid = () => Buffer.from(JSON.stringify(SEEDS[Math.floor(random() * SEEDS.length)]));
  while (sentFrames < frames && Date.now() < deadline) {
    const { socket, body, status } = await rawHandshake(port, token);
    if (status !== 101) throw new Error(`fuzz: the handshake was refused (HTTP ${status})`);
    const closing = readUntilClose(socket, body, 2000);
    const burst = 1 + Math.floor(random() * 8);
    for (let i = 0; i < burst && sentFrames < frames; i++, sentFrames++) {
      const kind = Math.floor(random() * 4);
      let bytes;
      if (kind === 0) bytes = randomBytes(1 + Math.floor(random() * 64));
      else if (kind === 1) {
        bytes = frame({ fin: random() < 0.8, rsv: random() < 0.2 ? Math.floor(random() * 8) : 0, opcode: Math.floor(random() * 16), masked: random() < 0.9, payload: valid() });
      } else {
        bytes = frame({ payload: valid() });
        const flips = 1 + Math.floor(random() * 3);
        for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
      }
      if (kind === 3) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
      if (!socket.destroyed) socket.write(bytes);
    }
    socket.end();
    await closing;
  }
  let c = await client(port, token, { timeoutMs: 5000 });
  while (sentMessages < messages && Date.now() < deadline) {
    if (c.ws.readyState !== WebSocket.OPEN) c = await client(port, token, { timeoutMs: 5000 });
    const batch = [];
    for (let i = 0; i < 20 && sentMessages < messages; i++, sentMessages++) {
      const seedMessage = SEEDS[Math.floor(random() * SEEDS.length)];
      const text = mutate(JSON.stringify(seedMessage), random);
      // Replies to mutated messages may carry any id (or none): wait for the batch by time, bounded.
      c.ws.send(text);
      batch.push(text);
    }
    await c.call('app.info');
  }
  c.close();
  return { frames: sentFrames, messages: sentMessages };
}

/** Where the built host is: out/main/web.js of this tree, or NEURITE_WEB_ENTRY (to attack another build). */
export function hostEntry(root) {
  const entry = process.env.NEURITE_WEB_ENTRY ?? path.join(root, 'out', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first.`);
  return entry;
}
