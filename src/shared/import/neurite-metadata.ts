import { TrainingSettingsSchema, type TrainingSettings } from '../project/schema';
import type { Preprocessing, PreprocessStep } from '../data/preprocess';

/**
 * What Neurite's TF.js export records in model.json beyond the Keras format, and how an import
 * reads it back. TF.js model.json has a free `userDefinedMetadata` object
 * (tfjs-core io `ModelJSON.userDefinedMetadata`, read into `ModelArtifacts.userDefinedMetadata`
 * by `getModelArtifactsForJSON`), which stock `tf.loadLayersModel` loads without looking at; we
 * keep ours under its `neurite` key:
 *   { neurite: { preprocessing: 'none' | 'folded' | 'rescaling' | 'file', preprocessingFile?: 'preprocessing.json',
 *                fit: { epochs, batchSize, validationSplit, splitMode, testSplit, shuffle, seed } } }
 * `preprocessing` says what the model's inputs are: raw rows (`none`, `folded`: the z-score is in
 * the first Dense layer; `rescaling`, issue 14: raw pixels, the pixel scaling being the model's first
 * layer) or the features `preprocessingFile` makes from raw rows (`file`). `fit`
 * holds the fit() settings Keras' `training_config` has no place for.
 */

/** The fit() settings Keras' training_config does not carry (Neurite's names). */
export const FIT_KEYS = ['epochs', 'batchSize', 'validationSplit', 'splitMode', 'testSplit', 'shuffle', 'seed'] as const;
export type FitSettings = Pick<TrainingSettings, (typeof FIT_KEYS)[number]>;
const FitSchema = TrainingSettingsSchema.pick({ epochs: true, batchSize: true, validationSplit: true, splitMode: true, testSplit: true, shuffle: true, seed: true });

/** Their Keras / plain names, for messages. */
const FIT_LABELS: Record<(typeof FIT_KEYS)[number], string> = {
  epochs: 'epochs',
  batchSize: 'batch size',
  validationSplit: 'validation split',
  splitMode: 'split mode',
  testSplit: 'test split',
  shuffle: 'shuffle',
  seed: 'seed',
};

export type PreprocessingExpectation = 'none' | 'folded' | 'rescaling' | 'file';

export interface NeuriteMetadata {
  preprocessing: PreprocessingExpectation;
  preprocessingFile?: string;
  fit?: FitSettings;
}

/** The `userDefinedMetadata` object an export writes into model.json. */
export function neuriteMetadata(preprocessing: PreprocessingExpectation, training: TrainingSettings | undefined, preprocessingFile = 'preprocessing.json'): { neurite: NeuriteMetadata } {
  const fit = training ? (Object.fromEntries(FIT_KEYS.map((k) => [k, training[k]])) as FitSettings) : undefined;
  return { neurite: { preprocessing, ...(preprocessing === 'file' ? { preprocessingFile } : {}), ...(fit ? { fit } : {}) } };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `userDefinedMetadata.neurite` of a parsed model.json, checked; `warnings` gets a line for a part that is malformed. */
export function readNeuriteMetadata(modelJson: unknown, warnings: string[]): Partial<NeuriteMetadata> {
  const meta = isObject(modelJson) && isObject(modelJson.userDefinedMetadata) ? modelJson.userDefinedMetadata.neurite : undefined;
  if (!isObject(meta)) return {};
  const out: Partial<NeuriteMetadata> = {};
  if (meta.preprocessing === 'none' || meta.preprocessing === 'folded' || meta.preprocessing === 'rescaling' || meta.preprocessing === 'file') out.preprocessing = meta.preprocessing;
  if (typeof meta.preprocessingFile === 'string') out.preprocessingFile = meta.preprocessingFile;
  if (meta.fit !== undefined) {
    const fit = FitSchema.safeParse(meta.fit);
    if (fit.success) out.fit = fit.data;
    else warnings.push(`userDefinedMetadata.neurite.fit is not valid (${fit.error.issues.map((i) => `${i.path.join('.') || 'fit'}: ${i.message}`).join('; ')}); its fit() settings were not used.`);
  }
  return out;
}

/** The warning for an import whose file has no fit() settings: each setting named with the default it gets. */
export function fitDefaultsWarning(defaults: FitSettings): string {
  const list = FIT_KEYS.map((k) => `${FIT_LABELS[k]} ${defaults[k] === null ? 'random' : String(defaults[k])}`).join(', ');
  return `The file carries no fit() settings (Keras' training_config has no place for them): ${list} are Neurite's defaults, not the model's; set them in the training settings.`;
}

/** preprocessing.json as given beside a model.json: its name, and its parsed content (or why it could not be read). */
export type PreprocessingCompanion = { name: string; json: unknown } | { name: string; error: string };

/**
 * What an import says about the inputs a model expects (never silent): the model.json's own
 * `preprocessing` and the preprocessing.json found beside it (`companion`; null when none was
 * found, `lookedFor` naming where). Neurite does not keep the file's steps with an imported model
 * (a project derives its preprocessing from its data: src/shared/data/preprocess.ts
 * preprocessingFor), so the warning names the file, the features the model expects and what to do.
 */
export function preprocessingWarnings(expectation: PreprocessingExpectation | undefined, companion: PreprocessingCompanion | null, lookedFor: string): string[] {
  if (!companion) {
    if (expectation !== 'file') return [];
    return [`model.json says the model expects inputs preprocessed by ${lookedFor}, which was not found beside it: predict feeds rows to the model as they are, so give it the preprocessed features, or load the model's data table into the project (its preprocessing is then derived from that data and matches only with the same data, columns and split).`];
  }
  if ('error' in companion) return [`${companion.name} beside model.json could not be read (${companion.error}); the model may expect preprocessed inputs, which Neurite cannot tell.`];
  const file = isObject(companion.json) ? companion.json : {};
  if (file.format !== 'neurite-preprocessing') return [`${companion.name} beside model.json is not a Neurite preprocessing file (expected "format": "neurite-preprocessing"); it was not read.`];
  const features = Array.isArray(file.featureNames) ? file.featureNames.map(String) : [];
  const columns = Array.isArray(file.inputColumns) ? file.inputColumns.map(String) : [];
  const steps = Array.isArray(file.steps) ? file.steps.map((s) => (isObject(s) ? String(s.kind ?? s.type ?? '?') : '?')) : [];
  const shown = (list: string[]) => `${list.slice(0, 8).join(', ')}${list.length > 8 ? `, … (${list.length} in all)` : ''}`;
  return [
    `The model expects preprocessed inputs: ${companion.name} turns the raw columns (${shown(columns)}) into the ${features.length} feature${features.length === 1 ? '' : 's'} it takes (${shown(features)}) with the steps ${steps.join(', ')}. Neurite does not keep these steps with an imported model: predict feeds rows to the model as they are, so give it the preprocessed features, or load the model's data table into the project (its preprocessing is then derived from that data and matches ${companion.name} only with the same data, columns and split).`,
  ];
}

/** The preprocessing file a model.json names (`userDefinedMetadata.neurite.preprocessingFile`), else preprocessing.json: where hosts look beside it. */
export function preprocessingFileName(modelJson: unknown): string {
  return readNeuriteMetadata(modelJson, []).preprocessingFile ?? 'preprocessing.json';
}

/** `preprocessing.json`: the pipeline's own step list, with a note saying how to apply it. */
export interface PreprocessingFile {
  format: 'neurite-preprocessing';
  version: 1;
  description: string;
  inputColumns: string[];
  featureNames: string[];
  steps: PreprocessStep[];
  /** Image data (issue 14): raw rows are height × width × channels pixels, 0…maxValue, row-major HWC. */
  image?: { height: number; width: number; channels: number; maxValue: number };
}

/** The `preprocessing.json` of a pipeline: its steps and a note saying how to apply them (the TF.js and ONNX exports and the training package write it). */
export function preprocessingFile(p: Preprocessing): PreprocessingFile {
  return {
    format: 'neurite-preprocessing',
    version: 1,
    description:
      'Apply these steps, in order, to each raw row before model.predict: "impute" replaces a missing value (empty, NA, N/A, null, none or ?) of a listed column by its "fill" (no fill: the row cannot be predicted) and, with "indicator", inserts 1 (missing) or 0 after the column; "encode" turns the input columns into features (numeric: the value; onehot: one 0/1 per category, in the order listed; index: the position of the category), "zscore" replaces feature i by (x[i] - means[i]) / stds[i]; "rescale" (pixels, Keras Rescaling) replaces feature i by x[i] * scale[i % k] + offset[i % k] with k the length of scale (1, or one per channel: image rows are height x width x channels, row-major, so i % channels is the channel).',
    inputColumns: p.inputColumns,
    featureNames: p.featureNames,
    steps: p.steps,
    ...(p.image ? { image: { ...p.image } } : {}),
  };
}
