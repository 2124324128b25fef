import type { AppCommandName } from './project/api';

/**
 * The one table of the app's actions: its keyboard shortcut and where it sits in the native
 * menu; what each is called is its `action.<id>` text in the shared dictionaries (src/shared/i18n),
 * in every language, for the menu, toolbar and palette alike. The renderer's keyboard handler,
 * toolbar and command palette and main's native menu all read it; what an action does lives in the renderer
 * (src/renderer/src/actions.ts, one `perform` per id). Modelled on Excalidraw's `actions/*.ts`
 * (`{name, label, keyTest, perform}`) and VS Code's keybinding + menu contributions.
 */

/** A key combination. `key` is `KeyboardEvent.key` lowercased, or `code:<KeyboardEvent.code>` for keys Shift changes (Shift+1). */
export interface Shortcut {
  key: string;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
}

export type MenuName = 'file' | 'edit' | 'view' | 'model' | 'train' | 'help';

export interface ActionSpec {
  id: AppCommandName;
  shortcuts?: readonly Shortcut[];
  /** Fires even while a text field has focus (Save, Open, Train…); others leave the field its own keys. */
  inText?: boolean;
  /** Menu and group within it (a separator between groups). Absent: no menu item (keyboard and palette only). */
  menu?: { name: MenuName; group: number };
}

export const ACTIONS: readonly ActionSpec[] = [
  { id: 'new', shortcuts: [{ key: 'n', mod: true }], inText: true, menu: { name: 'file', group: 0 } },
  { id: 'open', shortcuts: [{ key: 'o', mod: true }], inText: true, menu: { name: 'file', group: 0 } },
  { id: 'save', shortcuts: [{ key: 's', mod: true }], inText: true, menu: { name: 'file', group: 1 } },
  { id: 'save-as', shortcuts: [{ key: 's', mod: true, shift: true }], inText: true, menu: { name: 'file', group: 1 } },
  { id: 'import-model', menu: { name: 'file', group: 2 } },
  // issue 14: image folders
  { id: 'import-images', menu: { name: 'file', group: 2 } },
  { id: 'export-python', menu: { name: 'file', group: 3 } },
  { id: 'export-typescript', menu: { name: 'file', group: 3 } },
  { id: 'export-model-json', menu: { name: 'file', group: 3 } },
  { id: 'export-onnx', menu: { name: 'file', group: 3 } },
  // issue 18: train at scale
  { id: 'export-training-package', menu: { name: 'file', group: 3 } },
  // issue 18: import training run
  { id: 'import-run', menu: { name: 'file', group: 2 } },
  { id: 'undo', shortcuts: [{ key: 'z', mod: true }], menu: { name: 'edit', group: 0 } },
  { id: 'redo', shortcuts: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], menu: { name: 'edit', group: 0 } },
  // The native Edit menu has Electron's own Cut/Copy/Paste roles, so text fields keep theirs.
  { id: 'copy', shortcuts: [{ key: 'c', mod: true }] },
  { id: 'paste', shortcuts: [{ key: 'v', mod: true }] },
  { id: 'duplicate', shortcuts: [{ key: 'd', mod: true }], menu: { name: 'edit', group: 1 } },
  { id: 'delete', shortcuts: [{ key: 'delete' }, { key: 'backspace' }], menu: { name: 'edit', group: 1 } },
  { id: 'select-all', shortcuts: [{ key: 'a', mod: true }], menu: { name: 'edit', group: 2 } },
  { id: 'command-palette', shortcuts: [{ key: 'p', mod: true, shift: true }, { key: 'f1' }], inText: true, menu: { name: 'view', group: 0 } },
  { id: 'fit-view', shortcuts: [{ key: 'code:Digit1', shift: true }, { key: '0', mod: true }], menu: { name: 'view', group: 1 } },
  { id: 'zoom-in', shortcuts: [{ key: '=', mod: true }, { key: '+', mod: true }], menu: { name: 'view', group: 1 } },
  { id: 'zoom-out', shortcuts: [{ key: '-', mod: true }], menu: { name: 'view', group: 1 } },
  // issue 15: the Runs view
  { id: 'show-runs', menu: { name: 'view', group: 2 } },
  { id: 'auto-layout', shortcuts: [{ key: 'l', mod: true }], menu: { name: 'model', group: 0 } },
  { id: 'validate', shortcuts: [{ key: 'k', mod: true, shift: true }], menu: { name: 'model', group: 1 } },
  { id: 'summary', menu: { name: 'model', group: 1 } },
  { id: 'train', shortcuts: [{ key: 'enter', mod: true }], inText: true, menu: { name: 'train', group: 0 } },
  { id: 'stop', shortcuts: [{ key: 'escape' }], inText: true, menu: { name: 'train', group: 0 } },
  // issue 15: sweeps and the learner's experiment
  { id: 'sweep', menu: { name: 'train', group: 1 } },
  { id: 'batch-experiment', menu: { name: 'train', group: 1 } },
  // issue 16: lessons
  { id: 'lessons', menu: { name: 'help', group: 0 } },
  // issue 16: glossary
  { id: 'glossary', menu: { name: 'help', group: 0 } },
  { id: 'about', menu: { name: 'help', group: 0 } },
  // issue 17: keyboard-only building (the palette's search, and connections without a mouse); they work from the
  // palette's search field too, where a keyboard builder types the next layer
  { id: 'add-layer', shortcuts: [{ key: 'i', mod: true }], inText: true, menu: { name: 'model', group: 2 } },
  { id: 'connect-to', shortcuts: [{ key: 'e', mod: true }], inText: true, menu: { name: 'model', group: 2 } },
  { id: 'disconnect', shortcuts: [{ key: 'e', mod: true, shift: true }], inText: true, menu: { name: 'model', group: 2 } },
  // F6 moves between the window's panes (toolbar, palette, canvas, bottom panels, inspector, status bar), as in VS Code and the browsers.
  { id: 'next-region', shortcuts: [{ key: 'f6' }], inText: true, menu: { name: 'view', group: 3 } },
  { id: 'previous-region', shortcuts: [{ key: 'f6', shift: true }], inText: true, menu: { name: 'view', group: 3 } },
];

export function action(id: AppCommandName): ActionSpec {
  const spec = ACTIONS.find((a) => a.id === id);
  if (!spec) throw new Error(`No action "${id}" in the action table.`);
  return spec;
}

/** Whether a key event (its `key`, `code` and modifiers) is this shortcut, on `platform`. */
export function matchesShortcut(
  shortcut: Shortcut,
  event: { key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  platform: string,
): boolean {
  const mac = platform === 'darwin' || platform === 'mac';
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (event.altKey || other || mod !== (shortcut.mod ?? false)) return false;
  if (shortcut.key.startsWith('code:')) return event.code === shortcut.key.slice(5) && event.shiftKey === (shortcut.shift ?? false);
  // Shift is part of symbols like '+': only letters, digits and named keys compare it.
  const symbol = shortcut.key.length === 1 && !/[a-z0-9]/.test(shortcut.key);
  if (!symbol && event.shiftKey !== (shortcut.shift ?? false)) return false;
  return event.key.toLowerCase() === shortcut.key;
}

const KEY_NAMES: Record<string, string> = { enter: 'Enter', escape: 'Esc', delete: 'Delete', backspace: 'Backspace', f1: 'F1', f6: 'F6', 'code:Digit1': '1', '=': '=', '+': 'Plus', '-': '-' };

/** A shortcut as people read it: `Ctrl+Shift+S` (Windows, Linux) or `⌘⇧S` (macOS). */
export function shortcutLabel(shortcut: Shortcut, platform: string): string {
  const mac = platform === 'darwin' || platform === 'mac';
  const key = KEY_NAMES[shortcut.key] ?? shortcut.key.toUpperCase();
  if (mac) return `${shortcut.mod ? '⌘' : ''}${shortcut.shift ? '⇧' : ''}${key}`;
  return [shortcut.mod ? 'Ctrl' : '', shortcut.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The shortcut as an Electron accelerator (`CmdOrCtrl+Shift+S`), for the native menu's display. */
export function accelerator(shortcut: Shortcut): string {
  const key = shortcut.key === 'code:Digit1' ? '1' : shortcut.key === 'escape' ? 'Esc' : shortcut.key === '+' ? 'Plus' : KEY_NAMES[shortcut.key] ?? shortcut.key.toUpperCase();
  return [shortcut.mod ? 'CmdOrCtrl' : '', shortcut.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
