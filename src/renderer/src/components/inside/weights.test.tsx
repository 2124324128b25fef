import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LayerWeightsInfo } from '../../../../shared/api/contract';
import { translator } from '../../i18n';
import { extendedRange } from '../data/plotting';
import { isExtrapolation } from './Extrapolation';
import { formatLine } from '../../../../shared/graph/linear-model';
import { decodeLayerWeights, divergingRgb, histogram, inputLabels, isSmallLayer, kernelAt, NEGATIVE_RGB, POSITIVE_RGB, symmetricLimit, weightText, ZERO_RGB } from './weights';

/** Issue 16, "inside the model": what the Weights section and the fitted line compute from a `model.weights` answer. */
const tutorial: LayerWeightsInfo = {
  layer: { nodeId: 'dense', name: 'dense_dense', type: 'Dense', inputs: 1, units: 1, activation: 'linear', useBias: true },
  initialSource: 'initialized',
  tensors: [
    { name: 'kernel', shape: [1, 1], initial: [-0.42], current: [0.9813] },
    { name: 'bias', shape: [1], initial: [0], current: [0.0121] },
  ],
  linearModel: true,
};

const big = (inputs: number, units: number, current: (i: number) => number | 'NaN'): LayerWeightsInfo => ({
  layer: { nodeId: 'd', name: 'dense_d', type: 'Dense', inputs, units, activation: 'relu', useBias: true },
  initialSource: 'initialized',
  tensors: [
    { name: 'kernel', shape: [inputs, units], initial: Array.from({ length: inputs * units }, () => 0.1), current: Array.from({ length: inputs * units }, (_, i) => current(i)) },
    { name: 'bias', shape: [units], initial: Array.from({ length: units }, () => 0), current: Array.from({ length: units }, () => 0) },
  ],
  linearModel: false,
});

let modelLine: typeof import('./FittedLine').modelLine;
let WeightsContent: typeof import('./WeightsSection').WeightsContent;
beforeAll(async () => {
  // The views reach the API module, which reads `window` when loaded (nothing is called here).
  vi.stubGlobal('window', { location: { search: '', protocol: 'http:', host: '127.0.0.1' } });
  await import('../../api');
  vi.unstubAllGlobals();
  ({ modelLine } = await import('./FittedLine'));
  ({ WeightsContent } = await import('./WeightsSection'));
});


describe('the weights, decoded and laid out', () => {
  it('decodes non-finite values from their wire text and reads the kernel row-major [inputs, units]', () => {
    const w = decodeLayerWeights(big(2, 3, (i) => (i === 4 ? 'NaN' : i)));
    expect(Number.isNaN(w.tensors[0].current[4])).toBe(true);
    // Input 1 into unit 2 is element 1·3 + 2 = 5.
    expect(kernelAt(w.tensors[0].current, 3, 1, 2)).toBe(5);
    expect(kernelAt(w.tensors[0].current, 3, 0, 1)).toBe(1);
  });

  it('shows at most 64 values as numbers, more as a heatmap and histogram', () => {
    expect(isSmallLayer(decodeLayerWeights(tutorial))).toBe(true);
    expect(isSmallLayer(decodeLayerWeights(big(7, 8, () => 1)))).toBe(true); // 56 + 8 = 64
    expect(isSmallLayer(decodeLayerWeights(big(8, 8, () => 1)))).toBe(false); // 64 + 8 = 72
  });

  it('colours on one scale centred at 0: blue at −limit, grey at 0, red at +limit, black when not finite', () => {
    expect(symmetricLimit([0.5, -2, NaN], null, [1.5])).toBe(2);
    expect(divergingRgb(-2, 2)).toEqual([...NEGATIVE_RGB]);
    expect(divergingRgb(0, 2)).toEqual([...ZERO_RGB]);
    expect(divergingRgb(5, 2)).toEqual([...POSITIVE_RGB]);
    expect(divergingRgb(1, 2)).toEqual([0, 1, 2].map((k) => Math.round((ZERO_RGB[k] + POSITIVE_RGB[k]) / 2)));
    expect(divergingRgb(NaN, 2)).toEqual([0, 0, 0]);
  });

  it('counts every finite value into equal bins, the maximum in the last bin, non-finite values apart', () => {
    expect(histogram([-1, -0.5, 0, 0.49, 1, NaN, Infinity], 4, -1, 1)).toEqual({ lo: -1, hi: 1, counts: [1, 1, 2, 1], nonFinite: 2 });
    // All equal (zero biases): one bar around the value.
    expect(histogram([0, 0], 2, 0, 0)).toEqual({ lo: -0.5, hi: 0.5, counts: [0, 2], nonFinite: 0 });
  });

  it('labels the kernel rows with the feature names when there is one per row', () => {
    expect(inputLabels(1, ['x'], (i) => `input ${i}`)).toEqual(['x']);
    expect(inputLabels(2, ['x'], (i) => `input ${i}`)).toEqual(['input 1', 'input 2']);
    expect(weightText(0.98126)).toBe('0.9813');
    expect(weightText(-0.00001234)).toBe('-1.234e-5');
    expect(weightText(NaN)).toBe('NaN');
  });
});

describe('the fitted line and extrapolation', () => {
  it('reads y = w·x + b from the one Dense of a linear model, and nothing from another model', () => {
    expect(modelLine(decodeLayerWeights(tutorial))).toEqual({ slope: 0.9813, intercept: 0.0121 });
    expect(modelLine(decodeLayerWeights({ ...tutorial, linearModel: false }))).toBeNull();
    expect(modelLine(decodeLayerWeights({ ...tutorial, tensors: [tutorial.tensors[0]] }))).toEqual({ slope: 0.9813, intercept: 0 });
  });

  it('draws the curve over twice the data\'s x range and out to the predicted x; 6 is extrapolation for data in 0…1', () => {
    const [a, b] = extendedRange(0, 1);
    expect(a).toBeCloseTo(-0.58, 10);
    expect(b).toBeCloseTo(1.58, 10);
    const [c, d] = extendedRange(0, 1, 6);
    expect(c).toBeLessThan(-0.5);
    expect(d).toBeGreaterThan(6);
    expect(isExtrapolation(6, [0, 1])).toBe(true);
    expect(isExtrapolation(0.5, [0, 1])).toBe(false);
    expect(isExtrapolation(-0.1, [0, 1])).toBe(true);
  });
});

describe('WeightsContent', () => {
  it('a small layer: a table with input and unit labels, each cell after and before', () => {
    const weights = decodeLayerWeights(tutorial);
    const html = renderToStaticMarkup(<WeightsContent weights={weights} model={{ runId: 'r', epoch: 200, final: true }} />);
    expect(html).toContain('data-testid="weights-table"');
    expect(html).toMatch(/data-tensor="kernel"[^>]*data-after="0.9813"[^>]*data-before="-0.42"/);
    expect(html).toMatch(/data-tensor="bias"[^>]*data-after="0.0121"[^>]*data-before="0"/);
    expect(html).toContain('unit 1');
    expect(html).toContain('Before training: the values the initializers gave');
    // The Chinese texts (server rendering reads the store's initial language, so the dictionary is checked directly).
    const zh = translator('zh-CN');
    expect([zh('weights.unit', { index: 1 }), zh('weights.bias'), zh('weights.initialized')]).toEqual(['单元 1', '偏置', '训练前：初始化器为本次运行的权重赋予的初始值。']);
  });

  it('a large layer: heatmap, legend and histogram, no table; weights loaded from a file say "before" is not known', () => {
    const weights = decodeLayerWeights({ ...big(10, 10, (i) => i / 100 - 0.5), initialSource: 'unknown', tensors: big(10, 10, (i) => i / 100 - 0.5).tensors.map((t) => ({ ...t, initial: null })) });
    const html = renderToStaticMarkup(<WeightsContent weights={weights} model={{ runId: 'r', epoch: 3, final: false }} />);
    expect(html).not.toContain('weights-table');
    expect(html).toContain('data-testid="weights-heatmap"');
    expect(html).toContain('data-testid="weights-legend"');
    expect(html).toContain('data-testid="weights-histogram"');
    expect(html).toContain('Now (after epoch 3)');
    expect(html).toMatch(/disabled=""[^>]*data-testid="weights-show-before"/);
    expect(html).toContain('not known, because these weights were loaded from the project file');
  });
});

describe('trial 10 (3): the fitted-line equation writes w and b as the weights view does', () => {
  it('with the same digits, for every magnitude', () => {
    for (const [w, b] of [[1.00613, 0.0090761], [0.98312, 0.012149], [123.456, -0.00012345], [2_500_000, 1], [-0.5, 0]]) {
      const line = formatLine({ slope: w, intercept: b });
      expect(line).toBe(`y = ${w < 0 ? '\u2212' : ''}${weightText(Math.abs(w))}·x ${b < 0 ? '\u2212' : '+'} ${weightText(Math.abs(b))}`);
    }
    expect(formatLine({ slope: 1.00613, intercept: 0.0090761 })).toBe('y = 1.006·x + 0.009076');
  });
});
