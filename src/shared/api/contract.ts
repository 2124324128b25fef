import { z } from 'zod';
import type { Language } from '../i18n/translate';
import { WireNumberSchema, WireRowsSchema } from './numbers';
import { ProblemFixSchema } from '../graph/fixes';
import { CSV_DELIMITER_VALUES, CsvColumnSchema, CsvDatasetSchema, CsvNumberFormatSchema, CsvTextSchema, ImagesDatasetSchema, ProjectSchema } from '../project/schema';
import { TrainedRefSchema, WireProjectSchema, WireRunRecordSchema } from '../project/wire';
import { CALL_NAMES, EVENT_NAMES, IPC_PREFIX, ipcChannel } from './names';
import { LabelProfileSchema } from '../data/split';
import { CSV_DECISION_KINDS } from '../data/csv-types';
import { projectCalls, projectEvents } from '../project/api';
import { RunOutcomeSchema } from '../training/outcome';
import { LrFinderOptionsSchema, LrFinderProgressSchema, LrFinderResultSchema } from '../training/lr-finder';
// ---- issue 14: image folders
import { ImageFolderSummarySchema, ImageHealthItemSchema, ImageSizeSchema } from '../data/image-folder';
import { PIXEL_SCALINGS } from '../project/schema';

/**
 * The one API between the renderer and main. Every call has a name, a request schema and a
 * response schema; every event main may push has a schema. The Electron preload, the IPC
 * handlers and the browser host's WebSocket are all generated from these two maps, so adding
 * a call means adding one entry here and one handler in `src/main/services`.
 */

/**
 * Issue 16: a message as data, next to its English `message` (kept for the CLI, API clients and
 * logs): `messageId` names a key of the UI dictionaries (src/shared/i18n/en.ts, where each source
 * of messages spreads its `*_MESSAGES_EN` table) and `params` fills its `{name}` slots. The UI
 * renders the id in its language and falls back to `message` for an id it does not know.
 */
const MessageWordsFields = {
  messageId: z.string().max(200).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
};

/** The training backends, fastest first (issue 18: `tensorflow-gpu` is tfjs' `tensorflow` backend of @tensorflow/tfjs-node-gpu on a GPU; src/main/engine/backend-select.ts). */
export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const BackendInfoSchema = z.object({
  /** The tfjs backend in use. */
  name: z.enum(BACKENDS),
  /** Why a faster backend was not used, e.g. "tfjs-node is not installed". Empty when the best one loaded. */
  fallbackReasons: z.array(z.string()),
  /** Issue 16: the same reasons as data, in the same order (`{}` for one without words); absent when none has words. */
  fallbackWords: z.array(z.object(MessageWordsFields)).optional(),
});
export type BackendInfo = z.infer<typeof BackendInfoSchema>;

export const SummaryRowSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  type: z.string(),
  outputShape: z.array(z.number().nullable()).nullable(),
  params: z.number().int(),
  connectedTo: z.array(z.string()),
});
export const ModelSummarySchema = z.object({
  rows: z.array(SummaryRowSchema),
  totalParams: z.number().int(),
  trainableParams: z.number().int(),
  nonTrainableParams: z.number().int(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** A problem found in a graph, pinned to the node or edge it belongs to. */
export const GraphProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  /** A one-click fix: its label, stable id and what it does (src/shared/graph/fixes.ts). */
  fix: ProblemFixSchema.optional(),
  // issue 16: graph problems — the words as data (src/shared/graph/problem-text.ts): the UI renders these in its language; `message` stays English.
  messageId: z.string().max(100).optional(),
  params: z.record(z.string(), z.union([z.string().max(1000), z.number()])).optional(),
});
export type GraphProblem = z.infer<typeof GraphProblemSchema>;

// ---- issue 14 (templates): a template's name and description per UI language
/** One template as resources/templates/index.json lists it: English `name`/`description`, and `translations` keyed by UI language (e.g. `zh-CN`). */
export const TemplateInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  translations: z.record(z.string(), z.object({ name: z.string(), description: z.string() })).optional(),
});
export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

const RunId = z.string().min(1).max(100);


// ---- issue 9 (helper D): preprocessing in predictions and exports
/** A raw input value: a number, or a category name for a categorical CSV column. */
export const RawValueSchema = z.union([z.number().finite(), z.string().max(1000)]);
/**
 * How an exported model.json meets raw rows: `none` (nothing to do), `folded` (the z-score is
 * built into these first Dense layers), or `file` (write `json` as preprocessing.json beside the
 * model and apply it first; `reason` says why it could not be folded).
 */
export const ExportPreprocessingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('folded'), layers: z.array(z.string()) }),
  // issue 14: interop/feature maps — the pixel scaling as the exported model's first layer (Keras Rescaling); 'input-shape' reason.
  z.object({ kind: z.literal('rescaling'), layer: z.string(), scale: z.array(z.number()), offset: z.array(z.number()) }),
  z.object({ kind: z.literal('file'), reason: z.enum(['categorical', 'missing-values', 'not-dense', 'no-bias', 'several-inputs', 'input-shape']), json: z.record(z.string(), z.unknown()) }),
]);
export type ExportPreprocessingInfo = z.infer<typeof ExportPreprocessingSchema>;
// ---- end issue 9 (helper D)

// ---- issue 14: interop/feature maps
/**
 * One image's feature maps (src/main/engine/feature-maps.ts): per convolutional or pooling layer
 * (plan order) its output `[height, width, channels]` as row-major HWC values, and the first
 * Conv2D's kernel `[kh, kw, inChannels, filters]`. Non-finite values travel as text (numbers.ts).
 */
export const FeatureMapsSchema = z.object({
  layers: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      type: z.string(),
      shape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
      values: z.array(WireNumberSchema),
    }),
  ),
  filters: z
    .object({
      nodeId: z.string(),
      name: z.string(),
      shape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
      values: z.array(WireNumberSchema),
    })
    .nullable(),
});
export type FeatureMapsInfo = z.infer<typeof FeatureMapsSchema>;
/** The data files a code export of an image dataset writes beside its script (src/shared/codegen/image-data.ts), base64. */
export const CodeDataFilesSchema = z.object({ files: z.array(z.object({ name: z.string(), data: z.string() })) });
// ---- end issue 14: interop/feature maps

// ---- issue 16: inside the model
/** Most values (kernel + bias) one `model.weights` answer carries; a larger layer is refused (`too-large`). */
export const MAX_LAYER_WEIGHT_VALUES = 1_000_000;
/**
 * One Dense layer's weights in a run's model (src/main/engine/dense-weights.ts). `tensors`: the
 * kernel (`[inputs, units]`, row-major: value `i·units + j` weighs input i into unit j) and the
 * bias (`[units]`, absent with `useBias` false), each `initial` — the weights the run started
 * from (fresh from the initializers, or the saved weights a resumed run continued; null when the
 * trainer did not start this model, e.g. weights loaded from a project file) — and `current` (at
 * the last epoch end, or the run's final weights). Non-finite values travel as text (numbers.ts).
 */
export const LayerWeightsSchema = z.object({
  layer: z.object({
    nodeId: z.string(),
    /** The layer's name in the model (`dense_n2`), as the summary shows it. */
    name: z.string(),
    type: z.literal('Dense'),
    inputs: z.number().int().positive(),
    units: z.number().int().positive(),
    activation: z.string(),
    useBias: z.boolean(),
  }),
  /** Where `initial` comes from: the initializers (`initialized`), the saved weights a resumed run continued (`resumed`), or nowhere known (`unknown`: all null). */
  initialSource: z.enum(['initialized', 'resumed', 'unknown']),
  tensors: z.array(
    z.object({
      name: z.enum(['kernel', 'bias']),
      shape: z.array(z.number().int().nonnegative()),
      initial: z.array(WireNumberSchema).nullable(),
      current: z.array(WireNumberSchema),
    }),
  ),
  /** The run's whole model is y = w·x + b in its one input with this layer's kernel and bias (`linearModelOf`, src/shared/graph/linear-model.ts). */
  linearModel: z.boolean(),
});
export type LayerWeightsInfo = z.infer<typeof LayerWeightsSchema>;
// ---- end issue 16: inside the model

/** CSV import (see src/shared/data/csv.ts and src/main/data). */
const UploadId = z.string().regex(/^[a-f0-9]{32}$/);
export const UploadInfoSchema = z.object({ uploadId: UploadId, name: z.string(), size: z.number().int().nonnegative() });
const CsvDelimiterSchema = z.enum(CSV_DELIMITER_VALUES);
// ---- issue 12 (B1): text encoding and number format of a CSV file
// One definition each, the project file's (src/shared/project/schema.ts).
const CsvEncodingSchema = CsvTextSchema.shape.encoding;
const CsvTextLayoutSchema = CsvTextSchema;
export const CsvPreviewSchema = z.object({
  delimiter: CsvDelimiterSchema,
  header: z.boolean(),
  columns: z.array(
    CsvColumnSchema.extend({
      stats: z.object({
        count: z.number(),
        missing: z.number(),
        min: z.number().optional(),
        max: z.number().optional(),
        mean: z.number().optional(),
        std: z.number().optional(),
        distinct: z.number(),
        top: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
      }),
    }),
  ),
  rows: z.array(z.array(z.string())),
  sampledRows: z.number().int(),
  complete: z.boolean(),
  issues: z.array(z.object({ code: z.string(), message: z.string(), ...MessageWordsFields, line: z.number().int().optional(), column: z.string().optional() })),
  size: z.number().int(),
  /** A numeric label proposed as classes (issue 9): its column and values; the dialog offers to keep it numeric. */
  labelAsClasses: z.object({ column: z.string(), values: z.array(z.string()) }).optional(),
  // ---- issue 12 (helper E, xlsx): an Excel workbook's sheets, in workbook order, and the one previewed.
  sheets: z.array(z.string()).optional(),
  sheet: z.string().optional(),
  // ---- end issue 12 (helper E)
  // ---- issue 12 (B1): what detection decided (src/shared/data/csv-preview.ts), each overridable
  text: CsvTextLayoutSchema,
  numberFormat: CsvNumberFormatSchema,
  decisions: z.array(z.object({ kind: z.enum(CSV_DECISION_KINDS), column: z.string().optional(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  labelGuess: z.object({ column: z.string(), reason: z.enum(['name', 'last-column']), confirmed: z.literal(false) }).nullable(),
});
export type CsvPreviewInfo = z.infer<typeof CsvPreviewSchema>;
/** Raw rows for the editor's data view and predict inputs: features before normalisation, labels as values or class indices. */
export const RowsSampleSchema = z.object({
  x: z.array(z.array(z.number())),
  y: z.array(z.array(z.number())),
  /** A summary of every row's label (not only the sample's), for the split checks (issue 9). */
  labels: LabelProfileSchema.optional(),
});
export const CsvImportRequestSchema = z.object({
  uploadId: UploadId,
  delimiter: CsvDelimiterSchema,
  header: z.boolean(),
  /** Per column: type, role and (issue 12) categorical `encoding`, `missing` strategy, `missingIndicator`. */
  columns: z.array(CsvColumnSchema).min(1).max(10_000),
  /** Issue 12 (B2): how the bytes become text and how numbers are written; absent = UTF-8, '.' decimals, no thousands separators. */
  text: CsvTextSchema.optional(),
  numberFormat: CsvNumberFormatSchema.optional(),
  normalize: z.boolean(),
  /** For a categorical label: one-hot rows (categorical crossentropy) or class indices (sparse / binary). */
  classLabels: z.enum(['onehot', 'index']),
  /** Issue 12 (xlsx): the workbook sheet to import (the preview's `sheet`); ignored for CSV text. */
  sheet: z.string().max(500).optional(),
});
export const DataProgressSchema = z.object({
  uploadId: UploadId,
  phase: z.enum(['parsing', 'encoding', 'saving', 'done', 'failed', 'cancelled']),
  bytes: z.number(),
  totalBytes: z.number(),
  rows: z.number().int(),
  /** The import worker's V8 heap in use, bytes (issue 12: measured by bench/import-large.mjs). */
  heapBytes: z.number().optional(),
});
export type DataProgress = z.infer<typeof DataProgressSchema>;
// ---- issue 14: seeing it (the raw pixels of an image dataset, for the editor)
/** Most pixel bytes one `data.images` answer carries (16 MiB; 21 MiB as base64, well under the 64 MiB message bound). */
export const MAX_IMAGE_BYTES_PER_CALL = 16 * 1024 * 1024;
export const ImagesRequestSchema = z.object({
  dataset: ImagesDatasetSchema,
  /** First image (0-based, in the dataset's order) and how many: a range of the dataset's `rows` images. */
  start: z.number().int().nonnegative(),
  count: z.number().int().min(0).max(100_000),
});
export const ImagesResponseSchema = z.object({
  /** Images in the dataset (its `rows`). */
  total: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  /** Images in this answer: min(count, total − start). */
  count: z.number().int().nonnegative(),
  /** count × height × width × channels raw bytes (0…maxValue, HWC row-major), base64. */
  pixels: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  /** Class index of each image in the range. */
  labels: z.array(z.number().int().nonnegative()),
  /** Per-channel mean and population std of the raw pixels of all `total` images (the `zscore` scaling's transform; `pixelStats`). */
  stats: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
});
export type ImagesResponse = z.infer<typeof ImagesResponseSchema>;
// ---- end issue 14: seeing it

/** Largest upload chunk, base64: 8 MB of bytes. */
export const MAX_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
/** Largest message the browser host accepts over its WebSocket (bytes); larger ones are refused with close code 1009. */
export const MAX_WIRE_MESSAGE_BYTES = 64 * 1024 * 1024;

// ---- issue 14: image folders
const PixelsBase64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
/** What the image-folder dialog shows before importing (src/main/data/image-folder.ts `inspectImageFolder`). */
export const ImageFolderInspectionSchema = z.object({
  summary: ImageFolderSummarySchema,
  /** The size and colour the import starts from (median size, longest side ≤ 64; grayscale when every image is). */
  defaults: ImageSizeSchema,
  /** The size and colour the preview was decoded at. */
  size: ImageSizeSchema,
  /** A few images per class, decoded and resized as the import will: raw bytes (HWC) as base64. */
  preview: z.array(z.object({ classIndex: z.number().int().nonnegative(), file: z.string(), pixels: PixelsBase64 })),
  health: z.array(ImageHealthItemSchema),
});
export type ImageFolderInspectionInfo = z.infer<typeof ImageFolderInspectionSchema>;
// ---- end issue 14: image folders

/** The UI languages (src/shared/i18n/translate.ts `LANGUAGES`; checked equal below), listed here so the contract does not load the dictionaries. */
const UI_LANGUAGES = ['en', 'zh-CN'] as const;

export const calls = {
  /** Project files, crash backup, model import and export files: src/shared/project/api.ts. */
  ...projectCalls,
  'app.info': {
    request: z.object({}),
    response: z.object({ version: z.string(), host: z.enum(['desktop', 'web']), platform: z.string() }),
  },
  /**
   * Issue 16: the renderer's UI language, sent at start and on every change, so main's own texts
   * (the desktop app's native menu, file dialogs and prompts) follow it. The browser host accepts
   * it and has nothing to change.
   */
  'app.setLanguage': {
    request: z.object({ language: z.enum(UI_LANGUAGES) }),
    response: z.object({}),
  },
  /** Resolves the training backend (loading tfjs in the trainer process if needed). */
  'engine.backend': {
    request: z.object({}),
    response: BackendInfoSchema,
  },
  'templates.list': {
    request: z.object({}),
    response: z.array(TemplateInfoSchema),
  },
  'templates.get': {
    request: z.object({ id: z.string().regex(/^[a-z0-9-]+$/) }),
    response: ProjectSchema,
  },
  /** Starts a run. Refused (error `busy`) while another run is in progress; refused with the graph's problems when it is invalid. */
  'train.start': {
    /**
     * `resume`: keep training from the project's saved weights (`project.trained`), which must fit
     * its graph; the optimizer starts afresh. Otherwise the weights are initialised anew.
     */
    request: z.object({
      project: WireProjectSchema,
      resume: z.boolean().optional(),
      /**
       * Issue 15: also write the run as TensorBoard event files (Keras' `TensorBoard` callback
       * layout) under the host's TensorBoard folder; the `started` event says where.
       */
      tensorboard: z.boolean().optional(),
    }),
    response: z.object({ runId: RunId }),
  },
  'train.stop': {
    request: z.object({ runId: RunId }),
    response: z.object({ stopped: z.boolean() }),
  },
  // ---- issue 15: learning-rate finder
  /**
   * The learning-rate range test (src/shared/training/lr-finder.ts) on a fresh model of the
   * project, initialised as a run's; the project's `trained` weights and the last run's model are
   * never touched. Options default to fastai's range (1e-7 to 10) over 300 batches. Refused
   * (`busy`) while a run trains or another test runs; refused as `train.start` refuses when the
   * project cannot train (`invalid-graph` with the problems, `bad-data`); `bad-value` for an
   * `endLr` not above `startLr`.
   */
  'train.findLearningRate': {
    request: z.object({ project: WireProjectSchema }).merge(LrFinderOptionsSchema),
    response: LrFinderResultSchema,
  },
  /** Ends the range test in progress after its current batch; its `train.findLearningRate` answers with the points so far. */
  'train.stopLearningRateFinder': {
    request: z.object({}),
    response: z.object({ stopped: z.boolean() }),
  },
  // ---- end issue 15: learning-rate finder
  /**
   * Predicts with the model of a finished (or stopped) run. Rows are raw: one number per feature
   * before normalisation, or one value per CSV feature column (category names allowed); the
   * project's preprocessing pipeline (src/shared/data/preprocess.ts) is applied. When the
   * project's data does not fit the model's Input (a model imported without its data), rows are
   * one number per model input, given to the model as they are (`modelInputRoute`, as `neurite predict`).
   */
  'model.predict': {
    request: z.object({ runId: RunId, inputs: z.array(z.array(RawValueSchema).max(100_000)).min(1).max(10_000) }),
    /** Non-finite outputs (a float32 overflow) travel as 'Infinity', '-Infinity' or 'NaN' (see numbers.ts). */
    response: z.object({ outputs: WireRowsSchema }),
  },
  /** Desktop: main's native open dialog picks a CSV; the renderer gets an upload id, never a path. Null when cancelled. */
  /** The model of a finished run as files to export: TensorFlow.js layers-model JSON and its weights file (base64). */
  'model.export': {
    request: z.object({ runId: RunId }),
    response: z.object({ modelJson: z.record(z.string(), z.unknown()), weightData: z.string(), preprocessing: ExportPreprocessingSchema }),
  },
  /**
   * The model of a finished run as an ONNX file (opset 17; base64 bytes of `model.onnx`), built in
   * the trainer process by src/main/engine/export-onnx.ts. `preprocessing` as for `model.export`.
   */
  'model.exportOnnx': {
    request: z.object({ runId: RunId }),
    response: z.object({ onnx: z.string(), preprocessing: ExportPreprocessingSchema }),
  },
  /**
   * Keeps a finished (or stopped) run's weights and history in main as the project's `trained`
   * section and answers its reference form: the weights never travel to the renderer.
   */
  'model.keep': {
    request: z.object({ runId: RunId }),
    response: TrainedRefSchema,
  },
  // issue 15 runs core
  /**
   * Lets go of kept weights (`model.keep` references, run records' `weightsRef`) that the
   * document no longer refers to: the keep policy dropped them, the run was deleted, another
   * project was opened. Unknown references are ignored. Main keeps run weights until released
   * (bounded only by memory, src/main/services/trained-store.ts).
   */
  'model.release': {
    request: z.object({ refs: z.array(z.string().regex(/^w[0-9a-z]{1,40}$/)).max(10_000) }),
    response: z.object({ released: z.number().int().nonnegative() }),
  },
  // end issue 15 runs core
  // issue 14: interop/feature maps
  /**
   * For one image of a run's model: every convolutional and pooling layer's feature maps and the
   * first Conv2D's filters. `input` is the RAW image (one value per pixel, 0…maxValue, HWC), put
   * through the project's pipeline in the trainer process as predict does.
   */
  'model.activations': {
    request: z.object({ runId: RunId, input: z.array(RawValueSchema).min(1).max(1_000_000) }),
    response: FeatureMapsSchema,
  },
  /**
   * The data files of a code export for an image dataset: its images and labels as .npy files
   * (`<stem>.images.npy`, `<stem>.labels.npy`) to write beside the script `<stem>.py`/`.ts`; made
   * in the trainer process (loading the images is heavy). Not for other dataset kinds.
   */
  // issue 16: inside the model
  /**
   * One Dense layer's kernel and bias in a run's model, before training and now (LayerWeightsSchema),
   * from the trainer process (mid-run too, like predict). Refused: `not-in-model` (no such node in
   * the run's model), `not-dense`, `too-large` (more than MAX_LAYER_WEIGHT_VALUES values), `no-model`.
   */
  'model.weights': {
    request: z.object({ runId: RunId, nodeId: z.string().min(1).max(200) }),
    response: LayerWeightsSchema,
  },
  'code.imageData': {
    request: z.object({ dataset: ImagesDatasetSchema, stem: z.string().min(1).max(200) }),
    response: CodeDataFilesSchema,
  },
  // issue 18: train at scale
  /**
   * The data files of a training package ("Train at scale…", src/shared/codegen/distributed.ts):
   * the CSV as UTF-8 text, or an image dataset's .npy files (`<stem>.images.npy`, `.labels.npy`);
   * read in the trainer process. Fails (`data-missing`) when the CSV is not on this computer.
   */
  'code.packageData': {
    request: z.object({ dataset: z.union([ImagesDatasetSchema, CsvDatasetSchema]), stem: z.string().min(1).max(200) }),
    response: CodeDataFilesSchema,
  },
  /**
   * Rebuilds a saved project's model from its trained weights (a reference, or inline weights of a
   * file the page read itself); predict and export then use the returned run id. `trained` is the
   * reference to use from now on.
   */
  'model.load': {
    request: z.object({ project: WireProjectSchema }),
    response: z.object({ runId: RunId, trained: TrainedRefSchema }),
  },
  // issue 18: import training run
  /**
   * "Import training run…": reads the result a training package's train.py wrote
   * (training-log.jsonl, model.json, weights.bin; src/main/engine/package-result.ts, the reader
   * `neurite import-run` uses), checks it was trained from `project`'s graph, settings and data,
   * and answers its run record (numbered after `project.runs`, `weightsRef` set) and its `trained`
   * section, both by reference (held in main). `source`: `folder` (desktop: main's native folder
   * dialog; `imported` is null when cancelled) or `uploads` (browser host: the three files uploaded
   * with data.uploadBegin / data.uploadChunk, matched by file name; they are discarded after).
   * Refused: `other-project` (details `[{ changed: ('graph'|'settings'|'dataset')[], project? }]`),
   * `not-found`, `bad-line`, `no-start`, `not-finished`, `no-epochs`, `not-a-model`, `bad-weights`,
   * `weights-mismatch`, `unsupported` (no folder dialog on this host).
   */
  'runs.importPackage': {
    request: z.object({
      project: WireProjectSchema,
      source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('folder') }), z.object({ kind: z.literal('uploads'), uploadIds: z.array(UploadId).min(1).max(8) })]),
    }),
    response: z.object({ imported: z.object({ record: WireRunRecordSchema, trained: TrainedRefSchema }).nullable() }),
  },
  'data.openCsv': {
    request: z.object({}),
    response: z.object({ upload: UploadInfoSchema.nullable() }),
  },
  /** Browser host: starts an upload of a file the user picked; chunks follow in order. */
  'data.uploadBegin': {
    request: z.object({ name: z.string().min(1).max(500), size: z.number().int().nonnegative().max(4 * 1024 ** 3) }),
    response: UploadInfoSchema,
  },
  'data.uploadChunk': {
    request: z.object({
      uploadId: UploadId,
      offset: z.number().int().nonnegative(),
      data: z.string().max(Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/),
    }),
    response: z.object({ received: z.number().int() }),
  },
  /** Delimiter, header, columns with types, stats and suggested roles, from the head of the file. */
  'data.inspect': {
    request: z.object({
      uploadId: UploadId,
      delimiter: CsvDelimiterSchema.optional(),
      header: z.boolean().optional(),
      /** Issue 12 (B1): overrides of the detected encoding and number format. */
      encoding: CsvEncodingSchema.optional(),
      numberFormat: CsvNumberFormatSchema.optional(),
      /** Issue 12 (E): the workbook sheet to preview (the first when absent). */
      sheet: z.string().max(500).optional(),
    }),
    response: CsvPreviewSchema,
  },
  /** Parses the whole file in a worker (progress as `data.progress` events) and returns the dataset spec for the project. */
  'data.import': {
    request: CsvImportRequestSchema,
    /** `droppedRows` (issue 12): rows left out by 'drop' missing-value strategies (also in `dataset.droppedRows`). */
    response: z.object({ dataset: CsvDatasetSchema, sample: RowsSampleSchema, classCounts: z.array(z.number().int()).optional(), droppedRows: z.number().int().nonnegative().optional() }),
  },
  /** Raw rows of a CSV dataset already imported (for a reopened project's data view). */
  'data.sample': {
    request: z.object({ dataset: CsvDatasetSchema }),
    response: RowsSampleSchema,
  },
  /**
   * Issue 12: stops the import of this upload (its worker is terminated, nothing is cached); the
   * pending `data.import` rejects with code `cancelled`. `cancelled` is false when none was running.
   */
  'data.cancel': {
    request: z.object({ uploadId: UploadId }),
    response: z.object({ cancelled: z.boolean() }),
  },
  // ---- issue 14: seeing it
  /**
   * Raw pixels and labels of a range of an image dataset's images (built-in sets, imported folders),
   * read in a worker thread of main, and the per-channel pixel statistics of the whole dataset.
   * Refused (`too-large`) when the range holds more than MAX_IMAGE_BYTES_PER_CALL bytes.
   */
  'data.images': {
    request: ImagesRequestSchema,
    response: ImagesResponseSchema,
  },
  // ---- end issue 14: seeing it
  // ---- issue 14: image folders
  /**
   * Desktop: main's native dialog picks a folder of class folders, or a .zip of one; the renderer
   * gets an upload id, never a path. Null when cancelled. (The browser host uploads a .zip with
   * data.uploadBegin / data.uploadChunk instead.)
   */
  'data.openImages': {
    request: z.object({ kind: z.enum(['folder', 'zip']) }),
    response: z.object({ upload: UploadInfoSchema.nullable() }),
  },
  /** Lists and checks the folder or zip in a worker (progress as `data.progress`, counting images): classes, counts, health, a preview grid at `size`. */
  'data.inspectImages': {
    request: z.object({ uploadId: UploadId, size: ImageSizeSchema.optional() }),
    response: ImageFolderInspectionSchema,
  },
  /** Decodes every image at `size` in a worker, packs them into main's data store (`images/<sha256>`) and returns the dataset spec for the project. */
  'data.importImages': {
    request: z.object({ uploadId: UploadId, size: ImageSizeSchema, labelEncoding: z.enum(['index', 'onehot']), scaling: z.enum(PIXEL_SCALINGS).optional() }),
    response: z.object({ dataset: ImagesDatasetSchema, summary: ImageFolderSummarySchema, health: z.array(ImageHealthItemSchema) }),
  },
  // ---- end issue 14: image folders
} as const;

export type CallName = keyof typeof calls;
export type CallRequest<N extends CallName> = z.infer<(typeof calls)[N]['request']>;
export type CallResponse<N extends CallName> = z.infer<(typeof calls)[N]['response']>;

const EpochLogsSchema = z.record(z.string(), z.number());

/** Everything the trainer reports, coalesced to at most ~20 messages a second. */
export const TrainEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    runId: RunId,
    backend: BackendInfoSchema,
    epochs: z.number().int(),
    batchesPerEpoch: z.number().int(),
    trainSamples: z.number().int(),
    validationSamples: z.number().int(),
    /** Rows held out for the test split (issue 9); absent or 0 without one. */
    testSamples: z.number().int().optional(),
    /** Issue 15: where this run's TensorBoard logs go (`runDir`), and the folder to give `tensorboard --logdir` (`logDir`); absent when not asked for. */
    tensorboard: z.object({ runDir: z.string(), logDir: z.string() }).optional(),
  }),
  z.object({
    type: z.literal('progress'),
    runId: RunId,
    /** Per-batch training loss since the last progress message. */
    batches: z.array(z.object({ epoch: z.number().int(), batch: z.number().int(), loss: z.number() })),
    /** Epochs completed since the last progress message, with loss, metrics and val_ metrics. */
    epochs: z.array(
      z.object({
        epoch: z.number().int(),
        logs: EpochLogsSchema,
        /** Wall-clock time of the epoch, training and validation, in ms. */
        durationMs: z.number().optional(),
      }),
    ),
    epoch: z.number().int(),
    batch: z.number().int(),
    elapsedMs: z.number(),
    etaMs: z.number().nullable(),
  }),
  z.object({
    type: z.literal('done'),
    runId: RunId,
    /** How the run ended: all epochs done, stopped by the user, or stopped by the NaN watchdog. */
    reason: z.enum(['completed', 'stopped', 'diverged']),
    message: z.string().optional(),
    ...MessageWordsFields,
    elapsedMs: z.number(),
    finalLogs: EpochLogsSchema,
    /** Which training step ran: Neurite's fused fast step for Dense chains, or the general one (and why). */
    trainingStep: z.object({ kind: z.enum(['fast', 'general']), description: z.string() }).optional(),
    /** What the run achieved (learned, did not learn, diverged, overfitting, stopped), with causes and remedies: src/shared/training/outcome.ts. */
    outcome: RunOutcomeSchema.optional(),
    /** The test split, evaluated once after training (`test_loss`, `test_<metric>`); never mixed into `finalLogs`' `val_` entries. */
    testLogs: EpochLogsSchema.optional(),
    /** Issue 15: the TensorBoard logs could not be written (completely); training went on, this says why. */
    tensorboardError: z.string().optional(),
    /** Issue 16: `tensorboardError` as data (its `detail` is the system's own words). */
    tensorboardErrorWords: z.object(MessageWordsFields).optional(),
    /** Early stopping (issue 15): where it stopped (null: it did not), the best epoch and whether its weights were restored; epochs from 0. */
    earlyStopping: z
      .object({
        monitor: z.string(),
        stoppedEpoch: z.number().int().nullable(),
        bestEpoch: z.number().int().nullable(),
        best: z.number().nullable(),
        restoredBestWeights: z.boolean(),
      })
      .optional(),
    // Issue 15 callbacks (optional fields): what reduce-on-plateau and keep-best did; epochs from 0.
    reduceLrOnPlateau: z
      .object({ monitor: z.string(), reductions: z.array(z.object({ epoch: z.number().int(), lr: z.number() })), finalLr: z.number() })
      .optional(),
    keepBest: z.object({ monitor: z.string(), bestEpoch: z.number().int().nullable(), best: z.number().nullable(), restored: z.boolean() }).optional(),
    /** The epoch (from 0 within this run, as progress events count) whose weights the trained model holds (keep-best's or early stopping's best, else the last). */
    keptEpoch: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('failed'),
    runId: RunId,
    code: z.string(),
    message: z.string(),
    ...MessageWordsFields,
  }),
]);
export type TrainEvent = z.infer<typeof TrainEventSchema>;

export const events = {
  ...projectEvents,
  'train.event': TrainEventSchema,
  'data.progress': DataProgressSchema,
  /** Issue 15: the learning-rate range test in progress, at most ~10 a second (one test runs at a time). */
  'train.lrFinderProgress': LrFinderProgressSchema,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

/** The error every failed call returns, on both hosts. `code` is machine-readable, `message` is for people. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  ...MessageWordsFields,
  details: z.array(z.unknown()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The typed API the renderer sees, identical on both hosts. */
export type NeuriteApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
} & {
  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void;
};

/** Result wrapper used on the wire, so errors cross the process boundary as data. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// Compile-time check that names.ts lists exactly the calls and events above.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const languagesMatch: Same<(typeof UI_LANGUAGES)[number], Language> = true;
void languagesMatch;
const callNamesMatch: Same<(typeof CALL_NAMES)[number], CallName> = true;
const eventNamesMatch: Same<(typeof EVENT_NAMES)[number], EventName> = true;
void callNamesMatch;
void eventNamesMatch;
export { CALL_NAMES, EVENT_NAMES, IPC_PREFIX, ipcChannel };
