import type { PlannedNode } from '../../../shared/graph/plan';
import type { OnnxGraphBuilder } from './builder';

/**
 * How each registry layer and activation becomes ONNX operators (opset 17), computing what the
 * app's tfjs computes. One entry per layer type (src/shared/layers) and per activation
 * (src/shared/activations); onnx-layers.test.ts checks that none is missing.
 */

/** What a layer's emitter gets: the builder, the planned node, its input tensor names and its weights by short name (`kernel`, `moving_mean`). */
export interface LayerContext {
  b: OnnxGraphBuilder;
  node: PlannedNode;
  inputs: string[];
  /** The layer's weight, or a ServiceError naming it when the trained weights lack it. */
  weight(short: string): { shape: number[]; values: Float32Array };
  /** The name the layer's output must have (the layer's name). */
  output: string;
}

type ActivationEmitter = (b: OnnxGraphBuilder, x: string, out: string, alpha: number) => void;

const single =
  (op: string, attributes: Record<string, number> = {}): ActivationEmitter =>
  (b, x, out) =>
    void b.node(op, [x], out, attributes);

/** Sources: tfjs-layers `activations.ts` and tfjs-core's ops (`selu`, `hardSigmoid` in backend/tfjs_backend). */
export const ACTIVATION_EMITTERS: Readonly<Record<string, ActivationEmitter>> = {
  linear: single('Identity'),
  relu: single('Relu'),
  // tfjs relu6 = clipByValue(x, 0, 6); Clip takes its bounds as inputs since opset 11.
  relu6: (b, x, out) => void b.node('Clip', [x, b.floatConstant(`${out}/min`, [], [0]), b.floatConstant(`${out}/max`, [], [6])], out),
  sigmoid: single('Sigmoid'),
  tanh: single('Tanh'),
  softmax: (b, x, out) => void b.node('Softmax', [x], out, { axis: { int: -1 } }),
  elu: single('Elu', { alpha: 1 }),
  // tfjs-core selu: SELU_SCALEALPHA / SELU_SCALE (tfjs-core/src/ops/selu_util.ts); ONNX Selu is gamma·(alpha·(eˣ−1)) for x ≤ 0.
  selu: single('Selu', { alpha: 1.7580993408473768 / 1.0507009873554805, gamma: 1.0507009873554805 }),
  softplus: single('Softplus'),
  softsign: single('Softsign'),
  // tfjs Swish: x · sigmoid(x) (ONNX has no Swish op at opset 17).
  swish: (b, x, out) => void b.node('Mul', [x, b.node('Sigmoid', [x], b.fresh(`${out}/sigmoid`))], out),
  // tfjs Mish: x · tanh(softplus(x)) (ONNX Mish is opset 18).
  mish: (b, x, out) => void b.node('Mul', [x, b.node('Tanh', [b.node('Softplus', [x], b.fresh(`${out}/softplus`))], b.fresh(`${out}/tanh`))], out),
  // tfjs Gelu (exact): x · 0.5 · (1 + erf(x / √2)) (ONNX Gelu is opset 20).
  gelu: (b, x, out) => {
    const scaled = b.node('Div', [x, b.floatConstant(`${out}/sqrt2`, [], [Math.SQRT2])], b.fresh(`${out}/div`));
    const erf = b.node('Erf', [scaled], b.fresh(`${out}/erf`));
    const onePlus = b.node('Add', [erf, b.floatConstant(`${out}/one`, [], [1])], b.fresh(`${out}/add`));
    const cdf = b.node('Mul', [onePlus, b.floatConstant(`${out}/half`, [], [0.5])], b.fresh(`${out}/cdf`));
    b.node('Mul', [x, cdf], out);
  },
  leakyRelu: (b, x, out, alpha) => void b.node('LeakyRelu', [x], out, { alpha }),
  // tfjs hardSigmoid is Keras 2's clip(0.2·x + 0.5, 0, 1) (tfjs-layers backend/tfjs_backend.ts), which is ONNX HardSigmoid's default form.
  hardSigmoid: single('HardSigmoid', { alpha: 0.2, beta: 0.5 }),
};

export function emitActivation(b: OnnxGraphBuilder, id: string, x: string, out: string, alpha = 0.3): void {
  const emit = ACTIVATION_EMITTERS[id];
  if (!emit) throw new Error(`The ONNX export has no mapping for activation ${id}.`);
  emit(b, x, out, alpha);
}

type LayerEmitter = (c: LayerContext) => void;

const rankOf = (c: LayerContext) => c.node.inputShapes[0]?.length ?? 0;

export const LAYER_EMITTERS: Readonly<Record<string, LayerEmitter>> = {
  // The Input is a graph input, added by the exporter.
  Input: () => undefined,
  Dense(c) {
    const { b, node } = c;
    const kernel = c.weight('kernel');
    const activation = node.params.activation as string;
    const w = b.floatConstant(`${node.name}/kernel`, kernel.shape, kernel.values);
    const bias = node.params.useBias ? c.weight('bias') : null;
    const biasName = bias ? b.floatConstant(`${node.name}/bias`, bias.shape, bias.values) : null;
    const pre = activation === 'linear' ? c.output : b.fresh(`${node.name}/pre_activation`);
    if (rankOf(c) === 2) {
      b.node('Gemm', biasName ? [c.inputs[0], w, biasName] : [c.inputs[0], w], pre);
    } else if (biasName) {
      b.node('Add', [b.node('MatMul', [c.inputs[0], w], b.fresh(`${node.name}/MatMul`)), biasName], pre);
    } else {
      b.node('MatMul', [c.inputs[0], w], pre);
    }
    if (activation !== 'linear') emitActivation(b, activation, pre, c.output);
  },
  Activation(c) {
    emitActivation(c.b, c.node.params.activation as string, c.inputs[0], c.output, c.node.params.alpha as number);
  },
  // Dropout does nothing at prediction time.
  Dropout: (c) => void c.b.node('Identity', [c.inputs[0]], c.output),
  /**
   * Inference form over the last axis: y = (x − moving_mean) · gamma / √(moving_variance + ε) + beta.
   * A rank-2 input is ONNX BatchNormalization (channels on axis 1); for more axes, where ONNX's
   * channel axis 1 is not Keras' last axis, the same formula as Sub, Mul and Add.
   */
  BatchNormalization(c) {
    const { b, node } = c;
    const mean = c.weight('moving_mean');
    const variance = c.weight('moving_variance');
    const channels = mean.values.length;
    const gamma = node.params.scale ? c.weight('gamma').values : new Float32Array(channels).fill(1);
    const beta = node.params.center ? c.weight('beta').values : new Float32Array(channels);
    const epsilon = node.params.epsilon as number;
    if (rankOf(c) === 2) {
      b.node(
        'BatchNormalization',
        [
          c.inputs[0],
          b.floatConstant(`${node.name}/gamma`, [channels], gamma),
          b.floatConstant(`${node.name}/beta`, [channels], beta),
          b.floatConstant(`${node.name}/moving_mean`, [channels], mean.values),
          b.floatConstant(`${node.name}/moving_variance`, [channels], variance.values),
        ],
        c.output,
        { epsilon },
      );
      return;
    }
    const factor = Float64Array.from(gamma, (g, i) => g / Math.sqrt(variance.values[i] + epsilon));
    const centered = b.node('Sub', [c.inputs[0], b.floatConstant(`${node.name}/moving_mean`, [channels], mean.values)], b.fresh(`${node.name}/centered`));
    const scaled = b.node('Mul', [centered, b.floatConstant(`${node.name}/factor`, [channels], factor)], b.fresh(`${node.name}/scaled`));
    b.node('Add', [scaled, b.floatConstant(`${node.name}/beta`, [channels], beta)], c.output);
  },
  Flatten: (c) => void c.b.node('Flatten', [c.inputs[0]], c.output, { axis: { int: 1 } }),
  Reshape(c) {
    const out = c.node.output.ok ? c.node.output.shape.slice(1) : [];
    // The plan resolved any -1 in the target; -1 here is the batch axis, whatever its size.
    c.b.node('Reshape', [c.inputs[0], c.b.int64Constant(`${c.node.name}/shape`, [-1, ...(out as number[])])], c.output);
  },
  Add(c) {
    let sum = c.inputs[0];
    c.inputs.slice(1).forEach((x, i) => {
      sum = c.b.node('Add', [sum, x], i === c.inputs.length - 2 ? c.output : c.b.fresh(`${c.node.name}/partial`));
    });
  },
  Concatenate(c) {
    const rank = rankOf(c);
    const axis = c.node.params.axis as number;
    c.b.node('Concat', c.inputs, c.output, { axis: { int: axis < 0 ? rank + axis : axis } });
  },
};
