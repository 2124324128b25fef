import { z } from 'zod';
import { GraphSchema, TrainingSettingsSchema } from './schema';
import { WireProjectSchema } from './wire';

/**
 * The API calls and events for project files, spread into `calls`/`events` in
 * src/shared/api/contract.ts. The renderer never names a path: in the desktop host main shows
 * the native dialogs and hands back an opaque `fileId` (valid for this session) and a display
 * name; in the browser host there are no file ids (the page uploads and downloads itself) and
 * the calls that need a dialog answer `unsupported`.
 */

/** Opaque handle for a file main has opened or saved; never a path. */
export const FileId = z.string().regex(/^f[0-9a-z]{1,40}$/);
export const FileRefSchema = z.object({ id: FileId, name: z.string().max(500) });

/** A prepared download (`project.download`); valid until read to its end or for ten minutes. */
export const DownloadId = z.string().regex(/^d[0-9a-f]{16}$/);

export const LoadWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Issue 16: `message` as data (PROJECT_LOAD_MESSAGES_EN in src/shared/project/load.ts), rendered in the UI's language. */
  messageId: z.string().max(200).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  nodeId: z.string().optional(),
  field: z.string().optional(),
});

const OpenedSchema = z.object({
  opened: z.literal(true),
  file: FileRefSchema,
  project: WireProjectSchema,
  warnings: z.array(LoadWarningSchema),
  /** Set when the file was saved by an older Neurite and migrated on load; saving writes the current format. */
  migratedFrom: z.number().int().optional(),
});

export const ImportedModelSchema = z.object({
  name: z.string(),
  graph: GraphSchema,
  training: TrainingSettingsSchema.optional(),
  warnings: z.array(z.string()),
  /** The project with weights (kept in main, by reference), when weight files were found beside model.json. */
  project: WireProjectSchema.optional(),
});

export const projectCalls = {
  /**
   * Desktop: opens `fileId` (from the recent list or an `app.command` open-file) or, without it,
   * shows the open dialog. `{opened: false}` when the user cancels. A corrupt, truncated,
   * non-project or newer-version file fails with the loader's code and message.
   */
  'project.open': {
    request: z.object({ fileId: FileId.optional() }),
    response: z.discriminatedUnion('opened', [OpenedSchema, z.object({ opened: z.literal(false) })]),
  },
  /**
   * Desktop: saves atomically to `fileId`, or shows the save dialog when there is none or
   * `saveAs` is set. Refuses to overwrite a file written by a newer Neurite. Clears the crash
   * backup on success.
   */
  'project.save': {
    request: z.object({ project: WireProjectSchema, fileId: FileId.optional(), saveAs: z.boolean().optional() }),
    response: z.discriminatedUnion('saved', [z.object({ saved: z.literal(true), file: FileRefSchema, savedAt: z.string() }), z.object({ saved: z.literal(false) })]),
  },
  /** Desktop: recently opened or saved files, newest first; files that no longer exist are left out. */
  'project.recent': {
    request: z.object({}),
    response: z.array(FileRefSchema.extend({ location: z.string(), openedAt: z.string() })),
  },
  /**
   * Crash recovery: the renderer sends unsaved work on a debounce (null when there is none left to lose).
   * `closed` (issue 17): sent as the page unloads normally (reload, close); the backup is kept but
   * marked as left by a clean exit, so the next start does not call it a crash. `project: null` with
   * `closed` marks the backup already kept (the page could not write its state: a setting was invalid).
   */
  'project.backup': {
    request: z.object({ project: WireProjectSchema.nullable(), fileId: FileId.optional(), closed: z.boolean().optional() }),
    response: z.object({ backedUp: z.boolean() }),
  },
  /**
   * Unsaved work left by the last session, to offer at start; null when there is none. `cleanExit`:
   * the session ended with a normal close or reload (its page said so as it unloaded), not a crash.
   */
  'project.recovery': {
    request: z.object({}),
    response: z
      .object({ project: WireProjectSchema, backedUpAt: z.string(), cleanExit: z.boolean(), file: FileRefSchema.optional(), warnings: z.array(LoadWarningSchema) })
      .nullable(),
  },
  /** Desktop: shows an open dialog for a layers-model `model.json` and converts it (with weights when the files are beside it). */
  'project.importModel': {
    request: z.object({}),
    response: z.discriminatedUnion('imported', [z.object({ imported: z.literal(true), model: ImportedModelSchema }), z.object({ imported: z.literal(false) })]),
  },
  /**
   * Browser host: hands main the weights of a project file the page read from the user's disk
   * (the one time they travel), and answers the project with a reference in their place.
   */
  'project.keep': {
    request: z.object({ project: WireProjectSchema }),
    response: z.object({ project: WireProjectSchema }),
  },
  /**
   * Browser host: the project file's text, with the trained weights main keeps, made ready for
   * the page to download in chunks (`project.downloadChunk`); the page never holds weights
   * between saves. Refused when the weights' reference is unknown.
   */
  'project.download': {
    request: z.object({ project: WireProjectSchema }),
    response: z.object({ downloadId: DownloadId, size: z.number().int().nonnegative() }),
  },
  /** The bytes of a prepared download from `offset`, at most 4 MiB, base64; the download is forgotten after its last chunk. */
  'project.downloadChunk': {
    request: z.object({ downloadId: DownloadId, offset: z.number().int().nonnegative() }),
    response: z.object({ data: z.string(), done: z.boolean() }),
  },
  /** Desktop: writes export files (code, model.json, weights) into a folder the user picks. `data` is utf-8 text or base64 bytes. */
  'project.exportFiles': {
    request: z.object({
      title: z.string().max(200),
      files: z
        .array(z.object({ name: z.string().regex(/^[\w][\w .-]{0,120}$/), data: z.string(), encoding: z.enum(['utf8', 'base64']) }))
        .min(1)
        .max(20),
    }),
    response: z.object({ saved: z.boolean(), folder: z.string().optional() }),
  },
} as const;

/** Commands the native menus (and a second launch, or a file dropped on the window) send to the renderer. */
export const APP_COMMANDS = [
  'new',
  'open',
  'open-file',
  'save',
  'save-as',
  'import-model',
  // issue 14: image folders
  'import-images',
  'export-python',
  'export-typescript',
  'export-model-json',
  'export-onnx',
  // issue 18: train at scale
  'export-training-package',
  // issue 18: import training run
  'import-run',
  'undo',
  'redo',
  'copy',
  'paste',
  'duplicate',
  'select-all',
  'delete',
  'command-palette',
  'auto-layout',
  'fit-view',
  'zoom-in',
  'zoom-out',
  // issue 15: the Runs view
  'show-runs',
  'validate',
  'summary',
  'train',
  'stop',
  // issue 15: sweeps and the learner's experiment
  'sweep',
  'batch-experiment',
  // issue 16: lessons
  'lessons',
  // issue 16: glossary
  'glossary',
  'about',
  // issue 17: keyboard-only building
  'add-layer',
  'connect-to',
  'disconnect',
  'next-region',
  'previous-region',
] as const;
export type AppCommandName = (typeof APP_COMMANDS)[number];

export const AppCommandSchema = z.object({
  command: z.enum(APP_COMMANDS),
  /** For open-file: the file main registered (from the command line, a second launch or a drop). */
  fileId: FileId.optional(),
});
export type AppCommand = z.infer<typeof AppCommandSchema>;

export const projectEvents = {
  'app.command': AppCommandSchema,
} as const;
