import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommandName } from '../shared/project/api';

/**
 * The native menu bar. Every item that acts on the document sends an `app.command` to the
 * renderer, which runs the same command as the toolbar button; clipboard items use Electron
 * roles so text fields keep working. Pure: index.ts turns the template into a Menu.
 */
export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  send: (command: AppCommandName) => void;
  /** Recent files for File ▸ Open Recent, by display name. */
  recent?: { name: string; open: () => void }[];
  isDev?: boolean;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const mac = options.platform === 'darwin';
  const item = (label: string, command: AppCommandName, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(command),
  });
  const recent = options.recent ?? [];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [item(`About ${options.appName}`, 'about'), { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        item('New Project', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.length ? recent.map((r) => ({ label: r.name, click: r.open })) : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Import Model JSON…', 'import-model'),
        {
          label: 'Export',
          submenu: [item('Keras Python Script…', 'export-python'), item('TensorFlow.js TypeScript Script…', 'export-typescript'), item('TensorFlow.js Model (model.json)…', 'export-model-json')],
        },
        ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        item('Delete', 'delete'),
        item('Select All', 'select-all'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Fit to Window', 'fit-view', 'CmdOrCtrl+0'),
        item('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
        item('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.isDev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      ],
    },
    {
      label: '&Model',
      submenu: [item('Auto Layout', 'auto-layout', 'CmdOrCtrl+L'), item('Check Model', 'validate'), item('Summary', 'summary')],
    },
    {
      label: '&Train',
      submenu: [item('Train', 'train', 'CmdOrCtrl+Enter'), item('Stop', 'stop', 'CmdOrCtrl+.')],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [item(`About ${options.appName}`, 'about')],
    },
  );
  return template;
}
