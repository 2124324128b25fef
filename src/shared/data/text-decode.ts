/**
 * Text encodings of data files (issue 12): Excel's "CSV UTF-8" starts with a byte-order mark,
 * its "Unicode text" is UTF-16 LE with one, and a few tools write UTF-16 without one. Pure: the
 * preview decodes a file's head with `decodeHead`, main's streaming import with `ChunkDecoder`.
 */

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be'] as const;
/** WHATWG Encoding Standard labels, as `new TextDecoder(label)` takes them. */
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** How `detectTextEncoding` knew: a byte-order mark, the zero bytes of UTF-16 text, or nothing (UTF-8 assumed). */
export type EncodingEvidence = 'bom' | 'zero-bytes' | 'default';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Length of the byte-order mark at the start (0, 2 or 3); the decoders below skip it. */
  bomBytes: number;
  evidence: EncodingEvidence;
}

/** Bytes of the head that the zero-byte test looks at. */
const SNIFF_BYTES = 4096;

/**
 * The encoding of a file from its first bytes: a byte-order mark (EF BB BF, FF FE, FE FF) decides;
 * without one, text that is mostly ASCII in UTF-16 has a zero in every other byte: when at least
 * 30% of the odd bytes (LE) or even bytes (BE) are zero and almost none of the others, it is
 * UTF-16 (UTF-8 text never holds a zero byte). Otherwise UTF-8.
 */
export function detectTextEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3, evidence: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, evidence: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, evidence: 'bom' };
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    if (oddZeros >= 0.3 * pairs && evenZeros <= 0.02 * pairs) return { encoding: 'utf-16le', bomBytes: 0, evidence: 'zero-bytes' };
    if (evenZeros >= 0.3 * pairs && oddZeros <= 0.02 * pairs) return { encoding: 'utf-16be', bomBytes: 0, evidence: 'zero-bytes' };
  }
  return { encoding: 'utf-8', bomBytes: 0, evidence: 'default' };
}

/**
 * Decodes the head of a file (or a whole file) in `encoding`, dropping a byte-order mark of that
 * encoding. Bytes that are not valid in it become U+FFFD (see `firstInvalidLine`); a character cut
 * at the end of the head only affects the last line, which the preview of a head drops.
 */
export function decodeHead(bytes: Uint8Array, encoding: TextEncodingName): string {
  const even = encoding === 'utf-8' ? bytes : bytes.subarray(0, bytes.length & ~1);
  return new TextDecoder(encoding).decode(even);
}

/** 1-based line of the first U+FFFD (a byte sequence the encoding could not decode), or null. */
export function firstInvalidLine(text: string): number | null {
  const at = text.indexOf('\uFFFD');
  if (at === -1) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Trial 10 (13): share of a head's characters that may be undecodable or control characters before it is not text. */
export const NOT_TEXT_RATIO = 0.1;

/** Why a file's head is not text: zero bytes in UTF-8, or too many bytes no text encoding would write. */
export interface NotTextEvidence {
  kind: 'nul' | 'invalid';
  /** Bytes looked at (the head). */
  bytes: number;
  /** Zero bytes ('nul'), or undecodable and control characters ('invalid'). */
  count: number;
  /** count / characters of the head, as a percentage rounded to a whole number ('invalid'). */
  percent: number;
}

/**
 * Whether the head of a file is not text, so no CSV reading can make sense of it (a binary file
 * chosen as CSV: an image, zip, database). UTF-8 text never holds a zero byte (UTF-16 does, and is
 * told by detectTextEncoding first); a Latin-1 file has a few bytes UTF-8 cannot decode (reported
 * line by line as 'bad-encoding'), random bytes have most: more than NOT_TEXT_RATIO of the
 * characters being U+FFFD or C0 control characters other than tab, line feed, form feed and
 * carriage return means binary. Null when the head reads as text.
 */
export function notTextEvidence(head: Uint8Array, encoding: TextEncodingName): NotTextEvidence | null {
  const bytes = head.length;
  if (bytes === 0) return null;
  if (encoding === 'utf-8') {
    let nul = 0;
    for (let i = 0; i < bytes; i++) if (head[i] === 0) nul++;
    if (nul > 0) return { kind: 'nul', bytes, count: nul, percent: Math.round((100 * nul) / bytes) };
  }
  const text = decodeHead(head, encoding);
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) bad++;
  }
  const ratio = bad / Math.max(1, text.length);
  return ratio > NOT_TEXT_RATIO ? { kind: 'invalid', bytes, count: bad, percent: Math.round(100 * ratio) } : null;
}

/** Delimiters Excel may name in a `sep=` first line. */
const SEP_LINE = /^"?sep=(.)"?[ \t]*\r?$/i;

/**
 * Excel's `sep=;` first line (written by Excel and read by it to pick the delimiter): the
 * delimiter it names, or null when the text does not start with one.
 */
export function sepLine(text: string): { delimiter: string } | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.indexOf('\n', start);
  const first = text.slice(start, end === -1 ? text.length : end);
  const match = SEP_LINE.exec(first);
  return match ? { delimiter: match[1] } : null;
}

/**
 * How to read a file's text from its first bytes: its encoding (detectTextEncoding) and the lines
 * before its records (1 for Excel's `sep=` line). What the preview reports as `text`; main's import
 * uses it when the import request does not say.
 */
export function detectTextLayout(head: Uint8Array): { encoding: TextEncodingName; skipLines: number } {
  const { encoding } = detectTextEncoding(head);
  return { encoding, skipLines: sepLine(decodeHead(head.subarray(0, 1024), encoding)) ? 1 : 0 };
}

/**
 * Decodes a file chunk by chunk (main's streaming import): `decode` takes consecutive chunks and
 * returns their text, a character split across chunks is kept for the next one, the byte-order
 * mark is dropped, and each of the first `skipLines` lines (the `sep=` line) is replaced by an
 * empty line, so the records' line numbers stay the file's own.
 */
export class ChunkDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private skipping: number;

  constructor(encoding: TextEncodingName, skipLines = 0) {
    this.decoder = new TextDecoder(encoding);
    this.skipping = skipLines;
  }

  decode(chunk: Uint8Array): string {
    return this.skip(this.decoder.decode(chunk, { stream: true }));
  }

  /** The text still held back (an incomplete character at the very end becomes U+FFFD). */
  flush(): string {
    return this.skip(this.decoder.decode());
  }

  private skip(text: string): string {
    let out = '';
    let rest = text;
    while (this.skipping > 0 && rest.length > 0) {
      const end = rest.indexOf('\n');
      if (end === -1) return out;
      out += '\n';
      rest = rest.slice(end + 1);
      this.skipping--;
    }
    return out + rest;
  }
}
