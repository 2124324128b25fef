import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_LAYER_IDS, ACTIVATION_LIST, DENSE_ACTIVATION_IDS, activationFromKeras, getActivation, isFusedActivation, kerasActivationName } from '.';

/**
 * The activation registry over every entry: the layers' option lists, the Keras import/export
 * names and the Python they produce. tfjs values: src/main/engine/activations.conformance.test.ts.
 */
const ids = ACTIVATION_LIST.map((a) => a.id);

describe('the activation registry', () => {
  it('has unique ids', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers the same functions, in the same order, as the layers did before the registry', () => {
    expect(DENSE_ACTIVATION_IDS).toEqual(['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'hardSigmoid']);
    expect(ACTIVATION_LAYER_IDS).toEqual(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'leakyRelu', 'hardSigmoid']);
    expect(ids.filter(isFusedActivation)).toEqual(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu']);
  });

  it.each(ids)('%s: Keras name → id → Keras name round-trips, and every alias imports', (id) => {
    const def = getActivation(id);
    expect(activationFromKeras(def.keras)).toBe(id);
    expect(kerasActivationName(activationFromKeras(def.keras)!)).toBe(def.keras);
    expect(activationFromKeras(id)).toBe(id);
    for (const alias of def.kerasAliases) expect(activationFromKeras(alias), alias).toBe(id);
  });

  it('maps the Keras spellings that differ from the ids, and only those', () => {
    expect(ACTIVATION_LIST.filter((a) => a.keras !== a.id).map((a) => [a.id, a.keras])).toEqual([['leakyRelu', 'leaky_relu'], ['hardSigmoid', 'hard_sigmoid']]);
    expect(activationFromKeras('silu')).toBe('swish');
    expect(activationFromKeras('hardsigmoid')).toBe('hardSigmoid');
    expect(activationFromKeras('toString')).toBeUndefined();
    expect(activationFromKeras('exponential')).toBeUndefined();
  });

  it('models LeakyReLU as a layer of its own, never as an activation string', () => {
    expect(ACTIVATION_LIST.filter((a) => a.layer).map((a) => a.id)).toEqual(['leakyRelu']);
    expect(getActivation('leakyRelu').dense).toBe(false);
    expect(() => getActivation('nope')).toThrow(/Unknown activation "nope"; expected one of linear, relu/);
  });
});

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe.skipIf(!python)('the Keras (Python) activation names', () => {
  it('every string-activation entry writes a valid Activation call', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'neurite-act-py-')), 'activations.py');
    const lines = ACTIVATION_LIST.filter((a) => !a.layer).map((a, i) => `a${i} = layers.Activation(${JSON.stringify(kerasActivationName(a.id))})`);
    writeFileSync(file, ['from keras import layers', ...lines].join('\n') + '\n');
    const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
