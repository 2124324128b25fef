import { describe, expect, it } from 'vitest';
import { crc32, readPngInfo, withPngText } from './png-text';

/** A PNG's chunk structure (signature, IHDR of `width`×`height`, IDAT, IEND; the IDAT is not compressed pixel data: only the chunks are read here). */
function tinyPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (width + 1)).fill(255);
  for (let r = 0; r < height; r++) raw[r * (width + 1)] = 0;
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', raw), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

describe('PNG text chunks', () => {
  it('inserts a tEXt Title after the IHDR, with valid CRCs, and keeps the image', () => {
    const png = tinyPng(1600, 3);
    const out = withPngText(png, { Title: 'Loss - Iris, run 3', Software: 'Neurite' });
    const info = readPngInfo(out);
    expect(info).toEqual({ width: 1600, height: 3, texts: { Title: 'Loss - Iris, run 3', Software: 'Neurite' }, tEXt: { Title: 'Loss - Iris, run 3', Software: 'Neurite' } });
    expect(String.fromCharCode(...out.subarray(37, 41))).toBe('tEXt');
    // Every chunk's CRC checks out.
    const view = new DataView(out.buffer);
    for (let at = 8; at < out.length; ) {
      const length = view.getUint32(at);
      expect(crc32(out.subarray(at + 4, at + 8 + length))).toBe(view.getUint32(at + 8 + length));
      at += 12 + length;
    }
  });

  it('writes an em dash title exactly as iTXt and folded as tEXt', () => {
    const info = readPngInfo(withPngText(tinyPng(4, 1), { Title: 'Loss — Iris, run 3' }));
    expect(info.texts.Title).toBe('Loss — Iris, run 3');
    expect(info.tEXt.Title).toBe('Loss - Iris, run 3');
  });

  it('writes a Chinese title as UTF-8 iTXt (tEXt is Latin-1 only)', () => {
    const out = withPngText(tinyPng(4, 1), { Title: '损失 — 鸢尾花，第 3 次运行' });
    expect(String.fromCharCode(...out.subarray(37, 41))).toBe('iTXt');
    expect(readPngInfo(out).texts.Title).toBe('损失 — 鸢尾花，第 3 次运行');
  });

  it('refuses bytes that are not a PNG, saying what it got', () => {
    expect(() => withPngText(new Uint8Array(40), { Title: 'x' })).toThrow(/expected a PNG file/);
  });
});
