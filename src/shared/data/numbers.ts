/** A strict number: decimal or exponent notation, surrounding spaces allowed, finite. null for anything else. */
export function parseNumberStrict(text: string): number | null {
  // Unary plus is V8's fastest string→number path; the checks below only undo its leniency.
  const n = +text;
  if (n - n !== 0) return null; // NaN, ±Infinity
  if (n === 0 && text.trim() === '') return null;
  if (hasRadixPrefix(text)) return null;
  return n;
}

/** Number() accepts '0x1f', '0o7' and '0b1'; a data file means decimals. */
function hasRadixPrefix(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  if (c !== 48) return false;
  const next = text.charCodeAt(i + 1) | 32;
  return next === 120 || next === 111 || next === 98;
}

// ---- issue 12 (B1): number formats as spreadsheets write them

export const DECIMAL_SEPARATORS = ['.', ','] as const;
/** '' = no grouping; ' ' also accepts the no-break spaces French Excel writes (U+00A0, U+202F). */
export const THOUSANDS_SEPARATORS = ['', ',', '.', ' ', "'"] as const;

/**
 * How a file writes numbers: `1,250.5` is {decimal '.', thousands ','}, `1.250,5` (German)
 * {',', '.'}, `1 250,5` (French) {',', ' '}, `1'250.5` (Swiss) {'.', "'"}.
 */
export interface NumberFormat {
  decimal: (typeof DECIMAL_SEPARATORS)[number];
  thousands: (typeof THOUSANDS_SEPARATORS)[number];
}

/** Plain `1250.5`: what parseNumberStrict reads, and the format a file gets unless detection finds another. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimal: '.', thousands: '' };

const GROUPED: Record<Exclude<NumberFormat['thousands'], ''>, RegExp> = {
  ',': /^([+-]?)(\d{1,3}(?:,\d{3})+)(?![\d,])(.*)$/,
  '.': /^([+-]?)(\d{1,3}(?:\.\d{3})+)(?![\d.])(.*)$/,
  ' ': /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?![\d \u00a0\u202f])(.*)$/,
  "'": /^([+-]?)(\d{1,3}(?:'\d{3})+)(?![\d'])(.*)$/,
};
const SPACES = /[ \u00a0\u202f]/;

/**
 * A strict number in `format`: the whole text (surrounding spaces allowed) must be one number
 * written that way, else null. Thousands separators must group the integer part in threes
 * (`1,250`, `12,500,000`; not `1,25`); they are optional (`1250` reads in every format). With a
 * decimal comma a '.' is only valid as the thousands separator. Exponents as in parseNumberStrict.
 * parseNumber(text, DEFAULT_NUMBER_FORMAT) = parseNumberStrict(text).
 */
export function parseNumber(text: string, format: NumberFormat): number | null {
  if (format.decimal === '.' && format.thousands === '') return parseNumberStrict(text);
  let t = text.trim();
  const sep = format.thousands;
  if (sep !== '' && (sep === ' ' ? SPACES.test(t) : t.includes(sep))) {
    const match = GROUPED[sep].exec(t);
    if (!match) return null;
    const [, sign, integer, rest] = match;
    t = sign + integer.replace(sep === ' ' ? /[ \u00a0\u202f]/g : sep === '.' ? /\./g : new RegExp(sep, 'g'), '') + rest;
  }
  if (format.decimal === ',') {
    if (t.includes('.')) return null;
    t = t.replace(',', '.');
  } else if (t.includes(',')) return null;
  return parseNumberStrict(t);
}
// ---- end issue 12 (B1)
