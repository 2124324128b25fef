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
