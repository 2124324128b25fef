import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinImages } from '../../src/main/data/builtin-images';
import { disposeModel, inputTransform, loadTrainedModel } from '../../src/main/engine/run-project';
import { predictRows } from '../../src/main/engine/train-loop';
import { toKerasPython } from '../../src/shared/codegen';
import { parseProject } from '../../src/shared/project/load';
import { findKerasPython } from '../tools/keras-python';
import { itWithPython } from '../tools/python';

/**
 * Trial 5 F24: the exported Keras script's `--predict` failed on a model with a DepthwiseConv2D
 * ("weight depthwise_conv2d_n25/kernel is not in …"): the project stores tfjs weight names
 * (`depthwise_kernel`), Keras 3 calls the variable `kernel`. The script now maps every layer's
 * Keras names to the saved ones through the layer registry (`kerasWeightNames`).
 * The project (trained in the app): Input → Conv2D → DepthwiseConv2D → SeparableConv2D →
 * UpSampling2D → AveragePooling2D → ZeroPadding2D → MaxPooling2D → GlobalAveragePooling2D → Dense.
 */
const FILE = join(__dirname, '..', 'fixtures', 'projects', 'digits-all-image-layers-trained.neurite');
const work = mkdtempSync(join(tmpdir(), 'neurite-keras-weight-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project() {
  const parsed = parseProject(readFileSync(FILE, 'utf8'), FILE);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.project;
}

/** Raw pixels (0–16) of digits images 5 and 122. */
function rows(): number[][] {
  const images = loadBuiltinImages('digits');
  const size = images.height * images.width * images.channels;
  return [5, 122].map((i) => Array.from(images.pixels.subarray(i * size, (i + 1) * size)));
}

describe('exported Keras script --predict with a DepthwiseConv2D (trial 5 F24)', () => {
  it('maps the depthwise kernel to its saved tfjs name in the script', () => {
    const code = toKerasPython(project());
    expect(code).toMatch(/"depthwise_conv2d_n25\/kernel": "depthwise_conv2d_n25\/depthwise_kernel"/);
  });

  itWithPython('real Keras predicts what the app predicts with the saved weights', findKerasPython(), (python) => {
    const p = project();
    const { model, numFeatures } = loadTrainedModel(p);
    const app = predictRows(model, inputTransform(p.dataset, numFeatures)(rows()), numFeatures);
    disposeModel(model);
    const script = join(work, 'all_layers.py');
    writeFileSync(script, toKerasPython(p));
    const out = execFileSync(python, [script, '--predict', FILE, ...rows().flatMap((r) => ['--input', r.join(',')])], {
      encoding: 'utf8',
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: process.env.KERAS_BACKEND ?? 'tensorflow' },
      timeout: 180_000,
    });
    const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{"event": "predict"'))!;
    const keras = (JSON.parse(line) as { outputs: number[][] }).outputs;
    expect(keras).toHaveLength(2);
    keras.forEach((row, r) => row.forEach((v, c) => expect(Math.abs(v - app[r][c]), `row ${r} class ${c}`).toBeLessThan(1e-4)));
  }, 200_000);
});
