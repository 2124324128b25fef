import { describe, expect, it } from 'vitest';
import { preprocessingFor, type Preprocessing } from '../data/preprocess';
import { chain, node, tutorialClassifier, tutorialLinear } from './fixtures';
import { formatCoefficient, formatLine, lineInRawX, linearModelOf, pipelineScalesX } from './linear-model';
import { planGraph } from './plan';

const linearOf = (...nodes: Parameters<typeof chain>) => linearModelOf(planGraph(chain(...nodes)));

describe('linearModelOf: is the model y = w·x + b in its one input? (issue 16)', () => {
  it('finds the Keras tutorial regression: Input(1) → Dense(1) → Activation(linear), and Input(1) → Dense(1) alone', () => {
    expect(linearModelOf(planGraph(tutorialLinear()))).toEqual({ denseNodeId: 'd1', useBias: true });
    expect(linearOf(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 1, useBias: false }))).toEqual({ denseNodeId: 'd', useBias: false });
  });

  it('refuses anything that is not a straight line in one x', () => {
    const input = node('in', 'Input', { shape: [1] });
    // A nonlinear Dense activation, a nonlinear Activation after it, two units, two features, a second layer, an image input.
    expect(linearOf(input, node('d', 'Dense', { units: 1, activation: 'relu' }))).toBeNull();
    expect(linearOf(input, node('d', 'Dense', { units: 1 }), node('a', 'Activation', { activation: 'sigmoid' }))).toBeNull();
    expect(linearOf(input, node('d', 'Dense', { units: 2 }))).toBeNull();
    expect(linearOf(node('in', 'Input', { shape: [2] }), node('d', 'Dense', { units: 1 }))).toBeNull();
    expect(linearOf(input, node('d', 'Dense', { units: 1 }), node('d2', 'Dense', { units: 1 }))).toBeNull();
    expect(linearOf(input, node('d', 'Dense', { units: 1 }), node('a', 'Activation', { activation: 'linear' }), node('a2', 'Activation', { activation: 'linear' }))).toBeNull();
    expect(linearOf(input)).toBeNull();
    expect(linearModelOf(planGraph(tutorialClassifier()))).toBeNull();
  });
});

const oneFeature = (steps: Preprocessing['steps']): Preprocessing => ({ inputColumns: ['x'], featureNames: ['x'], steps: [{ kind: 'encode', columns: [{ column: 'x', kind: 'numeric' }] }, ...steps] });

describe('lineInRawX: the model\'s line in the x the learner types', () => {
  it('is the model\'s own w and b when the data reaches the model as it is (the tutorial\'s generated data)', () => {
    const pipeline = preprocessingFor({ kind: 'generator', generator: 'linear', seed: 42 });
    expect(pipelineScalesX(pipeline)).toBe(false);
    expect(lineInRawX({ slope: 0.98, intercept: 0.01 }, pipeline)).toEqual({ slope: 0.98, intercept: 0.01 });
  });

  it('undoes a z-score and a rescale step, so the line predicts what the model predicts for a raw x', () => {
    const model = { slope: 2, intercept: -1 };
    for (const pipeline of [oneFeature([{ kind: 'zscore', means: [10], stds: [4] }]), oneFeature([{ kind: 'rescale', scale: [0.5], offset: [3] }])]) {
      const line = lineInRawX(model, pipeline)!;
      expect(pipelineScalesX(pipeline)).toBe(true);
      for (const x of [-3, 0, 7.5, 100]) {
        const step = pipeline.steps[1];
        const z = step.kind === 'zscore' ? (x - step.means[0]) / step.stds[0] : step.kind === 'rescale' ? x * step.scale[0] + step.offset[0] : x;
        expect(line.slope * x + line.intercept).toBeCloseTo(model.slope * z + model.intercept, 10);
      }
    }
  });

  it('draws no line over a category\'s index, nor for several features', () => {
    expect(lineInRawX({ slope: 1, intercept: 0 }, { inputColumns: ['c'], featureNames: ['c'], steps: [{ kind: 'encode', columns: [{ column: 'c', kind: 'index', categories: ['a', 'b'] }] }] })).toBeNull();
    expect(lineInRawX({ slope: 1, intercept: 0 }, preprocessingFor({ kind: 'generator', generator: 'xor', seed: 1 }))).toBeNull();
  });
});

describe('formatLine: the equation as the data view shows it', () => {
  it('writes y = w·x + b with four significant digits (as the weights view) and the intercept\'s sign as an operator', () => {
    expect(formatLine({ slope: 0.98312, intercept: 0.012149 })).toBe('y = 0.9831·x + 0.01215');
    expect(formatLine({ slope: 1.02, intercept: -0.05 })).toBe('y = 1.02·x \u2212 0.05');
    expect(formatLine({ slope: -0.5, intercept: 0 })).toBe('y = \u22120.5·x + 0');
    expect(formatLine({ slope: 1, intercept: 1 }, 'x', 'ŷ')).toBe('ŷ = 1·x + 1');
  });

  it('keeps very small, very large and non-finite numbers readable and true', () => {
    expect(formatCoefficient(0.000012345)).toBe('1.234e-5');
    expect(formatCoefficient(-2_500_000)).toBe('2.500e+6');
    expect(formatCoefficient(123.456)).toBe('123.5');
    expect(formatLine({ slope: Number.NaN, intercept: Number.NEGATIVE_INFINITY })).toBe('y = NaN·x \u2212 Infinity');
  });
});
