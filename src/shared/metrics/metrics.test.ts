import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getLoss } from '../losses';
import { METRICS } from '../project/schema';
import { kerasLogName } from '../training/epoch-log';
import { METRIC_REGISTRY, getMetric, kerasMetricsCode, metricFromKeras, metricHistoryKeys, metricList, metricOfHistoryKey, tfjsMetricsCode } from '.';

/**
 * The metric registry over every entry: ids, history keys, the Keras import/export names and
 * codegen that parses. The tfjs values are checked in src/main/engine/metrics.conformance.test.ts.
 */
describe('the metric registry', () => {
  it('has exactly one entry per stored metric id, keyed by its own id, in the order of METRICS', () => {
    expect(Object.keys(METRIC_REGISTRY).sort()).toEqual([...METRICS].sort());
    for (const [id, def] of Object.entries(METRIC_REGISTRY)) expect(def.id).toBe(id);
    expect(metricList().map((d) => d.id)).toEqual([...METRICS]);
  });

  it.each(METRICS)('%s: Keras name → id → Keras name round-trips, and every alias imports', (id) => {
    const def = getMetric(id);
    expect(metricFromKeras(def.kerasName)).toBe(id);
    expect(getMetric(metricFromKeras(def.kerasName)!).kerasName).toBe(def.kerasName);
    expect(metricFromKeras(def.tfjsName)).toBe(id);
    expect(metricFromKeras(def.tfjsHistoryKey)).toBe(id);
    for (const alias of def.kerasAliases) expect(metricFromKeras(alias), alias).toBe(id);
  });

  it.each(METRICS)('%s: both history keys lead back to the metric', (id) => {
    for (const key of metricHistoryKeys(id)) expect(metricOfHistoryKey(key)?.id).toBe(id);
  });

  it('knows tfjs logs accuracy as acc, Keras as accuracy, and which way is better', () => {
    expect(metricHistoryKeys('accuracy')).toEqual(['acc', 'accuracy']);
    expect(metricHistoryKeys('mae')).toEqual(['mae']);
    expect(metricList().map((d) => [d.id, d.higherIsBetter])).toEqual([['accuracy', true], ['mae', false], ['mse', false]]);
    expect(metricFromKeras('MeanAbsoluteError')).toBe('mae');
    expect(metricFromKeras('BinaryAccuracy')).toBe('accuracy');
    expect(metricFromKeras('auc')).toBeUndefined();
  });

  it('chooses the accuracy variant by the rule tfjs and Keras share', () => {
    const variant = (loss: Parameters<typeof getLoss>[0], width: number) => getMetric('accuracy').variant(getLoss(loss), width);
    expect(variant('binaryCrossentropy', 2)).toBe('binaryAccuracy');
    expect(variant('meanSquaredError', 1)).toBe('binaryAccuracy');
    expect(variant('sparseCategoricalCrossentropy', 3)).toBe('sparseCategoricalAccuracy');
    expect(variant('categoricalCrossentropy', 3)).toBe('categoricalAccuracy');
    expect(variant('meanSquaredError', 3)).toBe('categoricalAccuracy');
  });

  it('shows tfjs log keys under the Keras names, as Keras prints them', () => {
    expect(['acc', 'val_acc', 'loss', 'val_loss', 'mae', 'val_mse', 'test_acc'].map(kerasLogName)).toEqual(['accuracy', 'val_accuracy', 'loss', 'val_loss', 'mae', 'val_mse', 'test_acc']);
  });

  it('writes the same metric lists as before the registry, and valid TypeScript', () => {
    expect(kerasMetricsCode(['accuracy', 'mae', 'mse'])).toBe('["accuracy","mae","mse"]');
    expect(tfjsMetricsCode(['mse', 'accuracy'])).toBe('["mse","accuracy"]');
    const { diagnostics } = ts.transpileModule(`export const metrics = ${tfjsMetricsCode([...METRICS])};`, { reportDiagnostics: true });
    expect(diagnostics ?? []).toEqual([]);
  });
});

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe.skipIf(!python)('the Keras (Python) metric list', () => {
  it('is valid Python', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'neurite-metric-py-')), 'metrics.py');
    writeFileSync(file, `metrics = ${kerasMetricsCode([...METRICS])}\n`);
    const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
