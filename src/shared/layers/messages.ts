import { LAYERS } from './index';
import { optimizerList } from '../optimizers';
import type { LayerDefinition, ParamSpec } from './types';
import { paramFieldKey, paramFieldText } from './params';

/**
 * Issue 16: registry texts through the UI's dictionary. The English stays in ONE place, the
 * registry entries (`label`, `description`, each param's `label` and `help`; each optimizer's
 * `label` and `description`); the English dictionary is generated from them here, and the other
 * languages translate the same keys:
 *   layer.<Type>.label, layer.<Type>.description,
 *   layer.<Type>.param.<name>.label, layer.<Type>.param.<name>.help,
 *   optimizer.<id>.label, optimizer.<id>.description.
 * The CLI and API keep the registry's English.
 */
export const layerLabelKey = (def: Pick<LayerDefinition, 'type'>): string => `layer.${def.type}.label`;
export const layerDescriptionKey = (def: Pick<LayerDefinition, 'type'>): string => `layer.${def.type}.description`;
export const paramLabelKey = (def: Pick<LayerDefinition, 'type'>, spec: Pick<ParamSpec, 'name'>): string => `layer.${def.type}.param.${spec.name}.label`;
export const paramHelpKey = (def: Pick<LayerDefinition, 'type'>, spec: Pick<ParamSpec, 'name'>): string => `layer.${def.type}.param.${spec.name}.help`;
export const optimizerLabelKey = (id: string): string => `optimizer.${id}.label`;
export const optimizerDescriptionKey = (id: string): string => `optimizer.${id}.description`;

function registryMessages(): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const def of LAYERS) {
    messages[layerLabelKey(def)] = def.label;
    messages[layerDescriptionKey(def)] = def.description;
    for (const spec of def.params) {
      messages[paramLabelKey(def, spec)] = spec.label;
      messages[paramHelpKey(def, spec)] = spec.help;
    }
  }
  for (const opt of optimizerList()) {
    messages[optimizerLabelKey(opt.id)] = opt.label;
    messages[optimizerDescriptionKey(opt.id)] = opt.description;
  }
  return messages;
}

/** The registries' English texts under their dictionary keys (spread into the renderer's `en`). */
export const REGISTRY_MESSAGES_EN: Readonly<Record<`layer.${string}` | `optimizer.${string}`, string>> = registryMessages();

/** Each param's name inside a sentence (`param.field.<Type>.<name>`, English: the registry label lower-cased), filling `{field}` in the parameter-value errors of params.ts. */
export const PARAM_FIELD_MESSAGES_EN: Readonly<Record<`param.field.${string}`, string>> = Object.fromEntries(
  LAYERS.flatMap((def) => def.params.map((spec) => [paramFieldKey(def, spec), paramFieldText(spec)])),
);
