import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, isTrustedRendererUrl } from './window';

describe('main window', () => {
  it('is created with an isolated, sandboxed renderer and no Node integration', () => {
    let seen: BrowserWindowConstructorOptions | undefined;
    class RecordingWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        seen = options;
      }
    }
    createMainWindow(RecordingWindow as never, '/app/out/preload/index.js');
    const prefs = seen?.webPreferences;
    expect(prefs).toBeDefined();
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
    expect(prefs?.webviewTag).toBe(false);
    expect(prefs?.preload).toBe('/app/out/preload/index.js');
  });

  it('trusts only its own renderer page', () => {
    expect(isTrustedRendererUrl('file:///opt/Neurite/resources/app.asar/out/renderer/index.html', undefined)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', undefined)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/renderer/index.html', undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
