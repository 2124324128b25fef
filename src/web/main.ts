import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forkNodeTrainer } from '../main/engine/fork-node';
import { TrainerHost } from '../main/engine/trainer-host';
import { DataService } from '../main/data/service';
import { createServices, readAppVersion } from '../main/services';
import { createProjectService } from '../main/services/projects';
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
      'data-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535; got ${values.port}.`);
    process.exit(2);
  }
  // __dirname is out/main in the built app.
  const root = join(__dirname, '..', '..');
  let web: WebHost | undefined;
  const trainer = new TrainerHost(forkNodeTrainer, (event) => web?.broadcast('train.event', event));
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
  });
  try {
    web = await startWebHost({ handlers, rendererDir: join(root, 'out', 'renderer'), port, host: values.host, token: values.token });
  } catch (error) {
    console.error(`Could not start the browser host: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`Neurite is running. Open this address in your browser:\n\n  ${web.url}\n\nPress Ctrl+C to stop.`);
  trainer
    .backend()
    .then((b) => console.log(`Training backend: ${b.name}${b.fallbackReasons.length ? ` (${b.fallbackReasons.join('; ')})` : ''}`))
    .catch((error: unknown) => console.error(`Training backend failed to start: ${String(error)}`));

  const shutdown = () => {
    trainer.dispose();
    void web?.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Where the desktop app's userData would be, in a folder of the browser host's own. */
function defaultUserDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Neurite Web');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Neurite Web');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'neurite-web');
}

void main();
