import * as tf from '@tensorflow/tfjs';
import { fastOptimizerFor, type FastOptimizer } from './fast-optimizers';
import { WasmGemm } from './fast-wasm';
import { isFusedActivation, type FusedActivationId } from '../../shared/activations';
import type { ModelPlan } from '../../shared/graph/plan';
import { getLoss, type FusedLossId } from '../../shared/losses';
import { getMetric, type FusedMetricId } from '../../shared/metrics';
import type { TrainingSettings } from '../../shared/project/schema';

/**
 * A hand-written training step for the commonest model there is: a chain of Dense layers with
 * Activation and Dropout between them, a standard loss, and a tfjs optimizer. On wasm a
 * `makeTrainFunction` step is ~160 kernel launches whatever the model size, which is most of the
 * time on small models; here a step is one XNNPACK matMul per product (forward, dW, dX) and
 * plain loops for everything elementwise. Semantics are tfjs' own, term by term: the same loss
 * (with its clipping), regulariser penalties in loss and gradient, inverted dropout drawn from
 * the same random stream, the same optimizer formulas, batch-mean metrics from the training-mode
 * forward pass. The weights live here during a run and are written back to the model's
 * variables by `syncToModel` (at each epoch end and at the end of the run).
 */

type ActivationName = FusedActivationId;
type LossKind = FusedLossId;
type MetricKind = FusedMetricId;

interface DenseOp {
  kind: 'dense';
  inDim: number;
  outDim: number;
  activation: ActivationName;
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  l1: number;
  l2: number;
}
interface ActivationOp {
  kind: 'activation';
  dim: number;
  activation: ActivationName;
}
interface DropoutOp {
  kind: 'dropout';
  dim: number;
  rate: number;
  seed: number | undefined;
}
type Op = DenseOp | ActivationOp | DropoutOp;

export interface FastDensePlan {
  ops: Op[];
  inputDim: number;
  outputDim: number;
  loss: LossKind;
  metrics: MetricKind[];
}

interface DenseLike {
  kernel: tf.LayerVariable | null;
  bias: tf.LayerVariable | null;
  trainable: boolean;
}

/**
 * What the fast path reads besides the model's variables: the graph's plan (layer kinds, sizes,
 * activations, rates and penalties from the resolved params) and the training settings the model
 * was compiled from (`compileModel`; loss, metrics and optimizer through their registries).
 */
export interface FastPathSource {
  plan: ModelPlan;
  training: Pick<TrainingSettings, 'loss' | 'metrics' | 'optimizer'>;
}

const EPSILON = 1e-7;
const f = Math.fround;

/**
 * Either a plan for the fast path, or the reason the model needs the general one. Every layer's
 * kind and size comes from the graph's plan through the layer registry's `fused` form; the
 * built model (`buildModel` of the same graph) only lends its weight variables, found by layer name.
 */
export function planFastDense(source: FastPathSource, model: tf.LayersModel): FastDensePlan | string {
  const { plan, training } = source;
  if (!plan.isChain) return 'the model is not a single chain of layers';
  const [input, ...rest] = plan.nodes;
  if (!input || input.def?.role !== 'input' || !input.output.ok) return 'the model does not start at one Input';
  const inputShape = input.output.shape;
  const inputDim = inputShape[1];
  if (inputShape.length !== 2 || inputDim == null) return `the input is not a flat vector (shape ${JSON.stringify(inputShape)})`;
  const lossDef = getLoss(training.loss);
  const fusedLoss = lossDef.fused;
  if (!fusedLoss) return `the loss ${training.loss} is not in the fast path`;
  if (!model.optimizer) return 'the model is not compiled';

  const ops: Op[] = [];
  let dim = inputDim;
  for (const n of rest) {
    const type = n.node.type;
    const fused = n.def?.fused?.(n.params) ?? `layer type ${type} is not in the fast path`;
    if (typeof fused === 'string') return fused;
    if (fused.kind === 'dense') {
      if (!isFusedActivation(fused.activation)) return `Dense activation ${fused.activation} is not in the fast path`;
      let layer: DenseLike;
      try {
        layer = model.getLayer(n.name) as unknown as DenseLike;
      } catch {
        return `the model has no layer ${n.name}: it was not built from this graph`;
      }
      if (!layer.kernel || !layer.trainable) return 'a Dense layer is frozen or not built';
      const [inDim, outDim] = layer.kernel.shape as [number, number];
      if (inDim !== dim || outDim !== fused.units) return `the model's layer ${n.name} does not match the graph (kernel ${inDim}×${outDim}, expected ${dim}×${fused.units})`;
      ops.push({ kind: 'dense', inDim, outDim, activation: fused.activation, kernel: layer.kernel, bias: fused.useBias ? layer.bias : null, l1: fused.l1, l2: fused.l2 });
      dim = outDim;
    } else if (fused.kind === 'activation') {
      if (!isFusedActivation(fused.activation)) return `activation ${fused.activation} is not in the fast path`;
      ops.push({ kind: 'activation', dim, activation: fused.activation });
    } else if (fused.rate > 0 && fused.rate < 1) {
      // The Dropout registry entry gives tfjs no seed: masks come from Math.random, as in tfjs.
      ops.push({ kind: 'dropout', dim, rate: fused.rate, seed: undefined });
    }
  }
  if (!ops.some((op) => op.kind === 'dense')) return 'the model has no Dense layer';
  const trainable = (model as unknown as { collectedTrainableWeights?: unknown[] }).collectedTrainableWeights;
  const denseWeights = ops.reduce((n, op) => n + (op.kind === 'dense' ? (op.bias ? 2 : 1) : 0), 0);
  if (trainable && trainable.length !== denseWeights) return 'the model has trainable weights outside its Dense layers';

  const metrics = training.metrics.map((id) => getMetric(id).variant(lossDef, dim));
  return { ops, inputDim, outputDim: dim, loss: fusedLoss, metrics };
}

/** Optimizer state carried across runs on the same compiled model, as Keras keeps it across fit calls. */
const optimizerStates = new WeakMap<tf.Optimizer, FastOptimizer>();

export class FastDenseTrainer {
  readonly description: string;
  private readonly dense: DenseOp[];
  private readonly weights: Float32Array[] = [];
  private readonly grads: Float32Array[] = [];
  /** Per op: its output for the current batch (room for `maxBatch` rows). */
  private readonly outputs: Float32Array[];
  private readonly masks: (Float32Array | null)[];
  private readonly gradA: Float32Array;
  private readonly gradB: Float32Array;
  private readonly scratchT: Float32Array;
  private readonly scratchW: Float32Array;
  private readonly lossGrad: Float32Array;

  private constructor(
    private readonly plan: FastDensePlan,
    private readonly gemm: WasmGemm,
    private readonly optimizer: FastOptimizer,
    private readonly maxBatch: number,
  ) {
    this.dense = plan.ops.filter((op): op is DenseOp => op.kind === 'dense');
    for (const op of this.dense) {
      this.weights.push(op.kernel.read().dataSync() as Float32Array);
      this.grads.push(new Float32Array(op.inDim * op.outDim));
      if (op.bias) {
        this.weights.push(op.bias.read().dataSync() as Float32Array);
        this.grads.push(new Float32Array(op.outDim));
      }
    }
    const width = (op: Op) => (op.kind === 'dense' ? op.outDim : op.dim);
    this.outputs = plan.ops.map((op) => new Float32Array(maxBatch * width(op)));
    this.masks = plan.ops.map((op) => (op.kind === 'dropout' ? new Float32Array(maxBatch * op.dim) : null));
    const widest = Math.max(plan.inputDim, ...plan.ops.map(width));
    this.gradA = new Float32Array(maxBatch * widest);
    this.gradB = new Float32Array(maxBatch * widest);
    this.scratchT = new Float32Array(maxBatch * widest);
    this.scratchW = new Float32Array(Math.max(...this.dense.map((op) => op.inDim * op.outDim)));
    this.lossGrad = new Float32Array(maxBatch * plan.outputDim);
    const layers = plan.ops.map((op) => (op.kind === 'dense' ? `Dense(${op.outDim}, ${op.activation})` : op.kind === 'dropout' ? `Dropout(${op.rate})` : `Activation(${op.activation})`));
    this.description = `fast Dense path: ${layers.join(' → ')}, ${plan.loss}, ${optimizer.name}`;
  }

  /**
   * A trainer for the model, or the reason it needs the general path. Layers come from the
   * source's plan, the fused optimizer from its optimizer settings through the optimizer
   * registry's `fused` twin (never read back from tfjs): the source must be the graph and the
   * settings `buildModel` and `compileModel` made this model from. Optimizer state is kept per
   * compiled tfjs optimizer across runs. `maxBatch` bounds the batch size of `step`.
   */
  static create(model: tf.LayersModel, source: FastPathSource, maxBatch: number): FastDenseTrainer | string {
    const gemm = WasmGemm.forActiveBackend();
    if (!gemm) return `the ${tf.getBackend()} backend is not wasm`;
    const plan = planFastDense(source, model);
    if (typeof plan === 'string') return plan;
    const optimizer = model.optimizer;
    let fast = optimizerStates.get(optimizer);
    if (!fast) {
      if (optimizer.iterations > 0) return 'the optimizer already holds state from a general-path run';
      const sizes = plan.ops.flatMap((op) => (op.kind === 'dense' ? (op.bias ? [op.inDim * op.outDim, op.outDim] : [op.inDim * op.outDim]) : []));
      const made = fastOptimizerFor(source.training.optimizer, sizes);
      if (typeof made === 'string') return made;
      fast = made;
      optimizerStates.set(optimizer, fast);
    }
    return new FastDenseTrainer(plan, gemm, fast, maxBatch);
  }

  /**
   * One training step on `size` rows; writes [loss, ...metrics] (batch means, loss including
   * regulariser penalties) into `out`.
   */
  step(x: Float32Array, y: Float32Array, size: number, out: Float64Array): void {
    if (size > this.maxBatch) throw new Error(`FastDenseTrainer: batch of ${size} rows, expected at most ${this.maxBatch}.`);
    const { ops } = this.plan;
    // Forward.
    let input = x;
    let inDim = this.plan.inputDim;
    let w = 0;
    for (let o = 0; o < ops.length; o++) {
      const op = ops[o];
      const output = this.outputs[o];
      if (op.kind === 'dense') {
        const kernel = this.weights[w];
        const bias = op.bias ? this.weights[w + 1] : null;
        w += op.bias ? 2 : 1;
        this.gemm.matMul(input, kernel, size, op.inDim, op.outDim, bias, op.activation === 'relu', output);
        if (op.activation !== 'relu') activate(op.activation, output, size, op.outDim);
        inDim = op.outDim;
      } else if (op.kind === 'activation') {
        output.set(input.subarray(0, size * inDim));
        activate(op.activation, output, size, inDim);
      } else {
        const mask = this.masks[o]!;
        dropoutMask(op, size, mask);
        const n = size * inDim;
        for (let i = 0; i < n; i++) output[i] = input[i] * mask[i];
      }
      input = output;
    }

    // Loss, its gradient and metrics on the training-mode outputs.
    const p = input;
    const width = this.plan.outputDim;
    out[0] = lossAndGradient(this.plan.loss, y, p, size, width, this.lossGrad) + this.penalty();
    this.plan.metrics.forEach((metric, i) => (out[i + 1] = metricValue(metric, y, p, size, width)));

    // Backward.
    let grad = this.lossGrad;
    let spare = this.gradA;
    w = this.weights.length;
    const firstDense = ops.findIndex((op) => op.kind === 'dense');
    for (let o = ops.length - 1; o >= firstDense; o--) {
      const op = ops[o];
      const output = this.outputs[o];
      const opInput = o === 0 ? x : this.outputs[o - 1];
      if (op.kind === 'dropout') {
        const mask = this.masks[o]!;
        const n = size * op.dim;
        for (let i = 0; i < n; i++) grad[i] *= mask[i];
        continue;
      }
      if (op.kind === 'activation') {
        activationGrad(op.activation, output, grad, size, op.dim);
        continue;
      }
      activationGrad(op.activation, output, grad, size, op.outDim);
      w -= op.bias ? 2 : 1;
      const kernel = this.weights[w];
      // dW = inputᵀ · dZ; XNNPACK only takes untransposed operands, so transpose here.
      transpose(opInput, size, op.inDim, this.scratchT);
      this.gemm.matMul(this.scratchT, grad, op.inDim, size, op.outDim, null, false, this.grads[w]);
      if (op.l1 !== 0 || op.l2 !== 0) addPenaltyGradient(kernel, this.grads[w], op.l1, op.l2);
      if (op.bias) columnSums(grad, size, op.outDim, this.grads[w + 1]);
      if (o > firstDense) {
        // dX = dZ · Wᵀ, into the spare buffer, which becomes the gradient for the op before.
        transpose(kernel, op.inDim, op.outDim, this.scratchW);
        this.gemm.matMul(grad, this.scratchW, size, op.outDim, op.inDim, null, false, spare);
        const previous = grad === this.lossGrad ? this.gradB : grad;
        grad = spare;
        spare = previous;
      }
    }

    this.optimizer.apply(this.weights, this.grads);
  }

  /** The learning rate of the following steps (schedules, reduce-on-plateau); see `setLearningRate` in learning-rate.ts. */
  setLearningRate(lr: number): void {
    this.optimizer.setLearningRate(lr);
  }

  /** Writes the current weights into the model's variables (predict, evaluate and save see them). */
  syncToModel(): void {
    let w = 0;
    for (const op of this.dense) {
      const targets = op.bias ? [op.kernel, op.bias] : [op.kernel];
      for (const variable of targets) {
        const value = tf.tensor(this.weights[w++], variable.shape as number[]);
        variable.write(value);
        value.dispose();
      }
    }
  }

  private penalty(): number {
    let total = 0;
    let w = 0;
    for (const op of this.dense) {
      if (op.l1 !== 0 || op.l2 !== 0) {
        const kernel = this.weights[w];
        let abs = 0;
        let sq = 0;
        for (let i = 0; i < kernel.length; i++) {
          abs += Math.abs(kernel[i]);
          sq += kernel[i] * kernel[i];
        }
        total += op.l1 * abs + op.l2 * sq;
      }
      w += op.bias ? 2 : 1;
    }
    return total;
  }
}

function columnSums(m: Float32Array, rows: number, cols: number, out: Float32Array): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c] += m[base + c];
  }
}

function transpose(src: Float32Array, rows: number, cols: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[base + c];
  }
}

function addPenaltyGradient(kernel: Float32Array, grad: Float32Array, l1: number, l2: number): void {
  const twoL2 = 2 * l2;
  for (let i = 0; i < kernel.length; i++) grad[i] += l1 * Math.sign(kernel[i]) + twoL2 * kernel[i];
}

/** tfjs' dropout: multiplier = floor(u + keep) / keep, u drawn by randomUniform (Math.random seeds it when the layer has no seed). */
function dropoutMask(op: DropoutOp, size: number, mask: Float32Array): void {
  const keep = f(1 - op.rate);
  const scale = f(1 / keep);
  const uniform = tf.randomUniform([size, op.dim], 0, 1, 'float32', op.seed);
  const u = uniform.dataSync();
  uniform.dispose();
  for (let i = 0; i < u.length; i++) mask[i] = Math.floor(f(u[i] + keep)) >= 1 ? scale : 0;
}

function activate(name: ActivationName, v: Float32Array, rows: number, cols: number): void {
  const n = rows * cols;
  switch (name) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (v[i] < 0) v[i] = 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) v[i] = Math.tanh(v[i]);
      return;
    case 'elu':
      for (let i = 0; i < n; i++) if (v[i] < 0) v[i] = Math.expm1(v[i]);
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        let max = -Infinity;
        for (let c = 0; c < cols; c++) max = Math.max(max, v[base + c]);
        let sum = 0;
        for (let c = 0; c < cols; c++) {
          const e = Math.exp(v[base + c] - max);
          v[base + c] = e;
          sum += e;
        }
        for (let c = 0; c < cols; c++) v[base + c] /= sum;
      }
      return;
  }
}

/** grad ← grad ⊙ f′, f′ from the activation's output y (tfjs' gradients: step(y), y(1−y), 1−y², y+1 below 0, softmax Jacobian). */
function activationGrad(name: ActivationName, y: Float32Array, grad: Float32Array, rows: number, cols: number): void {
  const n = rows * cols;
  switch (name) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (!(y[i] > 0)) grad[i] = 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) grad[i] *= y[i] * (1 - y[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) grad[i] *= 1 - y[i] * y[i];
      return;
    case 'elu':
      for (let i = 0; i < n; i++) if (y[i] < 0) grad[i] *= y[i] + 1;
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        let dot = 0;
        for (let c = 0; c < cols; c++) dot += grad[base + c] * y[base + c];
        for (let c = 0; c < cols; c++) grad[base + c] = y[base + c] * (grad[base + c] - dot);
      }
      return;
  }
}

const clip = (v: number) => Math.min(Math.max(v, EPSILON), 1 - EPSILON);
const inClip = (v: number) => v >= EPSILON && v <= 1 - EPSILON;

/**
 * The batch-mean loss, and d(loss)/d(prediction) into `grad`, following tfjs-layers' loss
 * functions: cross-entropies renormalise and clip the probabilities to [ε, 1−ε] (no gradient
 * through a clipped value), binary cross-entropy goes through logits log(p / (1 − p)).
 */
function lossAndGradient(loss: LossKind, y: Float32Array, p: Float32Array, rows: number, cols: number, grad: Float32Array): number {
  let total = 0;
  const n = rows * cols;
  switch (loss) {
    case 'meanSquaredError': {
      const scale = 2 / (rows * cols);
      for (let i = 0; i < n; i++) {
        const d = p[i] - y[i];
        total += d * d;
        grad[i] = scale * d;
      }
      return total / n;
    }
    case 'meanAbsoluteError': {
      const scale = 1 / (rows * cols);
      for (let i = 0; i < n; i++) {
        const d = p[i] - y[i];
        total += Math.abs(d);
        grad[i] = scale * Math.sign(d);
      }
      return total / n;
    }
    case 'binaryCrossentropy': {
      const scale = 1 / (rows * cols);
      for (let i = 0; i < n; i++) {
        const q = clip(p[i]);
        const logit = Math.log(q / (1 - q));
        total += Math.max(logit, 0) - logit * y[i] + Math.log1p(Math.exp(-Math.abs(logit)));
        grad[i] = inClip(p[i]) ? (scale * (q - y[i])) / (q * (1 - q)) : 0;
      }
      return total / n;
    }
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy': {
      const sparse = loss === 'sparseCategoricalCrossentropy';
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        const target = (c: number) => (sparse ? (Math.floor(y[r]) === c ? 1 : 0) : y[base + c]);
        // Sparse CE clips once before the categorical CE, which renormalises and clips again.
        const value = (c: number) => (sparse ? clip(p[base + c]) : p[base + c]);
        let sum = 0;
        for (let c = 0; c < cols; c++) sum += value(c);
        let dot = 0;
        for (let c = 0; c < cols; c++) {
          const q = value(c) / sum;
          const t = target(c);
          total -= t * Math.log(clip(q));
          const g = inClip(q) ? -t / q : 0;
          grad[base + c] = g;
          dot += g * value(c);
        }
        for (let c = 0; c < cols; c++) {
          let g = (grad[base + c] - dot / sum) / sum / rows;
          if (sparse && !inClip(p[base + c])) g = 0;
          grad[base + c] = g;
        }
      }
      return total / rows;
    }
  }
}

function argMax(v: Float32Array, base: number, cols: number): number {
  let best = 0;
  for (let c = 1; c < cols; c++) if (v[base + c] > v[base + best]) best = c;
  return best;
}

/**
 * A batch mean of one metric. `y` is `rows × cols`, or `rows × 1` for sparse (class index)
 * labels: then, as tfjs and Keras broadcast a `[rows, 1]` label against `[rows, cols]`
 * outputs, the index stands for every column in mae and mse (meaningless for classes, but the
 * general step computes exactly this, and it must not read past the labels: a NaN here stopped
 * runs as "diverged").
 */
function metricValue(metric: MetricKind, y: Float32Array, p: Float32Array, rows: number, cols: number): number {
  let total = 0;
  const n = rows * cols;
  const yCols = y.length >= n ? cols : 1;
  const label = (i: number) => (yCols === cols ? y[i] : y[Math.floor(i / cols)]);
  switch (metric) {
    case 'categoricalAccuracy':
      for (let r = 0; r < rows; r++) if (argMax(y, r * cols, cols) === argMax(p, r * cols, cols)) total++;
      return total / rows;
    case 'sparseCategoricalAccuracy':
      for (let r = 0; r < rows; r++) if (y[r] === argMax(p, r * cols, cols)) total++;
      return total / rows;
    case 'binaryAccuracy':
      for (let i = 0; i < n; i++) if (y[i] === (p[i] > 0.5 ? 1 : 0)) total++;
      return total / n;
    case 'mae':
      for (let i = 0; i < n; i++) total += Math.abs(p[i] - label(i));
      return total / n;
    case 'mse':
      for (let i = 0; i < n; i++) total += (p[i] - label(i)) ** 2;
      return total / n;
  }
}
