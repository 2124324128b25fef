import { z } from 'zod';

/**
 * Numbers that may be non-finite, as they travel between processes. JSON (the WebSocket of the
 * browser host, `--json` output) has no NaN or Infinity — `JSON.stringify(Infinity)` is `null` —
 * and zod's `z.number()` refuses them, so a prediction that overflowed float32 used to be dropped
 * as a malformed reply and its call never answered. On the wire a non-finite value is the string
 * `'NaN'`, `'Infinity'` or `'-Infinity'` (the spelling of `String(x)` in JavaScript and of
 * `float('inf')` in Python's `repr`); finite values stay numbers.
 */
export const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;
export type NonFiniteText = (typeof NON_FINITE)[number];

/** A number on the wire: a finite number, or the name of a non-finite one. */
export const WireNumberSchema = z.union([z.number(), z.enum(NON_FINITE)]);
export type WireNumber = z.infer<typeof WireNumberSchema>;

/** Rows of wire numbers (`[rows][columns]`), e.g. a prediction's outputs. */
export const WireRowsSchema = z.array(z.array(WireNumberSchema));

export function encodeNumber(value: number): WireNumber {
  return Number.isFinite(value) ? value : (String(value) as NonFiniteText);
}

export function decodeNumber(value: WireNumber): number {
  return typeof value === 'number' ? value : Number(value);
}

export function encodeRows(rows: ArrayLike<number>[]): WireNumber[][] {
  return Array.from(rows, (row) => Array.from(row, encodeNumber));
}

export function decodeRows(rows: WireNumber[][]): number[][] {
  return rows.map((row) => row.map(decodeNumber));
}
