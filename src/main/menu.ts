import type { MenuItemConstructorOptions } from 'electron';
import { accelerator, ACTIONS, type MenuName } from '../shared/actions';
import type { AppCommandName } from '../shared/project/api';
import { translator, type Language, type MessageKey } from '../shared/i18n/translate';

/**
 * The native menu bar, built from the action table (src/shared/actions.ts) in the UI language.
 * Every item sends an `app.command` to the renderer, which runs the same action as the toolbar
 * button, the keyboard shortcut and the command palette. An action's label is its `action.<id>`
 * text of the shared dictionaries (src/shared/i18n), the one the palette and toolbar show; menu
 * names and Electron's role items (Cut, Copy, Paste, Quit, full screen) have `menu.*` texts, so
 * the whole bar follows the language and not the OS's. Shortcuts are shown but not registered
 * here (`registerAccelerator: false`): the renderer's keyboard handler is their one
 * implementation. Clipboard items use Electron roles so text fields keep working. Pure: shell.ts
 * turns the template into a Menu.
 */
export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  send: (command: AppCommandName) => void;
  /** Recent files for File ▸ Open Recent, by display name. */
  recent?: { name: string; open: () => void }[];
  isDev?: boolean;
  /** The UI language the renderer reported (`app.setLanguage`); English when absent. */
  language?: Language;
}

const MENUS: MenuName[] = ['file', 'edit', 'view', 'model', 'train', 'help'];

/** An action's menu label: the same dictionary text the command palette and toolbar use. */
export const actionKey = (id: AppCommandName): MessageKey => `action.${id}` as MessageKey;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const t = translator(options.language ?? 'en');
  const app = { app: options.appName };
  const role = (name: 'cut' | 'copy' | 'paste' | 'quit' | 'togglefullscreen' | 'toggleDevTools' | 'services' | 'hide' | 'hideOthers' | 'unhide'): MenuItemConstructorOptions => ({
    role: name,
    label: t(`menu.role.${name}`, app),
  });
  const mac = options.platform === 'darwin';
  const recent = options.recent ?? [];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ label: t('action.about'), click: () => send('about') }, { type: 'separator' }, role('services'), { type: 'separator' }, role('hide'), role('hideOthers'), role('unhide'), { type: 'separator' }, role('quit')],
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
      submenu.push({ id: spec.id, label: t(actionKey(spec.id)), ...(shortcut ? { accelerator: accelerator(shortcut), registerAccelerator: false } : {}), click: () => send(spec.id) });
      if (spec.id === 'open') {
        submenu.push({
          id: 'open-recent',
          label: t('menu.openRecent'),
          enabled: recent.length > 0,
          submenu: recent.length ? recent.map((r) => ({ label: r.name, click: r.open })) : [{ label: t('menu.noRecent'), enabled: false }],
        });
      }
      if (spec.id === 'redo') submenu.push({ type: 'separator' }, role('cut'), role('copy'), role('paste'));
    }
    if (name === 'file' && !mac) submenu.push({ type: 'separator' }, role('quit'));
    if (name === 'view') submenu.push({ type: 'separator' }, role('togglefullscreen'), ...(options.isDev ? [role('toggleDevTools')] : []));
    template.push({ label: t(`menu.${name}`), ...(name === 'help' ? { role: 'help' as const } : {}), submenu });
  }
  return template;
}
