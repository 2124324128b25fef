import { Activation } from './activation';
import { Add } from './add';
import { BatchNormalization } from './batch-normalization';
import { AveragePooling2D } from './average-pooling-2d';
import { Concatenate } from './concatenate';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAveragePooling1D } from './global-average-pooling-1d';
import { GlobalAveragePooling2D } from './global-average-pooling-2d';
import { GlobalMaxPooling2D } from './global-max-pooling-2d';
import { Input } from './input';
import { LayerNormalization } from './layer-normalization';
import { MaxPooling1D } from './max-pooling-1d';
import { MaxPooling2D } from './max-pooling-2d';
import { Reshape } from './reshape';
import { Rescaling } from './rescaling';
import { SeparableConv2D } from './separable-conv2d';
import { UpSampling2D } from './up-sampling-2d';
import { ZeroPadding2D } from './zero-padding-2d';
import { resolveParams } from './params';
import type { LayerDefinition, LayerParams } from './types';

export { kerasGet, kerasReadKeys, isNeutral } from './keras';
export { defaultParams, resolveParams, shownParams, validateParams, formatShape, type ParamProblem } from './params';

/**
 * Callers may pass a node's params as stored, with keys missing (older files, hand-written
 * templates); the layer files may assume every key is present. This wrapper fills the gaps.
 */
function withDefaults(def: LayerDefinition): LayerDefinition {
  return {
    ...def,
    inferOutputShape: (inputs, params) => def.inferOutputShape(inputs, resolveParams(def, params)),
    countParams: (inputs, params) => def.countParams(inputs, resolveParams(def, params)),
    toTfjs: (params, inputs) => def.toTfjs(resolveParams(def, params), inputs),
    ...(def.fused ? { fused: (params: LayerParams) => def.fused!(resolveParams(def, params)) } : {}),
    code: {
      python: (params, tfjs) => def.code.python(resolveParams(def, params), tfjs),
      typescript: (params, tfjs) => def.code.typescript(resolveParams(def, params), tfjs),
    },
  };
}

/**
 * Every layer type, in palette order. Adding a layer means adding its file (params, shapes, counts,
 * tfjs config, Keras import mapping, generated code and conformance examples) and one entry here.
 */
export const LAYERS: readonly LayerDefinition[] = [Input, Dense, Activation, Dropout, BatchNormalization, LayerNormalization, Flatten, Reshape, ZeroPadding2D, UpSampling2D, Add, Concatenate, Conv2D, SeparableConv2D, DepthwiseConv2D, Conv1D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPooling1D, GlobalAveragePooling1D, Rescaling].map(withDefaults);

const byType = new Map(LAYERS.map((def) => [def.type, def]));

export function getLayer(type: string): LayerDefinition | undefined {
  return byType.get(type);
}

const byKerasClass = new Map(LAYERS.flatMap((def) => def.keras.classNames.map((name) => [name, def] as const)));

/** The layer a Keras / tfjs layers-format `class_name` imports as (`LeakyReLU` → Activation), if any. */
export function layerForKerasClass(className: string): LayerDefinition | undefined {
  return byKerasClass.get(className);
}

/** Whether the node type acts only while training (the registry's `trainingOnly`, e.g. Dropout). */
export function isTrainingOnlyType(type: string): boolean {
  return byType.get(type)?.trainingOnly === true;
}

/** Whether the node type is the model's data entry point (the registry's `role: 'input'`). */
export function isInputType(type: string): boolean {
  return byType.get(type)?.role === 'input';
}
