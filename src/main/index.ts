import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell, utilityProcess } from 'electron';
import type { TrainerChannel } from './engine/trainer-host';
import { TrainerHost } from './engine/trainer-host';
import { registerIpc } from './ipc';
import { DataService } from './data/service';
import { createServices } from './services';
import { ipcChannel } from '../shared/api/names';
import { createMainWindow, isTrustedRendererUrl, lockDownPermissions } from './window';
import { startDesktopShell } from './shell';

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
/** The one page allowed to call the API when packaged. */
const rendererFile = join(__dirname, '../renderer/index.html');
let mainWindow: BrowserWindow | null = null;

/** Null when another instance is running: it has been handed our command line, and this one quits. */
const desktopShell = startDesktopShell(() => mainWindow);
if (!desktopShell) app.quit();

function createWindow(): void {
  mainWindow = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.js'));
  desktopShell?.attach(mainWindow);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(rendererFile);
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
  if (!desktopShell) return;
  lockDownPermissions(session.defaultSession);
  // Dialog titles in the UI language (the renderer reports it with app.setLanguage).
  const t = desktopShell.language.t;
  const trainer = new TrainerHost(
    spawnUtilityTrainer,
    (event) => {
      mainWindow?.webContents.send(ipcChannel('train.event'), event);
    },
    // issue 15: learning-rate finder
    { onLrFinderProgress: (progress) => mainWindow?.webContents.send(ipcChannel('train.lrFinderProgress'), progress) },
  );
  // Created before the trainer spawns: it points NEURITE_DATA_DIR (inherited by the trainer) at the import store.
  const data = new DataService({
    dir: join(app.getPath('userData'), 'datasets'),
    emit: (progress) => mainWindow?.webContents.send(ipcChannel('data.progress'), progress),
    pickCsvFile: async () => {
      const options = { title: t('dialog.importData'), properties: ['openFile' as const], filters: [{ name: t('dialog.filter.data'), extensions: ['csv', 'tsv', 'txt', 'xlsx'] }] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    // Issue 14: image folders. One dialog cannot pick a file or a folder on Windows and Linux, so the renderer asks for one kind.
    pickImageSource: async (kind) => {
      const options =
        kind === 'folder'
          ? { title: t('dialog.importImageFolder'), properties: ['openDirectory' as const] }
          : { title: t('dialog.importImageZip'), properties: ['openFile' as const], filters: [{ name: t('dialog.filter.zip'), extensions: ['zip'] }] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  const handlers = createServices({
    data,
    host: 'desktop',
    projects: desktopShell.projects,
    language: desktopShell.language,
    appVersion: app.getVersion(),
    // issue 18: import training run
    pickResultFolder: async () => {
      const options = { title: t('dialog.importRun'), properties: ['openDirectory' as const] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
    trainer,
    // Issue 15: runs write TensorBoard logs here when the run panel's option is on.
    tensorboardDir: join(app.getPath('userData'), 'tensorboard'),
  });
  registerIpc(ipcMain, handlers, (event) => isTrustedRendererUrl(event.senderFrame?.url ?? '', devServerUrl, rendererFile));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => {
    trainer.dispose();
    // Unfinished imports leave no .part files behind.
    void data.dispose();
  });
});

app.on('window-all-closed', () => {
  // The closing page's last backup (marked as a clean exit) is written before the app quits.
  if (process.platform !== 'darwin') void (desktopShell?.projects.backupWritten() ?? Promise.resolve()).finally(() => app.quit());
});
