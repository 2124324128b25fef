import type { LayerDefinition, LayerParams, ParamSpec, Shape } from './types';

export interface ParamProblem {
  field: string;
  message: string;
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

function rangeText(spec: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }): string {
  const lower = spec.min === undefined ? null : spec.exclusiveMin ? `greater than ${spec.min}` : `at least ${spec.min}`;
  const upper = spec.max === undefined ? null : spec.exclusiveMax ? `less than ${spec.max}` : `at most ${spec.max}`;
  if (lower && upper) {
    if (!spec.exclusiveMin && !spec.exclusiveMax) return `between ${spec.min} and ${spec.max}`;
    return `${lower} and ${upper}`;
  }
  return lower ?? upper ?? '';
}

function checkValue(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `a whole number${spec.min !== undefined || spec.max !== undefined ? ' ' + rangeText(spec) : ''}`;
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return `a whole number ${rangeText(spec)}`;
      return null;
    }
    case 'float': {
      const range = rangeText(spec);
      if (typeof value !== 'number' || !Number.isFinite(value)) return range ? `a number ${range}` : 'a number';
      const tooLow = spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min);
      const tooHigh = spec.max !== undefined && (spec.exclusiveMax ? value >= spec.max : value > spec.max);
      return tooLow || tooHigh ? range : null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value) ? null : `one of ${spec.options.join(', ')}`;
    case 'shape': {
      const expected = spec.allowInfer
        ? 'a list of positive whole numbers such as [4] or [2, 2], with at most one -1 meaning "whatever is left"'
        : 'a list of positive whole numbers such as [4] or [28, 28]';
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
 */
export function validateParams(def: LayerDefinition, params: LayerParams | undefined): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const spec of def.params) {
    const value = params?.[spec.name];
    if (value === undefined) continue;
    const expected = checkValue(spec, value);
    if (expected !== null) {
      problems.push({
        field: spec.name,
        message: `${def.label} ${lowerFirst(spec.label)} must be ${expected}; got ${describeValue(value)}.`,
      });
    }
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
