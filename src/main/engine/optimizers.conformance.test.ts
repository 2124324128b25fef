import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_REGISTRY, defaultOptimizerSettings, optimizerFromKeras, resolveOptimizer, tfjsOptimizerCode } from '../../shared/optimizers';
import { variation } from '../../shared/optimizers/variations';
import { OPTIMIZERS, type OptimizerSettings } from '../../shared/project/schema';
import { createOptimizer } from './compile';
import { fastOptimizerFor } from './fast-optimizers';

/**
 * Every optimizer of the registry, built by tfjs with its defaults and with every field changed:
 * tfjs' own config must be what the registry says it passes (so no tfjs default slips in), the
 * fused twin must take the same steps as tfjs, and the generated TypeScript expression must build
 * the same optimizer when run.
 */
const ROOT = join(__dirname, '..', '..', '..');
const cases = OPTIMIZERS.flatMap((id) => [
  { name: `${id} (defaults)`, settings: defaultOptimizerSettings(id) },
  { name: `${id} (every field changed)`, settings: variation(id) },
]);

describe('optimizer registry conformance (tfjs)', () => {
  it.each(cases)('$name: tfjs reports the registry\'s config', ({ settings }) => {
    const optimizer = createOptimizer(settings);
    const def = OPTIMIZER_REGISTRY[settings.type];
    expect(optimizer.getConfig()).toEqual(def.tfjsConfig(resolveOptimizer(settings)));
    optimizer.dispose();
  });

  it.each(OPTIMIZERS)('%s: with defaults, tfjs runs at the Keras default learning rate', (id) => {
    const optimizer = createOptimizer(defaultOptimizerSettings(id));
    expect(optimizer.getConfig().learningRate).toBe(OPTIMIZER_REGISTRY[id].fields[0].default);
    optimizer.dispose();
  });

  it.each(cases)('$name: the fused twin takes the same steps as tfjs', ({ settings }) => {
    const start = [0.5, -1.5, 2, -0.25, 0.1];
    const fused = fastOptimizerFor(settings, [start.length]);
    if (typeof fused === 'string') throw new Error(fused);
    const optimizer = createOptimizer(settings);
    const w = tf.variable(tf.tensor1d(start));
    const mine = [Float32Array.from(start)];
    for (let step = 0; step < 4; step++) {
      // The gradient of sum((w - 1)^2 * k) with per-element k, so each element sees a different scale.
      const grad = tf.tidy(() => tf.mul(tf.sub(w, 1), tf.tensor1d([2, 0.5, 3, 1, 8])));
      const g = Float32Array.from(grad.dataSync());
      optimizer.applyGradients({ [w.name]: grad });
      grad.dispose();
      fused.apply(mine, [g]);
    }
    const theirs = Array.from(w.dataSync());
    theirs.forEach((v, i) => expect(mine[0][i]).toBeCloseTo(v, 5));
    w.dispose();
    optimizer.dispose();
  });

  it('the generated TypeScript expressions build the same optimizers when run, and their tfjs configs import back as the same settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-opt-ts-'));
    const file = join(dir, 'optimizers.js');
    const lines = [
      "const tf = require('@tensorflow/tfjs');",
      'const out = [];',
      ...cases.map((c) => `{ const o = ${tfjsOptimizerCode(c.settings)}; out.push({ className: o.getClassName(), config: o.getConfig() }); }`),
      'console.log(JSON.stringify(out));',
    ];
    writeFileSync(file, lines.join('\n'));
    const text = execFileSync(process.execPath, [file], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }, encoding: 'utf8', timeout: 60_000 });
    const built = JSON.parse(text.trim().split('\n').pop()!) as { className: string; config: Record<string, unknown> }[];
    built.forEach(({ className, config }, i) => {
      const settings: OptimizerSettings = cases[i].settings;
      const def = OPTIMIZER_REGISTRY[settings.type];
      expect(config).toEqual(def.tfjsConfig(resolveOptimizer(settings)));
      expect(className, cases[i].name).toBe(def.tfjsClass);
      // Import: a tfjs-written training_config holds exactly this class name and config.
      const imported = optimizerFromKeras(className, config);
      if (!imported.ok) throw new Error(imported.unsupported);
      expect(imported.warnings, cases[i].name).toEqual([]);
      expect(resolveOptimizer(imported.settings), cases[i].name).toEqual(resolveOptimizer(settings));
    });
  });
});
