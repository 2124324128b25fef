/** At most this many rows are predicted at once from the predict panel's rows field. */
export const MAX_ROWS = 1000;

/** "0, 1", "3-5" → [0, 1, 3, 4, 5]; null when the text is not a list of rows within [0, rows). */
export function parseRowList(text: string, rows: number): number[] | null {
  const out: number[] = [];
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return null;
  for (const part of parts) {
    const match = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(part);
    if (!match) return null;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from || to >= rows) return null;
    for (let r = from; r <= to && out.length <= MAX_ROWS; r++) out.push(r);
  }
  return out.length > MAX_ROWS ? null : out;
}

