import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forkNodeTrainer } from '../main/engine/fork-node';
import { TrainerHost } from '../main/engine/trainer-host';
import { DataService } from '../main/data/service';
import { createServices, readAppVersion } from '../main/services';
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
  const data = new DataService({ emit: (progress) => web?.broadcast('data.progress', progress) });
  const handlers = createServices({
    host: 'web',
    appVersion: await readAppVersion([join(root, 'package.json')]),
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

void main();
