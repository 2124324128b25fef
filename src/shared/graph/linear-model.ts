import type { Preprocessing } from '../data/preprocess';
import type { ModelPlan } from './plan';

/**
 * Issue 16, "inside the model": when a model is a straight line in its one input, y = w·x + b —
 * the Keras tutorial's regression, `Sequential([Dense(1, input_shape=(1,))])` — and how that line
 * reads in the raw x a learner typed (the project's preprocessing may scale x first).
 */

/** The one Dense layer of a model that is y = w·x + b (`nodeId`), and whether it adds a bias. */
export interface LinearModel {
  denseNodeId: string;
  useBias: boolean;
}

const isLinear = (activation: unknown) => activation === 'linear';

/**
 * The model is linear in x when its plan is exactly Input(shape [1]) → Dense(units 1, activation
 * linear) [→ Activation(linear)] and nothing else: then the prediction is kernel·x + bias (tfjs /
 * Keras Dense: `output = activation(dot(input, kernel) + bias)`, linear = identity). Anything else
 * (another layer, a nonlinear activation, several units or inputs, a graph that does not plan) → null.
 */
export function linearModelOf(plan: ModelPlan): LinearModel | null {
  if (!plan.isChain || plan.cyclic.length > 0) return null;
  const [input, dense, ...rest] = plan.nodes;
  if (!input || !dense || rest.length > 1) return null;
  if (input.def?.role !== 'input' || input.node.type !== 'Input') return null;
  const shape = input.params.shape;
  if (!Array.isArray(shape) || shape.length !== 1 || shape[0] !== 1) return null;
  if (dense.node.type !== 'Dense' || dense.params.units !== 1 || !isLinear(dense.params.activation)) return null;
  if (dense.sources.length !== 1 || dense.sources[0] !== input.nodeId) return null;
  const [after] = rest;
  if (after && (after.node.type !== 'Activation' || !isLinear(after.params.activation) || after.sources[0] !== dense.nodeId)) return null;
  return { denseNodeId: dense.nodeId, useBias: dense.params.useBias !== false };
}

/** A straight line y = slope·x + intercept. */
export interface Line {
  slope: number;
  intercept: number;
}

/**
 * The model's line y = w·z + b (z: the number the model receives) written in the raw x the data
 * view plots and Predict takes, through the project's pipeline for its one feature: a z-score
 * step z = (x − mean) / std gives slope w / std and intercept b − w·mean / std; a rescale step
 * z = x·scale + offset gives slope w·scale and intercept w·offset + b; other steps (encoding a
 * number, filling a blank) leave x as it is. Null when the feature is not a number (a category's
 * index is not a quantity a line is drawn over) or the pipeline has other than one feature.
 */
export function lineInRawX(model: Line, pipeline: Preprocessing): Line | null {
  if (pipeline.featureNames.length !== 1 || pipeline.inputColumns.length !== 1) return null;
  let { slope, intercept } = model;
  // Applied last to first: the model's line in z, then each step's z in terms of its input.
  for (const step of [...pipeline.steps].reverse()) {
    if (step.kind === 'encode') {
      if (step.columns.length !== 1 || step.columns[0].kind !== 'numeric') return null;
    } else if (step.kind === 'zscore') {
      const [mean, std] = [step.means[0], step.stds[0]];
      intercept -= (slope * mean) / std;
      slope /= std;
    } else if (step.kind === 'rescale') {
      const [scale, offset] = [step.scale[0], step.offset[0]];
      intercept += slope * offset;
      slope *= scale;
    }
  }
  return { slope, intercept };
}

/** Whether the pipeline changes x before the model sees it (a z-score or rescale step), so the model's own w and b differ from the line's. */
export function pipelineScalesX(pipeline: Preprocessing): boolean {
  return pipeline.steps.some((s) => s.kind === 'zscore' || s.kind === 'rescale');
}

const MINUS = '\u2212';

/**
 * A weight or bias as every view shows it (the inspector's weights table, its heatmap scale, the
 * fitted-line equation): four significant digits, scientific notation below 1e-4 or from 1e6,
 * NaN and ±Infinity by name. One formatter, so `w = 1.006` in the weights view is `1.006·x` in the
 * equation (trial 10, 3).
 */
export function formatWeight(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** A coefficient's magnitude for `formatLine` (no sign: `formatLine` places it), written by `formatWeight`. */
export function formatCoefficient(value: number): string {
  return formatWeight(Number.isNaN(value) ? value : Math.abs(value));
}

/**
 * The line as text, `y = 0.983·x + 0.0121`: a negative slope leads with "−", a negative
 * intercept is subtracted (`y = 1.02·x − 0.05`), NaN stays NaN. `x`/`y`: the names to use.
 */
export function formatLine(line: Line, x = 'x', y = 'y'): string {
  const { slope, intercept } = line;
  const slopeText = `${slope < 0 ? MINUS : ''}${formatCoefficient(slope)}`;
  const sign = intercept < 0 ? MINUS : '+';
  return `${y} = ${slopeText}·${x} ${sign} ${formatCoefficient(intercept)}`;
}
