import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { pyCode } from '../../src/shared/codegen/literals';
import { LAYERS, resolveParams } from '../../src/shared/layers';
import { findKerasPython } from '../tools/keras-python';
import { describeWithPython } from '../tools/python';

/**
 * The layer registry's generated Python against real Keras 3: every example of every layer file
 * (src/shared/layers/<layer>.ts `examples`), written as the exported script writes it, must build
 * in Keras with the registry's output shape, parameter counts (trainable and not) and variables in
 * the registry's `weightNames` order (what the Keras 3 import relies on). One Python process for
 * all. Needs a Python with Keras 3 (see findKerasPython): skipped, saying why, without one; under
 * CI=true it fails instead.
 */
const SCRIPT = join(__dirname, '..', 'tools', 'keras_layer_build.py');

describeWithPython('layer registry against real Keras 3', findKerasPython(), (python) => {
  it('every layer example\'s exported Python builds in Keras with the registry\'s shape, counts and weight order', () => {
    const cases = LAYERS.filter((def) => def.role !== 'input').flatMap((def) =>
      def.examples.map((example, i) => {
        const params = resolveParams(def, example.params);
        const shape = def.inferOutputShape(example.inputs, params);
        const count = def.countParams(example.inputs, params);
        return {
          id: `${def.type} example ${i} ${JSON.stringify(example.params)}`,
          inputs: example.inputs.map((s) => s.slice(1)),
          expr: pyCode(def.code.python(params, def.toTfjs(params, example.inputs))),
          want: { shape: shape.ok ? shape.shape : shape.message, trainable: count.trainable, non_trainable: count.nonTrainable, weights: def.kerasWeightNames?.(params) ?? def.weightNames?.(params) ?? [] },
        };
      }),
    );
    const run = spawnSync(python, [SCRIPT], { input: JSON.stringify(cases.map(({ want: _want, ...c }) => c)), encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { keras: string; built: Record<string, unknown> };
    expect(result.keras).toMatch(/^3\./);
    const problems = cases.filter((c) => JSON.stringify(result.built[c.id]) !== JSON.stringify(c.want)).map((c) => `${c.id}\n  ${c.expr}\n  Keras: ${JSON.stringify(result.built[c.id])}\n  registry: ${JSON.stringify(c.want)}`);
    expect(problems).toEqual([]);
  }, 300_000);
});
