import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell, utilityProcess } from 'electron';
import type { TrainerChannel } from './engine/trainer-host';
import { TrainerHost } from './engine/trainer-host';
import { registerIpc } from './ipc';
import { createServices } from './services';
import { ipcChannel } from '../shared/api/names';
import { createMainWindow, isTrustedRendererUrl } from './window';

/** Training runs in an Electron utility process: a Node process of its own, never main's event loop. */
function spawnUtilityTrainer(): TrainerChannel {
  const child = utilityProcess.fork(join(__dirname, 'trainer.js'), [], { serviceName: 'Neurite trainer', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}

/** Only web pages go to the system browser; never file:, javascript: or custom schemes. */
function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  mainWindow = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.js'));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(join(__dirname, '../renderer/index.html'));
}

app.on('web-contents-created', (_event, contents) => {
  // No new windows and no navigation away from the app; links open in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const trainer = new TrainerHost(spawnUtilityTrainer, (event) => {
    mainWindow?.webContents.send(ipcChannel('train.event'), event);
  });
  const handlers = createServices({
    host: 'desktop',
    appVersion: app.getVersion(),
    resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
    trainer,
  });
  registerIpc(ipcMain, handlers, (event) => isTrustedRendererUrl(event.senderFrame?.url ?? '', devServerUrl));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => trainer.dispose());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
