import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../shared/layers';
import { REGISTRY_MESSAGES_EN, layerDescriptionKey, paramHelpKey, paramLabelKey } from '../../../shared/layers/messages';
import { optimizerList } from '../../../shared/optimizers';
import { PARAM_MESSAGES_EN, paramFieldKey, validateParams } from '../../../shared/layers/params';
import { SHAPE_MESSAGES_EN } from '../../../shared/layers/shape-text';
import { GRAPH_PROBLEM_MESSAGES_EN } from '../../../shared/graph/problem-text';
import { chain, edge, node } from '../../../shared/graph/fixtures';
import type { Graph } from '../../../shared/graph/types';
import type { DataInfo } from '../../../shared/data/types';
import { builtinImagesSpec, imageDataInfo } from '../../../shared/data/images';
import type { TrainingSettings } from '../../../shared/project/schema';
import { canConnect, validateGraph } from '../../../shared/graph/validate';
import { inferShapes } from '../../../shared/graph/shapes';
import { DICTIONARIES, translator, type MessageKey } from './index';
import { en } from '../../../shared/i18n/en';
import { fixLabel, layerText, paramText, problemText } from '../lib/problemText';

// Issue 16 (trial 9, N1): in 简体中文 the inspector's layer descriptions, parameter names and help
// and the graph validation messages were English.

const zh = DICTIONARIES['zh-CN'] as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;
/** Labels that are names in every language (Keras and optimizer class names). */
const NAMES = new Set(['Adam', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax']);

describe('registry texts in zh-CN (issue 16)', () => {
  it('every layer label, description, param label and help, and every optimizer label and description, has a Chinese translation', () => {
    const keys = Object.keys(REGISTRY_MESSAGES_EN);
    const expected = LAYERS.reduce((n, def) => n + 2 + 2 * def.params.length, 0) + 2 * optimizerList().length;
    expect(keys).toHaveLength(expected);
    for (const key of keys) {
      expect(zh[key], key).toBeDefined();
      if (!NAMES.has(zh[key])) expect(zh[key], key).toMatch(CJK);
    }
  });

  it('English comes from the registry entries themselves (one copy)', () => {
    for (const def of LAYERS) {
      expect(en[layerDescriptionKey(def) as MessageKey]).toBe(def.description);
      for (const spec of def.params) {
        expect(en[paramLabelKey(def, spec) as MessageKey]).toBe(spec.label);
        expect(en[paramHelpKey(def, spec) as MessageKey]).toBe(spec.help);
      }
    }
  });

  it('Dense reads with the keras-cn terms, its type and Keras argument names kept', () => {
    const dense = LAYERS.find((d) => d.type === 'Dense')!;
    const t = translator('zh-CN');
    expect(layerText(dense, t).label).toBe('全连接层 (Dense)');
    const units = paramText(dense, dense.params.find((p) => p.name === 'units')!, t);
    expect(units.label).toBe('单元数 (units)');
    expect(paramText(dense, dense.params.find((p) => p.name === 'activation')!, t).label).toBe('激活函数 (activation)');
    const dropout = LAYERS.find((d) => d.type === 'Dropout')!;
    expect(paramText(dropout, dropout.params[0], t).label).toBe('丢弃率 (rate)');
    expect(layerText(dense, translator('en')).description).toBe(dense.description);
  });
});

describe('graph problems in zh-CN (issue 16)', () => {
  it('every graph problem and fix message has a Chinese translation with the same parameters', () => {
    for (const key of Object.keys(GRAPH_PROBLEM_MESSAGES_EN)) {
      expect(zh[key], key).toMatch(CJK);
    }
  });

  const broken: Graph[] = [
    { nodes: [], edges: [] },
    chain(node('d', 'Dense')),
    chain(node('in', 'Input', { shape: [1] })),
    { nodes: [node('in', 'Input', { shape: [1] }), node('a', 'Dense'), node('lost', 'Dense')], edges: [edge('in', 'a')] },
    { nodes: [node('in', 'Input', { shape: [1] }), node('a', 'Dense'), node('b', 'Dense'), node('c', 'Dense')], edges: [edge('in', 'a'), edge('a', 'b'), edge('b', 'a'), edge('in', 'c')] },
    chain(node('in', 'Input', { shape: [2] }), node('sum', 'Add'), node('out', 'Dense')),
    { nodes: [node('in', 'Input', { shape: [1] }), node('a', 'Dense'), node('b', 'Dense')], edges: [edge('in', 'a'), edge('in', 'b')] },
    { nodes: [node('in', 'Input', { shape: [1] }), node('in2', 'Input', { shape: [1] }), node('a', 'Dense')], edges: [edge('in', 'a'), { id: 'e9', source: 'ghost', target: 'a' }] },
  ];

  it('structural problems carry a message id found in both dictionaries, and render in English exactly as their message', () => {
    const seen = new Set<string>();
    for (const graph of broken) {
      for (const p of validateGraph(graph)) {
        if (p.code === 'shape-mismatch' || p.code === 'invalid-param') continue;
        expect(p.messageId, `${p.code}: ${p.message}`).toBeDefined();
        seen.add(p.code);
        expect(zh[p.messageId!], p.messageId).toMatch(CJK);
        expect(problemText(p, translator('en'))).toBe(p.message);
        if (p.fix) expect(fixLabel(p.fix, translator('en'))).toBe(p.fix.label);
      }
    }
    expect([...seen].sort()).toEqual(['arity', 'cycle', 'dangling-edge', 'disconnected', 'multiple-inputs', 'multiple-outputs', 'no-input', 'no-output']);
  });

  it('problems against the data and the loss carry a message id too, English unchanged', () => {
    const settings = (loss: string, metrics: string[] = []) => ({ optimizer: { type: 'adam', learningRate: 0.01 }, loss, metrics, epochs: 10, batchSize: 32, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 }) as unknown as TrainingSettings;
    const regression: DataInfo = { numFeatures: 1, task: 'regression', labelEncoding: 'value', labelWidth: 1, featureNames: ['x'] };
    const classes: DataInfo = { numFeatures: 2, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: 3, featureNames: ['x', 'y'] };
    const oneHot: DataInfo = { ...classes, labelEncoding: 'onehot', labelWidth: 3 };
    const model = (units: number, activation: string, inputs = 2) => chain(node('in', 'Input', { shape: [inputs] }), node('out', 'Dense', { units, activation }));
    const cases: [Graph, DataInfo, TrainingSettings][] = [
      [model(1, 'softmax', 3), regression, settings('meanSquaredError')],
      [model(2, 'sigmoid', 1), regression, settings('categoricalCrossentropy')],
      [model(10, 'linear'), classes, settings('meanSquaredError', ['mae'])],
      [model(3, 'sigmoid'), classes, settings('sparseCategoricalCrossentropy', ['mae', 'mse'])],
      [model(3, 'softmax'), oneHot, settings('sparseCategoricalCrossentropy')],
      [model(3, 'softmax'), classes, settings('categoricalCrossentropy')],
      [model(3, 'softmax'), classes, settings('binaryCrossentropy')],
      [model(1, 'softmax'), classes, settings('meanSquaredError')],
    ];
    const seen = new Set<string>();
    for (const [graph, data, training] of cases) {
      for (const p of validateGraph(graph, { data, training })) {
        expect(p.messageId, `${p.code}: ${p.message}`).toBeDefined();
        seen.add(p.code);
        expect(zh[p.messageId!], p.messageId).toMatch(CJK);
        expect(problemText(p, translator('en'))).toBe(p.message);
        expect(problemText(p, translator('zh-CN'))).toMatch(CJK);
        if (p.fix) {
          expect(fixLabel(p.fix, translator('en'))).toBe(p.fix.label);
          expect(fixLabel(p.fix, translator('zh-CN'))).toMatch(CJK);
        }
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  it('renders the problems a learner meets in lesson 1 in Chinese', () => {
    const t = translator('zh-CN');
    const lone = validateGraph({ nodes: [node('in', 'Input', { shape: [1] }), node('d', 'Dense')], edges: [] });
    const dense = lone.find((p) => p.nodeId === 'd')!;
    expect(dense.message).toBe('Dense is not connected to the Input, so no data reaches it. Connect it or delete it.');
    expect(problemText(dense, t)).toBe('Dense 没有连接到 Input，没有数据能到达它。请连接或删除它。');
    expect(problemText(validateGraph({ nodes: [], edges: [] })[0], t)).toBe('模型是空的。把一个 Input（输入层）拖到画布上开始。');
    const add = validateGraph(chain(node('in', 'Input', { shape: [2] }), node('sum', 'Add'), node('out', 'Dense'))).find((p) => p.code === 'arity')!;
    expect(problemText(add, t)).toBe('Add 至少需要 2 个输入；它现在有 1 个。');
    expect(problemText(add, translator('en'))).toBe('Add takes at least 2 inputs; it has 1.');
  });

  it('an output that keeps the image axes names the labels in Chinese (a nested message)', () => {
    const digits = imageDataInfo(builtinImagesSpec('digits'));
    const training = { loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] } as unknown as TrainingSettings;
    const convLast = validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('out', 'Conv2D', { filters: 10, activation: 'softmax' })), { data: digits, training });
    const error = convLast.find((p) => p.code === 'output-keeps-axes')!;
    expect(problemText(error, translator('en'))).toBe(error.message);
    expect(problemText(error, translator('zh-CN'))).toBe(
      '模型的输出形状为 (None, 6, 6, 10)，但标签是每幅图像一个类别编号，因此输出形状必须是 (None, 10)。请在 Conv2D 之后添加一个 Flatten（或 GlobalAveragePooling2D）和一个 Dense 层。',
    );
  });

  it('a refused connection is worded in Chinese', () => {
    const graph = chain(node('in', 'Input', { shape: [1] }), node('a', 'Dense'));
    const verdict = canConnect({ ...graph, nodes: [...graph.nodes, node('b', 'Dense')] }, 'b', 'in');
    if (verdict.ok) throw new Error('expected a refusal');
    expect(problemText({ message: verdict.reason, messageId: verdict.messageId, params: verdict.params }, translator('en'))).toBe(verdict.reason);
    expect(problemText({ message: verdict.reason, messageId: verdict.messageId, params: verdict.params }, translator('zh-CN'))).toBe('Input 是数据进入模型的地方，不能有连接进入它。');
  });

  it('fix labels render in Chinese from their data', () => {
    const t = translator('zh-CN');
    const data = { numFeatures: 3, task: 'regression' as const, labelEncoding: 'value' as const, labelWidth: 1, featureNames: ['a', 'b', 'c'] };
    const problems = validateGraph(chain(node('in', 'Input', { shape: [1] }), node('out', 'Dense', { units: 1 })), { data });
    const input = problems.find((p) => p.code === 'input-vs-features')!;
    expect(input.fix!.label).toBe('Set the Input shape to [3]');
    expect(fixLabel(input.fix!, t)).toBe('把 Input 的形状设为 [3]');
  });
});

// Issue 16 (part 2): parameter-value errors ("Dense units must be a whole number…") were English
// in 简体中文, in the inspector and as `invalid-param` graph problems.
describe('parameter-value errors in zh-CN (issue 16)', () => {
  it('every parameter message has a Chinese translation', () => {
    for (const key of Object.keys(PARAM_MESSAGES_EN)) expect(zh[key], key).toMatch(CJK);
    // Each param's name inside the sentence: its Chinese label, one translation with the inspector's.
    for (const def of LAYERS) for (const spec of def.params) expect(zh[paramFieldKey(def, spec)], spec.name).toBe(zh[paramLabelKey(def, spec)]);
  });

  it('every kind of bad value carries a message id and renders in English exactly as its message, in Chinese in Chinese', () => {
    const bad: [string, Record<string, unknown>][] = [
      ['Dense', { units: 0 }],
      ['Dense', { units: 2.5 }],
      ['Dropout', { rate: 1 }],
      ['Dropout', { rate: Number.NaN }],
      ['Dense', { activation: 'nope' }],
      ['Dense', { useBias: 'yes' }],
      ['Input', { shape: [0] }],
      ['Reshape', { targetShape: [-1, -1] }],
    ];
    let checked = 0;
    for (const [type, params] of bad) {
      const def = LAYERS.find((d) => d.type === type)!;
      for (const p of validateParams(def, params)) {
        checked++;
        expect(p.messageId, p.message).toBeDefined();
        expect(problemText(p, translator('en'))).toBe(p.message);
        expect(problemText(p, translator('zh-CN')), p.message).toMatch(CJK);
        expect(problemText(p, translator('zh-CN'))).not.toMatch(/must be|whole number|got|not a number/);
      }
    }
    expect(checked).toBe(bad.length);
  });

  it('Dense units = 0 reads in Chinese, in the inspector and as a graph problem', () => {
    const dense = LAYERS.find((d) => d.type === 'Dense')!;
    const [p] = validateParams(dense, { units: 0 });
    expect(p.message).toBe('Dense units must be a whole number between 1 and 100000; got 0.');
    expect(problemText(p, translator('zh-CN'))).toBe('Dense 的单元数 (units) 必须是介于 1 到 100000 之间的整数；现在是 0。');
    const graphProblem = validateGraph(chain(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 0 }))).find((q) => q.code === 'invalid-param')!;
    expect(graphProblem.message).toBe(p.message);
    expect(problemText(graphProblem, translator('zh-CN'))).toBe('Dense 的单元数 (units) 必须是介于 1 到 100000 之间的整数；现在是 0。');
  });
});

// Issue 16 (part 2): shape-mismatch problems ("Conv2D needs an image input…", "The Flatten
// before it…") were English in 简体中文.
describe('shape-mismatch problems in zh-CN (issue 16)', () => {
  it('every shape message has a Chinese translation', () => {
    for (const key of Object.keys(SHAPE_MESSAGES_EN)) expect(zh[key], key).toMatch(CJK);
  });

  const graphs: Graph[] = [
    chain(node('in', 'Input', { shape: [64] }), node('conv', 'Conv2D')),
    chain(node('in', 'Input', { shape: [64] }), node('conv', 'Conv1D')),
    chain(node('in', 'Input', { shape: [20, 3] }), node('conv', 'Conv2D')),
    chain(node('in', 'Input', { shape: [8, 8, 1] }), node('conv', 'Conv1D')),
    chain(node('in', 'Input', { shape: [8, 8, 1] }), node('flat', 'Flatten'), node('conv', 'Conv2D')),
    chain(node('in', 'Input', { shape: [20, 3] }), node('flat', 'Flatten'), node('conv', 'MaxPooling1D')),
    chain(node('in', 'Input', { shape: [4] }), node('d', 'Dense'), node('conv', 'Conv2D')),
    chain(node('in', 'Input', { shape: [2, 2, 1] }), node('conv', 'Conv2D', { kernelSize: [3, 3] })),
    chain(node('in', 'Input', { shape: [2, 2, 1] }), node('pool', 'MaxPooling2D', { poolSize: [3, 3] })),
    chain(node('in', 'Input', { shape: [6] }), node('r', 'Reshape', { targetShape: [4, -1] })),
    chain(node('in', 'Input', { shape: [6] }), node('r', 'Reshape', { targetShape: [4] })),
    { nodes: [node('in', 'Input', { shape: [3] }), node('a', 'Dense', { units: 3 }), node('b', 'Dense', { units: 4 }), node('sum', 'Add'), node('out', 'Dense')], edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum'), edge('b', 'sum'), edge('sum', 'out')] },
    { nodes: [node('in', 'Input', { shape: [3] }), node('a', 'Dense', { units: 3 }), node('b', 'Reshape', { targetShape: [3, 1] }), node('cat', 'Concatenate'), node('out', 'Dense')], edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'cat'), edge('b', 'cat'), edge('cat', 'out')] },
  ];

  it('each carries a message id, renders in English exactly as its message and in Chinese without the English sentence', () => {
    const seen = new Set<string>();
    for (const graph of graphs) {
      const problems = validateGraph(graph).filter((p) => p.code === 'shape-mismatch');
      expect(problems.length, JSON.stringify(graph.nodes.map((n) => n.type))).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.messageId, p.message).toBeDefined();
        seen.add(p.messageId!);
        expect(problemText(p, translator('en'))).toBe(p.message);
        const chinese = problemText(p, translator('zh-CN'));
        expect(chinese, p.message).toMatch(CJK);
        expect(chinese).not.toMatch(/ needs | must | before it|does not fit|got /);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  it('an image layer after a Flatten names the Flatten in Chinese, its fix too', () => {
    const p = validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('flat', 'Flatten'), node('conv', 'Conv2D'))).find((q) => q.code === 'shape-mismatch')!;
    expect(p.message).toBe('Conv2D needs an image input shaped (batch, height, width, channels); got (None, 64). The Flatten before it turns the image into a flat row: remove it (Flatten goes after the image layers).');
    expect(problemText(p, translator('zh-CN'))).toBe('Conv2D 需要形状为 (batch, height, width, channels) 的图像输入；现在是 (None, 64)。它前面的 Flatten 把图像变成了一行扁平的数：请删除它（Flatten 应放在图像层之后）。');
    expect(fixLabel(p.fix!, translator('zh-CN'))).toMatch(CJK);
  });

  it('a shape that cannot be worked out (a loop, a bad input before it) reads in Chinese in the inspector', () => {
    const graph: Graph = { nodes: [node('in', 'Input', { shape: [1] }), node('a', 'Dense'), node('b', 'Dense')], edges: [edge('in', 'a'), edge('a', 'b'), edge('b', 'a')] };
    const shape = inferShapes(graph).get('a')!;
    if (shape.ok) throw new Error('expected no shape');
    expect(problemText(shape, translator('en'))).toBe('This layer is part of a loop (or fed by one), so its shape cannot be worked out.');
    expect(problemText(shape, translator('zh-CN'))).toBe('这个层处在一个环路中（或由环路供给数据），因此无法推算它的形状。');
    const after = inferShapes(chain(node('in', 'Input', { shape: [4] }), node('conv', 'Conv2D'), node('out', 'Dense'))).get('out')!;
    if (after.ok) throw new Error('expected no shape');
    expect(problemText(after, translator('zh-CN'))).toBe('这个层的某个输入没有有效的形状；请先修正它前面的层。');
    // The canvas' shape tooltip of a Dense with no input (the zh-CN crawl found it English).
    const lonely = inferShapes({ nodes: [node('in', 'Input', { shape: [4] }), node('d', 'Dense')], edges: [] }).get('d')!;
    if (lonely.ok) throw new Error('expected no shape');
    expect(problemText(lonely, translator('en'))).toBe(lonely.message);
    expect(problemText(lonely, translator('zh-CN'))).toMatch(CJK);
  });
});
