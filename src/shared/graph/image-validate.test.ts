import { describe, expect, it } from 'vitest';
import { builtinImagesSpec, imageDataInfo } from '../data/images';
import type { TrainingSettings } from '../project/schema';
import { applyFix, FixActionSchema } from './fixes';
import { chain, node } from './fixtures';
import { planGraph } from './plan';
import { validateGraph } from './validate';

/** Issue 14: shape problems between image and dense layers come with the fix people need. */

const settings = { loss: 'sparseCategoricalCrossentropy' } as TrainingSettings;

describe('image and dense layers', () => {
  const cnn = chain(node('in', 'Input', { shape: [8, 8, 1] }), node('conv', 'Conv2D', { filters: 4, activation: 'relu' }), node('pool', 'MaxPooling2D'), node('out', 'Dense', { units: 10, activation: 'softmax' }));

  it('warns when a Dense gets an image, and its fix inserts a Flatten on that connection', () => {
    const problems = validateGraph(cnn);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'dense-on-image',
        severity: 'warning',
        nodeId: 'out',
        message: 'Dense gets an image shaped (None, 3, 3, 4) and acts on its last axis only, so its output keeps the image axes: (None, 3, 3, 10). To use the whole image, insert Flatten (or GlobalAveragePooling2D, with far fewer weights) before it.',
        fix: expect.objectContaining({ label: 'Insert Flatten before Dense', id: 'insert-layer:pool:out:Flatten', action: { kind: 'insert-layer', source: 'pool', target: 'out', layerType: 'Flatten' } }),
      }),
    ]);
    const fixed = applyFix(cnn, settings, problems[0].fix!.action).graph;
    expect(fixed.nodes.map((n) => [n.id, n.type])).toEqual([['in', 'Input'], ['conv', 'Conv2D'], ['pool', 'MaxPooling2D'], ['out', 'Dense'], ['flatten_out', 'Flatten']]);
    expect(fixed.edges.map((e) => [e.id, e.source, e.target])).toEqual([['in->conv', 'in', 'conv'], ['conv->pool', 'conv', 'pool'], ['e-pool-flatten_out', 'pool', 'flatten_out'], ['e-flatten_out-out', 'flatten_out', 'out']]);
    expect(validateGraph(fixed)).toEqual([]);
    const out = planGraph(fixed).byId.get('out')!;
    expect(out.output).toEqual({ ok: true, shape: [null, 10] });
    expect(out.count.trainable).toBe(3 * 3 * 4 * 10 + 10);
    // A second Flatten on the same target gets a fresh id.
    const again = applyFix(fixed, settings, { kind: 'insert-layer', source: 'flatten_out', target: 'out', layerType: 'Flatten' }).graph;
    expect(again.nodes.at(-1)!.id).toBe('flatten_out_2');
  });

  it('says which connection or type is missing instead of inserting anywhere', () => {
    expect(() => applyFix(cnn, settings, { kind: 'insert-layer', source: 'in', target: 'out', layerType: 'Flatten' })).toThrow('Fix "insert-layer": there is no connection from layer "in" to layer "out".');
    expect(() => applyFix(cnn, settings, { kind: 'insert-layer', source: 'pool', target: 'out', layerType: 'Conv9D' })).toThrow('"Conv9D" is not a layer type');
    expect(FixActionSchema.safeParse({ kind: 'insert-layer', source: 'pool', target: 'out' }).success).toBe(false);
  });

  it('does not warn about a Dense on a sequence (rank 3), which is a deliberate Keras pattern', () => {
    expect(validateGraph(chain(node('in', 'Input', { shape: [5, 3] }), node('out', 'Dense', { units: 2 }))).map((p) => p.code)).not.toContain('dense-on-image');
  });

  it('warns when a Dense gets the sequence of a 1-D convolution or pooling layer, naming Flatten and GlobalAveragePooling1D, and inserts a Flatten', () => {
    const cnn1d = chain(node('in', 'Input', { shape: [20, 1] }), node('conv', 'Conv1D', { filters: 4 }), node('pool', 'MaxPooling1D'), node('out', 'Dense', { units: 3, activation: 'softmax' }));
    const problems = validateGraph(cnn1d);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'dense-on-sequence',
        severity: 'warning',
        nodeId: 'out',
        message: 'Dense gets a sequence shaped (None, 9, 4) and acts on its last axis only, so its output keeps the steps axis: (None, 9, 3). To use the whole sequence, insert Flatten (or GlobalAveragePooling1D, with far fewer weights) before it.',
        fix: expect.objectContaining({ label: 'Insert Flatten before Dense', id: 'insert-layer:pool:out:Flatten', action: { kind: 'insert-layer', source: 'pool', target: 'out', layerType: 'Flatten' } }),
      }),
    ]);
    const fixed = applyFix(cnn1d, settings, problems[0].fix!.action).graph;
    expect(validateGraph(fixed)).toEqual([]);
    expect(planGraph(fixed).byId.get('out')!.output).toEqual({ ok: true, shape: [null, 3] });
  });

  it('pins a 1-D layer on flat data or on an image to that layer, naming the fix', () => {
    expect(validateGraph(chain(node('in', 'Input', { shape: [64] }), node('conv', 'Conv1D'), node('gap', 'GlobalAveragePooling1D'), node('out', 'Dense', { units: 3 })))).toMatchObject([
      {
        code: 'shape-mismatch',
        severity: 'error',
        nodeId: 'conv',
        message: 'Conv1D needs a sequence input shaped (batch, steps, channels); got (None, 64). Give the Input layer a sequence shape such as [100, 1] (steps, channels), or add a Reshape to [steps, 1] before it.',
      },
    ]);
    expect(validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('pool', 'MaxPooling1D'), node('out', 'Dense', { units: 3 })))[0]).toMatchObject({
      nodeId: 'pool',
      message: 'MaxPooling1D needs a sequence input shaped (batch, steps, channels); got (None, 8, 8, 1). It gets an image: use MaxPooling2D instead, or a Reshape to [steps, channels] before it.',
    });
    expect(validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('gap', 'GlobalAveragePooling1D'), node('out', 'Dense', { units: 3 })))[0].message).toContain('use GlobalAveragePooling2D instead');
    expect(validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('c', 'Conv1D'), node('out', 'Dense', { units: 3 })))[0].message).toContain('use Conv2D instead');
  });

  it('pins an image layer on flat data to that layer, saying how to give it an image', () => {
    const problems = validateGraph(chain(node('in', 'Input', { shape: [64] }), node('conv', 'Conv2D'), node('gap', 'GlobalAveragePooling2D'), node('out', 'Dense', { units: 10 })));
    expect(problems).toMatchObject([
      {
        code: 'shape-mismatch',
        severity: 'error',
        nodeId: 'conv',
        message: 'Conv2D needs an image input shaped (batch, height, width, channels); got (None, 64). Give the Input layer an image shape such as [28, 28, 1], or add a Reshape to [height, width, channels] before it.',
      },
    ]);
  });
});

describe('rescaled-twice (issue 14 trial, F20)', () => {
  const rescaled = (scaling: 'unit' | 'zscore' | 'none') => {
    const spec = { ...builtinImagesSpec('digits', { scaling }), ...(scaling === 'zscore' ? { transform: { mean: [4.9], std: [6] } } : {}) };
    return validateGraph(
      chain(node('in', 'Input', { shape: [8, 8, 1] }), node('r', 'Rescaling', { scale: 1 / 255, offset: 0 }), node('f', 'Flatten'), node('out', 'Dense', { units: 10, activation: 'softmax' })),
      { data: imageDataInfo(spec), training: { ...settings, metrics: ['accuracy'] } },
    ).filter((p) => p.code === 'rescaled-twice');
  };
  it('warns when a Rescaling right after the Input meets data the pipeline already scales', () => {
    expect(rescaled('unit')).toEqual([
      expect.objectContaining({ severity: 'warning', nodeId: 'r', message: expect.stringContaining('The dataset already scales the pixels (pixels ÷ 16 → 0–1), so this Rescaling (× 0.003922 + 0) scales them a second time') }),
    ]);
    expect(rescaled('zscore')).toHaveLength(1);
  });
  it('says nothing when the dataset leaves the pixels raw', () => {
    expect(rescaled('none')).toEqual([]);
  });
});

/** Trial 5 F6: a Dense straight after a Conv2D as the output gives (None, 6, 6, 10) on class labels; Train then failed with a raw TF.js size error. */
describe('an output that keeps image or sequence axes, against the labels', () => {
  const digits = imageDataInfo(builtinImagesSpec('digits'));
  const training = { ...settings, metrics: ['accuracy'] } as TrainingSettings;
  const denseAfterConv = chain(node('in', 'Input', { shape: [8, 8, 1] }), node('conv', 'Conv2D', { filters: 8 }), node('out', 'Dense', { units: 10, activation: 'softmax' }));

  it('is an error on the output Dense (not a warning) with the Insert Flatten fix, and the fixed model is clean', () => {
    const problems = validateGraph(denseAfterConv, { data: digits, training });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'output-keeps-axes',
        severity: 'error',
        nodeId: 'out',
        message:
          "Dense is the model's output but gets an image shaped (None, 6, 6, 8) and acts on its last axis only, so it gives (None, 6, 6, 10): an answer for every position of the image instead of one per image, which cannot be compared with the labels (one class number per image). Insert Flatten (or GlobalAveragePooling2D, with far fewer weights) before it.",
        fix: expect.objectContaining({ label: 'Insert Flatten before Dense', id: 'insert-layer:conv:out:Flatten', action: { kind: 'insert-layer', source: 'conv', target: 'out', layerType: 'Flatten' } }),
      }),
    ]);
    const fixed = applyFix(denseAfterConv, training, problems[0].fix!.action).graph;
    expect(validateGraph(fixed, { data: digits, training })).toEqual([]);
  });

  it('also refuses a Dense on a plain sequence as the output, and an output with no Dense to fix (naming what to add)', () => {
    const sequence = { ...digits, inputShape: [16, 4] };
    const seq = validateGraph(chain(node('in', 'Input', { shape: [16, 4] }), node('out', 'Dense', { units: 10, activation: 'softmax' })), { data: sequence, training });
    expect(seq.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'output-keeps-axes', nodeId: 'out', fix: expect.objectContaining({ label: 'Insert Flatten before Dense' }) }),
    ]);
    expect(seq[0].message).toContain('(None, 16, 10)');
    const convLast = validateGraph(chain(node('in', 'Input', { shape: [8, 8, 1] }), node('out', 'Conv2D', { filters: 10, activation: 'softmax' })), { data: digits, training });
    const error = convLast.find((p) => p.code === 'output-keeps-axes')!;
    expect(error).toMatchObject({ severity: 'error', nodeId: 'out' });
    expect(error.fix).toBeUndefined();
    expect(error.message).toBe(
      "The model's output is shaped (None, 6, 6, 10), but the labels are one class number per image, so it must be shaped (None, 10). Add a Flatten (or GlobalAveragePooling2D) and a Dense layer after Conv2D.",
    );
  });

  it('stays a warning without data (a model on its own may keep image axes)', () => {
    expect(validateGraph(denseAfterConv).map((p) => [p.code, p.severity])).toEqual([['dense-on-image', 'warning']]);
  });
});

/** Trial 5 F7: Conv2D after a Flatten advised changing the Input, which already was an image. */
describe('an image layer after a Flatten', () => {
  const graph = chain(node('in', 'Input', { shape: [8, 8, 1] }), node('flat', 'Flatten'), node('conv', 'Conv2D', { filters: 4 }), node('gap', 'GlobalAveragePooling2D'), node('out', 'Dense', { units: 10, activation: 'softmax' }));

  it('names the Flatten as the cause, with the fix "Remove Flatten" that reconnects its neighbours', () => {
    const problems = validateGraph(graph);
    expect(problems).toMatchObject([
      {
        code: 'shape-mismatch',
        severity: 'error',
        nodeId: 'conv',
        message: 'Conv2D needs an image input shaped (batch, height, width, channels); got (None, 64). The Flatten before it turns the image into a flat row: remove it (Flatten goes after the image layers).',
        fix: expect.objectContaining({ label: 'Remove Flatten', id: 'remove-layer:flat', action: { kind: 'remove-layer', nodeId: 'flat' } }),
      },
    ]);
    const fixed = applyFix(graph, settings, problems[0].fix!.action).graph;
    expect(fixed.nodes.map((n) => n.id)).toEqual(['in', 'conv', 'gap', 'out']);
    expect(fixed.edges.map((e) => [e.source, e.target])).toEqual([['conv', 'gap'], ['gap', 'out'], ['in', 'conv']]);
    expect(validateGraph(fixed)).toEqual([]);
  });

  it('names another flat-making layer before it instead of the Input', () => {
    const dense = chain(node('in', 'Input', { shape: [8, 8, 1] }), node('gap0', 'GlobalAveragePooling2D'), node('conv', 'Conv2D'), node('gap', 'GlobalAveragePooling2D'), node('out', 'Dense', { units: 10 }));
    expect(validateGraph(dense)[0]).toMatchObject({
      nodeId: 'conv',
      message: 'Conv2D needs an image input shaped (batch, height, width, channels); got (None, 1). GlobalAveragePooling2D before it gives a flat row: put Conv2D before GlobalAveragePooling2D, or add a Reshape to [height, width, channels] between them.',
    });
  });
});
