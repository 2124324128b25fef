import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, isTrustedRendererUrl, lockDownPermissions } from './window';

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
    const own = '/opt/Neurite/resources/app.asar/out/renderer/index.html';
    expect(isTrustedRendererUrl('file:///opt/Neurite/resources/app.asar/out/renderer/index.html', undefined, own)).toBe(true);
    expect(isTrustedRendererUrl('file:///opt/Neurite/resources/app.asar/out/renderer/index.html#/train?x=1', undefined, own)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', undefined, own)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/renderer/index.html', undefined, own)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173', own)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173', own)).toBe(false);
  });

  it('refuses another renderer/index.html on disk (a downloaded page, another app)', () => {
    const own = '/opt/Neurite/resources/app.asar/out/renderer/index.html';
    for (const url of [
      'file:///home/me/Downloads/renderer/index.html',
      'file:///tmp/x/renderer/index.html',
      'file:///opt/Neurite/resources/app.asar/out/renderer/../../../../../tmp/renderer/index.html',
      'file://evil.example/opt/Neurite/resources/app.asar/out/renderer/index.html',
      'file:///opt/Neurite/resources/app.asar/out/renderer/index.html.evil/renderer/index.html',
      'not a url',
    ]) {
      expect(isTrustedRendererUrl(url, undefined, own), url).toBe(false);
    }
  });

  it('denies every permission request and every permission check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    lockDownPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    expect(request).toBeTypeOf('function');
    expect(check).toBeTypeOf('function');
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'midiSysex', 'openExternal']) {
      let granted: boolean | undefined;
      request!({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(check!({}, permission, 'file://', {})).toBe(false);
    }
  });
});
