import { LOSSES, type LossName } from '../project/schema';
import { binaryCrossentropy } from './binaryCrossentropy';
import { categoricalCrossentropy } from './categoricalCrossentropy';
import { huberLoss } from './huberLoss';
import { meanAbsoluteError } from './meanAbsoluteError';
import { meanSquaredError } from './meanSquaredError';
import { sparseCategoricalCrossentropy } from './sparseCategoricalCrossentropy';
import type { LossDefinition, LossLabels } from './types';

export type * from './types';

/** Every loss, keyed by the id stored in project files; `lossList()` gives them in the order of `LOSSES`. */
export const LOSS_REGISTRY: Readonly<Record<LossName, LossDefinition>> = {
  meanSquaredError,
  meanAbsoluteError,
  huberLoss,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  binaryCrossentropy,
};

export const lossList = (): LossDefinition[] => LOSSES.map((id) => LOSS_REGISTRY[id]);

export function getLoss(id: LossName): LossDefinition {
  const def = LOSS_REGISTRY[id];
  if (!def) throw new Error(`Unknown loss "${String(id)}"; expected one of ${LOSSES.join(', ')}.`);
  return def;
}

/** Whether the loss compares class labels with probabilities (the crossentropies), as opposed to predicting numbers. */
export const isClassificationLoss = (id: LossName): boolean => getLoss(id).labels !== 'values';

/** The loss made for labels of this kind (the first in `LOSSES` order), e.g. `index` → sparse categorical crossentropy. */
export function lossForLabels(labels: Exclude<LossLabels, 'values'>): LossName {
  return lossList().find((def) => def.labels === labels)!.id;
}

/**
 * Trial 10 (9): one name per loss in the UI. The dropdown shows `loss.<id>.label` ("Mean squared
 * error (mean_squared_error)"); sentences (problems, fixes) say `loss.<id>.name` ("mean squared
 * error (mean_squared_error)"): the registry's label with the Keras name, translated by the
 * dictionaries (zh-CN: 均方误差 (mean_squared_error) for both).
 */
export const lossLabelKey = (id: string): `loss.${string}.label` => `loss.${id}.label`;
export const lossNameKey = (id: string): `loss.${string}.name` => `loss.${id}.name`;

/** The English of `lossLabelKey`/`lossNameKey` for every loss, from the registry entries (the English dictionary spreads it). */
// Object.values, not lossList(): graph/problem-text.ts imports this module while project/schema (LOSSES) may still be loading.
export const LOSS_MESSAGES_EN: Readonly<Record<`loss.${string}`, string>> = Object.fromEntries(
  Object.values(LOSS_REGISTRY).flatMap((def) => [
    [lossLabelKey(def.id), `${def.label[0].toUpperCase()}${def.label.slice(1)} (${def.kerasName})`],
    [lossNameKey(def.id), `${def.label} (${def.kerasName})`],
  ]),
);

/** `MeanSquaredError` / `meanSquaredError` → `mean_squared_error`: the form Keras names take in `training_config`. */
export const snakeCase = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The loss a Keras or tfjs name stands for: a stored id (`meanSquaredError`), a Keras string or
 * alias (`mean_squared_error`, `mse`) or a Keras class name (`MeanSquaredError`, `Huber`).
 * Undefined when no loss of the registry has that name.
 */
export function lossFromKeras(name: string): LossName | undefined {
  if ((LOSSES as readonly string[]).includes(name)) return name as LossName;
  const key = snakeCase(name);
  return lossList().find((def) => def.kerasName === key || def.kerasAliases.includes(key) || snakeCase(def.kerasClass) === key)?.id;
}

/** The Keras 3 (Python) expression for `compile(loss=...)`, e.g. `"mean_squared_error"` or `keras.losses.Huber(delta=1.0)`. */
export function kerasLossCode(id: LossName): string {
  const def = getLoss(id);
  return def.python ?? JSON.stringify(def.kerasName);
}

/** The TypeScript (tfjs) `loss` expression, e.g. `"meanSquaredError"`, and the helper functions the script must declare for it. */
export function tfjsLossCode(id: LossName): { expression: string; helper: readonly string[] } {
  const def = getLoss(id);
  if (def.typescript) return def.typescript;
  if (!def.tfjsName) throw new Error(`Loss "${id}" has neither a tfjs name nor TypeScript code.`);
  return { expression: JSON.stringify(def.tfjsName), helper: [] };
}
