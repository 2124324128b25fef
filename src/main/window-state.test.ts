import { describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../shared/project/api';
import { buildMenuTemplate } from './menu';
import { accelerator, ACTIONS } from '../shared/actions';
import { parseWindowState, projectFileFromArgv, restoreBounds, serializeWindowState, type Rect } from './window-state';
import type { MenuItemConstructorOptions } from 'electron';

const screen: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window state', () => {
  it('round-trips and ignores corrupt or nonsensical files', () => {
    const state = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true };
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":-5,"height":10}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":"0","y":0,"width":5,"height":10}}')).toBeNull();
  });

  it('uses the default size centred on the primary display when nothing is saved', () => {
    expect(restoreBounds(null, [screen])).toEqual({ bounds: { x: 240, y: 70, width: 1440, height: 900 }, maximized: false });
  });

  it('restores saved bounds on a display that is still there', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [screen, right])).toEqual(saved);
  });

  it('moves a window whose monitor was unplugged back onto the primary display', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true };
    const restored = restoreBounds(saved, [screen]);
    expect(restored.maximized).toBe(true);
    expect(restored.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display and pulls it inside', () => {
    const saved = { bounds: { x: -50, y: 10, width: 4000, height: 3000 }, maximized: false };
    expect(restoreBounds(saved, [screen]).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });
});

describe('command line', () => {
  it('finds the project file, skipping the executable, the app path and flags', () => {
    expect(projectFileFromArgv(['/opt/Neurite/neurite', '--no-sandbox', '/home/a/b.neurite'])).toBe('/home/a/b.neurite');
    expect(projectFileFromArgv(['electron', '.', 'C:\\x\\Model.NEURITE'])).toBe('C:\\x\\Model.NEURITE');
    expect(projectFileFromArgv(['/opt/Neurite/neurite'])).toBeNull();
    expect(projectFileFromArgv(['/opt/Neurite/neurite', 'notes.txt'])).toBeNull();
  });
});

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: has File, Edit, View, Model, Train, Help; every command reachable; no accelerator twice`, () => {
      const sent: string[] = [];
      const template = buildMenuTemplate({ platform, appName: 'Neurite', send: (c) => sent.push(c) });
      const tops = template.map((t) => String(t.label).replace('&', ''));
      expect(tops.slice(platform === 'darwin' ? 1 : 0)).toEqual(['File', 'Edit', 'View', 'Model', 'Train', 'Help']);
      const items = flatten(template);
      for (const item of items) if (item.click) (item.click as () => void)();
      // Every action with a menu place is in the menu; the others (copy/paste of layers) live beside Electron's clipboard roles.
      expect(new Set(sent)).toEqual(new Set(ACTIONS.filter((a) => a.menu).map((a) => a.id)));
      expect(items.some((i) => i.role === 'copy')).toBe(true);
      const accelerators = items.map((i) => i.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });
  }

  it('has one action per command, and shows the same shortcuts the keyboard handler uses (Stop is Esc in both)', () => {
    expect(new Set(ACTIONS.map((a) => a.id))).toEqual(new Set(APP_COMMANDS.filter((c) => c !== 'open-file')));
    const items = flatten(buildMenuTemplate({ platform: 'linux', appName: 'Neurite', send: () => undefined }));
    expect(items.find((i) => i.id === 'stop')?.accelerator).toBe('Esc');
    for (const spec of ACTIONS) {
      const item = items.find((i) => i.id === spec.id);
      if (!item) continue;
      expect(item.accelerator, spec.id).toBe(spec.shortcuts?.[0] ? accelerator(spec.shortcuts[0]) : undefined);
      if (item.accelerator) expect(item.registerAccelerator, spec.id).toBe(false);
    }
  });

  it('lists recent files under Open Recent', () => {
    let opened = '';
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Neurite', send: () => undefined, recent: [{ name: 'a.neurite', open: () => (opened = 'a') }] });
    const recent = flatten(template).find((i) => i.id === 'open-recent')!;
    const entry = (recent.submenu as MenuItemConstructorOptions[])[0];
    expect(entry.label).toBe('a.neurite');
    (entry.click as () => void)();
    expect(opened).toBe('a');
  });
});
