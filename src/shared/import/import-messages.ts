import { wordsFor } from '../graph/problem-text';

/**
 * Issue 16: why a Keras / TF.js model.json (or its weights) cannot be imported, as data. The
 * English is written once here; layers-model.ts raises these ids with their `params` (layer and
 * weight names as the file writes them) and keeps the English `message` rendered from the same
 * template (CLI, API); src/shared/i18n/en.ts spreads the table and zh-CN translates it.
 */
export const IMPORT_MESSAGES_EN = {
  'import.notJsonObject': 'The file is not a layers-model model.json: expected a JSON object.',
  'import.graphModel':
    'This is a TF.js graph model (from a SavedModel/frozen graph): it has no layers to edit. Convert the Keras model with tensorflowjs_converter --input_format keras (or --input_format keras_keras for a Keras 3 .keras file) to get a layers model, or save it from TF.js with model.save.',
  'import.noTopology': 'The file is not a layers-model model.json: expected a "modelTopology" object (with the Keras model\'s class_name and config).',
  'import.severalInputs':
    'The model has {count} inputs ({inputs}); Neurite trains models with one Input, fed by one table. Nothing was imported. Rebuild the model in Keras with one Input that holds all the features (the inputs\' columns side by side) and convert it again.',
  'import.sharedLayers': 'The model calls {layers} more than once, sharing the weights between calls; a Neurite node is one call of a layer. Nothing was imported.',
  'import.unsupportedLayers': 'The model uses {count, plural, one {# layer} other {# layers}} Neurite does not support yet: {layers}. Nothing was imported.',
  'import.missingInbound': 'Layer "{layer}" takes input from "{source}", which is not in the model.',
  'import.notModelJson': '{file} is not a model.json: {detail}.',
  'import.weight.dtype': 'Weight {weight} is {dtype}; only float32 weights can be imported.',
  'import.weight.stored': "Weight {weight} is stored as {stored}; expected float32, or uint8, uint16 or float16 (tensorflowjs_converter's quantization options).",
  'import.weight.noQuantization': 'Weight {weight} is quantized as {stored} but its manifest entry has no quantization min and scale.',
  'import.weight.tooShort': 'The weight files are too short: weight {weight} ({count} {stored} values) needs bytes {from}–{to}, the files hold {size}.',
  'import.weight.noLayer': 'Weight {weight} belongs to no layer of the model (layers: {layers}).',
  'import.weight.variable': 'Weight {weight} is variable {index} of layer "{layer}", which has {count, plural, one {# variable} other {# variables}} ({variables}).',
  'import.weight.sizes': 'The weight files hold {size} bytes but the manifest describes {described}.',
} as const;

export type ImportMessageId = keyof typeof IMPORT_MESSAGES_EN;

/** The words of import message `messageId`: id, params and the English `message` rendered from them. */
export const importWords = wordsFor(IMPORT_MESSAGES_EN);
