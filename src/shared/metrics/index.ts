import { isClassificationLoss, snakeCase } from '../losses';
import { METRICS, type LossName, type MetricName } from '../project/schema';
import { accuracy } from './accuracy';
import { mae } from './mae';
import { mse } from './mse';
import type { MetricDefinition } from './types';

export type * from './types';

/** Every metric, keyed by the id stored in project files; `metricList()` gives them in the order of `METRICS`. */
export const METRIC_REGISTRY: Readonly<Record<MetricName, MetricDefinition>> = { accuracy, mae, mse };

export const metricList = (): MetricDefinition[] => METRICS.map((id) => METRIC_REGISTRY[id]);

export function getMetric(id: MetricName): MetricDefinition {
  const def = METRIC_REGISTRY[id];
  if (!def) throw new Error(`Unknown metric "${String(id)}"; expected one of ${METRICS.join(', ')}.`);
  return def;
}

/** The keys a run's logs may hold the metric under: tfjs' (`acc`) and Keras' (`accuracy`), tfjs' first. */
export function metricHistoryKeys(id: MetricName): string[] {
  const def = getMetric(id);
  return [...new Set([def.tfjsHistoryKey, def.kerasName])];
}

/** The metric whose log key (tfjs' or Keras') this is, e.g. `acc` → accuracy; undefined for other keys. */
export function metricOfHistoryKey(key: string): MetricDefinition | undefined {
  return metricList().find((def) => def.tfjsHistoryKey === key || def.kerasName === key);
}

/**
 * The metric a Keras or tfjs name stands for: a stored id, a Keras string or alias (`acc`,
 * `mean_absolute_error`) or a class name (`MeanAbsoluteError`, `BinaryAccuracy`).
 */
export function metricFromKeras(name: string): MetricName | undefined {
  if ((METRICS as readonly string[]).includes(name)) return name as MetricName;
  const key = snakeCase(name);
  return metricList().find((def) => def.kerasName === key || def.kerasAliases.includes(key))?.id;
}

/** The Keras 3 (Python) `metrics=[...]` list, e.g. `["accuracy", "mae"]`. */
export const kerasMetricsCode = (ids: readonly MetricName[]): string => JSON.stringify(ids.map((id) => getMetric(id).kerasName));

/** The tfjs `metrics: [...]` list, e.g. `["accuracy", "mae"]`. */
export const tfjsMetricsCode = (ids: readonly MetricName[]): string => JSON.stringify(ids.map((id) => getMetric(id).tfjsName));

/** The tfjs `model.compile({ metrics })` strings. */
export const tfjsMetricNames = (ids: readonly MetricName[]): string[] => ids.map((id) => getMetric(id).tfjsName);

/**
 * The metrics that fit `loss`: those meant for what it measures (classes for the crossentropies,
 * numbers for the regression losses) are kept in order; when any had to go, the kind's usual
 * metric (accuracy, or mae as a new project has) takes their place. Used by the loss fix so that
 * switching a regression project to classes does not keep a meaningless mae (trial 5 F2).
 */
export function metricsFittingLoss(metrics: readonly MetricName[], loss: LossName): MetricName[] {
  const kind = isClassificationLoss(loss) ? 'classes' : 'numbers';
  const kept = metrics.filter((id) => getMetric(id).measures === kind);
  if (kept.length === metrics.length) return [...metrics];
  const usual: MetricName = kind === 'classes' ? 'accuracy' : 'mae';
  return kept.includes(usual) ? kept : [...kept, usual];
}
