import { Activation } from './activation';
import { Add } from './add';
import { BatchNormalization } from './batch-normalization';
import { Concatenate } from './concatenate';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { Input } from './input';
import { Reshape } from './reshape';
import type { LayerDefinition } from './types';

export { defaultParams, resolveParams, validateParams, formatShape, type ParamProblem } from './params';

/** Every layer type, in palette order. Adding a layer means adding its file and one entry here. */
export const LAYERS: readonly LayerDefinition[] = [Input, Dense, Activation, Dropout, BatchNormalization, Flatten, Reshape, Add, Concatenate];

const byType = new Map(LAYERS.map((def) => [def.type, def]));

export function getLayer(type: string): LayerDefinition | undefined {
  return byType.get(type);
}
