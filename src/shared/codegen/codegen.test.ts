import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../data/generators';
import { splitRows } from '../data/split';
import { planCount } from '../graph/plan';
import { summarize } from '../graph/summary';
import { parseProject } from '../project/load';
import type { GeneratorDataset, Project } from '../project/schema';
import { CodegenError, toKerasPython, toTfjsTypeScript } from './index';
import { LAYERS, resolveParams } from '../layers';
import type { LayerDefinition, LayerExample } from '../layers/types';
import type { GraphNode } from '../graph/types';
import { pyCode } from './literals';
import { learningRateAt } from '../training/lr-schedule';
import { itWithPython } from '../../../test/tools/python';
import { findKerasPython } from '../../../test/tools/keras-python';

const root = join(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'neurite-codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function load(path: string): Project {
  const result = parseProject(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

const templates = readdirSync(join(root, 'resources/templates'))
  .filter((f) => f.endsWith('.neurite'))
  .map((f) => ({ name: f, project: load(join(root, 'resources/templates', f)) }))
  // Image templates (issue 14) export their images beside the script: test/integration/image-codegen.test.ts checks them.
  .filter((t) => t.project.dataset.kind !== 'images');

/** Branches, merges and every layer type, so the functional code path is exercised. */
const functional: Project = {
  ...templates[0].project,
  name: 'every layer "quoted"',
  graph: {
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } },
      { id: 'a', type: 'Dense', params: { units: 6, activation: 'relu', l2: 0.01 }, position: { x: 0, y: 0 } },
      { id: 'b', type: 'Dense', params: { units: 6, activation: 'hardSigmoid', kernelInitializer: 'leCunNormal' }, position: { x: 0, y: 0 } },
      { id: 'sum', type: 'Add', params: {}, position: { x: 0, y: 0 } },
      { id: 'act', type: 'Activation', params: { activation: 'leakyRelu', alpha: 0.2 }, position: { x: 0, y: 0 } },
      { id: 'bn', type: 'BatchNormalization', params: {}, position: { x: 0, y: 0 } },
      { id: 'rs', type: 'Reshape', params: { targetShape: [3, -1] }, position: { x: 0, y: 0 } },
      { id: 'fl', type: 'Flatten', params: {}, position: { x: 0, y: 0 } },
      { id: 'cat', type: 'Concatenate', params: { axis: -1 }, position: { x: 0, y: 0 } },
      { id: 'dr', type: 'Dropout', params: { rate: 0.25 }, position: { x: 0, y: 0 } },
      { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 0 } },
    ],
    edges: [
      ['in', 'a'], ['in', 'b'], ['a', 'sum'], ['b', 'sum'], ['sum', 'act'], ['act', 'bn'], ['bn', 'rs'], ['rs', 'fl'], ['fl', 'cat'], ['in', 'cat'], ['cat', 'dr'], ['dr', 'out'],
    ].map(([source, target], i) => ({ id: `e${i}`, source, target })),
  },
  training: { ...templates[0].project.training, optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.8, nesterov: true }, loss: 'huberLoss', metrics: ['mae'] },
  dataset: { kind: 'generator', generator: 'spirals', seed: 9, samples: 64, noise: 0.2 },
};

const cases = [...templates, { name: 'functional', project: functional }];

function runTypeScript(project: Project, args: string[], env: Record<string, string> = {}): Record<string, unknown>[] {
  const source = toTfjsTypeScript(project);
  const { outputText, diagnostics } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true }, reportDiagnostics: true });
  expect(diagnostics ?? []).toEqual([]);
  const file = join(work, `${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, outputText);
  const out = execFileSync(process.execPath, [file, ...args], { env: { ...process.env, NODE_PATH: join(root, 'node_modules'), ...env }, encoding: 'utf8', timeout: 120_000 });
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function sums(spec: GeneratorDataset): { xsum: number; ysum: number; rows: number; first: number[] } {
  const d = generateDataset(spec);
  let xsum = 0;
  let ysum = 0;
  for (const v of d.x) xsum += v;
  for (const v of d.y) ysum += v;
  // The first row: the same rows in the same (shuffled) order, not only the same sums.
  return { xsum, ysum, rows: d.rows, first: Array.from(d.x.subarray(0, d.numFeatures)) };
}

describe('generated TypeScript (tfjs)', () => {
  it('typechecks as a strict TypeScript file', () => {
    const source = toTfjsTypeScript(functional);
    const host = ts.createCompilerHost({});
    const file = join(work, 'check.ts');
    writeFileSync(file, source);
    const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, types: ['node'], typeRoots: [join(root, 'node_modules/@types')], baseUrl: root, paths: { '@tensorflow/tfjs': [join(root, 'node_modules/@tensorflow/tfjs')] }, skipLibCheck: true }, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  for (const { name, project } of cases) {
    it(`${name}: builds the same parameter count and the same data as the app`, () => {
      const [built] = runTypeScript(project, ['--check']);
      expect(built.event).toBe('built');
      expect(built.params).toBe(summarize(project.graph).totalParams);
      const want = sums(project.dataset as GeneratorDataset);
      expect(built.rows).toBe(want.rows);
      expect(built.xsum).toBe(want.xsum);
      expect(built.ysum).toBe(want.ysum);
      expect(built.first).toEqual(want.first);
    });
  }

  it('trains (one epoch) and reports epoch logs', () => {
    const lines = runTypeScript(functional, [], { EPOCHS: '1' });
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['built', 'epoch', 'done']));
    const epoch = lines.find((l) => l.event === 'epoch') as { logs: Record<string, number> };
    expect(Number.isFinite(epoch.logs.loss)).toBe(true);
  });
});

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;
const hasNumpy = python !== null && spawnSync(python, ['-c', 'import numpy']).status === 0;

describe.skipIf(!python)('generated Python (Keras)', () => {
  for (const { name, project } of cases) {
    it(`${name}: compiles (py_compile)`, () => {
      const file = join(work, `${name.replace(/\W/g, '_')}.py`);
      writeFileSync(file, toKerasPython(project));
      const result = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    it.skipIf(!hasNumpy)(`${name}: makes the same data as the app (numpy, --check)`, () => {
      const file = join(work, `${name.replace(/\W/g, '_')}_data.py`);
      writeFileSync(file, toKerasPython(project));
      const out = execFileSync(python!, [file, '--check'], { encoding: 'utf8', timeout: 120_000 });
      const data = JSON.parse(out.trim().split('\n').pop()!) as { rows: number; xsum: number; ysum: number };
      const want = sums(project.dataset as GeneratorDataset);
      expect(data.rows).toBe(want.rows);
      // numpy sums float32 pairwise, the app sequentially; libm may differ in the last bit.
      expect(Math.abs(data.xsum - want.xsum)).toBeLessThan(1e-6 * Math.max(1, Math.abs(want.xsum)) + 1e-3);
      expect(data.ysum).toBe(want.ysum);
      (data as unknown as { first: number[] }).first.forEach((v, i) => expect(v).toBeCloseTo(want.first[i], 5));
    });
  }

  it('names each layer and the compile settings as Keras spells them', () => {
    const code = toKerasPython(functional);
    expect(code).toContain('layers.LeakyReLU(negative_slope=0.2, name="activation_act")');
    expect(code).toContain('activation="hard_sigmoid"');
    expect(code).toContain('kernel_initializer="lecun_normal"');
    expect(code).toContain('regularizers.L1L2(l1=0, l2=0.01)');
    expect(code).toContain('keras.optimizers.SGD(learning_rate=0.05, momentum=0.8, nesterov=True)');
    expect(code).toContain('loss=keras.losses.Huber(delta=1.0)');
    expect(code).toContain('layers.Reshape((3, 2), name="reshape_rs")');
  });
});

describe('refusals', () => {
  it('refuses a graph with an unknown layer, naming the node and type', () => {
    const broken: Project = { ...functional, graph: { ...functional.graph, nodes: functional.graph.nodes.map((n) => (n.id === 'bn' ? { ...n, type: 'Conv7D' } : n)) } };
    expect(() => toKerasPython(broken)).toThrow(CodegenError);
    expect(() => toTfjsTypeScript(broken)).toThrow(/"Conv7D".*\(node bn\)/s);
  });
});

describe('generated scripts hold out the rows the app holds out (issue 9)', () => {
  const circles = templates.find((t) => t.name === 'playground-circles.neurite')!.project;
  const variants: { name: string; project: Project }[] = (['end', 'shuffle', 'stratified'] as const).map((splitMode) => ({
    name: splitMode,
    project: { ...circles, training: { ...circles.training, splitMode, validationSplit: 0.2, testSplit: 0.1, seed: 11 } },
  }));
  // One sigmoid unit under binary crossentropy: the scripts feed the class-1 column, as the app does.
  const output = circles.graph.nodes.find((n) => n.id === 'output')!;
  variants.push({
    name: 'binary',
    project: {
      ...circles,
      graph: { ...circles.graph, nodes: circles.graph.nodes.map((n) => (n === output ? { ...n, params: { ...n.params, units: 1, activation: 'sigmoid' } } : n)) },
      training: { ...circles.training, loss: 'binaryCrossentropy', splitMode: 'stratified', validationSplit: 0.25, testSplit: 0, seed: 3 },
    },
  });

  const appSplit = (project: Project) => {
    const data = generateDataset(project.dataset as GeneratorDataset);
    const split = splitRows(data, project.training);
    return { train: split.train.length, validation: Array.from(split.validation), test: Array.from(split.test) };
  };

  for (const { name, project } of variants) {
    it(`${name}: the TypeScript script's split and label width are the app's`, () => {
      const [built] = runTypeScript(project, ['--check']);
      expect(built.split).toEqual(appSplit(project));
      expect(built.labelWidth).toBe(name === 'binary' ? 1 : 2);
    });

    it.skipIf(!hasNumpy)(`${name}: the Python script's split and label width are the app's`, () => {
      const file = join(work, `split_${name}.py`);
      writeFileSync(file, toKerasPython(project));
      const out = execFileSync(python!, [file, '--check'], { encoding: 'utf8', timeout: 120_000 });
      const data = JSON.parse(out.trim().split('\n').pop()!) as { split: unknown; labelWidth: number };
      expect(data.split).toEqual(appSplit(project));
      expect(data.labelWidth).toBe(name === 'binary' ? 1 : 2);
    });
  }
});

/**
 * Every layer example of the registry (src/shared/layers/<layer>.ts `examples`) in a graph of its
 * own: the layer fed from one Input, directly, or for several inputs through a Dense and a Reshape
 * per input shape (a model has one Input); an Input example feeds a Dropout.
 */
function exampleProject(def: LayerDefinition, example: LayerExample, index: number): Project {
  const node = (id: string, type: string, params: Record<string, unknown>): GraphNode => ({ id, type, params, position: { x: 0, y: 0 } });
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  if (def.role === 'input') {
    nodes.push(node('probe', def.type, example.params), node('after', 'Dropout', {}));
    edges.push(['probe', 'after']);
  } else if (example.inputs.length === 1) {
    nodes.push(node('in', 'Input', { shape: example.inputs[0].slice(1) }), node('probe', def.type, example.params));
    edges.push(['in', 'probe']);
  } else {
    nodes.push(node('in', 'Input', { shape: [1] }), node('probe', def.type, example.params));
    example.inputs.forEach((shape, i) => {
      const dims = shape.slice(1) as number[];
      nodes.push(node(`d${i}`, 'Dense', { units: dims.reduce((a, b) => a * b, 1) }), node(`r${i}`, 'Reshape', { targetShape: dims }));
      edges.push(['in', `d${i}`], [`d${i}`, `r${i}`], [`r${i}`, 'probe']);
    });
  }
  return {
    ...templates[0].project,
    name: `${def.type} example ${index}`,
    graph: { nodes, edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })) },
    training: { ...templates[0].project.training, loss: 'meanSquaredError', metrics: [] },
    dataset: { kind: 'generator', generator: 'linear', seed: 1, samples: 4 },
  };
}

const examples = LAYERS.flatMap((def) => def.examples.map((example, i) => ({ def, example, name: `${def.type} example ${i} ${JSON.stringify(example.params)}`, project: exampleProject(def, example, i) })));

describe('generated code for every layer of the registry', () => {
  it('covers every layer, each with its defaults', () => {
    expect(new Set(examples.map((e) => e.def.type))).toEqual(new Set(LAYERS.map((d) => d.type)));
  });

  it('TypeScript: each example transpiles and builds, in tfjs, the parameter count the app shows', () => {
    const files = examples.map(({ project }, i) => {
      const { outputText, diagnostics } = ts.transpileModule(toTfjsTypeScript(project), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true }, reportDiagnostics: true });
      expect(diagnostics ?? [], project.name).toEqual([]);
      const file = join(work, `layer_example_${i}.cjs`);
      writeFileSync(file, outputText);
      return file;
    });
    // One Node process for all examples: each script builds its model and prints "built" synchronously under --check.
    const runner = join(work, 'layer_examples_runner.cjs');
    writeFileSync(runner, `for (const f of ${JSON.stringify(files)}) { console.log(JSON.stringify({ event: 'file', f })); require(f); }\n`);
    const run = spawnSync(process.execPath, [runner, '--check'], { env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, encoding: 'utf8', timeout: 300_000 });
    const built = new Map<string, number>();
    let current = '';
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const event = JSON.parse(line) as { event: string; f?: string; params?: number };
      if (event.event === 'file') current = event.f!;
      else if (event.event === 'built') built.set(current, event.params!);
    }
    examples.forEach(({ name, project }, i) => expect(built.get(files[i]), `${name}\n${run.stderr}`).toBe(summarize(project.graph).totalParams));
  });

  it.skipIf(!python)('Python: each layer expression is a valid Python expression and is what the script writes (skipped when python3 is not installed)', () => {
    const expressions = examples.map(({ def, example }) => {
      const params = resolveParams(def, example.params);
      const expr = pyCode(def.code.python(params, def.toTfjs(params, example.inputs)));
      return expr;
    });
    examples.forEach(({ project }, i) => expect(toKerasPython(project)).toContain(expressions[i].replace(/\)$/, '')));
    const check = spawnSync(python!, ['-c', 'import ast, json, sys\nfor e in json.load(sys.stdin):\n    ast.parse(e, mode="eval")\nprint("ok")'], { input: JSON.stringify(expressions), encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('ok');
    const scripts = examples.map(({ project }) => toKerasPython(project));
    const whole = spawnSync(python!, ['-c', 'import ast, json, sys\nfor s in json.load(sys.stdin):\n    ast.parse(s)\nprint("ok")'], { input: JSON.stringify(scripts), encoding: 'utf8' });
    expect(whole.stderr).toBe('');
    expect(whole.stdout.trim()).toBe('ok');
  });
});

describe('the generators read one plan', () => {
  it('plans the graph once per generated script (layers and split alike)', () => {
    for (const generate of [toKerasPython, toTfjsTypeScript]) {
      const start = planCount();
      generate(functional);
      expect(planCount() - start, generate.name).toBe(1);
    }
  });
});

describe('early stopping in the exported scripts (issue 15)', () => {
  const circles = templates.find((t) => t.name === 'playground-circles.neurite')!.project;
  // min_delta 10: nothing after the first epoch improves on it by that much, so Keras' rule stops after epoch 2 (index 1).
  const stopping: Project = { ...circles, training: { ...circles.training, validationSplit: 0.2, earlyStopping: { monitor: 'val_loss', patience: 0, minDelta: 10, mode: 'auto', restoreBestWeights: true } } };

  it('Python passes keras.callbacks.EarlyStopping with the settings to fit, and nothing without them', () => {
    expect(toKerasPython(stopping)).toContain(
      'shuffle=True, callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=0, min_delta=10, mode="auto", restore_best_weights=True)])',
    );
    expect(toKerasPython(circles)).not.toContain('EarlyStopping');
  });

  itWithPython(
    'the Python script stops where the rule says when Keras runs it',
    findKerasPython(),
    (py) => {
      const file = join(work, 'early_stopping.py');
      writeFileSync(file, toKerasPython(stopping));
      const out = execFileSync(py, [file], { cwd: work, encoding: 'utf8', timeout: 240_000, env: { ...process.env, EPOCHS: '20', TF_CPP_MIN_LOG_LEVEL: '3' } });
      const done = out.split('\n').filter((l) => l.startsWith('{"event": "done"')).map((l) => JSON.parse(l) as { history: Record<string, number[]> })[0];
      expect(done.history.val_loss).toHaveLength(2);
    },
    240_000,
  );

  it('the TypeScript script typechecks and stops where the rule says (its own callback, Keras rule)', () => {
    const source = toTfjsTypeScript(stopping);
    const file = join(work, 'es-check.ts');
    writeFileSync(file, source);
    const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, types: ['node'], typeRoots: [join(root, 'node_modules/@types')], baseUrl: root, paths: { '@tensorflow/tfjs': [join(root, 'node_modules/@tensorflow/tfjs')] }, skipLibCheck: true }, ts.createCompilerHost({}));
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const lines = runTypeScript(stopping, [], { EPOCHS: '20' });
    expect(lines.filter((l) => l.event === 'epoch')).toHaveLength(2);
    expect(lines.find((l) => l.event === 'early-stopping')).toEqual({ event: 'early-stopping', epoch: 1 });
  });
});

describe('reduce-on-plateau, schedules and keep-best in the exported scripts (issue 15)', () => {
  const circles = templates.find((t) => t.name === 'playground-circles.neurite')!.project;
  const schedule = { kind: 'step' as const, factor: 0.5, everyEpochs: 1, warmupSteps: 3 };
  // min_delta 100: no epoch after the first improves, so with patience 0 the rate halves after epochs 2, 3, ... (Keras' rule).
  const plateau = { monitor: 'val_loss', factor: 0.5, patience: 0, mode: 'auto' as const, minDelta: 100, cooldown: 0, minLr: 0 };
  const withCallbacks = (extra: Partial<Project['training']>): Project => ({ ...circles, training: { ...circles.training, validationSplit: 0.2, ...extra } });
  const scheduled = withCallbacks({ lrSchedule: schedule, keepBest: { monitor: 'val_loss', mode: 'auto' } });
  const reducing = withCallbacks({ reduceLrOnPlateau: plateau });

  it('Python passes Keras 3 ReduceLROnPlateau and ModelCheckpoint to fit, the schedule as the optimizer\'s learning_rate, and loads the best checkpoint after fit', () => {
    const py = toKerasPython(scheduled);
    expect(py).toContain('learning_rate=learning_rate_schedule(steps_per_epoch)');
    expect(py).toContain('class LinearWarmup(keras.optimizers.schedules.LearningRateSchedule)');
    expect(py).toContain(`decay_steps=1 * steps_per_epoch, decay_rate=0.5, staircase=True`);
    expect(py).toContain('callbacks=[keras.callbacks.ModelCheckpoint("best.weights.h5", monitor="val_loss", mode="auto", save_best_only=True, save_weights_only=True)]');
    expect(py).toContain('    model.load_weights("best.weights.h5")');
    expect(toKerasPython(reducing)).toContain(
      'callbacks=[keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=0, mode="auto", min_delta=100, cooldown=0, min_lr=0)]',
    );
    const cosine = toKerasPython(withCallbacks({ lrSchedule: { kind: 'cosine', decaySteps: 50, alpha: 0.1, warmupSteps: 10 } }));
    expect(cosine).toContain(`keras.optimizers.schedules.CosineDecay(0.0, decay_steps=50, alpha=0.1, warmup_target=${circles.training.optimizer.learningRate}, warmup_steps=10)`);
    expect(cosine).not.toContain('LinearWarmup');
    expect(toKerasPython(circles)).not.toMatch(/ReduceLROnPlateau|ModelCheckpoint|learning_rate_schedule/);
  });

  itWithPython(
    'the Python script trains with them when Keras runs it: learning_rate in the history halves as the rule says, the best checkpoint loads',
    findKerasPython(),
    (py) => {
      const file = join(work, 'callbacks.py');
      writeFileSync(file, toKerasPython(withCallbacks({ reduceLrOnPlateau: plateau, keepBest: { monitor: 'val_loss', mode: 'auto' } })));
      const out = execFileSync(py, [file], { cwd: work, encoding: 'utf8', timeout: 240_000, env: { ...process.env, EPOCHS: '4', TF_CPP_MIN_LOG_LEVEL: '3' } });
      const done = out.split('\n').filter((l) => l.startsWith('{"event": "done"')).map((l) => JSON.parse(l) as { history: Record<string, number[]> })[0];
      const lr = Math.fround(circles.training.optimizer.learningRate);
      expect(done.history.learning_rate).toEqual([lr, lr, Math.fround(lr / 2), Math.fround(lr / 4)]);
      // The scheduled script runs too (LinearWarmup around ExponentialDecay as the optimizer's rate).
      writeFileSync(file, toKerasPython(scheduled));
      execFileSync(py, [file], { cwd: work, encoding: 'utf8', timeout: 240_000, env: { ...process.env, EPOCHS: '2', TF_CPP_MIN_LOG_LEVEL: '3' } });
    },
    300_000,
  );

  it('the TypeScript script typechecks, trains each step with the app\'s rate, reduces as the rule says and ends with the best epoch\'s weights', () => {
    const both = withCallbacks({ lrSchedule: schedule, keepBest: { monitor: 'val_loss', mode: 'auto' }, earlyStopping: { monitor: 'val_loss', patience: 5, minDelta: 0, mode: 'auto', restoreBestWeights: false } });
    for (const project of [both, reducing]) {
      const file = join(work, 'cb-check.ts');
      writeFileSync(file, toTfjsTypeScript(project));
      const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, types: ['node'], typeRoots: [join(root, 'node_modules/@types')], baseUrl: root, paths: { '@tensorflow/tfjs': [join(root, 'node_modules/@tensorflow/tfjs')] }, skipLibCheck: true }, ts.createCompilerHost({}));
      expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    }
    const lines = runTypeScript(both, [], { EPOCHS: '3' });
    const rows = splitRows(generateDataset(circles.dataset as GeneratorDataset), { ...circles.training, validationSplit: 0.2 }).train.length;
    const stepsPerEpoch = Math.ceil(rows / circles.training.batchSize);
    const rates = lines.filter((l) => l.event === 'lr') as { epoch: number; step: number; lr: number }[];
    expect(rates.map((r) => r.step)).toEqual([0, stepsPerEpoch, 2 * stepsPerEpoch]);
    for (const r of rates) expect(r.lr).toBe(learningRateAt(schedule, circles.training.optimizer.learningRate, r.step, stepsPerEpoch));
    const epochs = lines.filter((l) => l.event === 'epoch') as { logs: Record<string, number> }[];
    const losses = epochs.map((e) => e.logs.val_loss);
    expect(lines.find((l) => l.event === 'keep-best')).toEqual({ event: 'keep-best', epoch: losses.indexOf(Math.min(...losses)) });

    const reduced = runTypeScript(reducing, [], { EPOCHS: '4' });
    const lr = Math.fround(circles.training.optimizer.learningRate);
    expect((reduced.filter((l) => l.event === 'epoch') as { logs: Record<string, number> }[]).map((e) => e.logs.learning_rate)).toEqual([lr, lr, Math.fround(lr / 2), Math.fround(lr / 4)]);
  });
});
