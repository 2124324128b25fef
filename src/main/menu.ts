import type { MenuItemConstructorOptions } from 'electron';
import { accelerator, ACTIONS, MENU_LABELS, type MenuName } from '../shared/actions';
import type { AppCommandName } from '../shared/project/api';

/**
 * The native menu bar, built from the action table (src/shared/actions.ts). Every item sends an
 * `app.command` to the renderer, which runs the same action as the toolbar button, the keyboard
 * shortcut and the command palette. Shortcuts are shown but not registered here
 * (`registerAccelerator: false`): the renderer's keyboard handler is their one implementation.
 * Clipboard items use Electron roles so text fields keep working. Pure: index.ts turns the
 * template into a Menu.
 */
export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  send: (command: AppCommandName) => void;
  /** Recent files for File ▸ Open Recent, by display name. */
  recent?: { name: string; open: () => void }[];
  isDev?: boolean;
}

const MENUS: MenuName[] = ['file', 'edit', 'view', 'model', 'train', 'help'];

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const mac = options.platform === 'darwin';
  const recent = options.recent ?? [];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ label: `About ${options.appName}`, click: () => send('about') }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  for (const name of MENUS) {
    const submenu: MenuItemConstructorOptions[] = [];
    let group = -1;
    for (const spec of ACTIONS) {
      if (spec.menu?.name !== name) continue;
      if (mac && spec.id === 'about') continue;
      if (group !== -1 && spec.menu.group !== group) submenu.push({ type: 'separator' });
      group = spec.menu.group;
      const shortcut = spec.shortcuts?.[0];
      submenu.push({ label: spec.label, ...(shortcut ? { accelerator: accelerator(shortcut), registerAccelerator: false } : {}), click: () => send(spec.id) });
      if (spec.id === 'open') {
        submenu.push({
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.length ? recent.map((r) => ({ label: r.name, click: r.open })) : [{ label: 'No recent projects', enabled: false }],
        });
      }
      if (spec.id === 'redo') submenu.push({ type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' });
    }
    if (name === 'file' && !mac) submenu.push({ type: 'separator' }, { role: 'quit' });
    if (name === 'view') submenu.push({ type: 'separator' }, { role: 'togglefullscreen' }, ...(options.isDev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []));
    template.push({ label: MENU_LABELS[name], ...(name === 'help' ? { role: 'help' as const } : {}), submenu });
  }
  return template;
}
