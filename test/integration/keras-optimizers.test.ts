import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { defaultOptimizerSettings, kerasOptimizerCode, optimizerFromKeras, optimizerList, resolveOptimizer } from '../../src/shared/optimizers';
import { variation } from '../../src/shared/optimizers/variations';
import { findKerasPython } from '../tools/keras-python';
import { describeWithPython } from '../tools/python';

/**
 * The optimizer registry against real Keras 3: every entry's defaults must be what
 * `keras.optimizers.<Class>()` reports, and the generated Python must build an optimizer with the
 * registry's values. Needs a Python with keras (and a backend) installed: NEURITE_KERAS_PYTHON,
 * else /work/pyenv/bin/python, else python3. .ci/run makes such a venv outside the repo; without
 * one the test is skipped and says why, except under CI=true, where it fails.
 */
const SCRIPT = join(__dirname, '..', 'tools', 'keras_optimizer_defaults.py');

/** Keras argument names for a resolved settings object, from the registry's fields (and fixed arguments). */
function kerasArgs(settings: ReturnType<typeof defaultOptimizerSettings>): Record<string, number | boolean> {
  const def = optimizerList().find((d) => d.id === settings.type)!;
  const resolved = resolveOptimizer(settings) as unknown as Record<string, number | boolean>;
  return { ...Object.fromEntries(def.fields.map((f) => [f.keras, resolved[f.name]])), ...def.fixedKeras };
}

describeWithPython('optimizer registry against real Keras 3', findKerasPython(), (python) => {
  it('every default is Keras\' own, and the generated Python builds the registry\'s values', () => {
    const entries = optimizerList().flatMap((def) => [
      {
        id: def.id,
        kerasClass: def.kerasClass,
        defaults: kerasArgs(defaultOptimizerSettings(def.id)),
        // SGD with momentum starts at momentum 0.9 where Keras' SGD has 0 (see momentum.ts).
        exceptions: def.id === 'momentum' ? ['momentum'] : [],
        code: kerasOptimizerCode(defaultOptimizerSettings(def.id)),
        generated: kerasArgs(defaultOptimizerSettings(def.id)),
      },
      { id: `${def.id} (varied)`, kerasClass: def.kerasClass, defaults: {}, code: kerasOptimizerCode(variation(def.id)), generated: kerasArgs(variation(def.id)) },
    ]);
    const run = spawnSync(python, [SCRIPT], { input: JSON.stringify(entries), encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { keras: string; mismatches: unknown[]; built: { id: string; class_name: string; config: Record<string, unknown> }[] };
    expect(result.keras).toMatch(/^3\./);
    expect(result.mismatches).toEqual([]);
    // Round trip: the optimizer the generated Python builds, as Keras' get_config() (what a .keras
    // compile_config holds) reports it, imports back as the settings it was generated from.
    const settingsOf = optimizerList().flatMap((def) => [defaultOptimizerSettings(def.id), variation(def.id)]);
    expect(result.built.length).toBe(settingsOf.length);
    result.built.forEach(({ id, class_name, config }, i) => {
      const back = optimizerFromKeras(class_name, config);
      if (!back.ok) throw new Error(`${id}: ${back.unsupported}`);
      expect(back.warnings, id).toEqual([]);
      const want = resolveOptimizer(settingsOf[i]) as unknown as Record<string, number | boolean | string>;
      const got = resolveOptimizer(back.settings) as unknown as Record<string, number | boolean | string>;
      expect(Object.keys(got).sort(), id).toEqual(Object.keys(want).sort());
      // Keras keeps the learning rate in a float32 variable: 0.02 reads back as 0.019999999552965164.
      for (const [k, v] of Object.entries(want)) if (typeof v === 'number') expect(Math.fround(got[k] as number), `${id} ${k}`).toBe(Math.fround(v));
      else expect(got[k], `${id} ${k}`).toBe(v);
    });
  });
});
