// Runs issue 11's attacks against the real browser host (out/main/web.js; `npm run build` first)
// on loopback and prints what happened to each: refused with a clear error, crashes, hangs, bytes
// lost. A host that dies is counted and restarted, so every attack is tried. Then a bounded fuzz.
//
//   node bench/security.mjs [--fuzz-frames N] [--fuzz-messages N] [--fuzz-seconds S]
//   NEURITE_WEB_ENTRY=/elsewhere/out/main/web.js node bench/security.mjs   # attack another build
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ATTACKS, STARTUP_ATTACKS, fuzz, hostEntry, ping } from './lib/attacks.mjs';
import { root } from './lib/browser-host.mjs';

const { values } = parseArgs({
  options: {
    'fuzz-frames': { type: 'string', default: '2000' },
    'fuzz-messages': { type: 'string', default: '2000' },
    'fuzz-seconds': { type: 'string', default: '120' },
  },
});
const entry = hostEntry(root);
const HANG_MS = 60_000;

/** Starts the host with a private user folder; resolves with what the attacks need. */
async function start() {
  const userDir = mkdtempSync(path.join(tmpdir(), 'neurite-security-'));
  const server = spawn(process.execPath, [entry, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEURITE_USER_DIR: userDir, NEURITE_DATA_DIR: path.join(userDir, 'data') },
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) resolve(new URL(match[1]));
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the browser host exited (${code}):\n${output}`)));
  });
  return {
    server,
    output: () => output,
    context: { port: Number(url.port), token: url.searchParams.get('token'), pid: server.pid, userDir, rendererDir: path.join(path.dirname(entry), '..', 'renderer') },
  };
}

const withDeadline = (promise, ms) =>
  Promise.race([promise.then((value) => ({ value }), (error) => ({ error })), new Promise((resolve) => setTimeout(() => resolve({ hung: true }), ms))]);

async function alive(host) {
  if (host.server.exitCode !== null || host.server.signalCode !== null) return false;
  return ping(host.context.port, host.context.token);
}

const rows = [];
let host = await start();
for (const attack of ATTACKS) {
  const outcome = await withDeadline(attack.run(host.context), HANG_MS);
  const crashed = !(await alive(host));
  const result = outcome.value ?? { refused: false, error: outcome.hung ? 'no answer' : `attack failed: ${outcome.error?.message ?? outcome.error}` };
  rows.push({ attack: attack.name, finding: attack.finding, refused: result.refused && !crashed, error: crashed ? 'host died' : result.error, crashes: crashed ? 1 : 0, hangs: outcome.hung ? 1 : 0, lost: result.bytesLost ?? 0 });
  if (crashed) {
    host.server.kill('SIGKILL');
    host = await start();
  }
}
for (const attack of STARTUP_ATTACKS) {
  const outcome = await withDeadline(attack.run({ entry }), HANG_MS);
  const result = outcome.value ?? { refused: false, error: outcome.hung ? 'no answer' : String(outcome.error) };
  rows.push({ attack: attack.name, finding: attack.finding, refused: result.refused, error: result.error, crashes: 0, hangs: outcome.hung ? 1 : 0, lost: 0 });
}
const started = Date.now();
const fuzzed = await withDeadline(
  fuzz(host.context, { frames: Number(values['fuzz-frames']), messages: Number(values['fuzz-messages']), seconds: Number(values['fuzz-seconds']) }),
  Number(values['fuzz-seconds']) * 1000 + HANG_MS,
);
const fuzzCrashed = !(await alive(host));
const sent = fuzzed.value ?? { frames: '?', messages: '?' };
rows.push({
  attack: `fuzz: ${sent.frames} random/mutated frames + ${sent.messages} mutated API messages (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  finding: '2,3',
  refused: !fuzzCrashed && !fuzzed.hung && !fuzzed.error,
  error: fuzzCrashed ? 'host died' : fuzzed.error ? String(fuzzed.error) : 'still answers a ping',
  crashes: fuzzCrashed ? 1 : 0,
  hangs: fuzzed.hung ? 1 : 0,
  lost: 0,
});
const guardLog = /uncaught exception|unhandled promise rejection/.test(host.output());
host.server.kill('SIGTERM');

const cut = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
console.log(`\nAttacks on the browser host (${entry})\n`);
console.log('| attack | finding | refused with a clear error | what the attacker was told | crashes | hangs | bytes lost |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.attack} | ${r.finding} | ${r.refused ? 'yes' : 'NO'} | ${cut(r.error.replace(/\|/g, '/').replace(/\s+/g, ' '), 90)} | ${r.crashes} | ${r.hangs} | ${r.lost} |`);
const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
console.log(
  `\n${rows.length} attacks: ${rows.filter((r) => r.refused).length} refused, ${total('crashes')} crashes, ${total('hangs')} hangs, ${total('lost')} bytes lost` +
    `${guardLog ? '; the fault guard logged an escaped error (see the host output)' : ''}.`,
);
process.exit(rows.every((r) => r.refused) && total('crashes') === 0 && total('hangs') === 0 && total('lost') === 0 ? 0 : 1);
