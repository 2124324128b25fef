import { wordsFor, type MessageParams, type Words } from '../graph/problem-text';

/**
 * Issue 16: what the trainer says when a run ends early or fails, as data. The English is written
 * once here, next to nothing heavy so src/shared/i18n/en.ts can spread it; the trainer
 * (src/main/engine/train-loop.ts, trainer-process.ts, trainer-host.ts) raises these ids with their
 * `params` and keeps the English `message` (CLI, API, logs) rendered from the same template; the
 * UI renders the id through its dictionary. `{name}` marks a parameter; `{log}` is a Keras log name
 * (`loss`, `val_accuracy`) and `{value}` the non-finite value (`NaN`, `Infinity`), kept as is.
 */
export const RUN_MESSAGES_EN = {
  'train.diverged.batch':
    'The loss became {value} at epoch {epoch}, batch {batch}; training was stopped. Likely causes: the learning rate is too high (try 10× smaller), or the inputs are not normalised (large feature values; try z-score normalisation).',
  'train.diverged.epoch':
    'The {log} became {value} at the end of epoch {epoch}; training was stopped. Likely causes: the learning rate is too high (try 10× smaller), or the inputs are not normalised (large feature values; try z-score normalisation).',
  'train.busy.run': 'Run {runId} is still training; stop it before starting another.',
  'train.busy.lrFinder': 'The learning-rate finder is running; stop it or wait for it to end before training.',
  'train.crashed':
    'The training process stopped unexpectedly (exit code {exitCode}). Your project is untouched; press Train to try again — a fresh trainer will be started.',
  'train.crashed.signal':
    'The training process stopped unexpectedly (exit code none, killed by a signal). Your project is untouched; press Train to try again — a fresh trainer will be started.',
  'train.crashedBeforeAnswer': 'The training process stopped (exit code {exitCode}) before answering.',
  'train.tensorboardFailed': 'The TensorBoard logs in {dir} could not be written ({detail}); they stop at that point. Training went on.',
  'train.busy.load': 'Run {runId} is still training; stop it before loading saved weights.',
  'train.busy.lrFind': 'Run {runId} is still training; find the learning rate when it ends, or stop it.',
  'train.busy.lrFinderAgain': 'The learning-rate finder is already running.',
  'train.export.stillTraining': 'This run is still training; export it when it ends.',
  'train.export.noModel': 'There is no trained model for run {runId}: train first.',
  'train.predict.noModel': 'There is no trained model for run {runId}: train first (a model is kept only for the latest run, and lost if the trainer restarts).',
  // Data the loop refuses before training (TrainDataError, src/main/engine/train-loop.ts); rows and columns from 1.
  'train.data.nonFinite.feature':
    'The dataset has a missing or non-numeric value at row {row}, column "{column}" (feature {index}): expected a finite number, got {value}. Remove or fill that row before training.',
  'train.data.nonFinite.label':
    'The dataset has a missing or non-numeric value at row {row}, column "{column}" (label {index}): expected a finite number, got {value}. Remove or fill that row before training.',
  'train.data.arraySizes':
    "The dataset's arrays do not match its size: expected {rows}×{features} features and {rows}×{labelWidth} labels, got {gotFeatures} and {gotLabels} values.",
  'train.data.noTrainRows':
    'No rows are left for training: the dataset has {rows} rows, validation split {validationSplit} takes {validationRows}. Lower the validation split or add data.',
  'train.data.noTrainRowsTest':
    'No rows are left for training: the dataset has {rows} rows, validation split {validationSplit} takes {validationRows} and test split {testSplit} takes {testRows}. Lower the validation or test split or add data.',
  'train.data.outputKeepsAxes':
    "The model's output is shaped {shape}, but the labels are {labelWidth, plural, one {# value} other {# values}} per example, so the output must be shaped (None, …) with no image or sequence axes. Insert a Flatten (or a global pooling layer) before the output Dense.",
  'train.data.inputShape': "The model's Input takes examples of shape [{shape}] ({size} values); the data has {features} per example. Set the Input shape to match the data.",
  'train.data.rowWidth': 'Input row {row} has {got} values; the model expects {features} features.',
  'train.data.featureMapsOneInput': 'Feature maps are shown for models with one Input; this model has several.',
  'train.outOfMemory':
    'Training ran out of memory ({detail}). Lower the batch size, use fewer or smaller layers (or a smaller image size), or train on fewer rows; your project is untouched.',
  // The trainer host's refusals (src/main/engine/trainer-host.ts).
  'trainer.busy.train': 'A training run ({runId}) is already in progress. Stop it before starting another.',
  'trainer.busy.finder': 'The learning-rate finder is running. Stop it or wait for it to end, then train.',
  'trainer.busy.export': 'This run is still training. Stop it or wait until it ends, then export.',
  'trainer.noWeightsToResume': 'There are no saved weights to keep training from; press Train to start afresh.',
  'trainer.noWeightsToLoad': 'This project has no trained weights to load; train it first.',
  'trainer.noModel': 'There is no trained model for run {runId}: train first (the model is lost if the trainer restarts).',
  'trainer.startTimeout': 'The training process did not start within {seconds} s; it was stopped. Try again.',
  'trainer.exitedBeforeReady': 'The training process exited (code {exitCode}) before it was ready.',
  // Why a faster training backend was not used (src/main/engine/backend-select.ts, backend.ts); `{detail}` is the loader's own words.
  'backend.forcedUnknown': 'NEURITE_BACKEND={forced} is not a backend (expected one of {names}); using the best available.',
  'backend.forced': 'NEURITE_BACKEND={forced} forces the {forced} backend.',
  'backend.notInstalled.gpu': 'tfjs-node-gpu is not installed (for an NVIDIA GPU on Linux: npm install @tensorflow/tfjs-node-gpu, with CUDA and cuDNN).',
  'backend.notInstalled.node': 'tfjs-node is not installed (optional dependency; its install downloads libtensorflow).',
  'backend.loadFailed': '{package} failed to load: {detail}.',
  'backend.loadFailed.gpu': '{package} failed to load: {detail} (install the CUDA and cuDNN versions its libtensorflow was built for).',
  'backend.gpuNotFound':
    'tfjs-node-gpu loaded, but TensorFlow found no CUDA GPU (check nvidia-smi and that the CUDA and cuDNN versions match its libtensorflow); training on its CPU kernels.',
  'backend.gpuUnknown': 'tfjs-node-gpu loaded, but it does not say whether TensorFlow uses a GPU; counted as the tensorflow backend.',
  'backend.initFailed': 'the {backend} backend failed to initialise.',
  'backend.activateFailed': 'the {backend} backend failed to load: {detail}.',
} as const;

export type RunMessageId = keyof typeof RUN_MESSAGES_EN;

/** A message as data: its id, its parameters, and the English rendered from them. */
export type MessageWords = Words;

/** The words of run message `messageId` with `params`: the id, the params and the English `message`. */
export const runWords = wordsFor(RUN_MESSAGES_EN);

/** Messages of the JavaScript engine and TensorFlow.js when memory runs out (V8 `RangeError`s, tfjs' WebAssembly and native allocators). */
const OUT_OF_MEMORY = /Array buffer allocation failed|Invalid typed array length|out of memory|Cannot allocate|OOM|Aborted\(OOM\)/i;

/**
 * The words of a run that failed with `error`: the error's own words when it carries them
 * (TrainDataError, PreprocessError), out-of-memory when the engine says so (its text kept as
 * `{detail}`), else null (the error's English message is all there is).
 */
export function failureWords(error: unknown): MessageWords | null {
  const { messageId, params } = (error ?? {}) as { messageId?: unknown; params?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  if (typeof messageId === 'string') return { messageId, params: (params ?? {}) as MessageParams, message };
  if (OUT_OF_MEMORY.test(message)) return runWords('train.outOfMemory', { detail: message });
  return null;
}
