import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen } from 'electron';
import type { AppCommand, AppCommandName } from '../shared/project/api';
import { ipcChannel } from '../shared/api/names';
import { AtomicWriter } from './files/atomic-write';
import { buildMenuTemplate } from './menu';
import { createProjectService, type ProjectDialogs, type ProjectService } from './services/projects';
import { parseWindowState, projectFileFromArgv, restoreBounds, serializeWindowState } from './window-state';
import { UiLanguage } from './ui-language';
import { pickLanguage } from '../shared/i18n/translate';

/**
 * The desktop shell around the window: native dialogs for project files, the menu bar, the
 * single-instance lock (a second launch hands its file to the first), files given on the
 * command line or by the OS, and the remembered window bounds. The decisions live in pure,
 * tested modules (menu.ts, window-state.ts, services/projects.ts); this file only connects them
 * to Electron.
 */
export interface DesktopShell {
  projects: ProjectService;
  /** The UI language of main's texts (menu, dialogs), set by the renderer's `app.setLanguage`. */
  language: UiLanguage;
  /** Call once the main window exists. */
  attach(window: BrowserWindow): void;
}

/** Returns null when another instance holds the lock: that one gets our argv, and this one should quit. */
export function startDesktopShell(getWindow: () => BrowserWindow | null): DesktopShell | null {
  if (!app.requestSingleInstanceLock()) return null;
  const dataDir = app.getPath('userData');
  const writer = new AtomicWriter();
  const parentWindow = () => getWindow() ?? undefined;
  const language = new UiLanguage();

  const dialogs: ProjectDialogs = {
    async showOpen({ title, filters }) {
      const win = parentWindow();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showSave({ title, defaultName, filters }) {
      const win = parentWindow();
      const options = { title, filters, defaultPath: defaultName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async showFolder({ title }) {
      const win = parentWindow();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
  const projects = createProjectService({ appVersion: app.getVersion(), dataDir, dialogs, writer, language });

  let rendererReady = false;
  const pending: AppCommand[] = [];
  const send = (command: AppCommand) => {
    const win = getWindow();
    if (!win || !rendererReady) {
      pending.push(command);
      return;
    }
    win.webContents.send(ipcChannel('app.command'), command);
  };
  const openFile = (path: string) => {
    send({ command: 'open-file', fileId: projects.registerPath(path) });
    const win = getWindow();
    if (win?.isMinimized()) win.restore();
    win?.focus();
  };

  const refreshMenu = async () => {
    const recent = await projects.handlers['project.recent']({}).catch(() => []);
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: app.getName(),
      isDev: !app.isPackaged,
      language: language.language,
      send: (command: AppCommandName) => send({ command }),
      recent: recent.map((r) => ({ name: r.name, open: () => send({ command: 'open-file', fileId: r.id }) })),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  language.onChange(() => void refreshMenu());
  // Until the renderer reports its language (it can only once the window exists, after this), the
  // OS's stands in, as the renderer's own first guess does.
  void app.whenReady().then(() => {
    language.set(pickLanguage(null, app.getPreferredSystemLanguages()));
    return refreshMenu();
  });

  app.on('second-instance', (_event, argv) => {
    const file = projectFileFromArgv(argv);
    if (file) openFile(file);
    else getWindow()?.focus();
  });
  // macOS hands files (Finder double-click, drop on the Dock icon) through this event, also before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  const initial = projectFileFromArgv(process.argv);
  if (initial) openFile(initial);

  const statePath = join(dataDir, 'window-state.json');
  let stateText: string | null = null;
  try {
    stateText = readFileSync(statePath, 'utf8');
  } catch {
    // First start.
  }

  return {
    projects,
    language,
    attach(window) {
      const restored = restoreBounds(
        parseWindowState(stateText),
        screen.getAllDisplays().sort((a, b) => (a.id === screen.getPrimaryDisplay().id ? -1 : b.id === screen.getPrimaryDisplay().id ? 1 : 0)).map((d) => d.workArea),
      );
      window.setBounds(restored.bounds);
      if (restored.maximized) window.maximize();
      let timer: NodeJS.Timeout | null = null;
      const save = () => {
        if (window.isDestroyed()) return;
        const state = serializeWindowState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
        stateText = state;
        void mkdir(dataDir, { recursive: true }).then(() => writer.write(statePath, state)).catch(() => undefined);
      };
      const later = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(save, 500);
      };
      window.on('resize', later);
      window.on('move', later);
      window.on('close', save);
      window.webContents.on('did-finish-load', () => {
        rendererReady = true;
        for (const command of pending.splice(0)) window.webContents.send(ipcChannel('app.command'), command);
      });
      // The renderer refuses to unload while there is unsaved work; Electron shows no prompt itself.
      window.webContents.on('will-prevent-unload', (event) => {
        const choice = dialog.showMessageBoxSync(window, {
          type: 'question',
          buttons: [language.t('dialog.unsaved.discard'), language.t('dialog.unsaved.cancel')],
          defaultId: 1,
          cancelId: 1,
          message: language.t('dialog.unsaved.message'),
          detail: language.t('dialog.unsaved.detail'),
        });
        if (choice === 0) event.preventDefault();
      });
      window.webContents.on('did-start-loading', () => {
        rendererReady = false;
      });
      // Opened or saved files change the recent list; the title shows the file's name.
      window.on('page-title-updated', () => void refreshMenu());
    },
  };
}
