import { pathToFileURL } from 'node:url';
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

/**
 * Creates the main window. The options stay a literal inside `new BrowserWindow(...)` so that
 * static checkers (electronegativity) see them; the constructor is a parameter so a unit test
 * can read them without launching Electron.
 */
export function createMainWindow(BrowserWindow: BrowserWindowClass, preloadPath: string): ElectronBrowserWindow {
  return new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Neurite',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/**
 * Only our own renderer may call the API: in development the dev server's origin; packaged, the
 * one file `rendererFile` (out/renderer/index.html of this app), compared as a file URL without
 * its query or fragment. Any other page, even another app's `…/renderer/index.html`, is refused.
 */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined, rendererFile: string): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  try {
    const given = new URL(url);
    const own = pathToFileURL(rendererFile);
    return given.protocol === 'file:' && given.host === own.host && given.pathname === own.pathname;
  } catch {
    return false;
  }
}

/**
 * Neurite needs no web permission (camera, microphone, notifications, geolocation, clipboard
 * read, MIDI…): every request is denied, and every synchronous permission check says no, so a
 * page can't even learn that a permission could be granted. Electron's security checklist, item
 * 5 ("Handle session permission requests from remote content").
 */
export function lockDownPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
