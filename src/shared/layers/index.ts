import { Activation } from './activation';
import { Add } from './add';
import { BatchNormalization } from './batch-normalization';
import { Concatenate } from './concatenate';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { Input } from './input';
import { Reshape } from './reshape';
import { resolveParams } from './params';
import type { LayerDefinition } from './types';

export { defaultParams, resolveParams, validateParams, formatShape, type ParamProblem } from './params';

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
  };
}

/** Every layer type, in palette order. Adding a layer means adding its file and one entry here. */
export const LAYERS: readonly LayerDefinition[] = [Input, Dense, Activation, Dropout, BatchNormalization, Flatten, Reshape, Add, Concatenate].map(withDefaults);

const byType = new Map(LAYERS.map((def) => [def.type, def]));

export function getLayer(type: string): LayerDefinition | undefined {
  return byType.get(type);
}
