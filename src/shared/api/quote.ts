/**
 * Quoting untrusted values inside error messages. An error message may repeat what it refused,
 * but never all of it: a 50 MB string or a 10,000-level nested object quoted in full would make
 * the message itself the attack (memory, log floods, or a stack overflow in `JSON.stringify`).
 */

/** Longest quoted text, in characters, before it is cut with "… (N characters)". */
export const QUOTE_LIMIT = 80;

/**
 * A short, safe rendering of any value for an error message: strings in double quotes (cut to
 * `limit` characters plus the total length), numbers/booleans/null as themselves, arrays and
 * objects as compact JSON down to 3 levels (deeper levels shown as `…`), cut at `limit`
 * characters. Never walks more than `limit` characters' worth of the value, so a 10,000-level or
 * 50 MB value costs nothing.
 */
export function quoteValue(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === 'string') {
    const shown = value.length > limit ? `${value.slice(0, limit)}…` : value;
    const quoted = JSON.stringify(shown);
    return value.length > limit ? `${quoted} (${value.length} characters)` : quoted;
  }
  if (value === undefined) return 'nothing';
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  const out: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    out.push(text);
    length += text.length;
    return length <= limit;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return push(String(v));
    if (typeof v === 'bigint') return push(`${v}n`);
    if (typeof v === 'string') return push(JSON.stringify(v.length > limit ? `${v.slice(0, limit)}…` : v));
    if (typeof v !== 'object') return push(typeof v);
    if (depth >= 3) return push(Array.isArray(v) ? '[…]' : '{…}');
    if (Array.isArray(v)) {
      if (!push('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !push(',')) || !walk(v[i], depth + 1)) return false;
      return push(']');
    }
    if (!push('{')) return false;
    let first = true;
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      if ((!first && !push(',')) || !push(`${JSON.stringify(key.length > limit ? `${key.slice(0, limit)}…` : key)}:`) || !walk((v as Record<string, unknown>)[key], depth + 1)) return false;
      first = false;
    }
    return push('}');
  };
  let complete: boolean;
  try {
    complete = walk(value, 0);
  } catch {
    return 'a value that cannot be shown';
  }
  const text = out.join('');
  return complete ? text : `${text.slice(0, limit)}…`;
}

/** Cuts any text to `limit` characters, saying how long it was. */
export function truncate(text: string, limit = QUOTE_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}
