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
 * objects by kind and size ("an object with 3 keys"), never recursing into them.
 */
export function quoteValue(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === 'string') {
    const shown = value.length > limit ? `${value.slice(0, limit)}…` : value;
    const quoted = JSON.stringify(shown);
    return value.length > limit ? `${quoted} (${value.length} characters)` : quoted;
  }
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return truncate(`${value}n`, limit);
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).length;
    return `an object with ${keys} key${keys === 1 ? '' : 's'}`;
  }
  return `a ${typeof value}`;
}

/** Cuts any text to `limit` characters, saying how long it was. */
export function truncate(text: string, limit = QUOTE_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}
