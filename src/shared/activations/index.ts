/**
 * The activation registry: every activation function the Dense and Activation layers offer. The
 * layers' option lists, the fast Dense path, the Keras code generator and the model importer read
 * it. Entries are a handful of facts and no code, so they share this one table (the loss and
 * metric registries, whose entries carry formulas, have a file each); adding an activation is one
 * row here plus its reference formula in the conformance test.
 */

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
}

const entry = (id: string, rest: Partial<ActivationDefinition> = {}): ActivationDefinition => ({
  id,
  keras: id,
  kerasAliases: [],
  dense: true,
  activationLayer: true,
  fused: false,
  ...rest,
});

/** In the order the layers list them. Formulas: tfjs-layers `activations.ts`; Keras names: keras/src/activations/__init__.py. */
export const ACTIVATION_LIST: readonly ActivationDefinition[] = [
  entry('linear', { fused: true }),
  entry('relu', { fused: true }),
  entry('relu6', { activationLayer: false }),
  entry('sigmoid', { fused: true }),
  entry('tanh', { fused: true }),
  entry('softmax', { fused: true }),
  entry('elu', { fused: true }),
  entry('selu'),
  entry('softplus'),
  entry('softsign'),
  entry('swish', { kerasAliases: ['silu'] }),
  entry('mish', { activationLayer: false }),
  entry('gelu'),
  entry('leakyRelu', { keras: 'leaky_relu', dense: false, layer: { className: 'LeakyReLU', tfjsSlope: 'alpha', kerasSlope: 'negative_slope' } }),
  entry('hardSigmoid', {
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
