import type { LayerDefinition, LayerParams, ParamSpec, Shape } from './types';
import { renderTemplate, type MessageParams } from '../graph/problem-text';

/**
 * Issue 16: parameter-value errors as data. English written once here; the UI's dictionaries
 * translate the same keys (`{name}` parameters; `<name>Id` parameters hold a nested key). Params:
 * `layer` (the layer's label, e.g. Dense, kept untranslated), `fieldId` (the param's name inside a
 * sentence, `param.field.<Type>.<name>`: in English its registry label lower-cased, see
 * `paramFieldKey`), `got` (the value as quoted, or `gotId` for a value with no text of its own),
 * `rangeId` with `min`/`max`, `options`.
 */
export const PARAM_MESSAGES_EN = {
  'param.int': '{layer} {field} must be a whole number; got {got}.',
  'param.int.range': '{layer} {field} must be a whole number {range}; got {got}.',
  'param.float': '{layer} {field} must be a number; got {got}.',
  'param.float.range': '{layer} {field} must be {range}; got {got}.',
  'param.float.range.notNumber': '{layer} {field} must be a number {range}; got {got}.',
  'param.bool': '{layer} {field} must be true or false; got {got}.',
  'param.enum': '{layer} {field} must be one of {options}; got {got}.',
  'param.shape': '{layer} {field} must be a list of positive whole numbers such as [4] or [28, 28]; got {got}.',
  'param.shape.infer': '{layer} {field} must be a list of positive whole numbers such as [4] or [2, 2], with at most one -1 meaning "whatever is left"; got {got}.',
  // Ranges, filling `{range}` above.
  'param.range.between': 'between {min} and {max}',
  'param.range.atLeast': 'at least {min}',
  'param.range.greaterThan': 'greater than {min}',
  'param.range.atMost': 'at most {max}',
  'param.range.lessThan': 'less than {max}',
  'param.range.atLeast.lessThan': 'at least {min} and less than {max}',
  'param.range.greaterThan.atMost': 'greater than {min} and at most {max}',
  'param.range.greaterThan.lessThan': 'greater than {min} and less than {max}',
  // Values with no text of their own, filling `{got}`.
  'param.value.nothing': 'nothing',
  'param.value.notNumber': 'not a number',
} as const;

export type ParamMessageId = keyof typeof PARAM_MESSAGES_EN;

/** The dictionary key of a param's name inside a sentence ("Dense units must be …"): `param.field.<Type>.<name>`. */
export const paramFieldKey = (def: Pick<LayerDefinition, 'type'>, spec: Pick<ParamSpec, 'name'>): string => `param.field.${def.type}.${spec.name}`;

/** A param's name inside an English sentence: its registry label, lower-cased unless it is an acronym ("units", "L1 regularization"). */
export function paramFieldText(spec: Pick<ParamSpec, 'label'>): string {
  return lowerFirst(spec.label);
}

export interface ParamProblem {
  field: string;
  /** The English sentence (CLI, API, logs), rendered from `messageId` + `params`. */
  message: string;
  /** A key of PARAM_MESSAGES_EN: the UI renders it through its dictionary. */
  messageId?: ParamMessageId;
  params?: MessageParams;
}

export function defaultParams(def: LayerDefinition): LayerParams {
  const params: LayerParams = {};
  for (const spec of def.params) params[spec.name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  return params;
}

/** The node's params with every missing key filled from the defaults, so older files and partial templates still compile. */
export function resolveParams(def: LayerDefinition, params: LayerParams | undefined): LayerParams {
  const resolved = defaultParams(def);
  for (const spec of def.params) {
    const value = params?.[spec.name];
    if (value !== undefined) resolved[spec.name] = value;
  }
  return resolved;
}

/** The params the inspector shows for a node: those whose `appliesWhen` holds for its resolved params (issue 17). */
export function shownParams(def: LayerDefinition, params: LayerParams | undefined): ParamSpec[] {
  const resolved = resolveParams(def, params);
  return def.params.filter((spec) => spec.appliesWhen?.(resolved) ?? true);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value === null) return 'nothing';
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number';
  return String(value);
}

function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1].toLowerCase() ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The range's message id, or null when the spec has no bounds. */
function rangeId(spec: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }): ParamMessageId | null {
  const lower = spec.min === undefined ? null : spec.exclusiveMin ? 'greaterThan' : 'atLeast';
  const upper = spec.max === undefined ? null : spec.exclusiveMax ? 'lessThan' : 'atMost';
  if (lower && upper) return lower === 'atLeast' && upper === 'atMost' ? 'param.range.between' : (`param.range.${lower}.${upper}` as ParamMessageId);
  return lower || upper ? (`param.range.${lower ?? upper}` as ParamMessageId) : null;
}

/** What a bad value of `spec` breaks: the message id (with its range) for "must be …", or null when the value is fine. */
function checkValue(spec: ParamSpec, value: unknown): { id: ParamMessageId; rangeId?: ParamMessageId } | null {
  switch (spec.kind) {
    case 'int': {
      const range = rangeId(spec);
      const bad = typeof value !== 'number' || !Number.isInteger(value) || (spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max);
      if (!bad) return null;
      return range ? { id: 'param.int.range', rangeId: range } : { id: 'param.int' };
    }
    case 'float': {
      const range = rangeId(spec);
      if (typeof value !== 'number' || !Number.isFinite(value)) return range ? { id: 'param.float.range.notNumber', rangeId: range } : { id: 'param.float' };
      const tooLow = spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min);
      const tooHigh = spec.max !== undefined && (spec.exclusiveMax ? value >= spec.max : value > spec.max);
      return (tooLow || tooHigh) && range ? { id: 'param.float.range', rangeId: range } : null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : { id: 'param.bool' };
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value) ? null : { id: 'param.enum' };
    case 'shape': {
      const expected = { id: spec.allowInfer ? 'param.shape.infer' : 'param.shape' } as const;
      if (!Array.isArray(value) || value.length === 0) return expected;
      let inferred = 0;
      for (const d of value) {
        if (typeof d !== 'number' || !Number.isInteger(d)) return expected;
        if (d === -1 && spec.allowInfer) inferred++;
        else if (d < 1) return expected;
      }
      return inferred > 1 ? expected : null;
    }
  }
}

/** The JSON type a param of this kind must have, whatever its range: what loading a file checks. */
function typeMismatch(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'int':
    case 'float':
      return typeof value === 'number' ? null : 'a number';
    case 'bool':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value) ? null : `one of ${spec.options.join(', ')}`;
    case 'shape':
      return Array.isArray(value) && value.length <= 8 && value.every((d) => typeof d === 'number' && Number.isInteger(d)) ? null : 'a list of at most 8 whole numbers';
  }
}

/**
 * The params whose JSON type is wrong for the layer (a text where a number belongs, an option the
 * layer does not have). Values of the right type but out of range are not reported here: a project
 * may be saved half-edited, and graph validation pins those to the node. Loading a file refuses
 * wrong types (issue 11, finding 1: a `units` text reached the code generators).
 */
export function paramTypeProblems(def: LayerDefinition, params: LayerParams | undefined): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const spec of def.params) {
    const value = params?.[spec.name];
    if (value === undefined) continue;
    const expected = typeMismatch(spec, value);
    if (expected !== null) problems.push({ field: spec.name, message: `${def.label} ${lowerFirst(spec.label)} must be ${expected}; got ${describeValue(value)}.` });
  }
  return problems;
}

/** A value as an error message quotes it: short, on one line, whatever its size. */
export function describeValue(value: unknown, max = 60): string {
  const text = formatValue(value);
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}… (${oneLine.length} characters)` : oneLine;
}

/**
 * Checks params against the layer's ParamSpec list, Keras-style: each message names the layer and
 * field, says what is allowed and what was given. Missing keys are fine (they take the default).
 * Each problem carries its words as data (`messageId`, a key of PARAM_MESSAGES_EN, and `params`)
 * and the English `message` rendered from them, e.g. "Dense units must be a whole number between 1
 * and 100000; got 0." The inspector and the `invalid-param` graph problem render the data in the
 * UI's language.
 */
export function validateParams(def: LayerDefinition, params: LayerParams | undefined): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const spec of def.params) {
    const value = params?.[spec.name];
    if (value === undefined) continue;
    const found = checkValue(spec, value);
    if (found === null) continue;
    const fieldKey = paramFieldKey(def, spec);
    const vars: MessageParams = { layer: def.label, fieldId: fieldKey };
    if (value === null || value === undefined) vars.gotId = 'param.value.nothing';
    else if (typeof value === 'number' && Number.isNaN(value)) vars.gotId = 'param.value.notNumber';
    else vars.got = describeValue(value);
    if (found.rangeId) vars.rangeId = found.rangeId;
    if ('min' in spec && spec.min !== undefined) vars.min = spec.min;
    if ('max' in spec && spec.max !== undefined) vars.max = spec.max;
    if (spec.kind === 'enum') vars.options = spec.options.join(', ');
    problems.push({ field: spec.name, messageId: found.id, params: vars, message: renderTemplate({ ...PARAM_MESSAGES_EN, [fieldKey]: paramFieldText(spec) }, found.id, vars) });
  }
  return problems;
}

export function formatShape(shape: Shape): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

export function product(dims: readonly (number | null)[]): number | null {
  let total = 1;
  for (const d of dims) {
    if (d === null) return null;
    total *= d;
  }
  return total;
}
