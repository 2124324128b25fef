import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TemplateInfoSchema, type TemplateInfo } from '../../src/shared/api/contract';
import { localizedTemplate } from '../../src/shared/api/templates';
import { pyCode } from '../../src/shared/codegen/literals';
import { imageDataInfo, IMAGE_BUILTIN_SETS } from '../../src/shared/data/images';
import { planGraph } from '../../src/shared/graph/plan';
import { summarize } from '../../src/shared/graph/summary';
import { validateGraph } from '../../src/shared/graph/validate';
import { parseProject } from '../../src/shared/project/load';
import type { ImagesDataset, Project } from '../../src/shared/project/schema';
import { initBackend } from '../../src/main/engine/backend';
import { disposeModel, runProject } from '../../src/main/engine/run-project';
import { findKerasPython } from '../tools/keras-python';
import { describeWithPython } from '../tools/python';

/**
 * The image templates of issue 14: "Digits: dense vs. convolutional" (a pair, `digits-dense` and
 * `digits-cnn`, whose descriptions name each other and their parameter counts) and "MNIST subset
 * CNN" (`mnist-cnn`), on the built-in image sets. Each loads, validates with no problem, states
 * true parameter counts, has a Simplified Chinese name, and its Keras-style summary equals what
 * real Keras 3 `model.summary()` prints for the same layers.
 */
const DIR = join(__dirname, '../../resources/templates');
const IMAGE_TEMPLATES = ['digits-dense', 'digits-cnn', 'mnist-cnn'] as const;

function template(id: string): Project {
  const result = parseProject(readFileSync(join(DIR, `${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const index: TemplateInfo[] = TemplateInfoSchema.array().parse(JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')));
const info = (id: string) => index.find((t) => t.id === id)!;
const total = (id: string) => summarize(template(id).graph).totalParams;
/** `12810` → `12,810`, as the descriptions write counts. */
const grouped = (n: number) => n.toLocaleString('en-US');

describe('template list', () => {
  it('lists every shipped template exactly once, each with an English and a Simplified Chinese name and description', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.neurite')).map((f) => f.replace(/\.neurite$/, '')).sort();
    expect(index.map((t) => t.id).sort()).toEqual(files);
    for (const t of index) {
      const zh = localizedTemplate(t, 'zh-CN');
      expect(t.name.length * t.description.length, t.id).toBeGreaterThan(0);
      expect(zh.name, t.id).not.toBe(t.name);
      expect(zh.description, t.id).toMatch(/[\u4e00-\u9fff]/);
    }
    // A language without a translation falls back to English.
    expect(localizedTemplate(info('mnist-cnn'), 'fr')).toEqual({ name: 'MNIST subset CNN', description: info('mnist-cnn').description });
  });

  it('"Digits: dense vs. convolutional": each half names the other and the true parameter counts; MNIST states its own', () => {
    const dense = info('digits-dense');
    const cnn = info('digits-cnn');
    expect(dense.name).toMatch(/^Digits: dense vs\. convolutional/);
    expect(cnn.name).toMatch(/^Digits: dense vs\. convolutional/);
    expect(dense.description).toContain(cnn.name);
    expect(cnn.description).toContain(dense.name);
    expect(dense.description).toContain(`${grouped(total('digits-dense'))} parameters`);
    expect(cnn.description).toContain(`${grouped(total('digits-cnn'))} parameters`);
    expect(cnn.description).toContain(`(${grouped(total('digits-dense'))} parameters)`);
    expect(info('mnist-cnn').description).toContain(`${grouped(total('mnist-cnn'))} parameters`);
    const zhDense = localizedTemplate(dense, 'zh-CN');
    const zhCnn = localizedTemplate(cnn, 'zh-CN');
    expect(zhDense.description).toContain(zhCnn.name);
    expect(zhCnn.description).toContain(zhDense.name);
    expect(zhDense.description).toContain(`${grouped(total('digits-dense'))} 个参数`);
    expect(zhCnn.description).toContain(`${grouped(total('digits-cnn'))} 个参数`);
    expect(localizedTemplate(info('mnist-cnn'), 'zh-CN').description).toContain(`${grouped(total('mnist-cnn'))} 个参数`);
    // The description's epoch count is the template's.
    for (const id of IMAGE_TEMPLATES) expect(info(id).description).toContain(`${template(id).training.epochs} epochs`);
  });
});

describe.each(IMAGE_TEMPLATES)('template %s', (id) => {
  it('loads, uses a built-in image set with a seed and a stratified split, and validates with no problem', () => {
    const project = template(id);
    const spec = project.dataset as ImagesDataset;
    expect(spec.kind).toBe('images');
    expect(spec.source.kind).toBe('builtin');
    const set = IMAGE_BUILTIN_SETS[spec.source.kind === 'builtin' ? spec.source.name : 'digits'];
    expect(project.graph.nodes.find((n) => n.type === 'Input')!.params.shape).toEqual([set.height, set.width, 1]);
    expect(project.training).toMatchObject({ splitMode: 'stratified', seed: 42, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    expect(validateGraph(project.graph, { data: imageDataInfo(spec), training: project.training })).toEqual([]);
  });
});

describeWithPython('image templates against real Keras 3 model.summary()', findKerasPython(), (python) => {
  it('every image template\'s summary (layer types, output shapes, parameter counts, totals) equals Keras 3\'s', () => {
    const cases = IMAGE_TEMPLATES.map((id) => {
      const plan = planGraph(template(id).graph);
      const [input, ...layers] = plan.nodes;
      return {
        id,
        input: (input.output.ok ? input.output.shape : []).slice(1),
        layers: layers.map((n) => pyCode(n.def!.code.python(n.params, n.tfjs!))),
      };
    });
    const run = spawnSync(python, [join(__dirname, '..', 'tools', 'keras_model_summary.py')], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { keras: string; models: Record<string, { rows: { type: string; shape: (number | null)[]; params: number }[]; total: number; trainable: number; summary: string }> };
    expect(result.keras).toMatch(/^3\./);
    for (const id of IMAGE_TEMPLATES) {
      const keras = result.models[id];
      const ours = summarize(template(id).graph);
      const rows = ours.rows.map((r) => ({ type: r.type, shape: r.outputShape, params: r.params }));
      expect(rows, keras.summary ?? JSON.stringify(keras)).toEqual(keras.rows);
      expect({ total: ours.totalParams, trainable: ours.trainableParams }).toEqual({ total: keras.total, trainable: keras.trainable });
    }
  }, 300_000);
});

describe('the digits CNN trains to what its description says', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('digits-cnn reaches validation accuracy ≥ 0.95 (the pair\'s dense half ≥ 0.95 too)', async () => {
    for (const id of ['digits-cnn', 'digits-dense']) {
      const { outcome, model } = await runProject(template(id));
      try {
        expect(outcome.reason).toBe('completed');
        expect(outcome.finalLogs.val_acc ?? outcome.finalLogs.val_accuracy, id).toBeGreaterThanOrEqual(0.95);
      } finally {
        disposeModel(model);
      }
    }
  }, 600_000);
});
