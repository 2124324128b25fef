import { activationFromKeras as activationIdFromKeras, kerasActivationName } from '../activations';
import { quoteValue } from '../api/quote';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS } from './initializers';
import type { CodeCall, CodeValue, KerasConfig, KerasImportContext, LayerDefinition, LayerParams, ParamSpec, TfjsLayerConfig } from './types';

/**
 * What the layer files share to meet Keras: reading Keras configs (import) and describing their
 * constructors as code data (export). Nothing here writes code text; see src/shared/codegen/literals.ts.
 */

/** A JSON object (not null, not a list), as Keras serializes initializers, regularizers and configs. */
export const isKerasObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObject = isKerasObject;

/** A config value by its Keras (snake_case) key; hand-made files sometimes use camelCase, which is accepted too. */
export function kerasGet(config: KerasConfig, snake: string): unknown {
  if (snake in config) return config[snake];
  const camel = snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return config[camel];
}

function kerasKeys(spec: ParamSpec): readonly string[] {
  return spec.keras === undefined ? [] : typeof spec.keras === 'string' ? [spec.keras] : spec.keras;
}

/** Every Keras config key the layer reads on import: its params' `keras` keys and `keras.reads`. */
export function kerasReadKeys(def: Pick<LayerDefinition, 'params' | 'keras'>): string[] {
  return [...def.params.flatMap(kerasKeys), ...(def.keras.reads ?? [])];
}

/**
 * The params that have a `keras` key, read from the config; a key Keras left out (or wrote as
 * null) takes the param's own default, so no Keras default is restated outside the layer file.
 */
export function kerasParams(def: Pick<LayerDefinition, 'params'>, config: KerasConfig): LayerParams {
  const params: LayerParams = {};
  for (const spec of def.params) {
    const keys = kerasKeys(spec);
    if (keys.length === 0) continue;
    const value = keys.map((k) => kerasGet(config, k)).find((v) => v !== undefined && v !== null);
    params[spec.name] = value ?? (Array.isArray(spec.default) ? [...spec.default] : spec.default);
  }
  return params;
}

/** The default of one param, for `fromKeras` code that fills a param by hand. */
export function paramDefault(def: Pick<LayerDefinition, 'params'>, name: string): unknown {
  const spec = def.params.find((p) => p.name === name);
  if (!spec) throw new Error(`No param "${name}" in the layer.`);
  return spec.default;
}

/**
 * Keras activation names → Neurite's (tfjs') activation ids, where they differ. Keras 3 `silu` is
 * `swish`; `leaky_relu` is LeakyReLU as an activation function.
 */

/**
 * A Keras `activation` config value (a name, or a serialized activation object) as Neurite's id;
 * `fallback` (the layer's param default) when the config has none.
 */
export function activationFromKeras(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const name = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name.toLowerCase() : String(value);
  return activationIdFromKeras(name) ?? name;
}

/** Neurite's activation id as Keras 3 spells it, e.g. `hardSigmoid` → `hard_sigmoid`. */
export function activationToKeras(id: unknown): string {
  return kerasActivationName(String(id));
}

/** A tfjs initializer id as Keras 3 spells it: `leCunNormal` → `lecun_normal`, `glorotUniform` → `glorot_uniform`. */
export function initializerToKeras(id: unknown): string {
  return String(id)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace('le_cun', 'lecun');
}

const INITIALIZER_IDS: Record<string, string> = {};
for (const id of [...KERNEL_INITIALIZERS, ...BIAS_INITIALIZERS]) INITIALIZER_IDS[id.toLowerCase()] = id;

/**
 * A Keras initializer (a name, or `{class_name, config}`; a VarianceScaling recognised as the
 * Glorot/He/LeCun family it is) as one of the `allowed` ids. Absent: `fallback` (the param's
 * default). Not offered: `fallback`, with a warning (weights loaded from files are unaffected).
 */
export function initializerFromKeras(value: unknown, fallback: string, allowed: readonly string[], context: KerasImportContext): string {
  if (value === undefined || value === null) return fallback;
  let className = typeof value === 'string' ? value : isObject(value) ? String(value.class_name ?? value.className ?? '') : '';
  const config = isObject(value) && isObject(value.config) ? value.config : {};
  if (className === 'VarianceScaling') {
    const mode = String(kerasGet(config, 'mode'));
    const distribution = String(kerasGet(config, 'distribution'));
    const scale = Number(kerasGet(config, 'scale'));
    const family = mode === 'fan_avg' && scale === 1 ? 'glorot' : mode === 'fan_in' && scale === 2 ? 'he' : mode === 'fan_in' && scale === 1 ? 'leCun' : null;
    const kind = distribution === 'uniform' ? 'Uniform' : distribution.includes('normal') ? 'Normal' : null;
    className = family && kind ? `${family}${kind}` : className;
  }
  const id = INITIALIZER_IDS[className.replace(/_/g, '').toLowerCase()];
  if (id && allowed.includes(id)) return id;
  context.warn(`${context.layerName}: initializer ${className ? quoteValue(className) : quoteValue(value)} is not offered; using ${fallback}. Weights loaded from files are not affected.`);
  return fallback;
}

/**
 * Whether a config value is the `neutral` one of a dropped key: equal literals, null for null or
 * absent, or an initializer/regularizer object whose class is the neutral name (`'zeros'` ~ `Zeros`).
 */
export function isNeutral(value: unknown, neutral: unknown): boolean {
  if (value === undefined) return true;
  if (neutral === null) return value === null;
  if (typeof neutral === 'string') {
    const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
    if (typeof value === 'string') return norm(value) === norm(neutral);
    if (isObject(value)) return typeof value.class_name === 'string' ? norm(value.class_name) === norm(neutral) : typeof value.className === 'string' && norm(value.className) === norm(neutral);
    return false;
  }
  if (Array.isArray(neutral)) return Array.isArray(value) && value.length === neutral.length && value.every((v, i) => v === neutral[i]);
  return value === neutral;
}

/** A call as code data; see CodeCall. */
export function codeCall(callee: string, args: readonly CodeValue[] = [], kwargs: readonly (readonly [string, CodeValue])[] = []): CodeCall {
  return { kind: 'call', callee, args, kwargs };
}

const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);

/**
 * The TypeScript constructor for a tfjs layer config, the one the app compiles: `tf.layers.<factory>`
 * (by default the className with a lower-case first letter; tfjs spells some factories otherwise,
 * e.g. `conv2d` for Conv2D) with the config's entries; an initializer object becomes its tfjs id
 * and an L1L2 regularizer a `tf.regularizers.l1l2` call.
 * @throws Error for a config value this mapping does not know (a layer file must then write its own).
 */
export function tfjsLayerCode(tfjs: TfjsLayerConfig, factory: string = lowerFirst(tfjs.className)): CodeCall {
  const kwargs = Object.entries(tfjs.config).map(([key, value]): [string, CodeValue] => [key, tfjsValueCode(key, value)]);
  return codeCall(`tf.layers.${factory}`, [], kwargs);
}

function tfjsValueCode(key: string, value: unknown): CodeValue {
  if (value === undefined) return null;
  if (isObject(value)) {
    const className = typeof value.className === 'string' ? value.className : null;
    const config = isObject(value.config) ? value.config : {};
    if (className === 'L1L2') return codeCall('tf.regularizers.l1l2', [], [['l1', config.l1 as CodeValue], ['l2', config.l2 as CodeValue]]);
    if (className && key.endsWith('Initializer') && Object.keys(config).length === 0) return lowerFirst(className);
    throw new Error(`No TypeScript for the tfjs config value ${key} = ${quoteValue(value)}.`);
  }
  return value as CodeValue;
}

/**
 * A normalization layer's Keras `axis`: Neurite normalizes the last axis. Keras writes it as -1,
 * tfjs as the resolved one-element list ([1] for rank-2 inputs); anything else is imported as the
 * last axis with a warning naming the layer class and the value.
 */
export function warnUnlessLastAxis(config: KerasConfig, context: KerasImportContext, className: string): void {
  const axis = kerasGet(config, 'axis');
  if (axis !== undefined && axis !== -1 && !(Array.isArray(axis) && axis.length === 1)) context.warn(`${context.layerName}: ${className} axis ${quoteValue(axis)} imported as the last axis.`);
}
