import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forkNodeTrainer } from '../main/engine/fork-node';
import { TrainerHost } from '../main/engine/trainer-host';
import { DataService } from '../main/data/service';
import { createServices, readAppVersion } from '../main/services';
import { createProjectService } from '../main/services/projects';
import { installFaultGuards } from './fault-guard';
import { startWebHost, type WebHost } from './server';

/**
 * `npm run web`: the browser host. Serves the app on a loopback port with a random token and
 * prints the URL to open. Training runs in a Node child process, as in the desktop app.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  installFaultGuards();
  const token = readToken(values.token, values['token-file']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535; got ${values.port}.`);
    process.exit(2);
  }
  // __dirname is out/main in the built app.
  const root = join(__dirname, '..', '..');
  let web: WebHost | undefined;
  const trainer = new TrainerHost(forkNodeTrainer, (event) => web?.broadcast('train.event', event), {
    // issue 15: learning-rate finder
    onLrFinderProgress: (progress) => web?.broadcast('train.lrFinderProgress', progress),
  });
  // Recent files, crash backups and imported CSV data live in the user's folder, so they outlive a reboot.
  const userDir = values['data-dir'] ?? process.env.NEURITE_USER_DIR ?? defaultUserDir();
  const data = new DataService({
    dir: process.env.NEURITE_DATA_DIR || join(userDir, 'data'),
    emit: (progress) => web?.broadcast('data.progress', progress),
  });
  const appVersion = await readAppVersion([join(root, 'package.json')]);
  const handlers = createServices({
    host: 'web',
    appVersion,
    // Without a data folder there would be no crash backup (or recovery) in the browser host.
    projects: createProjectService({ appVersion, dataDir: userDir }),
    resourcesDir: join(root, 'resources'),
    trainer,
    data,
    // Issue 15: runs write TensorBoard logs here when the run panel's option is on (on the host's machine).
    tensorboardDir: process.env.NEURITE_TENSORBOARD_DIR || join(userDir, 'tensorboard'),
  });
  try {
    web = await startWebHost({ handlers, rendererDir: join(root, 'out', 'renderer'), port, host: values.host, token });
  } catch (error) {
    console.error(`Could not start the browser host: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`Neurite is running. Open this address in your browser:\n\n  ${web.url}\n\nPress Ctrl+C to stop.`);
  trainer
    .backend()
    .then((b) => console.log(`Training backend: ${b.name}${b.fallbackReasons.length ? ` (${b.fallbackReasons.join('; ')})` : ''}`))
    .catch((error: unknown) => console.error(`Training backend failed to start: ${String(error)}`));

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    trainer.dispose();
    // Unfinished uploads are deleted (their .part files must not outlive the host).
    void Promise.allSettled([data.dispose(), web?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * The token, if the user chose one: from `--token-file FILE` (first line), the NEURITE_TOKEN
 * environment variable, or `--token` (visible to other local users in the process list, so
 * discouraged). Absent: startWebHost makes a random one. Exits with code 2 on a bad choice.
 */
function readToken(fromArg: string | undefined, file: string | undefined): string | undefined {
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').split(/\r?\n/)[0].trim();
    } catch (error) {
      console.error(`--token-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      process.exit(2);
    }
  }
  const fromEnv = process.env.NEURITE_TOKEN;
  // Not passed on to the trainer child process.
  delete process.env.NEURITE_TOKEN;
  if (fromEnv) return fromEnv;
  if (fromArg !== undefined) {
    console.error('Warning: --token is visible to other users in the process list; prefer --token-file FILE or the NEURITE_TOKEN environment variable.');
  }
  return fromArg;
}

/** Where the desktop app's userData would be, in a folder of the browser host's own. */
function defaultUserDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Neurite Web');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Neurite Web');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'neurite-web');
}

void main();
