import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';

/**
 * Issue 16 (fonts): the bundled "Neurite CJK" font (src/renderer/src/assets/fonts, built by
 * scripts/build-cjk-font.py) must hold every character the app's Chinese texts show within its
 * @font-face unicode-range, and every Han character they use must fall inside that range, or a
 * machine without CJK fonts shows boxes. Adding Chinese text with a new character fails here until
 * the font is rebuilt.
 */
const ROOT = join(__dirname, '..', '..');
const FONT = join(ROOT, 'src/renderer/src/assets/fonts/NeuriteCJK-Regular.woff2');
const CSS = readFileSync(join(ROOT, 'src/renderer/src/styles.css'), 'utf8');
/** Every source file that can hold user-visible Chinese: the app's code (not its tests) and the templates. */
const SOURCES = [
  ...(readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join('src', f)),
  'resources/templates/index.json',
];

/** The @font-face unicode-range of "Neurite CJK" as [first, last] code point pairs. */
function unicodeRange(): [number, number][] {
  const face = /@font-face\s*{[^}]*font-family:\s*'Neurite CJK'[^}]*}/.exec(CSS)?.[0];
  const range = face && /unicode-range:\s*([^;]+);/.exec(face)?.[1];
  if (!range) throw new Error("styles.css has no @font-face for 'Neurite CJK' with a unicode-range");
  return range.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

const isHan = (cp: number) => (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);

describe('the bundled Chinese font (issue 16)', () => {
  const font = fontkit.openSync(FONT) as fontkit.Font;
  const ranges = unicodeRange();
  const inRange = (cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);
  const used = new Set<number>();
  for (const source of SOURCES) for (const ch of readFileSync(join(ROOT, source), 'utf8')) if (ch.codePointAt(0)! > 0x7f) used.add(ch.codePointAt(0)!);

  it('is the renamed subset, with GB 2312 level-1 hanzi', () => {
    expect(font.familyName).toBe('Neurite CJK');
    // 啊 (first) and 座 (last) of GB 2312 level 1, and a level-2 character.
    for (const ch of ['啊', '座', '亍']) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
  });

  it("holds every character of the app's Chinese texts that its unicode-range sends to it", () => {
    const missing = [...used].filter((cp) => inRange(cp) && !font.hasGlyphForCodePoint(cp)).map((cp) => String.fromCodePoint(cp));
    expect(missing, 'rebuild the font: python3 scripts/build-cjk-font.py <NotoSansCJK-Regular.ttc>').toEqual([]);
  });

  // Trial 11: the training log's monospace font stack lacked the bundled font, so its Chinese
  // ("还没有完成的轮次。") drew as boxes on a machine without CJK fonts.
  it('is in every font stack of the stylesheet', () => {
    const stacks = [...CSS.matchAll(/(?:^|[;{\s])font(?:-family)?:\s*([^;]+);/g)].map((m) => m[1].trim()).filter((v) => !/^(inherit|initial|unset)$/.test(v) && v !== "'Neurite CJK'");
    expect(stacks.length).toBeGreaterThan(5);
    expect(stacks.filter((v) => !v.includes("'Neurite CJK'"))).toEqual([]);
  });

  it("sends every Han character of the app's texts to it", () => {
    const outside = [...used].filter((cp) => isHan(cp) && !inRange(cp)).map((cp) => String.fromCodePoint(cp));
    expect(outside).toEqual([]);
    expect([...used].filter(isHan).length).toBeGreaterThan(300);
  });
});
