import { renderTemplate, type MessageParams } from '../graph/problem-text';

/**
 * Issue 16: why a layer's inputs do not fit (shape inference), as data. English written once here;
 * the UI's dictionaries translate the same keys. Params: `layer` (the layer type, e.g. Conv2D, kept
 * untranslated), `got` / `input` / `shape` / `shapes` (shapes as Keras prints them, e.g.
 * `(None, 64)`), `fieldId` (a param's name inside a sentence, `param.field.<Type>.<name>`, see
 * src/shared/layers/params.ts), `axisId` (an axis name below), `headId` (the sentence a fix
 * follows).
 */
export const SHAPE_MESSAGES_EN = {
  'shape.needsOne': '{layer} needs one input.',
  // Shapes that cannot be worked out at all (src/shared/graph/shapes.ts).
  'shape.loop': 'This layer is part of a loop (or fed by one), so its shape cannot be worked out.',
  'shape.unknownLayer': 'Unknown layer type "{type}".',
  'shape.inputUnknown': 'An input of this layer has no valid shape; fix the layers before it first.',
  'shape.atLeastTwo': '{layer} needs at least 2 inputs; got {got}.',
  'shape.sameShape': '{layer} needs all its inputs to have the same shape; got {shapes}.',
  'shape.sameShape.two': '{layer} needs all its inputs to have the same shape; got {first} and {second}.',
  'shape.sameRank': '{layer} needs inputs with the same number of axes; got {shapes}.',
  'shape.sameRank.two': '{layer} needs inputs with the same number of axes; got {first} and {second}.',
  'shape.concatAxis': '{layer} axis must name a feature axis of inputs shaped {shape} (1 to {last}, or -1 to -{last}); got {got}.',
  'shape.concatOtherAxes': '{layer} along axis {axis} needs the other axes to match; got {shapes}.',
  'shape.concatOtherAxes.two': '{layer} along axis {axis} needs the other axes to match; got {first} and {second}.',
  'shape.atLeastOneFeatureAxis': '{layer} needs an input with at least one feature axis; got {got}.',
  'shape.featureAxis': '{layer} needs an input with a feature axis; got {got}.',
  'shape.lastAxisKnown': '{layer} needs the last axis of its input to have a known size; got {got}.',
  'shape.channelsKnown': '{layer} needs the channels axis of its input to have a known size; got {got}.',
  'shape.allAxesKnown': '{layer} needs every axis after the batch to have a known size; got {got}.',
  'shape.reshape.notMultiple': '{layer} cannot fit {size} values into {target}: {size} is not a multiple of {known}.',
  'shape.reshape.mismatch': '{layer} target {target} holds {known} values but its input {input} has {size}.',
  'shape.sizes.image': '{layer} {field} must give 2 sizes (height, width); got {got}.',
  'shape.sizes.sequence': '{layer} {field} must give 1 size (steps); got {got}.',
  'shape.windowFit': "{layer} {field} of {window} does not fit the input {axis} of {size} with padding 'valid'. Use a smaller {field} or padding 'same'.",
  'shape.axis.height': 'height',
  'shape.axis.width': 'width',
  'shape.axis.steps': 'steps',
  // An image or sequence layer given the wrong kind of input: the sentence, then the fix.
  'shape.needsImage': '{layer} needs an image input shaped (batch, height, width, channels); got {got}.',
  'shape.needsImage.flat': '{head} Give the Input layer an image shape such as [28, 28, 1], or add a Reshape to [height, width, channels] before it.',
  'shape.needsImage.sequence': '{head} Add a channels axis: a Reshape to [height, width, 1] before it.',
  'shape.needsImage.sequence.counterpart': '{head} Add a channels axis: a Reshape to [height, width, 1] before it; for a sequence (steps, channels), use {counterpart} instead.',
  'shape.needsSequence': '{layer} needs a sequence input shaped (batch, steps, channels); got {got}.',
  'shape.needsSequence.flat': '{head} Give the Input layer a sequence shape such as [100, 1] (steps, channels), or add a Reshape to [steps, 1] before it.',
  'shape.needsSequence.image': '{head} It gets an image: use a 2-D layer instead, or a Reshape to [steps, channels] before it.',
  'shape.needsSequence.image.counterpart': '{head} It gets an image: use {counterpart} instead, or a Reshape to [steps, channels] before it.',
  // The cause found one layer up (src/shared/graph/validate.ts `flatInputCause`).
  'shape.flatCause.flatten.image': '{head} The Flatten before it turns the image into a flat row: remove it (Flatten goes after the image layers).',
  'shape.flatCause.flatten.sequence': '{head} The Flatten before it turns the sequence into a flat row: remove it (Flatten goes after the sequence layers).',
  'shape.flatCause.other.image': '{head} {source} before it gives a flat row: put {node} before {source}, or add a Reshape to [height, width, channels] between them.',
  'shape.flatCause.other.sequence': '{head} {source} before it gives a flat row: put {node} before {source}, or add a Reshape to [steps, channels] between them.',
} as const;

export type ShapeMessageId = keyof typeof SHAPE_MESSAGES_EN;

/** Why shape inference failed: the English `message` (CLI, API, logs) and the words as data the UI renders. */
export interface ShapeFailure {
  ok: false;
  message: string;
  messageId?: string;
  params?: MessageParams;
}

/**
 * A shape failure from its message id and params. `english` adds English texts for nested keys
 * kept elsewhere (a param's name inside a sentence, `param.field.<Type>.<name>`), so the English
 * `message` is rendered from the same template the UI's English dictionary holds.
 */
export function shapeFailure(messageId: ShapeMessageId, params: MessageParams, english: Record<string, string> = {}): ShapeFailure {
  return { ok: false, messageId, params, message: renderTemplate({ ...SHAPE_MESSAGES_EN, ...english }, messageId, params) };
}

/** True for a shape failure (helpers return a shape, a value, or this). */
export function isShapeFailure(value: unknown): value is ShapeFailure {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { ok?: unknown }).ok === false;
}

/**
 * A failure that lists the inputs' shapes: two read "(None, 3) and (None, 4)" (the `.two` message),
 * more are listed "(None, 3), (None, 4), (None, 5)".
 */
export function shapesFailure(messageId: 'shape.sameShape' | 'shape.sameRank' | 'shape.concatOtherAxes', params: MessageParams, shapes: readonly string[]): ShapeFailure {
  return shapes.length === 2 ? shapeFailure(`${messageId}.two`, { ...params, first: shapes[0], second: shapes[1] }) : shapeFailure(messageId, { ...params, shapes: shapes.join(', ') });
}
