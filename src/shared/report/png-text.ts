/**
 * PNG text chunks (PNG spec, 3rd edition, §11.3.3: tEXt, iTXt): the report charts' PNGs carry
 * their title and caption (issue 17, src/renderer/src/lib/reportChart.ts); tests read them back.
 * Pure TypeScript on bytes, usable by the renderer, main and the tests.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of the PNG chunk type and data (PNG spec Annex D). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const isLatin1 = (s: string) => [...s].every((ch) => ch.charCodeAt(0) <= 0xff && ch.length === 1);

/** Typographic punctuation outside Latin-1 as its plain ASCII form (`—` → `-`), so an English title fits a `tEXt` chunk. */
export const latin1Fold = (s: string): string =>
  s.replace(/[\u2012-\u2015]/g, '-').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\u2026/g, '...').replace(/\u2212/g, '-');

/**
 * The text chunks for `keyword`: `tEXt` (Latin-1) when the text is Latin-1; otherwise `iTXt`
 * (UTF-8, uncompressed, no language tag) with the exact text, plus a `tEXt` of its Latin-1
 * folding ({@link latin1Fold}) when that is Latin-1 — for readers that only know tEXt
 * (PNG spec 3rd ed. §11.3.3: tEXt is Latin-1 only; several chunks may share a keyword).
 */
export function pngTextChunks(keyword: string, text: string): Uint8Array[] {
  if (isLatin1(text)) return [pngTextChunk(keyword, text)];
  const folded = latin1Fold(text);
  return [pngTextChunk(keyword, text), ...(isLatin1(folded) ? [pngTextChunk(keyword, folded)] : [])];
}

/** One text chunk for `keyword`: `tEXt` when the text is Latin-1, else `iTXt` (UTF-8). */
export function pngTextChunk(keyword: string, text: string): Uint8Array {
  if (isLatin1(text)) {
    const data = new Uint8Array(keyword.length + 1 + text.length);
    for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
    for (let i = 0; i < text.length; i++) data[keyword.length + 1 + i] = text.charCodeAt(i);
    return chunk('tEXt', data);
  }
  const body = new TextEncoder().encode(text);
  // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text.
  const data = new Uint8Array(keyword.length + 5 + body.length);
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
  data.set(body, keyword.length + 5);
  return chunk('iTXt', data);
}

/**
 * The PNG with text chunks (`Title`, `Description`, `Software`…) inserted right after its IHDR.
 * @throws Error when `png` does not start with the PNG signature and an IHDR chunk.
 */
export function withPngText(png: Uint8Array, texts: Readonly<Record<string, string>>): Uint8Array {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 33 || signature.some((b, i) => png[i] !== b) || String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') {
    throw new Error(`withPngText: expected a PNG file (signature, then IHDR), got ${png.length} bytes starting ${[...png.subarray(0, 8)].join(' ')}`);
  }
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = Object.entries(texts).flatMap(([k, v]) => pngTextChunks(k, v));
  const size = png.length + chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/**
 * A PNG's size (from the IHDR) and text chunks: `texts` keyword → text (an `iTXt`, exact UTF-8,
 * wins over a `tEXt` of the same keyword), `tEXt` the Latin-1 chunks alone. For tests and checks of exported files.
 */
export function readPngInfo(png: Uint8Array): { width: number; height: number; texts: Record<string, string>; tEXt: Record<string, string> } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const texts: Record<string, string> = {};
  const latin: Record<string, string> = {};
  let at = 8;
  while (at + 8 <= png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'tEXt' || type === 'iTXt') {
      const nul = data.indexOf(0);
      const keyword = String.fromCharCode(...data.subarray(0, nul));
      if (type === 'tEXt') {
        latin[keyword] = String.fromCharCode(...data.subarray(nul + 1));
        texts[keyword] ??= latin[keyword];
      } else {
        let p = nul + 3;
        p = data.indexOf(0, p) + 1;
        p = data.indexOf(0, p) + 1;
        texts[keyword] = new TextDecoder().decode(data.subarray(p));
      }
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return { width: view.getUint32(16), height: view.getUint32(20), texts, tEXt: latin };
}
