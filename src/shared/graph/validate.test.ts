import { describe, expect, it } from 'vitest';
import type { GraphProblem } from '../api/contract';
import type { DataInfo } from '../data/types';
import { LOSSES, type LossName, type TrainingSettings } from '../project/schema';
import { applyFix, FixActionSchema } from './fixes';
import { chain, edge, node, tutorialClassifier, tutorialLinear } from './fixtures';
import type { Graph } from './types';
import { canConnect, validateGraph } from './validate';
import { generatorInfo } from '../data/generators';

const codes = (problems: GraphProblem[]) => problems.map((p) => p.code);

function training(loss: LossName): TrainingSettings {
  return { optimizer: { type: 'adam', learningRate: 0.01 }, loss, metrics: [], epochs: 10, batchSize: 32, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 };
}

const regression: DataInfo = { numFeatures: 1, task: 'regression', labelEncoding: 'value', labelWidth: 1, featureNames: ['x'] };
const threeClassesIndex: DataInfo = { numFeatures: 2, task: 'classification', labelEncoding: 'index', labelWidth: 1, numClasses: 3, featureNames: ['x', 'y'] };
const threeClassesOneHot: DataInfo = { ...threeClassesIndex, labelEncoding: 'onehot', labelWidth: 3 };
const twoClassesIndex: DataInfo = { ...threeClassesIndex, numClasses: 2 };

function classifier(units: number, activation: string): Graph {
  return chain(node('in', 'Input', { shape: [2] }), node('h', 'Dense', { units: 8, activation: 'relu' }), node('out', 'Dense', { units, activation }));
}

function mergeGraph(aUnits: number, bUnits: number): Graph {
  return {
    nodes: [node('in', 'Input', { shape: [2] }), node('a', 'Dense', { units: aUnits }), node('b', 'Dense', { units: bUnits }), node('sum', 'Add'), node('out', 'Dense', { units: 1 })],
    edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum'), edge('b', 'sum'), edge('sum', 'out')],
  };
}

describe('validateGraph: structure', () => {
  it('accepts the tutorial models and a residual DAG', () => {
    expect(validateGraph(tutorialLinear())).toEqual([]);
    expect(validateGraph(tutorialClassifier())).toEqual([]);
    expect(validateGraph(mergeGraph(3, 3))).toEqual([]);
  });

  it('no-input: an empty graph or one without an Input', () => {
    expect(codes(validateGraph({ nodes: [], edges: [] }))).toEqual(['no-input']);
    const problems = validateGraph(chain(node('a', 'Dense'), node('b', 'Dense')));
    expect(codes(problems)).toContain('no-input');
    expect(problems.find((p) => p.code === 'no-input')?.message).toMatch(/no Input layer/);
  });

  it('multiple-inputs: a second Input', () => {
    const graph: Graph = { nodes: [...tutorialLinear().nodes, node('in2', 'Input')], edges: tutorialLinear().edges };
    expect(validateGraph(graph)).toContainEqual(expect.objectContaining({ code: 'multiple-inputs', nodeId: 'in2' }));
    expect(codes(validateGraph(tutorialLinear()))).not.toContain('multiple-inputs');
  });

  it('no-output: an Input with nothing after it', () => {
    expect(validateGraph({ nodes: [node('in', 'Input')], edges: [] })).toEqual([expect.objectContaining({ code: 'no-output', nodeId: 'in' })]);
  });

  it('multiple-outputs: two branches that never merge, pinned to each end', () => {
    const graph: Graph = {
      nodes: [node('in', 'Input'), node('a', 'Dense'), node('b', 'Dense')],
      edges: [edge('in', 'a'), edge('in', 'b')],
    };
    const problems = validateGraph(graph).filter((p) => p.code === 'multiple-outputs');
    expect(problems.map((p) => p.nodeId)).toEqual(['a', 'b']);
    expect(problems[0].message).toContain('2 outputs');
    expect(codes(validateGraph(mergeGraph(3, 3)))).not.toContain('multiple-outputs');
  });

  it('cycle: pinned to the nodes and edges of the loop only', () => {
    const graph: Graph = {
      nodes: [node('in', 'Input'), node('a', 'Dense', { units: 1 }), node('b', 'Dense', { units: 1 }), node('sum', 'Add'), node('out', 'Dense', { units: 1 })],
      edges: [edge('in', 'sum'), edge('b', 'sum'), edge('sum', 'a'), edge('a', 'b'), edge('b', 'out')],
    };
    const problems = validateGraph(graph).filter((p) => p.code === 'cycle');
    expect(problems.filter((p) => p.nodeId).map((p) => p.nodeId).sort()).toEqual(['a', 'b', 'sum']);
    expect(problems.filter((p) => p.edgeId).map((p) => p.edgeId).sort()).toEqual(['a->b', 'b->sum', 'sum->a']);
    expect(codes(validateGraph(tutorialClassifier()))).not.toContain('cycle');
  });

  it('disconnected: a node the data never reaches, and a branch that leads nowhere', () => {
    const stray: Graph = { nodes: [...tutorialLinear().nodes, node('stray', 'Dense')], edges: tutorialLinear().edges };
    const problems = validateGraph(stray);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'disconnected', nodeId: 'stray' }));
    // A lone node gets one problem, not also "missing input".
    expect(problems.filter((p) => p.nodeId === 'stray').map((p) => p.code)).toEqual(['disconnected']);

    const feeder: Graph = {
      nodes: [node('in', 'Input'), node('side', 'Dense'), node('out', 'Dense')],
      edges: [edge('side', 'out'), edge('in', 'out')],
    };
    expect(validateGraph(feeder)).toContainEqual(expect.objectContaining({ code: 'disconnected', nodeId: 'side' }));
    expect(codes(validateGraph(tutorialLinear()))).not.toContain('disconnected');
  });

  it('arity: a merge with one input, a Dense with two', () => {
    const lonelyAdd = chain(node('in', 'Input'), node('sum', 'Add'), node('out', 'Dense'));
    expect(validateGraph(lonelyAdd)).toContainEqual(expect.objectContaining({ code: 'arity', severity: 'error', nodeId: 'sum', message: 'Add takes at least 2 inputs; it has 1.' }));
    const doubleDense: Graph = {
      nodes: [node('in', 'Input'), node('a', 'Dense'), node('b', 'Dense'), node('out', 'Dense')],
      edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'out'), edge('b', 'out')],
    };
    expect(validateGraph(doubleDense)).toContainEqual(expect.objectContaining({ code: 'arity', nodeId: 'out', message: 'Dense takes exactly 1 input; it has 2.' }));
    expect(codes(validateGraph(mergeGraph(2, 2)))).not.toContain('arity');
  });

  it('shape-mismatch: Add of (None, 3) and (None, 4), pinned to the Add only', () => {
    const problems = validateGraph(mergeGraph(3, 4));
    expect(problems).toMatchObject([
      { code: 'shape-mismatch', severity: 'error', nodeId: 'sum', message: 'Add needs all its inputs to have the same shape; got (None, 3) and (None, 4).' },
    ]);
    const reshape = chain(node('in', 'Input', { shape: [6] }), node('r', 'Reshape', { targetShape: [4] }), node('out', 'Dense'));
    expect(validateGraph(reshape)).toEqual([expect.objectContaining({ code: 'shape-mismatch', nodeId: 'r', field: 'targetShape' })]);
  });

  it('unknown-layer: a type the registry does not have', () => {
    const graph = chain(node('in', 'Input'), node('x', 'Conv9D'));
    expect(validateGraph(graph)).toContainEqual(expect.objectContaining({ code: 'unknown-layer', nodeId: 'x', message: expect.stringContaining('"Conv9D"') }));
  });

  it('invalid-param: each bad field, with the field named', () => {
    const graph = chain(node('in', 'Input'), node('drop', 'Dropout', { rate: 1.5 }), node('out', 'Dense', { units: 0 }));
    const problems = validateGraph(graph);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'invalid-param', severity: 'error', nodeId: 'drop', field: 'rate', message: 'Dropout rate must be at least 0 and less than 1; got 1.5.', messageId: 'param.float.range' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'invalid-param', nodeId: 'out', field: 'units' }));
    expect(codes(problems)).not.toContain('shape-mismatch');
  });

  it('dangling-edge: an edge to a node that no longer exists', () => {
    const graph: Graph = { ...tutorialLinear(), edges: [...tutorialLinear().edges, edge('act', 'ghost')] };
    expect(validateGraph(graph)).toContainEqual(expect.objectContaining({ code: 'dangling-edge', edgeId: 'act->ghost' }));
  });
});

describe('validateGraph: model, data and loss agree', () => {
  it('accepts well-matched setups', () => {
    expect(validateGraph(tutorialLinear(), { data: regression, training: training('meanSquaredError') })).toEqual([]);
    expect(validateGraph(classifier(3, 'softmax'), { data: threeClassesIndex, training: training('sparseCategoricalCrossentropy') })).toEqual([]);
    expect(validateGraph(classifier(3, 'softmax'), { data: threeClassesOneHot, training: training('categoricalCrossentropy') })).toEqual([]);
    expect(validateGraph(classifier(1, 'sigmoid'), { data: twoClassesIndex, training: training('binaryCrossentropy') })).toEqual([]);
    const softmaxLayer = chain(node('in', 'Input', { shape: [2] }), node('d', 'Dense', { units: 3 }), node('drop', 'Dropout', { rate: 0.1 }), node('act', 'Activation', { activation: 'softmax' }));
    expect(validateGraph(softmaxLayer, { data: threeClassesIndex, training: training('sparseCategoricalCrossentropy') })).toEqual([]);
  });

  it('input-vs-features: the Input shape differs from the data', () => {
    const problems = validateGraph(tutorialLinear(), { data: { ...regression, numFeatures: 4 } });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'input-vs-features', nodeId: 'in', field: 'shape', message: 'The Input expects 1 feature per example, but the data has 4.', fix: expect.objectContaining({ label: 'Set the Input shape to [4]', id: 'set-input-shape:in:4' }) }),
    ]);
  });

  it('input-vs-features: a multi-axis Input of the data\'s size takes flat rows (reshaped row-major by the trainer, issue 14)', () => {
    const graph = chain(node('in', 'Input', { shape: [2, 2] }), node('f', 'Flatten'), node('out', 'Dense', { units: 1 }));
    expect(validateGraph(graph, { data: { ...regression, numFeatures: 4 } })).toEqual([]);
  });

  it('input-vs-features: image data suggests its own [height, width, channels] (issue 14)', () => {
    const images: DataInfo = { ...threeClassesIndex, numFeatures: 64, featureNames: [], inputShape: [8, 8, 1] };
    const graph = chain(node('in', 'Input', { shape: [28, 28, 1] }), node('f', 'Flatten'), node('out', 'Dense', { units: 3, activation: 'softmax' }));
    const problems = validateGraph(graph, { data: images, training: training('sparseCategoricalCrossentropy') });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'input-vs-features',
        message: 'The Input expects [28, 28, 1] = 784 features per example, but the data has images of [8, 8, 1] = 64 values.',
        fix: expect.objectContaining({ label: 'Set the Input shape to [8, 8, 1]', id: 'set-input-shape:in:8x8x1', action: { kind: 'set-input-shape', nodeId: 'in', size: 64, shape: [8, 8, 1] } }),
      }),
    ]);
  });

  it('output-units-vs-classes: 10 outputs for 3 classes, with a fix on the Dense', () => {
    const problems = validateGraph(classifier(10, 'softmax'), { data: threeClassesIndex, training: training('sparseCategoricalCrossentropy') });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'output-units-vs-classes',
        severity: 'error',
        nodeId: 'out',
        field: 'units',
        message: 'The data has 3 classes, so the output layer needs 3 units (one per class); it has 10.',
        fix: expect.objectContaining({ label: 'Set Dense units to 3', id: 'set-units:out:3' }),
      }),
    ]);
    const binary = validateGraph(classifier(2, 'sigmoid'), { data: twoClassesIndex, training: training('binaryCrossentropy') });
    expect(binary).toEqual([expect.objectContaining({ code: 'output-units-vs-classes', fix: expect.objectContaining({ label: 'Set Dense units to 1', id: 'set-units:out:1' }) })]);
  });

  it('softmax-with-mse: softmax output trained with mean squared error on class labels', () => {
    const problems = validateGraph(classifier(3, 'softmax'), { data: threeClassesOneHot, training: training('meanSquaredError') });
    expect(problems).toEqual([expect.objectContaining({ code: 'softmax-with-mse', severity: 'warning', nodeId: 'out', fix: expect.objectContaining({ label: 'Switch the loss to categorical crossentropy (categorical_crossentropy)', id: 'set-loss:categoricalCrossentropy' }) })]);
    expect(codes(validateGraph(classifier(3, 'softmax'), { data: threeClassesOneHot, training: training('categoricalCrossentropy') }))).not.toContain('softmax-with-mse');
  });

  it('regression-loss-on-classes: a regression loss without softmax on class labels', () => {
    const problems = validateGraph(classifier(1, 'linear'), { data: threeClassesIndex, training: training('meanSquaredError') });
    expect(codes(problems)).toContain('regression-loss-on-classes');
    expect(problems.find((p) => p.code === 'regression-loss-on-classes')?.fix?.id).toBe('set-loss:sparseCategoricalCrossentropy');
    const binary = validateGraph(classifier(1, 'sigmoid'), { data: twoClassesIndex, training: training('meanSquaredError') });
    expect(binary).toEqual([expect.objectContaining({ code: 'regression-loss-on-classes', fix: expect.objectContaining({ id: 'set-loss:binaryCrossentropy' }) })]);
    expect(codes(validateGraph(classifier(1, 'sigmoid'), { data: twoClassesIndex, training: training('binaryCrossentropy') }))).not.toContain('regression-loss-on-classes');
  });

  it('onehot-with-sparse-loss: one-hot labels with sparse categorical crossentropy', () => {
    const problems = validateGraph(classifier(3, 'softmax'), { data: threeClassesOneHot, training: training('sparseCategoricalCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'onehot-with-sparse-loss', fix: expect.objectContaining({ label: 'Switch the loss to categorical crossentropy (categorical_crossentropy)', id: 'set-loss:categoricalCrossentropy' }) })]);
  });

  it('index-labels-with-categorical-loss: class numbers with categorical crossentropy', () => {
    const problems = validateGraph(classifier(3, 'softmax'), { data: threeClassesIndex, training: training('categoricalCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'index-labels-with-categorical-loss', fix: expect.objectContaining({ label: 'Switch the loss to sparse categorical crossentropy (sparse_categorical_crossentropy)', id: 'set-loss:sparseCategoricalCrossentropy' }) })]);
  });

  it('binary-loss-multiclass: binary crossentropy with 3 classes', () => {
    const problems = validateGraph(classifier(1, 'sigmoid'), { data: threeClassesIndex, training: training('binaryCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'binary-loss-multiclass', message: expect.stringContaining('the data has 3 classes'), fix: expect.objectContaining({ id: 'set-loss:sparseCategoricalCrossentropy' }) })]);
  });

  it('sigmoid-multiclass: a sigmoid output for 3 exclusive classes', () => {
    const problems = validateGraph(classifier(3, 'sigmoid'), { data: threeClassesIndex, training: training('sparseCategoricalCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'sigmoid-multiclass', nodeId: 'out', fix: expect.objectContaining({ label: 'Use softmax on Dense', id: 'set-activation:out:softmax' }) })]);
  });

  it('linear-output-on-classification: crossentropy on a linear output', () => {
    const problems = validateGraph(classifier(3, 'linear'), { data: threeClassesIndex, training: training('sparseCategoricalCrossentropy') });
    expect(problems).toEqual([expect.objectContaining({ code: 'linear-output-on-classification', severity: 'error', nodeId: 'out', fix: expect.objectContaining({ id: 'set-activation:out:softmax' }) })]);
    const relu = validateGraph(classifier(1, 'relu'), { data: twoClassesIndex, training: training('binaryCrossentropy') });
    expect(relu).toEqual([expect.objectContaining({ code: 'linear-output-on-classification', fix: expect.objectContaining({ id: 'set-activation:out:sigmoid' }) })]);
  });

  it('output-units-vs-targets, classification-loss-on-regression, squashed-output-on-regression', () => {
    expect(validateGraph(classifier(2, 'linear'), { data: { ...regression, numFeatures: 2 }, training: training('meanSquaredError') })).toEqual([
      expect.objectContaining({ code: 'output-units-vs-targets', nodeId: 'out', fix: expect.objectContaining({ id: 'set-units:out:1' }) }),
    ]);
    expect(codes(validateGraph(tutorialLinear(), { data: regression, training: training('binaryCrossentropy') }))).toEqual(['classification-loss-on-regression']);
    expect(codes(validateGraph(classifier(1, 'sigmoid'), { data: { ...regression, numFeatures: 2 }, training: training('meanSquaredError') }))).toEqual(['squashed-output-on-regression']);
  });

  it('softmax-single-unit: softmax over one unit', () => {
    expect(codes(validateGraph(classifier(1, 'softmax')))).toEqual(['softmax-single-unit']);
    expect(codes(validateGraph(classifier(2, 'softmax')))).toEqual([]);
  });

  it('skips the data checks while the structure is broken', () => {
    const problems = validateGraph(mergeGraph(3, 4), { data: threeClassesIndex, training: training('categoricalCrossentropy') });
    expect(codes(problems)).toEqual(['shape-mismatch']);
  });
});

describe('applyFix', () => {
  it('applies each offered fix so that the problem goes away', () => {
    const cases: [Graph, DataInfo, LossName][] = [
      [classifier(10, 'softmax'), threeClassesIndex, 'sparseCategoricalCrossentropy'],
      [classifier(3, 'softmax'), threeClassesIndex, 'categoricalCrossentropy'],
      [classifier(3, 'linear'), threeClassesIndex, 'sparseCategoricalCrossentropy'],
      [tutorialLinear(), { ...regression, numFeatures: 4 }, 'meanSquaredError'],
    ];
    for (const [graph, data, loss] of cases) {
      const before = validateGraph(graph, { data, training: training(loss) });
      const fix = before.find((p) => p.fix)?.fix;
      expect(fix, JSON.stringify(before)).toBeDefined();
      const next = applyFix(graph, training(loss), fix!.action);
      expect(validateGraph(next.graph, { data, training: next.settings })).toEqual([]);
    }
  });

  it('leaves other nodes and settings untouched, and rejects unknown fixes', () => {
    const graph = classifier(10, 'softmax');
    const next = applyFix(graph, training('meanSquaredError'), { kind: 'set-units', nodeId: 'out', units: 3 });
    expect(next.graph.nodes[1]).toBe(graph.nodes[1]);
    expect(next.settings.loss).toBe('meanSquaredError');
    // Fixes are data checked at the API's edge: a loss or a kind that does not exist is refused there.
    expect(FixActionSchema.safeParse({ kind: 'set-loss', loss: 'hinge' }).success).toBe(false);
    expect(FixActionSchema.safeParse({ kind: 'delete-everything' }).success).toBe(false);
    expect(() => applyFix(graph, training('meanSquaredError'), { kind: 'set-units', nodeId: 'nope', units: 3 })).toThrow(/no layer "nope"/);
  });
});

describe('canConnect', () => {
  const graph: Graph = {
    nodes: [node('in', 'Input'), node('a', 'Dense'), node('b', 'Dense'), node('sum', 'Add'), node('free', 'Dense')],
    edges: [edge('in', 'a'), edge('a', 'b')],
  };

  it('allows connections that keep the graph a DAG, including mismatched shapes into a merge', () => {
    expect(canConnect(graph, 'b', 'sum')).toEqual({ ok: true });
    expect(canConnect(graph, 'in', 'free')).toEqual({ ok: true });
    expect(canConnect(mergeGraph(3, 3), 'a', 'out')).toMatchObject({ ok: false });
  });

  it('refuses loops, self-loops, edges into an Input, duplicates and a second input to a Dense', () => {
    expect(canConnect(graph, 'b', 'in')).toEqual(expect.objectContaining({ ok: false, reason: 'Input is where data enters the model; nothing can connect into it.' }));
    expect(canConnect(graph, 'b', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('cannot feed into itself') });
    expect(canConnect(graph, 'a', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('already connected') });
    expect(canConnect(graph, 'free', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('takes one input and already has one') });
    expect(canConnect({ ...graph, nodes: [...graph.nodes, node('c', 'Add')], edges: [...graph.edges, edge('b', 'c'), edge('in', 'c')] }, 'c', 'a')).toMatchObject({
      ok: false,
    });
    const loop: Graph = { nodes: [node('in', 'Input'), node('s', 'Add'), node('d', 'Dense')], edges: [edge('in', 's'), edge('s', 'd')] };
    expect(canConnect(loop, 'd', 's')).toEqual(expect.objectContaining({ ok: false, reason: 'Connecting Dense to Add would make a loop: Add already feeds into Dense.' }));
    expect(canConnect(graph, 'x', 'a')).toMatchObject({ ok: false });
  });
});

describe('two-class problems (issue 9)', () => {
  const circles = generatorInfo({ kind: 'generator', generator: 'circles', seed: 1 });

  it('Dense(1, sigmoid) + binary crossentropy on a two-class generator validates', () => {
    expect(validateGraph(classifier(1, 'sigmoid'), { data: circles, training: training('binaryCrossentropy') })).toEqual([]);
    // Two sigmoid units against the two one-hot columns is valid Keras too.
    expect(validateGraph(classifier(2, 'sigmoid'), { data: circles, training: training('binaryCrossentropy') })).toEqual([]);
  });

  it('one sigmoid unit on two-class one-hot data trained with a regression loss is pointed to binary crossentropy, which then validates', () => {
    const problems = validateGraph(classifier(1, 'sigmoid'), { data: circles, training: training('meanSquaredError') });
    const fix = problems.find((p) => p.fix?.id.startsWith('set-loss:'))?.fix;
    expect(fix?.id).toBe('set-loss:binaryCrossentropy');
    const fixed = applyFix(classifier(1, 'sigmoid'), training('meanSquaredError'), fix!.action);
    expect(validateGraph(fixed.graph, { data: circles, training: fixed.settings })).toEqual([]);
  });

  it('a 3-class output trained with the default mean squared error is pointed to the loss, not to 1 unit', () => {
    // A new user's CSV with 3 classes kept the new project's loss: the old message said "needs 1 unit" and set units to 1.
    const problems = validateGraph(classifier(3, 'softmax'), { data: threeClassesIndex, training: training('meanSquaredError') });
    const units = problems.find((p) => p.code === 'regression-loss-units-vs-classes');
    expect(units?.message).toMatch(/treats the 3 classes as one number per example.*use .*crossentropy \(\w+\) instead/);
    expect(units?.fix?.id).toBe('set-loss:sparseCategoricalCrossentropy');
    const fixed = applyFix(classifier(3, 'softmax'), training('meanSquaredError'), units!.fix!.action);
    expect(validateGraph(fixed.graph, { data: threeClassesIndex, training: fixed.settings }).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('an output of any width under mean squared error on 3 classes is pointed to the loss first, then to 3 units (never to 1)', () => {
    // A fresh user's trial: Input → Dense(32) on an empty canvas with a 3-class label and the new
    // project's loss offered "Set Dense units to 1", treating the classes as numbers.
    const problems = validateGraph(classifier(32, 'softmax'), { data: threeClassesIndex, training: training('meanSquaredError') });
    expect(problems.some((p) => p.fix?.action.kind === 'set-units')).toBe(false);
    const first = problems.find((p) => p.code === 'regression-loss-units-vs-classes');
    expect(first?.fix?.id).toBe('set-loss:sparseCategoricalCrossentropy');
    const fixed = applyFix(classifier(32, 'softmax'), training('meanSquaredError'), first!.fix!.action);
    const next = validateGraph(fixed.graph, { data: threeClassesIndex, training: fixed.settings });
    expect(next.find((p) => p.code === 'output-units-vs-classes')?.fix?.id).toBe('set-units:out:3');
  });

  it('a wrong width under binary crossentropy asks for 1 unit, and the fix sets 1', () => {
    const problems = validateGraph(classifier(3, 'sigmoid'), { data: circles, training: training('binaryCrossentropy') });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'output-units-vs-classes', message: expect.stringContaining('needs 1 unit; it has 3'), fix: expect.objectContaining({ label: 'Set Dense units to 1', id: 'set-units:out:1' }) }),
    ]);
  });

  it('every units message quotes the number its fix sets, never the current one', () => {
    const datasets: DataInfo[] = [circles, twoClassesIndex, threeClassesIndex, threeClassesOneHot, regression, generatorInfo({ kind: 'generator', generator: 'classification', seed: 1 })];
    let checked = 0;
    for (const data of datasets) {
      for (const loss of LOSSES) {
        for (const units of [1, 2, 3, 10]) {
          for (const activation of ['sigmoid', 'softmax', 'linear']) {
            const graph = classifier(units, activation);
            graph.nodes[0].params = { shape: [data.numFeatures] };
            for (const p of validateGraph(graph, { data, training: training(loss) })) {
              if (p.fix?.action.kind !== 'set-units') continue;
              checked++;
              const fixed = p.fix.action.units;
              const quoted = /needs (\d+) units?/.exec(p.message);
              expect(quoted?.[1], p.message).toBe(String(fixed));
              expect(p.message).toContain(`it has ${units}`);
              expect(fixed, p.message).not.toBe(units);
              expect(p.fix.label).toBe(`Set Dense units to ${fixed}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('every fix removes the problem that offers it (the fix goes the right way)', () => {
    const datasets: DataInfo[] = [circles, twoClassesIndex, threeClassesIndex, threeClassesOneHot, regression];
    const failures: string[] = [];
    for (const data of datasets) {
      for (const loss of LOSSES) {
        for (const units of [1, 2, 3]) {
          for (const activation of ['sigmoid', 'softmax', 'linear']) {
            const graph = classifier(units, activation);
            graph.nodes[0].params = { shape: [data.numFeatures] };
            const settings = training(loss);
            for (const p of validateGraph(graph, { data, training: settings })) {
              if (!p.fix) continue;
              const fixed = applyFix(graph, settings, p.fix.action);
              const after = validateGraph(fixed.graph, { data, training: fixed.settings });
              if (after.some((q) => q.code === p.code && q.nodeId === p.nodeId)) failures.push(`${data.task}/${data.labelEncoding}/${loss}/${units}/${activation}: ${p.code} → ${p.fix.id}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('crossentropy on a numeric label holding 0 and 1 points to importing it as classes, not to mean squared error', () => {
    const y = Float32Array.from([0, 1, 1, 0, 1]);
    const problems = validateGraph(classifier(1, 'sigmoid'), { data: { ...regression, numFeatures: 2, rows: 5, y }, training: training('binaryCrossentropy') });
    const problem = problems.find((p) => p.code === 'classification-loss-on-numeric-classes');
    expect(problem?.message).toContain('only the values 0, 1');
    expect(problem?.message).toContain('categorical');
    expect(problems.some((p) => p.fix?.id === 'set-loss:meanSquaredError')).toBe(false);
  });
});
