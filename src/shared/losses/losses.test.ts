import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { planTargets } from '../data/targets';
import type { DataInfo } from '../data/types';
import { LOSSES } from '../project/schema';
import { LOSS_REGISTRY, getLoss, isClassificationLoss, kerasLossCode, lossForLabels, lossFromKeras, lossList, tfjsLossCode } from '.';

/**
 * The loss registry over every entry: ids, the facts validation and the target plan read, the
 * Keras import/export names, and codegen that parses. The tfjs values are checked in
 * src/main/engine/losses.conformance.test.ts.
 */
describe('the loss registry', () => {
  it('has exactly one entry per stored loss id, keyed by its own id, in the order of LOSSES', () => {
    expect(Object.keys(LOSS_REGISTRY).sort()).toEqual([...LOSSES].sort());
    for (const [id, def] of Object.entries(LOSS_REGISTRY)) expect(def.id).toBe(id);
    expect(lossList().map((d) => d.id)).toEqual([...LOSSES]);
  });

  it.each(LOSSES)('%s: labels and output agree (probabilities only for class labels)', (id) => {
    const def = getLoss(id);
    const expected = { values: 'any', binary: 'sigmoid', onehot: 'softmax', index: 'softmax' } as const;
    expect(def.output).toBe(expected[def.labels]);
    expect(isClassificationLoss(id)).toBe(def.labels !== 'values');
  });

  it('names one loss per kind of class label (what validation proposes as the fix)', () => {
    expect(lossForLabels('binary')).toBe('binaryCrossentropy');
    expect(lossForLabels('onehot')).toBe('categoricalCrossentropy');
    expect(lossForLabels('index')).toBe('sparseCategoricalCrossentropy');
  });

  it('plans targets from the registry: each loss gets the output its labels need', () => {
    const classes = { task: 'classification', numFeatures: 2, featureNames: ['a', 'b'], labelWidth: 1, labelEncoding: 'index', numClasses: 3 } as DataInfo;
    const onehot: DataInfo = { ...classes, labelWidth: 3, labelEncoding: 'onehot' };
    const two: DataInfo = { ...classes, numClasses: 2 };
    expect(planTargets(classes, 'sparseCategoricalCrossentropy', 1)).toEqual({ units: 3, basis: 'per-class', labels: 'as-stored' });
    expect(planTargets(onehot, 'categoricalCrossentropy', 1)).toEqual({ units: 3, basis: 'per-class', labels: 'as-stored' });
    expect(planTargets(two, 'binaryCrossentropy', 1)).toEqual({ units: 1, basis: 'binary', labels: 'as-stored' });
    expect(planTargets({ ...onehot, labelWidth: 2, numClasses: 2 }, 'binaryCrossentropy', 1)).toEqual({ units: 1, basis: 'binary', labels: 'binary-column' });
    expect(planTargets(classes, 'huberLoss', 1)).toEqual({ units: 1, basis: 'per-target', labels: 'as-stored' });
  });

  it.each(LOSSES)('%s: Keras name → id → Keras name round-trips, and every alias and the class name import', (id) => {
    const def = getLoss(id);
    expect(lossFromKeras(def.kerasName)).toBe(id);
    expect(getLoss(lossFromKeras(def.kerasName)!).kerasName).toBe(def.kerasName);
    expect(lossFromKeras(def.kerasClass)).toBe(id);
    expect(lossFromKeras(id)).toBe(id);
    for (const alias of def.kerasAliases) expect(lossFromKeras(alias), alias).toBe(id);
    if (def.tfjsName) expect(lossFromKeras(def.tfjsName)).toBe(id);
  });

  it('imports Keras 2 and tfjs spellings and refuses unknown names', () => {
    expect(lossFromKeras('mse')).toBe('meanSquaredError');
    expect(lossFromKeras('MAE')).toBe('meanAbsoluteError');
    expect(lossFromKeras('huber_loss')).toBe('huberLoss');
    expect(lossFromKeras('Huber')).toBe('huberLoss');
    expect(lossFromKeras('kl_divergence')).toBeUndefined();
    expect(lossFromKeras('toString')).toBeUndefined();
  });

  it('writes the Keras string for built-in losses and a Huber object, as before the registry', () => {
    expect(lossList().map((d) => kerasLossCode(d.id))).toEqual([
      '"mean_squared_error"',
      '"mean_absolute_error"',
      'keras.losses.Huber(delta=1.0)',
      '"categorical_crossentropy"',
      '"sparse_categorical_crossentropy"',
      '"binary_crossentropy"',
    ]);
    expect(tfjsLossCode('meanSquaredError')).toEqual({ expression: '"meanSquaredError"', helper: [] });
    expect(tfjsLossCode('huberLoss').expression).toBe('huberLoss');
  });

  it.each(LOSSES)('%s: the TypeScript loss expression and its helper are valid TypeScript', (id) => {
    const { expression, helper } = tfjsLossCode(id);
    const source = ["import * as tf from '@tensorflow/tfjs';", ...helper, `export const loss = ${expression};`, 'void tf;'].join('\n');
    const { diagnostics } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true }, reportDiagnostics: true });
    expect(diagnostics ?? []).toEqual([]);
  });
});

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe.skipIf(!python)('the Keras (Python) loss expressions', () => {
  it('every entry is valid Python', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'neurite-loss-py-')), 'losses.py');
    writeFileSync(file, ['import keras', ...lossList().map((d) => `${d.id} = ${kerasLossCode(d.id)}`)].join('\n') + '\n');
    const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
