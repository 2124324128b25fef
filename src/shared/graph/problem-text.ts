import { LOSS_MESSAGES_EN } from '../losses';

/**
 * Issue 16: graph problems. A problem's words as data: a `messageId` (a key of
 * GRAPH_PROBLEM_MESSAGES_EN) and `params` (values as data: layer type names, counts, shapes as
 * text). The English `message` every problem keeps (CLI, API, logs) is rendered from these same
 * templates, so the English has one copy; the UI renders `messageId` + `params` through its
 * dictionary (src/renderer/src/lib/problemText.ts). `{name}` marks a parameter, as in the UI's
 * dictionaries. Layer type names (Dense, Input) are passed as parameters and stay untranslated.
 */
export const GRAPH_PROBLEM_MESSAGES_EN = {
  'problem.dangling-edge': 'This connection points to a layer that does not exist ("{missing}"). Delete it.',
  'problem.unknown-layer': '"{type}" is not a layer type this version of Neurite knows. Delete this node or replace it.',
  'problem.no-input.empty': 'The model is empty. Drag an Input layer onto the canvas to start.',
  'problem.no-input': 'The model has no Input layer, so there is nowhere for the data to enter. Add an Input and connect it to the first layer.',
  'problem.multiple-inputs': 'The model can have only one Input layer, because the data has one set of features. Delete this Input or merge the branches after one Input.',
  'problem.cycle.node': '{layer} is part of a loop. Data must flow one way, from the Input to the output; remove one connection of the loop.',
  'problem.cycle.edge': 'This connection is part of a loop. Remove it or another connection of the loop.',
  'problem.no-output': 'Nothing comes after the Input yet. Add a layer (a Dense, for instance) and connect the Input to it.',
  'problem.multiple-outputs': 'The model has {count} outputs (layers whose result goes nowhere); it can have only one. Connect this {layer} onward, merge the branches with Add or Concatenate, or delete it.',
  'problem.disconnected.fromInput': '{layer} is not connected to the Input, so no data reaches it. Connect it or delete it.',
  'problem.disconnected.toOutput': "{layer} does not lead to the model's output, so it has no effect. Connect it onward or delete it.",
  'problem.arity.none': '{layer} takes no inputs; it has {got}.',
  'problem.arity.exactly': '{layer} takes exactly {min, plural, one {# input} other {# inputs}}; it has {got}.',
  'problem.arity.atLeast': '{layer} takes at least {min, plural, one {# input} other {# inputs}}; it has {got}.',
  'problem.arity.between': '{layer} takes between {min} and {max} inputs; it has {got}.',
  'problem.rescaled-twice':
    "The dataset already scales the pixels ({scaling}), so this Rescaling (× {scale} + {offset}) scales them a second time and the model sees values far from what either step means. Remove this Rescaling, or set the dataset's pixel scaling to \"none\" so that the model scales its raw pixels itself.",
  'problem.dense-on-image':
    '{layer} gets an image shaped {input} and acts on its last axis only, so its output keeps the image axes: {output}. To use the whole image, insert Flatten (or GlobalAveragePooling2D, with far fewer weights) before it.',
  'problem.dense-on-sequence':
    '{layer} gets a sequence shaped {input} and acts on its last axis only, so its output keeps the steps axis: {output}. To use the whole sequence, insert Flatten (or GlobalAveragePooling1D, with far fewer weights) before it.',
  'problem.input-vs-features.one.flat': 'The Input expects {expected} feature per example, but the data has {got}.',
  'problem.input-vs-features.many.flat': 'The Input expects {expected} features per example, but the data has {got}.',
  'problem.input-vs-features.one.image': 'The Input expects {expected} feature per example, but the data has images of {imageShape} = {got} values.',
  'problem.input-vs-features.many.image': 'The Input expects {expected} features per example, but the data has images of {imageShape} = {got} values.',
  'problem.onehot-with-sparse-loss': 'The labels are one-hot rows ({columns} columns), but sparse categorical crossentropy (sparse_categorical_crossentropy) expects one class number per example. Use categorical crossentropy (categorical_crossentropy).',
  'problem.index-labels-with-categorical-loss': 'The labels are class numbers (0, 1, 2, …), but categorical crossentropy (categorical_crossentropy) expects one-hot rows. Use sparse categorical crossentropy (sparse_categorical_crossentropy), which takes class numbers.',
  'problem.binary-loss-multiclass.onehot': 'Binary crossentropy (binary_crossentropy) is for yes/no problems with 2 classes, but the data has {classes} classes. Use categorical crossentropy (categorical_crossentropy) with a softmax output.',
  'problem.binary-loss-multiclass.index': 'Binary crossentropy (binary_crossentropy) is for yes/no problems with 2 classes, but the data has {classes} classes. Use sparse categorical crossentropy (sparse_categorical_crossentropy) with a softmax output.',
  'problem.units-vs-classes.binary': 'With binary crossentropy (binary_crossentropy) on {classes} classes the output gives one probability (of class "{positive}"), so it needs {need} unit; it has {units}.',
  'problem.units-vs-classes.regressionLoss':
    '{loss} treats the {classes} classes as one number per example, so with it the output layer needs {need} unit; it has {units}. For classes, use {proper} instead (one output per class).',
  'problem.units-vs-classes.perClass': 'The data has {classes} classes, so the output layer needs {need, plural, one {# unit} other {# units}} (one per class); it has {units}.',
  'problem.units-vs-classes.perColumn': 'The data has {classes} classes, so the output layer needs {need, plural, one {# unit} other {# units}} (one per class column); it has {units}.',
  'problem.units-vs-classes.perExample': 'The data has {classes} classes, so the output layer needs {need, plural, one {# unit} other {# units}} (one value per example); it has {units}.',
  'problem.softmax-with-mse': 'A softmax output trained with {loss} on class labels learns slowly and gives poor probabilities. Crossentropy is the loss made for classes.',
  'problem.regression-loss-on-classes': 'The data is a classification task, but {loss} is a loss for predicting numbers. Crossentropy is the loss made for classes.',
  'problem.sigmoid-multiclass': "A sigmoid output scores each of the {classes} classes on its own, so the scores don't add up to 1. For one class per example use softmax.",
  'problem.metric-vs-labels.one': 'The metric {metrics} compares each class number (0 to {max}) with the {units} class probabilities of the output, which means nothing for classes. Use accuracy instead.',
  'problem.metric-vs-labels.many': 'The metrics {metrics} compare each class number (0 to {max}) with the {units} class probabilities of the output, which means nothing for classes. Use accuracy instead.',
  'problem.linear-output-on-classification': 'The output uses {activation}, so it can give negative numbers or numbers above 1, but {loss} needs probabilities. Use {wanted} on the last layer.',
  'problem.output-units-vs-targets': 'The data has {targets, plural, one {# target value} other {# target values}} per example, so the output layer needs {targets, plural, one {# unit} other {# units}}; it has {units}.',
  'problem.classification-loss-on-numeric-classes':
    "The label holds only the values {values} but was imported as numbers, so the data is a regression task and {loss} cannot be used. If these are classes, import the file again with the label's type set to categorical (the import proposes it); to predict numbers instead, use mean squared error (mean_squared_error).",
  'problem.classification-loss-on-regression': 'The data is a regression task (predicting numbers), but {loss} is a loss for classes. Use mean squared error (mean_squared_error).',
  'problem.squashed-output-on-regression': 'The output uses {activation}, which only gives values between 0 and 1, but the targets are arbitrary numbers. A linear output is usual for regression.',
  'problem.softmax-single-unit': 'Softmax over a single unit always outputs 1, whatever the input. Use sigmoid for a yes/no probability, or give the layer one unit per class.',
  'problem.output-keeps-axes.dense.image':
    "{layer} is the model's output but gets an image shaped {input} and acts on its last axis only, so it gives {output}: an answer for every position of the image instead of one per image, which cannot be compared with the labels ({labels}). Insert Flatten (or GlobalAveragePooling2D, with far fewer weights) before it.",
  'problem.output-keeps-axes.dense.sequence':
    "{layer} is the model's output but gets a sequence shaped {input} and acts on its last axis only, so it gives {output}: an answer for every position of the sequence instead of one per example, which cannot be compared with the labels ({labels}). Insert Flatten (or GlobalAveragePooling1D, with far fewer weights) before it.",
  'problem.output-keeps-axes.dense.other':
    "{layer} is the model's output but gets a sequence shaped {input} and acts on its last axis only, so it gives {output}: an answer for every position of the sequence instead of one per example, which cannot be compared with the labels ({labels}). Insert Flatten before it.",
  'problem.output-keeps-axes.output.pooling': "The model's output is shaped {output}, but the labels are {labels}, so it must be shaped {need}. Add a Flatten (or {pooling}) and a Dense layer after {layer}.",
  'problem.output-keeps-axes.output.plain': "The model's output is shaped {output}, but the labels are {labels}, so it must be shaped {need}. Add a Flatten and a Dense layer after {layer}.",
  // The labels in words, filling `{labels}` above (params `labelsId` and `labelWidth`).
  'problem.labels.regression.example': '{labelWidth, plural, one {# target value} other {# target values}} per example',
  'problem.labels.regression.image': '{labelWidth, plural, one {# target value} other {# target values}} per image',
  'problem.labels.onehot.example': 'one one-hot row of {labelWidth} columns per example',
  'problem.labels.onehot.image': 'one one-hot row of {labelWidth} columns per image',
  'problem.labels.index.example': 'one class number per example',
  'problem.labels.index.image': 'one class number per image',
  // Refused connections (canConnect), shown when a drag is dropped.
  'connect.noSource': 'There is no layer "{id}" to connect from.',
  'connect.noTarget': 'There is no layer "{id}" to connect to.',
  'connect.self': 'A layer cannot feed into itself ({layer}).',
  'connect.intoInput': '{layer} is where data enters the model; nothing can connect into it.',
  'connect.duplicate': '{source} is already connected to {target}.',
  'connect.full': '{layer} takes {max, plural, one {one input} other {at most # inputs}} and already has {count}. Remove its incoming connection first, or use Add or Concatenate to merge.',
  'connect.full.hasOne': '{layer} takes {max, plural, one {one input} other {at most # inputs}} and already has one. Remove its incoming connection first, or use Add or Concatenate to merge.',
  'connect.loop': 'Connecting {source} to {target} would make a loop: {target} already feeds into {source}.',
  // One-click fix labels.
  'fix.removeLayer': 'Remove {layer}',
  'fix.insertLayerBefore': 'Insert {insert} before {layer}',
  'fix.setActivation': 'Use {activation} on {layer}',
  'fix.setInputShape': 'Set the Input shape to {shape}',
  'fix.setUnits': 'Set {layer} units to {units}',
  'fix.setLoss': 'Switch the loss to {loss}',
  'fix.useAccuracy': 'Use accuracy instead of {metrics}',
} as const;

export type GraphMessageId = keyof typeof GRAPH_PROBLEM_MESSAGES_EN;
/** A message's parameters: values as data, never pre-translated words. */
export type MessageParams = Record<string, string | number>;
/** A dictionary lookup with `{name}` parameters (the UI's `t`, or English by default). */
export type MessageRenderer = (key: string, vars?: MessageParams) => string;

const PLURAL = /\{(\w+), plural, one \{((?:[^{}]|\{\w+\})*)\} other \{((?:[^{}]|\{\w+\})*)\}\}/g;

/**
 * A parameter named `<name>Id` holds a message key (e.g. `labelsId: 'problem.labels.index.image'`):
 * it is rendered first, with the other parameters, and fills `{name}`. One level deep.
 */
export function expandNested(vars: MessageParams, render: MessageRenderer): MessageParams {
  const plain = Object.fromEntries(Object.entries(vars).filter(([k]) => !k.endsWith('Id')));
  const out: MessageParams = { ...plain };
  for (const [k, v] of Object.entries(vars)) if (k.endsWith('Id') && k.length > 2 && typeof v === 'string') out[k.slice(0, -2)] = render(v, plain);
  return out;
}

/** Renders an English template: `{name}` parameters and the `{n, plural, one {…} other {…}}` subset the UI's translator reads. */
export function renderEnglish(key: string, params: MessageParams = {}): string {
  return renderTemplate(ENGLISH, key, params);
}

/** The problems' templates and the loss names their nested `lossId`/`properId` parameters point at (trial 10, 9). */
const ENGLISH: Readonly<Record<string, string>> = { ...GRAPH_PROBLEM_MESSAGES_EN, ...LOSS_MESSAGES_EN };

/**
 * Renders `key` of an English table (`{name}` parameters, the plural subset, nested `<name>Id`
 * parameters looked up in the same table): how each source of messages (graph problems here,
 * parameter values in src/shared/layers/params.ts) makes its English `message` from its one copy.
 */
export function renderTemplate(table: Readonly<Record<string, string>>, key: string, params: MessageParams = {}): string {
  const text = table[key] ?? key;
  const vars = expandNested(params, (k, v) => renderTemplate(table, k, v));
  return text
    .replace(PLURAL, (match, name: string, one: string, other: string) => (name in vars ? (Number(vars[name]) === 1 ? one : other).replace(/#/g, String(vars[name])) : match))
    .replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** A message as data: its id (a key of an English table and of the dictionaries), params and the English rendered from them. */
export interface Words<Id extends string = string> {
  messageId: Id;
  params: MessageParams;
  message: string;
}

/**
 * The words maker of one English message table (`csvWords`, `dataWords`, …): given an id of
 * `table` and its params, the id, the params and the English `message` rendered from them. One
 * implementation for every table that raises messages as data (issue 16).
 */
export function wordsFor<Table extends Readonly<Record<string, string>>>(table: Table): (messageId: keyof Table & string, params?: MessageParams) => Words<keyof Table & string> {
  return (messageId, params = {}) => ({ messageId, params, message: renderTemplate(table, messageId, params) });
}

/** A problem's words: its `messageId`, `params` and the English `message` rendered from them. */
export function problemWords(messageId: GraphMessageId, params: MessageParams = {}): { messageId: GraphMessageId; params: MessageParams; message: string } {
  return { messageId, params, message: renderEnglish(messageId, params) };
}

/** The arity problem's words: "Add takes at least 2 inputs; it has 1." */
export function arityWords(layer: string, arity: { min: number; max: number }, got: number): ReturnType<typeof problemWords> {
  if (arity.max === 0) return problemWords('problem.arity.none', { layer, got });
  if (arity.min === arity.max) return problemWords('problem.arity.exactly', { layer, min: arity.min, got });
  if (arity.max === Infinity) return problemWords('problem.arity.atLeast', { layer, min: arity.min, got });
  return problemWords('problem.arity.between', { layer, min: arity.min, max: arity.max, got });
}

/**
 * A problem or fix as a language renders it: from `messageId` + `params` through `t` when the
 * problem carries them, else its English `message` (problems from older hosts, and the shape
 * messages the layers word themselves).
 */
export function renderProblemText(item: { message: string; messageId?: string; params?: MessageParams }, t: MessageRenderer, has: (key: string) => boolean): string {
  return item.messageId && has(item.messageId) ? t(item.messageId, expandNested(item.params ?? {}, t)) : item.message;
}
