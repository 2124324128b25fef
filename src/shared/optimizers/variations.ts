import type { OptimizerName, OptimizerSettings } from '../project/schema';
import { OPTIMIZER_REGISTRY } from '.';

/** Every field of the optimizer set to a valid value other than its default (for the registry's conformance tests). */
export function variation(id: OptimizerName): OptimizerSettings {
  const settings: Record<string, unknown> = { type: id };
  for (const field of OPTIMIZER_REGISTRY[id].fields) {
    settings[field.name] = field.kind === 'bool' ? !field.default : field.name === 'epsilon' ? 1e-5 : field.name === 'learningRate' ? 0.02 : 0.8;
  }
  return settings as OptimizerSettings;
}
