import * as fontkit from 'fontkit';

/**
 * Trial 10 (22): outlines of texts in the bundled CJK font (a WOFF2 subset of Noto Sans CJK SC,
 * fetched from the app's own assets), off the UI thread (decoding the 2 MB font takes a few
 * hundred ms). Request: `{ url, texts }`; reply: `{ ok: true, unitsPerEm, outlines }`, one per
 * text: its SVG path data laid out by fontkit (`font.layout`, kerning and substitutions applied)
 * in font units, y up, from the pen's start on the baseline, and its advance width — or
 * `{ ok: false, message }`.
 *
 * Why outlines and not an embedded subset font: fontkit's `createSubset()` writes fonts for PDF
 * embedding (glyph ids, no `cmap` table), which browsers refuse as web fonts.
 */
self.onmessage = async (event: MessageEvent<{ url: string; texts: string[] }>) => {
  try {
    const bytes = new Uint8Array(await (await fetch(event.data.url)).arrayBuffer());
    const font = fontkit.create(bytes as unknown as Buffer);
    if (!('layout' in font)) throw new Error('the bundled font is a collection');
    const outlines = event.data.texts.map((text) => {
      const run = font.layout(text);
      let x = 0;
      const parts: string[] = [];
      run.glyphs.forEach((glyph, i) => {
        const at = run.positions[i];
        parts.push(glyph.path.translate(x + at.xOffset, at.yOffset).toSVG());
        x += at.xAdvance;
      });
      return { d: parts.join(''), advance: x };
    });
    (self as unknown as Worker).postMessage({ ok: true, unitsPerEm: font.unitsPerEm, outlines });
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
