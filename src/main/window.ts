import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

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

/** Only our own renderer may call the API: the packaged file:// page or, in development, the dev server. */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return url.startsWith('file://') && /[/\\]renderer[/\\]index\.html(?:[?#].*)?$/.test(decodeURI(url));
}
