import { ACTIONS, matchesShortcut, shortcutLabel, type ActionSpec } from '../../shared/actions';
import { problemText } from './lib/problemText';
import type { AppCommandName } from '../../shared/project/api';
import { api } from './api';
import { useToast } from './components/Toast';
import { tr, type MessageKey } from './i18n';
import { analyze } from './lib/analysis';
import { exportCode, exportModelJson, exportOnnxModel, exportTrainingPackage, importModelJson, newProject, openProjectFile, saveProjectFile } from './lib/files';
import { fitAfterLayout, viewport } from './lib/viewport';
import { useEditor } from './store/editor';
import { hasModel, isActive } from './store/run';
import { useRun } from './store/training';
import { useUi } from './store/ui';
import { useSweepQueue } from './components/sweeps/queue';
import { importTrainingRun } from './lib/import-run';
import { useLessons } from './lessons/progress';
import { useLearnHelp } from './lessons/learnHelp';
import { focusRegion } from './lib/regions';

/**
 * What each action of the table in src/shared/actions.ts does, and when it can. The toolbar,
 * the keyboard handler, the command palette and the native menu (through `app.command`) all run
 * actions through `runAction`, so an action behaves the same from everywhere.
 */
export interface ActionImpl {
  perform(): void;
  /** Whether the action can run now (disabled buttons, greyed palette entries); always when absent. */
  enabled?(): boolean;
}

type ActionId = Exclude<AppCommandName, 'open-file'>;

const editor = () => useEditor.getState();
const toast = (message: string) => useToast.getState().show(message);
const running = () => isActive(useRun.getState().run);

/** The one selected layer, which "Connect to…" and "Disconnect…" start from. */
const singleSelected = () => (editor().selection.nodes.length === 1 ? editor().selection.nodes[0] : undefined);

/** Opens a connection picker for the one selected layer, or says to select one (a keyboard user gets an answer, not silence). */
function openConnectPicker(picker: 'connect' | 'disconnect'): void {
  if (singleSelected() === undefined) {
    toast(tr('connect.selectOne'));
    return;
  }
  useUi.getState().setConnectPicker(picker);
}

/** Check Model: says what is wrong (or that nothing is) and selects the first layer at fault. */
function checkModel(): void {
  const { problems } = analyze(editor().doc);
  const errors = problems.filter((p) => p.severity === 'error');
  if (problems.length === 0) {
    toast(tr('action.validateOk', { layers: editor().doc.graph.nodes.length }));
    return;
  }
  const first = errors[0] ?? problems[0];
  if (first.nodeId) editor().setSelection({ nodes: [first.nodeId], edges: [] });
  toast(tr('action.validateProblems', { errors: errors.length, warnings: problems.length - errors.length, first: problemText(first, tr) }));
}

export const ACTION_IMPLS: Record<ActionId, ActionImpl> = {
  new: { perform: newProject },
  open: { perform: () => void openProjectFile() },
  save: { perform: () => void saveProjectFile() },
  'save-as': { perform: () => void saveProjectFile(true) },
  'import-model': { perform: () => void importModelJson() },
  // issue 14: image folders
  'import-images': { perform: () => useUi.getState().setImageFolderOpen(true), enabled: () => !running() },
  'export-python': { perform: () => void exportCode('python') },
  'export-typescript': { perform: () => void exportCode('typescript') },
  'export-model-json': { perform: () => void exportModelJson(), enabled: () => hasModel(useRun.getState().run) },
  'export-onnx': { perform: () => void exportOnnxModel(), enabled: () => hasModel(useRun.getState().run) },
  // issue 18: train at scale
  'export-training-package': { perform: () => void exportTrainingPackage() },
  // issue 18: import training run (a run in progress would take the document's weights back)
  'import-run': { perform: () => void importTrainingRun(), enabled: () => !running() && editor().doc.graph.nodes.length > 0 },
  undo: { perform: () => editor().undo(), enabled: () => editor().history.past.length > 0 },
  redo: { perform: () => editor().redo(), enabled: () => editor().history.future.length > 0 },
  copy: { perform: () => void editor().copy(), enabled: () => editor().selection.nodes.length > 0 },
  paste: {
    perform: () => {
      const result = editor().paste();
      if (result.refused) toast(result.refused);
    },
  },
  duplicate: { perform: () => void editor().duplicate(), enabled: () => editor().selection.nodes.length > 0 },
  delete: { perform: () => void editor().deleteSelection(), enabled: () => editor().selection.nodes.length + editor().selection.edges.length > 0 },
  'select-all': { perform: () => editor().selectAll() },
  'command-palette': { perform: () => useUi.getState().setPaletteOpen(true) },
  'fit-view': { perform: () => viewport.fit() },
  'zoom-in': { perform: () => viewport.zoomIn() },
  'zoom-out': { perform: () => viewport.zoomOut() },
  'auto-layout': {
    perform: () => {
      editor().autoLayout();
      fitAfterLayout();
    },
  },
  validate: { perform: checkModel },
  summary: { perform: () => useUi.getState().setTab('summary') },
  // issue 15: the Runs view (beside the run panel; there is none before the model has a layer)
  'show-runs': { perform: () => useUi.getState().setRunView('runs'), enabled: () => editor().doc.graph.nodes.length > 0 },
  train: { perform: () => void useRun.getState().start(), enabled: () => !running() },
  stop: { perform: () => void useRun.getState().stop(), enabled: running },
  // issue 16: lessons
  lessons: { perform: () => useLessons.getState().setListOpen(true) },
  // issue 16: glossary (the element that had the focus gets it back when the glossary closes)
  glossary: { perform: () => useLearnHelp.getState().openGlossary(document.activeElement instanceof HTMLElement ? document.activeElement : null) },
  about: { perform: () => useUi.getState().setAboutOpen(true) },
  // issue 15: sweeps and the learner's experiment
  sweep: { perform: () => useSweepQueue.getState().setView({ kind: 'setup' }) },
  'batch-experiment': { perform: () => useSweepQueue.getState().setView({ kind: 'experiment' }) },
  // issue 17: keyboard-only building
  'add-layer': { perform: () => useUi.getState().requestLayerSearch() },
  'connect-to': { perform: () => openConnectPicker('connect'), enabled: () => editor().doc.graph.nodes.length > 1 },
  disconnect: { perform: () => openConnectPicker('disconnect'), enabled: () => editor().doc.graph.edges.length > 0 },
  'next-region': { perform: () => void focusRegion(1) },
  'previous-region': { perform: () => void focusRegion(-1) },
};

let commandsInstalled = false;
/** Runs the native menu's (and a second launch's) `app.command`s: the same actions as everywhere else. */
export function installAppCommands(): void {
  if (commandsInstalled) return;
  commandsInstalled = true;
  api.on('app.command', (command) => {
    if (command.command === 'open-file') {
      if (command.fileId) void openProjectFile(command.fileId);
      return;
    }
    runAction(command.command);
  });
}

/** Runs an action if it can run now; answers whether it ran. */
export function runAction(id: AppCommandName): boolean {
  if (id === 'open-file') return false;
  const impl = ACTION_IMPLS[id];
  if (impl.enabled && !impl.enabled()) return false;
  impl.perform();
  return true;
}

/** The platform the shortcuts are for: macOS uses ⌘ where the others use Ctrl. */
export function shortcutPlatform(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? 'darwin' : 'other';
}

/** The action's name in the UI language. */
export function actionLabel(id: ActionId): string {
  return tr(`action.${id}` as MessageKey);
}

/** The action's first shortcut as people read it ('' when it has none). */
export function actionShortcut(spec: ActionSpec): string {
  return spec.shortcuts?.[0] ? shortcutLabel(spec.shortcuts[0], shortcutPlatform()) : '';
}

/** A tooltip: what the action does and its shortcut, e.g. "Save as a .neurite file (Ctrl+S)". */
export function actionTitle(id: ActionId, description?: string): string {
  const spec = ACTIONS.find((a) => a.id === id)!;
  const shortcut = actionShortcut(spec);
  const text = description ?? actionLabel(id);
  return shortcut ? `${text} (${shortcut})` : text;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The keyboard handler's one rule: the first action whose shortcut matches runs, unless a text
 * field has focus and the action leaves text fields their own keys. A key whose action cannot run
 * now (Esc with nothing training) is left to the page.
 */
export function handleShortcut(event: KeyboardEvent, platform = shortcutPlatform()): boolean {
  const editing = isEditable(event.target);
  for (const spec of ACTIONS) {
    if (!spec.shortcuts?.some((s) => matchesShortcut(s, event, platform))) continue;
    if (editing && !spec.inText) return false;
    if (!runAction(spec.id)) return false;
    // Copy leaves the event alone so the browser's own copy still happens.
    if (spec.id !== 'copy') event.preventDefault();
    return true;
  }
  return false;
}
