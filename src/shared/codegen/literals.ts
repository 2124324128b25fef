import type { CodeCall, CodeValue } from '../layers/types';
import { CodegenError } from './common';

/**
 * The one encoder of values into source per language (issue 11, finding 1: a project file is
 * data, and no value from it may become code). Layer files describe their constructors as
 * `CodeCall` data; these functions are the only place such data turns into text.
 */

/**
 * A Python literal for null (None), a boolean, a finite number, a text or a list of these (as a
 * tuple); anything else is refused. Texts use JSON's escapes, which Python's string literals read
 * the same way.
 * @throws CodegenError for NaN, Infinity, objects and other types.
 */
export function pyLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CodegenError(`Cannot write ${value} into a Python script: expected a finite number.`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pyLiteral(value[0])},)` : `(${value.map(pyLiteral).join(', ')})`;
  throw new CodegenError(`Cannot write a value of type ${typeof value} into a Python script: expected a number, text, true/false or a list.`);
}

/**
 * A TypeScript literal: JSON for null, a boolean, a finite number, a text or a list of these.
 * @throws CodegenError for NaN, Infinity (which JSON would silently write as null) and other types.
 */
export function tsLiteral(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CodegenError(`Cannot write ${value} into a TypeScript script: expected a finite number.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  throw new CodegenError(`Cannot write a value of type ${typeof value} into a TypeScript script: expected a number, text, true/false or a list.`);
}

const isCall = (value: unknown): value is CodeCall => typeof value === 'object' && value !== null && !Array.isArray(value) && (value as CodeCall).kind === 'call';

/** Callees and keyword names come from the layer files, never from a project; checked anyway. */
function identifier(name: string, what: string): string {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name)) throw new CodegenError(`Cannot write ${JSON.stringify(name)} as a ${what}: expected an identifier.`);
  return name;
}

/** A code value as Python: `callee(arg, ..., key=value, ...)` for a call, else `pyLiteral`. */
export function pyCode(value: CodeValue): string {
  if (!isCall(value)) return pyLiteral(value);
  const args = [...(value.args ?? []).map(pyCode), ...(value.kwargs ?? []).map(([k, v]) => `${identifier(k, 'keyword')}=${pyCode(v)}`)];
  return `${identifier(value.callee, 'function name')}(${args.join(', ')})`;
}

/** A code value as TypeScript: `callee({ key: value, ... })` for a call (null entries left out), else `tsLiteral`. */
export function tsCode(value: CodeValue): string {
  if (!isCall(value)) return tsLiteral(value);
  if ((value.args ?? []).length > 0) throw new CodegenError(`${value.callee}: a TypeScript call takes one config object, not positional arguments.`);
  const entries = (value.kwargs ?? []).filter(([, v]) => v !== null).map(([k, v]) => `${identifier(k, 'property name')}: ${tsCode(v)}`);
  return `${identifier(value.callee, 'function name')}({ ${entries.join(', ')} })`;
}
