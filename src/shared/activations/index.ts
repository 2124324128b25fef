/**
 * The activation registry: every activation function the Dense and Activation layers offer. The
 * layers' option lists, the fast Dense path, the Keras code generator, the model importer and the
 * ONNX export read it. Entries are a handful of facts and, at most, a few ONNX operators, so they
 * share this one table (the loss and metric registries, whose entries carry formulas, have a file
 * each); adding an activation is one row here plus its reference formula in the conformance test.
 */
import { onnxOp, type OnnxActivationMapping, type OnnxWriter } from '../layers/onnx';

/** The activations of the fast Dense path (src/main/engine/fast-dense.ts `activate`/`activationGrad`). */
export type FusedActivationId = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu';

export interface ActivationDefinition {
  /** Stable identifier stored in project files: tfjs' activation identifier where tfjs has one. */
  id: string;
  /**
   * The Keras 3 name (`keras.activations.get(name)`, `Activation(name)`, Dense `activation=`),
   * or for a layer-only activation the `keras.activations` function name.
   */
  keras: string;
  /** Other names (lower case) the importer maps to this activation, e.g. `silu` for swish. */
  kerasAliases: readonly string[];
  /**
   * When tfjs and Keras model the activation as a layer of its own, not an activation string:
   * LeakyReLU, whose slope is the Activation layer's `alpha` (tfjs `alpha`, Keras 3 `negative_slope`,
   * both defaulting to 0.3).
   */
  layer?: { className: string; tfjsSlope: string; kerasSlope: string };
  /** Offered on Dense (`activation=`) and on the Activation layer. */
  dense: boolean;
  activationLayer: boolean;
  /** Computed by the fast Dense path (which then needs no tfjs kernels for it). */
  fused: boolean;
  /** A known difference between tfjs' formula (what the app trains) and Keras 3's, for the exported Python. */
  kerasDiffers?: string;
  /** The ONNX operators (opset 17) computing tfjs' formula, for the ONNX export. */
  onnx: OnnxActivationMapping;
}

const entry = (id: string, onnx: OnnxActivationMapping, rest: Partial<ActivationDefinition> = {}): ActivationDefinition => ({
  id,
  onnx,
  keras: id,
  kerasAliases: [],
  dense: true,
  activationLayer: true,
  fused: false,
  ...rest,
});

/**
 * In the order the layers list them. Formulas: tfjs-layers `activations.ts` and tfjs-core's ops
 * (`selu`, `hardSigmoid` in backend/tfjs_backend); Keras names: keras/src/activations/__init__.py;
 * ONNX operators: onnx/docs/Operators.md at opset 17.
 */
export const ACTIVATION_LIST: readonly ActivationDefinition[] = [
  entry('linear', onnxOp('Identity'), { fused: true }),
  entry('relu', onnxOp('Relu'), { fused: true }),
  // tfjs relu6 = clipByValue(x, 0, 6); Clip takes its bounds as inputs since opset 11.
  entry('relu6', (b, x, out) => void b.node('Clip', [x, b.floatConstant(`${out}/min`, [], [0]), b.floatConstant(`${out}/max`, [], [6])], out), { activationLayer: false }),
  entry('sigmoid', onnxOp('Sigmoid'), { fused: true }),
  entry('tanh', onnxOp('Tanh'), { fused: true }),
  entry('softmax', onnxOp('Softmax', { axis: { int: -1 } }), { fused: true }),
  entry('elu', onnxOp('Elu', { alpha: 1 }), { fused: true }),
  // tfjs-core selu: SELU_SCALEALPHA / SELU_SCALE (tfjs-core/src/ops/selu_util.ts); ONNX Selu is gamma·(alpha·(eˣ−1)) for x ≤ 0.
  entry('selu', onnxOp('Selu', { alpha: 1.7580993408473768 / 1.0507009873554805, gamma: 1.0507009873554805 })),
  entry('softplus', onnxOp('Softplus')),
  entry('softsign', onnxOp('Softsign')),
  // tfjs Swish: x · sigmoid(x) (ONNX has no Swish op at opset 17).
  entry('swish', (b, x, out) => void b.node('Mul', [x, b.node('Sigmoid', [x], b.fresh(`${out}/sigmoid`))], out), { kerasAliases: ['silu'] }),
  // tfjs Mish: x · tanh(softplus(x)) (ONNX Mish is opset 18).
  entry('mish', (b, x, out) => void b.node('Mul', [x, b.node('Tanh', [b.node('Softplus', [x], b.fresh(`${out}/softplus`))], b.fresh(`${out}/tanh`))], out), { activationLayer: false }),
  // tfjs Gelu (exact): x · 0.5 · (1 + erf(x / √2)) (ONNX Gelu is opset 20).
  entry('gelu', (b, x, out) => {
    const scaled = b.node('Div', [x, b.floatConstant(`${out}/sqrt2`, [], [Math.SQRT2])], b.fresh(`${out}/div`));
    const erf = b.node('Erf', [scaled], b.fresh(`${out}/erf`));
    const onePlus = b.node('Add', [erf, b.floatConstant(`${out}/one`, [], [1])], b.fresh(`${out}/add`));
    const cdf = b.node('Mul', [onePlus, b.floatConstant(`${out}/half`, [], [0.5])], b.fresh(`${out}/cdf`));
    b.node('Mul', [x, cdf], out);
  }),
  entry('leakyRelu', (b, x, out, alpha) => void b.node('LeakyRelu', [x], out, { alpha }), {
    keras: 'leaky_relu',
    dense: false,
    layer: { className: 'LeakyReLU', tfjsSlope: 'alpha', kerasSlope: 'negative_slope' },
  }),
  // tfjs hardSigmoid is Keras 2's clip(0.2·x + 0.5, 0, 1) (tfjs-layers backend/tfjs_backend.ts), which is ONNX HardSigmoid's default form.
  entry('hardSigmoid', onnxOp('HardSigmoid', { alpha: 0.2, beta: 0.5 }), {
    keras: 'hard_sigmoid',
    kerasAliases: ['hardsigmoid'],
    // keras/src/activations/activations.py (Keras 3) defines hard_sigmoid as relu6(x + 3) / 6; tfjs-layers keeps Keras 2's 0.2·x + 0.5.
    kerasDiffers: 'tfjs computes clip(0.2·x + 0.5, 0, 1) (Keras 2); Keras 3 hard_sigmoid is clip(x/6 + 0.5, 0, 1).',
  }),
];

const BY_ID: ReadonlyMap<string, ActivationDefinition> = new Map(ACTIVATION_LIST.map((a) => [a.id, a]));

export function getActivation(id: string): ActivationDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`Unknown activation "${id}"; expected one of ${ACTIVATION_LIST.map((a) => a.id).join(', ')}.`);
  return def;
}

/** The activations a Dense layer offers (tfjs accepts each as a Dense `activation` string). */
export const DENSE_ACTIVATION_IDS: readonly string[] = ACTIVATION_LIST.filter((a) => a.dense).map((a) => a.id);
/** The activations the Activation layer offers. */
export const ACTIVATION_LAYER_IDS: readonly string[] = ACTIVATION_LIST.filter((a) => a.activationLayer).map((a) => a.id);

/** The Keras 3 name of an activation, e.g. `hardSigmoid` → `hard_sigmoid`; an unknown id is returned as it is. */
export const kerasActivationName = (id: string): string => BY_ID.get(id)?.keras ?? id;

/** Whether the fast Dense path computes this tfjs activation (by tfjs' class name, which is the id). */
export const isFusedActivation = (tfjsName: string): tfjsName is FusedActivationId => BY_ID.get(tfjsName)?.fused === true;

/**
 * The activation a Keras or tfjs name stands for: an id (`hardSigmoid`), a Keras name
 * (`hard_sigmoid`, `leaky_relu`) or an alias (`silu`, `hardsigmoid`). Undefined when none.
 */
export function activationFromKeras(name: string): string | undefined {
  if (BY_ID.has(name)) return name;
  return ACTIVATION_LIST.find((a) => a.keras === name || a.kerasAliases.includes(name))?.id;
}

/**
 * Writes activation `id` as ONNX operators from tensor `x` to tensor `out` (the registry entry's
 * `onnx`). `alpha` is the leakyRelu slope (the Activation layer's param; tfjs' default 0.3).
 * Throws for an id outside the registry (`getActivation`).
 */
export function writeOnnxActivation(b: OnnxWriter, id: string, x: string, out: string, alpha = 0.3): void {
  getActivation(id).onnx(b, x, out, alpha);
}
